import { html, nothing, type PropertyValues } from 'lit';
import { property, state, query } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Core, ElementDefinition } from 'cytoscape';
import { FLOW_KINDS, type Establishment, type FlowKind } from '@toile/schema';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { DataController } from '../data/data-controller.ts';
import { networkStyles } from './network.styles.ts';
import { KIND_COLOURS, KIND_LABELS } from '../base/kinds.ts';

const T = {
  label: { fr: 'Toile industrielle du territoire', en: 'Industrial web of the territory' },
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
};

/**
 * Positions for the geographic layout: establishments of the territory projected from their
 * coordinates into a ~1000-unit square; outside partners on a ring around it, in their direction
 * (their true place, an ocean away, would shrink the territory to a dot).
 */
function geoPositions(establishments: readonly Establishment[]): Map<string, { x: number; y: number }> {
  const located = establishments.filter((e) => !e.external && e.location?.lat !== undefined && e.location.lon !== undefined);
  const out = new Map<string, { x: number; y: number }>();
  if (located.length === 0) return out;
  const lats = located.map((e) => e.location!.lat!);
  const lons = located.map((e) => e.location!.lon!);
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const midLat = (minLat + maxLat) / 2;
  const midLon = (minLon + maxLon) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const span = Math.max((maxLon - minLon) * kx, maxLat - minLat, 1e-6);
  const scale = 1000 / span;
  for (const e of located) out.set(e.id, { x: (e.location!.lon! - midLon) * kx * scale, y: -(e.location!.lat! - midLat) * scale });
  const outside = establishments.filter((e) => e.external);
  outside.forEach((e, k) => {
    const lat = e.location?.lat;
    const lon = e.location?.lon;
    const angle = lat !== undefined && lon !== undefined ? Math.atan2(-(lat - midLat), (lon - midLon) * kx) : (2 * Math.PI * k) / Math.max(1, outside.length);
    out.set(e.id, { x: Math.cos(angle) * 750 + (k % 3) * 25, y: Math.sin(angle) * 750 + (k % 2) * 25 });
  });
  return out;
}

/** Stable colour of a sector name (a small palette, hashed). */
function sectorColour(sector: string | undefined): string {
  const palette = ['#2b6cb0', '#2f855a', '#b7791f', '#9b2c2c', '#6b46c1', '#2c7a7b', '#c05621', '#4a5568'];
  if (!sector) return '#718096';
  let h = 0;
  for (let i = 0; i < sector.length; i++) h = (h * 31 + sector.charCodeAt(i)) >>> 0;
  return palette[h % palette.length]!;
}

/**
 * The network view: establishments as nodes, flows as edges, drawn with cytoscape (loaded only
 * when the element becomes visible). Geographic, force-directed or by-sector layout; filters by flow
 * kind and scope; a searchable, keyboard-usable list that mirrors the canvas; the shared selection
 * highlighted with its upstream and downstream to `depth`; an overlay API for other widgets.
 *
 * @tag toile-network
 * @event toile-select - an establishment was chosen; `detail: { id }`.
 * @csspart canvas - the drawing area.
 * @csspart toolbar - zoom, export and filters.
 * @csspart list - the list of establishments (the keyboard and screen-reader view).
 * @csspart legend - the flow kinds legend.
 * @cssproperty --toile-network-height - height of the drawing (default 480px).
 */
export class ToileNetwork extends ToileElement {
  static override styles = [tokens, networkStyles];

  /** Id of the `<toile-data>` to use when not nested in it. */
  @property({ reflect: true }) source: string | null = null;
  /** `geo` (from coordinates), `force` or `sector`. */
  @property({ reflect: true }) layout: 'geo' | 'force' | 'sector' = 'geo';
  /** Upstream and downstream depth highlighted around the selection. */
  @property({ type: Number }) depth = 1;
  /** Show outside partners. */
  @property({ type: Boolean, attribute: 'show-external' }) showExternal = true;

  @state() private hiddenKinds = new Set<FlowKind>();
  @state() private search = '';
  @state() private announcement = '';
  @query('[part="canvas"]') private container!: HTMLDivElement;

  private readonly data = new DataController(this);
  private cy: Core | undefined;
  private visible = false;
  private observer: IntersectionObserver | undefined;
  private overlay: ReadonlyMap<string, number> | undefined;
  private renderedFor: unknown;

  /** The cytoscape instance, once drawn (for advanced use; undefined until visible). */
  get cytoscape(): Core | undefined {
    return this.cy;
  }

  /**
   * Paints a value in 0–1 on each establishment (a domino result, say): red intensity on the node.
   * Pass `undefined` to clear.
   */
  setOverlay(values: ReadonlyMap<string, number> | undefined): void {
    this.overlay = values;
    this.paintOverlay();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // cytoscape is fetched only once the element is on screen.
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        this.visible = true;
        this.observer?.disconnect();
        void this.draw();
      }
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.cy?.destroy();
    this.cy = undefined;
    this.renderedFor = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.visible) void this.draw();
    if (changed.has('layout') && this.cy) this.runLayout();
  }

  private async draw(): Promise<void> {
    const loaded = this.data.provider?.value;
    if (!loaded || !this.container) return;
    const key = `${String(this.showExternal)}|${[...this.hiddenKinds].join(',')}`;
    if (this.cy && this.renderedFor === loaded && this.cy.scratch('_toileKey') === key) {
      this.highlight();
      return;
    }
    const { default: cytoscape } = await import('cytoscape');
    if (!this.isConnected) return;
    this.cy?.destroy();
    const { document: doc } = loaded;
    const positions = geoPositions(doc.establishments);
    const shown = new Set<string>();
    const elements: ElementDefinition[] = [];
    for (const e of doc.establishments) {
      if (e.external && !this.showExternal) continue;
      shown.add(e.id);
      const position = positions.get(e.id);
      elements.push({
        group: 'nodes',
        data: { id: e.id, label: e.name, size: 14 + Math.sqrt(e.employees ?? 10) * 1.2, colour: sectorColour(e.sectors?.[0]), sector: e.sectors?.[0] ?? '' },
        classes: e.external ? 'external' : '',
        ...(position ? { position } : {}),
      });
    }
    for (const f of doc.flows) {
      if (!shown.has(f.from) || !shown.has(f.to) || this.hiddenKinds.has(f.kind)) continue;
      elements.push({ group: 'edges', data: { id: `flow:${f.id}`, source: f.from, target: f.to, colour: KIND_COLOURS[f.kind] }, classes: f.status && f.status !== 'active' ? 'inactive' : '' });
    }
    const styles = getComputedStyle(this);
    const text = styles.getPropertyValue('--_fg').trim() || '#1d2430';
    this.cy = cytoscape({
      container: this.container,
      elements,
      minZoom: 0.01,
      maxZoom: 6,
      textureOnViewport: doc.establishments.length > 2000,
      hideEdgesOnViewport: doc.flows.length > 5000,
      style: [
        { selector: 'node', style: { width: 'data(size)', height: 'data(size)', 'background-color': 'data(colour)', label: 'data(label)', 'font-size': 9, color: text, 'min-zoomed-font-size': 8, 'text-valign': 'bottom', 'text-margin-y': 2 } },
        { selector: 'node.external', style: { shape: 'diamond', 'background-opacity': 0.5, 'border-width': 1, 'border-style': 'dashed', 'border-color': '#718096' } },
        { selector: 'edge', style: { width: 1.2, 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.6, 'curve-style': 'bezier', opacity: 0.75 } },
        { selector: 'edge.inactive', style: { 'line-style': 'dashed', opacity: 0.4 } },
        { selector: '.faded', style: { opacity: 0.12 } },
        { selector: 'node.selected', style: { 'border-width': 3, 'border-color': '#111', 'z-index': 10 } },
      ],
      layout: { name: 'preset' },
    });
    this.cy.scratch('_toileKey', key);
    this.renderedFor = loaded;
    this.cy.on('tap', 'node', (event) => this.choose(event.target.id() as string));
    this.runLayout();
    this.paintOverlay();
    this.highlight();
  }

  private runLayout(): void {
    const cy = this.cy;
    if (!cy) return;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (this.layout === 'force') {
      cy.layout({ name: 'cose', animate: !reduced && cy.nodes().length < 500, randomize: false, nodeRepulsion: () => 8000 }).run();
    } else if (this.layout === 'sector') {
      // Sectors on a circle, their members in a grid around each sector's point.
      const sectors = [...new Set(cy.nodes().map((n) => n.data('sector') as string))].sort();
      const placed = new Map<string, number>();
      cy.layout({
        name: 'preset',
        positions: (node: { data: (k: string) => string }) => {
          const s = node.data('sector');
          const k = placed.get(s) ?? 0;
          placed.set(s, k + 1);
          const angle = (2 * Math.PI * sectors.indexOf(s)) / Math.max(1, sectors.length);
          return { x: Math.cos(angle) * 900 + (k % 6) * 40, y: Math.sin(angle) * 900 + Math.floor(k / 6) * 40 };
        },
      } as never).run();
    } else {
      // Located establishments keep their coordinates; the others line up below.
      let k = 0;
      cy.nodes().forEach((n) => {
        const e = this.data.provider?.value?.document.establishments[this.data.provider.value.index.nodeOf.get(n.id()) ?? -1];
        if (e?.location?.lat === undefined || e.location.lon === undefined) n.position({ x: (k++ % 20) * 30, y: 200 + Math.floor(k / 20) * 30 });
      });
      cy.fit(undefined, 20);
    }
  }

  private paintOverlay(): void {
    const cy = this.cy;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const v = this.overlay?.get(n.id());
        if (v === undefined) n.removeStyle('background-color');
        else n.style('background-color', `rgb(${Math.round(180 + 75 * v)}, ${Math.round(200 * (1 - v))}, ${Math.round(200 * (1 - v))})`);
      });
    });
  }

  /** Fades what is not within `depth` upstream or downstream of the selection. */
  private highlight(): void {
    const cy = this.cy;
    if (!cy) return;
    const id = this.data.provider?.selected;
    cy.batch(() => {
      cy.elements().removeClass('faded selected');
      if (!id) return;
      const node = cy.getElementById(id);
      if (node.empty()) return;
      let keep = node.union(node);
      let up = node.union(node);
      let down = node.union(node);
      for (let d = 0; d < this.depth; d++) {
        up = up.union(up.incomers());
        down = down.union(down.outgoers());
      }
      keep = keep.union(up).union(down);
      cy.elements().not(keep).addClass('faded');
      node.addClass('selected');
    });
  }

  private choose(id: string): void {
    this.emit('toile-select', { id });
    this.data.provider?.select(id);
    const e = this.data.provider?.value?.document.establishments[this.data.provider.value.index.nodeOf.get(id) ?? -1];
    this.announcement = e ? `${T.selected[this.language]} ${e.name}` : '';
  }

  private toggleKind(kind: FlowKind): void {
    const next = new Set(this.hiddenKinds);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    this.hiddenKinds = next;
  }

  private exportPng(): void {
    const blob = this.cy?.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as Blob | undefined;
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'toile.png';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  protected override render() {
    const lang = this.language;
    const loaded = this.data.provider?.value;
    const selected = this.data.provider?.selected;
    const needle = this.search.trim().toLowerCase();
    const list = loaded
      ? loaded.document.establishments.filter((e) => (this.showExternal || !e.external) && (!needle || e.name.toLowerCase().includes(needle)))
      : [];
    const degree = (id: string) => {
      const n = loaded?.index.nodeOf.get(id);
      if (n === undefined || !loaded) return 0;
      return loaded.index.outOffsets[n + 1]! - loaded.index.outOffsets[n]! + loaded.index.inOffsets[n + 1]! - loaded.index.inOffsets[n]!;
    };
    return html`<section aria-label=${T.label[lang]}>
      <div part="toolbar" class="toolbar">
        <button type="button" @click=${() => this.cy?.zoom(this.cy.zoom() * 1.25)} aria-label=${T.zoomIn[lang]}>+</button>
        <button type="button" @click=${() => this.cy?.zoom(this.cy.zoom() / 1.25)} aria-label=${T.zoomOut[lang]}>−</button>
        <button type="button" @click=${() => this.cy?.fit(undefined, 20)}>${T.fit[lang]}</button>
        <button type="button" @click=${() => this.exportPng()}>${T.png[lang]}</button>
        <label><input type="checkbox" .checked=${this.showExternal} @change=${(e: Event) => (this.showExternal = (e.target as HTMLInputElement).checked)} /> ${T.external[lang]}</label>
      </div>
      <div class="body">
        <div part="canvas" class="canvas" role="img" aria-label=${T.label[lang]}>${loaded ? nothing : html`<p>${T.loading[lang]}</p>`}</div>
        <div class="side">
          <label class="search">${T.search[lang]}<input type="search" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} /></label>
          <ul part="list" class="list" aria-label=${T.list[lang]}>
            ${list.slice(0, 500).map(
              (e) => html`<li>
                <button type="button" aria-pressed=${e.id === selected ? 'true' : 'false'} @click=${() => this.choose(e.id)}>${e.name}</button>
                <span class="degree">${degree(e.id)} ${T.links[lang]}</span>
              </li>`,
            )}
          </ul>
        </div>
      </div>
      <ul part="legend" class="legend">
        ${FLOW_KINDS.map(
          (k) => html`<li>
            <label><input type="checkbox" .checked=${!this.hiddenKinds.has(k)} @change=${() => this.toggleKind(k)} /><span class="swatch" style=${styleMap({ background: KIND_COLOURS[k] })}></span>${KIND_LABELS[k][lang]}</label>
          </li>`,
        )}
      </ul>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }
}
