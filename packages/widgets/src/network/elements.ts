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
 * What the drawing shows, one slot per establishment shown (after the filters) and per merged edge:
 * positions, sizes, classes and names of the establishments; parallel flows of one kind (and
 * activity) between two establishments merged into one edge. The small view turns it into cytoscape
 * elements as it is ({@link modelElements}); the large view aggregates it ({@link aggregateView}).
 */
export interface MapModel {
  readonly ids: readonly string[];
  readonly at: ReadonlyMap<string, number>;
  /** Positions in drawing units (the force layout moves them). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly size: Float32Array;
  readonly importance: Float32Array;
  /** Palette index of the first sector (−1 for outside partners). */
  readonly sector: Int16Array;
  readonly external: Uint8Array;
  readonly classes: readonly string[];
  readonly labels: readonly string[];
  readonly names: readonly string[];
  /** What large views aggregate by before the grid: commune (geo), sector or stage; 0 for all in the force layout. */
  readonly group: Int32Array;
  readonly groupNames: readonly string[];
  /** Whether the coarsest aggregated view is one cluster per group (the sector and chain layouts). */
  readonly groupFirst: boolean;
  /** Whether outside partners always group by their group alone (the map: one cluster per direction and place, on the rim). */
  readonly outsideByGroup: boolean;
  readonly edgeFrom: Uint32Array;
  readonly edgeTo: Uint32Array;
  readonly edgeValue: Float64Array;
  readonly edgeCount: Uint32Array;
  readonly edgeKind: Uint8Array;
  readonly edgeInactive: Uint8Array;
  /** The flows of each merged edge: `edgeFlowIds[edgeFlowOffsets[m] … edgeFlowOffsets[m + 1]]` (typed arrays: one array per edge would cost more than the rest on 400k flows). */
  readonly edgeFlowOffsets: Uint32Array;
  readonly edgeFlowIds: readonly string[];
  readonly edgeStep: Uint8Array;
  readonly widthBy: 'value' | 'count';
  readonly captions: Caption[];
}

/** What a drawing depends on besides its document: a change of key rebuilds it (and refits the view). */
export interface DrawKeyInput extends Pick<ElementOptions, 'layout' | 'sizeBy' | 'showExternal' | 'hiddenKinds' | 'hiddenStatuses' | 'hiddenSectors'> {
  renderer: string;
  basemap: string | null;
  /** The territory's id. */
  territory: string;
}

/** The key of a drawing: everything else only restyles it. */
export function drawKeyOf(o: DrawKeyInput): string {
  return [
    o.showExternal,
    [...o.hiddenKinds].join(),
    [...o.hiddenStatuses].join(),
    [...o.hiddenSectors].join(),
    o.sizeBy,
    o.renderer,
    o.layout,
    o.basemap ?? '',
    o.territory,
  ].join('|');
}

/** The drawing's model for a document and the element's options. */
export function networkModel(loaded: LoadedToile, o: ElementOptions): MapModel {
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
  const sizeOf = (n: number, external: boolean): number => {
    if (o.sizeBy === 'none') return external ? 22 : 18;
    if (o.sizeBy === 'value') return 12 + 40 * Math.sqrt(value[n]! / maxValue);
    return external ? 22 : 12 + Math.min(40, Math.sqrt(index.employees[n]! || 10) * 1.2);
  };
  const shownEstablishments = doc.establishments.filter(
    (e) => (!e.external || o.showExternal) && (e.external || !o.hiddenSectors.has(sectors.indexOf(e.sectors?.[0]))),
  );
  const count = shownEstablishments.length;
  const ids = shownEstablishments.map((e) => e.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  const flows = doc.flows.filter((f) => at.has(f.from) && at.has(f.to) && !o.hiddenKinds.has(f.kind) && !o.hiddenStatuses.has(f.status ?? 'active'));
  const { positions: placed, captions, groupOf } = placeAll(shownEstablishments, flows, loaded, o);
  const centre = centreOf(
    shownEstablishments
      .filter((e) => !e.external)
      .map((e) => placed.get(e.id))
      .filter((p): p is Point => p !== undefined),
  );
  const model = {
    ids,
    at,
    x: new Float64Array(count),
    y: new Float64Array(count),
    size: new Float32Array(count),
    importance: new Float32Array(count),
    sector: new Int16Array(count),
    external: new Uint8Array(count),
    classes: [] as string[],
    labels: [] as string[],
    names: [] as string[],
    group: new Int32Array(count),
    groupNames: [] as string[],
    groupFirst: o.layout === 'sector' || o.layout === 'chain',
    outsideByGroup: o.layout === 'geo',
    captions,
  };
  const groups = new Map<string, number>();
  shownEstablishments.forEach((e, i) => {
    const n = index.nodeOf.get(e.id)!;
    const preset = o.layout === 'force' ? o.positions?.[e.id] : undefined;
    const position = preset ?? placed.get(e.id) ?? { x: Number.NaN, y: Number.NaN };
    const s = sizeOf(n, !!e.external);
    const degree = index.outOffsets[n + 1]! - index.outOffsets[n]! + index.inOffsets[n + 1]! - index.inOffsets[n]!;
    const where = e.location?.city ?? e.location?.country;
    // Outside partners are named by their direction and place: their position on the rim says only that.
    const label =
      e.external && where && Number.isFinite(position.x) && o.layout === 'geo'
        ? `${arrowOf(Math.atan2(position.y - centre.y, position.x - centre.x))} ${where}`
        : e.name;
    const sector = e.external ? -1 : sectors.indexOf(e.sectors?.[0]);
    // Outside partners group by direction and place on the map ("↗ Anvers"), like their names.
    const groupName = e.external && o.layout === 'geo' ? label : groupOf(e);
    let g = groups.get(groupName);
    if (g === undefined) groups.set(groupName, (g = groups.size));
    model.x[i] = position.x;
    model.y[i] = position.y;
    model.size[i] = s;
    model.importance[i] = s + 3 * Math.sqrt(degree) - (e.external ? 20 : 0);
    model.sector[i] = sector;
    model.external[i] = e.external ? 1 : 0;
    // Classes rather than data mappers: cytoscape styles 25k elements ~30 % faster this way.
    model.classes.push(`c${sectors.indexOf(e.sectors?.[0])} s${sizeStep(s)}${e.external ? ' external' : ''}`);
    model.labels.push(label);
    model.names.push(e.name);
    model.group[i] = g;
  });
  model.groupNames.push(...groups.keys());
  return { ...model, ...mergeFlows(flows, at) };
}

/** Parallel flows of one kind (and activity) between two establishments as one edge, with its width step. */
function mergeFlows(
  flows: LoadedToile['document']['flows'],
  at: ReadonlyMap<string, number>,
): Pick<
  MapModel,
  'edgeFrom' | 'edgeTo' | 'edgeValue' | 'edgeCount' | 'edgeKind' | 'edgeInactive' | 'edgeFlowOffsets' | 'edgeFlowIds' | 'edgeStep' | 'widthBy'
> {
  // Flows grouped by source first (a counting sort), then merged per source on a small integer key
  // (target, kind, activity): one Map keyed by the whole quadruple costs seconds on 400k flows.
  const n = at.size;
  const kinds = FLOW_KINDS.length * 2;
  const source = new Int32Array(flows.length);
  const offsets = new Int32Array(n + 1);
  flows.forEach((f, k) => offsets[(source[k] = at.get(f.from)!) + 1]!++);
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const bySource = new Int32Array(flows.length);
  const fill = offsets.slice(0, n);
  for (let k = 0; k < flows.length; k++) bySource[fill[source[k]!]!++] = k;
  const from: number[] = [];
  const to: number[] = [];
  const kind: number[] = [];
  const inactiveOf: number[] = [];
  const value: number[] = [];
  const counts: number[] = [];
  const edgeOfFlow = new Int32Array(flows.length);
  const merged = new Map<number, number>();
  for (let a = 0; a < n; a++) {
    if (offsets[a] === offsets[a + 1]) continue;
    merged.clear();
    for (let j = offsets[a]!; j < offsets[a + 1]!; j++) {
      const k = bySource[j]!;
      const f = flows[k]!;
      const inactive = (f.status ?? 'active') !== 'active' ? 1 : 0;
      const b = at.get(f.to)!;
      const kindIndex = FLOW_KINDS.indexOf(f.kind);
      const key = b * kinds + kindIndex * 2 + inactive;
      let m = merged.get(key);
      if (m === undefined) {
        merged.set(key, (m = from.length));
        from.push(a);
        to.push(b);
        kind.push(kindIndex);
        inactiveOf.push(inactive);
        value.push(0);
        counts.push(0);
      }
      edgeOfFlow[k] = m;
      counts[m]!++;
      value[m]! += Number.isFinite(f.valueEur) ? f.valueEur! : 0;
    }
  }
  // The flows of each edge, in document order.
  const edgeFlowOffsets = new Uint32Array(counts.length + 1);
  for (let m = 0; m < counts.length; m++) edgeFlowOffsets[m + 1] = edgeFlowOffsets[m]! + counts[m]!;
  const next = edgeFlowOffsets.slice(0, counts.length);
  const edgeFlowIds: string[] = new Array<string>(flows.length);
  for (let k = 0; k < flows.length; k++) edgeFlowIds[next[edgeOfFlow[k]!]!++] = flows[k]!.id;
  const widthBy = value.some((v) => v > 0) ? 'value' : 'count';
  const measureOf = (m: number) => (widthBy === 'value' ? value[m]! : counts[m]!);
  let maxMeasure = 0;
  for (let m = 0; m < from.length; m++) maxMeasure = Math.max(maxMeasure, measureOf(m));
  maxMeasure ||= 1;
  const step = new Uint8Array(from.length);
  for (let m = 0; m < from.length; m++) step[m] = Math.min(WIDTH_STEPS - 1, Math.floor(Math.sqrt(measureOf(m) / maxMeasure) * WIDTH_STEPS));
  return {
    edgeFrom: Uint32Array.from(from),
    edgeTo: Uint32Array.from(to),
    edgeValue: Float64Array.from(value),
    edgeCount: Uint32Array.from(counts),
    edgeKind: Uint8Array.from(kind),
    edgeInactive: Uint8Array.from(inactiveOf),
    edgeFlowOffsets,
    edgeFlowIds,
    edgeStep: step,
    widthBy,
  };
}

/** A node of the model as a cytoscape element. */
export function nodeElement(model: MapModel, i: number): ElementDefinition {
  const x = model.x[i]!;
  const y = model.y[i]!;
  return {
    group: 'nodes',
    data: { id: model.ids[i]!, label: model.labels[i]!, name: model.names[i]!, size: model.size[i]!, importance: model.importance[i]! },
    classes: model.classes[i]!,
    ...(Number.isFinite(x) && Number.isFinite(y) ? { position: { x, y } } : {}),
  };
}

/** A merged edge of the model as a cytoscape element. */
export function edgeElement(model: MapModel, m: number): ElementDefinition {
  const flows = model.edgeFlowIds.slice(model.edgeFlowOffsets[m], model.edgeFlowOffsets[m + 1]);
  return {
    group: 'edges',
    data: {
      id: `flow:${flows[0]}`,
      source: model.ids[model.edgeFrom[m]!]!,
      target: model.ids[model.edgeTo[m]!]!,
      flows,
      count: flows.length,
      value: model.edgeValue[m]!,
    },
    classes: `k-${FLOW_KINDS[model.edgeKind[m]!]} w${model.edgeStep[m]}${model.edgeInactive[m] ? ' inactive' : ''}`,
  };
}

/** Every establishment and merged edge of the model as cytoscape elements (the small view). */
export function modelElements(model: MapModel): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (let i = 0; i < model.ids.length; i++) elements.push(nodeElement(model, i));
  for (let m = 0; m < model.edgeFrom.length; m++) elements.push(edgeElement(model, m));
  return elements;
}

/** Positions and captions of the chosen layout (the force layout starts from the map). */
function placeAll(
  establishments: readonly Establishment[],
  flows: LoadedToile['document']['flows'],
  loaded: LoadedToile,
  o: ElementOptions,
): { positions: Map<string, Point>; captions: Caption[]; groupOf: (e: Establishment) => string } {
  const lang = o.language;
  const territory = loaded.document.territory;
  if (o.layout === 'sector') {
    const sectorOf = (e: Establishment) => (e.external ? CAPTIONS.external[lang] : (e.sectors?.[0] ?? '—'));
    return { ...sectorPositions(establishments, sectorOf), groupOf: sectorOf };
  }
  if (o.layout === 'chain') {
    const stages = chainStages(establishments, flows);
    const stageOf = (e: Establishment) => CAPTIONS[(stages.stage.get(e.id) ?? 'none') as ChainStage][lang];
    return { ...chainPositions(establishments, stages, CHAIN_STAGES, (stage, count) => `${CAPTIONS[stage as ChainStage][lang]} (${count})`), groupOf: stageOf };
  }
  const projection = o.projection ?? territoryProjection(loaded.document.establishments, territory);
  const positions = geoPositions(establishments, projection, territory);
  // The map aggregates by commune (then by grid cell); the force layout by grid cell alone.
  const communeOf = (e: Establishment) => (e.external ? CAPTIONS.external[lang] : (e.location?.city ?? e.location?.insee ?? ''));
  return { positions, captions: o.layout === 'geo' ? placeCaptions(territory, projection) : [], groupOf: o.layout === 'geo' ? communeOf : () => '' };
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
    {
      selector: 'node.external',
      style: {
        shape: 'diamond',
        'background-color': EXTERNAL,
        'background-opacity': 0.35,
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': EXTERNAL,
      },
    },
    // Under an overlay, sector colours step back: the overlay's own scale is the only colour.
    ...(neutral ? [{ selector: 'node', style: { 'background-color': NEUTRAL } }] : []),
    large
      ? { selector: 'edge', style: { width: 0.8, 'curve-style': 'haystack', 'haystack-radius': 0, opacity: 0.6 } }
      : { selector: 'edge', style: { width: 1.5, 'target-arrow-shape': 'triangle', 'arrow-scale': 1.1, 'curve-style': 'bezier', opacity: 0.8 } },
    ...(large ? [] : Array.from({ length: WIDTH_STEPS }, (_, k) => ({ selector: `edge.w${k}`, style: { width: edgeWidth(k) } }))),
    ...FLOW_KINDS.map((k) => ({ selector: `edge.k-${k}`, style: { 'line-color': KIND_COLOURS[k], 'target-arrow-color': KIND_COLOURS[k] } })),
    { selector: 'edge.inactive', style: { 'line-style': 'dashed', opacity: 0.45 } },
    // Clusters of the aggregated view (aggregate.ts): a disc by count, a ring in the background colour.
    { selector: 'node.cluster', style: { width: 'data(size)', height: 'data(size)', 'border-width': 2, 'border-color': bg, 'background-opacity': 0.8 } },
    { selector: 'node.cluster.external', style: { shape: 'diamond' } },
    ...Array.from({ length: WIDTH_STEPS }, (_, k) => ({ selector: `edge.aggregate.w${k}`, style: { width: 0.8 + 0.9 * k, opacity: 0.5 } })),
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
