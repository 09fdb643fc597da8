/**
 * Connectivity of the network: articulation points and bridges of the undirected view (Tarjan's
 * low-link, iterative: an explicit stack instead of recursion, so a chain of 1M establishments does
 * not overflow the call stack) and neighbourhoods up- and downstream of an establishment.
 *
 * Hand-written: graphology-components and cytoscape (considered) offer components but not
 * articulation points / bridges over typed arrays, and recursive versions overflow at ~10k depth.
 */
import type { GraphIndex } from '../graph/build-index.ts';
import { adjacency } from './adjacency.ts';

/** Articulation points and bridges of the undirected view of the kept edges. */
export interface CutStructure {
  /** Nodes whose removal disconnects part of the network, in node order. */
  readonly articulationPoints: Uint32Array;
  /** Edges whose removal disconnects part of the network (parallel edges are never bridges). */
  readonly bridges: Uint32Array;
}

/**
 * Finds articulation points and bridges with Tarjan's low-link values in one depth-first pass,
 * O(nodes + edges), iterative. Direction of flows is ignored; self-loops are left out.
 */
export function cutStructure(index: GraphIndex, mask?: Uint8Array): CutStructure {
  const n = index.nodeCount;
  const { offsets, nodes, edges } = adjacency(index, mask, 'both');
  const disc = new Uint32Array(n); // 0 = not visited yet
  const low = new Uint32Array(n);
  const parentEdge = new Int32Array(n).fill(-1);
  const cursor = new Uint32Array(n);
  const stack = new Uint32Array(n);
  const isCut = new Uint8Array(n);
  const bridges: number[] = [];
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (disc[root] !== 0 || offsets[root] === offsets[root + 1]) continue;
    let top = 0;
    stack[top++] = root;
    disc[root] = low[root] = ++time;
    cursor[root] = offsets[root]!;
    let rootChildren = 0;
    while (top > 0) {
      const u = stack[top - 1]!;
      if (cursor[u]! < offsets[u + 1]!) {
        const k = cursor[u]!++;
        const e = edges[k]!;
        // Skip only the very edge we came by: a parallel edge back to the parent is a real cycle.
        if (e === parentEdge[u]) continue;
        const v = nodes[k]!;
        if (disc[v] === 0) {
          parentEdge[v] = e;
          disc[v] = low[v] = ++time;
          cursor[v] = offsets[v]!;
          stack[top++] = v;
          if (u === root) rootChildren++;
        } else if (disc[v]! < low[u]!) low[u] = disc[v]!;
      } else {
        top--;
        if (top === 0) break;
        const p = stack[top - 1]!;
        if (low[u]! < low[p]!) low[p] = low[u]!;
        if (low[u]! > disc[p]!) bridges.push(parentEdge[u]!);
        if (p !== root && low[u]! >= disc[p]!) isCut[p] = 1;
      }
    }
    if (rootChildren >= 2) isCut[root] = 1;
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += isCut[i]!;
  const articulationPoints = new Uint32Array(count);
  for (let i = 0, j = 0; i < n; i++) if (isCut[i]) articulationPoints[j++] = i;
  return { articulationPoints, bridges: Uint32Array.from(bridges).sort() };
}

/** Options of {@link neighbourhood}. */
export interface NeighbourhoodOptions {
  /** `upstream`: suppliers, their suppliers…; `downstream`: clients…; `both` (default): either. */
  direction?: 'upstream' | 'downstream' | 'both';
  /** Steps away at most (default 1). */
  depth?: number;
  /** Edges followed (default all). */
  mask?: Uint8Array;
}

/** One establishment of a neighbourhood and its distance in steps. */
export interface NeighbourEntry {
  id: string;
  depth: number;
}

/** The neighbourhood of an establishment, or `found: false` when its id is unknown. */
export interface NeighbourhoodResult {
  found: boolean;
  /** Establishments within `depth` steps, nearest first (document order within a depth), the centre excluded. */
  nodes: NeighbourEntry[];
}

/** Breadth-first neighbourhood of establishment `id` up to `depth` steps. O(nodes reached + their edges). */
export function neighbourhood(index: GraphIndex, id: string, options: NeighbourhoodOptions = {}): NeighbourhoodResult {
  const start = index.nodeOf.get(id);
  if (start === undefined) return { found: false, nodes: [] };
  const depthMax = Math.max(0, Math.floor(options.depth ?? 1));
  const direction = options.direction ?? 'both';
  const mask = options.mask;
  const { outOffsets, outEdges, inOffsets, inEdges, edgeSource, edgeTarget } = index;
  // Sparse visited set: neighbourhoods are small next to the network.
  const depthOf = new Map<number, number>([[start, 0]]);
  let frontier = [start];
  const result: NeighbourEntry[] = [];
  for (let d = 1; d <= depthMax && frontier.length; d++) {
    const next: number[] = [];
    const reach = (v: number) => {
      if (depthOf.has(v)) return;
      depthOf.set(v, d);
      next.push(v);
    };
    for (const u of frontier) {
      if (direction !== 'upstream') for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) if (!mask || mask[outEdges[k]!]) reach(edgeTarget[outEdges[k]!]!);
      if (direction !== 'downstream') for (let k = inOffsets[u]!; k < inOffsets[u + 1]!; k++) if (!mask || mask[inEdges[k]!]) reach(edgeSource[inEdges[k]!]!);
    }
    next.sort((a, b) => a - b);
    for (const v of next) result.push({ id: index.ids[v]!, depth: d });
    frontier = next;
  }
  return { found: true, nodes: result };
}
