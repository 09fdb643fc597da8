/**
 * The domino models over a {@link DependencyMatrix}: a threshold cascade, the inoperability
 * input–output model (IIM, Haimes & Jiang 2001; Santos & Haimes 2004) and its dynamic form (DIIM,
 * Santos et al.). Pure functions over typed arrays; node numbers are those of the graph index.
 * No library implements these models over sparse matrices in JavaScript; the solvers are a few
 * loops, written here so that they touch only the part of the network a shock reaches.
 */
import type { DependencyMatrix } from './matrix.ts';

/** A shock: the node and the share of its activity lost at once (1 = closure). */
export interface NodeShock {
  node: number;
  fraction: number;
}

/** Result of {@link simulateCascade}. */
export interface CascadeResult {
  /** 1 for failed nodes (shocked ones included). */
  failed: Uint8Array;
  /** Round in which each node failed (0 = shocked), -1 if it did not. */
  round: Int32Array;
  /** Dependency on failed nodes, capped at 1 (1 for failed nodes; the shock for shocked ones). */
  pressure: Float64Array;
  /** Number of rounds until nothing more failed. */
  rounds: number;
  /** Nodes failed, in order of failure. */
  order: Uint32Array;
}

/**
 * Threshold cascade: shocked nodes fail; a node fails when the sum of its dependencies on failed
 * nodes (each weighted by the failed node's lost fraction, 1 for a cascade failure) reaches its
 * threshold. Incremental: only the dependents of newly failed nodes are looked at.
 *
 * @param thresholds - one per node, or a single value (default 0.5)
 */
export function simulateCascade(matrix: DependencyMatrix, shocks: readonly NodeShock[], thresholds: Float64Array | number = 0.5): CascadeResult {
  const n = matrix.nodeCount;
  const failed = new Uint8Array(n);
  const round = new Int32Array(n).fill(-1);
  const pressure = new Float64Array(n);
  const lost = new Float64Array(n);
  // One queue in failure order; the rounds are consecutive slices of it.
  const queue = new Uint32Array(n);
  let tail = 0;
  for (const { node, fraction } of shocks) {
    if (failed[node]) continue;
    failed[node] = 1;
    round[node] = 0;
    lost[node] = fraction;
    pressure[node] = fraction;
    queue[tail++] = node;
  }
  const uniform = typeof thresholds === 'number' ? thresholds : -1;
  const perNode = typeof thresholds === 'number' ? undefined : thresholds;
  const { dependentsOffsets, dependents, dependentsWeight } = matrix;
  let head = 0;
  let r = 0;
  while (head < tail) {
    r++;
    const end = tail;
    for (; head < end; head++) {
      const j = queue[head]!;
      const f = lost[j]!;
      const stop = dependentsOffsets[j + 1]!;
      for (let k = dependentsOffsets[j]!; k < stop; k++) {
        const i = dependents[k]!;
        if (failed[i]) continue;
        let p = pressure[i]! + dependentsWeight[k]! * f;
        if (p > 1) p = 1;
        pressure[i] = p;
        if (p >= (perNode ? perNode[i]! : uniform)) {
          failed[i] = 1;
          round[i] = r;
          lost[i] = 1;
          queue[tail++] = i;
        }
      }
    }
  }
  const order = queue.slice(0, tail);
  for (const i of order) if (round[i] !== 0) pressure[i] = 1;
  return { failed, round, pressure, rounds: Math.max(0, r - 1), order };
}

/** Options of {@link simulateIim}. */
export interface IimOptions {
  /** Changes smaller than this are not propagated (default 1e-9). */
  tolerance?: number;
  /** Node updates allowed before giving up (default 200 × nodes). */
  maxUpdates?: number;
}

/** Result of {@link simulateIim}. */
export interface IimResult {
  /** Inoperability of each node, in [0, 1]. */
  inoperability: Float64Array;
  /** True when every remaining change was below the tolerance. */
  converged: boolean;
  /** Node updates performed. */
  updates: number;
  tolerance: number;
}

/**
 * Inoperability input–output model: solves q = A q + c with q capped at 1, c the shock vector.
 * Push-style Gauss–Seidel from q = 0: each node keeps a residual; when it is above the tolerance the
 * node absorbs it and passes a[i][j]·Δq to its dependents. The iteration is monotone (all terms are
 * non-negative), so it reaches the least fixed point on networks with cycles too, and it only
 * touches the nodes the shock reaches.
 */
export function simulateIim(matrix: DependencyMatrix, shocks: readonly NodeShock[], options: IimOptions = {}): IimResult {
  const n = matrix.nodeCount;
  const tolerance = options.tolerance ?? 1e-9;
  const maxUpdates = options.maxUpdates ?? 200 * Math.max(1, n);
  const q = new Float64Array(n);
  const residual = new Float64Array(n);
  const queued = new Uint8Array(n);
  // A ring buffer of queued nodes: each node is in it at most once.
  const queue = new Uint32Array(n + 1);
  let head = 0;
  let tail = 0;
  const push = (i: number) => {
    queued[i] = 1;
    queue[tail] = i;
    tail = tail === n ? 0 : tail + 1;
  };
  for (const { node, fraction } of shocks) {
    residual[node]! += fraction;
    if (!queued[node]) push(node);
  }
  const { dependentsOffsets, dependents, dependentsWeight } = matrix;
  let updates = 0;
  while (head !== tail && updates < maxUpdates) {
    const j = queue[head]!;
    head = head === n ? 0 : head + 1;
    queued[j] = 0;
    const before = q[j]!;
    const after = Math.min(1, before + residual[j]!);
    residual[j] = 0;
    const delta = after - before;
    if (delta <= 0) continue;
    q[j] = after;
    updates++;
    for (let k = dependentsOffsets[j]!; k < dependentsOffsets[j + 1]!; k++) {
      const i = dependents[k]!;
      if (q[i]! >= 1) continue;
      const r = residual[i]! + dependentsWeight[k]! * delta;
      residual[i] = r;
      if (r > tolerance && !queued[i]) push(i);
    }
  }
  return { inoperability: q, converged: head === tail, updates, tolerance };
}

/** Options of {@link simulateDiim}. */
export interface DiimOptions {
  /** Days to recover to 1 % of the initial inoperability, one value or one per node (default 30). */
  recoveryDays?: number | Float64Array;
  /** Days simulated (default 30). */
  steps?: number;
}

/** Result of {@link simulateDiim}. */
export interface DiimResult {
  /** Inoperability per day and node: `trajectory[t * nodeCount + i]`, t = 0 … steps. */
  trajectory: Float64Array;
  steps: number;
  /** Inoperability of each node on the last day. */
  final: Float64Array;
  /** Highest inoperability each node reached. */
  peak: Float64Array;
  /** Resilience coefficient k of each node (capped at 1, where a recovery faster than a day is asked). */
  k: Float64Array;
}

/**
 * Dynamic IIM, recovery scenario: the shock sets q(0), then c(t) = 0 and
 * q(t+1) = q(t) + K (A q(t) − q(t)), with k_i = ln(100) / (T_i (1 − a_ii)) so that an isolated node
 * recovers to 1 % of its initial inoperability in T_i days (a_ii = 0: a flow never links an
 * establishment to itself). Values are kept in [0, 1].
 */
export function simulateDiim(matrix: DependencyMatrix, shocks: readonly NodeShock[], options: DiimOptions = {}): DiimResult {
  const n = matrix.nodeCount;
  const steps = Math.max(0, Math.floor(options.steps ?? 30));
  const recovery = options.recoveryDays ?? 30;
  const k = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const T = typeof recovery === 'number' ? recovery : recovery[i]!;
    k[i] = Math.min(1, Math.log(100) / T);
  }
  const trajectory = new Float64Array((steps + 1) * n);
  for (const { node, fraction } of shocks) trajectory[node] = Math.min(1, trajectory[node]! + fraction);
  const peak = trajectory.slice(0, n);
  const { dependsOffsets, dependsOn, dependsWeight } = matrix;
  for (let t = 0; t < steps; t++) {
    const base = t * n;
    const nextBase = base + n;
    for (let i = 0; i < n; i++) {
      let aq = 0;
      for (let c = dependsOffsets[i]!; c < dependsOffsets[i + 1]!; c++) aq += dependsWeight[c]! * trajectory[base + dependsOn[c]!]!;
      const qi = trajectory[base + i]!;
      const next = qi + k[i]! * (aq - qi);
      const clamped = next < 0 ? 0 : next > 1 ? 1 : next;
      trajectory[nextBase + i] = clamped;
      if (clamped > peak[i]!) peak[i] = clamped;
    }
  }
  return { trajectory, steps, final: trajectory.slice(steps * n), peak, k };
}
