/**
 * The score of one offer against one need, and the small pieces the search shares with it (so
 * that both give bit-identical scores): weights, quantity fit, the distance part, the weighted sum.
 */
import { DIMENSIONS, FLOW_KINDS, getCarbonWeight, type Quantity } from '@toile/schema';
import { haversineKm } from '../../geo/haversine.ts';
import { unitBase } from '../../graph/base-quantity.ts';
import { UTILITY_FAMILIES, itemCompatibility, kindCompatibility, parseItem, type ItemMatch } from '../items.ts';
import { cheapestCost, transportPart, transportSettings, type TransportEstimate, type TransportSettings, type ValueBasis } from '../transport.ts';
import type { ScoredPair, SynergyOptions, SynergySide, SynergyWeights } from './types.ts';

/** Default weights: the item matters most, then distance, quantity fit and kind. */
export const DEFAULT_SYNERGY_WEIGHTS: Readonly<SynergyWeights> = { item: 0.4, distance: 0.25, quantity: 0.2, kind: 0.15 };

/** Position of the mass dimension in `DIMENSIONS`. */
export const MASS = DIMENSIONS.indexOf('mass');
/** Item match levels by the number the search uses for them. */
export const MATCH_LEVELS: readonly ItemMatch[] = ['code', 'code-prefix-6', 'code-prefix-4', 'code-prefix-2', 'family', 'label'];
/** Kind compatibility of two kinds, at `offerKind × FLOW_KINDS.length + needKind` (kinds by their position in `FLOW_KINDS`). */
export const KIND_TABLE = new Float64Array(FLOW_KINDS.length * FLOW_KINDS.length);
for (let a = 0; a < FLOW_KINDS.length; a++)
  for (let b = 0; b < FLOW_KINDS.length; b++) KIND_TABLE[a * FLOW_KINDS.length + b] = kindCompatibility(FLOW_KINDS[a]!, FLOW_KINDS[b]!);
/** A kind's position in `FLOW_KINDS`. */
export const KIND_CODE = new Map<string, number>(FLOW_KINDS.map((k, i) => [k, i]));
/**
 * Slack of the bounds: scores are ranked as shown, rounded to 4 decimals, so a raw bound half a
 * step below the threshold may still round up to it (plus room for floating-point error).
 */
export const EPS = 5e-5 + 1e-12;

export const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
/** The search's roundings, with constant factors (`round` computes its power on every call). */
export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
export const round3 = (x: number) => Math.round(x * 1e3) / 1e3;

/** Rescales weights to sum to 1 (the defaults when they sum to 0 or less). */
export function normaliseWeights(w: Partial<SynergyWeights> | undefined): SynergyWeights {
  const all = { ...DEFAULT_SYNERGY_WEIGHTS, ...w };
  for (const k of ['item', 'distance', 'quantity', 'kind'] as const) if (!(all[k] >= 0)) all[k] = 0;
  const sum = all.item + all.distance + all.quantity + all.kind;
  if (!(sum > 0)) return { ...DEFAULT_SYNERGY_WEIGHTS };
  return { item: all.item / sum, distance: all.distance / sum, quantity: all.quantity / sum, kind: all.kind / sum };
}

/** Quantity fit: smaller over larger amount, both in base units of one dimension; 0.5 when unknown. */
export function quantityFit(a: number, da: number, b: number, db: number): number {
  if (da < 0 || da !== db || !(a > 0) || !(b > 0)) return 0.5;
  return a < b ? a / b : b / a;
}

/** Distance part of energy and utilities: halves every `half` km; 0 when the distance is unknown. */
export function networkPart(d: number, half: number): number {
  return Number.isNaN(d) ? 0 : 2 ** (-d / half);
}

/** The explanation of a distance part (rounded as shown). */
export function explainTransport(t: TransportSettings, d: number, mass: number, value: number, basis: ValueBasis): TransportEstimate {
  const { mode, cost } = cheapestCost(t, d, mass);
  return {
    mode,
    costPerTonne: round(cost, 2),
    valuePerTonne: round(value, 2),
    valueBasis: basis,
    ...(mass >= 0 ? { tonnes: round(mass, 3) } : {}),
  };
}

/** The weighted sum, written once so that both code paths give bit-identical scores. */
export function combine(w: SynergyWeights, item: number, distance: number, quantity: number, kind: number): number {
  return w.item * item + w.distance * distance + w.quantity * quantity + w.kind * kind;
}

/** Mass exchanged (t/yr) from two amounts: the smaller when both are masses. NaN when neither is. */
export function exchangedMass(a: number, da: number, b: number, db: number): number {
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

/** Value per tonne of a pair: the need's, else the offer's, else the default; with its basis. */
function sideValue(offer: SynergySide, need: SynergySide, t: TransportSettings): [number, ValueBasis] {
  const known = (v: number | undefined): v is number => v !== undefined && v >= 0;
  if (known(need.valuePerTonne)) return [need.valuePerTonne, 'flow'];
  if (known(offer.valuePerTonne)) return [offer.valuePerTonne, 'flow'];
  return [t.defaultValuePerTonne, 'assumed'];
}

/**
 * Scores one offer against one need, as the finder does (same formula, same rounding). Returns
 * undefined when the items have nothing in common or the distance exceeds the radius.
 */
export function scoreSynergy(
  offer: SynergySide,
  need: SynergySide,
  options: Pick<SynergyOptions, 'radiusKm' | 'halfDistanceKm' | 'transport' | 'weights'> = {},
): ScoredPair | undefined {
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
  const [value, basis] = sideValue(offer, need, t);
  const networked = (a.family !== undefined && UTILITY_FAMILIES.has(a.family)) || (b.family !== undefined && UTILITY_FAMILIES.has(b.family));
  const parts = {
    item,
    distance: networked ? networkPart(d, half) : transportPart(t, d, mass, value),
    quantity: quantityFit(qa, da, qb, db),
    kind: kindCompatibility(offer.kind, need.kind),
  };
  const family = a.family ?? b.family;
  const weight = family ? getCarbonWeight(family) : undefined;
  return {
    score: round(combine(w, parts.item, parts.distance, parts.quantity, parts.kind), 4),
    parts: {
      item: round(parts.item, 4),
      distance: round(parts.distance, 4),
      quantity: round(parts.quantity, 4),
      kind: round(parts.kind, 4),
    },
    itemMatch: match,
    ...(located ? { distanceKm: round(d, 3), ...(networked ? {} : { transport: explainTransport(t, d, mass, value, basis) }) } : {}),
    hazardous: a.hazardous || b.hazardous,
    ...(weight !== undefined && mass >= 0 ? { carbonIndex: round(mass * weight, 2) } : {}),
  };
}
