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

/** The outline's rings as [lon, lat] pairs (Polygon or MultiPolygon); empty when there is none. */
export function outlineRings(territory?: Territory): [number, number][][] {
  const outline = territory?.outline as { type?: string; coordinates?: unknown } | undefined;
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

/**
 * Positions for the geographic layout: establishments of the territory at their projected
 * coordinates; outside partners on a ring around it, in their direction (their true place, an ocean
 * away, would shrink the territory to a dot); the rest in a grid below.
 */
export function geoPositions(establishments: readonly Establishment[], projection: Projection | undefined): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  let outside = 0;
  let unplaced = 0;
  const outsideCount = establishments.reduce((n, e) => n + (e.external ? 1 : 0), 0);
  for (const e of establishments) {
    const { lat, lon } = e.location ?? {};
    if (!e.external && projection && lat !== undefined && lon !== undefined) {
      out.set(e.id, projection.project(lon, lat));
    } else if (e.external) {
      const k = outside++;
      const angle =
        projection && lat !== undefined && lon !== undefined
          ? Math.atan2(-(lat - projection.midLat), (lon - projection.midLon) * projection.kx)
          : (2 * Math.PI * k) / Math.max(1, outsideCount);
      out.set(e.id, { x: Math.cos(angle) * (750 + (k % 3) * 30), y: Math.sin(angle) * (750 + (k % 3) * 30) });
    } else {
      const k = unplaced++;
      out.set(e.id, { x: -500 + (k % 40) * 25, y: 900 + Math.floor(k / 40) * 25 });
    }
  }
  return out;
}

/** Sectors on a circle, their members in a small grid around each sector's point. */
export function sectorPositions(establishments: readonly Establishment[]): Map<string, { x: number; y: number }> {
  const sectors = [...new Set(establishments.map((e) => e.sectors?.[0] ?? ''))].sort();
  const slot = new Map(sectors.map((s, i) => [s, i]));
  const placed = new Map<string, number>();
  const radius = 300 + 60 * sectors.length;
  const out = new Map<string, { x: number; y: number }>();
  for (const e of establishments) {
    const s = e.sectors?.[0] ?? '';
    const k = placed.get(s) ?? 0;
    placed.set(s, k + 1);
    const angle = (2 * Math.PI * slot.get(s)!) / Math.max(1, sectors.length);
    const side = 6 + Math.floor(Math.sqrt(k));
    out.set(e.id, { x: Math.cos(angle) * radius + (k % side) * 28, y: Math.sin(angle) * radius + Math.floor(k / side) * 28 });
  }
  return out;
}

/** An SVG path (`d`) for the outline in drawing units. */
export function outlinePath(territory: Territory | undefined, projection: Projection | undefined): string {
  if (!projection) return '';
  return outlineRings(territory)
    .map((ring) => ring.map(([lon, lat], i) => {
      const p = projection.project(lon, lat);
      return `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
    }).join('') + 'Z')
    .join('');
}
