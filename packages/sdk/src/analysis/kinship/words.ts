/**
 * How a code, a process or an activity met what was asked, in the kit's two languages: one home for
 * the words the CLI (`toile makers`, `kin`, `leaps`, `capacity`) and the widgets show.
 */
import type { CodeMatch, ProcessMatch } from './matches.ts';
import type { NafLevel } from './naf.ts';

/** A match's words, in French and English. */
export const KINSHIP_MATCH_WORDS: Readonly<Record<CodeMatch | ProcessMatch | NafLevel, Readonly<{ fr: string; en: string }>>> = {
  code: { fr: 'même code', en: 'same code' },
  within: { fr: 'code plus fin', en: 'narrower code' },
  'code-prefix-6': { fr: '6 premiers caractères', en: 'first 6 characters' },
  'code-prefix-4': { fr: '4 premiers caractères', en: 'first 4 characters' },
  'code-prefix-2': { fr: '2 premiers caractères', en: 'first 2 characters' },
  process: { fr: 'même procédé', en: 'same process' },
  narrower: { fr: 'procédé plus précis', en: 'narrower process' },
  broader: { fr: 'groupe du procédé', en: 'the process’s group' },
  // A group of the process vocabulary: a DIN 8580 group, or assembly, testing, logistics…
  sibling: { fr: 'procédé voisin, même groupe', en: 'sibling process, same group' },
  subclass: { fr: 'même sous-classe NAF', en: 'same NAF sub-class' },
  class: { fr: 'même classe NAF', en: 'same NAF class' },
  group: { fr: 'même groupe NAF', en: 'same NAF group' },
  division: { fr: 'même division NAF', en: 'same NAF division' },
  section: { fr: 'même section NAF', en: 'same NAF section' },
  none: { fr: 'aucun niveau NAF commun', en: 'no NAF level shared' },
};
