/**
 * Systemic ranking: every establishment closed in turn, ranked by the knock-on damage its closure
 * causes. Each run reuses one workspace and resets only what it touched, so the cost of a run is
 * that of the part of the network it reaches. The loop yields to the event loop between chunks
 * (progress, cancellation) and takes plain data in and out, so it runs unchanged in a Web Worker.
 */
import type { DependencyMatrix } from './matrix.ts';
import { THRESHOLD_SLACK } from './models.ts';
import { AFFECTED_FROM, STOPPED_FROM, type PreparedDomino } from './simulate.ts';

/**
 * Knock-on damage of closing one establishment: the totals of `runDomino` for that closure, minus
 * the establishment itself (its jobs, and its own flows, lost by definition).
 */
export interface SystemicEntry {
  id: string;
  name: string;
  /** Other establishments failed or at least 1 % inoperable. */
  establishmentsAffected: number;
  /** Jobs at risk elsewhere: Σ employees × inoperability. */
  jobsAtRisk: number;
  /** Value of the flows lost between other establishments (an end failed, or ≥ 50 % inoperable for IIM), € per year. */
  valueLost: number;
}

/** Options of {@link rankSystemic}. */
export interface SystemicOptions {
  model?: 'cascade' | 'iim';
  /** Cascade threshold (default 0.5). */
  threshold?: number;
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

/** Buffers shared by all closures (by position); each run lists what it touched, to reset only that. */
interface Workspace {
  level: Float64Array;
  /** 0 untouched, 1 touched, 2 failed (cascade). */
  flag: Uint8Array;
  touched: Uint32Array;
  severe: Uint8Array;
  dirty: Uint8Array;
  current: Uint32Array;
  next: Uint32Array;
}

/** Cascade from one closed position; returns how many positions it touched (listed in `touched`). */
function cascadeFrom(matrix: DependencyMatrix, w: Workspace, start: number, threshold: number): number {
  const { dependentsOffsets, dependents, dependentsWeight } = matrix;
  const { level, flag, touched, severe } = w;
  // The failed positions, in order; `current` serves as the queue.
  const queue = w.current;
  let count = 0;
  let head = 0;
  let tail = 0;
  flag[start] = 2;
  touched[count++] = start;
  level[start] = 1;
  queue[tail++] = start;
  while (head < tail) {
    const j = queue[head++]!;
    for (let k = dependentsOffsets[j]!; k < dependentsOffsets[j + 1]!; k++) {
      const p = dependents[k]!;
      const f = flag[p]!;
      if (f === 2) continue;
      if (f === 0) {
        flag[p] = 1;
        touched[count++] = p;
      }
      let v = level[p]! + dependentsWeight[k]!;
      if (v > 1) v = 1;
      level[p] = v;
      if (v >= threshold - THRESHOLD_SLACK) {
        flag[p] = 2;
        level[p] = 1;
        queue[tail++] = p;
      }
    }
  }
  for (let c = 0; c < count; c++) {
    const p = touched[c]!;
    if (flag[p] === 2) severe[p] = 1;
  }
  return count;
}

/**
 * IIM from one closed position, as simulateIim's frontier method: the closed node is held at 1,
 * rows whose inputs rose are recomputed in passes of ascending position. Returns the touched count.
 */
function iimFrom(matrix: DependencyMatrix, w: Workspace, start: number, tolerance: number): number {
  const { dependsOffsets, dependsOn, dependsWeight, dependentsOffsets, dependents } = matrix;
  const { level, flag, touched, severe, dirty } = w;
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
  for (let c = 0; c < count; c++) {
    const p = touched[c]!;
    if (level[p]! >= STOPPED_FROM) severe[p] = 1;
  }
  return count;
}

/** Flows with a value, by position: the other end (a position) and the value, sent or received. */
interface ValuedAdjacency {
  at: Uint32Array;
  ends: Uint32Array;
  values: Float64Array;
}

function valuedAdjacency(prepared: PreparedDomino, offsets: Uint32Array, edges: Uint32Array, other: Uint32Array): ValuedAdjacency {
  const { matrix, index, used } = prepared;
  const { node, position } = matrix;
  const n = matrix.nodeCount;
  const value = index.edgeValue;
  const at = new Uint32Array(n + 1);
  for (let p = 0; p < n; p++) {
    const i = node[p]!;
    let c = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) if (used[edges[k]!] && value[edges[k]!]! > 0) c++;
    at[p + 1] = at[p]! + c;
  }
  const ends = new Uint32Array(at[n]!);
  const values = new Float64Array(at[n]!);
  for (let p = 0, w = 0; p < n; p++) {
    const i = node[p]!;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const e = edges[k]!;
      if (!used[e] || !(value[e]! > 0)) continue;
      ends[w] = position[other[e]!]!;
      values[w++] = value[e]!;
    }
  }
  return { at, ends, values };
}

/** Value of the used flows with a severe end, neither end the closed position; each flow once. */
function lostValue(w: Workspace, count: number, start: number, sent: ValuedAdjacency, received: ValuedAdjacency): number {
  const { touched, severe } = w;
  let value = 0;
  for (let c = 0; c < count; c++) {
    const p = touched[c]!;
    if (!severe[p] || p === start) continue;
    for (let k = sent.at[p]!; k < sent.at[p + 1]!; k++) if (sent.ends[k] !== start) value += sent.values[k]!;
    // A flow between two severe ends is counted once, from its sender's side.
    for (let k = received.at[p]!; k < received.at[p + 1]!; k++) {
      const o = received.ends[k]!;
      if (o !== start && !severe[o]) value += received.values[k]!;
    }
  }
  return value;
}

/**
 * Ranks every establishment by the damage of its closure: jobs at risk elsewhere, then
 * establishments affected, then value lost.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const top = await rankSystemic(prepareDomino(doc), { top: 10, signal: controller.signal, onProgress: (d, t) => bar(d / t) });
 * ```
 */
export async function rankSystemic(prepared: PreparedDomino, options: SystemicOptions = {}): Promise<SystemicEntry[]> {
  const { doc, index, matrix } = prepared;
  const n = index.nodeCount;
  const model = options.model ?? 'cascade';
  const threshold = options.threshold ?? 0.5;
  const tolerance = options.tolerance ?? 1e-4;
  const chunk = Math.max(1, Math.floor(options.yieldEvery ?? 256));
  const { node } = matrix;
  const w: Workspace = {
    level: new Float64Array(n),
    flag: new Uint8Array(n),
    touched: new Uint32Array(n),
    severe: new Uint8Array(n),
    dirty: new Uint8Array(n),
    current: new Uint32Array(n),
    next: new Uint32Array(n),
  };
  const jobsOf = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const emp = index.employees[node[p]!]!;
    jobsOf[p] = Number.isNaN(emp) ? 0 : emp;
  }
  const sent = valuedAdjacency(prepared, index.outOffsets, index.outEdges, index.edgeTarget);
  const received = valuedAdjacency(prepared, index.inOffsets, index.inEdges, index.edgeSource);
  const affectedOut = new Uint32Array(n);
  const jobsOut = new Float64Array(n);
  const valueOut = new Float64Array(n);

  for (let start = 0; start < n; start++) {
    if (options.signal?.aborted) throw abortError();
    const count = model === 'cascade' ? cascadeFrom(matrix, w, start, threshold) : iimFrom(matrix, w, start, tolerance);
    let affected = 0;
    let jobs = 0;
    for (let c = 0; c < count; c++) {
      const p = w.touched[c]!;
      if (p === start) continue;
      const q = w.level[p]!;
      if (q >= AFFECTED_FROM || w.severe[p]) affected++;
      jobs += jobsOf[p]! * q;
    }
    const i = node[start]!;
    affectedOut[i] = affected;
    jobsOut[i] = jobs;
    valueOut[i] = lostValue(w, count, start, sent, received);
    for (let c = 0; c < count; c++) {
      const p = w.touched[c]!;
      w.flag[p] = 0;
      w.level[p] = 0;
      w.severe[p] = 0;
    }
    if ((start + 1) % chunk === 0 || start === n - 1) {
      options.onProgress?.(start + 1, n);
      if (start < n - 1) await tick();
    }
  }
  if (options.signal?.aborted) throw abortError();
  const entries: SystemicEntry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const e = doc.establishments[i]!;
    entries[i] = { id: e.id, name: e.name, establishmentsAffected: affectedOut[i]!, jobsAtRisk: Math.round(jobsOut[i]! * 10) / 10, valueLost: Math.round(valueOut[i]!) };
  }
  entries.sort((a, b) => b.jobsAtRisk - a.jobsAtRisk || b.establishmentsAffected - a.establishmentsAffected || b.valueLost - a.valueLost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return options.top ? entries.slice(0, options.top) : entries;
}
