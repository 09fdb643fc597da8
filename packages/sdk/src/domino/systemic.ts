/**
 * Systemic ranking: every establishment closed in turn, ranked by the damage its closure causes to
 * the others. Each run reuses one workspace and resets only what it touched, so a 10k-establishment
 * territory is ranked in seconds; the loop yields between chunks (progress, cancellation), and is
 * plain data in and out, so it runs unchanged in a Web Worker.
 */
import type { PreparedDomino } from './simulate.ts';

/** Damage caused by closing one establishment (its own losses excluded). */
export interface SystemicEntry {
  id: string;
  name: string;
  /** Other establishments failed (cascade) or ≥ 1 % inoperable (IIM). */
  establishmentsAffected: number;
  /** Jobs at risk elsewhere. */
  jobsAtRisk: number;
  /** Value of the flows of affected establishments at risk, € per year. */
  valueLost: number;
}

/** Options of {@link rankSystemic}. */
export interface SystemicOptions {
  model?: 'cascade' | 'iim';
  /** Cascade threshold (default 0.5). */
  threshold?: number;
  /** Keep the best N (default: all). */
  top?: number;
  /** Called after each chunk with the closures simulated so far. */
  onProgress?: (done: number, total: number) => void;
  /** Aborts between chunks with an `AbortError`. */
  signal?: AbortSignal;
  /** Closures simulated between two yields to the event loop (default 256). */
  yieldEvery?: number;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Ranks every establishment by the damage of its closure: jobs at risk elsewhere, then
 * establishments affected, then value lost.
 */
export async function rankSystemic(prepared: PreparedDomino, options: SystemicOptions = {}): Promise<SystemicEntry[]> {
  const { doc, index, matrix } = prepared;
  const n = index.nodeCount;
  const model = options.model ?? 'cascade';
  const threshold = options.threshold ?? 0.5;
  const chunk = Math.max(1, options.yieldEvery ?? 256);
  const { dependentsOffsets, dependents, dependentsWeight } = matrix;
  // Workspace shared by all runs; `touched` lists what to reset.
  const level = new Float64Array(n);
  const residual = new Float64Array(n);
  const flag = new Uint8Array(n);
  const touched = new Uint32Array(n);
  const queue = new Uint32Array(n + 1);
  // Value of the flows of each node (in + out), for the value lost.
  const nodeValue = new Float64Array(n);
  for (let e = 0; e < index.edgeCount; e++) {
    const v = index.edgeValue[e]!;
    if (v > 0) {
      nodeValue[index.edgeSource[e]!]! += v;
      nodeValue[index.edgeTarget[e]!]! += v;
    }
  }
  const entries: SystemicEntry[] = [];

  const cascadeFrom = (start: number): [number, number, number] => {
    let count = 0;
    let head = 0;
    let tail = 0;
    flag[start] = 2;
    touched[count++] = start;
    queue[tail++] = start;
    let affected = 0;
    let jobs = 0;
    let value = 0;
    while (head < tail) {
      const j = queue[head++]!;
      for (let k = dependentsOffsets[j]!; k < dependentsOffsets[j + 1]!; k++) {
        const i = dependents[k]!;
        if (flag[i] === 2) continue;
        if (flag[i] === 0) {
          flag[i] = 1;
          touched[count++] = i;
        }
        const p = Math.min(1, level[i]! + dependentsWeight[k]!);
        level[i] = p;
        if (p >= threshold) {
          flag[i] = 2;
          queue[tail++] = i;
          affected++;
          const emp = index.employees[i]!;
          if (!Number.isNaN(emp)) jobs += emp;
          value += nodeValue[i]!;
        }
      }
    }
    for (let c = 0; c < count; c++) {
      const i = touched[c]!;
      flag[i] = 0;
      level[i] = 0;
    }
    return [affected, jobs, value];
  };

  const iimFrom = (start: number): [number, number, number] => {
    const tolerance = 1e-9;
    let count = 0;
    let head = 0;
    let tail = 0;
    const mark = (i: number) => {
      if (flag[i] === 0) {
        flag[i] = 1;
        touched[count++] = i;
      }
    };
    mark(start);
    residual[start] = 1;
    queue[tail] = start;
    tail = 1;
    flag[start] = 3; // queued
    while (head !== tail) {
      const j = queue[head]!;
      head = head === n ? 0 : head + 1;
      flag[j] = 1;
      const before = level[j]!;
      const after = Math.min(1, before + residual[j]!);
      residual[j] = 0;
      const delta = after - before;
      if (delta <= 0) continue;
      level[j] = after;
      for (let k = dependentsOffsets[j]!; k < dependentsOffsets[j + 1]!; k++) {
        const i = dependents[k]!;
        if (level[i]! >= 1) continue;
        mark(i);
        const r = residual[i]! + dependentsWeight[k]! * delta;
        residual[i] = r;
        if (r > tolerance && flag[i] !== 3) {
          flag[i] = 3;
          queue[tail] = i;
          tail = tail === n ? 0 : tail + 1;
        }
      }
    }
    let affected = 0;
    let jobs = 0;
    let value = 0;
    for (let c = 0; c < count; c++) {
      const i = touched[c]!;
      if (i !== start) {
        const q = level[i]!;
        if (q >= 0.01) affected++;
        const emp = index.employees[i]!;
        if (!Number.isNaN(emp)) jobs += emp * q;
        value += nodeValue[i]! * q;
      }
      flag[i] = 0;
      level[i] = 0;
      residual[i] = 0;
    }
    return [affected, jobs, value];
  };

  for (let start = 0; start < n; start++) {
    if (options.signal?.aborted) throw new DOMException('systemic ranking aborted', 'AbortError');
    const [affected, jobs, value] = model === 'cascade' ? cascadeFrom(start) : iimFrom(start);
    const e = doc.establishments[start]!;
    entries.push({ id: e.id, name: e.name, establishmentsAffected: affected, jobsAtRisk: Math.round(jobs * 10) / 10, valueLost: Math.round(value) });
    if ((start + 1) % chunk === 0 || start === n - 1) {
      options.onProgress?.(start + 1, n);
      if (start < n - 1) await tick();
    }
  }
  if (options.signal?.aborted) throw new DOMException('systemic ranking aborted', 'AbortError');
  entries.sort((a, b) => b.jobsAtRisk - a.jobsAtRisk || b.establishmentsAffected - a.establishmentsAffected || b.valueLost - a.valueLost || (a.id < b.id ? -1 : 1));
  return options.top ? entries.slice(0, options.top) : entries;
}
