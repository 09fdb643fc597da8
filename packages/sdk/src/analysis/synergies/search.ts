/**
 * The branch-and-bound search: each need visits the cells of its material buckets in rings,
 * nearest first, and rings, cells and offers that cannot beat the current top N (or the need's own
 * best `perNeed`) are pruned. Offers and needs are read from their records (./records.ts), the
 * need's fields once per need.
 */
import { FLOW_KINDS } from '@toile/schema';
import type { BucketGrid } from '../../geo/grid.ts';
import { haversineCore } from '../../geo/haversine.ts';
import { ITEM_MATCH_SCORES } from '../items.ts';
import { cheapestRates, transportPart, type TransportSettings } from '../transport.ts';
import type { OfferGrid } from './grid.ts';
import { worse, type Candidate, type TopHeap } from './heap.ts';
import type { NeedRecords, SideRecords } from './records.ts';
import { combine, EPS, exchangedMass, KIND_TABLE, networkPart, quantityFit, round3, round4 } from './score.ts';
import type { PreparedSynergies } from './tables.ts';
import type { SynergyWeights } from './types.ts';

/** Numbers of the search that do not change during a run. */
export interface SearchSettings {
  radius: number;
  half: number;
  transport: TransportSettings;
  w: SynergyWeights;
  perNeed: number;
  minScore: number;
}

const PREFIX6_SCORE = ITEM_MATCH_SCORES['code-prefix-6'];
const PREFIX4_SCORE = ITEM_MATCH_SCORES['code-prefix-4'];
const PREFIX2_SCORE = ITEM_MATCH_SCORES['code-prefix-2'];
const LABEL_SCORE = ITEM_MATCH_SCORES.label;
const KINDS = FLOW_KINDS.length;
/** Item match levels, as `Candidate.match` numbers them (see MATCH_LEVELS). */
const SAME_CODE = 0;
const SAME_PREFIX6 = 1;
const SAME_PREFIX4 = 2;
const SAME_PREFIX2 = 3;
const SAME_FAMILY = 4;
const SAME_LABEL = 5;

/**
 * One run of the search against the offers of one grid: {@link NeedSearch.run} searches needs in
 * turn, each adding its best `perNeed` candidates to the shared heap.
 */
export class NeedSearch {
  private readonly grid: BucketGrid;
  private readonly records: SideRecords;
  private readonly other: Int32Array;
  private readonly unlocatedRecords: SideRecords;
  private readonly unlocatedOther: Int32Array;
  private readonly needs: NeedRecords;
  private readonly needValues: Float64Array;
  private readonly offerValues: Float64Array;
  private readonly familyScores: Float64Array;
  private readonly bucketBound: Float64Array;
  private readonly radius: number;
  private readonly half: number;
  private readonly transport: TransportSettings;
  private readonly weights: SynergyWeights;
  private readonly wItem: number;
  private readonly wDistance: number;
  private readonly wQuantity: number;
  private readonly wKind: number;
  private readonly perNeed: number;
  private readonly minScore: number;
  /** Cheapest handling (€/t) and cheapest rate (€/t·km) over the modes: the bound of the transport part. */
  private readonly cheapestPerTonne: number;
  private readonly cheapestPerTonneKm: number;
  private readonly defaultValue: number;
  /** The most a tonne of any offer is worth (at least the default): the value bound of a need of unknown value. */
  private readonly maxOfferValue: number;
  /** The need's best candidates so far, best first (`kept` long; the array is reused). */
  private readonly local: Candidate[] = [];
  private kept = 0;
  /** The score a candidate must reach now: minScore, the heap's worst once full, the need's perNeed-th. */
  private threshold = 0;

  // The need being searched: its fields, read once per need (not once per offer).
  /** Position in the needs' side table. */
  private need = 0;
  private needNode = 0;
  private needLat = 0;
  private needLon = 0;
  private needCos = 0;
  private needX = 0;
  private needY = 0;
  private needCode = -1;
  private needPrefix6 = -1;
  private needPrefix4 = -1;
  private needPrefix2 = -1;
  private needFamily = -1;
  private needLabel = -1;
  /** Start of the need's kind row in KIND_TABLE. */
  private needKindRow = 0;
  private needAmount = 0;
  private needDimension = -1;
  /** The best quantity part a pair with the need can get: without a known quantity of its own, 0.5 whatever the offer. */
  private needQuantityMax = 1;
  /** The need's value per tonne (NaN when unknown), and the most a pair with it can be worth. */
  private needValue = Number.NaN;
  private valueBound = 0;
  /** The need's item is an energy or a utility (its family scores 1): the distance part is a network's. */
  private needNetworked = false;

  constructor(
    p: PreparedSynergies,
    offerGrid: OfferGrid,
    /** Offers to consider (1), by position in the offers' side table; all when undefined. */
    private readonly keep: Uint8Array | undefined,
    private readonly heap: TopHeap,
    s: SearchSettings,
  ) {
    this.grid = offerGrid.grid;
    this.records = offerGrid.records;
    this.other = offerGrid.other;
    this.unlocatedRecords = offerGrid.unlocatedRecords;
    this.unlocatedOther = offerGrid.unlocatedOther;
    this.needs = p.needRecords;
    this.needValues = p.needValue;
    this.offerValues = p.offerValue;
    this.familyScores = p.familyScore;
    this.bucketBound = p.bucketBound;
    this.radius = s.radius;
    this.half = s.half;
    this.transport = s.transport;
    this.weights = s.w;
    this.wItem = s.w.item;
    this.wDistance = s.w.distance;
    this.wQuantity = s.w.quantity;
    this.wKind = s.w.kind;
    this.perNeed = s.perNeed;
    this.minScore = s.minScore;
    const rates = cheapestRates(s.transport);
    this.cheapestPerTonne = rates.perTonne;
    this.cheapestPerTonneKm = rates.perTonneKm;
    this.defaultValue = s.transport.defaultValuePerTonne;
    this.maxOfferValue = Number.isNaN(p.maxOfferValue) ? this.defaultValue : Math.max(this.defaultValue, p.maxOfferValue);
  }

  /** Searches the needs at `positions` (in the needs' record order, best ascending), adding the best `perNeed` of each to the heap. */
  run(positions: ArrayLike<number>): void {
    for (let k = 0; k < positions.length; k++) {
      this.loadNeed(positions[k]!);
      this.kept = 0;
      this.threshold = this.currentThreshold();
      this.searchNeed(positions[k]!);
      for (let i = 0; i < this.kept; i++) this.heap.offer(this.local[i]!);
    }
  }

  private loadNeed(k: number): void {
    const r = this.needs;
    this.need = r.index[k]!;
    this.needNode = r.node[k]!;
    this.needLat = r.lat[k]!;
    this.needLon = r.lon[k]!;
    this.needCos = r.cos[k]!;
    this.needX = r.x[k]!;
    this.needY = r.y[k]!;
    this.needCode = r.code[k]!;
    this.needPrefix6 = r.prefix6[k]!;
    this.needPrefix4 = r.prefix4[k]!;
    this.needPrefix2 = r.prefix2[k]!;
    this.needFamily = r.family[k]!;
    this.needLabel = r.label[k]!;
    this.needKindRow = r.kind[k]! * KINDS;
    this.needAmount = r.amount[k]!;
    this.needDimension = r.dimension[k]!;
    this.needQuantityMax = this.needDimension >= 0 && this.needAmount > 0 ? 1 : 0.5;
    this.needValue = this.needValues[this.need]!;
    this.valueBound = Number.isNaN(this.needValue) ? this.maxOfferValue : this.needValue;
    this.needNetworked = this.needFamily >= 0 && this.familyScores[this.needFamily] === 1;
  }

  private currentThreshold(): number {
    let t = this.minScore;
    if (this.heap.full && this.heap.worst!.score > t) t = this.heap.worst!.score;
    if (this.kept >= this.perNeed && this.local[this.perNeed - 1]!.score > t) t = this.local[this.perNeed - 1]!.score;
    return t;
  }

  /** Farthest distance (km) at which an offer whose item scores at most `bound` can still reach the threshold; -1 when none can. */
  private reach(bound: number): number {
    const rest = this.wItem * bound + this.wQuantity * this.needQuantityMax + this.wKind;
    const thr = this.threshold - EPS;
    if (rest + this.wDistance < thr) return -1;
    if (this.wDistance <= 0 || rest >= thr) return this.radius;
    const r = (thr - rest) / this.wDistance;
    // The distance part is at most 2^(−d / half) (energy, utilities) or, for materials,
    // valueBound / (valueBound + cheapest handling + cheapest rate × d): the farther of the two reaches.
    if (!(r > 0) || this.cheapestPerTonneKm <= 0) return this.radius;
    const byNetwork = -this.half * Math.log2(r);
    const byTransport = (this.valueBound / r - this.valueBound - this.cheapestPerTonne) / this.cheapestPerTonneKm;
    return Math.min(this.radius, Math.max(byNetwork, byTransport));
  }

  /** Searches the need's buckets, the one with the higher bound first, so that an offer met again later was judged loosely first. */
  private searchNeed(k: number): void {
    const bucketCount = this.grid.bucketCount;
    let first = this.needs.bucketA[k]!;
    let second = this.needs.bucketB[k]!;
    if (!(first >= 0 && first < bucketCount)) first = -1;
    if (!(second >= 0 && second < bucketCount)) second = -1;
    if (first < 0) {
      first = second;
      second = -1;
    } else if (second >= 0 && this.bucketBound[second]! > this.bucketBound[first]!) {
      [first, second] = [second, first];
    }
    if (first < 0) return;
    this.searchBucket(first, -2);
    // An offer in both of the need's buckets was judged in the first (the looser bound, an
    // earlier and so lower threshold): skipped in the second.
    if (second >= 0) this.searchBucket(second, first);
  }

  /** Searches one bucket of the need, skipping offers whose other bucket is `skip`. */
  private searchBucket(bucket: number, skip: number): void {
    const bound = this.bucketBound[bucket]!;
    if (this.reach(bound) < 0) return;
    // In locals: fields are read again after every call, locals are not.
    const { keep, grid, records, other, unlocatedRecords, unlocatedOther } = this;
    const start = grid.unlocatedStart;
    // Unlocated offers: their distance part is 0.
    for (let u = start[bucket]!; u < start[bucket + 1]!; u++) {
      if (unlocatedOther[u] === skip || (keep && !keep[unlocatedRecords.index[u]!])) continue;
      this.evaluate(unlocatedRecords, u, false);
    }
    if (Number.isNaN(this.needX)) {
      // An unlocated need meets every located offer of the bucket, without a distance part.
      const base = grid.cellBase[bucket]!;
      const end = grid.cellStart[base + grid.width[bucket]! * grid.height[bucket]!]!;
      const index = records.index;
      for (let e = grid.cellStart[base]!; e < end; e++) {
        if (other[e] === skip || (keep && !keep[index[e]!])) continue;
        this.evaluate(records, e, false);
      }
      return;
    }
    this.searchRings(bucket, skip, bound);
  }

  /** Rings of cells around the need's, nearest first, each clipped to the square within reach. */
  private searchRings(bucket: number, skip: number, bound: number): void {
    const { originX, originY, cellSize, width, height, cellBase } = this.grid;
    const x = this.needX;
    const y = this.needY;
    const size = cellSize[bucket]!;
    const x0 = originX[bucket]!;
    const y0 = originY[bucket]!;
    const columns = width[bucket]!;
    const rows = height[bucket]!;
    const base = cellBase[bucket]!;
    const cx = Math.floor((x - x0) / size);
    const cy = Math.floor((y - y0) / size);
    // The best an offer of this bucket can score but for its quantity part.
    const quantityRoom = this.wItem * bound + this.wKind + this.wDistance;
    let reach = -1;
    let reachThreshold = Number.NaN;
    for (let r = 0; ; r++) {
      // The reach shrinks only when the threshold rose.
      if (this.threshold !== reachThreshold) {
        reach = this.reach(bound);
        reachThreshold = this.threshold;
      }
      if (reach < 0) break;
      const xLo = Math.max(0, Math.floor((x - reach - x0) / size));
      const xHi = Math.min(columns - 1, Math.floor((x + reach - x0) / size));
      const yLo = Math.max(0, Math.floor((y - reach - y0) / size));
      const yHi = Math.min(rows - 1, Math.floor((y + reach - y0) / size));
      // The ring lies wholly outside the square (planar distances underestimate great-circle ones).
      if (xLo > xHi || yLo > yHi || (cx - r < xLo && cx + r > xHi && cy - r < yLo && cy + r > yHi)) break;
      for (let row = Math.max(yLo, cy - r); row <= Math.min(yHi, cy + r); row++) {
        const full = row === cy - r || row === cy + r;
        const cellY0 = y0 + row * size;
        const gapY = Math.max(0, cellY0 - y, y - cellY0 - size);
        const colFrom = full ? Math.max(xLo, cx - r) : cx - r;
        const colTo = full ? Math.min(xHi, cx + r) : cx + r;
        const step = full || r === 0 ? 1 : 2 * r;
        for (let column = colFrom; column <= colTo; column += step) {
          if (column < xLo || column > xHi) continue;
          // The whole cell is out of reach: skip it without reading its entries.
          const cellX0 = x0 + column * size;
          const gapX = Math.max(0, cellX0 - x, x - cellX0 - size);
          if (gapX * gapX + gapY * gapY > reach * reach) continue;
          this.scanCell(base + row * columns + column, skip, reach, quantityRoom);
        }
      }
    }
  }

  /** Scores the offers of one cell within `reach` km of the need. */
  private scanCell(cell: number, skip: number, reach: number, quantityRoom: number): void {
    const { cellStart, entryX, entryY } = this.grid;
    const end = cellStart[cell + 1]!;
    let e = cellStart[cell]!;
    // Many cells in reach are empty: left before anything else is read.
    if (e === end) return;
    const records = this.records;
    const { amount, dimension, index } = records;
    const other = this.other;
    const keep = this.keep;
    const x = this.needX;
    const y = this.needY;
    const wQuantity = this.wQuantity;
    const needAmount = this.needAmount;
    const needDimension = this.needDimension;
    // Entries are sorted by y: skip those below reach (binary search in large cells).
    const yMin = y - reach - 1e-9;
    if (end - e > 16) {
      let hi = end;
      while (e < hi) {
        const mid = (e + hi) >>> 1;
        if (entryY[mid]! < yMin) e = mid + 1;
        else hi = mid;
      }
    } else while (e < end && entryY[e]! < yMin) e++;
    const reach2 = reach * reach * (1 + 1e-9) + 1e-9;
    // What a candidate must reach: rises as candidates are kept.
    let limit = this.threshold - EPS;
    for (; e < end; e++) {
      const dy = entryY[e]! - y;
      if (dy > reach + 1e-9) break;
      const dx = entryX[e]! - x;
      // Planar distance never exceeds the great-circle one (see geo/grid.ts).
      if (dx * dx + dy * dy > reach2) continue;
      if (other[e] === skip || (keep && !keep[index[e]!])) continue;
      // Most offers in reach fail on quantity once the threshold is high: checked here, before
      // the rest of their record is read.
      if (quantityRoom + wQuantity * quantityFit(amount[e]!, dimension[e]!, needAmount, needDimension) < limit) continue;
      this.evaluate(records, e, true);
      limit = this.threshold - EPS;
    }
  }

  /** Scores the offer at position `e` of `records` against the need; keeps it if it ranks. */
  private evaluate(records: SideRecords, e: number, located: boolean): void {
    if (records.node[e] === this.needNode) return;
    // Item compatibility on interned symbols (same levels as itemCompatibility).
    let item = 0;
    let match = -1;
    const code = records.code[e]!;
    if (code >= 0 && this.needCode >= 0) {
      if (code === this.needCode) {
        item = 1;
        match = SAME_CODE;
      } else if (this.needPrefix6 >= 0 && records.prefix6[e] === this.needPrefix6) {
        item = PREFIX6_SCORE;
        match = SAME_PREFIX6;
      } else if (this.needPrefix4 >= 0 && records.prefix4[e] === this.needPrefix4) {
        item = PREFIX4_SCORE;
        match = SAME_PREFIX4;
      } else if (this.needPrefix2 >= 0 && records.prefix2[e] === this.needPrefix2) {
        item = PREFIX2_SCORE;
        match = SAME_PREFIX2;
      }
    }
    const family = records.family[e]!;
    if (family >= 0 && family === this.needFamily && this.familyScores[family]! > item) {
      item = this.familyScores[family]!;
      match = SAME_FAMILY;
    }
    if (match < 0) {
      if (this.needLabel < 0 || records.label[e] !== this.needLabel) return;
      item = LABEL_SCORE;
      match = SAME_LABEL;
    }
    const kind = KIND_TABLE[this.needKindRow + records.kind[e]!]!;
    // Cheap parts first: the distance (trigonometry) is computed only if the rest leaves room.
    const amount = records.amount[e]!;
    const dimension = records.dimension[e]!;
    const quantity = quantityFit(amount, dimension, this.needAmount, this.needDimension);
    const partial = this.wItem * item + this.wKind * kind + this.wQuantity * quantity;
    if (partial + (located ? this.wDistance : 0) < this.threshold - EPS) return;
    let d = Number.NaN;
    if (located) {
      d = haversineCore(records.lat[e]!, this.needLat, records.cos[e]!, this.needCos, this.needLon - records.lon[e]!);
      if (d > this.radius) return;
    }
    const offer = records.index[e]!;
    const offerValue = this.offerValues[offer]!;
    const value = Number.isNaN(this.needValue) ? (offerValue >= 0 ? offerValue : this.defaultValue) : this.needValue;
    const networked = (family >= 0 && this.familyScores[family] === 1) || this.needNetworked;
    const distance = networked
      ? networkPart(d, this.half)
      : transportPart(this.transport, d, exchangedMass(amount, dimension, this.needAmount, this.needDimension), value);
    if (partial + this.wDistance * distance < this.threshold - EPS) return;
    // Ranked as shown: rounded score, then rounded distance.
    const score = round4(combine(this.weights, item, distance, quantity, kind));
    if (score < this.threshold || score < this.minScore) return;
    if (located) d = round3(d);
    this.keepCandidate({ score, d, o: offer, n: this.need, item, match, distance, quantity, kind });
  }

  /** Inserts a candidate into the need's own sorted list of at most perNeed, unless it cannot rank. */
  private keepCandidate(c: Candidate): void {
    if (this.heap.full && !worse(this.heap.worst!, c)) return;
    const local = this.local;
    if (this.kept >= this.perNeed) {
      if (!worse(local[this.perNeed - 1]!, c)) return;
      this.kept--;
    }
    let i = this.kept++;
    while (i > 0 && worse(local[i - 1]!, c)) {
      local[i] = local[i - 1]!;
      i--;
    }
    local[i] = c;
    this.threshold = this.currentThreshold();
  }
}

/**
 * Runs the branch-and-bound search for the needs at `positions` (in the needs' record order, best
 * ascending) against the offers in `offerGrid` (those `keep` keeps), adding the best `perNeed` of
 * each need to `heap`.
 */
export function search(
  p: PreparedSynergies,
  offerGrid: OfferGrid,
  keep: Uint8Array | undefined,
  positions: ArrayLike<number>,
  heap: TopHeap,
  s: SearchSettings,
): void {
  new NeedSearch(p, offerGrid, keep, heap, s).run(positions);
}
