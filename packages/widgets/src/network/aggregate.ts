import type { ElementDefinition } from 'cytoscape';
import { FLOW_KINDS } from '@toile/schema';
import { edgeElement, nodeElement, type MapModel } from './elements.ts';

/**
 * The large view: what cytoscape holds for the part of the territory in view. cytoscape redraws
 * every element it holds at each frame, and without a GPU 5,000 establishments with 20,000 flows
 * take seconds to draw once; so above a few thousand elements the view aggregates the model instead:
 * establishments of one group (commune on the map, sector or stage in those layouts) and one grid
 * cell become one cluster, sized by its count; flows between clusters become one edge per pair. The
 * grid follows the zoom (a cell is about {@link CELL_PX} pixels), establishments in view are shown
 * one by one as soon as they fit the budget, and the selection with its neighbourhood is always shown
 * one by one. Hand-written: supercluster (the well-known point clusterer) works on longitude and
 * latitude and knows nothing of flows between clusters, groups or layouts without geography.
 */

/** Above this many establishments shown, or merged edges, the view aggregates. */
export const AGGREGATE_NODES = 3000;
export const AGGREGATE_EDGES = 8000;
/**
 * At most this many units (establishments or clusters) and edges in cytoscape. Without a GPU,
 * cytoscape's first drawing of an element (its style, its cached bitmap) costs ~0.3–0.5 ms: what an
 * update adds must stay within a few hundred elements for no task to pass 200 ms.
 */
export const UNIT_BUDGET = 900;
export const EDGE_BUDGET = 1500;
/** Edges per unit at most: between a few dozen clusters every pair has flows, and a complete graph reads as nothing. */
const EDGES_PER_UNIT = 3;
/** Establishments in view shown one by one when there are at most this many. */
export const INDIVIDUAL_BUDGET = 600;
/** A grid cell on screen, in pixels, at the current zoom. */
export const CELL_PX = 72;
/** Clusters smaller than this are shown as their establishments. */
const MIN_CLUSTER = 3;

/** The visible part of the drawing, in drawing units, and the zoom. */
export interface ViewRect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  zoom: number;
}

/** A cluster of the aggregated view. */
export interface Cluster {
  id: string;
  /** Establishments (model indices). */
  members: number[];
  x: number;
  y: number;
}

/** The aggregated view: cytoscape's elements, the clusters, and what was left out. */
export interface Aggregation {
  elements: ElementDefinition[];
  clusters: Cluster[];
  /** The cluster of each establishment (index into `clusters`), −1 when shown one by one. */
  clusterOf: Int32Array;
  /** Establishments shown one by one. */
  individual: number;
  /** Edges between units left out to stay within {@link EDGE_BUDGET} (the lightest). */
  omittedEdges: number;
  /** The grid's cell size in drawing units. */
  cell: number;
}

/** Whether a model is large enough to be aggregated. */
export function needsAggregation(model: MapModel): boolean {
  return model.ids.length > AGGREGATE_NODES || model.edgeFrom.length > AGGREGATE_EDGES;
}

/**
 * The aggregated view of the model for a view rectangle. `keep`: establishments always shown one by
 * one (the selection, its neighbourhood, the highlight). `coarsest`: the cell size of the whole
 * drawing's first view (below it, group layouts show one cluster per group).
 */
export function aggregateView(model: MapModel, view: ViewRect, keep: ReadonlySet<number>, coarsest: number): Aggregation {
  const n = model.ids.length;
  const w = view.x2 - view.x1;
  const h = view.y2 - view.y1;
  // Half a screen around the view is drawn too, so a short pan shows no empty border.
  const r = { x1: view.x1 - w / 2, y1: view.y1 - h / 2, x2: view.x2 + w / 2, y2: view.y2 + h / 2 };
  const inside = (i: number) => model.x[i]! >= r.x1 && model.x[i]! <= r.x2 && model.y[i]! >= r.y1 && model.y[i]! <= r.y2;
  let seen = 0;
  for (let i = 0; i < n; i++) if (inside(i)) seen++;
  // Cells are powers of two, so that a small zoom keeps the same clusters (and ids).
  let cell = 2 ** Math.ceil(Math.log2(CELL_PX / Math.max(view.zoom, 1e-6)));
  const allInView = seen <= INDIVIDUAL_BUDGET;
  for (let attempt = 0; ; attempt++) {
    const result = cluster(model, cell, inside, allInView, keep, cell >= coarsest && model.groupFirst);
    if (result.units <= UNIT_BUDGET || attempt >= 8)
      return {
        ...linkUnits(model, result.clusterOf, result.clusters, keep),
        clusters: result.clusters,
        clusterOf: result.clusterOf,
        individual: result.units - result.clusters.length,
        cell,
      };
    cell *= 2;
  }
}

/** Establishments into clusters by group and grid cell (four times coarser outside the view). */
function cluster(
  model: MapModel,
  cell: number,
  inside: (i: number) => boolean,
  allInView: boolean,
  keep: ReadonlySet<number>,
  byGroup: boolean,
): { clusters: Cluster[]; clusterOf: Int32Array; units: number } {
  const n = model.ids.length;
  const byKey = new Map<number, number[]>();
  const keyOf = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const x = model.x[i]!;
    const y = model.y[i]!;
    if (keep.has(i) || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    const within = inside(i);
    if (within && allInView) continue;
    const size = within ? cell : cell * 4;
    // One number per (group, cell, inside): Map lookups on numbers are several times faster than on strings.
    const key =
      byGroup || (model.outsideByGroup && model.external[i])
        ? model.group[i]! * 2 + 1
        : ((model.group[i]! * 65536 + ((Math.floor(x / size) + 32768) & 0xffff)) * 65536 + ((Math.floor(y / size) + 32768) & 0xffff)) * 4 + (within ? 0 : 2);
    keyOf[i] = key;
    let members = byKey.get(key);
    if (!members) byKey.set(key, (members = []));
    members.push(i);
  }
  const clusterOf = new Int32Array(n).fill(-1);
  const clusters: Cluster[] = [];
  for (const [key, members] of byKey) {
    if (members.length < MIN_CLUSTER) continue;
    let x = 0;
    let y = 0;
    for (const i of members) {
      x += model.x[i]!;
      y += model.y[i]!;
      clusterOf[i] = clusters.length;
    }
    const centre = { x: x / members.length, y: y / members.length };
    // Outside partners on the rim: the cluster sits at its member nearest the mean, so it stays on the rim.
    const at = model.outsideByGroup && model.external[members[0]!] ? nearest(model, members, centre) : centre;
    clusters.push({ id: `cluster:${key % 2 ? 'g' : Math.log2(cell)}:${key}`, members, ...at });
  }
  let units = clusters.length;
  for (let i = 0; i < n; i++) if (clusterOf[i] === -1) units++;
  return { clusters, clusterOf, units };
}

/** The member nearest a point. */
function nearest(model: MapModel, members: readonly number[], p: { x: number; y: number }): { x: number; y: number } {
  let best = members[0]!;
  let distance = Infinity;
  for (const i of members) {
    const d = (model.x[i]! - p.x) ** 2 + (model.y[i]! - p.y) ** 2;
    if (d < distance) [best, distance] = [i, d];
  }
  return { x: model.x[best]!, y: model.y[best]! };
}

/** cytoscape's elements: establishments shown one by one, clusters, their edges (heaviest first, within the budget). */
function linkUnits(
  model: MapModel,
  clusterOf: Int32Array,
  clusters: readonly Cluster[],
  keep: ReadonlySet<number>,
): { elements: ElementDefinition[]; omittedEdges: number } {
  const n = model.ids.length;
  const K = FLOW_KINDS.length;
  const elements: ElementDefinition[] = [];
  for (let i = 0; i < n; i++) if (clusterOf[i] === -1) elements.push(nodeElement(model, i));
  for (const c of clusters) elements.push(clusterElement(model, c));
  // Units: establishment i as i, cluster c as n + c. Pairs in flat arrays (one object per pair would
  // cost more than the rest of the view on 400k flows).
  const unit = (i: number) => (clusterOf[i] === -1 ? i : n + clusterOf[i]!);
  const measure = (v: number, c: number) => (model.widthBy === 'value' ? v : c);
  const direct: number[] = [];
  const pairAt = new Map<number, number>();
  const pairFrom: number[] = [];
  const pairTo: number[] = [];
  const pairCount: number[] = [];
  const pairValue: number[] = [];
  const pairKinds: number[] = [];
  for (let m = 0; m < model.edgeFrom.length; m++) {
    const a = unit(model.edgeFrom[m]!);
    const b = unit(model.edgeTo[m]!);
    if (a === b) continue;
    if (a < n && b < n) {
      direct.push(m);
      continue;
    }
    const key = a * (n + clusters.length) + b;
    let p = pairAt.get(key);
    if (p === undefined) {
      pairAt.set(key, (p = pairFrom.length));
      pairFrom.push(a);
      pairTo.push(b);
      pairCount.push(0);
      pairValue.push(0);
      for (let k = 0; k < K; k++) pairKinds.push(0);
    }
    pairCount[p]! += model.edgeCount[m]!;
    pairValue[p]! += model.edgeValue[m]!;
    pairKinds[p * K + model.edgeKind[m]!]! += measure(model.edgeValue[m]!, model.edgeCount[m]!);
  }
  // The selection's own edges first, then the heaviest: candidates d < direct.length are direct edges.
  const kept = (m: number) => keep.has(model.edgeFrom[m]!) || keep.has(model.edgeTo[m]!);
  const total = direct.length + pairFrom.length;
  const weight = new Float64Array(total);
  direct.forEach((m, d) => (weight[d] = kept(m) ? Infinity : measure(model.edgeValue[m]!, model.edgeCount[m]!)));
  for (let p = 0; p < pairFrom.length; p++) weight[direct.length + p] = measure(pairValue[p]!, pairCount[p]!);
  const order = Uint32Array.from({ length: total }, (_, k) => k).sort((a, b) => weight[b]! - weight[a]!);
  const units = elements.length;
  const top = order.subarray(0, Math.min(EDGE_BUDGET, Math.max(300, EDGES_PER_UNIT * units)));
  const idOf = (u: number) => (u < n ? model.ids[u]! : clusters[u - n]!.id);
  for (const k of top) {
    if (k < direct.length) {
      elements.push(edgeElement(model, direct[k]!));
      continue;
    }
    const p = k - direct.length;
    let main = 0;
    for (let j = 1; j < K; j++) if (pairKinds[p * K + j]! > pairKinds[p * K + main]!) main = j;
    const source = idOf(pairFrom[p]!);
    const target = idOf(pairTo[p]!);
    elements.push({
      group: 'edges',
      data: { id: `pair:${source}>${target}`, source, target, count: pairCount[p]!, value: pairValue[p]! },
      classes: `aggregate k-${FLOW_KINDS[main]} w${Math.min(5, Math.floor(Math.log10(1 + pairCount[p]!)))}`,
    });
  }
  return { elements, omittedEdges: total - top.length };
}

/** A cluster as a cytoscape node: at its members' mean position, sized by count, coloured by its main sector. */
function clusterElement(model: MapModel, c: Cluster): ElementDefinition {
  const sectors = new Map<number, number>();
  for (const i of c.members) sectors.set(model.sector[i]!, (sectors.get(model.sector[i]!) ?? 0) + 1);
  const main = [...sectors].sort((a, b) => b[1] - a[1])[0]![0];
  const name = model.groupNames[model.group[c.members[0]!]!] || '';
  const count = c.members.length;
  const size = Math.min(110, 18 + 7 * Math.sqrt(count));
  const label = name ? `${name} (${count.toLocaleString('fr')})` : `${count.toLocaleString('fr')}`;
  return {
    group: 'nodes',
    data: { id: c.id, label, name: label, size, importance: 1000 + count, members: count },
    classes: `cluster ${main < 0 ? 'external' : `c${main}`}`,
    position: { x: c.x, y: c.y },
  };
}
