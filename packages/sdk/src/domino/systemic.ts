/**
 * Systemic ranking: every establishment closed in turn, ranked by the knock-on damage its closure
 * causes. Each run reuses one workspace and resets only what it touched, so the cost of a run is
 * that of the part of the network it reaches. The loop yields to the event loop between chunks
 * (progress, cancellation) and takes plain data in and out, so it runs unchanged in a Web Worker.
 */
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
  /** IIM: residuals below this are not propagated (default 1e-4: enough for a ranking, and far fewer updates). */
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
  const { doc, index, matrix, used } = prepared;
  const n = index.nodeCount;
  const model = options.model ?? 'cascade';
  const threshold = options.threshold ?? 0.5;
  const tolerance = options.tolerance ?? 1e-4;
  const chunk = Math.max(1, Math.floor(options.yieldEvery ?? 256));
  const { dependentsOffsets, dependents, dependentsWeight, node, position } = matrix;
  const { outOffsets, outEdges, inOffsets, inEdges, edgeSource, edgeTarget, edgeValue } = index;
  // Workspace shared by all runs (by position); `touched` lists what to reset.
  const level = new Float64Array(n);
  const residual = new Float64Array(n);
  // 0 untouched, 1 touched, 2 failed (cascade) or queued (IIM).
  const flag = new Uint8Array(n);
  const touched = new Uint32Array(n);
  const queue = new Uint32Array(n + 1);
  const severe = new Uint8Array(n);
  const jobsOf = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const emp = index.employees[node[p]!]!;
    jobsOf[p] = Number.isNaN(emp) ? 0 : emp;
  }
  const affectedOut = new Uint32Array(n);
  const jobsOut = new Float64Array(n);
  const valueOut = new Float64Array(n);
  let count = 0;

  const touch = (p: number) => {
    if (flag[p] === 0) {
      flag[p] = 1;
      touched[count++] = p;
    }
  };

  const cascadeFrom = (start: number) => {
    let head = 0;
    let tail = 0;
    touch(start);
    flag[start] = 2;
    level[start] = 1;
    queue[tail++] = start;
    while (head < tail) {
      const j = queue[head++]!;
      for (let k = dependentsOffsets[j]!; k < dependentsOffsets[j + 1]!; k++) {
        const p = dependents[k]!;
        if (flag[p] === 2) continue;
        touch(p);
        let v = level[p]! + dependentsWeight[k]!;
        if (v > 1) v = 1;
        level[p] = v;
        if (v >= threshold) {
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
  };

  const iimFrom = (start: number) => {
    let head = 0;
    let tail = 0;
    touch(start);
    residual[start] = 1;
    flag[start] = 2;
    queue[tail++] = start;
    while (head !== tail) {
      const j = queue[head]!;
      head = head === n ? 0 : head + 1;
      flag[j] = 1;
      const before = level[j]!;
      const sum = before + residual[j]!;
      const after = sum < 1 ? sum : 1;
      residual[j] = 0;
      const delta = after - before;
      if (delta <= 0) continue;
      level[j] = after;
      for (let k = dependentsOffsets[j]!; k < dependentsOffsets[j + 1]!; k++) {
        const p = dependents[k]!;
        if (level[p]! >= 1) continue;
        touch(p);
        const r = residual[p]! + dependentsWeight[k]! * delta;
        residual[p] = r;
        if (r > tolerance && flag[p] !== 2) {
          flag[p] = 2;
          queue[tail] = p;
          tail = tail === n ? 0 : tail + 1;
        }
      }
    }
    for (let c = 0; c < count; c++) {
      const p = touched[c]!;
      if (level[p]! >= STOPPED_FROM) severe[p] = 1;
    }
  };

  /** Value of the used flows with a severe end, neither end the closed establishment; each flow once. */
  const lostValue = (start: number): number => {
    const s = node[start]!;
    let value = 0;
    for (let c = 0; c < count; c++) {
      const p = touched[c]!;
      if (!severe[p] || p === start) continue;
      const i = node[p]!;
      for (let k = outOffsets[i]!; k < outOffsets[i + 1]!; k++) {
        const e = outEdges[k]!;
        const v = edgeValue[e]!;
        if (used[e] && v > 0 && edgeTarget[e] !== s) value += v;
      }
      for (let k = inOffsets[i]!; k < inOffsets[i + 1]!; k++) {
        const e = inEdges[k]!;
        const v = edgeValue[e]!;
        const from = edgeSource[e]!;
        // A flow between two severe ends is counted once, from its source's side.
        if (used[e] && v > 0 && from !== s && !severe[position[from]!]) value += v;
      }
    }
    return value;
  };

  for (let start = 0; start < n; start++) {
    if (options.signal?.aborted) throw abortError();
    count = 0;
    if (model === 'cascade') cascadeFrom(start);
    else iimFrom(start);
    let affected = 0;
    let jobs = 0;
    for (let c = 0; c < count; c++) {
      const p = touched[c]!;
      if (p === start) continue;
      const q = level[p]!;
      if (q >= AFFECTED_FROM || severe[p]) affected++;
      jobs += jobsOf[p]! * q;
    }
    const i = node[start]!;
    affectedOut[i] = affected;
    jobsOut[i] = jobs;
    valueOut[i] = lostValue(start);
    for (let c = 0; c < count; c++) {
      const p = touched[c]!;
      flag[p] = 0;
      level[p] = 0;
      residual[p] = 0;
      severe[p] = 0;
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
