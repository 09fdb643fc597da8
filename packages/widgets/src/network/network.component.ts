import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, state, query } from 'lit/decorators.js';
import type { Core, CytoscapeOptions, ElementDefinition, Ext, LayoutOptions, StylesheetJson } from 'cytoscape';
import { FLOW_KINDS, type FlowKind, type FlowStatus } from '@toile/schema';
import { FLOW_STATUSES } from '@toile/sdk';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { DataController } from '../data/data-controller.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { networkStyles } from './network.styles.ts';
import { KIND_COLOURS, KIND_LABELS, kindStyles } from '../base/kinds.ts';
import { geoPositions, outlinePath, sectorPositions, territoryProjection } from './geo.ts';
import type { LayoutRequest, LayoutResponse } from './layout.worker.ts';
import { startWorker } from '../base/worker.ts';

const T = {
  label: { fr: 'Toile industrielle du territoire', en: 'Industrial web of the territory' },
  canvas: { fr: 'Graphe des établissements et de leurs échanges ; la liste à côté en donne le contenu.', en: 'Graph of the establishments and their exchanges; the list beside it gives its content.' },
  search: { fr: 'Rechercher un établissement', en: 'Search an establishment' },
  list: { fr: 'Établissements', en: 'Establishments' },
  zoomIn: { fr: 'Zoomer', en: 'Zoom in' },
  zoomOut: { fr: 'Dézoomer', en: 'Zoom out' },
  fit: { fr: 'Tout afficher', en: 'Fit' },
  png: { fr: 'Exporter en PNG', en: 'Export as PNG' },
  external: { fr: 'Partenaires extérieurs', en: 'Outside partners' },
  selected: { fr: 'Sélection :', en: 'Selected:' },
  links: { fr: 'liens', en: 'links' },
  loading: { fr: 'Chargement du graphe…', en: 'Loading the graph…' },
  layingOut: { fr: 'Calcul de la disposition…', en: 'Computing the layout…' },
  layout: { fr: 'Disposition', en: 'Layout' },
  geo: { fr: 'Carte', en: 'Map' },
  force: { fr: 'Liens', en: 'Links' },
  sector: { fr: 'Filières', en: 'Sectors' },
  depth: { fr: 'Profondeur', en: 'Depth' },
  kinds: { fr: 'Types de flux', en: 'Flow kinds' },
  statuses: { fr: 'Statut des flux', en: 'Flow status' },
  more: { fr: 'autres : précisez la recherche', en: 'more: refine the search' },
  shown: { fr: 'établissements et', en: 'establishments and' },
  flows: { fr: 'flux affichés', en: 'flows shown' },
  outside: { fr: 'Hors territoire', en: 'Outside the territory' },
  inside: { fr: 'Établissement du territoire', en: 'Establishment of the territory' },
} as const;

const STATUS_LABELS: Record<FlowStatus, { fr: string; en: string }> = {
  active: { fr: 'actifs', en: 'active' },
  potential: { fr: 'potentiels', en: 'potential' },
  planned: { fr: 'en projet', en: 'planned' },
  ended: { fr: 'terminés', en: 'ended' },
};

/** Sector colours (a small palette, hashed by sector name); the last is for "no sector". */
const SECTOR_PALETTE = ['#2b6cb0', '#2f855a', '#b7791f', '#9b2c2c', '#6b46c1', '#2c7a7b', '#c05621', '#4a5568', '#718096'];

/** Index in {@link SECTOR_PALETTE} of a sector name, stable across documents. */
function sectorIndex(sector: string | undefined): number {
  if (!sector) return SECTOR_PALETTE.length - 1;
  let h = 0;
  for (let i = 0; i < sector.length; i++) h = (h * 31 + sector.charCodeAt(i)) >>> 0;
  return h % (SECTOR_PALETTE.length - 1);
}

/** Node sizes come in ten steps: a class per step styles faster than a per-node data mapper. */
const SIZE_STEPS = 10;
const sizeStep = (size: number) => Math.max(0, Math.min(SIZE_STEPS - 1, Math.round((size - 10) / 4.5)));

/** The overlay's colour for a value in 0–1: from pale to deep red. */
function overlayColour(v: number): string {
  const t = Math.min(1, Math.max(0, v));
  return `rgb(${Math.round(180 + 75 * t)}, ${Math.round(200 * (1 - t))}, ${Math.round(200 * (1 - t))})`;
}

/** Above this many establishments the view switches to its large-network settings. */
const LARGE = 2000;

/** A point in drawing units. */
export interface NetworkPosition {
  x: number;
  y: number;
}

/**
 * The network view: establishments as nodes, flows as edges, drawn with cytoscape (loaded only
 * when the element becomes visible). Geographic (with the territory outline), force-directed (fcose,
 * computed in a worker for large networks) or by-sector layout; nodes sized by employees or value and
 * coloured by sector, outside partners as dashed diamonds; filters by flow kind, status and scope; a
 * searchable, keyboard-usable list that mirrors the canvas with a live region; the shared selection
 * highlighted with its upstream and downstream to `depth`; the shared highlight (a synergy's two
 * partners, say); an overlay API for other widgets; PNG export and zoom controls.
 *
 * @tag toile-network
 * @event toile-select - an establishment was chosen; `detail: { id }`.
 * @event toile-network-ready - the graph was drawn; `detail: { nodes, edges, ms }` (ms from data to first frame).
 * @csspart toolbar - zoom, layout, depth, export and scope controls.
 * @csspart stage - the frame around the drawing.
 * @csspart canvas - the drawing area (cytoscape's container).
 * @csspart outline - the territory outline under the geographic layout.
 * @csspart overlay - the layer that paints overlay values on large networks.
 * @csspart side - the search box and the list.
 * @csspart list - the list of establishments (the keyboard and screen-reader view).
 * @csspart legend - the flow kinds and statuses legend (also the filters).
 * @csspart status - the line that says what is shown or being computed.
 * @cssproperty --toile-network-height - height of the drawing (default 480px).
 * @cssproperty --toile-network-outline - colour of the territory outline (default the accent colour).
 * @cssproperty --toile-color-accent - selection and focus colour, also on the canvas.
 * @cssproperty --toile-color-text - labels, also on the canvas.
 */
export class ToileNetwork extends ToileElement {
  static override styles = [tokens, kindStyles, networkStyles];

  /** Id of the `<toile-data>` to use when not nested in it. */
  @property({ reflect: true }) source: string | null = null;
  /** `geo` (from coordinates, with the territory outline), `force` (fcose) or `sector` (by filière). */
  @property({ reflect: true }) layout: 'geo' | 'force' | 'sector' = 'geo';
  /** Upstream and downstream depth highlighted around the selection (1–5). */
  @property({ type: Number }) depth = 1;
  /** Show outside partners (default true; `show-external="false"` hides them). */
  @property({ attribute: 'show-external', converter: { fromAttribute: (value: string | null) => value !== 'false', toAttribute: (value: boolean) => String(value) } })
  showExternal = true;
  /** What node size stands for: `employees`, exchanged `value`, or `none`. */
  @property({ attribute: 'size-by', reflect: true }) sizeBy: 'employees' | 'value' | 'none' = 'employees';
  /** `canvas` (default) or `webgl` (cytoscape's WebGL mode, for very large networks). */
  @property({ reflect: true }) renderer: 'canvas' | 'webgl' = 'canvas';
  /**
   * Preset positions by establishment id (from a previous layout or a GIS): used by the `force`
   * layout instead of computing one, which makes large networks appear at once.
   */
  @property({ attribute: false }) positions: Readonly<Record<string, NetworkPosition>> | undefined = undefined;

  @state() private hiddenKinds = new Set<FlowKind>();
  @state() private hiddenStatuses = new Set<FlowStatus>();
  @state() private search = '';
  @state() private announcement = '';
  @state() private busy = '';
  @query('[part="canvas"]') private container!: HTMLDivElement;

  private readonly data = new DataController(this);
  private cy: Core | undefined;
  private visible = false;
  private observer: IntersectionObserver | undefined;
  private overlay: ReadonlyMap<string, number> | undefined;
  private drawnKey = '';
  private drawing: Promise<void> | undefined;
  private layoutWorker: Worker | undefined;
  private layoutRun = 0;
  private viewBox = { x: 0, y: 0, zoom: 1 };

  /** The cytoscape instance, once drawn (for advanced use; undefined until visible). */
  get cytoscape(): Core | undefined {
    return this.cy;
  }

  /**
   * How the overlay is painted: node styles (`style`) up to 2,000 establishments; above, a canvas
   * layer over the graph (`layer`), so that painting a result never makes cytoscape redraw the whole
   * network (~0.5 s for 10k nodes and 30k edges without a GPU).
   */
  get overlayMode(): 'style' | 'layer' {
    return (this.cy?.nodes().length ?? 0) > LARGE ? 'layer' : 'style';
  }

  /** The values painted by {@link setOverlay}, or undefined when cleared. */
  get overlayValues(): ReadonlyMap<string, number> | undefined {
    return this.overlay;
  }

  /**
   * Paints a value in 0–1 on each establishment (a domino result, say): red intensity on the node.
   * Pass `undefined` to clear. Only the nodes of the old and new overlays are restyled.
   */
  setOverlay(values: ReadonlyMap<string, number> | undefined): void {
    const previous = this.overlay;
    this.overlay = values;
    this.paintOverlay(previous);
  }

  /** Fits the whole graph (or the given establishments) in view. */
  fit(ids?: readonly string[]): void {
    const cy = this.cy;
    if (!cy) return;
    const target = ids?.length ? cy.nodes().filter((n) => ids.includes(n.id())) : undefined;
    cy.fit(target, 30);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // cytoscape is fetched only once the element is on screen.
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        this.visible = true;
        this.observer?.disconnect();
        // Fetch cytoscape now, while the data may still be loading, not after it.
        void import('cytoscape');
        void this.draw();
      }
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.layoutWorker?.terminate();
    this.layoutWorker = undefined;
    this.cy?.destroy();
    this.cy = undefined;
    this.drawnKey = '';
    this.visible = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.visible) void this.draw();
    if (changed.has('theme') && this.cy) this.cy.style(this.stylesheet(this.cy.nodes().length));
  }

  /** What the drawing depends on: a change rebuilds it; the rest only restyles. */
  private drawKey(loaded: LoadedToile): string {
    return [this.showExternal, [...this.hiddenKinds].join(), [...this.hiddenStatuses].join(), this.sizeBy, this.renderer, this.layout, loaded.document.territory.id].join('|');
  }

  private async draw(): Promise<void> {
    const loaded = this.data.provider?.value;
    if (!loaded || !this.container) return;
    const key = this.drawKey(loaded);
    if (this.cy && this.renderedFor === loaded && this.drawnKey === key) {
      this.highlight();
      return;
    }
    if (this.drawing) {
      await this.drawing;
      return this.draw();
    }
    this.drawing = this.build(loaded, key).finally(() => (this.drawing = undefined));
    return this.drawing;
  }

  private renderedFor: LoadedToile | undefined;

  private async build(loaded: LoadedToile, key: string): Promise<void> {
    const started = performance.now();
    performance.mark('toile-network:build');
    const { default: cytoscape } = await import('cytoscape');
    performance.mark('toile-network:cytoscape-loaded');
    if (!this.isConnected) return;
    const previousPan = this.renderedFor === loaded && this.cy ? { zoom: this.cy.zoom(), pan: this.cy.pan() } : undefined;
    this.cy?.destroy();
    const { document: doc, index } = loaded;
    const large = doc.establishments.length > LARGE;
    const projection = territoryProjection(doc.establishments, doc.territory);
    const placed = this.layout === 'sector' ? sectorPositions(doc.establishments) : geoPositions(doc.establishments, projection);
    // Exchanged value per establishment, from the index (no pass over the document's flows).
    const value = new Float64Array(index.nodeCount);
    for (let k = 0; k < index.edgeCount; k++) {
      const v = index.edgeValue[k]!;
      if (!Number.isFinite(v)) continue;
      value[index.edgeSource[k]!]! += v;
      value[index.edgeTarget[k]!]! += v;
    }
    const maxValue = value.reduce((m, v) => Math.max(m, v), 0) || 1;
    const size = (n: number): number => {
      if (this.sizeBy === 'none') return 16;
      if (this.sizeBy === 'value') return 10 + 40 * Math.sqrt(value[n]! / maxValue);
      return 12 + Math.min(40, Math.sqrt(index.employees[n]! || 10) * 1.2);
    };
    const shown = new Set<string>();
    const elements: ElementDefinition[] = [];
    doc.establishments.forEach((e, n) => {
      if (e.external && !this.showExternal) return;
      shown.add(e.id);
      const preset = this.layout === 'force' ? this.positions?.[e.id] : undefined;
      const position = preset ?? placed.get(e.id);
      elements.push({
        group: 'nodes',
        data: { id: e.id, label: e.name, size: size(n), sector: e.sectors?.[0] ?? '' },
        // Classes rather than data mappers: cytoscape styles 25k elements ~30 % faster this way.
        classes: `c${sectorIndex(e.sectors?.[0])} s${sizeStep(size(n))}${e.external ? ' external' : ''}`,
        ...(position ? { position: { x: position.x, y: position.y } } : {}),
      });
    });
    for (const f of doc.flows) {
      if (!shown.has(f.from) || !shown.has(f.to) || this.hiddenKinds.has(f.kind) || this.hiddenStatuses.has(f.status ?? 'active')) continue;
      elements.push({ group: 'edges', data: { id: `flow:${f.id}`, source: f.from, target: f.to }, classes: `k-${f.kind}${f.status && f.status !== 'active' ? ' inactive' : ''}` });
    }
    const options: CytoscapeOptions & { renderer?: { name: string; webgl?: boolean } } = {
      container: this.container,
      elements,
      minZoom: 0.01,
      maxZoom: 8,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      motionBlur: false,
      style: this.stylesheet(shown.size),
      layout: { name: 'preset', fit: !previousPan, padding: 20 },
      ...(this.renderer === 'webgl' ? { renderer: { name: 'canvas', webgl: true } } : {}),
    };
    claimCytoscapeStylesheet(this.ownerDocument);
    performance.mark('toile-network:elements');
    const cy = cytoscape(options);
    performance.mark('toile-network:constructed');
    this.cy = cy;
    this.drawnKey = key;
    this.renderedFor = loaded;
    if (previousPan) cy.viewport(previousPan);
    cy.on('tap', 'node', (event) => this.choose(event.target.id() as string));
    cy.on('viewport', () => {
      this.syncOutline();
      if (large) this.scheduleLabels();
      if (this.overlay && this.overlayMode === 'layer') this.drawOverlayLayer();
    });
    cy.on('layoutstop drag', () => this.overlay && this.overlayMode === 'layer' && this.drawOverlayLayer());
    this.syncOutline();
    this.paintOverlay();
    this.highlight();
    // Ready at the first frame: cytoscape's canvas renderer says so with 'render'; its WebGL mode does
    // not, so two animation frames after construction stand in for it.
    let announced = false;
    const ready = () => {
      if (announced || cy.destroyed()) return;
      announced = true;
      this.emit('toile-network-ready', { nodes: cy.nodes().length, edges: cy.edges().length, ms: Math.round(performance.now() - started) });
    };
    cy.one('render', ready);
    requestAnimationFrame(() => requestAnimationFrame(ready));
    const preset = this.positions;
    if (this.layout === 'force' && !(preset && [...shown].every((id) => preset[id] !== undefined))) await this.runForceLayout(cy);
    this.requestUpdate();
  }

  /** The canvas style, read from the same tokens as the rest of the element. */
  private stylesheet(nodeCount: number): StylesheetJson {
    const styles = getComputedStyle(this);
    const text = styles.getPropertyValue('--_fg').trim() || '#1d2430';
    const accent = styles.getPropertyValue('--_accent').trim() || '#0b5cad';
    const large = nodeCount > LARGE;
    const label = { label: 'data(label)', 'font-size': 9, color: text, 'text-valign': 'bottom', 'text-margin-y': 2, 'min-zoomed-font-size': 7 };
    return [
      // Large networks label only what is selected, highlighted, or in view once zoomed in.
      { selector: 'node', style: { width: 16, height: 16, ...(large ? {} : label) } },
      ...(large ? [{ selector: 'node.labelled, node.selected, node.highlighted', style: label }] : []),
      ...SECTOR_PALETTE.map((colour, i) => ({ selector: `node.c${i}`, style: { 'background-color': colour } })),
      ...Array.from({ length: SIZE_STEPS }, (_, k) => ({ selector: `node.s${k}`, style: { width: 10 + 4.5 * k, height: 10 + 4.5 * k } })),
      { selector: 'node.external', style: { shape: 'diamond', 'background-opacity': 0.5, 'border-width': 1, 'border-style': 'dashed', 'border-color': '#718096' } },
      large
        ? { selector: 'edge', style: { width: 0.8, 'curve-style': 'haystack', 'haystack-radius': 0, opacity: 0.6 } }
        : { selector: 'edge', style: { width: 1.2, 'target-arrow-shape': 'triangle', 'arrow-scale': 0.6, 'curve-style': 'bezier', opacity: 0.75 } },
      ...FLOW_KINDS.map((k) => ({ selector: `edge.k-${k}`, style: { 'line-color': KIND_COLOURS[k], 'target-arrow-color': KIND_COLOURS[k] } })),
      { selector: 'edge.inactive', style: { 'line-style': 'dashed', opacity: 0.4 } },
      { selector: '.faded', style: { opacity: 0.12 } },
      { selector: 'node.highlighted', style: { 'border-width': 4, 'border-color': accent, 'z-index': 9 } },
      { selector: 'node.selected', style: { 'border-width': 4, 'border-color': accent, 'border-style': 'double', 'z-index': 10 } },
    ] as StylesheetJson;
  }

  /** fcose: on the main thread for small networks, in a worker above {@link LARGE}. */
  private async runForceLayout(cy: Core): Promise<void> {
    const run = ++this.layoutRun;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const nodes = cy.nodes();
    if (nodes.length <= LARGE) {
      const { default: fcose } = await import('cytoscape-fcose');
      const { default: cytoscape } = await import('cytoscape');
      registerFcose(cytoscape, fcose);
      if (run !== this.layoutRun || cy.destroyed()) return;
      cy.layout({ name: 'fcose', animate: !reduced && nodes.length < 300, randomize: false, quality: 'default', nodeRepulsion: () => 8000, padding: 20 } as LayoutOptions).run();
      return;
    }
    this.busy = T.layingOut[this.language];
    const ids = nodes.map((n) => n.id());
    const at = new Map(ids.map((id, i) => [id, i]));
    const sizes = new Float32Array(ids.length);
    const start = new Float32Array(ids.length * 2);
    nodes.forEach((n, i) => {
      sizes[i] = n.data('size') as number;
      const p = n.position();
      start[2 * i] = p.x;
      start[2 * i + 1] = p.y;
    });
    const edges = new Uint32Array(cy.edges().length * 2);
    cy.edges().forEach((e, k) => {
      edges[2 * k] = at.get(e.source().id())!;
      edges[2 * k + 1] = at.get(e.target().id())!;
    });
    this.layoutWorker?.terminate();
    let worker: Worker | undefined;
    try {
      worker = startWorker('layout.worker.js', () => new Worker(new URL('./layout.worker.js', import.meta.url), { type: 'module' }));
      this.layoutWorker = worker;
      const started = worker;
      const positions = await new Promise<Float32Array>((resolve, reject) => {
        started.onmessage = (event: MessageEvent<LayoutResponse>) => resolve(event.data.positions);
        started.onerror = (event) => reject(new Error(event.message));
        started.postMessage({ ids, sizes, edges, start } satisfies LayoutRequest, [sizes.buffer, edges.buffer, start.buffer]);
      });
      if (run !== this.layoutRun || cy.destroyed()) return;
      cy.batch(() => nodes.forEach((n, i) => void n.position({ x: positions[2 * i]!, y: positions[2 * i + 1]! })));
      cy.fit(undefined, 20);
    } catch (error) {
      console.warn('[toile] force layout failed; the geographic positions are kept.', error);
    } finally {
      worker?.terminate();
      if (this.layoutWorker === worker) this.layoutWorker = undefined;
      this.busy = '';
    }
  }

  private labelTimer: ReturnType<typeof setTimeout> | undefined;

  /** Large networks: once zoomed in enough to read, label the nodes in view (a few hundred at most). */
  private scheduleLabels(): void {
    clearTimeout(this.labelTimer);
    this.labelTimer = setTimeout(() => {
      const cy = this.cy;
      if (!cy || cy.destroyed()) return;
      const readable = cy.zoom() >= 1.2;
      const box = cy.extent();
      cy.batch(() => {
        cy.nodes('.labelled').removeClass('labelled');
        if (!readable) return;
        cy.nodes()
          .filter((n) => {
            const p = n.position();
            return p.x >= box.x1 && p.x <= box.x2 && p.y >= box.y1 && p.y <= box.y2;
          })
          .addClass('labelled');
      });
    }, 120);
  }

  /** Keeps the territory outline (an SVG in drawing units) under the canvas as it pans and zooms. */
  private syncOutline(): void {
    const cy = this.cy;
    if (!cy) return;
    const pan = cy.pan();
    this.viewBox = { x: pan.x, y: pan.y, zoom: cy.zoom() };
    const g = this.renderRoot.querySelector<SVGGElement>('[part="outline"] g');
    g?.setAttribute('transform', `translate(${pan.x} ${pan.y}) scale(${cy.zoom()})`);
  }

  private paintOverlay(previous?: ReadonlyMap<string, number>): void {
    const cy = this.cy;
    if (!cy) return;
    if (this.overlayMode === 'layer') {
      this.drawOverlayLayer();
      return;
    }
    cy.batch(() => {
      if (previous === undefined && this.overlay === undefined) return;
      if (previous === undefined) {
        // After a rebuild every node is fresh: paint the overlay's nodes only.
        this.overlay?.forEach((v, id) => cy.getElementById(id).style('background-color', overlayColour(v)));
        return;
      }
      previous.forEach((_, id) => {
        if (!this.overlay?.has(id)) cy.getElementById(id).removeStyle('background-color');
      });
      this.overlay?.forEach((v, id) => {
        const n = cy.getElementById(id);
        if (n.nonempty()) n.style('background-color', overlayColour(v));
      });
    });
  }

  /** Large networks: the overlay as discs on a canvas above the graph, redrawn as the view moves. */
  private drawOverlayLayer(): void {
    const cy = this.cy;
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('[part="overlay"]');
    if (!cy || !canvas) return;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    if (!this.overlay || this.overlayMode !== 'layer') return;
    const zoom = cy.zoom();
    const pan = cy.pan();
    this.overlay.forEach((v, id) => {
      const node = cy.getElementById(id);
      if (node.empty() || !node.visible()) return;
      const p = node.position();
      const x = p.x * zoom + pan.x;
      const y = p.y * zoom + pan.y;
      if (x < -50 || y < -50 || x > width + 50 || y > height + 50) return;
      context.beginPath();
      context.arc(x, y, Math.max(2, (node.width() * zoom) / 2 + 1), 0, 2 * Math.PI);
      context.fillStyle = overlayColour(v);
      context.fill();
    });
  }

  /** Fades what is not within `depth` upstream or downstream of the selection, nor highlighted. */
  private highlight(): void {
    const cy = this.cy;
    if (!cy) return;
    const id = this.data.provider?.selected;
    const highlighted = this.data.provider?.highlighted ?? [];
    cy.batch(() => {
      cy.elements('.faded, .selected, .highlighted').removeClass('faded selected highlighted');
      let keep = cy.collection();
      const node = id ? cy.getElementById(id) : cy.collection();
      if (node.nonempty()) {
        let up = node;
        let down = node;
        for (let d = 0; d < Math.max(0, Math.min(5, this.depth)); d++) {
          up = up.union(up.incomers());
          down = down.union(down.outgoers());
        }
        keep = keep.union(node).union(up).union(down);
        node.addClass('selected');
      }
      const marked = cy.nodes().filter((n) => highlighted.includes(n.id()));
      if (marked.nonempty()) {
        marked.addClass('highlighted');
        keep = keep.union(marked).union(marked.edgesWith(marked));
      }
      if (keep.nonempty()) cy.elements().not(keep).addClass('faded');
    });
  }

  private choose(id: string): void {
    this.emit('toile-select', { id });
    this.data.provider?.select(id);
    const loaded = this.data.provider?.value;
    const e = loaded?.document.establishments[loaded.index.nodeOf.get(id) ?? -1];
    this.announcement = e ? `${T.selected[this.language]} ${e.name}` : '';
  }

  private toggle<T>(set: Set<T>, item: T): Set<T> {
    const next = new Set(set);
    if (next.has(item)) next.delete(item);
    else next.add(item);
    return next;
  }

  private exportPng(): void {
    const bg = getComputedStyle(this).getPropertyValue('--_bg').trim() || '#ffffff';
    const blob = this.cy?.png({ output: 'blob', full: true, scale: 2, bg }) as Blob | undefined;
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'toile.png';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  /** Arrow keys, Home and End move between the list's buttons (one tab stop for the whole list). */
  private onListKey(event: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part="list"] button')];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = buttons[Math.max(0, Math.min(buttons.length - 1, next))];
    target?.focus();
  }

  protected override render() {
    const lang = this.language;
    const loaded = this.data.provider?.value;
    const selected = this.data.provider?.selected;
    const needle = this.search.trim().toLocaleLowerCase(lang);
    const list = loaded
      ? loaded.document.establishments.filter((e) => (this.showExternal || !e.external) && (!needle || e.name.toLocaleLowerCase(lang).includes(needle)))
      : [];
    const shownList = list.slice(0, 300);
    // One tab stop for the list: the selected row, or the first.
    const tabStop = shownList.some((e) => e.id === selected) ? selected : shownList[0]?.id;
    const degree = (id: string) => {
      const n = loaded?.index.nodeOf.get(id);
      if (n === undefined || !loaded) return 0;
      return loaded.index.outOffsets[n + 1]! - loaded.index.outOffsets[n]! + loaded.index.inOffsets[n + 1]! - loaded.index.inOffsets[n]!;
    };
    const path = this.layout === 'geo' && loaded ? outlinePath(loaded.document.territory, territoryProjection(loaded.document.establishments, loaded.document.territory)) : '';
    const { x, y, zoom } = this.viewBox;
    const counts = this.cy && !this.cy.destroyed() ? `${this.cy.nodes().length} ${T.shown[lang]} ${this.cy.edges().length} ${T.flows[lang]}` : '';
    return html`<section aria-label=${T.label[lang]}>
      <div part="toolbar" class="toolbar">
        <button type="button" @click=${() => this.cy?.zoom({ level: this.cy.zoom() * 1.25, renderedPosition: { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 } })} aria-label=${T.zoomIn[lang]}>+</button>
        <button type="button" @click=${() => this.cy?.zoom({ level: this.cy.zoom() / 1.25, renderedPosition: { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 } })} aria-label=${T.zoomOut[lang]}>−</button>
        <button type="button" @click=${() => this.fit()}>${T.fit[lang]}</button>
        <label
          >${T.layout[lang]}
          <select .value=${this.layout} @change=${(e: Event) => (this.layout = (e.target as HTMLSelectElement).value as ToileNetwork['layout'])}>
            ${(['geo', 'force', 'sector'] as const).map((l) => html`<option value=${l} ?selected=${this.layout === l}>${T[l][lang]}</option>`)}
          </select></label
        >
        <label
          >${T.depth[lang]}
          <select @change=${(e: Event) => (this.depth = Number((e.target as HTMLSelectElement).value))}>
            ${[1, 2, 3, 4, 5].map((d) => html`<option value=${d} ?selected=${this.depth === d}>${d}</option>`)}
          </select></label
        >
        <label><input type="checkbox" .checked=${this.showExternal} @change=${(e: Event) => (this.showExternal = (e.target as HTMLInputElement).checked)} /> ${T.external[lang]}</label>
        <button type="button" @click=${() => this.exportPng()}>${T.png[lang]}</button>
      </div>
      <div class="body">
        <div part="stage" class="stage">
          ${path
            ? html`<svg part="outline" class="outline" aria-hidden="true"><g transform="translate(${x} ${y}) scale(${zoom})">${svg`<path d=${path}></path>`}</g></svg>`
            : nothing}
          ${loaded ? nothing : html`<p class="loading">${T.loading[lang]}</p>`}
          <!-- cytoscape owns this element's children: nothing of Lit's goes inside. -->
          <div part="canvas" class="canvas" role="img" aria-label=${T.canvas[lang]}></div>
          <canvas part="overlay" class="overlay-layer" aria-hidden="true"></canvas>
        </div>
        <div part="side" class="side">
          <label class="search">${T.search[lang]}<input type="search" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} /></label>
          <ul part="list" class="list" aria-label=${T.list[lang]} @keydown=${(e: KeyboardEvent) => this.onListKey(e)}>
            ${shownList.map(
              (e) => html`<li>
                <button type="button" tabindex=${e.id === tabStop ? 0 : -1} aria-pressed=${e.id === selected ? 'true' : 'false'} @click=${() => this.choose(e.id)}>${e.name}</button>
                <span class="degree">${degree(e.id)} ${T.links[lang]}</span>
              </li>`,
            )}
            ${list.length > shownList.length ? html`<li class="more">+ ${list.length - shownList.length} ${T.more[lang]}</li>` : nothing}
          </ul>
        </div>
      </div>
      <div part="legend" class="legend">
        <fieldset>
          <legend>${T.kinds[lang]}</legend>
          ${FLOW_KINDS.map(
            (k) => html`<label><input type="checkbox" .checked=${!this.hiddenKinds.has(k)} @change=${() => (this.hiddenKinds = this.toggle(this.hiddenKinds, k))} /><span class="swatch kind-${k}"></span>${KIND_LABELS[k][lang]}</label>`,
          )}
        </fieldset>
        <fieldset>
          <legend>${T.statuses[lang]}</legend>
          ${FLOW_STATUSES.map(
            (s) => html`<label><input type="checkbox" .checked=${!this.hiddenStatuses.has(s)} @change=${() => (this.hiddenStatuses = this.toggle(this.hiddenStatuses, s))} /><span class="swatch ${s === 'active' ? '' : 'dashed'}"></span>${STATUS_LABELS[s][lang]}</label>`,
          )}
        </fieldset>
        <p class="shapes"><span class="dot"></span>${T.inside[lang]} <span class="diamond"></span>${T.outside[lang]}</p>
      </div>
      <p part="status" class="status" role="status" aria-live="polite">${this.busy || this.announcement || counts}</p>
    </section>`;
  }
}

/**
 * cytoscape injects a `<style id="__________cytoscape_stylesheet">` into the page's head unless an
 * element with that id exists: a strict CSP (no 'unsafe-inline' styles) refuses it, and the rule it
 * holds (`position: relative` on the container) is in our shadow styles already. An empty, inert
 * `<meta>` with that id keeps cytoscape from trying.
 */
function claimCytoscapeStylesheet(document: Document): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  document.head.append(marker);
}

let fcoseRegistered = false;
function registerFcose(cytoscape: { use(extension: Ext): void }, fcose: Ext): void {
  if (fcoseRegistered) return;
  fcoseRegistered = true;
  cytoscape.use(fcose);
}
