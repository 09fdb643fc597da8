/**
 * The record layout of the search: the fields it reads per offer or need, one typed array per
 * field (struct of arrays), copied in the order the search walks them — offers in grid-entry
 * order, needs in grid-cell order — so that consecutive reads stay in cache.
 */
import type { NodeGeo, SideTable } from './tables.ts';

/**
 * `target[k] = source[indices[k]]`, one column at a time: each pass reads one array, which stays in
 * cache, where copying a record at a time from scattered positions touches one cache line per field.
 */
function gatherColumn(target: Int32Array | Float64Array, source: Int32Array | Float64Array | Uint8Array | Int8Array, indices: ArrayLike<number>): void {
  for (let k = 0; k < indices.length; k++) target[k] = source[indices[k]!]!;
}

/** @internal The fields the search reads per offer (and per need), aligned by position. */
export class SideRecords {
  /** Position of the record in its side table. */
  readonly index: Int32Array;
  /** Establishment node. */
  readonly node: Int32Array;
  /** Interned code, its 6-, 4- and 2-character prefixes, family and label (-1 when absent). */
  readonly code: Int32Array;
  readonly prefix6: Int32Array;
  readonly prefix4: Int32Array;
  readonly prefix2: Int32Array;
  readonly family: Int32Array;
  readonly label: Int32Array;
  /** Position of the flow kind in `FLOW_KINDS`. */
  readonly kind: Int32Array;
  /** Amount in the base unit of its dimension, and the dimension's position in `DIMENSIONS` (-1 when unknown). */
  readonly amount: Float64Array;
  readonly dimension: Int32Array;
  /** The establishment's latitude (rad), its cosine and longitude (rad). */
  readonly lat: Float64Array;
  readonly cos: Float64Array;
  readonly lon: Float64Array;

  constructor(count: number) {
    this.index = new Int32Array(count);
    this.node = new Int32Array(count);
    this.code = new Int32Array(count);
    this.prefix6 = new Int32Array(count);
    this.prefix4 = new Int32Array(count);
    this.prefix2 = new Int32Array(count);
    this.family = new Int32Array(count);
    this.label = new Int32Array(count);
    this.kind = new Int32Array(count);
    this.amount = new Float64Array(count);
    this.dimension = new Int32Array(count);
    this.lat = new Float64Array(count);
    this.cos = new Float64Array(count);
    this.lon = new Float64Array(count);
  }

  /** The records of `table` at `indices` (position k holds record `indices[k]`), with their establishments' coordinates. */
  static gather(table: SideTable, indices: ArrayLike<number>, geo: NodeGeo): SideRecords {
    const r = new SideRecords(indices.length);
    r.fill(table, indices, geo);
    return r;
  }

  protected fill(table: SideTable, indices: ArrayLike<number>, geo: NodeGeo): void {
    for (let k = 0; k < indices.length; k++) this.index[k] = indices[k]!;
    gatherColumn(this.node, table.node, indices);
    gatherColumn(this.code, table.code, indices);
    gatherColumn(this.prefix6, table.p6, indices);
    gatherColumn(this.prefix4, table.p4, indices);
    gatherColumn(this.prefix2, table.p2, indices);
    gatherColumn(this.family, table.family, indices);
    gatherColumn(this.label, table.label, indices);
    gatherColumn(this.kind, table.kind, indices);
    gatherColumn(this.amount, table.amount, indices);
    gatherColumn(this.dimension, table.dimension, indices);
    gatherColumn(this.lat, geo.lat, this.node);
    gatherColumn(this.cos, geo.cos, this.node);
    gatherColumn(this.lon, geo.lon, this.node);
  }
}

/** @internal A need's record adds what places it in the offers' grid: tangent-plane x, y (km) and its two material buckets. */
export class NeedRecords extends SideRecords {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Bucket of the code chapter or of the label; bucket of the family (-1 when none). */
  readonly bucketA: Int32Array;
  readonly bucketB: Int32Array;

  constructor(count: number) {
    super(count);
    this.x = new Float64Array(count);
    this.y = new Float64Array(count);
    this.bucketA = new Int32Array(count);
    this.bucketB = new Int32Array(count);
  }

  /** The needs of `table` in `order` (position k holds record `order[k]`). */
  static from(table: SideTable, order: ArrayLike<number>, geo: NodeGeo): NeedRecords {
    const r = new NeedRecords(order.length);
    r.fill(table, order, geo);
    gatherColumn(r.x, geo.x, r.node);
    gatherColumn(r.y, geo.y, r.node);
    gatherColumn(r.bucketA, table.bucketA, order);
    gatherColumn(r.bucketB, table.bucketB, order);
    return r;
  }
}
