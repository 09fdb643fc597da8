/**
 * The form's two searches over the kit's vocabularies, on the synergy finder's combobox: the NAF
 * rév. 2 sub-classes (labels in French only: the vocabulary of @toile/schema has no English ones)
 * searched by code and by words of the sub-class, its class, group and division; and materials —
 * families and the six-digit entries of the European List of Waste, French and English.
 */
import { getNafLabel, isNafSubclass } from '@toile/schema';
import nafData from '@toile/schema/vocab/naf.json' with { type: 'json' };
import { normaliseLabel } from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';
import { SearchCombobox, type ComboboxHost, type ComboboxOption } from '../synergy-finder/combobox.ts';
import { formatEwcCode, vocabularyOptions, type MaterialOption } from '../synergy-finder/materials.ts';
import { T } from './declaration-form.strings.ts';

/** One NAF sub-class. */
export interface NafOption extends ComboboxOption {
  /** Labels of its class, group and division (shown under it). */
  readonly parents: string;
  readonly haystack: string;
}

let nafOptions: NafOption[] | undefined;

/** Every NAF sub-class (`24.10Z — Sidérurgie`), in code order. */
export function nafVocabulary(): readonly NafOption[] {
  nafOptions ??= Object.keys(nafData.labels)
    .filter(isNafSubclass)
    .sort()
    .map((code) => {
      const label = `${code} — ${getNafLabel(code)}`;
      const parents = [code.slice(0, 5), code.slice(0, 4), code.slice(0, 2)]
        .map((c) => getNafLabel(c))
        .filter((l): l is string => !!l && l !== getNafLabel(code));
      return {
        value: code,
        label: { fr: label, en: label },
        parents: [...new Set(parents)].reverse().join(' › '),
        haystack: normaliseLabel(`${code} ${code.replace('.', '')} ${getNafLabel(code)} ${parents.join(' ')}`),
      };
    });
  return nafOptions;
}

/** A NAF code as typed (`24.10Z`, `2410z`, `24.10 Z`) as a sub-class, or undefined. */
export function parseNaf(text: string): string | undefined {
  const m = /^\s*(\d{2})\.?\s*(\d{2})\s*([a-zA-Z])\s*$/.exec(text);
  const code = m ? `${m[1]}.${m[2]}${m[3]!.toUpperCase()}` : undefined;
  return code && isNafSubclass(code) ? code : undefined;
}

/** NAF sub-classes matching a query: a code (or its start) first by code, else every word in the labels. */
export function searchNaf(query: string, limit = 50): NafOption[] {
  const compact = query.replace(/[\s.]/g, '').toUpperCase();
  if (/^\d{2,4}[A-Z]?$/.test(compact))
    return nafVocabulary()
      .filter((o) => o.value.replace('.', '').startsWith(compact))
      .slice(0, limit);
  const words = normaliseLabel(query).split(' ').filter(Boolean);
  if (!words.length) return [];
  return nafVocabulary()
    .filter((o) => words.every((w) => o.haystack.includes(w)))
    .slice(0, limit);
}

/** The NAF field of a host. */
export function nafCombobox(host: ComboboxHost, id: string, choose: (value: string | null) => void): SearchCombobox<NafOption> {
  return new SearchCombobox<NafOption>(host, {
    id,
    listId: `${id}-list`,
    words: { label: T.naf, list: T.nafList, clear: T.nafClear, none: T.nafNone },
    search: (query) => searchNaf(query),
    parse: parseNaf,
    shown: (value) => {
      const label = getNafLabel(value);
      return label ? `${value} — ${label}` : value;
    },
    describe: (o, lang) => (lang === 'fr' ? o.parents : `${T.nafInFrench.en} · ${o.parents}`),
    choose,
  });
}

let materialOptions: MaterialOption[] | undefined;

/** Families and six-digit EWC entries: what an item can be (chapters and sub-chapters are not materials). */
function materialVocabulary(): readonly MaterialOption[] {
  materialOptions ??= vocabularyOptions().filter((o) => o.group === 'family' || o.group === 'entry');
  return materialOptions;
}

/** A material as typed in full: a family id of the vocabulary, or a six-digit EWC code in any written form. */
export function parseItemMaterial(text: string): string | undefined {
  const t = text.trim();
  const family = materialVocabulary().find((o) => o.group === 'family' && (o.value === t || o.value === `family:${t}`));
  if (family) return family.value;
  const m = /^\s*(?:ewc\s*:?\s*)?((?:\d{2}[\s.-]*){3})\*?\s*$/i.exec(t);
  return m ? `ewc:${m[1]!.replace(/\D/g, '')}` : undefined;
}

/** Materials matching a query (families first), a code in any form giving its entry. */
export function searchItemMaterials(query: string, limit = 50): MaterialOption[] {
  const code = /^\s*(?:ewc\s*:?\s*)?((?:\d{2}[\s.-]*){1,3})\*?\s*$/i.exec(query);
  if (code) {
    const digits = code[1]!.replace(/\D/g, '');
    return materialVocabulary()
      .filter((o) => o.value.startsWith(`ewc:${digits}`))
      .slice(0, limit);
  }
  const words = normaliseLabel(query).split(' ').filter(Boolean);
  if (!words.length) return [];
  return materialVocabulary()
    .filter((o) => words.every((w) => o.haystack.includes(w)))
    .slice(0, limit);
}

/** How a material value reads in the field. */
export function materialShown(value: string, lang: WidgetLang): string {
  const option = materialVocabulary().find((o) => o.value === value);
  if (option) return option.label[lang];
  return value.startsWith('ewc:') ? formatEwcCode(value.slice(4)) : value;
}

/** The material field of one item of the form. */
export function materialCombobox(host: ComboboxHost, id: string, choose: (value: string | null) => void): SearchCombobox<MaterialOption> {
  return new SearchCombobox<MaterialOption>(host, {
    id,
    listId: `${id}-list`,
    words: { label: T.material, list: T.materials, clear: T.clearMaterial, none: T.noMaterial },
    search: (query) => searchItemMaterials(query),
    parse: parseItemMaterial,
    shown: materialShown,
    describe: (o, lang) => `${(o.group === 'family' ? T.family : T.entry)[lang]}${o.hazardous ? ` · ${T.hazardous[lang]}` : ''}`,
    choose,
  });
}
