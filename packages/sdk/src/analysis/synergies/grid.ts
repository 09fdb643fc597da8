/**
 * The offers' spatial grid by material bucket, with the offers' records copied beside its entries,
 * and the order needs are searched in (grid-cell order, so that consecutive searches walk space).
 */
import { buildBucketGrid, type BucketGrid } from '../../geo/grid.ts';
import type { NodeGeo, PreparedSynergies, SideTable } from './tables.ts';

/** Fields of an offer's packed record (see SideTable.packed). */
export const F_CODE = 0;
export const F_P6 = 1;
export const F_P4 = 2;
export const F_P2 = 3;
export const F_FAMILY = 4;
export const F_LABEL = 5;
export const F_KIND = 6;
export const F_NODE = 7;
export const F_AMOUNT = 8;
export const F_DIM = 9;
export const F_LAT = 10;
export const F_COS = 11;
export const F_LON = 12;
/** Position of the record in its side table. */
export const F_INDEX = 13;
export const F_X = 14;
export const F_Y = 15;
export const F_BUCKET_A = 16;
export const F_BUCKET_B = 17;
export const STRIDE = 18;
/** Records copied beside the grid's entries keep the fields the evaluation reads (up to F_INDEX). */
export const ENTRY_STRIDE = 14;

/** Packs the fields the search reads per offer or need into one record (one or two cache lines), in `t.order`. */
export function packSide(t: SideTable, geo: NodeGeo): Float64Array {
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
export function cellOrder(t: SideTable, geo: NodeGeo, grid: BucketGrid): Uint32Array {
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
export function buildOfferGrid(p: Omit<PreparedSynergies, 'offerGrid'>, include: (i: number) => boolean): OfferGrid {
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
