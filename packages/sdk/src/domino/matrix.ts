/**
 * The dependency matrix shared by every domino model: a[i][j], how much establishment i depends on
 * establishment j, is the `upstream` share of the flows j → i plus the `downstream` share of the flows
 * i → j, summed and capped at 1. Missing shares are derived from values (share of the buyer's inputs,
 * of the supplier's sales), else from quantities in convertible units, and the derivation is counted.
 *
 * Stored as CSR twice: the dependencies of each node (row i), and the dependents of each node
 * (column j, what a failure of j reaches). Hand-written over typed arrays: graph libraries keep one
 * object per edge, too slow and too large at 1M establishments (see the domino benchmarks).
 */
import { FLOW_KINDS, getUnit, type FlowStatus, type ToileDocument } from '@toile/schema';
import { FLOW_STATUSES, type GraphIndex } from '../graph/build-index.ts';

/** Flow kinds whose shares may be derived from values or quantities, by position in FLOW_KINDS. */
const PRODUCTION_KIND: readonly boolean[] = FLOW_KINDS.map((k) => ['supply', 'subcontracting', 'byproduct', 'energy', 'water'].includes(k));

/** How the shares of the matrix were obtained. */
export interface DerivationReport {
  /** Shares given in the document (`dependency.upstream` / `downstream`). */
  given: number;
  /** Shares derived from `valueEur`. */
  fromValue: number;
  /** Shares derived from quantities (same dimension). */
  fromQuantity: number;
  /** Flow ends with no share and nothing to derive one from, or an outside partner's (they count 0). */
  unknown: number;
  /** Flows left out because of their status. */
  ignoredFlows: number;
}

/** The dependency matrix (see the module comment). Arrays are owned: treat as read-only. */
export interface DependencyMatrix {
  readonly nodeCount: number;
  /** Row i: `dependsOn[dependsOffsets[i] .. dependsOffsets[i+1])` with weights a[i][j]. */
  readonly dependsOffsets: Uint32Array;
  readonly dependsOn: Uint32Array;
  readonly dependsWeight: Float64Array;
  /** Column j: the nodes i with a[i][j] > 0, `dependents[dependentsOffsets[j] ..]`, same weights. */
  readonly dependentsOffsets: Uint32Array;
  readonly dependents: Uint32Array;
  readonly dependentsWeight: Float64Array;
  readonly derivation: DerivationReport;
}

/** Options of {@link buildDependencyMatrix}. */
export interface MatrixOptions {
  /** Flow statuses taken into account (default: `active` only). */
  statuses?: readonly FlowStatus[];
}

/** Base-unit quantity of each edge and its dimension id (-1 when unknown). */
function edgeQuantities(doc: Pick<ToileDocument, 'flows'>, index: GraphIndex): { amount: Float64Array; dimension: Int32Array } {
  const amount = new Float64Array(index.edgeCount);
  const dimension = new Int32Array(index.edgeCount).fill(-1);
  const dims = new Map<string, number>();
  for (let e = 0; e < index.edgeCount; e++) {
    const q = doc.flows[index.edgeFlow[e]!]?.quantity;
    if (!q) continue;
    const unit = getUnit(q.unit);
    if (!unit) continue;
    let d = dims.get(unit.dimension);
    if (d === undefined) dims.set(unit.dimension, (d = dims.size));
    amount[e] = q.value * unit.factor;
    dimension[e] = d;
  }
  return { amount, dimension };
}

/**
 * Builds the dependency matrix from a document and its graph index, in O(flows).
 *
 * @example
 * ```ts
 * const matrix = buildDependencyMatrix(doc, buildIndex(doc));
 * ```
 */
export function buildDependencyMatrix(doc: Pick<ToileDocument, 'flows'>, index: GraphIndex, options: MatrixOptions = {}): DependencyMatrix {
  const n = index.nodeCount;
  const m = index.edgeCount;
  let statusBits = 0;
  for (const s of options.statuses ?? ['active']) statusBits |= 1 << FLOW_STATUSES.indexOf(s);
  const derivation: DerivationReport = { given: 0, fromValue: 0, fromQuantity: 0, unknown: 0, ignoredFlows: 0 };
  const used = new Uint8Array(m);
  for (let e = 0; e < m; e++) {
    if ((statusBits >> index.edgeStatus[e]!) & 1) used[e] = 1;
    else derivation.ignoredFlows++;
  }
  const { amount, dimension } = edgeQuantities(doc, index);

  // Shares of each node's inputs (its in-edges: upstream) and sales (its out-edges: downstream),
  // derived where missing from the node's totals of value and of quantity per dimension.
  let dimensions = 0;
  for (let e = 0; e < m; e++) if (dimension[e]! >= dimensions) dimensions = dimension[e]! + 1;
  const quantityTotals = new Float64Array(Math.max(1, dimensions));
  const up = new Float64Array(m);
  const down = new Float64Array(m);
  const share = (given: number, e: number, node: number, valueTotal: number): number => {
    if (!Number.isNaN(given)) {
      derivation.given++;
      return given;
    }
    // An outside partner's other customers and suppliers are not in the document: shares derived
    // from what it exchanges with the territory would be far too high.
    if (index.external[node]) {
      derivation.unknown++;
      return 0;
    }
    // Support flows (services, knowledge, logistics, pooling) are not production inputs: a share of
    // "the inputs" derived for them would say a refinery lives on its one training contract.
    if (!PRODUCTION_KIND[index.edgeKind[e]!]) {
      derivation.unknown++;
      return 0;
    }
    const value = index.edgeValue[e]!;
    if (value > 0 && valueTotal > 0) {
      derivation.fromValue++;
      return value / valueTotal;
    }
    const d = dimension[e]!;
    if (d >= 0 && amount[e]! > 0 && quantityTotals[d]! > 0) {
      derivation.fromQuantity++;
      return amount[e]! / quantityTotals[d]!;
    }
    derivation.unknown++;
    return 0;
  };
  const derive = (offsets: Uint32Array, edges: Uint32Array, given: Float64Array, out: Float64Array, node: number) => {
    let valueTotal = 0;
    quantityTotals.fill(0);
    for (let k = offsets[node]!; k < offsets[node + 1]!; k++) {
      const e = edges[k]!;
      if (!used[e] || !PRODUCTION_KIND[index.edgeKind[e]!]) continue;
      const v = index.edgeValue[e]!;
      if (v > 0) valueTotal += v;
      const d = dimension[e]!;
      if (d >= 0 && amount[e]! > 0) quantityTotals[d]! += amount[e]!;
    }
    for (let k = offsets[node]!; k < offsets[node + 1]!; k++) {
      const e = edges[k]!;
      if (used[e]) out[e] = share(given[e]!, e, node, valueTotal);
    }
  };
  for (let node = 0; node < n; node++) {
    derive(index.inOffsets, index.inEdges, index.edgeUpstream, up, node);
    derive(index.outOffsets, index.outEdges, index.edgeDownstream, down, node);
  }

  // Row i gathers a[i][j] over its in-edges (upstream) and out-edges (downstream), merged per j
  // with a scratch array, so that several flows between two establishments add up.
  const scratch = new Float64Array(n);
  const rowCount = new Uint32Array(n + 1);
  // Each used flow adds at most two entries (one per direction).
  const rowsJ = new Uint32Array(2 * m);
  const rowsW = new Float64Array(2 * m);
  let nnz = 0;
  // Node numbers touched by the current row (a row has at most in + out degree entries).
  let touched = new Uint32Array(64);
  for (let i = 0; i < n; i++) {
    let count = 0;
    const width = index.inOffsets[i + 1]! - index.inOffsets[i]! + index.outOffsets[i + 1]! - index.outOffsets[i]!;
    if (width > touched.length) touched = new Uint32Array(width * 2);
    for (let k = index.inOffsets[i]!; k < index.inOffsets[i + 1]!; k++) {
      const e = index.inEdges[k]!;
      const w = up[e]!;
      if (!used[e] || w <= 0) continue;
      const j = index.edgeSource[e]!;
      if (scratch[j] === 0) touched[count++] = j;
      scratch[j]! += w;
    }
    for (let k = index.outOffsets[i]!; k < index.outOffsets[i + 1]!; k++) {
      const e = index.outEdges[k]!;
      const w = down[e]!;
      if (!used[e] || w <= 0) continue;
      const j = index.edgeTarget[e]!;
      if (scratch[j] === 0) touched[count++] = j;
      scratch[j]! += w;
    }
    for (let c = 0; c < count; c++) {
      const j = touched[c]!;
      rowsJ[nnz] = j;
      rowsW[nnz++] = Math.min(1, scratch[j]!);
      scratch[j] = 0;
    }
    rowCount[i + 1] = rowCount[i]! + count;
  }
  const dependsOn = rowsJ.slice(0, nnz);
  const dependsWeight = rowsW.slice(0, nnz);
  // Transpose for the dependents of each node.
  const dependentsOffsets = new Uint32Array(n + 1);
  for (let k = 0; k < nnz; k++) dependentsOffsets[dependsOn[k]! + 1]!++;
  for (let j = 0; j < n; j++) dependentsOffsets[j + 1]! += dependentsOffsets[j]!;
  const fill = dependentsOffsets.slice(0, n);
  const dependents = new Uint32Array(nnz);
  const dependentsWeight = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    for (let k = rowCount[i]!; k < rowCount[i + 1]!; k++) {
      const j = dependsOn[k]!;
      const at = fill[j]!++;
      dependents[at] = i;
      dependentsWeight[at] = dependsWeight[k]!;
    }
  }
  return { nodeCount: n, dependsOffsets: rowCount, dependsOn, dependsWeight, dependentsOffsets, dependents, dependentsWeight, derivation };
}
