/**
 * Systemic ranking: every establishment closed in turn, ranked by the knock-on damage its closure
 * causes. Each run reuses one workspace and resets only what it touched, so the cost of a run is
 * that of the part of the network it reaches; cascades also reuse the large closures they contain
 * (exactly, see `systemic-cascade.ts`). The loop yields to the event loop between chunks
 * (progress, cancellation) and takes plain data in and out, so it runs unchanged in a Web Worker.
 */
import type { DependencyMatrix } from './matrix.ts';
import type { PreparedDomino } from './simulate.ts';
import { CascadeClosures, ClosureTally } from './systemic-cascade.ts';
import { recordsOf } from '../columnar/records.ts';

/**
 * Knock-on damage of closing one establishment: the totals of `runDomino` for that closure, minus
 * the establishment itself (its jobs and its own lost output, lost by definition).
 */
export interface SystemicEntry {
  id: string;
  name: string;
  /** An outside partner (`external: true`): ranked only with `includeExternal`. */
  external: boolean;
  /** Other establishments affected (q > 0 or failed; see `establishmentState`). */
  establishmentsAffected: number;
  /** Other establishments severely affected (q ≥ the threshold, default 0.5), stopped ones included. */
  establishmentsSevere: number;
  /** Other establishments stopped (failed in the cascade, or q = 1). */
  establishmentsStopped: number;
  /** Jobs at risk elsewhere: Σ employees × inoperability. */
  jobsAtRisk: number;
  /** Output lost elsewhere where sales are known: Σ sales × inoperability of the other establishments, € per year. */
  outputLossEurPerYear: number;
}

/** Options of {@link rankSystemic}. */
export interface SystemicOptions {
  model?: 'cascade' | 'iim';
  /** Cascade threshold, and the threshold of the severe state for both models (default 0.5). */
  threshold?: number;
  /** Rank outside partners (`external: true`) too (default false: the territory's establishments only). */
  includeExternal?: boolean;
  /** IIM: a change of at most this does not propagate (default 1e-4: enough for a ranking, and far fewer updates). */
  tolerance?: number;
  /** Keep the best N (default: all). */
  top?: number;
  /** Called after each chunk with the closures simulated so far. */
  onProgress?: (done: number, total: number) => void;
  /** Checked before every closure: aborting rejects with an `AbortError` `DOMException`. */
  signal?: AbortSignal;
  /** Closures simulated between two yields to the event loop (default 256). */
  yieldEvery?: number;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const abortError = () => new DOMException('systemic ranking aborted', 'AbortError');

/** Buffers shared by the IIM closures (by position); each run lists what it touched, to reset only that. */
interface Workspace {
  level: Float64Array;
  /** 0 untouched, 1 touched. */
  flag: Uint8Array;
  touched: Uint32Array;
  dirty: Uint8Array;
  current: Uint32Array;
  next: Uint32Array;
}

/**
 * IIM from one closed position, as simulateIim's frontier method: the closed node is held at 1,
 * rows whose inputs rose are recomputed in passes of ascending position. Returns the touched count.
 */
function iimFrom(matrix: DependencyMatrix, w: Workspace, start: number, tolerance: number): number {
  const { dependsOffsets, dependsOn, dependsWeight, dependentsOffsets, dependents } = matrix;
  const { level, flag, touched, dirty } = w;
  let current = w.current;
  let next = w.next;
  let count = 0;
  flag[start] = 1;
  touched[count++] = start;
  level[start] = 1;
  let queued = 0;
  for (let k = dependentsOffsets[start]!; k < dependentsOffsets[start + 1]!; k++) {
    const p = dependents[k]!;
    if (!dirty[p] && p !== start) {
      dirty[p] = 1;
      current[queued++] = p;
    }
  }
  while (queued > 0) {
    const pass = current.subarray(0, queued).sort();
    const size = queued;
    queued = 0;
    for (let x = 0; x < size; x++) {
      const i = pass[x]!;
      dirty[i] = 0;
      let v = 0;
      const end = dependsOffsets[i + 1]!;
      for (let k = dependsOffsets[i]!; k < end; k++) v += dependsWeight[k]! * level[dependsOn[k]!]!;
      if (v > 1) v = 1;
      const delta = v - level[i]!;
      if (delta <= 0) continue;
      if (flag[i] === 0) {
        flag[i] = 1;
        touched[count++] = i;
      }
      level[i] = v;
      if (delta <= tolerance) continue;
      for (let k = dependentsOffsets[i]!; k < dependentsOffsets[i + 1]!; k++) {
        const p = dependents[k]!;
        if (!dirty[p] && level[p]! < 1) {
          dirty[p] = 1;
          next[queued++] = p;
        }
      }
    }
    const swap = current;
    current = next;
    next = swap;
  }
  return count;
}

/** Per matrix position: jobs, yearly output, and whether the position is ranked (inside, or every one with `includeExternal`). */
function positionTables(prepared: PreparedDomino, includeExternal: boolean) {
  const { index, matrix } = prepared;
  const { node } = matrix;
  const n = index.nodeCount;
  const jobsOf = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const emp = index.employees[node[p]!]!;
    jobsOf[p] = Number.isNaN(emp) ? 0 : emp;
  }
  const outputOf = new Float64Array(n);
  for (let p = 0; p < n; p++) outputOf[p] = prepared.output[node[p]!]!;
  const ranked = new Uint8Array(n);
  let total = 0;
  for (let p = 0; p < n; p++) {
    if (includeExternal || !index.external[node[p]!]) {
      ranked[p] = 1;
      total++;
    }
  }
  return { jobsOf, outputOf, ranked, total };
}

/**
 * The IIM closures, one start at a time: {@link iimFrom} on a shared workspace, then the tally of
 * what it touched (the start itself not counted) and the reset of only that.
 */
function iimClosures(matrix: DependencyMatrix, tolerance: number, tables: { threshold: number; jobsOf: Float64Array; outputOf: Float64Array }) {
  const n = matrix.nodeCount;
  const w: Workspace = {
    level: new Float64Array(n),
    flag: new Uint8Array(n),
    touched: new Uint32Array(n),
    dirty: new Uint8Array(n),
    current: new Uint32Array(n),
    next: new Uint32Array(n),
  };
  const { threshold, jobsOf, outputOf } = tables;
  const tally = new ClosureTally();
  return (start: number): ClosureTally => {
    const count = iimFrom(matrix, w, start, tolerance);
    tally.reset();
    for (let c = 0; c < count; c++) {
      const p = w.touched[c]!;
      if (p !== start) tally.add(w.level[p]!, false, threshold, jobsOf[p]!, outputOf[p]!, 1);
      w.flag[p] = 0;
      w.level[p] = 0;
    }
    return tally;
  };
}

/**
 * `x` rounded to `1 / per`, as its exact value would be: shares such as 0.35 make exact halves
 * (74.15 jobs) common, and which side of the half a floating sum falls on depends on the order of
 * its terms. Snapped first to 1e-6 (jobs) or 1e-3 € (output), far above the sums' noise, a half is
 * rounded up whatever the order of the closure's parts (and a −0 left by removed parts is 0).
 */
function roundFigure(x: number, per: number, snap: number): number {
  return Math.round(Math.round(x * snap) / (snap / per)) / per + 0;
}

/** The ranked establishments' entries, worst closure first. */
function rankedEntries(
  prepared: PreparedDomino,
  ranked: Uint8Array,
  out: { affectedOut: Uint32Array; severeOut: Uint32Array; stoppedOut: Uint32Array; jobsOut: Float64Array; lossOut: Float64Array },
): SystemicEntry[] {
  const { index, matrix } = prepared;
  const records = recordsOf(prepared.doc);
  const { affectedOut, severeOut, stoppedOut, jobsOut, lossOut } = out;
  const n = index.nodeCount;
  const entries: SystemicEntry[] = [];
  for (let i = 0; i < n; i++) {
    if (!ranked[matrix.position[i]!]) continue;
    entries.push({
      id: records.establishmentId(i),
      name: records.establishmentName(i),
      external: index.external[i] === 1,
      establishmentsAffected: affectedOut[i]!,
      establishmentsSevere: severeOut[i]!,
      establishmentsStopped: stoppedOut[i]!,
      jobsAtRisk: roundFigure(jobsOut[i]!, 10, 1e6),
      outputLossEurPerYear: roundFigure(lossOut[i]!, 1, 1e3),
    });
  }
  entries.sort(
    (a, b) =>
      b.jobsAtRisk - a.jobsAtRisk ||
      b.outputLossEurPerYear - a.outputLossEurPerYear ||
      b.establishmentsAffected - a.establishmentsAffected ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return entries;
}

/**
 * Ranks the territory's establishments (outside partners too with `includeExternal`) by the damage
 * of their closure: jobs at risk elsewhere, then output lost elsewhere, then establishments affected.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const top = await rankSystemic(prepareDomino(doc), { top: 10, signal: controller.signal, onProgress: (d, t) => bar(d / t) });
 * ```
 */
export async function rankSystemic(prepared: PreparedDomino, options: SystemicOptions = {}): Promise<SystemicEntry[]> {
  const { index, matrix } = prepared;
  const n = index.nodeCount;
  const model = options.model ?? 'cascade';
  const threshold = options.threshold ?? 0.5;
  const tolerance = options.tolerance ?? 1e-4;
  const chunk = Math.max(1, Math.floor(options.yieldEvery ?? 256));
  const { node } = matrix;
  const { jobsOf, outputOf, ranked, total } = positionTables(prepared, options.includeExternal ?? false);
  const tables = { threshold, jobsOf, outputOf };
  const cascade = model === 'cascade' ? new CascadeClosures(matrix, tables) : undefined;
  const closure = cascade ? (start: number) => cascade.closure(start) : iimClosures(matrix, tolerance, tables);
  const affectedOut = new Uint32Array(n);
  const severeOut = new Uint32Array(n);
  const stoppedOut = new Uint32Array(n);
  const jobsOut = new Float64Array(n);
  const lossOut = new Float64Array(n);

  let done = 0;
  for (let start = 0; start < n; start++) {
    if (!ranked[start]) continue;
    if (options.signal?.aborted) throw abortError();
    const { affected, severe, stopped, jobs, loss } = closure(start);
    const i = node[start]!;
    affectedOut[i] = affected;
    severeOut[i] = severe;
    stoppedOut[i] = stopped;
    jobsOut[i] = jobs.value();
    lossOut[i] = loss.value();
    done++;
    if (done % chunk === 0 || done === total) {
      options.onProgress?.(done, total);
      if (done < total) await tick();
    }
  }
  if (options.signal?.aborted) throw abortError();
  const entries = rankedEntries(prepared, ranked, { affectedOut, severeOut, stoppedOut, jobsOut, lossOut });
  return options.top ? entries.slice(0, options.top) : entries;
}
