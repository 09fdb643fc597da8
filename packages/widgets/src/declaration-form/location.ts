/**
 * The establishment's location: address, postcode, town, latitude and longitude typed in, an address
 * looked up with the geocoder the page configured (`geocoder`: none by default, and no other host is
 * ever asked), or a point placed on the map (`basemap`: Leaflet, loaded when the map is opened).
 *
 * The geocoder is read as the French national address API (BAN, `api-adresse.data.gouv.fr/search/`)
 * answers, which Photon and Pelias share: a GeoJSON FeatureCollection of points whose properties
 * give `label` (or `name`), `postcode`, `city` and `citycode` (INSEE). `{q}` in the URL is replaced
 * by the address; otherwise `q` (and `limit=5`) are added to its query.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { parseNumber } from './model.ts';
import { MapPicker, type MapView } from './map-picker.ts';
import { textField, type FormContext } from './fields.ts';
import { EST } from './validate.ts';
import { T } from './declaration-form.strings.ts';

/** An address found by the geocoder. */
export interface GeocodedAddress {
  readonly label: string;
  readonly lat: number;
  readonly lon: number;
  readonly postcode?: string;
  readonly city?: string;
  readonly insee?: string;
}

/** An http(s) URL (absolute, or relative to the page), or undefined for anything else. */
export function safeUrl(value: string | null | undefined, base = document.baseURI): URL | undefined {
  if (!value?.trim()) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown, max = 300): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

/** The points of a GeoJSON answer, as addresses (anything else dropped). */
export function readGeocoderAnswer(body: unknown): GeocodedAddress[] {
  const features = (body as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) return [];
  const out: GeocodedAddress[] = [];
  for (const f of features.slice(0, 10)) {
    const coordinates = (f as { geometry?: { type?: unknown; coordinates?: unknown } })?.geometry?.coordinates;
    const p = ((f as { properties?: unknown })?.properties ?? {}) as Record<string, unknown>;
    if (!Array.isArray(coordinates) || typeof coordinates[0] !== 'number' || typeof coordinates[1] !== 'number') continue;
    const [lon, lat] = coordinates as [number, number];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    const label = str(p.label) ?? str(p.name);
    if (!label) continue;
    const insee = str(p.citycode, 5);
    out.push({
      label,
      lat,
      lon,
      ...(str(p.postcode, 20) ? { postcode: str(p.postcode, 20) } : {}),
      ...(str(p.city, 200) ? { city: str(p.city, 200) } : {}),
      ...(insee && /^(?:[0-9]{5}|2[AB][0-9]{3})$/.test(insee) ? { insee } : {}),
    });
  }
  return out;
}

/** The geocoder's URL for an address. */
export function geocoderUrl(base: URL, address: string): string {
  if (base.href.includes('%7Bq%7D') || base.href.includes('{q}')) return base.href.replace(/%7Bq%7D|\{q\}/, encodeURIComponent(address));
  const url = new URL(base.href);
  url.searchParams.set('q', address);
  if (!url.searchParams.has('limit')) url.searchParams.set('limit', '5');
  return url.href;
}

/** The geocoder and the map of one form. */
export class LocationTools {
  readonly picker = new MapPicker();
  mapOpen = false;
  mapFailed = false;
  private geocoding: { busy: boolean; results?: readonly GeocodedAddress[]; failed?: boolean; controller?: AbortController } = { busy: false };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: () => { geocoder: URL | undefined; tiles: URL | undefined; view: () => Promise<MapView> },
  ) {}

  /** Asks the configured geocoder for an address. */
  async geocode(address: string): Promise<void> {
    const base = this.config().geocoder;
    if (!base || !address.trim()) return;
    this.geocoding.controller?.abort();
    const controller = new AbortController();
    this.geocoding = { busy: true, controller };
    this.host.requestUpdate();
    try {
      const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(10_000)]);
      const response = await fetch(geocoderUrl(base, address.trim().slice(0, 200)), { signal, headers: { accept: 'application/json' }, credentials: 'omit' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const results = readGeocoderAnswer(await response.json());
      if (!controller.signal.aborted) this.geocoding = { busy: false, results };
    } catch {
      if (!controller.signal.aborted) this.geocoding = { busy: false, failed: true };
    }
    this.host.requestUpdate();
  }

  /** Stops what is under way and removes the map. */
  stop(): void {
    this.geocoding.controller?.abort();
    this.picker.detach();
  }

  private async attachMap(container: HTMLElement, ctx: FormContext): Promise<void> {
    const tiles = this.config().tiles;
    if (!tiles) return;
    const e = ctx.draft.establishment;
    const lat = parseNumber(e.lat);
    const lon = parseNumber(e.lon);
    const point = lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? ([lat, lon] as const) : undefined;
    try {
      const view: MapView | Promise<MapView> = point ? { center: point, zoom: 16 } : this.config().view();
      await this.picker.attach(container, {
        tiles: decodeURI(tiles.href),
        label: T.mapLabel[ctx.lang],
        helpId: 'map-help',
        view,
        point,
        place: (la, lo) => {
          ctx.edit((d) => Object.assign(d.establishment, { lat: String(la), lon: String(lo) }), EST.lat);
          ctx.announce({ fr: T.mapPlaced.fr(String(la), String(lo)), en: T.mapPlaced.en(String(la), String(lo)) });
        },
      });
    } catch {
      this.picker.detach();
      this.mapFailed = true;
      this.host.requestUpdate();
    }
  }

  private toggleMap(): void {
    this.mapOpen = !this.mapOpen;
    this.mapFailed = false;
    if (!this.mapOpen) this.picker.detach();
    this.host.requestUpdate();
  }

  private renderGeocoder(ctx: FormContext): TemplateResult | typeof nothing {
    if (!this.config().geocoder) return nothing;
    const { lang } = ctx;
    const g = this.geocoding;
    const status = g.busy
      ? T.searching[lang]
      : g.failed
        ? `${T.searchFailed[lang]} ${T.geocodeNone[lang]}`
        : g.results && !g.results.length
          ? T.geocodeNone[lang]
          : '';
    const choose = (a: GeocodedAddress) => {
      ctx.edit((d) =>
        Object.assign(d.establishment, {
          address: a.label,
          postcode: a.postcode ?? '',
          city: a.city ?? '',
          insee: a.insee ?? '',
          lat: String(a.lat),
          lon: String(a.lon),
        }),
      );
      this.geocoding = { busy: false };
      this.picker.show(a.lat, a.lon);
      ctx.announce({ fr: T.mapPlaced.fr(String(a.lat), String(a.lon)), en: T.mapPlaced.en(String(a.lat), String(a.lon)) });
      ctx.focusLater(EST.postcode);
    };
    return html`<div class="geocoder">
      <button type="button" id="geocode" ?disabled=${g.busy} @click=${() => void this.geocode(ctx.draft.establishment.address)}>${T.geocode[lang]}</button>
      <p class="hint" role="status">${status}</p>
      ${
        g.results?.length
          ? html`<ul class="results" part="results" aria-label=${T.geocodeResults[lang]}>
              ${g.results.map((a) => html`<li><button type="button" class="pick" @click=${() => choose(a)}>${a.label}</button></li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }

  private renderMap(ctx: FormContext): TemplateResult | typeof nothing {
    const tiles = this.config().tiles;
    if (!tiles) return nothing;
    const { lang } = ctx;
    return html`<div class="map-tools">
      <button type="button" id="map-toggle" aria-expanded=${this.mapOpen ? 'true' : 'false'} @click=${() => this.toggleMap()}>
        ${this.mapOpen ? T.mapClose[lang] : T.mapOpen[lang]}
      </button>
      ${
        this.mapOpen
          ? html`<p class="hint" id="map-help">${T.mapHelp[lang]}</p>
              ${this.mapFailed ? html`<p class="error" role="alert">${T.mapFailed[lang]}</p>` : nothing}
              <div class="map-frame">
                <div class="map" part="map" ${ref((el) => el && void this.attachMap(el as HTMLElement, ctx))}></div>
              </div>
              <div class="inline">
                <button type="button" aria-label=${T.zoomIn[lang]} @click=${() => this.picker.zoom(1)}>+</button>
                <button type="button" aria-label=${T.zoomOut[lang]} @click=${() => this.picker.zoom(-1)}>−</button>
              </div>`
          : nothing
      }
    </div>`;
  }

  /** The location fieldset. */
  render(ctx: FormContext, attribution: string | null): TemplateResult {
    const e = ctx.draft.establishment;
    const set = (field: keyof typeof e, id: string) => (v: string) => ctx.edit((d) => Object.assign(d.establishment, { [field]: v }), id);
    const { lang } = ctx;
    return html`<fieldset class="location">
      <legend>${T.location[lang]}</legend>
      ${textField(ctx, { id: EST.address, label: T.address, value: e.address, maxlength: 500, autocomplete: 'street-address', wide: true, set: set('address', EST.address) })}
      ${this.renderGeocoder(ctx)}
      <div class="row">
        ${textField(ctx, { id: EST.postcode, label: T.postcode, value: e.postcode, maxlength: 20, autocomplete: 'postal-code', set: set('postcode', EST.postcode) })}
        ${textField(ctx, { id: EST.city, label: T.city, value: e.city, maxlength: 200, autocomplete: 'address-level2', set: set('city', EST.city) })}
      </div>
      <div class="row">
        ${textField(ctx, { id: EST.lat, label: T.lat, value: e.lat, inputmode: 'decimal', maxlength: 40, set: set('lat', EST.lat) })}
        ${textField(ctx, { id: EST.lon, label: T.lon, value: e.lon, inputmode: 'decimal', maxlength: 40, set: set('lon', EST.lon) })}
      </div>
      ${this.renderMap(ctx)} ${this.mapOpen && attribution ? html`<p class="attribution" part="attribution">${attribution}</p>` : nothing}
    </fieldset>`;
  }
}
