/**
 * The record layout of the search: the fields it reads per offer or need, one typed array per
 * field (struct of arrays), copied in the order the search walks them — offers in grid-entry
 * order, needs in grid-cell order — so that consecutive reads stay in cache.
 */
import type { NodeGeo, SideTable } from './tables.ts';

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

  /** Copies record `i` of `table`, with its establishment's coordinates, to position `k`. */
  set(k: number, table: SideTable, i: number, geo: NodeGeo): void {
    const node = table.node[i]!;
    this.index[k] = i;
    this.node[k] = node;
    this.code[k] = table.code[i]!;
    this.prefix6[k] = table.p6[i]!;
    this.prefix4[k] = table.p4[i]!;
    this.prefix2[k] = table.p2[i]!;
    this.family[k] = table.family[i]!;
    this.label[k] = table.label[i]!;
    this.kind[k] = table.kind[i]!;
    this.amount[k] = table.amount[i]!;
    this.dimension[k] = table.dimension[i]!;
    this.lat[k] = geo.lat[node]!;
    this.cos[k] = geo.cos[node]!;
    this.lon[k] = geo.lon[node]!;
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
  static from(table: SideTable, order: Uint32Array, geo: NodeGeo): NeedRecords {
    const r = new NeedRecords(table.count);
    for (let k = 0; k < table.count; k++) {
      const i = order[k]!;
      const node = table.node[i]!;
      r.set(k, table, i, geo);
      r.x[k] = geo.x[node]!;
      r.y[k] = geo.y[node]!;
      r.bucketA[k] = table.bucketA[i]!;
      r.bucketB[k] = table.bucketB[i]!;
    }
    return r;
  }
}
