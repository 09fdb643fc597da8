/**
 * The NAF rév. 2 hierarchy as kinship reads it: section (letter, from the division), division
 * (`24`), group (`24.1`), class (`24.10`, shared with NACE) and the French sub-class (`24.10Z`).
 */

/** A level of the NAF hierarchy two activities share, from the closest to none. */
export type NafLevel = 'subclass' | 'class' | 'group' | 'division' | 'section' | 'none';

/** An establishment's NAF code cut into its levels. */
export interface NafCode {
  /** `24.10Z`; absent when the code was written without its letter (`24.10`). */
  readonly subclass?: string;
  /** `24.10` */
  readonly class: string;
  /** `24.1` */
  readonly group: string;
  /** `24` */
  readonly division: string;
  /** `C`; absent for a division outside NAF rév. 2. */
  readonly section?: string;
}

/**
 * Proximity of two activities by the deepest level they share: same sub-class 1, same class 0.8,
 * same group 0.6, same division 0.4, same section 0.2, nothing 0.
 */
export const NAF_LEVEL_SCORES: Readonly<Record<NafLevel, number>> = {
  subclass: 1,
  class: 0.8,
  group: 0.6,
  division: 0.4,
  section: 0.2,
  none: 0,
};

/** NAF rév. 2 sections by their first and last division (INSEE; the same as NACE Rev. 2). */
const SECTIONS: readonly (readonly [string, number, number])[] = [
  ['A', 1, 3],
  ['B', 5, 9],
  ['C', 10, 33],
  ['D', 35, 35],
  ['E', 36, 39],
  ['F', 41, 43],
  ['G', 45, 47],
  ['H', 49, 53],
  ['I', 55, 56],
  ['J', 58, 63],
  ['K', 64, 66],
  ['L', 68, 68],
  ['M', 69, 75],
  ['N', 77, 82],
  ['O', 84, 84],
  ['P', 85, 85],
  ['Q', 86, 88],
  ['R', 90, 93],
  ['S', 94, 96],
  ['T', 97, 98],
  ['U', 99, 99],
];

/** The section letter of a two-digit division (`24` → `C`), or undefined outside NAF rév. 2. */
export function nafSection(division: string): string | undefined {
  const d = Number(division);
  for (const [letter, first, last] of SECTIONS) if (d >= first && d <= last) return letter;
  return undefined;
}

const cache = new Map<string, NafCode | undefined>();

/**
 * Reads a NAF code as an establishment writes it — `24.10Z`, `2410Z`, `naf:24.10Z`, or a class
 * `24.10` — into its levels; undefined for anything else.
 */
export function parseNaf(text: string | undefined): NafCode | undefined {
  if (typeof text !== 'string') return undefined;
  if (cache.has(text)) return cache.get(text);
  const m = /^\s*(?:naf:)?(\d{2})\.?(\d)(\d)\s*([A-Za-z])?\s*$/.exec(text);
  let code: NafCode | undefined;
  if (m) {
    const [, division, g, c, letter] = m as unknown as [string, string, string, string, string | undefined];
    const cls = `${division}.${g}${c}`;
    const section = nafSection(division);
    code = {
      ...(letter ? { subclass: `${cls}${letter.toUpperCase()}` } : {}),
      class: cls,
      group: `${division}.${g}`,
      division,
      ...(section ? { section } : {}),
    };
  }
  if (cache.size < 10_000) cache.set(text, code);
  return code;
}

/** The deepest level two NAF codes share (`none` when either is missing). Symmetric. */
export function nafLevel(a: NafCode | undefined, b: NafCode | undefined): NafLevel {
  if (!a || !b) return 'none';
  if (a.subclass !== undefined && a.subclass === b.subclass) return 'subclass';
  if (a.class === b.class) return 'class';
  if (a.group === b.group) return 'group';
  if (a.division === b.division) return 'division';
  if (a.section !== undefined && a.section === b.section) return 'section';
  return 'none';
}

/** {@link NAF_LEVEL_SCORES} of the deepest level two NAF codes share. */
export function activityProximity(a: NafCode | undefined, b: NafCode | undefined): number {
  return NAF_LEVEL_SCORES[nafLevel(a, b)];
}
