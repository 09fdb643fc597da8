/**
 * The prepared form of a document: offers and needs as typed arrays (one array per field), items
 * interned to numbers, and the offers' spatial grid. Built by ./prepare.ts, read by the search.
 */
import type { Item } from '@toile/schema';
import type { ParsedItem } from '../items.ts';
import type { OfferGrid } from './grid.ts';
import type { NeedRecords } from './records.ts';

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
  /** Record at each position of the search's order (needs: grid-cell order, so that searches walk space), and back. */
  order: Uint32Array;
  position: Uint32Array;
}

/** @internal Per establishment node: latitude (rad), longitude (rad), cos(latitude), tangent-plane x, y (km). */
export interface NodeGeo {
  lat: Float64Array;
  lon: Float64Array;
  cos: Float64Array;
  x: Float64Array;
  y: Float64Array;
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
  readonly geo: NodeGeo;
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
  /** @internal The needs' records in `needs.order`. */
  readonly needRecords: NeedRecords;
}

/** An empty side table with room for `capacity` records. */
export function makeTable(capacity: number): SideTable {
  return {
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
    order: new Uint32Array(0),
    position: new Uint32Array(0),
  };
}
