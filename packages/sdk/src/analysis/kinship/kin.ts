/**
 * Nearest kin: the establishments of the territory most related to one of them. Only the
 * establishments that share an input, an output, a process feature or a product code with it are
 * scored one by one; the others differ from it only by their activity (every other part is 0), so
 * they are scored once per NAF code.
 */
import { distanceKm } from '../../geo/haversine.ts';
import type { KinshipContext, KinshipData } from './context.ts';
import type { Postings, SparseRows } from './profiles.ts';
import { activityParts, explainPair, pairParts, pairScore, type Relatedness } from './relatedness.ts';

/** Options of {@link findKin}. */
export interface KinOptions {
  /** How many kin (default 10). */
  top?: number;
  /** Outside partners are candidates too (default: only the territory's establishments). */
  includeExternal?: boolean;
}

/** One kin: who, how far, and the explained relatedness. */
export interface KinEntry extends Relatedness {
  id: string;
  name: string;
  /** Great-circle distance, null when either is not located. */
  distanceKm: number | null;
}

/** The nearest kin of an establishment. */
export interface KinResult {
  /** False when the id is not an establishment of the document (then `kin` is empty). */
  found: boolean;
  establishment: string;
  /** Best first: score, then id; only scores above 0. */
  kin: KinEntry[];
}

/** A scored candidate: node, rounded score and id rank. */
interface Scored {
  node: number;
  score: number;
  rank: number;
}

const better = (a: Scored, b: Scored) => b.score - a.score || a.rank - b.rank;

/** Marks (1) the nodes that share a key of `rows` with `x`, through the postings; adds them to `out`. */
function markSharing(rows: SparseRows, postings: Postings, x: number, mark: Uint8Array, out: number[]): void {
  for (let j = rows.offsets[x]!; j < rows.offsets[x + 1]!; j++) {
    const k = rows.keys[j]!;
    for (let p = postings.offsets[k]!; p < postings.offsets[k + 1]!; p++) {
      const v = postings.nodes[p]!;
      if (!mark[v]) {
        mark[v] = 1;
        out.push(v);
      }
    }
  }
}

/** The nodes sharing anything but the activity with `x`, marked in the returned array. */
function sharingNodes(ctx: KinshipContext<KinshipData>, x: number): { mark: Uint8Array; nodes: number[] } {
  const mark = new Uint8Array(ctx.index.nodeCount);
  const nodes: number[] = [];
  markSharing(ctx.flows.inputs, ctx.postings.inputs, x, mark, nodes);
  markSharing(ctx.flows.outputs, ctx.postings.outputs, x, mark, nodes);
  if (ctx.capabilities.declared[x]) {
    markSharing(ctx.capabilities.processes, ctx.postings.processes, x, mark, nodes);
    markSharing(ctx.capabilities.products, ctx.postings.products, x, mark, nodes);
  }
  return { mark, nodes };
}

/**
 * The best of the establishments that share nothing with `x` but their activity: per NAF group,
 * one score, members in id order; groups by score, stopping once `top` are found above the next group.
 */
function groupCandidates(ctx: KinshipContext<KinshipData>, x: number, mark: Uint8Array, eligible: (v: number) => boolean, top: number): Scored[] {
  const groups = ctx.nafGroups
    .map((g) => ({ g, score: pairScore(ctx, activityParts(ctx, x, g.naf)) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const out: Scored[] = [];
  let kth = -1;
  for (const { g, score } of groups) {
    if (out.length >= top && score < kth) break;
    let taken = 0;
    for (const v of g.members) {
      if (taken >= top) break;
      if (mark[v] || v === x || !eligible(v)) continue;
      out.push({ node: v, score, rank: ctx.idRank[v]! });
      taken++;
    }
    // Groups come best first, so the top-th candidate taken is the top-th best so far.
    if (out.length >= top) kth = out[top - 1]!.score;
  }
  return out;
}

/**
 * The `top` establishments most related to `id` ({@link relatedness}), best first (ties by id),
 * leaving out the establishment itself and, unless asked, outside partners. Scores of 0 are left
 * out. O(size of the postings of its keys + NAF codes × top) after preparation.
 */
export function findKin(prepared: KinshipContext<KinshipData>, id: string, options: KinOptions = {}): KinResult {
  const x = prepared.index.nodeOf.get(id);
  if (x === undefined) return { found: false, establishment: id, kin: [] };
  const top = Math.max(1, Math.floor(options.top ?? 10));
  const eligible = (v: number) => options.includeExternal === true || !prepared.index.external[v];
  const { mark, nodes } = sharingNodes(prepared, x);
  const pool: Scored[] = [];
  for (const v of nodes) {
    if (v === x || !eligible(v)) continue;
    const score = pairScore(prepared, pairParts(prepared, x, v));
    if (score > 0) pool.push({ node: v, score, rank: prepared.idRank[v]! });
  }
  pool.push(...groupCandidates(prepared, x, mark, eligible, top));
  pool.sort(better);
  const { records } = prepared;
  const here = records.establishmentLocation(x);
  const kin = pool.slice(0, top).map(({ node }) => {
    const d = distanceKm(here, records.establishmentLocation(node));
    return {
      id: records.establishmentId(node),
      name: records.establishmentName(node),
      distanceKm: d === undefined ? null : Math.round(d * 1000) / 1000,
      ...explainPair(prepared, x, node),
    };
  });
  return { found: true, establishment: id, kin };
}
