import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import { FLOW_KINDS, type Establishment, type FlowKind, type FlowStatus } from '@toile/schema';
import { KIND_COLOURS } from '../base/kinds.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { chainPositions, geoPositions, placeCaptions, sectorPositions, territoryProjection, type Caption, type Point, type Projection } from './geo.ts';
import { CHAIN_STAGES, chainStages, type ChainStage } from './chain.ts';
import { EXTERNAL, NEUTRAL, SECTOR_PALETTE, type SectorColours } from './palette.ts';

/** Captions the layouts draw (French and English). */
const CAPTIONS = {
  external: { fr: 'Partenaires extérieurs', en: 'Outside partners' },
  source: { fr: 'Sources', en: 'Sources' },
  processing: { fr: 'Transformation', en: 'Processing' },
  user: { fr: 'Utilisateurs', en: 'Users' },
  recovery: { fr: 'Valorisation', en: 'Recovery' },
  none: { fr: 'Hors chaîne', en: 'Outside the chain' },
} as const;

/** Node sizes come in ten steps: a class per step styles faster than a per-node data mapper. */
const SIZE_STEPS = 10;
const sizeStep = (size: number) => Math.max(0, Math.min(SIZE_STEPS - 1, Math.round((size - 10) / 4.5)));
/** Edge widths come in six steps (by value, or by number of flows when no value is known). */
const WIDTH_STEPS = 6;
const edgeWidth = (step: number) => 1.5 + 1.3 * step;

/** Direction of an outside partner as an arrow, from its angle on the rim (screen y points down). */
const ARROWS = ['→', '↘', '↓', '↙', '←', '↖', '↑', '↗'];
const arrowOf = (angle: number) => ARROWS[((Math.round(angle / (Math.PI / 4)) % 8) + 8) % 8]!;

/** What the drawing shows: the element's layout, sizes and filters. */
export interface ElementOptions {
  layout: 'geo' | 'force' | 'sector' | 'chain';
  sizeBy: 'employees' | 'value' | 'none';
  showExternal: boolean;
  hiddenKinds: ReadonlySet<FlowKind>;
  hiddenStatuses: ReadonlySet<FlowStatus>;
  hiddenSectors: ReadonlySet<number>;
  positions: Readonly<Record<string, Point>> | undefined;
  /** The geographic layout's projection when not the default (the basemap's Web Mercator). */
  projection?: Projection | undefined;
  language: 'fr' | 'en';
  sectors: SectorColours;
}

/**
 * cytoscape's elements for a document: establishments placed by the layout, sized and coloured
 * (classes, not data mappers), parallel flows of one kind merged into one edge, width by value (or by
 * number of flows when no value is known); also the layout's captions.
 */
export function networkElements(loaded: LoadedToile, o: ElementOptions): { elements: ElementDefinition[]; captions: Caption[]; widthBy: 'value' | 'count'; shown: Set<string> } {
  const { document: doc, index } = loaded;
  const { sectors } = o;
  // Exchanged value per establishment, from the index (no pass over the document's flows).
  const value = new Float64Array(index.nodeCount);
  for (let k = 0; k < index.edgeCount; k++) {
    const v = index.edgeValue[k]!;
    if (!Number.isFinite(v)) continue;
    value[index.edgeSource[k]!]! += v;
    value[index.edgeTarget[k]!]! += v;
  }
  const maxValue = value.reduce((m, v) => Math.max(m, v), 0) || 1;
  const size = (n: number, external: boolean): number => {
    if (o.sizeBy === 'none') return external ? 22 : 18;
    if (o.sizeBy === 'value') return 12 + 40 * Math.sqrt(value[n]! / maxValue);
    return external ? 22 : 12 + Math.min(40, Math.sqrt(index.employees[n]! || 10) * 1.2);
  };
  const shownEstablishments = doc.establishments.filter((e) => (!e.external || o.showExternal) && (e.external || !o.hiddenSectors.has(sectors.indexOf(e.sectors?.[0]))));
  const shown = new Set(shownEstablishments.map((e) => e.id));
  const flows = doc.flows.filter((f) => shown.has(f.from) && shown.has(f.to) && !o.hiddenKinds.has(f.kind) && !o.hiddenStatuses.has(f.status ?? 'active'));
  const { positions: placed, captions } = placeAll(shownEstablishments, flows, loaded, o);
  const centre = centreOf(shownEstablishments.filter((e) => !e.external).map((e) => placed.get(e.id)).filter((p): p is Point => p !== undefined));
  const elements: ElementDefinition[] = [];
  for (const e of shownEstablishments) {
    const n = index.nodeOf.get(e.id)!;
    const preset = o.layout === 'force' ? o.positions?.[e.id] : undefined;
    const position = preset ?? placed.get(e.id);
    const s = size(n, !!e.external);
    const degree = index.outOffsets[n + 1]! - index.outOffsets[n]! + index.inOffsets[n + 1]! - index.inOffsets[n]!;
    const where = e.location?.city ?? e.location?.country;
    // Outside partners are named by their direction and place: their position on the rim says only that.
    const label = e.external && where && position && o.layout === 'geo' ? `${arrowOf(Math.atan2(position.y - centre.y, position.x - centre.x))} ${where}` : e.name;
    elements.push({
      group: 'nodes',
      data: { id: e.id, label, name: e.name, size: s, importance: s + 3 * Math.sqrt(degree) - (e.external ? 20 : 0) },
      // Classes rather than data mappers: cytoscape styles 25k elements ~30 % faster this way.
      classes: `c${sectors.indexOf(e.sectors?.[0])} s${sizeStep(s)}${e.external ? ' external' : ''}`,
      ...(position ? { position: { x: position.x, y: position.y } } : {}),
    });
  }
  // Parallel flows of one kind (and activity) between two establishments are one edge.
  const merged = new Map<string, { from: string; to: string; kind: FlowKind; inactive: boolean; ids: string[]; value: number }>();
  for (const f of flows) {
    const inactive = (f.status ?? 'active') !== 'active';
    const k = `${f.from}\u0000${f.to}\u0000${f.kind}\u0000${inactive ? 1 : 0}`;
    let m = merged.get(k);
    if (!m) merged.set(k, (m = { from: f.from, to: f.to, kind: f.kind, inactive, ids: [], value: 0 }));
    m.ids.push(f.id);
    m.value += Number.isFinite(f.valueEur) ? f.valueEur! : 0;
  }
  const edges = [...merged.values()];
  const widthBy = edges.some((m) => m.value > 0) ? 'value' : 'count';
  const measureOf = (m: (typeof edges)[number]) => (widthBy === 'value' ? m.value : m.ids.length);
  const maxMeasure = edges.reduce((x, m) => Math.max(x, measureOf(m)), 0) || 1;
  for (const m of edges) {
    const step = Math.min(WIDTH_STEPS - 1, Math.floor(Math.sqrt(measureOf(m) / maxMeasure) * WIDTH_STEPS));
    elements.push({ group: 'edges', data: { id: `flow:${m.ids[0]}`, source: m.from, target: m.to, flows: m.ids, count: m.ids.length, value: m.value }, classes: `k-${m.kind} w${step}${m.inactive ? ' inactive' : ''}` });
  }
  return { elements, captions, widthBy, shown };
}

/** Positions and captions of the chosen layout (the force layout starts from the map). */
function placeAll(establishments: readonly Establishment[], flows: LoadedToile['document']['flows'], loaded: LoadedToile, o: ElementOptions): { positions: Map<string, Point>; captions: Caption[] } {
  const lang = o.language;
  const territory = loaded.document.territory;
  if (o.layout === 'sector') {
    return sectorPositions(establishments, (e) => (e.external ? CAPTIONS.external[lang] : (e.sectors?.[0] ?? '—')));
  }
  if (o.layout === 'chain') {
    const stages = chainStages(establishments, flows);
    return chainPositions(establishments, stages, CHAIN_STAGES, (stage, count) => `${CAPTIONS[stage as ChainStage][lang]} (${count})`);
  }
  const projection = o.projection ?? territoryProjection(loaded.document.establishments, territory);
  const positions = geoPositions(establishments, projection, territory);
  return { positions, captions: o.layout === 'geo' ? placeCaptions(territory, projection) : [] };
}

/** The canvas style, read from the element's tokens; `overlay`: sector colours step back to neutral. */
export function networkStylesheet(styles: CSSStyleDeclaration, large: boolean, overlay: boolean): StylesheetJson {
  const text = styles.getPropertyValue('--_fg').trim() || '#1d2430';
  const bg = styles.getPropertyValue('--_bg').trim() || '#ffffff';
  const neutral = overlay && !large;
  return [
    // Names are drawn by the label layer in screen pixels; the canvas carries no text.
    // A thin ring in the background colour separates touching discs; large networks skip it (a stroke per node per frame).
    { selector: 'node', style: { width: 16, height: 16, color: text, ...(large ? {} : { 'border-width': 1, 'border-color': bg }) } },
    ...SECTOR_PALETTE.map((colour, i) => ({ selector: `node.c${i}`, style: { 'background-color': colour } })),
    ...Array.from({ length: SIZE_STEPS }, (_, k) => ({ selector: `node.s${k}`, style: { width: 10 + 4.5 * k, height: 10 + 4.5 * k } })),
    { selector: 'node.external', style: { shape: 'diamond', 'background-color': EXTERNAL, 'background-opacity': 0.35, 'border-width': 2, 'border-style': 'dashed', 'border-color': EXTERNAL } },
    // Under an overlay, sector colours step back: the overlay's own scale is the only colour.
    ...(neutral ? [{ selector: 'node', style: { 'background-color': NEUTRAL } }] : []),
    large
      ? { selector: 'edge', style: { width: 0.8, 'curve-style': 'haystack', 'haystack-radius': 0, opacity: 0.6 } }
      : { selector: 'edge', style: { width: 1.5, 'target-arrow-shape': 'triangle', 'arrow-scale': 1.1, 'curve-style': 'bezier', opacity: 0.8 } },
    ...(large ? [] : Array.from({ length: WIDTH_STEPS }, (_, k) => ({ selector: `edge.w${k}`, style: { width: edgeWidth(k) } }))),
    ...FLOW_KINDS.map((k) => ({ selector: `edge.k-${k}`, style: { 'line-color': KIND_COLOURS[k], 'target-arrow-color': KIND_COLOURS[k] } })),
    { selector: 'edge.inactive', style: { 'line-style': 'dashed', opacity: 0.45 } },
    { selector: 'node.faded', style: { opacity: 0.3 } },
    { selector: 'edge.faded', style: { opacity: 0.08 } },
    { selector: 'node.highlighted, node.selected', style: { 'z-index': 10 } },
  ] as StylesheetJson;
}

/** The mean of some points (the territory's middle, for the outside partners' arrows). */
function centreOf(points: readonly Point[]): Point {
  if (!points.length) return { x: 0, y: 0 };
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
  }
  return { x: x / points.length, y: y / points.length };
}
