/**
 * How a product code or a process asked for meets what an establishment declares: the same code, a
 * code within it, a shared prefix; the same process, a narrower or broader one, a sibling under the
 * same DIN 8580 main group. Shared by makers, leaps and spare capacity.
 */
import { getProcessLineage } from '@toile/schema';
import { parseItem, type ParsedItem } from '../items.ts';

/** How a declared code meets the code asked for, from the closest. */
export type CodeMatch = 'code' | 'within' | 'code-prefix-6' | 'code-prefix-4' | 'code-prefix-2';

/**
 * Strength of each code match: the same code 1; a code within the one asked (`hs:848310` for
 * `hs:8483`) 0.9; a shared prefix of 6, 4 or 2 characters within one classification 0.85, 0.7, 0.4
 * (HS and CN are one classification, NAF and CPA another: they share the NACE digits).
 */
export const CODE_MATCH_SCORES: Readonly<Record<CodeMatch, number>> = {
  code: 1,
  within: 0.9,
  'code-prefix-6': 0.85,
  'code-prefix-4': 0.7,
  'code-prefix-2': 0.4,
};

/** A code reduced for matching: classification group and digits; undefined when it is no `scheme:value` code. */
export function parseCode(code: string | undefined): ParsedItem | undefined {
  if (typeof code !== 'string' || !/^[a-z][a-z0-9-]*:.+/.test(code.trim())) return undefined;
  const parsed = parseItem({ code: code.trim() });
  return parsed.scheme !== undefined && parsed.digits ? parsed : undefined;
}

/** How `declared` meets `asked` (both parsed by {@link parseCode}); undefined when not at all. */
export function codeMatch(asked: ParsedItem, declared: ParsedItem): CodeMatch | undefined {
  if (asked.scheme === undefined || asked.scheme !== declared.scheme) return undefined;
  const x = asked.digits!;
  const y = declared.digits!;
  if (x === y) return 'code';
  if (y.startsWith(x)) return 'within';
  for (const len of [6, 4, 2] as const) if (x.length >= len && y.length >= len && x.slice(0, len) === y.slice(0, len)) return `code-prefix-${len}`;
  return undefined;
}

/** The keys a declared code is indexed under: its classification and every prefix of 2 characters or more. */
export function codeIndexKeys(code: ParsedItem): string[] {
  const keys: string[] = [];
  for (let len = 2; len <= code.digits!.length; len++) keys.push(`${code.scheme}|${code.digits!.slice(0, len)}`);
  return keys;
}

/** The keys to look up for a code asked: itself (the same code and codes within it), then its 6-, 4- and 2-character prefixes. */
export function codeLookupKeys(asked: ParsedItem): string[] {
  const d = asked.digits!;
  const keys = [`${asked.scheme}|${d}`];
  for (const len of [6, 4, 2]) if (d.length > len) keys.push(`${asked.scheme}|${d.slice(0, len)}`);
  return keys;
}

/** How a declared process meets the process asked for, from the closest. */
export type ProcessMatch = 'process' | 'narrower' | 'broader' | 'sibling';

/**
 * Strength of each process match: the same process 1; a process under the one asked
 * (`din8580:3.2` for `din8580:3`) 0.85; the group above it (`din8580:3` for `din8580:3.2`) 0.6;
 * another group under the same main group (`din8580:3.1` for `din8580:3.2`) 0.4.
 */
export const PROCESS_MATCH_SCORES: Readonly<Record<ProcessMatch, number>> = { process: 1, narrower: 0.85, broader: 0.6, sibling: 0.4 };

/** How `declared` meets `asked` in the process vocabulary; undefined when not at all (unknown ids only match themselves). */
export function processMatch(asked: string, declared: string): ProcessMatch | undefined {
  if (asked === declared) return 'process';
  const up = getProcessLineage(declared).map((p) => p.id);
  if (up.includes(asked)) return 'narrower';
  const askedUp = getProcessLineage(asked).map((p) => p.id);
  if (askedUp.includes(declared)) return 'broader';
  return askedUp.slice(1).some((id) => up.includes(id)) ? 'sibling' : undefined;
}

/** Noisy-or of independent strengths: 1 − Π (1 − s). More evidence never lowers it. */
export function noisyOr(strengths: readonly number[]): number {
  let miss = 1;
  for (const s of strengths) miss *= 1 - s;
  return 1 - miss;
}
