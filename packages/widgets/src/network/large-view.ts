import type { Core, ElementDefinition } from 'cytoscape';
import { aggregateView, type Aggregation, type Cluster, type ViewRect } from './aggregate.ts';
import type { MapModel } from './elements.ts';
import { fitView, type Caption } from './geo.ts';

/** Most establishments kept one by one around a selection (beyond, the rest stay in their clusters). */
const KEEP_MAX = 300;

/**
 * Drives cytoscape for a large network: holds the model (every establishment shown, with its
 * position), puts in cytoscape only the aggregated view of what is on screen, and updates it when
 * the view settles after a pan or a zoom, when the selection changes, or when positions move (the
 * streamed force layout). Elements that stay keep their identity, so an update adds and removes only
 * what changed.
 */
export class LargeView {
  /** The current aggregation. */
  aggregation: Aggregation | undefined;
  /** Establishments kept one by one (model indices). */
  private keep = new Set<number>();
  /** The grid's cell at the first view (the whole drawing). */
  private coarsest = Infinity;
  private adjacency: { out: number[][]; in: number[][] } | undefined;

  /** The cytoscape instance it drives (set once created from {@link initial}'s elements). */
  cy!: Core;

  constructor(
    readonly model: MapModel,
    private readonly captions: readonly Caption[],
  ) {}

  /** The drawing's bounding box in drawing units (every placed establishment). */
  bounds(): { x1: number; y1: number; x2: number; y2: number } {
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    const { x, y } = this.model;
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) continue;
      [x1, y1, x2, y2] = [Math.min(x1, x[i]!), Math.min(y1, y[i]!), Math.max(x2, x[i]!), Math.max(y2, y[i]!)];
    }
    return { x1, y1, x2, y2 };
  }

  /** The viewport that shows the whole drawing with its captions, or undefined for an empty one. */
  fitViewport(width: number, height: number): { zoom: number; pan: { x: number; y: number } } | undefined {
    return fitView(this.bounds(), this.captions, width, height);
  }

  /** The first elements, for the whole drawing in a view of the given size (before cytoscape has a viewport). */
  initial(width: number, height: number): ElementDefinition[] {
    const view = this.fitViewport(width, height);
    if (!view) return [];
    const rect = rectOf(view, width, height);
    this.aggregation = aggregateView(this.model, rect, this.keep, 0);
    this.coarsest = this.aggregation.cell;
    return this.aggregation.elements;
  }

  /** Recomputes the aggregation for cytoscape's current view and applies the difference. */
  update(): void {
    const cy = this.cy;
    if (cy.destroyed()) return;
    const { x1, y1, x2, y2 } = cy.extent();
    this.aggregation = aggregateView(this.model, { x1, y1, x2, y2, zoom: cy.zoom() }, this.keep, this.coarsest);
    applyElements(cy, this.aggregation.elements);
  }

  /**
   * Keeps the given establishments (the selection with `depth` steps up and downstream, the
   * highlight) one by one; returns whether the view had to change for it.
   */
  setKeep(selected: string | undefined, depth: number, highlighted: Iterable<string>): boolean {
    const { at } = this.model;
    const keep = new Set<number>();
    const start = selected === undefined ? undefined : at.get(selected);
    if (start !== undefined) {
      keep.add(start);
      const adjacency = this.adjacencyOf();
      for (const side of [adjacency.out, adjacency.in]) {
        let frontier = [start];
        for (let d = 0; d < depth && frontier.length && keep.size < KEEP_MAX; d++) {
          const next: number[] = [];
          for (const i of frontier)
            for (const j of side[i]!)
              if (!keep.has(j) && keep.size < KEEP_MAX) {
                keep.add(j);
                next.push(j);
              }
          frontier = next;
        }
      }
    }
    for (const id of highlighted) {
      const i = at.get(id);
      if (i !== undefined && keep.size < KEEP_MAX * 2) keep.add(i);
    }
    this.keep = keep;
    const clusterOf = this.aggregation?.clusterOf;
    if (!clusterOf || [...keep].every((i) => clusterOf[i] === -1)) return false;
    this.update();
    return true;
  }

  /** The cluster of a cytoscape node id, if it is one. */
  clusterOf(id: string): Cluster | undefined {
    return this.aggregation?.clusters.find((c) => c.id === id);
  }

  /** Zooms on a cluster: its members fill the view (the next update shows them in smaller clusters or one by one). */
  open(cluster: Cluster): void {
    const { x, y } = this.model;
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const i of cluster.members) [x1, y1, x2, y2] = [Math.min(x1, x[i]!), Math.min(y1, y[i]!), Math.max(x2, x[i]!), Math.max(y2, y[i]!)];
    const cy = this.cy;
    const view = fitView({ x1, y1, x2, y2 }, [], cy.width(), cy.height());
    if (!view) return;
    // At least twice closer: a cluster of establishments at one place would otherwise not open.
    const zoom = Math.min(cy.maxZoom(), Math.max(view.zoom, cy.zoom() * 2));
    cy.viewport({ zoom, pan: { x: cy.width() / 2 - ((x1 + x2) / 2) * zoom, y: cy.height() / 2 - ((y1 + y2) / 2) * zoom } });
  }

  /** Establishment → unit on screen: its own node, or the cluster that holds it. */
  unitOf(id: string): string | undefined {
    const i = this.model.at.get(id);
    if (i === undefined || !this.aggregation) return undefined;
    const c = this.aggregation.clusterOf[i]!;
    return c === -1 ? id : this.aggregation.clusters[c]!.id;
  }

  /** Moves the establishments (a streamed layout), x, y per model index; {@link update} then shows them. */
  move(positions: Float32Array | Float64Array): void {
    for (let i = 0; i < this.model.x.length; i++) {
      this.model.x[i] = positions[2 * i]!;
      this.model.y[i] = positions[2 * i + 1]!;
    }
  }

  private adjacencyOf(): { out: number[][]; in: number[][] } {
    if (this.adjacency) return this.adjacency;
    const n = this.model.ids.length;
    const out: number[][] = Array.from({ length: n }, () => []);
    const into: number[][] = Array.from({ length: n }, () => []);
    for (let m = 0; m < this.model.edgeFrom.length; m++) {
      out[this.model.edgeFrom[m]!]!.push(this.model.edgeTo[m]!);
      into[this.model.edgeTo[m]!]!.push(this.model.edgeFrom[m]!);
    }
    return (this.adjacency = { out, in: into });
  }
}

/** The rectangle a viewport shows, in drawing units. */
function rectOf(view: { zoom: number; pan: { x: number; y: number } }, width: number, height: number): ViewRect {
  return {
    x1: -view.pan.x / view.zoom,
    y1: -view.pan.y / view.zoom,
    x2: (width - view.pan.x) / view.zoom,
    y2: (height - view.pan.y) / view.zoom,
    zoom: view.zoom,
  };
}

/**
 * Makes cytoscape hold exactly these elements: removes the others, adds the new ones, moves and
 * relabels the clusters that stay (in one batch: one redraw).
 */
export function applyElements(cy: Core, definitions: readonly ElementDefinition[]): void {
  const next = new Set(definitions.map((d) => d.data.id!));
  cy.batch(() => {
    cy.remove(cy.elements().filter((e) => !next.has(e.id())));
    const added: ElementDefinition[] = [];
    for (const d of definitions) {
      const e = cy.getElementById(d.data.id!);
      if (e.empty()) {
        added.push(d);
        continue;
      }
      if (d.group === 'nodes' && d.position) {
        const p = e.position();
        if (p.x !== d.position.x || p.y !== d.position.y) e.position(d.position);
      }
      if (e.isNode() && e.data('members') !== undefined) {
        e.data(d.data);
        e.classes(d.classes ?? '');
      }
    }
    // Nodes before edges: an edge needs both its ends.
    cy.add([...added.filter((d) => d.group === 'nodes'), ...added.filter((d) => d.group !== 'nodes')]);
  });
}
