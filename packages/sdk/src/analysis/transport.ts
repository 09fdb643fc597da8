/**
 * The distance part of the synergy score as transport economics: what it costs to carry a tonne
 * over the distance, relative to what the tonne is worth.
 *
 *   cost per tonne (mode) = handling per tonne + cost per t·km × km (great-circle)
 *   distance part         = value per tonne / (value per tonne + cheapest cost per tonne)
 *
 * Road is always available; rail (and waterway when allowed) only for bulk exchanges — at least
 * `bulkTonnes` a year — where the trains or barges can be filled. A valuable or bulk flow thus keeps
 * a good distance part over hundreds of kilometres, a small low-value one does not.
 *
 * The figures are ASSUMPTIONS, orders of magnitude for full loads in France, not figures read from
 * a source: the CNR (Comité national routier) publishes road cost indices and VNF / SDES publish
 * modal comparisons, but none of their tables could be read and checked from where this was
 * written. Override them (`SynergyOptions.transport`) with figures you can stand behind.
 */

/** A transport mode of the model. */
export type TransportMode = 'road' | 'rail' | 'waterway';

/** Costs of one mode. */
export interface ModeCost {
  /** € per tonne-kilometre, great-circle kilometres. */
  readonly perTonneKm: number;
  /** € per tonne for loading, unloading and transfers, whatever the distance. */
  readonly perTonne: number;
}

/** Settings of the transport model (see the module's note: every default is an assumption). */
export interface TransportSettings {
  readonly costs: Readonly<Record<TransportMode, ModeCost>>;
  /** Exchanges of at least this many tonnes a year may go by the `bulkModes`. */
  readonly bulkTonnes: number;
  /** Modes open to bulk exchanges besides road (default rail only: a waterway needs quays at both ends). */
  readonly bulkModes: readonly TransportMode[];
  /** Value of a tonne when neither the flow nor the document tells it (€/t). */
  readonly defaultValuePerTonne: number;
}

/**
 * Default settings — assumptions, not sourced figures (see the module's note): road 0.10 €/t·km +
 * 3 €/t; rail 0.04 €/t·km + 8 €/t; waterway 0.03 €/t·km + 8 €/t; bulk from 10 000 t/yr; a tonne
 * of unknown value is worth 30 €.
 */
export const DEFAULT_TRANSPORT: Readonly<TransportSettings> = {
  costs: {
    road: { perTonneKm: 0.1, perTonne: 3 },
    rail: { perTonneKm: 0.04, perTonne: 8 },
    waterway: { perTonneKm: 0.03, perTonne: 8 },
  },
  bulkTonnes: 10_000,
  bulkModes: ['rail'],
  defaultValuePerTonne: 30,
};

/** Where the value per tonne came from: the flow itself, the document's flows of the same code or family, or the default. */
export type ValueBasis = 'flow' | 'document' | 'assumed';

/** The explanation of a distance part. */
export interface TransportEstimate {
  /** The cheapest mode open to the exchange. */
  mode: TransportMode;
  /** € per tonne carried by that mode over the distance. */
  costPerTonne: number;
  /** € per tonne the distance part compares the cost with. */
  valuePerTonne: number;
  valueBasis: ValueBasis;
  /** Tonnes a year exchanged, when known (decides whether bulk modes are open). */
  tonnes?: number;
}

/** Settings with the defaults filled in. */
export function transportSettings(partial: Partial<TransportSettings> | undefined): TransportSettings {
  const costs = { ...DEFAULT_TRANSPORT.costs, ...partial?.costs };
  return { ...DEFAULT_TRANSPORT, ...partial, costs };
}

/** Cheapest cost per tonne over `km` for an exchange of `tonnes` a year (NaN: unknown, road only), and its mode index. */
export function cheapestCost(s: TransportSettings, km: number, tonnes: number): { mode: TransportMode; cost: number } {
  let mode: TransportMode = 'road';
  let cost = s.costs.road.perTonne + s.costs.road.perTonneKm * km;
  if (tonnes >= s.bulkTonnes) {
    for (const m of s.bulkModes) {
      const c = s.costs[m].perTonne + s.costs[m].perTonneKm * km;
      if (c < cost) {
        cost = c;
        mode = m;
      }
    }
  }
  return { mode, cost };
}

/** The distance part in 0–1: value / (value + cost); 0 when the distance is unknown (NaN). */
export function transportPart(s: TransportSettings, km: number, tonnes: number, valuePerTonne: number): number {
  if (Number.isNaN(km)) return 0;
  const { cost } = cheapestCost(s, km, tonnes);
  return valuePerTonne / (valuePerTonne + cost);
}

/** The lowest handling cost and cost per t·km over every mode: bounds the part from above. */
export function cheapestRates(s: TransportSettings): { perTonne: number; perTonneKm: number } {
  const modes: TransportMode[] = ['road', ...s.bulkModes];
  return { perTonne: Math.min(...modes.map((m) => s.costs[m].perTonne)), perTonneKm: Math.min(...modes.map((m) => s.costs[m].perTonneKm)) };
}
