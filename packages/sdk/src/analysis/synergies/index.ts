/**
 * The synergy finder: matches what establishments offer to what others need — and to the inputs
 * they buy from outside the territory — and scores each candidate in 0–1 with its parts:
 *
 *   score = w.item × item + w.distance × distance + w.quantity × quantity + w.kind × kind
 *
 * - item: along the code hierarchy (same code 1; shared 6-, 4-, 2-character prefix 0.85 / 0.7 / 0.4,
 *   i.e. EWC sub-chapter and chapter), same family 0.5 (1 for energy and utilities, where the family
 *   is the item), same label 0.8 when neither side has a code or a family;
 * - distance: for materials, transport economics (../transport.ts): value per tonne / (value per
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
 *
 * Files: ./types.ts (public types), ./score.ts (one pair's score), ./prepare.ts and ./tables.ts
 * (the prepared document), ./values.ts (value per tonne), ./grid.ts (the offers' grid and
 * records), ./search.ts and ./heap.ts (the pruned search), ./pooling.ts (pooling candidates).
 */
import type { ToileData } from '../../columnar/records.ts';
import { transportSettings, type TransportSettings } from '../transport.ts';
import { parseEwcCode, parseItem } from '../items.ts';
import { buildOfferGrid, type OfferGrid } from './grid.ts';
import { TopHeap, worse, type Candidate } from './heap.ts';
import { findPooling } from './pooling.ts';
import { prepareSynergies } from './prepare.ts';
import { exchangedMass, explainTransport, MATCH_LEVELS, normaliseWeights, round } from './score.ts';
import { search, type SearchSettings } from './search.ts';
import type { PreparedSynergies } from './tables.ts';
import type { SynergyMatch, SynergyOptions, SynergyResult } from './types.ts';
import { networkedPair, pairValue } from './values.ts';

export { DEFAULT_SYNERGY_WEIGHTS, scoreSynergy } from './score.ts';
export { prepareSynergies } from './prepare.ts';
export type { PreparedSynergies } from './tables.ts';
export type {
  PoolingCandidate,
  PrepareSynergyOptions,
  ScoredPair,
  SynergyMatch,
  SynergyOptions,
  SynergyParts,
  SynergyResult,
  SynergySide,
  SynergyWeights,
} from './types.ts';

/** Which offers and needs take part (1 kept), and how many of each. */
interface Selection {
  /** Offers kept by the family and hazard filters. */
  keepOffer: Uint8Array;
  /** The offers a need meets: undefined for all of them (no filter on offers), else `keepOffer`. */
  offersForAll: Uint8Array | undefined;
  keepNeed: Uint8Array;
  /** With a code filter: 1 for the needs of that code (they meet every kept offer)… */
  needOfCode: Uint8Array | undefined;
  /** …and the kept offers of that code (what the other needs meet). */
  offersOfCode: Uint8Array | undefined;
  /** The needs pooling groups are made of (the need and hazard filters apply to matches only). */
  poolNeed: Uint8Array;
  considered: SynergyResult['considered'];
}

/** Per distinct item, 1 when its code is `code` or falls under it (see SynergyOptions.code). */
function itemsOfCode(p: PreparedSynergies, code: string): Uint8Array {
  const ewc = code.includes(':') ? undefined : parseEwcCode(code);
  const filter = ewc ? { scheme: 'ewc', digits: ewc.digits } : code.includes(':') ? parseItem({ code }) : undefined;
  const under = new Uint8Array(p.items.length);
  if (filter?.scheme === undefined || filter.digits === undefined) return under;
  for (let i = 0; i < p.items.length; i++) {
    const it = p.items[i]!;
    if (it.scheme === filter.scheme && it.digits!.startsWith(filter.digits)) under[i] = 1;
  }
  return under;
}

/** Offers and needs kept by the options (family, hazard, code, need, inputs from outside). */
function select(p: PreparedSynergies, options: SynergyOptions): Selection {
  const O = p.offers;
  const N = p.needs;
  const family = options.family;
  const familySymbol = family !== undefined ? p.symbols.indexOf(`family:${family}`) : -1;
  const safeOnly = options.excludeHazardous === true;
  const ofCode = options.code !== undefined ? itemsOfCode(p, options.code) : undefined;
  const keepOffer = new Uint8Array(O.count);
  const offersOfCode = ofCode ? new Uint8Array(O.count) : undefined;
  const considered = { offers: 0, needs: 0, flowNeeds: 0 };
  for (let i = 0; i < O.count; i++) {
    if (family !== undefined && (familySymbol < 0 || O.family[i] !== familySymbol)) continue;
    if (safeOnly && O.hazardous[i]) continue;
    keepOffer[i] = 1;
    if (offersOfCode) offersOfCode[i] = ofCode![O.item[i]!]!;
    considered.offers++;
  }
  const keepNeed = new Uint8Array(N.count);
  const needOfCode = ofCode ? new Uint8Array(N.count) : undefined;
  const poolNeed = new Uint8Array(N.count);
  for (let i = 0; i < N.count; i++) {
    if (N.fromFlow[i] && options.flowNeeds === false) continue;
    if (family !== undefined && (familySymbol < 0 || N.family[i] !== familySymbol)) continue;
    const under = ofCode ? ofCode[N.item[i]!]! : 1;
    poolNeed[i] = under;
    if ((safeOnly && N.hazardous[i]) || (options.need !== undefined && N.id[i] !== options.need)) continue;
    keepNeed[i] = 1;
    if (needOfCode) needOfCode[i] = under;
    if (N.fromFlow[i]) considered.flowNeeds++;
    else considered.needs++;
  }
  const offersForAll = family !== undefined || safeOnly ? keepOffer : undefined;
  return { keepOffer, offersForAll, keepNeed, needOfCode, offersOfCode, poolNeed, considered };
}

/**
 * Searches the needs at `positions` against `grid`: all of them against the offers `offersForAll`
 * keeps, except, with a code filter, the needs of other codes: against the offers of the code.
 */
function searchGrid(
  p: PreparedSynergies,
  grid: OfferGrid,
  selection: Selection,
  offersForAll: Uint8Array | undefined,
  positions: number[],
  heap: TopHeap,
  s: SearchSettings,
): void {
  const { needOfCode, offersOfCode } = selection;
  if (!needOfCode) {
    search(p, grid, offersForAll, positions, heap, s);
    return;
  }
  const ofCode: number[] = [];
  const others: number[] = [];
  for (const k of positions) (needOfCode[p.needs.order[k]!] ? ofCode : others).push(k);
  search(p, grid, offersForAll, ofCode, heap, s);
  search(p, grid, offersOfCode, others, heap, s);
}

/** Runs the search for every kept need, or around one establishment (`target` ≥ 0), into `heap`. */
function searchAll(p: PreparedSynergies, target: number, selection: Selection, heap: TopHeap, s: SearchSettings): void {
  const O = p.offers;
  const N = p.needs;
  const { keepOffer, keepNeed } = selection;
  const order = N.order;
  if (target < 0) {
    const list: number[] = [];
    for (let k = 0; k < N.count; k++) if (keepNeed[order[k]!]) list.push(k);
    // The grid of all offers was built by prepareSynergies; filters on offers skip offers in it.
    searchGrid(p, p.offerGrid, selection, selection.offersForAll, list, heap, s);
    return;
  }
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
  searchGrid(p, p.offerGrid, selection, selection.offersForAll, own, heap, s);
  if (others.length)
    searchGrid(
      p,
      buildOfferGrid(p, (i) => keepOffer[i] === 1 && O.node[i] === target),
      selection,
      undefined,
      others,
      heap,
      s,
    );
}

/** A candidate as the finder returns it. */
function toMatch(p: PreparedSynergies, c: Candidate, transport: TransportSettings): SynergyMatch {
  const O = p.offers;
  const N = p.needs;
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
    ...(Number.isNaN(c.d)
      ? {}
      : {
          distanceKm: c.d,
          ...(networkedPair(p, c.o, c.n) ? {} : { transport: explainTransport(transport, c.d, mass, ...pairValue(p, c.o, c.n, transport)) }),
        }),
    hazardous: oItem.hazardous || nItem.hazardous,
    ...(weight >= 0 && mass >= 0 ? { carbonIndex: round(mass * weight, 2) } : {}),
    needSource: N.fromFlow[c.n] ? 'flow' : 'resource',
  };
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
export function findSynergies(input: ToileData | PreparedSynergies, options: SynergyOptions = {}): SynergyResult {
  const p = 'prepared' in input && input.prepared === 'synergies' ? input : prepareSynergies(input as ToileData);
  const radius = options.radiusKm ?? 50;
  const half = options.halfDistanceKm ?? radius / 2;
  const transport = transportSettings(options.transport);
  const top = Math.max(0, options.top ?? 50);
  const perNeed = Math.max(1, Math.floor(options.perNeed ?? 3));
  const weights = normaliseWeights(options.weights);
  const settings = { radiusKm: radius, halfDistanceKm: half, transport, top, perNeed, weights };
  let target = -1;
  if (options.establishment !== undefined) {
    const node = p.nodeOf.get(options.establishment);
    if (node === undefined) return { matches: [], pooling: [], unknownEstablishment: true, settings, considered: { offers: 0, needs: 0, flowNeeds: 0 } };
    target = node;
  }
  const selection = select(p, options);
  const heap = new TopHeap(top);
  const s: SearchSettings = { radius, half, transport, w: weights, perNeed, minScore: options.minScore ?? 0 };
  if (top > 0) searchAll(p, target, selection, heap, s);
  const best = heap.items.slice().sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  const matches = best.map((c) => toMatch(p, c, transport));
  const pooling =
    options.pooling === false || top === 0
      ? []
      : findPooling(p, selection.poolNeed, radius, top, target, Math.max(2, options.poolingMembers ?? 100), options.need);
  return { matches, pooling, unknownEstablishment: false, settings, considered: selection.considered };
}
