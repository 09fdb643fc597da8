/**
 * The optional basemap: raster XYZ tiles drawn by Leaflet (DOM images, no WebGL: it draws on
 * machines without a GPU) under cytoscape's canvas, following its pan and zoom. Leaflet is loaded only
 * when a page sets `basemap`; nothing is requested from a tile server otherwise. Positions of the
 * geographic layout then come from Leaflet's Web Mercator (EPSG:3857) projection, so that nodes,
 * outline and tiles agree.
 */
import type { Core } from 'cytoscape';
import type { Establishment, Territory } from '@toile/schema';
import type * as Leaflet from 'leaflet';
import { outlineRings, type Projection } from './geo.ts';

type LeafletModule = typeof Leaflet;

/** Loads Leaflet (its ES module build). */
export async function loadLeaflet(): Promise<LeafletModule> {
  return (await import('leaflet/dist/leaflet-src.esm.js')) as unknown as LeafletModule;
}

/** The Web Mercator projection at the zoom where the territory spans about 1,000 drawing units. */
export interface MercatorProjection extends Projection {
  /** Leaflet zoom level at which one drawing unit is one pixel. */
  readonly zoom0: number;
  /** Drawing units (at `zoom0`) back to latitude, longitude. */
  unproject(x: number, y: number): { lat: number; lon: number };
}

export function mercatorProjection(L: LeafletModule, establishments: readonly Establishment[], territory?: Territory): MercatorProjection | undefined {
  const points: [number, number][] = [];
  for (const e of establishments)
    if (!e.external && e.location?.lat !== undefined && e.location.lon !== undefined) points.push([e.location.lat, e.location.lon]);
  for (const [lon, lat] of outlineRings(territory).flat()) points.push([lat, lon]);
  if (!points.length) return undefined;
  const bounds = L.latLngBounds(points);
  const crs = L.CRS.EPSG3857;
  const a = crs.latLngToPoint(bounds.getSouthWest(), 0);
  const b = crs.latLngToPoint(bounds.getNorthEast(), 0);
  const span = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y), 1e-9);
  const zoom0 = Math.log2(1000 / span);
  const centre = bounds.getCenter();
  const origin = crs.latLngToPoint(centre, zoom0);
  return {
    zoom0,
    midLat: centre.lat,
    midLon: centre.lng,
    kx: Math.cos((centre.lat * Math.PI) / 180),
    project: (lon, lat) => {
      const p = crs.latLngToPoint(L.latLng(lat, lon), zoom0);
      return { x: p.x - origin.x, y: p.y - origin.y };
    },
    unproject: (x, y) => {
      const ll = crs.pointToLatLng(L.point(x + origin.x, y + origin.y), zoom0);
      return { lat: ll.lat, lon: ll.lng };
    },
  };
}

/** A Leaflet map in `container` showing the tiles of `url`, with every interaction left to cytoscape. */
export function createBasemap(L: LeafletModule, container: HTMLElement, url: string): Leaflet.Map {
  const map = L.map(container, {
    zoomControl: false,
    attributionControl: false,
    dragging: false,
    touchZoom: false,
    scrollWheelZoom: false,
    doubleClickZoom: false,
    boxZoom: false,
    keyboard: false,
    zoomSnap: 0,
    fadeAnimation: false,
    zoomAnimation: false,
    markerZoomAnimation: false,
    inertia: false,
  });
  L.tileLayer(url, { crossOrigin: 'anonymous', maxZoom: 20 }).addTo(map);
  return map;
}

/** Moves the map to cytoscape's view: the same centre, and Leaflet's zoom from cytoscape's. */
export function syncBasemap(map: Leaflet.Map, cy: Core, projection: MercatorProjection): void {
  const zoom = cy.zoom();
  const pan = cy.pan();
  const centre = projection.unproject((cy.width() / 2 - pan.x) / zoom, (cy.height() / 2 - pan.y) / zoom);
  map.invalidateSize({ pan: false });
  map.setView([centre.lat, centre.lon], projection.zoom0 + Math.log2(zoom), { animate: false });
}

/**
 * Keeps what lies under cytoscape's canvas in step with its view: the territory outline (an SVG
 * group in drawing units) and the basemap, when there is one. Returns the view (pan and zoom).
 */
export function syncUnderlays(
  cy: Core,
  outline: SVGGElement | null,
  map: Leaflet.Map | undefined,
  projection: MercatorProjection | undefined,
): { x: number; y: number; zoom: number } {
  const pan = cy.pan();
  if (map && projection) syncBasemap(map, cy, projection);
  outline?.setAttribute('transform', `translate(${pan.x} ${pan.y}) scale(${cy.zoom()})`);
  return { x: pan.x, y: pan.y, zoom: cy.zoom() };
}
