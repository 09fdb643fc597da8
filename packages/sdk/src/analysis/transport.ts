/**
 * The distance part of the synergy score as transport economics: what it costs to carry a tonne
 * over the distance, relative to what the tonne is worth.
 *
 *   cost per tonne (mode) = pre- and post-carriage per tonne + cost per t·km × km (great-circle)
 *   distance part         = value per tonne / (value per tonne + cheapest cost per tonne)
 *
 * Road is always available; rail (and waterway when allowed) only for bulk exchanges — at least
 * `bulkTonnes` a year — where the trains or barges can be filled. A valuable or bulk flow thus keeps
 * a good distance part over hundreds of kilometres, a small low-value one does not.
 *
 * The default costs are carriers' costs (what running the truck, train or barge costs, not a
 * shipper's price with margin, and no external costs), each with its source in
 * {@link TRANSPORT_COST_SOURCES}: road from the Comité National Routier (France, 2019), rail and
 * waterway from KiM, the Dutch transport ministry's research institute (2018 costs). The bulk
 * threshold and the default value per tonne are assumptions. Override any of them
 * (`SynergyOptions.transport`, CLI flags) with figures you can stand behind.
 */

/** A transport mode of the model. */
export type TransportMode = 'road' | 'rail' | 'waterway';

/** Where a default cost comes from: enough to find the figure again and recompute it. */
export interface TransportCostSource {
  /** The publisher and the publication. */
  readonly source: string;
  readonly url: string;
  /** The year the costs describe. */
  readonly year: number;
  /** What the cost covers and what it leaves out. */
  readonly scope: string;
  /** The figures as published. */
  readonly published: string;
  /** From the published figures to € per t·km (and the assumptions it needs). */
  readonly derivation: string;
}

/**
 * The sources of the default costs. Road: CNR's cost price of a 40 t long-distance truck, per km,
 * divided by the tonnes carried per km driven. Rail and waterway: KiM's carrier costs per tonne of a
 * 165 km trip with one loading, divided by 165 km; their pre- and post-carriage (not in KiM's
 * figures) is counted as 2 × 15 km by road, an assumption. Cross-check: VNF's 2009 calculator gives
 * 21 €/t by truck, 22 €/t by train and 12–13 €/t by large barge over 350 km (0.060, 0.063 and
 * 0.034–0.037 €/t·km, scope not stated): road agrees within 10 %; its rail figure is higher than
 * KiM's, so rail here is on the favourable side for bulk.
 */
export const TRANSPORT_COST_SOURCES: Readonly<Record<TransportMode, TransportCostSource>> = {
  road: {
    source: 'Comité National Routier (CNR), « Espace Europe — France » : conditions d’exploitation et coûts d’un ensemble 40 t en longue distance',
    url: 'https://www.cnr.fr/en/detail-pays/1',
    year: 2019,
    scope:
      'Cost price of a French for-hire haulier (driver, fuel after partial excise refund, tolls, vehicle, tyres, maintenance, insurance, taxes); overheads, margin and external costs excluded.',
    published: '1.13 €/km (127,894 €/yr over 113,510 km)',
    derivation:
      '1.13 €/km ÷ (25 t payload × (1 − 18.1 % empty running)) = 0.0552 €/t·km. The 25 t payload of a 40 t combination and the 18.1 % of kilometres run empty (SDES, road freight survey 2017) are the assumptions.',
  },
  rail: {
    source: 'KiM Netherlands Institute for Transport Policy Analysis, « Inzicht in de kosten van het spoorgoederenvervoer » (2020), as summarised by SpoorPro',
    url: 'https://www.spoorpro.nl/goederenvervoer/2020/12/07/kim-wegvervoer-duurder-dan-spoorgoederenvervoer/',
    year: 2018,
    scope: 'Carrier’s cost of a 165 km trip with one loading, general cargo; not the shipper’s tariff; pre- and post-carriage excluded.',
    published: '6.32 €/t for the trip',
    derivation: '6.32 €/t ÷ 165 km = 0.0383 €/t·km; plus 2 × 15 km by road for pre- and post-carriage (assumption) = 30 × 0.0552 = 1.66 €/t.',
  },
  waterway: {
    source: 'KiM Netherlands Institute for Transport Policy Analysis, « Inzicht in de kosten van het spoorgoederenvervoer » (2020), as summarised by SpoorPro',
    url: 'https://www.spoorpro.nl/goederenvervoer/2020/12/07/kim-wegvervoer-duurder-dan-spoorgoederenvervoer/',
    year: 2018,
    scope: 'Carrier’s cost of a 165 km trip with one loading, general cargo, medium-sized inland vessel; pre- and post-carriage excluded.',
    published: '2.76 €/t for the trip (large vessel 1.69, small 7.35)',
    derivation: '2.76 €/t ÷ 165 km = 0.0167 €/t·km; plus 2 × 15 km by road for pre- and post-carriage (assumption) = 1.66 €/t.',
  },
};

/** Costs of one mode. */
export interface ModeCost {
  /** € per tonne-kilometre, great-circle kilometres. */
  readonly perTonneKm: number;
  /** € per tonne whatever the distance (rail and waterway: pre- and post-carriage by road). */
  readonly perTonne: number;
}

/** Settings of the transport model (see the module's note and {@link TRANSPORT_COST_SOURCES} for the defaults). */
export interface TransportSettings {
  readonly costs: Readonly<Record<TransportMode, ModeCost>>;
  /** Exchanges of at least this many tonnes a year may go by the `bulkModes`. */
  readonly bulkTonnes: number;
  /** Modes open to bulk exchanges besides road (default rail only: a waterway needs quays at both ends). */
  readonly bulkModes: readonly TransportMode[];
  /** Value of a tonne when neither the flow nor the document tells it (€/t). */
  readonly defaultValuePerTonne: number;
}

/** Pre- and post-carriage of a rail or waterway exchange, by road, in km (an assumption: 15 km at each end). */
const CARRIAGE_KM = 30;
/** Road € per t·km from {@link TRANSPORT_COST_SOURCES}: 1.13 €/km ÷ (25 t × (1 − 0.181)). */
const ROAD_PER_TONNE_KM = 1.13 / (25 * (1 - 0.181));

/**
 * Default settings: road 0.0552 €/t·km; rail 0.0383 €/t·km and waterway 0.0167 €/t·km, each plus
 * 1.66 €/t of pre- and post-carriage by road (see {@link TRANSPORT_COST_SOURCES}); bulk from
 * 10 000 t/yr (an assumption: about one full train a month); a tonne of unknown value is worth
 * 30 € (an assumption).
 */
export const DEFAULT_TRANSPORT: Readonly<TransportSettings> = {
  costs: {
    road: { perTonneKm: round4(ROAD_PER_TONNE_KM), perTonne: 0 },
    rail: { perTonneKm: round4(6.32 / 165), perTonne: round2(CARRIAGE_KM * ROAD_PER_TONNE_KM) },
    waterway: { perTonneKm: round4(2.76 / 165), perTonne: round2(CARRIAGE_KM * ROAD_PER_TONNE_KM) },
  },
  bulkTonnes: 10_000,
  bulkModes: ['rail'],
  defaultValuePerTonne: 30,
};

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

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
