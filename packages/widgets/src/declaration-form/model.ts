/**
 * The form's draft — what the company typed, kept as typed (numbers as text) so that a draft can be
 * saved and resumed at any moment — and the `Declaration` of the API built from it. Every record of
 * the declaration gets a stable id: the draft's random prefix and the item's own number
 * (`decl-3f9a0c1b-f2`), kept when other items are removed.
 */
import type { Confidentiality, Establishment, Flow, FlowKind, Item, Quantity, Resource } from '@toile/schema';
import type { BodyOf } from '@toile/sdk';

/** The body of `POST /territories/{id}/declarations` (the `Declaration` of openapi.yaml). */
export type Declaration = BodyOf<'submitDeclaration'>;

/** The establishment as typed. `territoryId`: the id of the territory's record the company picked itself as. */
export interface EstablishmentDraft {
  territoryId: string | null;
  siret: string;
  name: string;
  naf: string | null;
  address: string;
  postcode: string;
  city: string;
  insee: string;
  lat: string;
  lon: string;
  confidentiality: Confidentiality;
}

/** What an offer, a need or an exchange carries and how much (shared by resources and flows). */
export interface ItemDraft {
  /** `r3`, `f4`: unique in the draft, never reused. */
  key: string;
  kind: FlowKind | '';
  label: string;
  /** `family:wood` or `ewc:100202`. */
  material: string | null;
  value: string;
  unit: string;
  confidentiality: Confidentiality;
}

/** An offer or a need. */
export interface ResourceDraft extends ItemDraft {
  direction: 'offer' | 'need';
  availability: string;
}

/** A supplier (the partner gives to the company) or a customer (the company gives to the partner). */
export interface FlowDraft extends ItemDraft {
  role: 'supplier' | 'customer';
  /** The partner picked from the territory, by id. */
  partnerId: string | null;
  /** Its name, as the territory gives it (shown only). */
  partnerLabel: string;
  /** A partner named by the company (becomes one of the declaration's `partners`). */
  partnerName: string;
  partnerCity: string;
}

/** Everything the form holds. */
export interface Draft {
  v: 1;
  /** `decl-<8 hex>`: the prefix of every id of the declaration. */
  prefix: string;
  /** Number given to the next item. */
  seq: number;
  establishment: EstablishmentDraft;
  resources: ResourceDraft[];
  flows: FlowDraft[];
  note: string;
}

/** The confidentiality levels, strictest last (the default). */
export const LEVEL_IDS: readonly Confidentiality[] = ['public', 'partners', 'confidential'];
/** The availability words of the format. */
export const AVAILABILITIES = ['continuous', 'seasonal', 'batch', 'occasional'] as const;

function randomPrefix(): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return `decl-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** An empty draft with a fresh id prefix. */
export function emptyDraft(): Draft {
  return {
    v: 1,
    prefix: randomPrefix(),
    seq: 1,
    establishment: {
      territoryId: null,
      siret: '',
      name: '',
      naf: null,
      address: '',
      postcode: '',
      city: '',
      insee: '',
      lat: '',
      lon: '',
      confidentiality: 'confidential',
    },
    resources: [],
    flows: [],
    note: '',
  };
}

const emptyItem = (key: string): ItemDraft => ({ key, kind: '', label: '', material: null, value: '', unit: '', confidentiality: 'confidential' });

/** Adds an offer or a need (confidential) to the draft; returns its key. */
export function addResource(draft: Draft, direction: 'offer' | 'need'): string {
  const key = `r${draft.seq++}`;
  draft.resources.push({ ...emptyItem(key), direction, availability: '' });
  return key;
}

/** Adds a supplier or a customer (confidential) to the draft; returns its key. */
export function addFlow(draft: Draft, role: 'supplier' | 'customer'): string {
  const key = `f${draft.seq++}`;
  draft.flows.push({ ...emptyItem(key), role, partnerId: null, partnerLabel: '', partnerName: '', partnerCity: '' });
  return key;
}

// ---------------------------------------------------------------- reading a stored draft

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max = 10000): string => (typeof v === 'string' ? v.slice(0, max) : '');
const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v ? v.slice(0, 200) : null);
const level = (v: unknown): Confidentiality => (LEVEL_IDS.includes(v as Confidentiality) ? (v as Confidentiality) : 'confidential');
const KINDS: readonly FlowKind[] = ['supply', 'subcontracting', 'service', 'byproduct', 'energy', 'water', 'knowledge', 'logistics', 'pooling'];
const kind = (v: unknown): FlowKind | '' => (KINDS.includes(v as FlowKind) ? (v as FlowKind) : '');
const KEY = /^[rf][0-9]{1,6}$/;

function readItem(v: Json, key: string): ItemDraft {
  return {
    key,
    kind: kind(v.kind),
    label: text(v.label, 300),
    material: textOrNull(v.material),
    value: text(v.value, 40),
    unit: text(v.unit, 20),
    confidentiality: level(v.confidentiality),
  };
}

function readEstablishment(v: unknown): EstablishmentDraft {
  const e = isObject(v) ? v : {};
  return {
    territoryId: textOrNull(e.territoryId),
    siret: text(e.siret, 40),
    name: text(e.name, 300),
    naf: textOrNull(e.naf),
    address: text(e.address, 500),
    postcode: text(e.postcode, 20),
    city: text(e.city, 200),
    insee: text(e.insee, 5),
    lat: text(e.lat, 40),
    lon: text(e.lon, 40),
    confidentiality: level(e.confidentiality),
  };
}

function readList<T>(v: unknown, prefix: 'r' | 'f', read: (item: Json, key: string) => T): T[] {
  if (!Array.isArray(v)) return [];
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of v.slice(0, 500)) {
    if (!isObject(item) || typeof item.key !== 'string' || !KEY.test(item.key) || !item.key.startsWith(prefix) || seen.has(item.key)) continue;
    seen.add(item.key);
    out.push(read(item, item.key));
  }
  return out;
}

/**
 * A draft read back from storage, checked field by field (storage is the page's, not ours: anything
 * unexpected is dropped). Undefined when it is not a draft of this version.
 */
export function readDraft(value: unknown): Draft | undefined {
  if (!isObject(value) || value.v !== 1 || typeof value.prefix !== 'string' || !/^decl-[0-9a-f]{8}$/.test(value.prefix)) return undefined;
  const resources = readList(value.resources, 'r', (r, key) => ({
    ...readItem(r, key),
    direction: r.direction === 'need' ? ('need' as const) : ('offer' as const),
    availability: text(r.availability, 300),
  }));
  const flows = readList(value.flows, 'f', (f, key) => ({
    ...readItem(f, key),
    role: f.role === 'customer' ? ('customer' as const) : ('supplier' as const),
    partnerId: textOrNull(f.partnerId),
    partnerLabel: text(f.partnerLabel, 300),
    partnerName: text(f.partnerName, 300),
    partnerCity: text(f.partnerCity, 200),
  }));
  const used = [...resources, ...flows].map((i) => Number(i.key.slice(1)));
  const seq = Math.max(typeof value.seq === 'number' && Number.isInteger(value.seq) ? value.seq : 1, ...used.map((n) => n + 1));
  return { v: 1, prefix: value.prefix, seq, establishment: readEstablishment(value.establishment), resources, flows, note: text(value.note, 2000) };
}

/** True when nothing was typed (a draft not worth keeping). */
export function isBlank(draft: Draft): boolean {
  const e = draft.establishment;
  const typed = [e.siret, e.name, e.naf ?? '', e.address, e.postcode, e.city, e.lat, e.lon, draft.note].some((s) => s.trim());
  return !typed && !e.territoryId && !draft.resources.length && !draft.flows.length;
}

// ---------------------------------------------------------------- numbers as typed

/** A number typed the French or the English way (`1 200,5`, `1200.5`), or undefined. */
export function parseNumber(typed: string): number | undefined {
  const t = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** A SIRET as typed, spaces and dots removed. */
export const siretDigits = (typed: string): string => typed.replace(/[\s.\u00a0\u202f-]/g, '');

// ---------------------------------------------------------------- the declaration

/** A declaration and, for each of its records, the draft item it came from (to put the server's problems back on the fields). */
export interface Built {
  declaration: Declaration;
  /** Key of the draft item of `resources[i]`. */
  resourceKeys: string[];
  /** Key of the draft item of `flows[i]`. */
  flowKeys: string[];
  /** Key of the flow that named `partners[i]`. */
  partnerKeys: string[];
}

/** The establishment's id in the declaration: its territory id when the company picked itself, else a new one. */
export const establishmentId = (draft: Draft): string => draft.establishment.territoryId ?? `${draft.prefix}-e`;

function itemOf(d: ItemDraft): Item | undefined {
  const item: Item = {};
  if (d.label.trim()) item.label = d.label.trim();
  if (d.material?.startsWith('family:')) item.family = d.material.slice(7) as Item['family'];
  else if (d.material) item.code = d.material;
  return Object.keys(item).length ? item : undefined;
}

function quantityOf(d: ItemDraft): Quantity | undefined {
  const value = parseNumber(d.value);
  return value === undefined || !d.unit ? undefined : { value, unit: d.unit as Quantity['unit'] };
}

function establishmentOf(draft: Draft): Establishment {
  const e = draft.establishment;
  const lat = parseNumber(e.lat);
  const lon = parseNumber(e.lon);
  const location: NonNullable<Establishment['location']> = {
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
    ...(e.address.trim() ? { address: e.address.trim() } : {}),
    ...(e.postcode.trim() ? { postcode: e.postcode.trim() } : {}),
    ...(e.city.trim() ? { city: e.city.trim() } : {}),
    ...(/^(?:[0-9]{5}|2[AB][0-9]{3})$/.test(e.insee) ? { insee: e.insee } : {}),
  };
  return {
    id: establishmentId(draft),
    name: e.name.trim(),
    ...(e.siret.trim() ? { siret: siretDigits(e.siret) } : {}),
    ...(e.naf ? { naf: e.naf } : {}),
    ...(Object.keys(location).length ? { location } : {}),
    confidentiality: e.confidentiality,
  };
}

function resourceOf(draft: Draft, r: ResourceDraft): Resource {
  const item = itemOf(r);
  const quantity = quantityOf(r);
  return {
    id: `${draft.prefix}-${r.key}`,
    establishment: establishmentId(draft),
    direction: r.direction,
    kind: r.kind as FlowKind,
    ...(item ? { item } : {}),
    ...(quantity ? { quantity } : {}),
    ...(r.availability.trim() ? { availability: r.availability.trim() } : {}),
    confidentiality: r.confidentiality,
  };
}

/** Builds the API's declaration from the draft (call after validation: required fields are assumed). */
export function buildDeclaration(draft: Draft): Built {
  const self = establishmentId(draft);
  const partners: Establishment[] = [];
  const partnerKeys: string[] = [];
  const flows = draft.flows.map((f): Flow => {
    let partner = f.partnerId;
    if (!partner) {
      partner = `${draft.prefix}-${f.key}-p`;
      const city = f.partnerCity.trim();
      // A named partner is no more public than the exchange that names it.
      partners.push({ id: partner, name: f.partnerName.trim(), external: true, ...(city ? { location: { city } } : {}), confidentiality: f.confidentiality });
      partnerKeys.push(f.key);
    }
    const item = itemOf(f);
    const quantity = quantityOf(f);
    return {
      id: `${draft.prefix}-${f.key}`,
      from: f.role === 'supplier' ? partner : self,
      to: f.role === 'supplier' ? self : partner,
      kind: f.kind as FlowKind,
      ...(item ? { item } : {}),
      ...(quantity ? { quantity } : {}),
      confidentiality: f.confidentiality,
    };
  });
  const declaration: Declaration = {
    establishment: establishmentOf(draft),
    ...(partners.length ? { partners } : {}),
    ...(flows.length ? { flows } : {}),
    ...(draft.resources.length ? { resources: draft.resources.map((r) => resourceOf(draft, r)) } : {}),
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
  };
  return { declaration, resourceKeys: draft.resources.map((r) => r.key), flowKeys: draft.flows.map((f) => f.key), partnerKeys };
}
