import type { ToileData } from '../columnar/records.ts';
import { exportSource } from './source.ts';
import { jsonChunks, LazyJsonArray } from '../io/write-json.ts';
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
 * For a large document, write {@link geoJsonChunks} to a stream instead of stringifying this.
 */
export function toGeoJson(doc: ToileData): ToileFeatureCollection {
  return { type: 'FeatureCollection', features: Array.from(geoJsonFeatures(doc)) };
}

/**
 * The text `JSON.stringify(toGeoJson(doc), null, 2)` followed by a line break, in chunks of about
 * 64 KiB, each feature built as it is written: the collection is never held whole, nor its text.
 *
 * @example
 * ```ts
 * await pipeline(Readable.from(geoJsonChunks(doc)), createWriteStream('toile.geojson'));
 * ```
 */
export function* geoJsonChunks(doc: ToileData): Generator<string, void, undefined> {
  yield* jsonChunks({ type: 'FeatureCollection', features: new LazyJsonArray(geoJsonFeatures(doc)) });
  yield '\n';
}

/** The features of {@link toGeoJson}, one at a time. */
function* geoJsonFeatures(data: ToileData): Generator<ToileFeature, void, undefined> {
  const doc = exportSource(data);
  const where = new Map<string, [number, number]>();
  for (const e of doc.establishments()) {
    const { lat, lon } = e.location ?? {};
    // Only real coordinates: a document that skipped validation must not yield invalid GeoJSON.
    if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    where.set(e.id, [lon, lat]);
    yield {
      type: 'Feature',
      id: e.id,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { layer: 'establishment', id: e.id, ...attributeValues(NODE_ATTRIBUTES, e) },
    };
  }
  for (const f of doc.flows()) {
    const a = where.get(f.from);
    const b = where.get(f.to);
    if (!a || !b) continue;
    yield {
      type: 'Feature',
      id: f.id,
      geometry: { type: 'LineString', coordinates: [a, b] },
      properties: { layer: 'flow', id: f.id, from: f.from, to: f.to, ...attributeValues(EDGE_ATTRIBUTES, f) },
    };
  }
}
