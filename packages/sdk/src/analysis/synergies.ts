/**
 * The synergy finder: matches what establishments offer to what others need — and to the inputs
 * they buy from outside the territory — and scores each candidate in 0–1 with its parts:
 *
 *   score = w.item × item + w.distance × distance + w.quantity × quantity + w.kind × kind
 *
 * - item: along the code hierarchy (same code 1; shared 6-, 4-, 2-character prefix 0.85 / 0.7 / 0.4,
 *   i.e. EWC sub-chapter and chapter), same family 0.5 (1 for energy and utilities, where the family
 *   is the item), same label 0.8 when neither side has a code or a family;
 * - distance: for materials, transport economics (./transport.ts): value per tonne / (value per
 *   tonne + cheapest cost per tonne over the great-circle distance — road, or rail for bulk
 *   exchanges), explained in `transport` (mode, €/t, value and its basis); for energy and utilities
 *   (carried by pipe or wire, not by the tonne), 2^(−d / halfDistanceKm). Candidates beyond
 *   radiusKm left out, 0 when unlocated;
 * - quantity: smaller / larger of the two amounts in convertible units, 0.5 when unknown;
 * - kind: 1 for the same flow kind, 0.5 for related kinds, 0 otherwise.
 * Scores depend only on the pair, so adding an unrelated establishment never changes them.
 *
 * Also pooling candidates: establishments within the radius of a leader declaring the same need.
 *
 * Search: prepareSynergies counting-sorts offers into a spatial grid per material bucket (code
 * chapter, family or label; src/geo/grid.ts), once per document. Each need visits the cells of its
 * buckets in rings, nearest first, and a branch-and-bound prunes rings, cells and offers that cannot
 * beat the current top N (or the need's own best `perNeed`). Results equal an exhaustive search
 * (tested). Hand-written: matching libraries (considered: the spatial indexes rbush / kdbush, and
 * record-linkage tools) neither score along the waste-code hierarchy nor prune by a score bound.
 */
import { BASE_UNITS, DIMENSIONS, FLOW_KINDS, getCarbonWeight, type FlowKind, type FlowStatus, type Item, type Quantity, type ToileDocument } from '@toile/schema';
import type { GraphIndex } from '../graph/build-index.ts';
import { buildBucketGrid, tangentPlane, type BucketGrid } from '../geo/grid.ts';
import { haversineCore, haversineKm, type LatLonLike } from '../geo/haversine.ts';
import { compareStrings } from './compare.ts';
import { unitBase } from '../graph/base-quantity.ts';
import { familyScore, UTILITY_FAMILIES, ITEM_MATCH_SCORES, itemCompatibility, kindCompatibility, parseItem, type ItemMatch, type ParsedItem } from './items.ts';
import { cheapestCost, cheapestRates, transportPart, transportSettings, type TransportEstimate, type TransportSettings, type ValueBasis } from './transport.ts';

/** Weights of the score's parts; they are rescaled to sum to 1. */
export interface SynergyWeights {
  item: number;
  distance: number;
  quantity: number;
  kind: number;
}

/** Default weights: the item matters most, then distance, quantity fit and kind. */
export const DEFAULT_SYNERGY_WEIGHTS: Readonly<SynergyWeights> = { item: 0.4, distance: 0.25, quantity: 0.2, kind: 0.15 };

/** The four parts of a score, each in 0–1. */
export interface SynergyParts {
  item: number;
  distance: number;
  quantity: number;
  kind: number;
}

/** A candidate synergy: `from` could give `to` what `need` asks for. */
export interface SynergyMatch extends ScoredPair {
  /** Id of the offer resource. */
  offer: string;
  /** Id of the need resource, or of the flow from outside whose input could be sourced locally. */
  need: string;
  /** Giver and receiver establishments. */
  from: string;
  to: string;
  /** Whether the need is a declared need or an input seen in a flow from outside. */
  needSource: 'resource' | 'flow';
}

/** Establishments near each other declaring the same need: candidates for pooling. */
export interface PoolingCandidate {
  /** What is needed: `code:…`, `family:…` or `label:…`. */
  key: string;
  item: { code?: string; family?: string; label?: string };
  /** The establishment the others are within `radiusKm` of (the first to declare the need). */
  leader: string;
  /** Establishments in the group. */
  size: number;
  /** Leader first, then the nearest others; at most `poolingMembers` of the `size`. */
  establishments: string[];
  /** The needs of the listed establishments. */
  needs: string[];
  /** Farthest member from the leader. */
  maxDistanceKm: number;
  /** Sum of the known needs in the most used dimension, in its base unit. */
  quantity?: { value: number; unit: string };
}

/** Options of {@link findSynergies}. */
export interface SynergyOptions {
  /** Candidates farther apart are left out (default 50 km). */
  radiusKm?: number;
  /** Materials: transport costs, bulk threshold and default value per tonne of the distance part (defaults: `DEFAULT_TRANSPORT`, assumptions). */
  transport?: Partial<TransportSettings>;
  /** Energy and utilities (pipe or wire): distance at which the distance part halves (default radiusKm / 2). */
  halfDistanceKm?: number;
  /** Best candidates kept (default 50; Infinity for all). Also caps the pooling list. */
  top?: number;
  /** Best offers kept per need (default 3). */
  perNeed?: number;
  /** Candidates scoring below are left out (default 0). */
  minScore?: number;
  /** Keep candidates where this establishment gives or receives (and pooling around it). */
  establishment?: string;
  /** Keep offers and needs of this family only. */
  family?: string;
  weights?: Partial<SynergyWeights>;
  /** Match offers to inputs bought from outside, seen in flows (default true). */
  flowNeeds?: boolean;
  /** Look for pooling candidates (default true). */
  pooling?: boolean;
  /** Establishments listed per pooling candidate at most, nearest the leader first (default 100). */
  poolingMembers?: number;
}

/** What {@link findSynergies} returns. */
export interface SynergyResult {
  /** Best first. */
  matches: SynergyMatch[];
  /** Largest groups first. */
  pooling: PoolingCandidate[];
  /** True when `options.establishment` is not an establishment of the document. */
  unknownEstablishment: boolean;
  settings: { radiusKm: number; halfDistanceKm: number; transport: TransportSettings; top: number; perNeed: number; weights: SynergyWeights };
  /** Offers, declared needs and inputs from outside that took part. */
  considered: { offers: number; needs: number; flowNeeds: number };
}

/** One side of a pair scored by {@link scoreSynergy}. */
export interface SynergySide {
  kind: FlowKind;
  item?: Item;
  quantity?: Quantity;
  location?: LatLonLike;
  /** What a tonne of the item is worth (€/t), when known; the need's is used first. */
  valuePerTonne?: number;
}

/** A scored pair: the score and what it is made of. */
export interface ScoredPair {
  /** 0–1, the weighted sum of `parts` (rounded to 4 decimals). */
  score: number;
  parts: SynergyParts;
  /** Which level of the item comparison gave `parts.item`. */
  itemMatch: ItemMatch;
  /** Great-circle distance; absent when either end is not located. */
  distanceKm?: number;
  /** What the distance part is made of (mode, cost and value per tonne); absent when unlocated. */
  transport?: TransportEstimate;
  /** Either item is a hazardous waste (asterisk in the European List of Waste). */
  hazardous: boolean;
  /**
   * Relative carbon index — NOT tonnes of CO2e: exchanged t/yr × the family's weighting in the
   * Scottish Carbon Metric (textiles = 100), when both are known. Compares candidates with each
   * other; no absolute avoided emissions are stated (no openly licensed absolute factors shipped).
   */
  carbonIndex?: number;
}

const MASS = DIMENSIONS.indexOf('mass');
const MATCH_LEVELS: readonly ItemMatch[] = ['code', 'code-prefix-6', 'code-prefix-4', 'code-prefix-2', 'family', 'label'];
const KIND_TABLE = new Float64Array(FLOW_KINDS.length * FLOW_KINDS.length);
for (let a = 0; a < FLOW_KINDS.length; a++) for (let b = 0; b < FLOW_KINDS.length; b++) KIND_TABLE[a * FLOW_KINDS.length + b] = kindCompatibility(FLOW_KINDS[a]!, FLOW_KINDS[b]!);
const KIND_CODE = new Map<string, number>(FLOW_KINDS.map((k, i) => [k, i]));
const RAD = Math.PI / 180;
/**
 * Slack of the bounds: scores are ranked as shown, rounded to 4 decimals, so a raw bound half a
 * step below the threshold may still round up to it (plus room for floating-point error).
 */
const EPS = 5e-5 + 1e-12;

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
/** The search's roundings, with constant factors (`round` computes its power on every call). */
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const round3 = (x: number) => Math.round(x * 1e3) / 1e3;

/** Rescales weights to sum to 1 (the defaults when they sum to 0 or less). */
function normaliseWeights(w: Partial<SynergyWeights> | undefined): SynergyWeights {
  const all = { ...DEFAULT_SYNERGY_WEIGHTS, ...w };
  for (const k of ['item', 'distance', 'quantity', 'kind'] as const) if (!(all[k] >= 0)) all[k] = 0;
  const sum = all.item + all.distance + all.quantity + all.kind;
  if (!(sum > 0)) return { ...DEFAULT_SYNERGY_WEIGHTS };
  return { item: all.item / sum, distance: all.distance / sum, quantity: all.quantity / sum, kind: all.kind / sum };
}

/** Quantity fit: smaller over larger amount, both in base units of one dimension; 0.5 when unknown. */
function quantityFit(a: number, da: number, b: number, db: number): number {
  if (da < 0 || da !== db || !(a > 0) || !(b > 0)) return 0.5;
  return a < b ? a / b : b / a;
}

/** Distance part of energy and utilities: halves every `half` km; 0 when the distance is unknown. */
function networkPart(d: number, half: number): number {
  return Number.isNaN(d) ? 0 : 2 ** (-d / half);
}

/** The explanation of a distance part (rounded as shown). */
function explainTransport(t: TransportSettings, d: number, mass: number, value: number, basis: ValueBasis): TransportEstimate {
  const { mode, cost } = cheapestCost(t, d, mass);
  return { mode, costPerTonne: round(cost, 2), valuePerTonne: round(value, 2), valueBasis: basis, ...(mass >= 0 ? { tonnes: round(mass, 3) } : {}) };
}

/** The weighted sum, written once so that both code paths give bit-identical scores. */
function combine(w: SynergyWeights, item: number, distance: number, quantity: number, kind: number): number {
  return w.item * item + w.distance * distance + w.quantity * quantity + w.kind * kind;
}

/** Mass exchanged (t/yr) from two amounts: the smaller when both are masses. NaN when neither is. */
function exchangedMass(a: number, da: number, b: number, db: number): number {
  const ma = da === MASS ? a : Number.NaN;
  const mb = db === MASS ? b : Number.NaN;
  if (ma >= 0 && mb >= 0) return Math.min(ma, mb);
  return ma >= 0 ? ma : mb >= 0 ? mb : Number.NaN;
}

/** A quantity in its base unit and its dimension's position in `DIMENSIONS`; [NaN, -1] when unknown. */
function baseAmount(q: Quantity | undefined): [number, number] {
  const base = q ? unitBase(q.unit) : undefined;
  return base ? [q!.value * base.factor, base.dimension] : [Number.NaN, -1];
}

/**
 * Scores one offer against one need, as the finder does (same formula, same rounding). Returns
 * undefined when the items have nothing in common or the distance exceeds the radius.
 */
export function scoreSynergy(offer: SynergySide, need: SynergySide, options: Pick<SynergyOptions, 'radiusKm' | 'halfDistanceKm' | 'transport' | 'weights'> = {}): ScoredPair | undefined {
  const radius = options.radiusKm ?? 50;
  const half = options.halfDistanceKm ?? radius / 2;
  const t = transportSettings(options.transport);
  const w = normaliseWeights(options.weights);
  const a = parseItem(offer.item);
  const b = parseItem(need.item);
  const { score: item, match } = itemCompatibility(a, b);
  if (!match) return undefined;
  const o = offer.location;
  const n = need.location;
  const located = o?.lat !== undefined && o.lon !== undefined && n?.lat !== undefined && n.lon !== undefined;
  const d = located ? haversineKm(o.lat!, o.lon!, n.lat!, n.lon!) : Number.NaN;
  if (d > radius) return undefined;
  const [qa, da] = baseAmount(offer.quantity);
  const [qb, db] = baseAmount(need.quantity);
  const mass = exchangedMass(qa, da, qb, db);
  const known = (v: number | undefined) => v !== undefined && v >= 0;
  const value = known(need.valuePerTonne) ? need.valuePerTonne! : known(offer.valuePerTonne) ? offer.valuePerTonne! : t.defaultValuePerTonne;
  const basis: ValueBasis = known(need.valuePerTonne) || known(offer.valuePerTonne) ? 'flow' : 'assumed';
  const networked = (a.family !== undefined && UTILITY_FAMILIES.has(a.family)) || (b.family !== undefined && UTILITY_FAMILIES.has(b.family));
  const parts = { item, distance: networked ? networkPart(d, half) : transportPart(t, d, mass, value), quantity: quantityFit(qa, da, qb, db), kind: kindCompatibility(offer.kind, need.kind) };
  const family = a.family ?? b.family;
  const weight = family ? getCarbonWeight(family) : undefined;
  return {
    score: round(combine(w, parts.item, parts.distance, parts.quantity, parts.kind), 4),
    parts: { item: round(parts.item, 4), distance: round(parts.distance, 4), quantity: round(parts.quantity, 4), kind: round(parts.kind, 4) },
    itemMatch: match,
    ...(located ? { distanceKm: round(d, 3), ...(networked ? {} : { transport: explainTransport(t, d, mass, value, basis) }) } : {}),
    hazardous: a.hazardous || b.hazardous,
    ...(weight !== undefined && mass >= 0 ? { carbonIndex: round(mass * weight, 2) } : {}),
  };
}

/** @internal Offers or needs as typed arrays (see {@link PreparedSynergies}). */
export interface SideTable {
  count: number;
  id: string[];
  /** Establishment node. */
  node: Int32Array;
  /** 1 for a need read from a flow from outside. */
  fromFlow: Uint8Array;
  kind: Uint8Array;
  /** Interned code, its 6-, 4- and 2-character prefixes (-1 when absent). */
  code: Int32Array;
  p6: Int32Array;
  p4: Int32Array;
  p2: Int32Array;
  family: Int32Array;
  /** Interned label, only for items with neither code nor family. */
  label: Int32Array;
  /** Bucket of the code chapter or of the label; bucket of the family (-1 when none). */
  bucketA: Int32Array;
  bucketB: Int32Array;
  amount: Float64Array;
  dimension: Int8Array;
  hazardous: Uint8Array;
  /** Position of the parsed item in `items` (for output and pooling). */
  item: Uint32Array;
  /** The fields the search reads, packed per record (see packSide), in `order`. */
  packed: Float64Array;
  /** Record at each packed position (needs: grid-cell order, so that searches walk space), and back. */
  order: Uint32Array;
  position: Uint32Array;
}

/**
 * A document made ready for repeated synergy searches (a server answering many queries prepares
 * once). Opaque: pass it to {@link findSynergies}.
 */
export interface PreparedSynergies {
  readonly prepared: 'synergies';
  readonly ids: readonly string[];
  readonly nodeOf: ReadonlyMap<string, number>;
  /** @internal */
  readonly offers: SideTable;
  /** @internal */
  readonly needs: SideTable;
  /** @internal Per node: latitude (rad), longitude (rad), cos(latitude), tangent-plane x, y (km). */
  readonly geo: { lat: Float64Array; lon: Float64Array; cos: Float64Array; x: Float64Array; y: Float64Array };
  /** @internal Per bucket: the best item score an offer of the bucket can reach. */
  readonly bucketBound: Float64Array;
  /** @internal Per interned family: its item score, and its relative carbon weighting (NaN when none). */
  readonly familyScore: Float64Array;
  readonly familyCarbonWeight: Float64Array;
  /** @internal Per offer and per need: value per tonne (€/t, NaN when unknown) and its basis (1 the flow itself, 2 the document's flows of the same code or family). */
  readonly offerValue: Float64Array;
  readonly needValue: Float64Array;
  readonly needValueBasis: Uint8Array;
  readonly offerValueBasis: Uint8Array;
  /** @internal The highest known offer value per tonne (NaN when none). */
  readonly maxOfferValue: number;
  /** @internal Symbols (codes, families, labels) by interned id. */
  readonly symbols: readonly string[];
  /** @internal Distinct parsed items. */
  readonly items: readonly ParsedItem[];
  /** @internal The raw items behind `items` (labels as written). */
  readonly rawItems: readonly (Item | undefined)[];
  /** @internal Every offer in a spatial grid by material, built once (cell sizes do not depend on the radius). */
  readonly offerGrid: OfferGrid;
}

/** Options of {@link prepareSynergies}. */
export interface PrepareSynergyOptions {
  /** An index already built for the document (saves the id map). */
  index?: GraphIndex;
  /** Statuses of the flows whose inputs from outside become needs (default `active`). */
  flowStatuses?: readonly FlowStatus[];
}

/**
 * Reads offers, needs and inputs from outside into typed arrays, with items interned once per
 * distinct code, family and label. O(establishments + resources + flows).
 */
export function prepareSynergies(doc: Pick<ToileDocument, 'establishments' | 'flows' | 'resources'>, options: PrepareSynergyOptions = {}): PreparedSynergies {
  const establishments = doc.establishments;
  const nEst = establishments.length;
  let nodeOf = options.index?.nodeOf;
  let ids = options.index?.ids;
  if (!nodeOf || !ids || ids.length !== nEst) {
    const map = new Map<string, number>();
    const list: string[] = new Array(nEst);
    for (let i = 0; i < nEst; i++) {
      list[i] = establishments[i]!.id;
      map.set(list[i]!, i);
    }
    nodeOf = map;
    ids = list;
  }
  const external = new Uint8Array(nEst);
  const latDeg = new Float64Array(nEst);
  const lonDeg = new Float64Array(nEst);
  const lat = new Float64Array(nEst);
  const lon = new Float64Array(nEst);
  const cos = new Float64Array(nEst);
  for (let i = 0; i < nEst; i++) {
    const e = establishments[i]!;
    external[i] = e.external ? 1 : 0;
    const loc = e.location;
    const ok = loc?.lat !== undefined && loc.lon !== undefined;
    latDeg[i] = ok ? loc.lat! : Number.NaN;
    lonDeg[i] = ok ? loc.lon! : Number.NaN;
    lat[i] = latDeg[i]! * RAD;
    lon[i] = lonDeg[i]! * RAD;
    cos[i] = Math.cos(lat[i]!);
  }
  const plane = tangentPlane(latDeg, lonDeg);

  const symbolId = new Map<string, number>();
  const symbols: string[] = [];
  const intern = (s: string) => {
    let id = symbolId.get(s);
    if (id === undefined) {
      id = symbols.length;
      symbols.push(s);
      symbolId.set(s, id);
    }
    return id;
  };
  const bucketOf = new Map<number, number>();
  const bucketBounds: number[] = [];
  const bucket = (symbol: number, bound: number) => {
    let b = bucketOf.get(symbol);
    if (b === undefined) {
      b = bucketBounds.length;
      bucketBounds.push(bound);
      bucketOf.set(symbol, b);
    }
    return b;
  };
  // Parsed items are cached by their JSON text: real documents repeat a few hundred distinct items.
  interface Interned {
    index: number;
    code: number;
    p6: number;
    p4: number;
    p2: number;
    family: number;
    label: number;
    bucketA: number;
    bucketB: number;
    hazardous: number;
    familyGiven?: string | undefined;
  }
  const items: ParsedItem[] = [];
  const rawItems: (Item | undefined)[] = [];
  // Three caches keyed by the item's own strings, so that no key is built per record.
  const byCode = new Map<string, Interned>();
  const byFamily = new Map<string, Interned>();
  const byLabel = new Map<string, Interned>();
  const familyIds: string[] = [];
  const noItem: Interned = { index: -1, code: -1, p6: -1, p4: -1, p2: -1, family: -1, label: -1, bucketA: -1, bucketB: -1, hazardous: 0 };
  const internItem = (item: Item | undefined): Interned => {
    if (!item) return noItem;
    const { code, family, label } = item;
    const cache = code ? byCode : family ? byFamily : label ? byLabel : undefined;
    if (!cache) return noItem;
    const hit = cache.get((code || family || label)!);
    // A code met before with another family (rare) is parsed again, uncached.
    if (hit && (!code || hit.familyGiven === family)) return hit;
    const p = parseItem(item);
    const entry: Interned = { index: items.length, code: -1, p6: -1, p4: -1, p2: -1, family: -1, label: -1, bucketA: -1, bucketB: -1, hazardous: p.hazardous ? 1 : 0, familyGiven: family };
    items.push(p);
    rawItems.push(item);
    if (p.scheme !== undefined) {
      const d = p.digits!;
      entry.code = intern(`${p.scheme}:${d}`);
      if (d.length >= 6) entry.p6 = intern(`${p.scheme}:${d.slice(0, 6)}`);
      if (d.length >= 4) entry.p4 = intern(`${p.scheme}:${d.slice(0, 4)}`);
      if (d.length >= 2) entry.p2 = intern(`${p.scheme}:${d.slice(0, 2)}`);
      // Codes too short for a chapter still meet their exact equals in their own bucket.
      entry.bucketA = bucket(entry.p2 >= 0 ? entry.p2 : entry.code, ITEM_MATCH_SCORES.code);
    }
    if (p.family !== undefined) {
      entry.family = intern(`family:${p.family}`);
      if (!familyIds[entry.family]) familyIds[entry.family] = p.family;
      entry.bucketB = bucket(entry.family, familyScore(p.family));
    }
    if (p.scheme === undefined && p.family === undefined && p.label) {
      entry.label = intern(`label:${p.label}`);
      entry.bucketA = bucket(entry.label, ITEM_MATCH_SCORES.label);
    }
    if (!hit) cache.set((code || family || label)!, entry);
    return entry;
  };
  const makeTable = (capacity: number): SideTable => ({
    count: 0,
    id: [],
    node: new Int32Array(capacity),
    fromFlow: new Uint8Array(capacity),
    kind: new Uint8Array(capacity),
    code: new Int32Array(capacity),
    p6: new Int32Array(capacity),
    p4: new Int32Array(capacity),
    p2: new Int32Array(capacity),
    family: new Int32Array(capacity),
    label: new Int32Array(capacity),
    bucketA: new Int32Array(capacity),
    bucketB: new Int32Array(capacity),
    amount: new Float64Array(capacity),
    dimension: new Int8Array(capacity),
    hazardous: new Uint8Array(capacity),
    item: new Uint32Array(capacity),
    packed: new Float64Array(0),
    order: new Uint32Array(0),
    position: new Uint32Array(0),
  });
  const push = (t: SideTable, id: string, node: number, kind: string, item: Item | undefined, quantity: Quantity | undefined, fromFlow: boolean) => {
    const it = internItem(item);
    if (it.index < 0) return;
    const i = t.count++;
    t.id.push(id);
    t.node[i] = node;
    t.fromFlow[i] = fromFlow ? 1 : 0;
    t.kind[i] = KIND_CODE.get(kind) ?? 0;
    t.code[i] = it.code;
    t.p6[i] = it.p6;
    t.p4[i] = it.p4;
    t.p2[i] = it.p2;
    t.family[i] = it.family;
    t.label[i] = it.label;
    t.bucketA[i] = it.bucketA;
    t.bucketB[i] = it.bucketB;
    t.hazardous[i] = it.hazardous;
    t.item[i] = it.index;
    const base = quantity ? unitBase(quantity.unit) : undefined;
    t.amount[i] = base ? quantity!.value * base.factor : Number.NaN;
    t.dimension[i] = base ? base.dimension : -1;
  };
  const resources = doc.resources ?? [];
  let offerCount = 0;
  for (const r of resources) if (r.direction === 'offer') offerCount++;
  const offers = makeTable(offerCount);
  const statusOk = new Set<string>(options.flowStatuses ?? ['active']);
  // Inputs from outside: flows with an item, a kept status, an external giver and an inside receiver.
  const inbound: number[] = [];
  const inboundTo: number[] = [];
  const index = options.index && options.index.ids === ids ? options.index : undefined;
  if (index) {
    // The index already knows each flow's ends: only flows crossing inwards are read.
    for (let e = 0; e < index.edgeCount; e++) {
      const t = index.edgeTarget[e]!;
      if (!external[index.edgeSource[e]!] || external[t]) continue;
      const f = index.edgeFlow[e]!;
      const flow = doc.flows[f]!;
      if (!flow.item || !statusOk.has(flow.status ?? 'active')) continue;
      inbound.push(f);
      inboundTo.push(t);
    }
  } else {
    for (let f = 0; f < doc.flows.length; f++) {
      const flow = doc.flows[f]!;
      if (!flow.item || !statusOk.has(flow.status ?? 'active')) continue;
      const s = nodeOf.get(flow.from);
      if (s === undefined || !external[s]) continue;
      const t = nodeOf.get(flow.to);
      if (t === undefined || external[t]) continue;
      inbound.push(f);
      inboundTo.push(t);
    }
  }
  const needs = makeTable(resources.length - offerCount + inbound.length);
  // Resources usually come grouped by establishment: remember the last lookup.
  let lastId = '';
  let lastNode: number | undefined;
  for (const r of resources) {
    if (r.establishment !== lastId) {
      lastId = r.establishment;
      lastNode = nodeOf.get(lastId);
    }
    if (lastNode === undefined || external[lastNode]) continue;
    push(r.direction === 'offer' ? offers : needs, r.id, lastNode, r.kind, r.item, r.quantity, false);
  }
  for (let k = 0; k < inbound.length; k++) {
    const flow = doc.flows[inbound[k]!]!;
    push(needs, flow.id, inboundTo[k]!, flow.kind, flow.item, flow.quantity, true);
  }
  const familyScores = new Float64Array(symbols.length);
  const familyCarbonWeight = new Float64Array(symbols.length).fill(Number.NaN);
  for (let s = 0; s < symbols.length; s++) {
    const fam = familyIds[s];
    if (fam === undefined) continue;
    familyScores[s] = familyScore(fam);
    familyCarbonWeight[s] = getCarbonWeight(fam) ?? Number.NaN;
  }
  const values = valuesPerTonne(doc, offers, needs, symbols, items);
  const geo = { lat, lon, cos, x: plane.x, y: plane.y };
  offers.order = Uint32Array.from({ length: offers.count }, (_, i) => i);
  offers.position = offers.order;
  offers.packed = packSide(offers, geo);
  const base = {
    prepared: 'synergies' as const,
    ids,
    nodeOf,
    offers,
    needs,
    geo,
    bucketBound: Float64Array.from(bucketBounds),
    familyScore: familyScores,
    familyCarbonWeight,
    ...values,
    symbols,
    items,
    rawItems,
  };
  const offerGrid = buildOfferGrid(base, () => true);
  needs.order = cellOrder(needs, geo, offerGrid.grid);
  needs.position = new Uint32Array(needs.count);
  for (let k = 0; k < needs.count; k++) needs.position[needs.order[k]!] = k;
  needs.packed = packSide(needs, geo);
  return { ...base, offerGrid };
}

/** A candidate during the search (only candidates that pass the bounds become objects). */
interface Candidate {
  /** Rounded to 4 decimals, as shown. */
  score: number;
  /** km rounded to 3 decimals, NaN when unknown. */
  d: number;
  o: number;
  n: number;
  item: number;
  match: number;
  distance: number;
  quantity: number;
  kind: number;
}

/** True when a ranks strictly below b: lower score, then farther, then later offer, later need. */
function worse(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score < b.score;
  const da = Number.isNaN(a.d) ? Infinity : a.d;
  const db = Number.isNaN(b.d) ? Infinity : b.d;
  if (da !== db) return da > db;
  if (a.o !== b.o) return a.o > b.o;
  return a.n > b.n;
}

/** Bounded min-heap of the best candidates (the worst kept at the root). */
class TopHeap {
  readonly items: Candidate[] = [];
  constructor(readonly capacity: number) {}
  get full(): boolean {
    return this.items.length >= this.capacity;
  }
  get worst(): Candidate | undefined {
    return this.items[0];
  }
  offer(c: Candidate): void {
    const h = this.items;
    if (h.length < this.capacity) {
      h.push(c);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(h[i]!, h[p]!)) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
      return;
    }
    if (!worse(h[0]!, c)) return;
    h[0] = c;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && worse(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

/** Numbers of the search that do not change during a run. */
interface SearchSettings {
  radius: number;
  half: number;
  transport: TransportSettings;
  w: SynergyWeights;
  perNeed: number;
  minScore: number;
}

/** Fields of an offer's packed record (see SideTable.packed). */
const F_CODE = 0;
const F_P6 = 1;
const F_P4 = 2;
const F_P2 = 3;
const F_FAMILY = 4;
const F_LABEL = 5;
const F_KIND = 6;
const F_NODE = 7;
const F_AMOUNT = 8;
const F_DIM = 9;
const F_LAT = 10;
const F_COS = 11;
const F_LON = 12;
/** Position of the record in its side table. */
const F_INDEX = 13;
const F_X = 14;
const F_Y = 15;
const F_BUCKET_A = 16;
const F_BUCKET_B = 17;
const STRIDE = 18;
/** Records copied beside the grid's entries keep the fields the evaluation reads (up to F_INDEX). */
const ENTRY_STRIDE = 14;

/** Packs the fields the search reads per offer or need into one record (one or two cache lines), in `t.order`. */
function packSide(t: SideTable, geo: PreparedSynergies['geo']): Float64Array {
  const r = new Float64Array(t.count * STRIDE);
  for (let k = 0; k < t.count; k++) {
    const i = t.order[k]!;
    const b = k * STRIDE;
    const node = t.node[i]!;
    r[b + F_CODE] = t.code[i]!;
    r[b + F_P6] = t.p6[i]!;
    r[b + F_P4] = t.p4[i]!;
    r[b + F_P2] = t.p2[i]!;
    r[b + F_FAMILY] = t.family[i]!;
    r[b + F_LABEL] = t.label[i]!;
    r[b + F_KIND] = t.kind[i]!;
    r[b + F_NODE] = node;
    r[b + F_AMOUNT] = t.amount[i]!;
    r[b + F_DIM] = t.dimension[i]!;
    r[b + F_LAT] = geo.lat[node]!;
    r[b + F_COS] = geo.cos[node]!;
    r[b + F_LON] = geo.lon[node]!;
    r[b + F_INDEX] = i;
    r[b + F_X] = geo.x[node]!;
    r[b + F_Y] = geo.y[node]!;
    r[b + F_BUCKET_A] = t.bucketA[i]!;
    r[b + F_BUCKET_B] = t.bucketB[i]!;
  }
  return r;
}

/**
 * Needs in the order of the offer-grid cell they fall in (in their first bucket): consecutive needs
 * then read the same cells and offers, which stay in cache. A counting sort, O(needs + cells).
 */
function cellOrder(t: SideTable, geo: PreparedSynergies['geo'], grid: BucketGrid): Uint32Array {
  const cells = grid.cellBase[grid.bucketCount]!;
  const key = new Uint32Array(t.count);
  const start = new Uint32Array(cells + 2);
  for (let i = 0; i < t.count; i++) {
    const a = t.bucketA[i]!;
    const b = a >= 0 ? a : t.bucketB[i]!;
    const node = t.node[i]!;
    const x = geo.x[node]!;
    let c = cells;
    if (b >= 0 && grid.width[b]! > 0 && !Number.isNaN(x)) {
      const C = grid.cellSize[b]!;
      const cx = Math.min(grid.width[b]! - 1, Math.max(0, Math.floor((x - grid.originX[b]!) / C)));
      const cy = Math.min(grid.height[b]! - 1, Math.max(0, Math.floor((geo.y[node]! - grid.originY[b]!) / C)));
      c = grid.cellBase[b]! + cy * grid.width[b]! + cx;
    }
    key[i] = c;
    start[c + 1]!++;
  }
  for (let c = 0; c <= cells; c++) start[c + 1]! += start[c]!;
  const order = new Uint32Array(t.count);
  for (let i = 0; i < t.count; i++) order[start[key[i]!]!++] = i;
  return order;
}

/** @internal The offers’ grid and, aligned with its entries, copies of the offers’ records. */
export interface OfferGrid {
  grid: BucketGrid;
  records: Float64Array;
  /** Per entry, the offer's other bucket (-1 when none): a need searching two buckets skips in the second what it met in the first. */
  other: Int32Array;
  /** Per entry, the offer's amount and dimension: the quantity bound is checked while scanning a cell. */
  amount: Float64Array;
  dimension: Int8Array;
}

/** Builds the grid of the offers `include` keeps, with their records copied in entry order. */
function buildOfferGrid(p: Omit<PreparedSynergies, 'offerGrid'>, include: (i: number) => boolean): OfferGrid {
  const O = p.offers;
  const a = new Int32Array(O.count).fill(-1);
  const b = new Int32Array(O.count).fill(-1);
  const x = new Float64Array(O.count);
  const y = new Float64Array(O.count);
  for (let i = 0; i < O.count; i++) {
    x[i] = p.geo.x[O.node[i]!]!;
    y[i] = p.geo.y[O.node[i]!]!;
    if (!include(i)) continue;
    a[i] = O.bucketA[i]!;
    b[i] = O.bucketB[i]!;
  }
  const grid = buildBucketGrid(x, y, [a, b], p.bucketBound.length);
  const records = new Float64Array(grid.entries.length * ENTRY_STRIDE);
  const other = new Int32Array(grid.entries.length);
  const amount = new Float64Array(grid.entries.length);
  const dimension = new Int8Array(grid.entries.length);
  const source = O.packed;
  for (let bucket = 0; bucket < grid.bucketCount; bucket++) {
    for (let e = grid.cellStart[grid.cellBase[bucket]!]!; e < grid.cellStart[grid.cellBase[bucket + 1]!]!; e++) {
      const o = grid.entries[e]!;
      const from = o * STRIDE;
      const to = e * ENTRY_STRIDE;
      for (let f = 0; f < ENTRY_STRIDE; f++) records[to + f] = source[from + f]!;
      other[e] = a[o] === bucket ? b[o]! : a[o]!;
      amount[e] = O.amount[o]!;
      dimension[e] = O.dimension[o]!;
    }
  }
  return { grid, records, other, amount, dimension };
}

/**
 * Runs the branch-and-bound search for the needs at `positions` (in the needs' packed order, best
 * ascending) against the offers in `grid`, adding the best `perNeed` of each need to `heap`.
 */
function search(p: PreparedSynergies, offerGrid: OfferGrid, keep: Uint8Array | undefined, positions: ArrayLike<number>, heap: TopHeap, s: SearchSettings): void {
  const { grid, records: ER, other, amount: entryAmount, dimension: entryDimension } = offerGrid;
  const O = p.offers;
  const R = p.offers.packed;
  const NP = p.needs.packed;
  const { radius, half, transport, w, perNeed, minScore } = s;
  const rates = cheapestRates(transport);
  const offerValue = p.offerValue;
  const defaultValue = transport.defaultValuePerTonne;
  const maxOfferValue = Number.isNaN(p.maxOfferValue) ? defaultValue : Math.max(defaultValue, p.maxOfferValue);
  const wI = w.item;
  const wD = w.distance;
  const wQ = w.quantity;
  const wK = w.kind;
  const familyScores = p.familyScore;
  const kinds = FLOW_KINDS.length;
  const local: Candidate[] = [];
  let kept = 0;
  const { originX, originY, cellSize, width, height, cellBase, cellStart, entries, entryX, entryY, unlocatedStart, unlocated } = grid;
  const bucketCount = grid.bucketCount;
  const prefix6 = ITEM_MATCH_SCORES['code-prefix-6'];
  const prefix4 = ITEM_MATCH_SCORES['code-prefix-4'];
  const prefix2 = ITEM_MATCH_SCORES['code-prefix-2'];
  const labelScore = ITEM_MATCH_SCORES.label;

  let thr = minScore;
  // The need being searched, its fields in locals (read once per need, not once per offer).
  let n = 0;
  let nNode = 0;
  let nLat = 0;
  let nLon = 0;
  let nCos = 0;
  let nX = 0;
  let nY = 0;
  let nCode = -1;
  let nP6 = -1;
  let nP4 = -1;
  let nP2 = -1;
  let nFamily = -1;
  let nLabel = -1;
  let nKindRow = 0;
  let nAmount = 0;
  let nDim = -1;
  // Without a known quantity of its own, a need's quantity part is 0.5 whatever the offer.
  let nQuantityMax = 1;
  // The need's value per tonne (NaN when unknown), and the most a pair with it can be worth.
  let nValue = Number.NaN;
  let vBound = 0;
  // The need's item is an energy or a utility (its family scores 1): the distance part is a network's.
  let nNetworked = false;

  const threshold = () => {
    let t = minScore;
    if (heap.full && heap.worst!.score > t) t = heap.worst!.score;
    if (kept >= perNeed && local[perNeed - 1]!.score > t) t = local[perNeed - 1]!.score;
    return t;
  };
  // Farthest distance (km) at which an offer whose item scores at most `bound` can still reach `thr`.
  const reach = (bound: number): number => {
    const rest = wI * bound + wQ * nQuantityMax + wK;
    if (rest + wD < thr - EPS) return -1;
    if (wD <= 0 || rest >= thr - EPS) return radius;
    const r = (thr - EPS - rest) / wD;
    // The distance part is at most 2^(−d / half) (energy, utilities) or, for materials,
    // vBound / (vBound + cheapest handling + cheapest rate × d): the farther of the two reaches.
    if (!(r > 0) || rates.perTonneKm <= 0) return radius;
    const byNetwork = -half * Math.log2(r);
    const byTransport = (vBound / r - vBound - rates.perTonne) / rates.perTonneKm;
    return Math.min(radius, Math.max(byNetwork, byTransport));
  };
  // Scores the offer whose record starts at `b` in `R` (an entry record or a side record).
  const evaluate = (R: Float64Array, b: number, dKnown: boolean) => {
    if (R[b + F_NODE] === nNode) return;
    const o = R[b + F_INDEX]!;
    // Item compatibility on interned symbols (same levels as itemCompatibility).
    let item = 0;
    let match = -1;
    const oc = R[b + F_CODE]!;
    if (oc >= 0 && nCode >= 0) {
      if (oc === nCode) {
        item = 1;
        match = 0;
      } else if (nP6 >= 0 && R[b + F_P6] === nP6) {
        item = prefix6;
        match = 1;
      } else if (nP4 >= 0 && R[b + F_P4] === nP4) {
        item = prefix4;
        match = 2;
      } else if (nP2 >= 0 && R[b + F_P2] === nP2) {
        item = prefix2;
        match = 3;
      }
    }
    const of = R[b + F_FAMILY]!;
    if (of >= 0 && of === nFamily && familyScores[of]! > item) {
      item = familyScores[of]!;
      match = 4;
    }
    if (match < 0) {
      if (nLabel >= 0 && R[b + F_LABEL] === nLabel) {
        item = labelScore;
        match = 5;
      } else return;
    }
    const kind = KIND_TABLE[nKindRow + R[b + F_KIND]!]!;
    // Cheap parts first: the distance (trigonometry) is computed only if the rest leaves room.
    const quantity = quantityFit(R[b + F_AMOUNT]!, R[b + F_DIM]!, nAmount, nDim);
    const partial = wI * item + wK * kind + wQ * quantity;
    if (partial + (dKnown ? wD : 0) < thr - EPS) return;
    let d = Number.NaN;
    if (dKnown) {
      d = haversineCore(R[b + F_LAT]!, nLat, R[b + F_COS]!, nCos, nLon - R[b + F_LON]!);
      if (d > radius) return;
    }
    const value = Number.isNaN(nValue) ? (offerValue[o]! >= 0 ? offerValue[o]! : defaultValue) : nValue;
    const networked = (of >= 0 && familyScores[of] === 1) || nNetworked;
    const distance = networked ? networkPart(d, half) : transportPart(transport, d, exchangedMass(R[b + F_AMOUNT]!, R[b + F_DIM]!, nAmount, nDim), value);
    if (partial + wD * distance < thr - EPS) return;
    // Ranked as shown: rounded score, then rounded distance.
    const score = round4(combine(w, item, distance, quantity, kind));
    if (score < thr || score < minScore) return;
    if (dKnown) d = round3(d);
    const c: Candidate = { score, d, o, n, item, match, distance, quantity, kind };
    if (heap.full && !worse(heap.worst!, c)) return;
    // Insert into the need's own sorted list of at most perNeed (`kept` long; the array is reused).
    if (kept >= perNeed) {
      if (!worse(local[perNeed - 1]!, c)) return;
      kept--;
    }
    let i = kept++;
    while (i > 0 && worse(local[i - 1]!, c)) {
      local[i] = local[i - 1]!;
      i--;
    }
    local[i] = c;
    thr = threshold();
  };

  const buckets = [0, 0];
  for (let k = 0; k < positions.length; k++) {
    const nb = positions[k]! * STRIDE;
    n = NP[nb + F_INDEX]!;
    nNode = NP[nb + F_NODE]!;
    nLat = NP[nb + F_LAT]!;
    nLon = NP[nb + F_LON]!;
    nCos = NP[nb + F_COS]!;
    nX = NP[nb + F_X]!;
    nY = NP[nb + F_Y]!;
    nCode = NP[nb + F_CODE]!;
    nP6 = NP[nb + F_P6]!;
    nP4 = NP[nb + F_P4]!;
    nP2 = NP[nb + F_P2]!;
    nFamily = NP[nb + F_FAMILY]!;
    nLabel = NP[nb + F_LABEL]!;
    nKindRow = NP[nb + F_KIND]! * kinds;
    nAmount = NP[nb + F_AMOUNT]!;
    nDim = NP[nb + F_DIM]!;
    nQuantityMax = nDim >= 0 && nAmount > 0 ? 1 : 0.5;
    nValue = p.needValue[n]!;
    vBound = Number.isNaN(nValue) ? maxOfferValue : nValue;
    nNetworked = nFamily >= 0 && familyScores[nFamily] === 1;
    const nLocated = !Number.isNaN(nX);
    kept = 0;
    thr = threshold();
    // Buckets with the higher bound first, so that an offer met again later was judged loosely first.
    let count = 0;
    const a = NP[nb + F_BUCKET_A]!;
    const b = NP[nb + F_BUCKET_B]!;
    if (a >= 0 && a < bucketCount) buckets[count++] = a;
    if (b >= 0 && b < bucketCount) buckets[count++] = b;
    if (count === 2 && p.bucketBound[buckets[1]!]! > p.bucketBound[buckets[0]!]!) {
      buckets[0] = b;
      buckets[1] = a;
    }
    for (let bi = 0; bi < count; bi++) {
      const bk = buckets[bi]!;
      // An offer in both of the need's buckets was judged in the first (the looser bound, an
      // earlier and so lower threshold): skipped in the second.
      const first = bi === 1 ? buckets[0]! : -2;
      const bound = p.bucketBound[bk]!;
      // The best an offer of this bucket can score but for its quantity part.
      const quantityRoom = wI * bound + wK + wD;
      let dMax = reach(bound);
      let dThr = thr;
      if (dMax < 0) continue;
      // Unlocated offers: their distance part is 0.
      for (let u = unlocatedStart[bk]!; u < unlocatedStart[bk + 1]!; u++) {
        const o = unlocated[u]!;
        if ((O.bucketA[o] === bk ? O.bucketB[o] : O.bucketA[o]) === first || (keep && !keep[o])) continue;
        evaluate(R, o * STRIDE, false);
      }
      const base = cellBase[bk]!;
      const W = width[bk]!;
      const H = height[bk]!;
      if (!nLocated) {
        // An unlocated need meets every located offer of the bucket, without a distance part.
        for (let e = cellStart[base]!; e < cellStart[base + W * H]!; e++) {
          if (other[e] === first || (keep && !keep[entries[e]!])) continue;
          evaluate(ER, e * ENTRY_STRIDE, false);
        }
        continue;
      }
      const C = cellSize[bk]!;
      const ox = originX[bk]!;
      const oy = originY[bk]!;
      const cx = Math.floor((nX - ox) / C);
      const cy = Math.floor((nY - oy) / C);
      // Rings of cells around the need's, nearest first, each clipped to the square within reach.
      for (let r = 0; ; r++) {
        // The reach shrinks only when the threshold rose.
        if (thr !== dThr) {
          dMax = reach(bound);
          dThr = thr;
        }
        if (dMax < 0) break;
        const xLo = Math.max(0, Math.floor((nX - dMax - ox) / C));
        const xHi = Math.min(W - 1, Math.floor((nX + dMax - ox) / C));
        const yLo = Math.max(0, Math.floor((nY - dMax - oy) / C));
        const yHi = Math.min(H - 1, Math.floor((nY + dMax - oy) / C));
        // The ring lies wholly outside the square (planar distances underestimate great-circle ones).
        if (xLo > xHi || yLo > yHi || (cx - r < xLo && cx + r > xHi && cy - r < yLo && cy + r > yHi)) break;
        const rowFrom = Math.max(yLo, cy - r);
        const rowTo = Math.min(yHi, cy + r);
        for (let yy = rowFrom; yy <= rowTo; yy++) {
          const full = yy === cy - r || yy === cy + r;
          const cellY0 = oy + yy * C;
          const gapY = Math.max(0, cellY0 - nY, nY - cellY0 - C);
          const colFrom = full ? Math.max(xLo, cx - r) : cx - r;
          const colTo = full ? Math.min(xHi, cx + r) : cx + r;
          const step = full || r === 0 ? 1 : 2 * r;
          for (let xx = colFrom; xx <= colTo; xx += step) {
            if (xx < xLo || xx > xHi) continue;
            // The whole cell is out of reach: skip it without reading its entries.
            const cellX0 = ox + xx * C;
            const gapX = Math.max(0, cellX0 - nX, nX - cellX0 - C);
            if (gapX * gapX + gapY * gapY > dMax * dMax) continue;
            const cell = base + yy * W + xx;
            const end = cellStart[cell + 1]!;
            let e = cellStart[cell]!;
            // Entries are sorted by y: skip those below reach (binary search in large cells).
            const yMin = nY - dMax - 1e-9;
            if (end - e > 16) {
              let hi = end;
              while (e < hi) {
                const mid = (e + hi) >>> 1;
                if (entryY[mid]! < yMin) e = mid + 1;
                else hi = mid;
              }
            } else while (e < end && entryY[e]! < yMin) e++;
            for (; e < end; e++) {
              const dy = entryY[e]! - nY;
              if (dy > dMax + 1e-9) break;
              const dx = entryX[e]! - nX;
              // Planar distance never exceeds the great-circle one (see geo/grid.ts).
              if (dx * dx + dy * dy > dMax * dMax * (1 + 1e-9) + 1e-9) continue;
              if (other[e] === first || (keep && !keep[entries[e]!])) continue;
              // Most offers in reach fail on quantity once the threshold is high: checked here,
              // before their record is read.
              if (quantityRoom + wQ * quantityFit(entryAmount[e]!, entryDimension[e]!, nAmount, nDim) < thr - EPS) continue;
              evaluate(ER, e * ENTRY_STRIDE, true);
            }
          }
        }
      }
    }
    for (let i = 0; i < kept; i++) heap.offer(local[i]!);
  }
}

/** A need key for pooling: exact code, else family, else label. */
function poolKey(t: SideTable, i: number): number {
  return t.code[i]! >= 0 ? t.code[i]! : t.family[i]! >= 0 ? t.family[i]! : t.label[i]!;
}

/** Pooling candidates (see {@link PoolingCandidate}): leader clustering per need key. */
function findPooling(p: PreparedSynergies, keep: Uint8Array, radius: number, top: number, establishment: number, maxMembers: number): PoolingCandidate[] {
  const N = p.needs;
  const { lat, lon, cos, x: px, y: py } = p.geo;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < N.count; i++) {
    if (!keep[i] || N.fromFlow[i] || Number.isNaN(px[N.node[i]!]!)) continue;
    const key = poolKey(N, i);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  const dist = (a: number, b: number) => haversineCore(lat[a]!, lat[b]!, cos[a]!, cos[b]!, lon[b]! - lon[a]!);
  // Groups are measured first; only the best `top` are written out with their id lists.
  interface Group {
    key: number;
    /** Leader's need first, then the others in document order. */
    members: number[];
    leaderNode: number;
    nodes: number;
    quantity: number;
    dimension: number;
    maxD: number;
  }
  const found: Group[] = [];
  const nodeStamp = new Uint32Array(p.ids.length);
  let stamp = 0;
  const sums = new Float64Array(DIMENSIONS.length);
  const counts = new Uint32Array(DIMENSIONS.length);
  const emit = (key: number, members: number[], leaderNode: number) => {
    let nodes = 0;
    let maxD = 0;
    sums.fill(0);
    counts.fill(0);
    stamp++;
    for (const i of members) {
      const node = N.node[i]!;
      if (nodeStamp[node] !== stamp) {
        nodeStamp[node] = stamp;
        nodes++;
        if (node !== leaderNode) maxD = Math.max(maxD, dist(leaderNode, node));
      }
      const dim = N.dimension[i]!;
      if (dim >= 0) {
        sums[dim]! += N.amount[i]!;
        counts[dim]!++;
      }
    }
    if (nodes < 2) return;
    let best = -1;
    for (let d = 0; d < DIMENSIONS.length; d++) if (counts[d]! > 0 && (best < 0 || counts[d]! > counts[best]!)) best = d;
    found.push({ key, members, leaderNode, nodes, quantity: best >= 0 ? sums[best]! : 0, dimension: best, maxD });
  };
  const write = (g: Group): PoolingCandidate => {
    // Leader first, then the nearest others (document order among equals), at most maxMembers.
    const others: { node: number; d: number; first: number }[] = [];
    stamp++;
    nodeStamp[g.leaderNode] = stamp;
    for (let k = 0; k < g.members.length; k++) {
      const node = N.node[g.members[k]!]!;
      if (nodeStamp[node] === stamp) continue;
      nodeStamp[node] = stamp;
      others.push({ node, d: dist(g.leaderNode, node), first: k });
    }
    others.sort((a, b) => a.d - b.d || a.first - b.first);
    const listed = [g.leaderNode, ...others.slice(0, Math.max(0, maxMembers - 1)).map((o) => o.node)];
    stamp++;
    for (const node of listed) nodeStamp[node] = stamp;
    const raw = p.rawItems[N.item[g.members[0]!]!];
    const symbol = p.symbols[g.key]!;
    return {
      key: symbol.startsWith('family:') || symbol.startsWith('label:') ? symbol : `code:${raw?.code ?? symbol}`,
      // Labels are kept only for label keys: for coded items, the first label met may be another site's.
      item: raw?.code ? { code: raw.code, ...(raw.family ? { family: raw.family } : {}) } : raw?.family ? { family: raw.family } : { label: raw?.label ?? symbol.slice(6) },
      leader: p.ids[g.leaderNode]!,
      size: g.nodes,
      establishments: listed.map((i) => p.ids[i]!),
      needs: g.members.filter((i) => nodeStamp[N.node[i]!] === stamp).map((i) => N.id[i]!),
      maxDistanceKm: round(g.maxD, 3),
      ...(g.dimension >= 0 ? { quantity: { value: round(g.quantity, 3), unit: BASE_UNITS[DIMENSIONS[g.dimension]!] } } : {}),
    };
  };
  for (const [key, members] of groups) {
    if (members.length < 2) continue;
    if (establishment >= 0) {
      // Around one establishment: the others declaring the same need within the radius of it.
      const own = members.filter((i) => N.node[i] === establishment);
      if (!own.length) continue;
      const near = members.filter((i) => N.node[i] !== establishment && dist(establishment, N.node[i]!) <= radius);
      if (near.length) emit(key, [...own, ...near], establishment);
      continue;
    }
    // Leader clustering in document order: each need joins the earliest leader within the radius,
    // else leads a group of its own (the same as leaders claiming, in turn, all free needs in reach).
    // Leaders are few in practice and scanned in a list; past 32, a grid of radius-wide cells
    // narrows the scan to the 3 × 3 cells around the need (planar distances never exceed true ones).
    const leaders: number[] = [];
    const groupsOf: number[][] = [];
    let cells: Map<number, number[]> | undefined;
    const cellKey = (node: number) => Math.floor(px[node]! / radius) * 1_048_576 + Math.floor(py[node]! / radius);
    for (const i of members) {
      const node = N.node[i]!;
      let joined = -1;
      if (!cells) {
        for (let l = 0; l < leaders.length; l++) {
          if (dist(N.node[leaders[l]!]!, node) <= radius) {
            joined = l;
            break;
          }
        }
      } else {
        const cx = Math.floor(px[node]! / radius);
        const cy = Math.floor(py[node]! / radius);
        for (let dx = -1; dx <= 1; dx++) {
          for (let dy = -1; dy <= 1; dy++) {
            for (const l of cells.get((cx + dx) * 1_048_576 + cy + dy) ?? []) {
              if ((joined < 0 || l < joined) && dist(N.node[leaders[l]!]!, node) <= radius) joined = l;
            }
          }
        }
      }
      if (joined >= 0) {
        groupsOf[joined]!.push(i);
        continue;
      }
      leaders.push(i);
      groupsOf.push([i]);
      if (leaders.length === 33) {
        cells = new Map();
        for (let l = 0; l < leaders.length; l++) {
          const k = cellKey(N.node[leaders[l]!]!);
          const list = cells.get(k);
          if (list) list.push(l);
          else cells.set(k, [l]);
        }
      } else if (cells) {
        const k = cellKey(node);
        const list = cells.get(k);
        if (list) list.push(leaders.length - 1);
        else cells.set(k, [leaders.length - 1]);
      }
    }
    for (let l = 0; l < leaders.length; l++) if (groupsOf[l]!.length > 1) emit(key, groupsOf[l]!, N.node[leaders[l]!]!);
  }
  found.sort((a, b) => b.nodes - a.nodes || b.quantity - a.quantity || compareStrings(p.symbols[a.key]!, p.symbols[b.key]!) || a.members[0]! - b.members[0]!);
  return (Number.isFinite(top) ? found.slice(0, top) : found).map(write);
}

/**
 * Finds synergy candidates (offers × needs and offers × inputs from outside) and pooling
 * candidates. Accepts a document or a {@link PreparedSynergies} (prepare once for many queries).
 *
 * @example
 * ```ts
 * const { matches } = findSynergies(doc, { radiusKm: 20, top: 10 });
 * for (const m of matches) console.log(m.from, '→', m.to, m.score, m.parts);
 * ```
 */
export function findSynergies(input: ToileDocument | PreparedSynergies, options: SynergyOptions = {}): SynergyResult {
  const p = 'prepared' in input && input.prepared === 'synergies' ? input : prepareSynergies(input as ToileDocument);
  const radius = options.radiusKm ?? 50;
  const half = options.halfDistanceKm ?? radius / 2;
  const transport = transportSettings(options.transport);
  const top = Math.max(0, options.top ?? 50);
  const perNeed = Math.max(1, Math.floor(options.perNeed ?? 3));
  const weights = normaliseWeights(options.weights);
  const settings = { radiusKm: radius, halfDistanceKm: half, transport, top, perNeed, weights };
  const O = p.offers;
  const N = p.needs;
  let target = -1;
  if (options.establishment !== undefined) {
    const node = p.nodeOf.get(options.establishment);
    if (node === undefined) return { matches: [], pooling: [], unknownEstablishment: true, settings, considered: { offers: 0, needs: 0, flowNeeds: 0 } };
    target = node;
  }
  const familySymbol = options.family !== undefined ? p.symbols.indexOf(`family:${options.family}`) : -1;
  const keepOffer = new Uint8Array(O.count);
  const keepNeed = new Uint8Array(N.count);
  const considered = { offers: 0, needs: 0, flowNeeds: 0 };
  for (let i = 0; i < O.count; i++) {
    if (options.family !== undefined && (familySymbol < 0 || O.family[i] !== familySymbol)) continue;
    keepOffer[i] = 1;
    considered.offers++;
  }
  for (let i = 0; i < N.count; i++) {
    if (N.fromFlow[i] && options.flowNeeds === false) continue;
    if (options.family !== undefined && (familySymbol < 0 || N.family[i] !== familySymbol)) continue;
    keepNeed[i] = 1;
    if (N.fromFlow[i]) considered.flowNeeds++;
    else considered.needs++;
  }
  const heap = new TopHeap(top);
  const s: SearchSettings = { radius, half, transport, w: weights, perNeed, minScore: options.minScore ?? 0 };
  // The grid of all offers was built by prepareSynergies; a family filter skips offers in it.
  const keep = options.family !== undefined ? keepOffer : undefined;
  if (top > 0) {
    const order = N.order;
    if (target < 0) {
      const list: number[] = [];
      for (let k = 0; k < N.count; k++) if (keepNeed[order[k]!]) list.push(k);
      search(p, p.offerGrid, keep, list, heap, s);
    } else {
      // The establishment's needs against every offer, then everyone's needs against its offers.
      // Others' needs matter only if they share a material bucket with one of its offers.
      const ownBuckets = new Uint8Array(p.bucketBound.length);
      for (let i = 0; i < O.count; i++) {
        if (O.node[i] !== target || !keepOffer[i]) continue;
        if (O.bucketA[i]! >= 0) ownBuckets[O.bucketA[i]!] = 1;
        if (O.bucketB[i]! >= 0) ownBuckets[O.bucketB[i]!] = 1;
      }
      const shares = (i: number) => (N.bucketA[i]! >= 0 && ownBuckets[N.bucketA[i]!] === 1) || (N.bucketB[i]! >= 0 && ownBuckets[N.bucketB[i]!] === 1);
      const own: number[] = [];
      const others: number[] = [];
      for (let k = 0; k < N.count; k++) {
        const i = order[k]!;
        if (!keepNeed[i]) continue;
        if (N.node[i] === target) own.push(k);
        else if (shares(i)) others.push(k);
      }
      search(p, p.offerGrid, keep, own, heap, s);
      search(p, buildOfferGrid(p, (i) => keepOffer[i] === 1 && O.node[i] === target), undefined, others, heap, s);
    }
  }
  const best = heap.items.slice().sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  const matches = best.map((c): SynergyMatch => {
    const oItem = p.items[O.item[c.o]!]!;
    const nItem = p.items[N.item[c.n]!]!;
    const mass = exchangedMass(O.amount[c.o]!, O.dimension[c.o]!, N.amount[c.n]!, N.dimension[c.n]!);
    const fam = O.family[c.o]! >= 0 ? O.family[c.o]! : N.family[c.n]!;
    const weight = fam >= 0 ? p.familyCarbonWeight[fam]! : Number.NaN;
    return {
      offer: O.id[c.o]!,
      need: N.id[c.n]!,
      from: p.ids[O.node[c.o]!]!,
      to: p.ids[N.node[c.n]!]!,
      score: c.score,
      parts: { item: round(c.item, 4), distance: round(c.distance, 4), quantity: round(c.quantity, 4), kind: round(c.kind, 4) },
      itemMatch: MATCH_LEVELS[c.match]!,
      ...(Number.isNaN(c.d) ? {} : { distanceKm: c.d, ...(networkedPair(p, c.o, c.n) ? {} : { transport: explainTransport(transport, c.d, mass, ...pairValue(p, c.o, c.n, transport)) }) }),
      hazardous: oItem.hazardous || nItem.hazardous,
      ...(weight >= 0 && mass >= 0 ? { carbonIndex: round(mass * weight, 2) } : {}),
      needSource: N.fromFlow[c.n] ? 'flow' : 'resource',
    };
  });
  const pooling = options.pooling === false || top === 0 ? [] : findPooling(p, keepNeed, radius, top, target, Math.max(2, options.poolingMembers ?? 100));
  return { matches, pooling, unknownEstablishment: false, settings, considered };
}

/** Whether a pair's distance part is a network's (an energy or utility family on either side), as the search decides it. */
function networkedPair(p: PreparedSynergies, o: number, n: number): boolean {
  const of = p.offers.family[o]!;
  const nf = p.needs.family[n]!;
  return (of >= 0 && p.familyScore[of] === 1) || (nf >= 0 && p.familyScore[nf] === 1);
}

/** Value per tonne of a pair, as the search uses it: the need's, else the offer's, else the default; with its basis. */
function pairValue(p: PreparedSynergies, o: number, n: number, t: TransportSettings): [number, ValueBasis] {
  const basis = (b: number): ValueBasis => (b === 1 ? 'flow' : 'document');
  if (!Number.isNaN(p.needValue[n]!)) return [p.needValue[n]!, basis(p.needValueBasis[n]!)];
  if (!Number.isNaN(p.offerValue[o]!)) return [p.offerValue[o]!, basis(p.offerValueBasis[o]!)];
  return [t.defaultValuePerTonne, 'assumed'];
}

/**
 * Value per tonne of each offer and need: an input from outside, its own flow's (valueEur / t);
 * else the median €/t of the document's flows with the same code, else with the same family.
 */
function valuesPerTonne(doc: Pick<ToileDocument, 'flows'>, offers: SideTable, needs: SideTable, symbols: readonly string[], items: readonly ParsedItem[]) {
  const perKey = new Map<string, number[]>();
  const own = new Map<string, number>();
  for (const f of doc.flows) {
    if (!(f.valueEur !== undefined && f.valueEur > 0) || !f.quantity) continue;
    const base = unitBase(f.quantity.unit);
    if (base?.dimension !== MASS) continue;
    const tonnes = f.quantity.value * base.factor;
    if (!(tonnes > 0)) continue;
    const v = f.valueEur / tonnes;
    own.set(f.id, v);
    const parsed = parseItem(f.item);
    for (const key of [parsed.scheme ? `${parsed.scheme}:${parsed.digits}` : '', parsed.family ? `family:${parsed.family}` : '']) {
      if (!key) continue;
      const list = perKey.get(key);
      if (list) list.push(v);
      else perKey.set(key, [v]);
    }
  }
  const median = new Map<string, number>();
  for (const [key, list] of perKey) {
    list.sort((a, b) => a - b);
    const m = list.length >> 1;
    median.set(key, list.length % 2 ? list[m]! : (list[m - 1]! + list[m]!) / 2);
  }
  const fill = (t: SideTable) => {
    const value = new Float64Array(t.count).fill(Number.NaN);
    const basis = new Uint8Array(t.count);
    for (let i = 0; i < t.count; i++) {
      const mine = t.fromFlow[i] ? own.get(t.id[i]!) : undefined;
      if (mine !== undefined) {
        value[i] = mine;
        basis[i] = 1;
        continue;
      }
      const it = items[t.item[i]!]!;
      const v = (it.scheme ? median.get(`${it.scheme}:${it.digits}`) : undefined) ?? (t.family[i]! >= 0 ? median.get(symbols[t.family[i]!]!) : undefined);
      if (v !== undefined) {
        value[i] = v;
        basis[i] = 2;
      }
    }
    return { value, basis };
  };
  const o = fill(offers);
  const n = fill(needs);
  let maxOfferValue = Number.NaN;
  for (const v of o.value) if (v >= 0 && !(v <= maxOfferValue)) maxOfferValue = v;
  return { offerValue: o.value, offerValueBasis: o.basis, needValue: n.value, needValueBasis: n.basis, maxOfferValue };
}
