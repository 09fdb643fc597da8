/**
 * The map on which the company places its establishment: Leaflet (DOM tiles, no WebGL), loaded the
 * first time the map is opened — never when the page only shows the form — over the tiles of the
 * `basemap` the page configured (no tile server is ever called otherwise). A click places the point;
 * by keyboard, the arrows move the map, + and − zoom, Enter places the point under the cross at the
 * centre. The point is a circle (SVG): no marker image is needed.
 */
import type * as Leaflet from 'leaflet';

type LeafletModule = typeof Leaflet;

/** Loads Leaflet (its ES module build), once. */
let leaflet: Promise<LeafletModule> | undefined;
function loadLeaflet(): Promise<LeafletModule> {
  leaflet ??= import('leaflet/dist/leaflet-src.esm.js').then((m) => m as unknown as LeafletModule);
  return leaflet;
}

/** Where the map first looks: a point (with a zoom) or a box. */
export type MapView = { readonly center: readonly [number, number]; readonly zoom: number } | { readonly bounds: readonly (readonly [number, number])[] };

/** What the map is told to do. */
export interface MapPickerOptions {
  /** The tile URL template (`https://…/{z}/{x}/{y}.png`), already checked to be http(s). */
  readonly tiles: string;
  /** Name of the map's application region, and its keyboard help (id of the text). */
  readonly label: string;
  readonly helpId: string;
  /** Where to look first (waited for after Leaflet is loaded). */
  readonly view: MapView | Promise<MapView>;
  /** The point already placed, if any. */
  readonly point: readonly [number, number] | undefined;
  /** A point was placed (rounded to 5 decimals, about a metre). */
  place(lat: number, lon: number): void;
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * What the form exposes of its map: enough to place and read points, in Leaflet's own names, without
 * Leaflet's types in the kit's public declarations (a consumer need not install `@types/leaflet`).
 */
export interface PickerMap {
  getCenter(): { lat: number; lng: number };
  containerPointToLatLng(point: [number, number]): { lat: number; lng: number };
}

/** A Leaflet map in a container of the form. */
export class MapPicker {
  private map: Leaflet.Map | undefined;
  private marker: Leaflet.CircleMarker | undefined;
  private L: LeafletModule | undefined;
  private container: HTMLElement | undefined;

  /** The Leaflet map (tests, and the page's own additions), seen through {@link PickerMap}. */
  get leafletMap(): PickerMap | undefined {
    return this.map;
  }

  /** Draws the map in `container` (Leaflet loaded on first use). */
  async attach(container: HTMLElement, options: MapPickerOptions): Promise<void> {
    if (this.container === container) return;
    this.container = container;
    const L = (this.L = await loadLeaflet());
    const view = await options.view;
    if (!container.isConnected || this.container !== container || this.map) return;
    const map = L.map(container, { zoomControl: false, attributionControl: false, keyboard: true, zoomSnap: 1, fadeAnimation: false, zoomAnimation: false });
    L.tileLayer(options.tiles, { crossOrigin: 'anonymous', maxZoom: 19 }).addTo(map);
    if ('bounds' in view) map.fitBounds(L.latLngBounds(view.bounds.map(([a, b]) => L.latLng(a, b))), { maxZoom: 16, padding: [16, 16] });
    else map.setView([view.center[0], view.center[1]], view.zoom);
    container.setAttribute('role', 'application');
    container.setAttribute('aria-label', options.label);
    container.setAttribute('aria-describedby', options.helpId);
    map.on('click', (e: Leaflet.LeafletMouseEvent) => this.placeAt(e.latlng.lat, e.latlng.lng, options));
    container.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      const c = map.getCenter();
      this.placeAt(c.lat, c.lng, options);
    });
    this.map = map;
    if (options.point) this.show(options.point[0], options.point[1]);
  }

  private placeAt(lat: number, lon: number, options: MapPickerOptions): void {
    this.show(lat, lon);
    options.place(round(lat), round(lon));
  }

  /** Shows the point placed (typed in the fields, say). */
  show(lat: number, lon: number): void {
    if (!this.map || !this.L) return;
    if (this.marker) this.marker.setLatLng([lat, lon]);
    else this.marker = this.L.circleMarker([lat, lon], { radius: 8, weight: 3, className: 'point', interactive: false }).addTo(this.map);
  }

  /** Zooms in (1) or out (−1). */
  zoom(step: 1 | -1): void {
    if (step > 0) this.map?.zoomIn();
    else this.map?.zoomOut();
  }

  /** Removes the map (closed, or the element left the page). */
  detach(): void {
    this.map?.remove();
    this.map = undefined;
    this.marker = undefined;
    this.container = undefined;
  }
}
