/**
 * The offers' spatial grid by material bucket, with the fields the search reads copied beside its
 * entries (one typed array per field, in entry order: a cell's offers are read from contiguous
 * memory), and the order needs are searched in (grid-cell order, so that consecutive searches walk
 * space and read the same cells).
 */
import { buildBucketGrid, type BucketGrid } from '../../geo/grid.ts';
import { SideRecords } from './records.ts';
import type { NodeGeo, PreparedSynergies, SideTable } from './tables.ts';

/** @internal The offers' grid and, aligned with its entries and with its unlocated offers, their records. */
export interface OfferGrid {
  grid: BucketGrid;
  /** Per grid entry (`grid.entries`), the offer's record. */
  records: SideRecords;
  /** Per entry, the offer's other bucket (-1 when none): a need searching two buckets skips in the second what it met in the first. */
  other: Int32Array;
  /** Per unlocated offer (`grid.unlocated`), its record and its other bucket. */
  unlocatedRecords: SideRecords;
  unlocatedOther: Int32Array;
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
      const size = grid.cellSize[b]!;
      const cx = Math.min(grid.width[b]! - 1, Math.max(0, Math.floor((x - grid.originX[b]!) / size)));
      const cy = Math.min(grid.height[b]! - 1, Math.max(0, Math.floor((geo.y[node]! - grid.originY[b]!) / size)));
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

/** Builds the grid of the offers `include` keeps, with their records copied in entry order. */
export function buildOfferGrid(p: Omit<PreparedSynergies, 'offerGrid' | 'needRecords'>, include: (i: number) => boolean): OfferGrid {
  const offers = p.offers;
  const bucketA = new Int32Array(offers.count).fill(-1);
  const bucketB = new Int32Array(offers.count).fill(-1);
  const x = new Float64Array(offers.count);
  const y = new Float64Array(offers.count);
  for (let i = 0; i < offers.count; i++) {
    x[i] = p.geo.x[offers.node[i]!]!;
    y[i] = p.geo.y[offers.node[i]!]!;
    if (!include(i)) continue;
    bucketA[i] = offers.bucketA[i]!;
    bucketB[i] = offers.bucketB[i]!;
  }
  const grid = buildBucketGrid(x, y, [bucketA, bucketB], p.bucketBound.length);
  const otherBucket = (o: number, bucket: number) => (bucketA[o] === bucket ? bucketB[o]! : bucketA[o]!);
  const records = SideRecords.gather(offers, grid.entries, p.geo);
  const unlocatedRecords = SideRecords.gather(offers, grid.unlocated, p.geo);
  const other = new Int32Array(grid.entries.length);
  const unlocatedOther = new Int32Array(grid.unlocated.length);
  for (let bucket = 0; bucket < grid.bucketCount; bucket++) {
    for (let e = grid.cellStart[grid.cellBase[bucket]!]!; e < grid.cellStart[grid.cellBase[bucket + 1]!]!; e++)
      other[e] = otherBucket(grid.entries[e]!, bucket);
    for (let u = grid.unlocatedStart[bucket]!; u < grid.unlocatedStart[bucket + 1]!; u++) unlocatedOther[u] = otherBucket(grid.unlocated[u]!, bucket);
  }
  return { grid, records, other, unlocatedRecords, unlocatedOther };
}
