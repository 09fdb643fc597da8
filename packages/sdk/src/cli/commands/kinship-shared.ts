/**
 * What the kinship commands (`kin`, `makers`, `leaps`, `capacity`) share: number options, loading
 * the territory and the other territories for co-location, and the words of their explanations.
 */
import { resolve } from 'node:path';
import type { CodeMatch, ProcessMatch } from '../../analysis/kinship/matches.ts';
import type { NafLevel } from '../../analysis/kinship/naf.ts';
import { KINSHIP_MATCH_WORDS } from '../../analysis/kinship/words.ts';
import type { Relatedness } from '../../analysis/kinship/relatedness.ts';
import { UsageError, type CliIO, type Lang } from '../context.ts';
import { loadDataFile, reportInputProblems } from '../load-document.ts';
import type { ToileData } from '../../columnar/records.ts';

/** A whole number ≥ 1 from an option; undefined when not given; a usage error otherwise. */
export function wholeOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1) throw new UsageError(`${name} attend un entier positif`, `${name} takes a positive whole number`);
  return n;
}

/** A number > 0 from an option; undefined when not given; a usage error otherwise. */
export function positiveOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${name} attend un nombre positif`, `${name} takes a positive number`);
  return n;
}

/**
 * Reads one document given on the command line (problems told on stderr); undefined when nothing
 * valid is left. A Parquet package or a national input is read into columns, which kinship reads too.
 */
export async function readDocument(file: string, io: CliIO, lang: Lang): Promise<ToileData | undefined> {
  const input = await loadDataFile(file, io, lang);
  reportInputProblems(file, input, io, lang, false);
  return input.data ?? undefined;
}

/**
 * Reads the `--territory` documents, each file once and never the territory's own file again (a
 * territory is counted once in co-location); undefined when one of them cannot be read.
 */
export async function readTerritories(files: readonly string[] | undefined, own: string, io: CliIO, lang: Lang): Promise<ToileData[] | undefined> {
  const docs: ToileData[] = [];
  const seen = new Set([resolve(io.cwd, own)]);
  for (const file of files ?? []) {
    if (seen.has(resolve(io.cwd, file))) continue;
    seen.add(resolve(io.cwd, file));
    const doc = await readDocument(file, io, lang);
    if (!doc) return undefined;
    docs.push(doc);
  }
  return docs;
}

/** Tells on stderr that an establishment id is not in the document; returns exit code 1. */
export function unknownEstablishment(id: string, io: CliIO, lang: Lang, safe: (t: string) => string): number {
  io.stderr(lang === 'fr' ? `toile : établissement inconnu : ${safe(id)}\n` : `toile: unknown establishment: ${safe(id)}\n`);
  return 1;
}

/** A number in 0–1 with exactly 2 decimals in the user's language (`0,40`, `0.40`). */
export const share2 = (x: number, lang: Lang) => (lang === 'fr' ? x.toFixed(2).replace('.', ',') : x.toFixed(2));

/** Names of the parts of relatedness, in the order shown. */
export const PART_NAMES: Readonly<Record<Lang, readonly string[]>> = {
  fr: ['activité', 'achats', 'ventes', 'capacités', 'co-loc.'],
  en: ['activity', 'inputs', 'outputs', 'capabilities', 'co-loc.'],
};

/** The parts of a relatedness as `0,80 / 0,67 / 0,86 / 0,35 / —` (a dash: co-location not known). */
export function partsCell(r: Relatedness, lang: Lang): string {
  const p = r.parts;
  return [p.activity, p.inputs, p.outputs, p.capabilities]
    .map((x) => share2(x, lang))
    .concat(p.colocation === undefined ? '—' : share2(p.colocation, lang))
    .join(' / ');
}

/** The weights used, as `activité 0,33 · achats 0,22 …` (parts not in play left out). */
export function weightsText(w: Relatedness['weights'], lang: Lang): string {
  const keys = ['activity', 'inputs', 'outputs', 'capabilities', 'colocation'] as const;
  return keys
    .map((k, i) => (w[k] > 0 ? `${PART_NAMES[lang][i]} ${share2(w[k], lang)}` : ''))
    .filter(Boolean)
    .join(' · ');
}

/** How a code, a process or an activity matched, in words. */
export function matchWords(match: CodeMatch | ProcessMatch | NafLevel, lang: Lang): string {
  return KINSHIP_MATCH_WORDS[match][lang];
}
