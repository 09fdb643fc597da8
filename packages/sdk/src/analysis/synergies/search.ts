/**
 * The branch-and-bound search: each need visits the cells of its material buckets in rings,
 * nearest first, and rings, cells and offers that cannot beat the current top N (or the need's own
 * best `perNeed`) are pruned.
 */
import { FLOW_KINDS } from '@toile/schema';
import { haversineCore } from '../../geo/haversine.ts';
import { ITEM_MATCH_SCORES } from '../items.ts';
import { cheapestRates, transportPart, type TransportSettings } from '../transport.ts';
import { ENTRY_STRIDE, F_AMOUNT, F_BUCKET_A, F_BUCKET_B, F_CODE, F_COS, F_DIM, F_FAMILY, F_INDEX, F_KIND, F_LABEL, F_LAT, F_LON, F_NODE, F_P2, F_P4, F_P6, F_X, F_Y, STRIDE, type OfferGrid } from './grid.ts';
import { worse, type Candidate, type TopHeap } from './heap.ts';
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

/**
 * Runs the branch-and-bound search for the needs at `positions` (in the needs' packed order, best
 * ascending) against the offers in `grid`, adding the best `perNeed` of each need to `heap`.
 */
export function search(p: PreparedSynergies, offerGrid: OfferGrid, keep: Uint8Array | undefined, positions: ArrayLike<number>, heap: TopHeap, s: SearchSettings): void {
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

