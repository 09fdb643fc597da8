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
  const offsets = new Uint32Array(n + 1);
  const stamp = unique ? new Int32Array(n).fill(-1) : undefined;
  const useOut = direction !== 'in';
  const useIn = direction !== 'out';
  // Two passes with the same rules: count, then fill.
  walk(index, mask, useOut, useIn, stamp, offsets, undefined);
  for (let u = 0; u < n; u++) offsets[u + 1]! += offsets[u]!;
  const nodes = new Uint32Array(offsets[n]!);
  const edges = new Uint32Array(offsets[n]!);
  stamp?.fill(-1);
  walk(index, mask, useOut, useIn, stamp, offsets, { nodes, edges, cursor: offsets.slice(0, n) });
  return { offsets, nodes, edges };
}

/**
 * One pass over the kept edges of every node: counts them into `offsets[u + 1]`, or, given `out`,
 * writes them at `out.cursor[u]`. Plain loops, no callback per edge: on 5M edges a closure call per
 * edge cost more than the walk itself.
 */
function walk(
  index: GraphIndex,
  mask: Uint8Array | undefined,
  useOut: boolean,
  useIn: boolean,
  stamp: Int32Array | undefined,
  offsets: Uint32Array,
  out: { nodes: Uint32Array; edges: Uint32Array; cursor: Uint32Array } | undefined,
): void {
  const n = index.nodeCount;
  const { outOffsets, outEdges, inOffsets, inEdges, edgeSource, edgeTarget } = index;
  for (let u = 0; u < n; u++) {
    for (let side = 0; side < 2; side++) {
      const outgoing = side === 0;
      if (outgoing ? !useOut : !useIn) continue;
      const list = outgoing ? outEdges : inEdges;
      const ends = outgoing ? edgeTarget : edgeSource;
      const bounds = outgoing ? outOffsets : inOffsets;
      for (let k = bounds[u]!, end = bounds[u + 1]!; k < end; k++) {
        const e = list[k]!;
        const v = ends[e]!;
        if (v === u || (mask !== undefined && mask[e] === 0)) continue;
        if (stamp !== undefined) {
          if (stamp[v] === u) continue;
          stamp[v] = u;
        }
        if (out === undefined) offsets[u + 1]!++;
        else {
          const at = out.cursor[u]!++;
          out.nodes[at] = v;
          out.edges[at] = e;
        }
      }
    }
  }
}
