/**
 * The unit vocabulary: every unit the format accepts (the `Unit` enum of `openapi.yaml`; a test
 * checks they agree), its physical dimension and its factor to the dimension's base unit, so that
 * quantities in compatible units can be compared. Rates are per year; power is read as continuous
 * operation (1 MW = 8 760 MWh/yr), which is what by-product and energy matching needs.
 */

/** Physical dimension of a unit: two units convert into each other only within one dimension. */
export type Dimension =
  'mass' | 'volume' | 'gas-volume' | 'energy' | 'items' | 'pallets' | 'containers' | 'trips' | 'hours' | 'days' | 'staff' | 'area' | 'equipment';

/** One unit of the vocabulary. */
export interface UnitInfo {
  readonly id: string;
  readonly dimension: Dimension;
  /** Multiply a value in this unit by `factor` to get the dimension's base unit (the first listed). */
  readonly factor: number;
  readonly label: { readonly fr: string; readonly en: string };
  /** Short symbol for tables and sentences (`t/an`, `t/yr`, `MWh/an`). */
  readonly symbol: { readonly fr: string; readonly en: string };
}

const HOURS_PER_YEAR = 8760;

const unit = (id: string, dimension: Dimension, factor: number, fr: string, en: string, symbolFr: string, symbolEn: string): UnitInfo => ({
  id,
  dimension,
  factor,
  label: { fr, en },
  symbol: { fr: symbolFr, en: symbolEn },
});

/** Every unit, grouped by dimension, base unit first in each group. */
export const UNITS: readonly UnitInfo[] = [
  unit('t/yr', 'mass', 1, 'tonnes par an', 'tonnes per year', 't/an', 't/yr'),
  unit('kg/yr', 'mass', 0.001, 'kilogrammes par an', 'kilograms per year', 'kg/an', 'kg/yr'),
  unit('t/month', 'mass', 12, 'tonnes par mois', 'tonnes per month', 't/mois', 't/month'),
  unit('t/day', 'mass', 365, 'tonnes par jour', 'tonnes per day', 't/j', 't/day'),
  unit('t/h', 'mass', HOURS_PER_YEAR, 'tonnes par heure', 'tonnes per hour', 't/h', 't/h'),
  unit('kg/h', 'mass', HOURS_PER_YEAR / 1000, 'kilogrammes par heure', 'kilograms per hour', 'kg/h', 'kg/h'),
  unit('m3/yr', 'volume', 1, 'mètres cubes par an', 'cubic metres per year', 'm³/an', 'm³/yr'),
  unit('m3/month', 'volume', 12, 'mètres cubes par mois', 'cubic metres per month', 'm³/mois', 'm³/month'),
  unit('m3/day', 'volume', 365, 'mètres cubes par jour', 'cubic metres per day', 'm³/j', 'm³/day'),
  unit('m3/h', 'volume', HOURS_PER_YEAR, 'mètres cubes par heure', 'cubic metres per hour', 'm³/h', 'm³/h'),
  unit('L/yr', 'volume', 0.001, 'litres par an', 'litres per year', 'L/an', 'L/yr'),
  unit('Nm3/yr', 'gas-volume', 1, 'normo-mètres cubes par an', 'normal cubic metres per year', 'Nm³/an', 'Nm³/yr'),
  unit('Nm3/h', 'gas-volume', HOURS_PER_YEAR, 'normo-mètres cubes par heure', 'normal cubic metres per hour', 'Nm³/h', 'Nm³/h'),
  unit('MWh/yr', 'energy', 1, 'MWh par an', 'MWh per year', 'MWh/an', 'MWh/yr'),
  unit('kWh/yr', 'energy', 0.001, 'kWh par an', 'kWh per year', 'kWh/an', 'kWh/yr'),
  unit('GWh/yr', 'energy', 1000, 'GWh par an', 'GWh per year', 'GWh/an', 'GWh/yr'),
  unit('GJ/yr', 'energy', 1 / 3.6, 'GJ par an', 'GJ per year', 'GJ/an', 'GJ/yr'),
  unit('TJ/yr', 'energy', 1000 / 3.6, 'TJ par an', 'TJ per year', 'TJ/an', 'TJ/yr'),
  unit('MW', 'energy', HOURS_PER_YEAR, 'MW (en continu)', 'MW (continuous)', 'MW', 'MW'),
  unit('kW', 'energy', HOURS_PER_YEAR / 1000, 'kW (en continu)', 'kW (continuous)', 'kW', 'kW'),
  unit('unit/yr', 'items', 1, 'unités par an', 'units per year', 'unités/an', 'units/yr'),
  unit('pallet/yr', 'pallets', 1, 'palettes par an', 'pallets per year', 'palettes/an', 'pallets/yr'),
  unit('TEU/yr', 'containers', 1, 'EVP par an', 'TEU per year', 'EVP/an', 'TEU/yr'),
  unit('trip/yr', 'trips', 1, 'trajets par an', 'trips per year', 'trajets/an', 'trips/yr'),
  unit('h/yr', 'hours', 1, 'heures par an', 'hours per year', 'h/an', 'h/yr'),
  unit('day/yr', 'days', 1, 'jours par an', 'days per year', 'j/an', 'days/yr'),
  unit('FTE', 'staff', 1, 'équivalents temps plein', 'full-time equivalents', 'ETP', 'FTE'),
  unit('m2', 'area', 1, 'mètres carrés', 'square metres', 'm²', 'm²'),
  unit('unit', 'equipment', 1, 'unités (équipement)', 'units (equipment)', 'unités', 'units'),
];

/** Unit ids, in vocabulary order. */
export const UNIT_IDS: readonly string[] = UNITS.map((u) => u.id);

const ALL_DIMENSIONS: readonly Dimension[] = [...new Set(UNITS.map((u) => u.dimension))];

/**
 * Dimensions that make sense for each flow kind (steam is often counted in t/h, hence `mass` for
 * energy). A quantity outside these is reported as a warning, not refused.
 */
export const KIND_DIMENSIONS: Readonly<Record<string, readonly Dimension[]>> = {
  supply: ALL_DIMENSIONS,
  subcontracting: ALL_DIMENSIONS,
  pooling: ALL_DIMENSIONS,
  service: ['hours', 'days', 'staff', 'items', 'trips', 'equipment', 'area'],
  byproduct: ['mass', 'volume', 'gas-volume', 'items', 'pallets', 'containers'],
  energy: ['energy', 'mass', 'gas-volume', 'volume'],
  water: ['volume', 'mass'],
  knowledge: ['hours', 'days', 'staff', 'items'],
  logistics: ['mass', 'volume', 'items', 'pallets', 'containers', 'trips', 'area'],
};

const UNIT_BY_ID: ReadonlyMap<string, UnitInfo> = new Map(UNITS.map((u) => [u.id, u]));

/** The unit with this id, or undefined. */
export function getUnit(id: string): UnitInfo | undefined {
  return UNIT_BY_ID.get(id);
}

/**
 * Converts `value` from one unit to another of the same dimension.
 * Returns undefined when either unit is unknown or the dimensions differ.
 */
export function convertQuantity(value: number, from: string, to: string): number | undefined {
  const a = UNIT_BY_ID.get(from);
  const b = UNIT_BY_ID.get(to);
  if (!a || !b || a.dimension !== b.dimension) return undefined;
  return (value * a.factor) / b.factor;
}
