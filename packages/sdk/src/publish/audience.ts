/**
 * The one audience rule of the kit: who may see a record of a given publication level. `publish`,
 * `export`, the API server and `<toile-data>` all decide visibility here, so the rule has one home.
 *
 * Safe by default: a level this module cannot read (missing is `public`, as the format says; but a
 * typo, another language's word it does not know, a number…) counts as `confidential`.
 */
import { AUDIENCES, CONFIDENTIALITY_LEVELS, type components, type Confidentiality } from '@toile/schema';
import { foldText } from '../util/fold.ts';

/** Who an output is for (`Publication.audience` of openapi.yaml). `internal` is the agency itself: it sees everything. */
export type Audience = components['schemas']['Publication']['audience'];

/**
 * The audiences, from the most restricted to the least, and the publication levels, from the most
 * open to the most restricted: generated from openapi.yaml by @toile/schema.
 */
export { AUDIENCES, CONFIDENTIALITY_LEVELS };

const RANK: Record<Confidentiality, number> = { public: 0, partners: 1, confidential: 2 };
const ALLOWED: Record<Audience, number> = { public: 0, partners: 1, internal: 2 };

/**
 * Words accepted for each level on import, after folding case, accents and surrounding spaces.
 * French is the kit's first language, so its words are aliases; anything else is `confidential`.
 */
const ALIASES: Record<string, Confidentiality> = {
  public: 'public',
  publique: 'public',
  partners: 'partners',
  partner: 'partners',
  partenaires: 'partners',
  partenaire: 'partners',
  confidential: 'confidential',
  confidentiel: 'confidential',
  confidentielle: 'confidential',
};

/** A written level or audience folded as the kit folds search text, without surrounding spaces. */
function fold(value: string): string {
  return foldText(value).trim();
}

/** True for the exact spelling of a level of the format. */
export function isConfidentiality(value: unknown): value is Confidentiality {
  return (CONFIDENTIALITY_LEVELS as readonly unknown[]).includes(value);
}

/**
 * The level a written value stands for: the format's own words, their French equivalents and case
 * variants map to their level; `undefined` (the property is absent) is `public`, the format's
 * default; anything else — a typo, an unknown word, a value of another type — is `confidential`.
 *
 * @example
 * ```ts
 * readConfidentiality('Confidentiel'); // 'confidential'
 * readConfidentiality('partenaires'); // 'partners'
 * readConfidentiality('privé'); // 'confidential' (unknown: the strictest level)
 * ```
 */
export function readConfidentiality(value: unknown): Confidentiality {
  if (value === undefined) return 'public';
  if (isConfidentiality(value)) return value;
  if (typeof value !== 'string') return 'confidential';
  return ALIASES[fold(value)] ?? 'confidential';
}

/** True when the written value is a known alias of a level (so a warning, not a doubt). */
export function isConfidentialityAlias(value: unknown): boolean {
  return typeof value === 'string' && Object.hasOwn(ALIASES, fold(value));
}

/** The stricter of two levels (for values written twice, say). */
export function stricterLevel(a: unknown, b: unknown): Confidentiality {
  const x = readConfidentiality(a);
  const y = readConfidentiality(b);
  return RANK[x] >= RANK[y] ? x : y;
}

/**
 * True when a record of this level may be shown to this audience. The level is read with
 * {@link readConfidentiality}, so an unreadable one is shown to `internal` only.
 */
export function isVisibleTo(level: unknown, audience: Audience): boolean {
  const allowed = ALLOWED[audience];
  // An audience the code does not know is the public.
  return RANK[readConfidentiality(level)] <= (allowed ?? 0);
}

/**
 * Reads an audience written by a user (CLI option, HTML attribute, query parameter): the three
 * names, their French equivalents (`partenaires`, `interne`) and case variants. Anything else,
 * including nothing at all, is `public`, the safe default of every output meant for others.
 */
export function readAudience(value: unknown): Audience {
  if (typeof value !== 'string') return 'public';
  const folded = fold(value);
  if (folded === 'partners' || folded === 'partenaires') return 'partners';
  if (folded === 'internal' || folded === 'interne') return 'internal';
  return 'public';
}

/** True for the exact name of an audience. */
export function isAudience(value: unknown): value is Audience {
  return (AUDIENCES as readonly unknown[]).includes(value);
}
