/**
 * The kit's one conversion of a quantity to the base unit of its dimension (t/yr, m3/yr, MWh/yr…),
 * from the unit vocabulary of @toile/schema. The quantities of an index's flows are converted once
 * per index ({@link edgeBaseQuantities}) and every analysis reads them there; analyses of
 * resources convert with {@link unitBase} / {@link toBaseQuantity}.
 */
import { BASE_UNITS, DIMENSIONS, UNITS, type Dimension, type Unit } from '@toile/schema';
import type { GraphIndex } from './build-index.ts';
import { recordsOf, type RecordsInput } from '../columnar/records.ts';

/** How a unit converts to its dimension's base unit. */
export interface UnitBase {
  /** Position of the unit's dimension in `DIMENSIONS` (@toile/schema). */
  readonly dimension: number;
  /** Multiply a value in the unit by `factor` to get the base unit. */
  readonly factor: number;
}

const UNIT_BASE: ReadonlyMap<string, UnitBase> = new Map(UNITS.map((u) => [u.id, { dimension: DIMENSIONS.indexOf(u.dimension), factor: u.factor }]));

/** The dimension (its position in `DIMENSIONS`) and factor of a unit; undefined for an unknown unit. Allocates nothing. */
export function unitBase(unit: string): UnitBase | undefined {
  return UNIT_BASE.get(unit);
}

/** A quantity in the base unit of its dimension. */
export interface BaseQuantity {
  readonly value: number;
  readonly unit: Unit;
  readonly dimension: Dimension;
}

/**
 * A quantity converted to the base unit of its dimension; undefined when there is none or its
 * unit is unknown.
 *
 * @example
 * ```ts
 * toBaseQuantity({ value: 2, unit: 't/day' }); // { value: 730, unit: 't/yr', dimension: 'mass' }
 * ```
 */
export function toBaseQuantity(quantity: { readonly value: number; readonly unit: string } | undefined): BaseQuantity | undefined {
  const base = quantity ? UNIT_BASE.get(quantity.unit) : undefined;
  if (!base) return undefined;
  const dimension = DIMENSIONS[base.dimension]!;
  return { value: quantity!.value * base.factor, unit: BASE_UNITS[dimension], dimension };
}

/** The quantities of an index's edges in base units. Arrays are shared: treat them as read-only. */
export interface EdgeBaseQuantities {
  /** Quantity of each edge in the base unit of its dimension; NaN when unknown or in an unknown unit. */
  readonly amount: Float64Array;
  /** Dimension of each edge: its position in `DIMENSIONS` (@toile/schema), -1 when unknown. */
  readonly dimension: Int8Array;
}

const converted = new WeakMap<GraphIndex, EdgeBaseQuantities>();

/**
 * The quantity of each edge of `index` in the base unit of its dimension, converted on the first
 * call and kept with the index (a WeakMap), so that every analysis of the same index reads the same
 * arrays. Not in `buildIndex` itself: reading every flow's quantity costs the many pages that never
 * weigh edges (a third more time at 1M flows). `doc` must be the indexed document.
 */
export function edgeBaseQuantities(doc: RecordsInput, index: GraphIndex): EdgeBaseQuantities {
  const known = converted.get(index);
  if (known) return known;
  const m = index.edgeCount;
  const amount = new Float64Array(m).fill(Number.NaN);
  const dimension = new Int8Array(m).fill(-1);
  const { edgeFlow } = index;
  const records = recordsOf(doc);
  for (let e = 0; e < m; e++) {
    const q = records.flowQuantity(edgeFlow[e]!);
    const base = q ? UNIT_BASE.get(q.unit) : undefined;
    if (!base) continue;
    amount[e] = q!.value * base.factor;
    dimension[e] = base.dimension;
  }
  const result = { amount, dimension };
  converted.set(index, result);
  return result;
}
