/**
 * Pooling candidates (see {@link PoolingCandidate}): establishments within the radius of a leader
 * declaring the same need, by leader clustering per need key.
 */
import { BASE_UNITS, DIMENSIONS } from '@toile/schema';
import { haversineCore } from '../../geo/haversine.ts';
import { compareStrings } from '../compare.ts';
import { round } from './score.ts';
import type { PreparedSynergies, SideTable } from './tables.ts';
import type { PoolingCandidate } from './types.ts';

/** A group measured, before it is written out with its id lists. */
interface Group {
  key: number;
  /** Leader's need first, then the others in document order. */
  members: number[];
  leaderNode: number;
  /** Distinct establishments. */
  nodes: number;
  quantity: number;
  dimension: number;
  maxD: number;
}

/** Marks establishment nodes, a new set of marks at each `next()` (no clearing). */
class NodeMarks {
  private readonly stamps: Uint32Array;
  private stamp = 0;
  constructor(nodes: number) {
    this.stamps = new Uint32Array(nodes);
  }
  next(): void {
    this.stamp++;
  }
  /** Marks a node; false when it was marked already since the last `next()`. */
  mark(node: number): boolean {
    if (this.stamps[node] === this.stamp) return false;
    this.stamps[node] = this.stamp;
    return true;
  }
  has(node: number): boolean {
    return this.stamps[node] === this.stamp;
  }
}

/** A need key for pooling: exact code, else family, else label. */
function poolKey(t: SideTable, i: number): number {
  return t.code[i]! >= 0 ? t.code[i]! : t.family[i]! >= 0 ? t.family[i]! : t.label[i]!;
}

/** Great-circle distance (km) between two establishment nodes. */
function nodeDistance(p: PreparedSynergies): (a: number, b: number) => number {
  const { lat, lon, cos } = p.geo;
  return (a, b) => haversineCore(lat[a]!, lat[b]!, cos[a]!, cos[b]!, lon[b]! - lon[a]!);
}

/** The kept, located, declared needs (not inputs from outside) by pooling key, in document order. */
function needsByKey(p: PreparedSynergies, keep: Uint8Array): Map<number, number[]> {
  const N = p.needs;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < N.count; i++) {
    if (!keep[i] || N.fromFlow[i] || Number.isNaN(p.geo.x[N.node[i]!]!)) continue;
    const key = poolKey(N, i);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  return groups;
}

/** Measures a group: its establishments, the farthest from the leader, the quantity in its most used dimension. Undefined under two establishments. */
function measure(p: PreparedSynergies, marks: NodeMarks, key: number, members: number[], leaderNode: number): Group | undefined {
  const N = p.needs;
  const dist = nodeDistance(p);
  const sums = new Float64Array(DIMENSIONS.length);
  const counts = new Uint32Array(DIMENSIONS.length);
  let nodes = 0;
  let maxD = 0;
  marks.next();
  for (const i of members) {
    const node = N.node[i]!;
    if (marks.mark(node)) {
      nodes++;
      if (node !== leaderNode) maxD = Math.max(maxD, dist(leaderNode, node));
    }
    const dim = N.dimension[i]!;
    if (dim >= 0) {
      sums[dim]! += N.amount[i]!;
      counts[dim]!++;
    }
  }
  if (nodes < 2) return undefined;
  let best = -1;
  for (let d = 0; d < DIMENSIONS.length; d++) if (counts[d]! > 0 && (best < 0 || counts[d]! > counts[best]!)) best = d;
  return { key, members, leaderNode, nodes, quantity: best >= 0 ? sums[best]! : 0, dimension: best, maxD };
}

/** Writes a group out: leader first, then the nearest others (document order among equals), at most maxMembers. */
function write(p: PreparedSynergies, marks: NodeMarks, g: Group, maxMembers: number): PoolingCandidate {
  const N = p.needs;
  const dist = nodeDistance(p);
  const others: { node: number; d: number; first: number }[] = [];
  marks.next();
  marks.mark(g.leaderNode);
  for (let k = 0; k < g.members.length; k++) {
    const node = N.node[g.members[k]!]!;
    if (marks.mark(node)) others.push({ node, d: dist(g.leaderNode, node), first: k });
  }
  others.sort((a, b) => a.d - b.d || a.first - b.first);
  const listed = [g.leaderNode, ...others.slice(0, Math.max(0, maxMembers - 1)).map((o) => o.node)];
  marks.next();
  for (const node of listed) marks.mark(node);
  const raw = p.rawItems[N.item[g.members[0]!]!];
  const symbol = p.symbols[g.key]!;
  return {
    key: symbol.startsWith('family:') || symbol.startsWith('label:') ? symbol : `code:${raw?.code ?? symbol}`,
    // Labels are kept only for label keys: for coded items, the first label met may be another site's.
    item: raw?.code
      ? { code: raw.code, ...(raw.family ? { family: raw.family } : {}) }
      : raw?.family
        ? { family: raw.family }
        : { label: raw?.label ?? symbol.slice(6) },
    leader: p.ids[g.leaderNode]!,
    size: g.nodes,
    establishments: listed.map((i) => p.ids[i]!),
    needs: g.members.filter((i) => marks.has(N.node[i]!)).map((i) => N.id[i]!),
    maxDistanceKm: round(g.maxD, 3),
    ...(g.dimension >= 0 ? { quantity: { value: round(g.quantity, 3), unit: BASE_UNITS[DIMENSIONS[g.dimension]!] } } : {}),
  };
}

/** Leaders (their need) in a grid of radius-wide cells, looked up in the 3 × 3 cells around a node. */
class LeaderCells {
  private readonly cells = new Map<number, number[]>();
  constructor(
    private readonly p: PreparedSynergies,
    private readonly radius: number,
  ) {}
  private key(cx: number, cy: number): number {
    return cx * 1_048_576 + cy;
  }
  add(leader: number, node: number): void {
    const k = this.key(Math.floor(this.p.geo.x[node]! / this.radius), Math.floor(this.p.geo.y[node]! / this.radius));
    const list = this.cells.get(k);
    if (list) list.push(leader);
    else this.cells.set(k, [leader]);
  }
  /** The earliest leader (by position in `leaders`) within the radius of a node, else -1. */
  find(node: number, leaderNodes: readonly number[], dist: (a: number, b: number) => number): number {
    const cx = Math.floor(this.p.geo.x[node]! / this.radius);
    const cy = Math.floor(this.p.geo.y[node]! / this.radius);
    let joined = -1;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const l of this.cells.get(this.key(cx + dx, cy + dy)) ?? []) {
          if ((joined < 0 || l < joined) && dist(leaderNodes[l]!, node) <= this.radius) joined = l;
        }
      }
    }
    return joined;
  }
}

/**
 * Leader clustering in document order: each need joins the earliest leader within the radius, else
 * leads a group of its own (the same as leaders claiming, in turn, all free needs in reach).
 * Leaders are few in practice and scanned in a list; past 32, a grid of radius-wide cells narrows
 * the scan to the 3 × 3 cells around the need (planar distances never exceed true ones).
 */
function leaderClusters(p: PreparedSynergies, members: readonly number[], radius: number): { leaderNode: number; members: number[] }[] {
  const N = p.needs;
  const dist = nodeDistance(p);
  const leaderNodes: number[] = [];
  const groups: number[][] = [];
  let cells: LeaderCells | undefined;
  for (const i of members) {
    const node = N.node[i]!;
    const joined = cells ? cells.find(node, leaderNodes, dist) : leaderNodes.findIndex((leader) => dist(leader, node) <= radius);
    if (joined >= 0) {
      groups[joined]!.push(i);
      continue;
    }
    leaderNodes.push(node);
    groups.push([i]);
    if (leaderNodes.length === 33) {
      cells = new LeaderCells(p, radius);
      for (let l = 0; l < leaderNodes.length; l++) cells.add(l, leaderNodes[l]!);
    } else if (cells) cells.add(leaderNodes.length - 1, node);
  }
  return groups.map((g, l) => ({ leaderNode: leaderNodes[l]!, members: g }));
}

/**
 * Pooling candidates (see {@link PoolingCandidate}): leader clustering per need key, or the groups
 * around one establishment; with `need`, only the groups that list that need.
 */
export function findPooling(
  p: PreparedSynergies,
  keep: Uint8Array,
  radius: number,
  top: number,
  establishment: number,
  maxMembers: number,
  need?: string,
): PoolingCandidate[] {
  const N = p.needs;
  const dist = nodeDistance(p);
  const marks = new NodeMarks(p.ids.length);
  // Groups are measured first; only the best `top` are written out with their id lists.
  const found: Group[] = [];
  const emit = (key: number, members: number[], leaderNode: number) => {
    const g = measure(p, marks, key, members, leaderNode);
    if (g) found.push(g);
  };
  for (const [key, members] of needsByKey(p, keep)) {
    if (members.length < 2) continue;
    if (establishment >= 0) {
      // Around one establishment: the others declaring the same need within the radius of it.
      const own = members.filter((i) => N.node[i] === establishment);
      if (!own.length) continue;
      const near = members.filter((i) => N.node[i] !== establishment && dist(establishment, N.node[i]!) <= radius);
      if (near.length) emit(key, [...own, ...near], establishment);
      continue;
    }
    for (const c of leaderClusters(p, members, radius)) if (c.members.length > 1) emit(key, c.members, c.leaderNode);
  }
  found.sort((a, b) => b.nodes - a.nodes || b.quantity - a.quantity || compareStrings(p.symbols[a.key]!, p.symbols[b.key]!) || a.members[0]! - b.members[0]!);
  if (need === undefined) return (Number.isFinite(top) ? found.slice(0, top) : found).map((g) => write(p, marks, g, maxMembers));
  const out: PoolingCandidate[] = [];
  for (const g of found) {
    if (out.length >= top) break;
    if (!g.members.some((i) => N.id[i] === need)) continue;
    const c = write(p, marks, g, maxMembers);
    if (c.needs.includes(need)) out.push(c);
  }
  return out;
}
