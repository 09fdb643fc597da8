import { html, nothing, type PropertyValues } from 'lit';
import { property, state, query } from 'lit/decorators.js';
import type { Core, NodeSingular, StylesheetJson } from 'cytoscape';
import type { FlowKind, FlowStatus } from '@toile/schema';
import { ToileElement } from '../base/toile-element.ts';
import { yieldToPage } from '../base/yield.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import { DataController } from '../data/data-controller.ts';
import type { LoadedToile, ToileOverlay } from '../data/toile-data.component.ts';
import { networkStyles } from './network.styles.ts';
import { kindStyles } from '../base/kinds.ts';
import { outlinePath, territoryProjection, type Caption } from './geo.ts';
import { drawKeyOf, modelElements, networkModel, networkStylesheet } from './elements.ts';
import { needsAggregation } from './aggregate.ts';
import { LargeView } from './large-view.ts';
import { sectorColours, type SectorColours } from './palette.ts';
import { paintNodes } from './overlay.ts';
import { drawLabelLayer, LabelScheduler } from './label-layer.ts';
import { labelFont, textMeasurer } from './labels.ts';
import { legend, toggled, type NetworkOverlayLegend } from './legend.ts';
import { stage } from './stage.ts';
import { VisibilityController } from '../base/visibility.ts';
import { exportImage, pictureInput, saveBlob } from './export.ts';
import { LayoutRunner } from './layout-runner.ts';
import { claimCytoscapeStylesheet, cytoscapeOptions, onFirstFrame } from './cytoscape-support.ts';
import { statusCounts, toolbar, type ColorBy } from './toolbar.ts';
import { applyFocus, fitTo, searchMatches } from './focus.ts';
import type { Map as LeafletMap } from 'leaflet';
import { createBasemap, loadLeaflet, mercatorProjection, syncUnderlays, type MercatorProjection } from './basemap.ts';
import { T } from './text.ts';
import { establishmentList, filterList, listItemsOf, listStyles } from './list.ts';
import { KEEP_NEAREST, KINSHIP_TEXT, KinshipColouring, kinshipListItems, nameIn, type KinshipScores } from './kinship.ts';

export type { NetworkOverlayLegend } from './legend.ts';
export type { KinshipScores } from './kinship.ts';

/** Above this many establishments the view switches to its large-network settings. */
const LARGE = 2000;
/** Painted in the kinship mode before any score: every establishment steps back to neutral. */
const NONE: ReadonlyMap<string, number> = new Map();

/** A point in drawing units. */
export interface NetworkPosition {
  x: number;
  y: number;
}

/**
 * The network view: establishments as nodes, flows as edges, drawn with cytoscape (loaded only
 * when the element becomes visible). Geographic (the territory's outline and places), force-directed
 * (fcose, computed in a worker for large networks), by-sector (labelled blocks) or value-chain layout
 * (columns by stage along the flows); nodes sized by employees or value and coloured by sector,
 * outside partners as dashed diamonds on the rim; parallel flows merged per kind, width by value;
 * names in screen pixels without collisions, more as one zooms; a legend that is also the filters
 * (flow kinds, statuses, sectors); a searchable, keyboard-usable list that mirrors the canvas with a
 * live region; the shared selection with a halo and its upstream and downstream to `depth`; the
 * shared highlight (a synergy's two partners, say); the shared overlay of its `<toile-data>` (a
 * domino result, say) or one given to `setOverlay` (its own colour-blind-safe scale and legend,
 * sector colours set back); a kinship colour mode (`color-by="kinship"`: every establishment by its
 * relatedness to the selected one, computed by the SDK); PNG and SVG export and zoom controls.
 *
 * @tag toile-network
 * @event toile-select - an establishment was chosen; `detail: { id }`.
 * @event toile-network-ready - the graph was drawn; `detail: { nodes, edges, ms }` (ms from data to first frame).
 * @event toile-network-layout - the force layout moved the establishments (it streams positions from a worker on large networks); `detail: { done, ms }` (ms since the layout started).
 * @csspart toolbar - zoom, layout, depth, export and scope controls.
 * @csspart stage - the frame around the drawing.
 * @csspart canvas - the drawing area (cytoscape's container).
 * @csspart outline - the territory outline under the geographic layout.
 * @csspart labels - the layer of names, captions and halos (screen pixels).
 * @csspart overlay - the layer that paints overlay values on large networks.
 * @csspart overlay-legend - the scale of the overlay, while one is shown.
 * @csspart kinship-legend - the legend of the kinship colour mode (whom it is about, scale, parts and weights, nearest kin).
 * @csspart basemap - the tiles under the geographic layout, when `basemap` is set.
 * @csspart attribution - the basemap's credit.
 * @csspart side - the search box and the list.
 * @csspart list - the list of establishments (the keyboard and screen-reader view).
 * @csspart legend - the legend of sectors, flow kinds, statuses, shapes and sizes (also the filters).
 * @csspart status - the line that says what is shown or being computed.
 * @cssproperty --toile-network-height - height of the drawing (default 480px).
 * @cssproperty --toile-network-outline - colour of the territory outline (default the accent colour).
 * @cssproperty --toile-color-accent - selection and focus colour, also on the canvas.
 * @cssproperty --toile-color-text - labels, also on the canvas.
 */
export class ToileNetwork extends ToileElement {
  static override styles = [tokens, controls, kindStyles, networkStyles, listStyles];

  /** Id of the `<toile-data>` to use when not nested in it. */
  @property({ reflect: true }) source: string | null = null;
  /**
   * `geo` (from coordinates, with the territory outline and places), `force` (fcose), `sector`
   * (labelled blocks by first sector) or `chain` (columns by stage along the flows: sources,
   * processing, users, recovery).
   */
  @property({ reflect: true }) layout: 'geo' | 'force' | 'sector' | 'chain' = 'geo';
  /** Upstream and downstream depth highlighted around the selection (1–5). */
  @property({ type: Number }) depth = 1;
  /** Show outside partners (default true; `show-external="false"` hides them). */
  @property({
    attribute: 'show-external',
    converter: { fromAttribute: (value: string | null) => value !== 'false', toAttribute: (value: boolean) => String(value) },
  })
  showExternal = true;
  /** What node size stands for: `employees`, exchanged `value`, or `none`. */
  @property({ attribute: 'size-by', reflect: true }) sizeBy: 'employees' | 'value' | 'none' = 'employees';
  /**
   * What node colour stands for: `sector` (default; an overlay paints over it while one is set) or
   * `kinship`: each establishment by its relatedness to the selected one (the SDK's `relatedness`,
   * 0–1, pale to dark), with its own legend; nothing is dimmed, and an overlay is set aside meanwhile.
   */
  @property({ attribute: 'color-by', reflect: true }) colorBy: ColorBy = 'sector';
  /** `canvas` (default) or `webgl` (cytoscape's WebGL mode; the canvas renderer where the browser has no WebGL 2). */
  @property({ reflect: true }) renderer: 'canvas' | 'webgl' = 'canvas';
  /**
   * Preset positions by establishment id (from a previous layout or a GIS): used by the `force`
   * layout instead of computing one, which makes large networks appear at once.
   */
  @property({ attribute: false }) positions: Readonly<Record<string, NetworkPosition>> | undefined = undefined;
  /**
   * Raster tiles under the geographic layout: an XYZ URL template (`https://…/{z}/{x}/{y}.png`). Off
   * by default: no request leaves the page unless it sets one (the page's CSP then needs the tile
   * host in `img-src`).
   */
  @property({ reflect: true }) basemap: string | null = null;
  /** The tiles' credit, shown over the map and in exports (plain text), e.g. `© IGN`. */
  @property({ attribute: 'basemap-attribution', reflect: true }) basemapAttribution: string | null = null;

  @state() private hiddenKinds = new Set<FlowKind>();
  @state() private hiddenStatuses = new Set<FlowStatus>();
  @state() private hiddenSectors = new Set<number>();
  @state() private search = '';
  @state() private announcement = '';
  @state() private busy = '';
  @state() private overlayKey: NetworkOverlayLegend | undefined;
  @query('[part="canvas"]') private container!: HTMLDivElement;

  private readonly data = new DataController(this, (shared) => this.followOverlay(shared));
  /** The shared overlay of the `<toile-data>` last painted here (see {@link followOverlay}). */
  private sharedOverlay: ToileOverlay | undefined;
  private cy: Core | undefined;
  // cytoscape is fetched only once the element is on screen, while the data may still be loading.
  private readonly visibility = new VisibilityController(this, () => {
    void import('cytoscape');
    void this.draw();
  });
  private overlay: ReadonlyMap<string, number> | undefined;
  /** What is painted on the nodes now (see {@link painted}), to restyle only what changes. */
  private shown: ReadonlyMap<string, number> | undefined;
  // New scores: painted at once; the next update keeps the nearest kin one by one in an aggregated view.
  private readonly kinship = new KinshipColouring(() => {
    this.repaint();
    this.requestUpdate();
  });
  private drawnKey = '';
  private drawing: Promise<void> | undefined;
  private readonly layouts = new LayoutRunner({
    container: () => this.container,
    place: (cy, ids, positions) => this.place(cy, ids, positions),
    fit: () => this.fit(),
    // One aggregation per frame, at the view the fit just set (not one now and one when it settles).
    moved: () => {
      if (!this.large) return;
      clearTimeout(this.aggregateTimer);
      this.refreshLarge();
    },
    busy: (running) => (this.busy = running ? T.layingOut[this.language] : ''),
    frame: (detail) => this.emit('toile-network-layout', detail),
  });
  private viewBox = { x: 0, y: 0, zoom: 1 };
  private captions: Caption[] = [];
  private order: NodeSingular[] = [];
  private widthBy: 'value' | 'count' = 'value';
  private around = { neighbours: new Set<string>(), highlighted: new Set<string>(), focused: false };
  private readonly labels = new LabelScheduler(
    () => this.renderRoot.querySelector<SVGSVGElement>('[part="labels"]'),
    (layer) => {
      const { cy, order, captions, measure } = this;
      if (cy && !cy.destroyed()) drawLabelLayer(layer, { cy, order, captions, selected: this.data.provider?.selected ?? undefined, ...this.around, measure });
    },
  );
  private measure = textMeasurer((className) => labelFont(className, getComputedStyle(this).fontFamily));
  private sectorCache = new WeakMap<object, SectorColours>();
  private basemapMap: LeafletMap | undefined;
  private mercator: MercatorProjection | undefined;
  /** Set when the network is aggregated (see aggregate.ts): what cytoscape holds follows the view. */
  private large: LargeView | undefined;
  private aggregateTimer: ReturnType<typeof setTimeout> | undefined;

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
    return this.large || (this.cy?.nodes().length ?? 0) > LARGE ? 'layer' : 'style';
  }

  /**
   * Whether the view aggregates (above 3,000 establishments or 8,000 merged flows): establishments
   * grouped by commune (map), sector or stage, and grid cell, opened by zooming or clicking a group.
   */
  get aggregated(): boolean {
    return this.large !== undefined;
  }

  /** The values painted by {@link setOverlay}, or undefined when cleared. */
  get overlayValues(): ReadonlyMap<string, number> | undefined {
    return this.overlay;
  }

  /** The kinship scores painted in the `kinship` colour mode, once computed (undefined otherwise). */
  get kinshipScores(): KinshipScores | undefined {
    return this.colorBy === 'kinship' ? this.kinship.result : undefined;
  }

  /** What the nodes are painted with: the kinship scores in that colour mode, else the overlay. */
  private get painted(): ReadonlyMap<string, number> | undefined {
    return this.colorBy === 'kinship' ? (this.kinship.result?.scores ?? NONE) : this.overlay;
  }

  /** Names shown on the canvas right now (the label layer's, in screen pixels). */
  get shownLabels(): number {
    return this.renderRoot.querySelectorAll('[part="labels"] text.label').length;
  }

  /**
   * Paints a value in 0–1 on each establishment (a domino result, say) on one sequential,
   * colour-blind-safe scale (cividis, pale to dark) with its own legend; the others are "not
   * reached" and every sector colour steps back to grey while the overlay is shown. Pass `undefined`
   * to clear. `legend` names the values (default "Share affected", 0 %–100 %).
   */
  setOverlay(values: ReadonlyMap<string, number> | undefined, legend: NetworkOverlayLegend = {}): void {
    this.overlay = values;
    this.overlayKey = values ? legend : undefined;
    this.repaint();
  }

  /**
   * Paints the overlay shared by the `<toile-data>` (set there by the domino simulator, say) when it
   * changes; an overlay given directly to {@link setOverlay} stays until the shared one changes.
   */
  private followOverlay(shared: ToileOverlay | undefined): void {
    if (shared === this.sharedOverlay) return;
    this.sharedOverlay = shared;
    this.setOverlay(shared?.values, shared?.legend);
  }

  /** Fits the whole graph with its captions (or the given establishments) in view. */
  fit(ids?: readonly string[]): void {
    if (this.cy) fitTo(this.cy, ids, this.large, this.captions);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.layouts.abort();
    this.labels.cancel();
    clearTimeout(this.aggregateTimer);
    this.large = undefined;
    this.basemapMap?.remove();
    this.basemapMap = undefined;
    this.cy?.destroy();
    this.cy = undefined;
    this.drawnKey = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    const provider = this.data.provider;
    this.kinship.follow(provider?.value, provider?.selected ?? undefined, provider?.audience, this.colorBy === 'kinship');
    if (changed.has('colorBy')) this.repaint();
    if (this.visibility.visible) void this.draw();
    if (changed.has('theme') && this.cy) this.cy.style(this.stylesheet(this.cy.nodes().length));
  }

  /** What the drawing depends on: a change rebuilds it (and refits the view); the rest only restyles. */
  private drawKey(loaded: LoadedToile): string {
    const { showExternal, hiddenKinds, hiddenStatuses, hiddenSectors, sizeBy, renderer, layout, basemap } = this;
    return drawKeyOf({ showExternal, hiddenKinds, hiddenStatuses, hiddenSectors, sizeBy, renderer, layout, basemap, territory: loaded.document.territory.id });
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

  /** The document's sector colours (one ranking per document). */
  private sectorsOf(loaded: LoadedToile): SectorColours {
    let s = this.sectorCache.get(loaded.document);
    if (!s) this.sectorCache.set(loaded.document, (s = sectorColours(loaded.document.establishments)));
    return s;
  }

  private async build(loaded: LoadedToile, key: string): Promise<void> {
    const started = performance.now();
    performance.mark('toile-network:build');
    const { default: cytoscape } = await import('cytoscape');
    performance.mark('toile-network:cytoscape-loaded');
    if (!this.isConnected) return;
    this.cy?.destroy();
    const large = loaded.document.establishments.length > LARGE;
    this.basemapMap?.remove();
    this.basemapMap = undefined;
    const withBasemap = this.layout === 'geo' && !!this.basemap;
    const L = withBasemap ? await loadLeaflet() : undefined;
    if (!this.isConnected) return;
    this.mercator = L ? mercatorProjection(L, loaded.document.establishments, loaded.document.territory) : undefined;
    const model = networkModel(loaded, {
      projection: this.mercator,
      layout: this.layout,
      sizeBy: this.sizeBy,
      showExternal: this.showExternal,
      hiddenKinds: this.hiddenKinds,
      hiddenStatuses: this.hiddenStatuses,
      hiddenSectors: this.hiddenSectors,
      positions: this.positions,
      language: this.language,
      sectors: this.sectorsOf(loaded),
    });
    this.widthBy = model.widthBy;
    const largeView = needsAggregation(model) ? new LargeView(model, model.captions) : undefined;
    // Aggregated, the map's clusters carry the communes' names: the places would name them twice.
    this.captions = largeView ? model.captions.filter((c) => c.kind !== 'place') : model.captions;
    const elements = largeView ? largeView.initial(this.container.clientWidth || 800, this.container.clientHeight || 480) : modelElements(model);
    // Large force layouts start in their worker now, while cytoscape is being built.
    const preset = this.positions;
    const layOut = this.layout === 'force' && !(preset && model.ids.every((id) => preset[id] !== undefined));
    let drawn: (cy: Core | undefined) => void = () => {};
    const streamed = layOut && (largeView || model.ids.length > LARGE) ? this.layouts.stream(model, new Promise((resolve) => (drawn = resolve))) : undefined;
    // Building the view and drawing it are two tasks: on a large network, one would freeze the page.
    await yieldToPage();
    if (!this.isConnected) {
      drawn(undefined);
      return;
    }
    claimCytoscapeStylesheet(this.ownerDocument);
    performance.mark('toile-network:elements');
    const cy = cytoscape(
      cytoscapeOptions({
        container: this.container,
        elements,
        style: this.stylesheet(model.ids.length),
        heavy: large && !largeView,
        webgl: this.renderer === 'webgl',
      }),
    );
    performance.mark('toile-network:constructed');
    this.cy = cy;
    this.large = largeView;
    if (largeView) largeView.cy = cy;
    this.drawnKey = key;
    this.renderedFor = loaded;
    this.sortLabels();
    const mapDiv = this.renderRoot.querySelector<HTMLElement>('[part="basemap"]');
    if (L && this.basemap && this.mercator && mapDiv) this.basemapMap = createBasemap(L, mapDiv, this.basemap);
    this.listen(cy);
    this.fit();
    this.syncOutline();
    this.repaint(true);
    this.highlight();
    onFirstFrame(cy, () =>
      this.emit('toile-network-ready', { nodes: cy.nodes().length, edges: cy.edges().length, ms: Math.round(performance.now() - started) }),
    );
    this.requestUpdate();
    drawn(cy);
    if (streamed) await streamed;
    else if (layOut) await this.layouts.fcose(cy);
    this.requestUpdate();
  }

  /** What the canvas answers: a tap chooses (or opens a group), a move repaints what follows the view. */
  private listen(cy: Core): void {
    cy.on('tap', 'node', (event) => {
      const cluster = this.large?.clusterOf(event.target.id() as string);
      if (cluster) this.large!.open(cluster);
      else this.choose(event.target.id() as string);
    });
    cy.on('viewport resize', () => {
      this.syncOutline();
      this.scheduleLabels();
      this.scheduleAggregation();
      if (this.shown && this.overlayMode === 'layer') this.repaint();
    });
    cy.on('layoutstop', () => this.fit());
    cy.on('layoutstop drag position', () => {
      this.scheduleLabels();
      if (this.shown && this.overlayMode === 'layer') this.repaint();
    });
  }

  /** Most important first: the label layer names them in this order. */
  private sortLabels(): void {
    this.order = (this.cy?.nodes().toArray() ?? []).sort((a, b) => (b.data('importance') as number) - (a.data('importance') as number)) as NodeSingular[];
  }

  /** Once the view settles after a pan or zoom, the aggregated view follows it. */
  private scheduleAggregation(): void {
    if (!this.large) return;
    clearTimeout(this.aggregateTimer);
    this.aggregateTimer = setTimeout(() => {
      this.aggregateTimer = undefined;
      this.refreshLarge();
    }, 150);
  }

  /** Recomputes the aggregated view and repaints what depends on it (names, faded, overlay). */
  private refreshLarge(): void {
    const large = this.large;
    if (!large || !this.cy || this.cy.destroyed()) return;
    large.update();
    this.sortLabels();
    this.highlight();
    if (this.shown) this.repaint();
    this.requestUpdate();
  }

  /** The canvas style, read from the same tokens as the rest of the element. */
  private stylesheet(nodeCount: number): StylesheetJson {
    return networkStylesheet(getComputedStyle(this), nodeCount > LARGE, !!this.painted);
  }

  /** Positions from a layout (x, y per id): into the model of an aggregated view (shown by its next update), else onto cytoscape's nodes. */
  private place(cy: Core, ids: readonly string[], positions: Float32Array): void {
    if (this.large) this.large.move(positions);
    else cy.batch(() => ids.forEach((id, i) => void cy.getElementById(id).position({ x: positions[2 * i]!, y: positions[2 * i + 1]! })));
  }

  /**
   * Redraws the label layer at the next frame (at most once a frame, however often the view moves);
   * on large and aggregated networks once the view settles, the layer hidden meanwhile, so panning
   * costs no label work.
   */
  private scheduleLabels(): void {
    this.labels.schedule(!!this.large || (this.cy?.nodes().length ?? 0) > LARGE);
  }

  /** Keeps the territory outline and the basemap under the canvas as it pans and zooms. */
  private syncOutline(): void {
    if (this.cy) this.viewBox = syncUnderlays(this.cy, this.renderRoot.querySelector('[part="outline"] g'), this.basemapMap, this.mercator);
  }

  /**
   * Paints {@link painted} over what was painted before (`fresh`: nothing, cytoscape was just built):
   * node styles, or the canvas layer on large networks; sector colours step back while anything is.
   */
  private repaint(fresh = false): void {
    const cy = this.cy;
    const previous = fresh ? undefined : this.shown;
    this.shown = this.painted;
    if (cy)
      paintNodes(cy, {
        mode: this.overlayMode,
        previous,
        next: this.shown,
        restyle: () => cy.style(this.stylesheet(cy.nodes().length)),
        canvas: this.renderRoot.querySelector<HTMLCanvasElement>('[part="overlay"]'),
        background: getComputedStyle(this).getPropertyValue('--_bg').trim() || '#ffffff',
        unitOf: this.large && ((id) => this.large?.unitOf(id)),
      });
  }

  /** Fades what is not within `depth` upstream or downstream of the selection, nor highlighted. */
  private highlight(): void {
    const cy = this.cy;
    if (!cy) return;
    const id = this.data.provider?.selected;
    // An aggregated view first opens the clusters that hold the selection, its neighbourhood, the highlight and the nearest kin.
    const kin = this.kinshipScores?.ranked.slice(0, KEEP_NEAREST) ?? [];
    if (this.large?.setKeep(id ?? undefined, Math.max(0, Math.min(5, this.depth)), [...(this.data.provider?.highlighted ?? []), ...kin])) {
      this.sortLabels();
      if (this.shown) this.repaint();
    }
    // Search results count as highlighted on the canvas too (up to LARGE establishments: beyond,
    // restyling the whole graph at each keystroke would freeze typing; the list stays the search).
    const found = this.large ? [] : searchMatches(cy, this.search, LARGE);
    const highlighted = [...(this.data.provider?.highlighted ?? []), ...found];
    // The kinship colours must stay readable everywhere: nothing is dimmed in that mode.
    const fade = this.colorBy !== 'kinship';
    const keep = applyFocus(cy, id ?? undefined, this.depth, highlighted, fade);
    this.around = { neighbours: new Set(keep.nodes().map((n) => n.id())), highlighted: new Set(highlighted), focused: fade && keep.nonempty() };
    this.scheduleLabels();
  }

  private choose(id: string): void {
    this.emit('toile-select', { id });
    this.data.provider?.select(id);
    const name = nameIn(this.data.provider?.value, id);
    this.announcement = name === undefined ? '' : `${T.selected[this.language]} ${name}`;
  }

  /**
   * The view as it stands as a picture: title, territory outline, graph, names and halos, legend
   * and attribution (the document's publisher and licence). Undefined until drawn.
   */
  async toImage(format: 'png' | 'svg' = 'png'): Promise<Blob | undefined> {
    const cy = this.cy;
    const loaded = this.data.provider?.value;
    const stage = this.renderRoot.querySelector<HTMLElement>('[part="stage"]');
    if (!cy || !loaded || !stage) return undefined;
    const basemap = this.basemap && this.basemapAttribution ? this.basemapAttribution : undefined;
    const overlay = this.colorBy === 'kinship' ? this.kinship.pictureLegend(this.language, loaded) : this.overlay ? (this.overlayKey ?? {}) : undefined;
    return exportImage(
      format,
      pictureInput({ cy, host: this, stage, document: loaded.document, lang: this.language, sectors: this.sectorsOf(loaded), overlay, basemap }),
    );
  }

  private async download(format: 'png' | 'svg'): Promise<void> {
    const blob = await this.toImage(format);
    if (blob) saveBlob(blob, `toile.${format}`);
  }

  protected override render() {
    const lang = this.language;
    const loaded = this.data.provider?.value;
    const selected = this.data.provider?.selected;
    const kin = this.kinshipScores;
    const list = loaded ? filterList(kinshipListItems(listItemsOf(loaded, this.showExternal), kin, lang), this.search) : [];
    const withBasemap = this.layout === 'geo' && !!this.basemap;
    const projection = withBasemap ? this.mercator : loaded && territoryProjection(loaded.document.establishments, loaded.document.territory);
    const path = this.layout === 'geo' && loaded ? outlinePath(loaded.document.territory, projection) : '';
    const live = this.cy && !this.cy.destroyed() ? this.cy : undefined;
    const counts = live ? statusCounts(lang, live, this.large) : '';
    return html`<section aria-label=${T.label[lang]}>
      ${toolbar({
        lang,
        layout: this.layout,
        depth: this.depth,
        showExternal: this.showExternal,
        colorBy: this.colorBy,
        zoomBy: (factor) =>
          this.cy?.zoom({ level: this.cy.zoom() * factor, renderedPosition: { x: this.container.clientWidth / 2, y: this.container.clientHeight / 2 } }),
        fit: () => this.fit(),
        setLayout: (layout) => (this.layout = layout),
        setDepth: (depth) => (this.depth = depth),
        setShowExternal: (show) => (this.showExternal = show),
        setColorBy: (colorBy) => (this.colorBy = colorBy),
        download: (format) => void this.download(format),
      })}
      <div class="body">
        ${stage({
          lang,
          loaded: !!loaded,
          withBasemap,
          basemapAttribution: this.basemapAttribution,
          outline: path,
          view: this.viewBox,
          overlay: this.colorBy !== 'kinship' && this.overlayKey && this.overlay ? { legend: this.overlayKey, reached: this.overlay.size } : undefined,
        })}
        <div part="side" class="side">
          <label class="search"
            >${T.search[lang]}<input type="search" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
          /></label>
          ${establishmentList({ items: list, selected: selected ?? undefined, language: lang, label: kin ? KINSHIP_TEXT.list[lang] : T.list[lang], onChoose: (id) => this.choose(id) })}
        </div>
      </div>
      <div part="legend" class="legend">
        ${this.colorBy === 'kinship' && loaded ? this.kinship.legend(lang, loaded, !!this.large, !!this.overlay) : nothing}
        ${
          loaded
            ? legend({
                lang,
                sectors: this.sectorsOf(loaded),
                hiddenSectors: this.hiddenSectors,
                hiddenKinds: this.hiddenKinds,
                hiddenStatuses: this.hiddenStatuses,
                sizeBy: this.sizeBy,
                widthBy: this.widthBy,
                overlay: !!this.painted,
                toggleSector: (i) => (this.hiddenSectors = toggled(this.hiddenSectors, i)),
                toggleKind: (k) => (this.hiddenKinds = toggled(this.hiddenKinds, k)),
                toggleStatus: (s) => (this.hiddenStatuses = toggled(this.hiddenStatuses, s)),
              })
            : nothing
        }
      </div>
      <p part="status" class="status" role="status" aria-live="polite">${this.busy || this.announcement || counts}</p>
    </section>`;
  }
}
