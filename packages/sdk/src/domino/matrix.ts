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
import { DIMENSIONS, FLOW_KINDS, FLOW_STATUSES, type FlowKind, type FlowStatus } from '@toile/schema';
import type { GraphIndex } from '../graph/build-index.ts';
import type { RecordsInput } from '../columnar/records.ts';
import { edgeBaseQuantities, type EdgeBaseQuantities } from '../graph/base-quantity.ts';

/** How the shares of the matrix were obtained (counts of flow ends, two per flow used). */
export interface DerivationReport {
  /** Shares given in the document (`dependency.upstream` / `downstream`). */
  given: number;
  /** Shares derived from `valueEur`: the flow's value over all the values the establishment receives (upstream) or sends (downstream). */
  fromValue: number;
  /** Shares derived from quantities, over the establishment's quantities of the same dimension (in base units, as the graph index holds them). */
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

/** Entries of one CSR row range sorted by column (insertion sort: rows are short), in place. */
function sortRow(cols: Uint32Array, weights: Float64Array, lo: number, hi: number): void {
  for (let k = lo + 1; k < hi; k++) {
    const c = cols[k]!;
    const w = weights[k]!;
    let at = k - 1;
    while (at >= lo && cols[at]! > c) {
      cols[at + 1] = cols[at]!;
      weights[at + 1] = weights[at]!;
      at--;
    }
    cols[at + 1] = c;
    weights[at + 1] = w;
  }
}

/** Rows longer than this are merged with a stamp array instead of being sorted. */
const SHORT_ROW = 32;

/** A CSR matrix: row r holds `cols[offsets[r] .. offsets[r+1])` with `weights`. */
interface Csr {
  offsets: Uint32Array;
  cols: Uint32Array;
  weights: Float64Array;
}

/**
 * The transpose of a CSR matrix of n × n (counting sort: rows visited in order keep columns
 * sorted); without weights when only the structure is needed.
 */
function transpose(n: number, a: Csr, withWeights = true): Csr {
  const nnz = a.cols.length;
  const offsets = new Uint32Array(n + 1);
  for (let k = 0; k < nnz; k++) offsets[a.cols[k]! + 1]!++;
  for (let c = 0; c < n; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, n);
  const cols = new Uint32Array(nnz);
  const weights = new Float64Array(withWeights ? nnz : 0);
  for (let r = 0; r < n; r++) {
    for (let k = a.offsets[r]!; k < a.offsets[r + 1]!; k++) {
      const at = fill[a.cols[k]!]!++;
      cols[at] = r;
      if (withWeights) weights[at] = a.weights[k]!;
    }
  }
  return { offsets, cols, weights };
}

/**
 * Breadth-first order over the matrix taken as undirected (rows and columns): the node with most
 * links first, then every other component from its lowest-numbered node; isolated nodes last.
 */
function breadthFirstOrder(n: number, rows: Csr, cols: Csr): Uint32Array {
  const order = new Uint32Array(n);
  const seen = new Uint8Array(n);
  const degree = (i: number) => rows.offsets[i + 1]! - rows.offsets[i]! + cols.offsets[i + 1]! - cols.offsets[i]!;
  let hub = 0;
  for (let i = 1; i < n; i++) if (degree(i) > degree(hub)) hub = i;
  let tail = 0;
  const visit = (start: number) => {
    let head = tail;
    seen[start] = 1;
    order[tail++] = start;
    while (head < tail) {
      const i = order[head++]!;
      for (let k = rows.offsets[i]!; k < rows.offsets[i + 1]!; k++) {
        const j = rows.cols[k]!;
        if (!seen[j]) {
          seen[j] = 1;
          order[tail++] = j;
        }
      }
      for (let k = cols.offsets[i]!; k < cols.offsets[i + 1]!; k++) {
        const j = cols.cols[k]!;
        if (!seen[j]) {
          seen[j] = 1;
          order[tail++] = j;
        }
      }
    }
  };
  if (n > 0 && degree(hub) > 0) visit(hub);
  for (let i = 0; i < n; i++) if (!seen[i] && degree(i) > 0) visit(i);
  for (let i = 0; i < n; i++) if (!seen[i]) order[tail++] = i;
  return order;
}

/** The edges whose status is taken into account (1 each), and how many are left out. */
function usedEdges(index: GraphIndex, statuses: readonly FlowStatus[]): { used: Uint8Array; ignoredFlows: number } {
  const m = index.edgeCount;
  let statusBits = 0;
  for (const s of statuses) statusBits |= 1 << FLOW_STATUSES.indexOf(s);
  const used = new Uint8Array(m);
  let ignoredFlows = 0;
  for (let e = 0; e < m; e++) {
    if ((statusBits >> index.edgeStatus[e]!) & 1) used[e] = 1;
    else ignoredFlows++;
  }
  return { used, ignoredFlows };
}

/** The used edges with a quantity, in base units, grouped by dimension. */
interface QuantityGroups {
  /** Quantity of each edge in base units (0: none). */
  amount: Float64Array;
  /** Dimension number of each edge's quantity (-1: none, or a quantity of 0). */
  dimension: Int8Array;
  /** Dimension d holds `edges[start[d] .. start[d+1])`. */
  start: Uint32Array;
  /** Edge numbers, by dimension then document order. */
  edges: Uint32Array;
}

/**
 * Quantities in base units, by dimension number, as converted once per index; only the flows used
 * count. Edges with a quantity are grouped by dimension (counting sort) for the quantity shares.
 */
function groupQuantities(base: EdgeBaseQuantities, used: Uint8Array): QuantityGroups {
  const m = used.length;
  const D = DIMENSIONS.length;
  const amount = new Float64Array(m);
  const dimension = new Int8Array(m).fill(-1);
  const start = new Uint32Array(D + 1);
  for (let e = 0; e < m; e++) {
    const a = base.amount[e]!;
    if (!used[e] || !(a > 0)) continue;
    const d = base.dimension[e]!;
    amount[e] = a;
    dimension[e] = d;
    start[d + 1]!++;
  }
  for (let d = 0; d < D; d++) start[d + 1]! += start[d]!;
  const edges = new Uint32Array(start[D]!);
  const fill = start.slice(0, D);
  for (let e = 0; e < m; e++) if (dimension[e]! >= 0) edges[fill[dimension[e]!]!++] = e;
  return { amount, dimension, start, edges };
}

/** What each node receives and sends, in value, over the used edges. */
function valueTotals(index: GraphIndex, used: Uint8Array): { valueIn: Float64Array; valueOut: Float64Array } {
  const { edgeSource, edgeTarget, edgeValue } = index;
  const valueIn = new Float64Array(index.nodeCount);
  const valueOut = new Float64Array(index.nodeCount);
  for (let e = 0; e < index.edgeCount; e++) {
    if (!used[e]) continue;
    const v = edgeValue[e]!;
    if (v > 0) {
      valueIn[edgeTarget[e]!]! += v;
      valueOut[edgeSource[e]!]! += v;
    }
  }
  return { valueIn, valueOut };
}

/** The two shares of each edge: `up` (its target's dependency on its source), `down` (the reverse); NaN while pending. */
interface EdgeShares {
  up: Float64Array;
  down: Float64Array;
  given: number;
  fromValue: number;
  unknown: number;
}

/**
 * Shares per edge end: given, else derived from values (never for outside partners nor support
 * flows); ends left for quantities are marked NaN, settled by {@link settleQuantityShares}.
 */
function givenAndValueShares(index: GraphIndex, used: Uint8Array, values: { valueIn: Float64Array; valueOut: Float64Array }, dimension: Int8Array): EdgeShares {
  const { edgeSource, edgeTarget, edgeKind, edgeValue, edgeUpstream, edgeDownstream, external } = index;
  const { valueIn, valueOut } = values;
  const m = index.edgeCount;
  let given = 0;
  let fromValue = 0;
  let unknown = 0;
  const up = new Float64Array(m);
  const down = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    if (!used[e]) continue;
    const support = SUPPORT_CODE[edgeKind[e]!] === 1;
    const v = edgeValue[e]!;
    for (let side = 0; side < 2; side++) {
      const g = side === 0 ? edgeUpstream[e]! : edgeDownstream[e]!;
      let share = 0;
      if (!Number.isNaN(g)) {
        given++;
        share = g;
      } else {
        // An outside partner's other customers and suppliers are not in the document: shares
        // derived from what it exchanges with the territory would be far too high.
        const node = side === 0 ? edgeTarget[e]! : edgeSource[e]!;
        const valueTotal = side === 0 ? valueIn[node]! : valueOut[node]!;
        if (external[node] || support) unknown++;
        else if (v > 0 && valueTotal > 0) {
          fromValue++;
          share = v / valueTotal;
        } else if (dimension[e]! >= 0) share = Number.NaN;
        else unknown++;
      }
      if (side === 0) up[e] = share;
      else down[e] = share;
    }
  }
  return { up, down, given, fromValue, unknown };
}

/**
 * Quantity shares of the pending ends, one dimension at a time, so totals need two arrays of n, not
 * n × dimensions (`qtyIn` and `qtyOut` are scratch: the value totals, done with, are reused).
 * Returns how many ends were settled.
 */
function settleQuantityShares(index: GraphIndex, quantities: QuantityGroups, shares: EdgeShares, qtyIn: Float64Array, qtyOut: Float64Array): number {
  const { edgeSource, edgeTarget } = index;
  const { amount, start, edges } = quantities;
  const { up, down } = shares;
  let fromQuantity = 0;
  for (let d = 0; d < DIMENSIONS.length; d++) {
    const lo = start[d]!;
    const hi = start[d + 1]!;
    if (lo === hi) continue;
    qtyIn.fill(0);
    qtyOut.fill(0);
    for (let k = lo; k < hi; k++) {
      const e = edges[k]!;
      qtyIn[edgeTarget[e]!]! += amount[e]!;
      qtyOut[edgeSource[e]!]! += amount[e]!;
    }
    for (let k = lo; k < hi; k++) {
      const e = edges[k]!;
      // A pending end always settles here: its own amount is part of the total.
      if (Number.isNaN(up[e]!)) {
        up[e] = amount[e]! / qtyIn[edgeTarget[e]!]!;
        fromQuantity++;
      }
      if (Number.isNaN(down[e]!)) {
        down[e] = amount[e]! / qtyOut[edgeSource[e]!]!;
        fromQuantity++;
      }
    }
  }
  return fromQuantity;
}

/**
 * Rows in index numbering, duplicates not merged: a[to][from] += upstream, a[from][to] +=
 * downstream (counting sort, edges in document order within a row).
 */
function collectWeightedEdges(index: GraphIndex, shares: EdgeShares): Csr {
  const n = index.nodeCount;
  const m = index.edgeCount;
  const { edgeSource, edgeTarget } = index;
  const { up, down } = shares;
  const offsets = new Uint32Array(n + 1);
  for (let e = 0; e < m; e++) {
    if (up[e]! > 0) offsets[edgeTarget[e]! + 1]!++;
    if (down[e]! > 0) offsets[edgeSource[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const raw = offsets[n]!;
  const cols = new Uint32Array(raw);
  const weights = new Float64Array(raw);
  const fill = offsets.slice(0, n);
  for (let e = 0; e < m; e++) {
    if (up[e]! > 0) {
      const at = fill[edgeTarget[e]!]!++;
      cols[at] = edgeSource[e]!;
      weights[at] = up[e]!;
    }
    if (down[e]! > 0) {
      const at = fill[edgeSource[e]!]!++;
      cols[at] = edgeTarget[e]!;
      weights[at] = down[e]!;
    }
  }
  return { offsets, cols, weights };
}

/**
 * Several flows between two establishments add up, then are capped at 1: short rows are sorted and
 * merged, long ones (hubs) merged through a stamp per column. In place (the write index never
 * passes the read index); the result's arrays are views of `raw`'s: what merging saves is a few
 * entries, not worth a second allocation.
 */
function mergeDuplicates(n: number, raw: Csr): Csr {
  const { offsets: rawOffsets, cols, weights } = raw;
  const offsets = new Uint32Array(n + 1);
  let stamp: Int32Array | undefined;
  let slot: Uint32Array | undefined;
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const lo = rawOffsets[i]!;
    const hi = rawOffsets[i + 1]!;
    const first = nnz;
    if (hi - lo <= SHORT_ROW) {
      sortRow(cols, weights, lo, hi);
      for (let k = lo; k < hi; k++) {
        if (nnz > first && cols[nnz - 1] === cols[k]) weights[nnz - 1]! += weights[k]!;
        else {
          cols[nnz] = cols[k]!;
          weights[nnz++] = weights[k]!;
        }
      }
    } else {
      stamp ??= new Int32Array(n).fill(-1);
      slot ??= new Uint32Array(n);
      for (let k = lo; k < hi; k++) {
        const c = cols[k]!;
        if (stamp[c] === i) weights[slot[c]!]! += weights[k]!;
        else {
          stamp[c] = i;
          slot[c] = nnz;
          cols[nnz] = c;
          weights[nnz++] = weights[k]!;
        }
      }
    }
    for (let k = first; k < nnz; k++) if (weights[k]! > 1) weights[k] = 1;
    offsets[i + 1] = nnz;
  }
  return { offsets, cols: cols.subarray(0, nnz), weights: weights.subarray(0, nnz) };
}

/** The rows of the matrix by position, with `node` (the index node at each position) and `position` (its inverse). */
interface OrderedRows {
  rows: Csr;
  node: Uint32Array;
  position: Uint32Array;
}

/** Index order kept: position = node. */
function indexOrder(n: number, rows: Csr): OrderedRows {
  const node = new Uint32Array(n);
  const position = new Uint32Array(n);
  for (let i = 0; i < n; i++) node[i] = position[i] = i;
  return { rows, node, position };
}

/**
 * Breadth-first renumbering ({@link breadthFirstOrder}): rows moved to their positions, columns
 * renamed (and short rows re-sorted, so pulls read in order).
 */
function breadthFirstRenumbering(n: number, rows: Csr): OrderedRows {
  const node = new Uint32Array(n);
  const position = new Uint32Array(n);
  node.set(breadthFirstOrder(n, rows, transpose(n, rows, false)));
  for (let p = 0; p < n; p++) position[node[p]!] = p;
  const nnz = rows.cols.length;
  const pOffsets = new Uint32Array(n + 1);
  const pCols = new Uint32Array(nnz);
  const pWeights = new Float64Array(nnz);
  let at = 0;
  for (let p = 0; p < n; p++) {
    const i = node[p]!;
    const lo = at;
    for (let k = rows.offsets[i]!; k < rows.offsets[i + 1]!; k++) {
      pCols[at] = position[rows.cols[k]!]!;
      pWeights[at++] = rows.weights[k]!;
    }
    if (at - lo <= SHORT_ROW) sortRow(pCols, pWeights, lo, at);
    pOffsets[p + 1] = at;
  }
  return { rows: { offsets: pOffsets, cols: pCols, weights: pWeights }, node, position };
}

/** The merged rows in index numbering, and how their shares were obtained. */
interface WeightedRows {
  rows: Csr;
  derivation: DerivationReport;
}

/**
 * The rows of the matrix in index numbering, duplicates merged: the edges used, their shares (given,
 * from values, from quantities), the rows they make. Its own function so that the per-edge arrays
 * are garbage once it returns, before the ordering and the transpose allocate theirs.
 */
function weightedRows(doc: RecordsInput, index: GraphIndex, statuses: readonly FlowStatus[]): WeightedRows {
  const { used, ignoredFlows } = usedEdges(index, statuses);
  const quantities = groupQuantities(edgeBaseQuantities(doc, index), used);
  const values = valueTotals(index, used);
  const shares = givenAndValueShares(index, used, values, quantities.dimension);
  const fromQuantity = settleQuantityShares(index, quantities, shares, values.valueIn, values.valueOut);
  const rows = mergeDuplicates(index.nodeCount, collectWeightedEdges(index, shares));
  const { given, fromValue, unknown } = shares;
  return { rows, derivation: { given, fromValue, fromQuantity, unknown, ignoredFlows } };
}

/** The rows in their final order (breadth-first, or index order), with the derivation report passed on. */
function orderedRows(n: number, weighted: WeightedRows, renumber: boolean): OrderedRows & { derivation: DerivationReport } {
  const ordered = renumber ? breadthFirstRenumbering(n, weighted.rows) : indexOrder(n, weighted.rows);
  // Field by field: an object spread here costs more than the whole matrix of a small territory.
  return { rows: ordered.rows, node: ordered.node, position: ordered.position, derivation: weighted.derivation };
}

/**
 * Builds the dependency matrix from a document and its graph index, in O(establishments + flows):
 * passes over the edges in document order (per-node totals, then shares), a counting sort into
 * rows, and, unless `renumber` is false, one permutation into breadth-first order. Quantities are
 * read as converted once per index (`edgeBaseQuantities`).
 *
 * @example
 * ```ts
 * const matrix = buildDependencyMatrix(doc, buildIndex(doc));
 * const aij = dependencyOf(matrix, index.nodeOf.get('cimenterie')!, index.nodeOf.get('acierie')!);
 * ```
 */
export function buildDependencyMatrix(doc: RecordsInput, index: GraphIndex, options: MatrixOptions = {}): DependencyMatrix {
  const n = index.nodeCount;
  // One expression: nothing here holds the per-edge arrays nor the merged rows, which are garbage
  // (and can be collected) by the time the transpose allocates; held, they cost a collection more.
  const { rows, node, position, derivation } = orderedRows(n, weightedRows(doc, index, options.statuses ?? ['active']), options.renumber !== false);
  const columns = transpose(n, rows);
  return {
    nodeCount: n,
    dependsOffsets: rows.offsets,
    dependsOn: rows.cols,
    dependsWeight: rows.weights,
    dependentsOffsets: columns.offsets,
    dependents: columns.cols,
    dependentsWeight: columns.weights,
    position,
    node,
    derivation,
  };
}

/** a[i][j] between two graph-index nodes (0 when i does not depend on j); O(row length). */
export function dependencyOf(matrix: DependencyMatrix, i: number, j: number): number {
  const p = matrix.position[i]!;
  const q = matrix.position[j]!;
  for (let k = matrix.dependsOffsets[p]!; k < matrix.dependsOffsets[p + 1]!; k++) if (matrix.dependsOn[k] === q) return matrix.dependsWeight[k]!;
  return 0;
}
