/**
 * Absolute avoided emissions of recycling, as an order of magnitude with its basis: tonnes recycled ×
 * the kg CO2e avoided per tonne of the material's route (virgin minus recycled production, from the
 * `avoided-emissions` vocabulary of @toile/schema: FEDEREC 2017 as retained by the ADEME Base
 * Carbone®). Where the vocabulary has no route for a material there is no figure — never one borrowed
 * from another material, and never the relative carbon index (textiles = 100) multiplied by tonnes.
 *
 * A figure is an order of magnitude: the factor is a French average for a whole route, so it is
 * shown to two significant figures ({@link formatCo2eOrder}), with the route and source it rests on.
 */
import { getAvoidedEmissions, type AvoidedEmissionFactor, type Item, type Label, type Quantity } from '@toile/schema';
import { toBaseQuantity } from '../graph/base-quantity.ts';
import { parseItem } from './items.ts';

/** Avoided emissions of recycling some tonnes of a material by one route. */
export interface AvoidedEmissions {
  /** Tonnes recycled the figure is for (t, or t/yr for a yearly flow). */
  readonly tonnes: number;
  /** `tonnes × factor.avoidedKgCo2ePerT / 1000`, unrounded: tonnes of CO2e (per year for a yearly flow). */
  readonly tonnesCo2e: number;
  /** The route's factor, with its source, year, licence and scope. */
  readonly factor: AvoidedEmissionFactor;
  /** What the figure rests on, in one line: route, kg CO2e per tonne (virgin − recycled) and source. */
  readonly basis: Label;
}

/** One side of an exchange: what it carries and how much. */
export interface ExchangeSide {
  readonly item?: Item;
  readonly quantity?: Quantity;
}

/** Short name of the source, as shown after a figure. */
const SOURCE: Label = { fr: 'FEDEREC 2017, valeurs retenues par la Base Carbone® (ADEME)', en: 'FEDEREC 2017, values retained by the ADEME Base Carbone®' };

function plain(value: number, lang: 'fr' | 'en'): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 0 }).format(value);
}

/** The one-line basis of a factor: « acier de recyclage (ferrailles) vs. acier primaire : 1 273 kg CO2e évités par t (2 211 − 938) — FEDEREC 2017… ». */
export function avoidedEmissionsBasis(factor: AvoidedEmissionFactor): Label {
  const line = (lang: 'fr' | 'en') =>
    `${factor.route[lang]}${lang === 'fr' ? ' :' : ':'} ${plain(factor.avoidedKgCo2ePerT, lang)} kg CO2e ${lang === 'fr' ? 'évités par t' : 'avoided per t'} (${plain(factor.virginKgCo2ePerT, lang)} − ${plain(factor.recycledKgCo2ePerT, lang)}) — ${SOURCE[lang]}`;
  return { fr: line('fr'), en: line('en') };
}

/**
 * Avoided emissions of recycling `tonnes` of a material of `family` (the route of its EWC code
 * `ewcCode` first, when one lists it; see `getAvoidedEmissions`). Undefined when no route applies
 * or `tonnes` is not a finite amount ≥ 0.
 *
 * @example
 * ```ts
 * avoidedEmissions('ferrous-metals', 40_000)?.tonnesCo2e; // 50 920 (40 000 × (2 211 − 938) / 1 000)
 * avoidedEmissions('plastics', 40_000); // undefined: no openly licensed factor shipped
 * ```
 */
export function avoidedEmissions(family: string | undefined, tonnes: number, ewcCode?: string): AvoidedEmissions | undefined {
  if (!Number.isFinite(tonnes) || tonnes < 0) return undefined;
  const factor = getAvoidedEmissions(family, ewcCode);
  if (!factor) return undefined;
  return { tonnes, tonnesCo2e: (tonnes * factor.avoidedKgCo2ePerT) / 1000, factor, basis: avoidedEmissionsBasis(factor) };
}

/** A mass in t/yr, or NaN when the quantity is not a mass in a known unit. */
function massOf(quantity: Quantity | undefined): number {
  const base = toBaseQuantity(quantity);
  return base?.dimension === 'mass' ? base.value : Number.NaN;
}

/**
 * Avoided emissions of an exchange between an offer and a need, read as the synergy finder reads
 * them: the mass exchanged is the smaller of the two masses (t/yr), or the one known. A route's
 * figure says what recycling a material saves against making the same material from virgin
 * resources, so it applies only when the need is for the offer's material: both items of the same
 * family (scrap for a steelworks' scrap or iron ore — not scrap matched to waste paper by a shared
 * EWC sub-chapter). The route is that of the offer's EWC code when one lists it, else the need's
 * code's, else the family's. Undefined when no mass is known, the families differ or are unknown,
 * or no route applies.
 */
export function avoidedEmissionsOfExchange(offer: ExchangeSide, need: ExchangeSide): AvoidedEmissions | undefined {
  const a = massOf(offer.quantity);
  const b = massOf(need.quantity);
  const tonnes = a >= 0 && b >= 0 ? Math.min(a, b) : a >= 0 ? a : b;
  if (!(tonnes >= 0)) return undefined;
  const o = parseItem(offer.item);
  const n = parseItem(need.item);
  if (o.family === undefined || o.family !== n.family) return undefined;
  // A code's own route first (copper scrap among non-ferrous metals); otherwise the family's.
  for (const side of [o, n]) {
    const byCode = side.scheme === 'ewc' && side.digits ? avoidedEmissions(undefined, tonnes, side.digits) : undefined;
    if (byCode) return byCode;
  }
  return avoidedEmissions(o.family, tonnes);
}

/** Rounds to two significant figures, the precision an order of magnitude can claim (50 920 → 51 000; 1.273 → 1.3). */
export function co2eOrderOfMagnitude(tonnesCo2e: number): number {
  return Number.isFinite(tonnesCo2e) && tonnesCo2e !== 0 ? Number(tonnesCo2e.toPrecision(2)) : tonnesCo2e;
}

/** Options of {@link formatCo2eOrder}. */
export interface Co2eOrderOptions {
  /** Add « /an » (« /yr »): the tonnes are a yearly flow (default false). */
  readonly perYear?: boolean;
  /** Leave out « CO2e », e.g. in a column already titled CO2e (default false). */
  readonly bare?: boolean;
}

/**
 * Tonnes of CO2e as an order of magnitude, two significant figures: « ≈ 51 000 t CO2e/an »,
 * « ≈ 1,3 t CO2e » (French, narrow no-break spaces between thousands), « ≈ 51,000 t CO2e/yr ».
 */
export function formatCo2eOrder(tonnesCo2e: number, lang: 'fr' | 'en', options: Co2eOrderOptions = {}): string {
  if (!Number.isFinite(tonnesCo2e)) return '—';
  const n = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumSignificantDigits: 2 }).format(co2eOrderOfMagnitude(tonnesCo2e));
  return `≈ ${n} t${options.bare ? '' : ' CO2e'}${options.perYear ? (lang === 'fr' ? '/an' : '/yr') : ''}`;
}

/** A figure with its basis: « ≈ 51 000 t CO2e/an, acier de recyclage (ferrailles) vs. acier primaire : 1 273 kg CO2e évités par t (2 211 − 938) — FEDEREC 2017… ». */
export function describeAvoidedEmissions(a: AvoidedEmissions, lang: 'fr' | 'en', options: Co2eOrderOptions = {}): string {
  return `${formatCo2eOrder(a.tonnesCo2e, lang, options)}, ${a.basis[lang]}`;
}
