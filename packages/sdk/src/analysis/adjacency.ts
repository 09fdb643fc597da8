/**
 * Filtered adjacency over the graph index: the neighbours of each node through the edges a mask
 * keeps, as one CSR (offsets + neighbour nodes + edge ids). Built once per analysis so that inner
 * loops read one contiguous array instead of going through the edge mask and the edge ends.
 */
import type { GraphIndex } from '../graph/build-index.ts';

/** Neighbours of node n: `nodes[offsets[n] .. offsets[n + 1])`, reached through `edges[…]`. */
export interface Adjacency {
  readonly offsets: Uint32Array;
  readonly nodes: Uint32Array;
  readonly edges: Uint32Array;
}

/** Which neighbours: clients (`out`), suppliers (`in`) or both (undirected view). */
export type AdjacencyDirection = 'out' | 'in' | 'both';

/**
 * Builds the adjacency of the edges kept by `mask` (all when undefined). Self-loops are left out;
 * with `unique`, parallel edges give one neighbour (the first edge).
 */
export function adjacency(index: GraphIndex, mask: Uint8Array | undefined, direction: AdjacencyDirection, unique = false): Adjacency {
  const n = index.nodeCount;
  const { outOffsets, outEdges, inOffsets, inEdges, edgeSource, edgeTarget } = index;
  const offsets = new Uint32Array(n + 1);
  const stamp = unique ? new Int32Array(n).fill(-1) : undefined;
  const useOut = direction !== 'in';
  const useIn = direction !== 'out';
  // Two passes with the same rules: count, then fill.
  const visit = (fill: ((u: number, v: number, e: number) => void) | undefined) => {
    for (let u = 0; u < n; u++) {
      if (useOut) {
        for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) {
          const e = outEdges[k]!;
          const v = edgeTarget[e]!;
          if (v === u || (mask && !mask[e])) continue;
          if (stamp) {
            if (stamp[v] === u) continue;
            stamp[v] = u;
          }
          if (fill) fill(u, v, e);
          else offsets[u + 1]!++;
        }
      }
      if (useIn) {
        for (let k = inOffsets[u]!; k < inOffsets[u + 1]!; k++) {
          const e = inEdges[k]!;
          const v = edgeSource[e]!;
          if (v === u || (mask && !mask[e])) continue;
          if (stamp) {
            if (stamp[v] === u) continue;
            stamp[v] = u;
          }
          if (fill) fill(u, v, e);
          else offsets[u + 1]!++;
        }
      }
    }
  };
  visit(undefined);
  for (let u = 0; u < n; u++) offsets[u + 1]! += offsets[u]!;
  const nodes = new Uint32Array(offsets[n]!);
  const edges = new Uint32Array(offsets[n]!);
  const cursor = offsets.slice(0, n);
  stamp?.fill(-1);
  visit((u, v, e) => {
    const k = cursor[u]!++;
    nodes[k] = v;
    edges[k] = e;
  });
  return { offsets, nodes, edges };
}
