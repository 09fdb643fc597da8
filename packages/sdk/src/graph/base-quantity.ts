/**
 * The kit's one conversion of a quantity to the base unit of its dimension (t/yr, m3/yr, MWh/yr…),
 * from the unit vocabulary of @toile/schema. The graph index converts every flow's quantity once
 * with it (`edgeAmount`, `edgeDimension`); analyses that read resources use it directly.
 */
import { BASE_UNITS, DIMENSIONS, UNITS, type Dimension, type Unit } from '@toile/schema';

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
