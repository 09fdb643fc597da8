/**
 * The dependency matrix shared by every domino model: a[i][j], how much establishment i depends on
 * establishment j, is the `upstream` share of the flows j → i plus the `downstream` share of the flows
 * i → j, summed and capped at 1. Missing shares are derived from values (share of the buyer's inputs,
 * of the supplier's sales), else from quantities in convertible units, and the derivation is counted;
 * never for outside partners nor for support flows ({@link SUPPORT_KINDS}).
 *
 * Stored as CSR twice: the dependencies of each node (row i), and the dependents of each node
 * (column j, what a failure of j reaches). Nodes are renumbered in breadth-first order so that
 * neighbours sit close in memory: a cascade over 1M establishments runs 2–3× faster than in document
 * order (see the domino benchmarks). Hand-written over typed arrays: graph libraries keep one object
 * per edge, too slow and too large at 1M establishments.
 */
import { convertQuantity, FLOW_KINDS, getUnit, UNITS, type FlowKind, type FlowStatus, type ToileDocument } from '@toile/schema';
import { FLOW_STATUSES, type GraphIndex } from '../graph/build-index.ts';

/** How the shares of the matrix were obtained (counts of flow ends, two per flow used). */
export interface DerivationReport {
  /** Shares given in the document (`dependency.upstream` / `downstream`). */
  given: number;
  /** Shares derived from `valueEur`: the flow's value over all the values the establishment receives (upstream) or sends (downstream). */
  fromValue: number;
  /** Shares derived from quantities, over the establishment's quantities of the same dimension (converted with `convertQuantity`). */
  fromQuantity: number;
  /** Flow ends with no share and nothing to derive one from, an outside partner's, or a support flow's (they count 0). */
  unknown: number;
  /** Flows left out because of their status. */
  ignoredFlows: number;
}

/**
 * The dependency matrix (see the module comment). Rows and columns are numbered by *position*
 * (breadth-first order); `position` and `node` translate from and to the graph index's node numbers.
 * Arrays are owned: treat them as read-only.
 */
export interface DependencyMatrix {
  readonly nodeCount: number;
  /** Row p: `dependsOn[dependsOffsets[p] .. dependsOffsets[p+1])` (positions) with weights a[p][q]. */
  readonly dependsOffsets: Uint32Array;
  readonly dependsOn: Uint32Array;
  readonly dependsWeight: Float64Array;
  /** Column q: the positions p with a[p][q] > 0, `dependents[dependentsOffsets[q] ..]`, same weights. */
  readonly dependentsOffsets: Uint32Array;
  readonly dependents: Uint32Array;
  readonly dependentsWeight: Float64Array;
  /** Position of each graph-index node. */
  readonly position: Uint32Array;
  /** Graph-index node at each position. */
  readonly node: Uint32Array;
  readonly derivation: DerivationReport;
}

/** Options of {@link buildDependencyMatrix}. */
export interface MatrixOptions {
  /** Flow statuses taken into account (default: `active` only). */
  statuses?: readonly FlowStatus[];
  /** Renumber nodes in breadth-first order for memory locality (default true; false keeps index order). */
  renumber?: boolean;
}

/**
 * Support flows: what they carry is not an input of production in the sense of the models (a
 * training, a haulier, shared equipment), so their value or quantity says nothing about a
 * dependency. They count only with a share given in the document.
 */
export const SUPPORT_KINDS: readonly FlowKind[] = ['service', 'knowledge', 'logistics', 'pooling'];
const SUPPORT_CODE = Uint8Array.from(FLOW_KINDS, (k) => (SUPPORT_KINDS.includes(k) ? 1 : 0));

/** The base unit (first listed) of each dimension, in first-seen order, and each unit's dimension number. */
const DIMENSIONS: readonly string[] = [...new Set(UNITS.map((u) => u.dimension))];
const BASE_UNIT: readonly string[] = DIMENSIONS.map((d) => UNITS.find((u) => u.dimension === d)!.id);

/** Base-unit quantity of each edge and its dimension number (-1 when unknown). */
function edgeQuantities(doc: Pick<ToileDocument, 'flows'>, index: GraphIndex): { amount: Float64Array; dimension: Int8Array } {
  const amount = new Float64Array(index.edgeCount);
  const dimension = new Int8Array(index.edgeCount).fill(-1);
  for (let e = 0; e < index.edgeCount; e++) {
    const q = doc.flows[index.edgeFlow[e]!]?.quantity;
    if (!q || !(q.value > 0)) continue;
    const unit = getUnit(q.unit);
    if (!unit) continue;
    const d = DIMENSIONS.indexOf(unit.dimension);
    const base = convertQuantity(q.value, q.unit, BASE_UNIT[d]!);
    if (base === undefined) continue;
    amount[e] = base;
    dimension[e] = d;
  }
  return { amount, dimension };
}

/**
 * Breadth-first order over the used flows, both directions: the node with most links first, then
 * every other component from its lowest-numbered node; establishments without any used flow last.
 */
function breadthFirstOrder(index: GraphIndex, used: Uint8Array): Uint32Array {
  const n = index.nodeCount;
  const { outOffsets, outEdges, inOffsets, inEdges, edgeSource, edgeTarget } = index;
  const order = new Uint32Array(n);
  const seen = new Uint8Array(n);
  let hub = 0;
  let hubDegree = -1;
  for (let i = 0; i < n; i++) {
    const d = outOffsets[i + 1]! - outOffsets[i]! + inOffsets[i + 1]! - inOffsets[i]!;
    if (d > hubDegree) {
      hub = i;
      hubDegree = d;
    }
  }
  let tail = 0;
  const bfs = (start: number) => {
    let head = tail;
    seen[start] = 1;
    order[tail++] = start;
    while (head < tail) {
      const i = order[head++]!;
      for (let k = outOffsets[i]!; k < outOffsets[i + 1]!; k++) {
        const e = outEdges[k]!;
        const j = edgeTarget[e]!;
        if (used[e] && !seen[j]) {
          seen[j] = 1;
          order[tail++] = j;
        }
      }
      for (let k = inOffsets[i]!; k < inOffsets[i + 1]!; k++) {
        const e = inEdges[k]!;
        const j = edgeSource[e]!;
        if (used[e] && !seen[j]) {
          seen[j] = 1;
          order[tail++] = j;
        }
      }
    }
  };
  const linked = new Uint8Array(n);
  for (let e = 0; e < used.length; e++) {
    if (used[e]) linked[edgeSource[e]!] = linked[edgeTarget[e]!] = 1;
  }
  if (n > 0 && linked[hub]) bfs(hub);
  for (let i = 0; i < n; i++) if (linked[i] && !seen[i]) bfs(i);
  for (let i = 0; i < n; i++) if (!seen[i]) order[tail++] = i;
  return order;
}

/**
 * Builds the dependency matrix from a document and its graph index, in O(establishments + flows).
 *
 * @example
 * ```ts
 * const matrix = buildDependencyMatrix(doc, buildIndex(doc));
 * const row = matrix.position[index.nodeOf.get('acierie')!]!;
 * ```
 */
export function buildDependencyMatrix(doc: Pick<ToileDocument, 'flows'>, index: GraphIndex, options: MatrixOptions = {}): DependencyMatrix {
  const n = index.nodeCount;
  const m = index.edgeCount;
  const { edgeSource, edgeTarget, edgeKind, edgeValue, edgeUpstream, edgeDownstream, external, inOffsets, inEdges, outOffsets, outEdges } = index;
  let statusBits = 0;
  for (const s of options.statuses ?? ['active']) statusBits |= 1 << FLOW_STATUSES.indexOf(s);
  const used = new Uint8Array(m);
  let ignoredFlows = 0;
  for (let e = 0; e < m; e++) {
    if ((statusBits >> index.edgeStatus[e]!) & 1) used[e] = 1;
    else ignoredFlows++;
  }
  const { amount, dimension } = edgeQuantities(doc, index);

  // Shares per edge end, node by node: the totals a derivation needs are the node's own
  // (value and quantity per dimension received, or sent), gathered over its CSR slice.
  let given = 0;
  let fromValue = 0;
  let fromQuantity = 0;
  let unknown = 0;
  const up = new Float64Array(m);
  const down = new Float64Array(m);
  const dimTotal = new Float64Array(DIMENSIONS.length);
  const deriveSide = (offsets: Uint32Array, edges: Uint32Array, givenShare: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      const from = offsets[i]!;
      const to = offsets[i + 1]!;
      if (from === to) continue;
      let valueTotal = 0;
      dimTotal.fill(0);
      for (let k = from; k < to; k++) {
        const e = edges[k]!;
        if (!used[e]) continue;
        const v = edgeValue[e]!;
        if (v > 0) valueTotal += v;
        const d = dimension[e]!;
        if (d >= 0) dimTotal[d]! += amount[e]!;
      }
      for (let k = from; k < to; k++) {
        const e = edges[k]!;
        if (!used[e]) continue;
        const g = givenShare[e]!;
        if (!Number.isNaN(g)) {
          given++;
          out[e] = g;
          continue;
        }
        // An outside partner's other customers and suppliers are not in the document: shares
        // derived from what it exchanges with the territory would be far too high.
        if (external[i] || SUPPORT_CODE[edgeKind[e]!]) {
          unknown++;
          continue;
        }
        const v = edgeValue[e]!;
        const d = dimension[e]!;
        if (v > 0 && valueTotal > 0) {
          fromValue++;
          out[e] = v / valueTotal;
        } else if (d >= 0 && dimTotal[d]! > 0) {
          fromQuantity++;
          out[e] = amount[e]! / dimTotal[d]!;
        } else unknown++;
      }
    }
  };
  deriveSide(inOffsets, inEdges, edgeUpstream, up);
  deriveSide(outOffsets, outEdges, edgeDownstream, down);

  let node: Uint32Array;
  if (options.renumber === false) {
    node = new Uint32Array(n);
    for (let i = 0; i < n; i++) node[i] = i;
  } else node = breadthFirstOrder(index, used);
  const position = new Uint32Array(n);
  for (let p = 0; p < n; p++) position[node[p]!] = p;

  // Row p gathers a[p][q] over its node's in-edges (upstream) and out-edges (downstream), merged
  // per q with a scratch array, so that several flows between two establishments add up.
  let maxDegree = 0;
  for (let i = 0; i < n; i++) maxDegree = Math.max(maxDegree, inOffsets[i + 1]! - inOffsets[i]! + outOffsets[i + 1]! - outOffsets[i]!);
  const scratch = new Float64Array(n);
  const touched = new Uint32Array(maxDegree);
  const dependsOffsets = new Uint32Array(n + 1);
  // Each used flow adds at most two entries (one per direction).
  const rowsQ = new Uint32Array(2 * m);
  const rowsW = new Float64Array(2 * m);
  let nnz = 0;
  for (let p = 0; p < n; p++) {
    const i = node[p]!;
    let count = 0;
    for (let k = inOffsets[i]!; k < inOffsets[i + 1]!; k++) {
      const e = inEdges[k]!;
      const w = up[e]!;
      if (!used[e] || !(w > 0)) continue;
      const q = position[edgeSource[e]!]!;
      if (scratch[q] === 0) touched[count++] = q;
      scratch[q]! += w;
    }
    for (let k = outOffsets[i]!; k < outOffsets[i + 1]!; k++) {
      const e = outEdges[k]!;
      const w = down[e]!;
      if (!used[e] || !(w > 0)) continue;
      const q = position[edgeTarget[e]!]!;
      if (scratch[q] === 0) touched[count++] = q;
      scratch[q]! += w;
    }
    for (let c = 0; c < count; c++) {
      const q = touched[c]!;
      rowsQ[nnz] = q;
      rowsW[nnz++] = Math.min(1, scratch[q]!);
      scratch[q] = 0;
    }
    dependsOffsets[p + 1] = nnz;
  }
  const dependsOn = rowsQ.slice(0, nnz);
  const dependsWeight = rowsW.slice(0, nnz);
  // Transpose for the dependents of each node (rows visited in order: each column stays sorted).
  const dependentsOffsets = new Uint32Array(n + 1);
  for (let k = 0; k < nnz; k++) dependentsOffsets[dependsOn[k]! + 1]!++;
  for (let q = 0; q < n; q++) dependentsOffsets[q + 1]! += dependentsOffsets[q]!;
  const fill = dependentsOffsets.slice(0, n);
  const dependents = new Uint32Array(nnz);
  const dependentsWeight = new Float64Array(nnz);
  for (let p = 0; p < n; p++) {
    for (let k = dependsOffsets[p]!; k < dependsOffsets[p + 1]!; k++) {
      const at = fill[dependsOn[k]!]!++;
      dependents[at] = p;
      dependentsWeight[at] = dependsWeight[k]!;
    }
  }
  return {
    nodeCount: n,
    dependsOffsets,
    dependsOn,
    dependsWeight,
    dependentsOffsets,
    dependents,
    dependentsWeight,
    position,
    node,
    derivation: { given, fromValue, fromQuantity, unknown, ignoredFlows },
  };
}

/** a[i][j] between two graph-index nodes (0 when i does not depend on j); O(row length). */
export function dependencyOf(matrix: DependencyMatrix, i: number, j: number): number {
  const p = matrix.position[i]!;
  const q = matrix.position[j]!;
  for (let k = matrix.dependsOffsets[p]!; k < matrix.dependsOffsets[p + 1]!; k++) if (matrix.dependsOn[k] === q) return matrix.dependsWeight[k]!;
  return 0;
}
