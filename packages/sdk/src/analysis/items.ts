/**
 * What a flow or resource carries, reduced to what analyses compare: a code normalised within its
 * classification (EWC; HS and CN, which extend HS; CPA and NAF, which share the NACE digits), a
 * material family (given, or derived from the EWC entry) and a free-text label.
 */
import { FAMILIES, getEwcEntry, getFamily, type FlowKind, type Item } from '@toile/schema';
import { foldText } from '../util/fold.ts';

/** An item reduced for comparison. */
export interface ParsedItem {
  /** The code as written (`ewc:100202`), when there is one. */
  readonly code?: string;
  /** Classification group: `ewc`, `hs` (HS and CN), `nace` (NAF and CPA) or the scheme itself. */
  readonly scheme?: string;
  /** Code without punctuation (`100202`, `2410Z`). */
  readonly digits?: string;
  /** Given family, else the family of the EWC entry. */
  readonly family?: string;
  /** Lower-case label without accents or extra spaces, when there is one. */
  readonly label?: string;
  /** The EWC entry is marked hazardous (asterisk in the list). */
  readonly hazardous: boolean;
}

const SCHEME_GROUP: Readonly<Record<string, string>> = { ewc: 'ewc', hs: 'hs', cn: 'hs', naf: 'nace', cpa: 'nace' };

/** Families whose id is the whole item (steam, heat, water…): two equal families are the same item. */
export const UTILITY_FAMILIES: ReadonlySet<string> = new Set(FAMILIES.filter((f) => f.group !== 'material').map((f) => f.id));

/** Folded as search text ({@link foldText}), punctuation removed, spaces collapsed: `« Formation »` → `formation`. */
export function normaliseLabel(label: string): string {
  return foldText(label)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Reads an EWC code in any of its written forms — `100202`, `10 02 02`, `10-02-02`, `ewc:100202`,
 * `EWC 10 02 02*`, a chapter (`10`) or a sub-chapter (`1002`) — with or without the hazard star.
 * Returns the digits (`100202`) and whether a star was written; undefined when the text is no such
 * code (wrong length, letters…). The code need not exist in the list: see `getEwcEntry`.
 */
export function parseEwcCode(text: string): { readonly digits: string; readonly star: boolean } | undefined {
  const m = /^\s*(?:ewc\s*:?\s*)?((?:\d{2}[\s.-]*){1,3})(\*?)\s*$/i.exec(text);
  if (!m) return undefined;
  const digits = m[1]!.replace(/\D/g, '');
  return digits.length % 2 === 0 && digits.length <= 6 ? { digits, star: m[2] === '*' } : undefined;
}

/**
 * Normalised text an item is searched by: its own label, its code in every written form
 * (`ewc:100202`, `100202`, `10 02 02`), the French and English labels of its EWC entry and of its
 * family. Accents and case folded (see {@link normaliseLabel}).
 */
export function itemSearchText(item: Item | undefined): string {
  if (!item) return '';
  const parts: string[] = [item.label ?? ''];
  const parsed = parseItem(item);
  if (item.code) parts.push(item.code, parsed.digits ?? '');
  if (parsed.scheme === 'ewc' && parsed.digits) {
    parts.push(parsed.digits.replace(/(\d{2})(?=\d)/g, '$1 '));
    const entry = getEwcEntry(parsed.digits);
    if (entry) parts.push(entry.fr, entry.label);
  }
  const family = parsed.family ? getFamily(parsed.family) : undefined;
  if (family) parts.push(family.id, family.label.fr, family.label.en);
  return normaliseLabel(parts.join(' '));
}

/**
 * Whether an item answers a search: a code query (any form read by {@link parseEwcCode}) matches
 * EWC items whose code starts with it; any other query matches when every word of it, accents and
 * case folded, starts a word of {@link itemSearchText} (`laitier` finds `Laitier d’aciérie` and
 * `laitiers non traités`). An empty query matches everything.
 */
export function matchesItemQuery(item: Item | undefined, query: string): boolean {
  const code = parseEwcCode(query);
  if (code) {
    const parsed = parseItem(item);
    return parsed.scheme === 'ewc' && (parsed.digits ?? '').startsWith(code.digits);
  }
  const words = normaliseLabel(query).split(' ').filter(Boolean);
  if (!words.length) return true;
  const text = ` ${itemSearchText(item)}`;
  return words.every((w) => text.includes(` ${w}`));
}

/** Reduces an item (see {@link ParsedItem}); an empty or missing item gives an empty result. */
export function parseItem(item: Item | undefined): ParsedItem {
  if (!item) return { hazardous: false };
  let scheme: string | undefined;
  let digits: string | undefined;
  let family = item.family as string | undefined;
  let hazardous = false;
  const code = item.code;
  if (code) {
    const colon = code.indexOf(':');
    const raw = code.slice(0, colon);
    scheme = SCHEME_GROUP[raw] ?? raw;
    digits = code.slice(colon + 1).replace(/[^A-Za-z0-9]/g, '');
    if (raw === 'ewc') {
      const entry = getEwcEntry(digits);
      if (entry) {
        hazardous = entry.hazardous;
        family ??= entry.family ?? undefined;
      }
    }
  }
  const label = item.label ? normaliseLabel(item.label) : '';
  return {
    ...(code ? { code, scheme, digits } : {}),
    ...(family ? { family } : {}),
    ...(label ? { label } : {}),
    hazardous,
  };
}

/** How two items match, from the most to the least specific. */
export type ItemMatch = 'code' | 'code-prefix-6' | 'code-prefix-4' | 'code-prefix-2' | 'family' | 'label';

/** Score of each match level: an exact code is certain, a shared chapter only suggests. */
export const ITEM_MATCH_SCORES: Readonly<Record<ItemMatch, number>> = {
  code: 1,
  'code-prefix-6': 0.85,
  'code-prefix-4': 0.7,
  'code-prefix-2': 0.4,
  family: 0.5,
  label: 0.8,
};

/** Score of two equal families: the whole item for utilities (heat is heat), a hint for materials. */
export function familyScore(family: string): number {
  return UTILITY_FAMILIES.has(family) ? 1 : ITEM_MATCH_SCORES.family;
}

/**
 * Code match level of two parsed items: same code, else the longest shared prefix of 6, 4 or 2
 * characters within one classification (EWC entry > sub-chapter > chapter). Undefined when none.
 */
export function codeMatch(a: ParsedItem, b: ParsedItem): ItemMatch | undefined {
  if (a.scheme === undefined || a.scheme !== b.scheme) return undefined;
  const x = a.digits!;
  const y = b.digits!;
  if (x === y) return 'code';
  for (const len of [6, 4, 2] as const) {
    if (x.length >= len && y.length >= len && x.slice(0, len) === y.slice(0, len)) return `code-prefix-${len}`;
  }
  return undefined;
}

/**
 * Compatibility of two items in 0–1 and the level that gives it: the best of the code match, the
 * family match and — when neither side has a code or a family — an equal label. Symmetric.
 */
export function itemCompatibility(a: ParsedItem, b: ParsedItem): { score: number; match: ItemMatch | undefined } {
  let score = 0;
  let match: ItemMatch | undefined;
  const byCode = codeMatch(a, b);
  if (byCode) {
    score = ITEM_MATCH_SCORES[byCode];
    match = byCode;
  }
  if (a.family !== undefined && a.family === b.family) {
    const s = familyScore(a.family);
    if (s > score) {
      score = s;
      match = 'family';
    }
  }
  if (!match && a.label && a.label === b.label && !a.code && !b.code && !a.family && !b.family) {
    score = ITEM_MATCH_SCORES.label;
    match = 'label';
  }
  return { score, match };
}

/** The key analyses group flows by: `code:…` when the item has a code, else `family:…`, else undefined. */
export function itemKey(item: Item | undefined): string | undefined {
  if (item?.code) return `code:${item.code}`;
  if (item?.family) return `family:${item.family}`;
  return undefined;
}

/** A key for an input even without code or family: the kind and the label (`kind:service:maintenance`). */
export function inputKey(kind: FlowKind, item: Item | undefined): string {
  return itemKey(item) ?? `kind:${kind}${item?.label ? `:${normaliseLabel(item.label)}` : ''}`;
}

/**
 * Kinds that can stand for each other in a match (a by-product can replace a purchase, steam can be
 * a by-product or energy…), scored 0.5; the same kind scores 1, any other pair 0.
 */
const RELATED_KINDS: readonly (readonly [FlowKind, FlowKind])[] = [
  ['byproduct', 'supply'],
  ['byproduct', 'energy'],
  ['byproduct', 'water'],
  ['energy', 'supply'],
  ['water', 'supply'],
  ['subcontracting', 'supply'],
  ['subcontracting', 'service'],
  ['service', 'pooling'],
  ['service', 'logistics'],
  ['service', 'knowledge'],
  ['logistics', 'pooling'],
];

/** Kind compatibility in 0–1 (see RELATED_KINDS). Symmetric. */
export function kindCompatibility(a: FlowKind, b: FlowKind): number {
  if (a === b) return 1;
  for (const [x, y] of RELATED_KINDS) if ((x === a && y === b) || (x === b && y === a)) return 0.5;
  return 0;
}
