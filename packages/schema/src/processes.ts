/**
 * The process vocabulary of `Capability.process`: the six main groups of DIN 8580 and their
 * groups (`din8580:3`, `din8580:3.2` machining with geometrically defined cutting edges,
 * `din8580:4.6` welding…), additive manufacturing, and the service processes of subcontractors
 * (`assembly`, `design`, `prototyping`, `testing`, `testing:ndt`, `logistics`, `maintenance`), with
 * French and English names. Generated from `vocab/source/processes.csv` into `vocab/processes.json`.
 */
import processData from '../vocab/processes.json' with { type: 'json' };
import type { Label } from './labels.ts';

/** `manufacturing`: DIN 8580 and additive manufacturing; `service`: assembly, design, testing… */
export type ProcessKind = 'manufacturing' | 'service';

/** One process of the vocabulary. */
export interface ProcessInfo {
  /** Id written in `capability.process` (`din8580:3.2`, `testing:ndt`). */
  readonly id: string;
  /** The entry above it (`din8580:3` for `din8580:3.2`); absent for a root. */
  readonly parent?: string;
  readonly kind: ProcessKind;
  /** Number in DIN 8580 (`3.2`), for its main groups and groups only. */
  readonly din8580?: string;
  readonly label: Label;
  /** Typical processes it covers, as examples (`tournage, perçage, fraisage`). */
  readonly includes?: Label;
}

/** Where the vocabulary comes from and which level of DIN 8580 it ships. */
export const PROCESSES_NOTE: string = processData.note;

/** Every process, in vocabulary order: DIN 8580 main groups each followed by its groups, then the service processes. */
export const PROCESSES: readonly ProcessInfo[] = processData.processes as ProcessInfo[];

/** Process ids, in vocabulary order. */
export const PROCESS_IDS: readonly string[] = PROCESSES.map((p) => p.id);

let processIndex: Map<string, ProcessInfo> | undefined;

/** The process with this id, or undefined (also for an id of another type). */
export function getProcess(id: unknown): ProcessInfo | undefined {
  if (typeof id !== 'string') return undefined;
  processIndex ??= new Map(PROCESSES.map((p) => [p.id, p]));
  return processIndex.get(id);
}

/** True for an id of the vocabulary. */
export function isProcessId(id: unknown): id is string {
  return getProcess(id) !== undefined;
}

/** The process's name in one language, or undefined for an id the vocabulary does not know. */
export function getProcessLabel(id: unknown, language: 'fr' | 'en' = 'fr'): string | undefined {
  return getProcess(id)?.label[language];
}

/**
 * The process and the entries above it, nearest first (`din8580:3.2` → `[din8580:3.2, din8580:3]`);
 * empty for an unknown id. Two capabilities are related when these lists share an entry.
 */
export function getProcessLineage(id: unknown): readonly ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (let p = getProcess(id); p; p = p.parent === undefined ? undefined : getProcess(p.parent)) out.push(p);
  return out;
}
