/**
 * The graph index: a compact, immutable view of a Toile document built once and shared by every
 * analysis, the domino simulator and the widgets. Nodes are establishments (in document order),
 * edges are flows (in document order); adjacency is stored as CSR (compressed sparse rows) in both
 * directions with typed arrays, so traversals touch contiguous memory and nothing is copied to
 * filter by kind, status or scope.
 *
 * Hand-written on purpose: graphology and cytoscape keep one object per node and edge, which costs
 * 10–50× the memory and time of typed arrays at 1M establishments (see the benchmarks).
 */
import { recallFlowEnds } from './flow-ends.ts';
import { FLOW_KINDS, FLOW_STATUSES, type FlowKind, type FlowStatus, type ToileDocument } from '@toile/schema';

/** Flow statuses in index order (`edgeStatus` holds positions in this list); generated from openapi.yaml by @toile/schema. */
export { FLOW_STATUSES };

/** A built graph index. Arrays are owned by the index: treat them as read-only. */
export interface GraphIndex {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Establishment id of each node. */
  readonly ids: readonly string[];
  /** Node of each establishment id. */
  readonly nodeOf: ReadonlyMap<string, number>;
  /** 1 when the establishment is outside the territory. */
  readonly external: Uint8Array;
  /** Employees per node, NaN when unknown. */
  readonly employees: Float64Array;
  /** Giver (`from`) node of each edge. */
  readonly edgeSource: Uint32Array;
  /** Receiver (`to`) node of each edge. */
  readonly edgeTarget: Uint32Array;
  /** Position of the edge's kind in `FLOW_KINDS`. */
  readonly edgeKind: Uint8Array;
  /** Position of the edge's status in {@link FLOW_STATUSES}. */
  readonly edgeStatus: Uint8Array;
  /** Value in euros per year, NaN when unknown. */
  readonly edgeValue: Float64Array;
  /** `dependency.upstream`, NaN when unknown. */
  readonly edgeUpstream: Float64Array;
  /** `dependency.downstream`, NaN when unknown. */
  readonly edgeDownstream: Float64Array;
  /** Position of the edge's flow in `document.flows`. */
  readonly edgeFlow: Uint32Array;
  /** Outgoing edges of node `n`: `outEdges[outOffsets[n] .. outOffsets[n + 1])`. */
  readonly outOffsets: Uint32Array;
  readonly outEdges: Uint32Array;
  /** Incoming edges of node `n`: `inEdges[inOffsets[n] .. inOffsets[n + 1])`. */
  readonly inOffsets: Uint32Array;
  readonly inEdges: Uint32Array;
  /** Flows left out because an end is not an establishment of the document. */
  readonly skippedFlows: number;
}

const KIND_CODE: ReadonlyMap<string, number> = new Map(FLOW_KINDS.map((k, i) => [k, i]));
const STATUS_CODE: ReadonlyMap<string, number> = new Map(FLOW_STATUSES.map((s, i) => [s, i]));

/** Id, position, outside flag and employees of each establishment, in document order. */
function nodeTables(establishments: ToileDocument['establishments']) {
  const n = establishments.length;
  const ids: string[] = new Array(n);
  const nodeOf = new Map<string, number>();
  const external = new Uint8Array(n);
  const employees = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = establishments[i]!;
    ids[i] = e.id;
    nodeOf.set(e.id, i);
    external[i] = e.external ? 1 : 0;
    employees[i] = e.employees ?? Number.NaN;
  }
  return { ids, nodeOf, external, employees };
}

/** Builds the graph index of a (validated) document. Runs in O(establishments + flows). */
export function buildIndex(doc: Pick<ToileDocument, 'establishments' | 'flows'>): GraphIndex {
  const { ids, nodeOf, external, employees } = nodeTables(doc.establishments);
  const n = ids.length;

  const flows = doc.flows;
  const total = flows.length;
  let m = 0;
  const edgeSource = new Uint32Array(total);
  const edgeTarget = new Uint32Array(total);
  const edgeKind = new Uint8Array(total);
  const edgeStatus = new Uint8Array(total);
  const edgeValue = new Float64Array(total);
  const edgeUpstream = new Float64Array(total);
  const edgeDownstream = new Float64Array(total);
  const edgeFlow = new Uint32Array(total);
  const outOffsets = new Uint32Array(n + 1);
  const inOffsets = new Uint32Array(n + 1);
  const known = recallFlowEnds(doc);
  for (let f = 0; f < total; f++) {
    const flow = flows[f]!;
    let s: number | undefined = known ? known.from[f]! : -1;
    let t: number | undefined = known ? known.to[f]! : -1;
    // Trust a remembered position only if it still names the same establishment.
    if (s < 0 || ids[s] !== flow.from) s = nodeOf.get(flow.from);
    if (t < 0 || ids[t] !== flow.to) t = nodeOf.get(flow.to);
    if (s === undefined || t === undefined) continue;
    edgeSource[m] = s;
    edgeTarget[m] = t;
    edgeKind[m] = KIND_CODE.get(flow.kind) ?? 0;
    edgeStatus[m] = flow.status === undefined ? 0 : (STATUS_CODE.get(flow.status) ?? 0);
    edgeValue[m] = flow.valueEur ?? Number.NaN;
    const dep = flow.dependency;
    edgeUpstream[m] = dep?.upstream ?? Number.NaN;
    edgeDownstream[m] = dep?.downstream ?? Number.NaN;
    edgeFlow[m] = f;
    outOffsets[s + 1]!++;
    inOffsets[t + 1]!++;
    m++;
  }
  return finishIndex(
    { ids, nodeOf, external, employees },
    { edgeSource, edgeTarget, edgeKind, edgeStatus, edgeValue, edgeUpstream, edgeDownstream, edgeFlow },
    { outOffsets, inOffsets, kept: m },
  );
}

/** The per-edge arrays of an index under construction (room for every flow, `kept` filled). */
export type EdgeArrays = Pick<
  GraphIndex,
  'edgeSource' | 'edgeTarget' | 'edgeKind' | 'edgeStatus' | 'edgeValue' | 'edgeUpstream' | 'edgeDownstream' | 'edgeFlow'
>;

/**
 * @internal The common end of every index builder (document or columns): degree counts turned
 * into CSR offsets, edges sorted by source and by target with a stable counting sort (document
 * order within a node), edge arrays cut to the kept edges.
 */
export function finishIndex(
  nodes: Pick<GraphIndex, 'ids' | 'nodeOf' | 'external' | 'employees'>,
  edges: EdgeArrays,
  counts: { outOffsets: Uint32Array; inOffsets: Uint32Array; kept: number },
): GraphIndex {
  const n = nodes.ids.length;
  const { outOffsets, inOffsets, kept: m } = counts;
  const total = edges.edgeSource.length;
  for (let i = 0; i < n; i++) {
    outOffsets[i + 1]! += outOffsets[i]!;
    inOffsets[i + 1]! += inOffsets[i]!;
  }
  const outEdges = new Uint32Array(m);
  const inEdges = new Uint32Array(m);
  const outFill = outOffsets.slice(0, n);
  const inFill = inOffsets.slice(0, n);
  for (let e = 0; e < m; e++) {
    outEdges[outFill[edges.edgeSource[e]!]!++] = e;
    inEdges[inFill[edges.edgeTarget[e]!]!++] = e;
  }
  const trim = <T extends Uint32Array | Uint8Array | Float64Array>(a: T): T => (m === total ? a : (a.subarray(0, m) as T));
  return {
    nodeCount: n,
    edgeCount: m,
    ...nodes,
    edgeSource: trim(edges.edgeSource),
    edgeTarget: trim(edges.edgeTarget),
    edgeKind: trim(edges.edgeKind),
    edgeStatus: trim(edges.edgeStatus),
    edgeValue: trim(edges.edgeValue),
    edgeUpstream: trim(edges.edgeUpstream),
    edgeDownstream: trim(edges.edgeDownstream),
    edgeFlow: trim(edges.edgeFlow),
    outOffsets,
    outEdges,
    inOffsets,
    inEdges,
    skippedFlows: total - m,
  };
}

/** Which edges an analysis looks at. Every field left out keeps everything. */
export interface EdgeFilter {
  kinds?: readonly FlowKind[];
  statuses?: readonly FlowStatus[];
  /** `internal`: both ends inside the territory; `crossing`: exactly one end outside; `all` (default). */
  scope?: 'all' | 'internal' | 'crossing';
}

/** A mask with 1 for each edge the filter keeps (no copy of the index or the document). */
export function edgeMask(index: GraphIndex, filter: EdgeFilter = {}): Uint8Array {
  let kindBits = 0;
  for (const k of filter.kinds ?? FLOW_KINDS) kindBits |= 1 << (KIND_CODE.get(k) ?? 0);
  let statusBits = 0;
  for (const s of filter.statuses ?? FLOW_STATUSES) statusBits |= 1 << (STATUS_CODE.get(s) ?? 0);
  const scope = filter.scope ?? 'all';
  const mask = new Uint8Array(index.edgeCount);
  const { edgeKind, edgeStatus, edgeSource, edgeTarget, external } = index;
  for (let e = 0; e < mask.length; e++) {
    if (!((kindBits >> edgeKind[e]!) & 1) || !((statusBits >> edgeStatus[e]!) & 1)) continue;
    if (scope !== 'all') {
      const outside = external[edgeSource[e]!]! + external[edgeTarget[e]!]!;
      if (scope === 'internal' ? outside !== 0 : outside !== 1) continue;
    }
    mask[e] = 1;
  }
  return mask;
}
