import type { Establishment, Territory } from '@toile/schema';

/** A flat projection of longitude/latitude into drawing units (equirectangular around the territory). */
export interface Projection {
  project(lon: number, lat: number): { x: number; y: number };
  readonly midLat: number;
  readonly midLon: number;
  readonly kx: number;
}

/** Equirectangular is enough at the scale of a territory (tens of km); a map library would be ~100 KB. */
export function territoryProjection(establishments: readonly Establishment[], territory?: Territory): Projection | undefined {
  const lats: number[] = [];
  const lons: number[] = [];
  for (const e of establishments) {
    if (e.external || e.location?.lat === undefined || e.location.lon === undefined) continue;
    lats.push(e.location.lat);
    lons.push(e.location.lon);
  }
  for (const [lon, lat] of outlineRings(territory).flat()) {
    lats.push(lat);
    lons.push(lon);
  }
  if (lats.length === 0) return undefined;
  let [minLat, maxLat, minLon, maxLon] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < lats.length; i++) {
    minLat = Math.min(minLat, lats[i]!);
    maxLat = Math.max(maxLat, lats[i]!);
    minLon = Math.min(minLon, lons[i]!);
    maxLon = Math.max(maxLon, lons[i]!);
  }
  const midLat = (minLat + maxLat) / 2;
  const midLon = (minLon + maxLon) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const span = Math.max((maxLon - minLon) * kx, maxLat - minLat, 1e-6);
  const scale = 1000 / span;
  return { midLat, midLon, kx, project: (lon, lat) => ({ x: (lon - midLon) * kx * scale, y: -(lat - midLat) * scale }) };
}

/** The outline's rings as [lon, lat] pairs (`geometry`, else the older `outline`); empty when there is none. */
export function outlineRings(territory?: Territory): [number, number][][] {
  const outline = (territory?.geometry ?? territory?.outline) as { type?: string; coordinates?: unknown } | undefined;
  if (!outline || !Array.isArray(outline.coordinates)) return [];
  const polygons = (outline.type === 'MultiPolygon' ? outline.coordinates : [outline.coordinates]) as unknown[][];
  const rings: [number, number][][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    for (const ring of polygon) {
      if (!Array.isArray(ring)) continue;
      const points = ring.filter((p): p is [number, number] => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]));
      if (points.length > 2) rings.push(points);
    }
  }
  return rings;
}

/** A point in drawing units. */
export interface Point {
  x: number;
  y: number;
}

/** A caption drawn on the map at a point in drawing units (a place, a group, a column). */
export interface Caption extends Point {
  text: string;
  /** `place` (a town or a port), `group` (a sector block), `column` (a chain stage), `direction` (outside partners). */
  kind: 'place' | 'group' | 'column' | 'direction';
}

/**
 * Positions for the geographic layout: establishments of the territory at their projected
 * coordinates; outside partners on a ring just outside the territory's frame, in their direction
 * (their true place, an ocean away, would shrink the territory to a dot), so that fitting the view to
 * every node fits the territory; establishments without coordinates in a row below.
 */
export function geoPositions(establishments: readonly Establishment[], projection: Projection | undefined, territory?: Territory): Map<string, Point> {
  const out = new Map<string, Point>();
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  const unplaced: string[] = [];
  const outside: { id: string; angle: number }[] = [];
  for (const e of establishments) {
    const { lat, lon } = e.location ?? {};
    if (!e.external && projection && lat !== undefined && lon !== undefined) {
      const p = projection.project(lon, lat);
      out.set(e.id, p);
      [x1, y1, x2, y2] = [Math.min(x1, p.x), Math.min(y1, p.y), Math.max(x2, p.x), Math.max(y2, p.y)];
    } else if (e.external) {
      const angle =
        projection && lat !== undefined && lon !== undefined ? Math.atan2(-(lat - projection.midLat), (lon - projection.midLon) * projection.kx) : NaN;
      outside.push({ id: e.id, angle });
    } else unplaced.push(e.id);
  }
  // The rim goes round the outline too: partners stay outside the drawn territory.
  if (projection) {
    for (const [lon, lat] of outlineRings(territory).flat()) {
      const p = projection.project(lon, lat);
      [x1, y1, x2, y2] = [Math.min(x1, p.x), Math.min(y1, p.y), Math.max(x2, p.x), Math.max(y2, p.y)];
    }
  }
  if (!Number.isFinite(x1)) [x1, y1, x2, y2] = [-500, -500, 500, 500];
  const margin = Math.max(40, 0.06 * Math.max(x2 - x1, y2 - y1));
  const frame = { x1: x1 - margin, y1: y1 - margin, x2: x2 + margin, y2: y2 + margin };
  outside.forEach((o, k) => {
    if (Number.isNaN(o.angle)) o.angle = (2 * Math.PI * k) / outside.length;
  });
  for (const [id, p] of spreadOnFrame(outside, frame, 34)) out.set(id, p);
  unplaced.forEach((id, k) => out.set(id, { x: x1 + (k % 30) * 30, y: frame.y2 + 60 + Math.floor(k / 30) * 30 }));
  return out;
}

/** Points on a rectangle's border in the given directions, nudged apart to at least `gap` along it. */
function spreadOnFrame(
  items: readonly { id: string; angle: number }[],
  frame: { x1: number; y1: number; x2: number; y2: number },
  gap: number,
): [string, Point][] {
  const cx = (frame.x1 + frame.x2) / 2;
  const cy = (frame.y1 + frame.y2) / 2;
  const w = frame.x2 - frame.x1;
  const h = frame.y2 - frame.y1;
  const perimeter = 2 * (w + h);
  // Distance along the border, clockwise from the top-left corner.
  const along = (angle: number): number => {
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    const t = Math.min(dx ? w / 2 / Math.abs(dx) : Infinity, dy ? h / 2 / Math.abs(dy) : Infinity);
    const x = cx + dx * t - frame.x1;
    const y = cy + dy * t - frame.y1;
    if (y <= 1e-6) return x;
    if (x >= w - 1e-6) return w + y;
    if (y >= h - 1e-6) return w + h + (w - x);
    return 2 * w + h + (h - y);
  };
  const placed = items.map((o) => ({ id: o.id, s: along(o.angle) })).sort((a, b) => a.s - b.s);
  for (let i = 1; i < placed.length; i++) placed[i]!.s = Math.max(placed[i]!.s, placed[i - 1]!.s + gap);
  return placed.map(({ id, s }) => {
    const d = ((s % perimeter) + perimeter) % perimeter;
    if (d < w) return [id, { x: frame.x1 + d, y: frame.y1 }];
    if (d < w + h) return [id, { x: frame.x2, y: frame.y1 + d - w }];
    if (d < 2 * w + h) return [id, { x: frame.x2 - (d - w - h), y: frame.y2 }];
    return [id, { x: frame.x1, y: frame.y2 - (d - 2 * w - h) }];
  });
}

/** The territory's named places (towns, ports) in drawing units. */
export function placeCaptions(territory: Territory | undefined, projection: Projection | undefined): Caption[] {
  if (!projection) return [];
  return (territory?.places ?? []).map((p) => ({ ...projection.project(p.lon, p.lat), text: p.name, kind: 'place' as const }));
}

/** Cell size of the block and column layouts, in drawing units. */
const CELL = 44;

/**
 * Sectors as labelled blocks (most establishments first, left to right in rows), each a small grid
 * of its members; returns the positions and a caption above each block.
 */
export function sectorPositions(
  establishments: readonly Establishment[],
  sectorOf: (e: Establishment) => string = (e) => e.sectors?.[0] ?? '',
): { positions: Map<string, Point>; captions: Caption[] } {
  const groups = new Map<string, Establishment[]>();
  for (const e of establishments) {
    const s = sectorOf(e);
    let g = groups.get(s);
    if (!g) groups.set(s, (g = []));
    g.push(e);
  }
  const ordered = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'fr'));
  const rowWidth = Math.max(8, Math.ceil(Math.sqrt(establishments.length) * 1.8)) * CELL;
  const positions = new Map<string, Point>();
  const captions: Caption[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const [sector, members] of ordered) {
    // At least four cells wide, so that the block's caption has room above it.
    const side = Math.max(4, Math.ceil(Math.sqrt(members.length)));
    const width = side * CELL;
    const height = Math.ceil(members.length / side) * CELL;
    if (x > 0 && x + width > rowWidth) {
      x = 0;
      y += rowHeight + 2 * CELL;
      rowHeight = 0;
    }
    members.forEach((e, k) => positions.set(e.id, { x: x + (k % side) * CELL, y: y + Math.floor(k / side) * CELL }));
    captions.push({ x: x + ((side - 1) * CELL) / 2, y: y - CELL * 1.1, text: sector, kind: 'group' });
    x += width + CELL;
    rowHeight = Math.max(rowHeight, height);
  }
  return { positions, captions };
}

/**
 * The chain layout: one column per stage (sources, processing, users, recovery, then the
 * establishments outside any chain), each a grid ordered by depth along the flows; a stage without
 * establishments keeps its (empty) column, so a missing link of the filière shows as a gap.
 */
export function chainPositions(
  establishments: readonly Establishment[],
  stages: { stage: ReadonlyMap<string, string>; depth: ReadonlyMap<string, number> },
  order: readonly string[],
  titles: (stage: string, count: number) => string,
): { positions: Map<string, Point>; captions: Caption[] } {
  const rows = Math.max(6, Math.ceil(Math.sqrt(establishments.length) * 1.2));
  const byStage = new Map<string, Establishment[]>(order.map((s) => [s, []]));
  for (const e of establishments) byStage.get(stages.stage.get(e.id) ?? 'none')?.push(e);
  const positions = new Map<string, Point>();
  const captions: Caption[] = [];
  let x = 0;
  for (const stage of order) {
    const members = byStage
      .get(stage)!
      .sort((a, b) => (stages.depth.get(a.id) ?? 0) - (stages.depth.get(b.id) ?? 0) || (a.sectors?.[0] ?? '').localeCompare(b.sectors?.[0] ?? '', 'fr'));
    const columns = Math.max(1, Math.ceil(members.length / rows));
    members.forEach((e, k) => positions.set(e.id, { x: x + Math.floor(k / rows) * CELL, y: (k % rows) * CELL }));
    captions.push({ x: x + ((columns - 1) * CELL) / 2, y: -CELL * 1.2, text: titles(stage, members.length), kind: 'column' });
    x += columns * CELL + 4 * CELL;
  }
  return { positions, captions };
}

/** An SVG path (`d`) for the outline in drawing units. */
export function outlinePath(territory: Territory | undefined, projection: Projection | undefined): string {
  if (!projection) return '';
  return outlineRings(territory)
    .map(
      (ring) =>
        ring
          .map(([lon, lat], i) => {
            const p = projection.project(lon, lat);
            return `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
          })
          .join('') + 'Z',
    )
    .join('');
}

/**
 * The zoom and pan that fit a bounding box and the captions' points in a view of the given size:
 * room for half a caption on each side and a line of text under the topmost one; never closer than
 * 2× (a handful of nodes would fill the screen). Undefined for an empty box.
 */
export function fitView(
  box: { x1: number; y1: number; x2: number; y2: number },
  captions: readonly Point[],
  width: number,
  height: number,
): { zoom: number; pan: Point } | undefined {
  let { x1, y1, x2, y2 } = box;
  for (const c of captions) [x1, y1, x2, y2] = [Math.min(x1, c.x), Math.min(y1, c.y), Math.max(x2, c.x), Math.max(y2, c.y)];
  if (!Number.isFinite(x1) || !Number.isFinite(x2)) return undefined;
  const pad = 24;
  const padX = captions.length ? 70 : pad;
  const zoom = Math.min(2, (width - 2 * padX) / Math.max(1, x2 - x1), (height - 2 * pad - 20) / Math.max(1, y2 - y1));
  return { zoom, pan: { x: width / 2 - ((x1 + x2) / 2) * zoom, y: (height + 20) / 2 - ((y1 + y2) / 2) * zoom } };
}
