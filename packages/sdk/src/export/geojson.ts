import type { ToileDocument } from '@toile/schema';
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, attributeValues } from './attributes.ts';

/** A GeoJSON Feature of the export. */
export interface ToileFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | { type: 'LineString'; coordinates: [number, number][] };
  properties: Record<string, string | number | boolean>;
}

/** The GeoJSON export: a FeatureCollection (serialise it with `JSON.stringify`). */
export interface ToileFeatureCollection {
  type: 'FeatureCollection';
  features: ToileFeature[];
}

/**
 * GeoJSON (QGIS, uMap): located establishments as Points, flows between two located
 * establishments as LineStrings (RFC 7946: [longitude, latitude]). Unlocated records are left out.
 */
export function toGeoJson(doc: ToileDocument): ToileFeatureCollection {
  const features: ToileFeature[] = [];
  const where = new Map<string, [number, number]>();
  for (const e of doc.establishments) {
    const { lat, lon } = e.location ?? {};
    // Only real coordinates: a document that skipped validation must not yield invalid GeoJSON.
    if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    where.set(e.id, [lon, lat]);
    features.push({
      type: 'Feature',
      id: e.id,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { layer: 'establishment', id: e.id, ...attributeValues(NODE_ATTRIBUTES, e) },
    });
  }
  for (const f of doc.flows) {
    const a = where.get(f.from);
    const b = where.get(f.to);
    if (!a || !b) continue;
    features.push({
      type: 'Feature',
      id: f.id,
      geometry: { type: 'LineString', coordinates: [a, b] },
      properties: { layer: 'flow', id: f.id, from: f.from, to: f.to, ...attributeValues(EDGE_ATTRIBUTES, f) },
    });
  }
  return { type: 'FeatureCollection', features };
}
