/**
 * Reference vocabularies shipped with the format: the European List of Waste (with hazard flags and
 * families), NAF rév. 2 labels, the relative carbon weightings of the Scottish Carbon Metric and the
 * absolute avoided emissions per tonne recycled (FEDEREC 2017 via the ADEME Base Carbone®). Each
 * keeps its attribution (`attribution`).
 */
import ewcData from '../vocab/ewc.json' with { type: 'json' };
import nafData from '../vocab/naf.json' with { type: 'json' };
import co2eData from '../vocab/co2e.json' with { type: 'json' };
import avoidedData from '../vocab/avoided-emissions.json' with { type: 'json' };
import { FAMILIES, type FamilyInfo } from './families.ts';
import type { Label } from './labels.ts';

/** One entry of the European List of Waste (chapter, sub-chapter or six-digit entry). */
export interface EwcEntry {
  /** Code without spaces: `10` (chapter), `1001` (sub-chapter), `100105` (entry). */
  readonly code: string;
  readonly level: 'chapter' | 'subchapter' | 'entry';
  /** Official English description. */
  readonly label: string;
  /** Official French description: annex II to article R541-8 of the French environment code. */
  readonly fr: string;
  /** Marked with an asterisk in the list: hazardous waste. */
  readonly hazardous: boolean;
  /** Material family, when the reference mapping gives one. */
  readonly family: string | null;
}

/** Attribution to keep wherever the EWC list is shown or copied. */
export const EWC_ATTRIBUTION: string = ewcData.attribution;
/** Attribution of the NAF labels. */
export const NAF_ATTRIBUTION: string = nafData.attribution;
/** Attribution of the relative carbon weightings. */
export const CO2E_ATTRIBUTION: string = co2eData.attribution;

/** Every EWC chapter, sub-chapter and entry, in list order. */
export const EWC_ENTRIES: readonly EwcEntry[] = ewcData.entries as EwcEntry[];

let ewcIndex: Map<string, EwcEntry> | undefined;

/** The EWC entry, sub-chapter or chapter with this code (`100105`, `1001`, `10`), or undefined. */
export function getEwcEntry(code: string): EwcEntry | undefined {
  ewcIndex ??= new Map(EWC_ENTRIES.map((e) => [e.code, e]));
  return ewcIndex.get(code);
}

const NAF_LABELS: Readonly<Record<string, string>> = nafData.labels;

/** French label of a NAF rév. 2 code of any level (`24`, `24.1`, `24.10`, `24.10Z`), or undefined. */
export function getNafLabel(code: string): string | undefined {
  return Object.hasOwn(NAF_LABELS, code) ? NAF_LABELS[code] : undefined;
}

/** True when `code` is an existing NAF rév. 2 sub-class such as `24.10Z`. */
export function isNafSubclass(code: string): boolean {
  return code.length === 6 && Object.hasOwn(NAF_LABELS, code);
}

/**
 * A material's weighting in the Scottish Carbon Metric: the relative whole-life carbon impact of a
 * tonne wasted, textiles = 100. A relative index to weigh tonnages against each other — NOT tonnes
 * of CO2e avoided per tonne: never multiply a tonnage by it to state an absolute saving.
 */
export interface CarbonWeight {
  readonly material: string;
  /** Relative weighting, textiles = 100 (no unit). */
  readonly relativeWeight: number;
}

/** Every weighting of the reference table. */
export const CARBON_WEIGHTS: readonly CarbonWeight[] = co2eData.multipliers;

let familyIndex: Map<string, FamilyInfo> | undefined;

/** The family with this id, or undefined. */
export function getFamily(id: string): FamilyInfo | undefined {
  familyIndex ??= new Map(FAMILIES.map((f) => [f.id, f]));
  return familyIndex.get(id);
}

/** The family's relative carbon weighting (textiles = 100; not t CO2e per t), when the reference table has one. */
export function getCarbonWeight(familyId: string): number | undefined {
  const material = getFamily(familyId)?.co2eMaterial;
  return material ? CARBON_WEIGHTS.find((m) => m.material === material)?.relativeWeight : undefined;
}

/**
 * Absolute avoided emissions of recycling one tonne of a material by one route: the emissions of
 * making the intermediate material from virgin resources minus those of collecting, sorting and
 * processing a tonne of waste into the same material (kg CO2e per tonne of waste). Each figure
 * comes with its source page, year, licence and scope.
 */
export interface AvoidedEmissionFactor {
  /** Route id, e.g. `ferrous-scrap`. */
  readonly id: string;
  /** Material family the route belongs to. */
  readonly family: string;
  /** The route stands for its whole family: used for any item of the family without a more specific route. */
  readonly familyDefault: boolean;
  /** EWC entries (six digits) the route applies to whatever the family default; empty for none. */
  readonly ewc: readonly string[];
  /** What is substituted for what, e.g. « acier de recyclage (ferrailles) vs. acier primaire ». */
  readonly route: Label;
  /** kg CO2e per tonne for the material made from virgin resources, as given by the source. */
  readonly virginKgCo2ePerT: number;
  /** kg CO2e per tonne of waste collected, sorted and processed into the recycled material, as given by the source. */
  readonly recycledKgCo2ePerT: number;
  /** `virginKgCo2ePerT − recycledKgCo2ePerT`: kg CO2e avoided per tonne recycled (negative when recycling emits more). */
  readonly avoidedKgCo2ePerT: number;
  /** The study and who published the figures. */
  readonly source: string;
  /** The page the two figures were read on. */
  readonly url: string;
  /** Year of the study. */
  readonly year: number;
  /** Licence under which the figures may be reused. */
  readonly licence: string;
  /** What one tonne covers (functional unit, geography, gases). */
  readonly scope: Label;
}

/** Attribution of the avoided-emission factors. */
export const AVOIDED_EMISSIONS_ATTRIBUTION: string = avoidedData.attribution;

/** Every avoided-emission route of the reference table, including routes no family stands for (paper, cardboard). */
export const AVOIDED_EMISSION_FACTORS: readonly AvoidedEmissionFactor[] = avoidedData.factors;

/** Every route recorded for a family (none: an empty list). */
export function getAvoidedEmissionRoutes(familyId: string): readonly AvoidedEmissionFactor[] {
  return AVOIDED_EMISSION_FACTORS.filter((f) => f.family === familyId);
}

/**
 * The avoided-emission factor for an item: the route listing its EWC code (`ewcCode`, six digits,
 * spaces and a hazard star ignored) when one does, else the route standing for the whole family,
 * else undefined — no figure rather than a figure borrowed from another material.
 */
export function getAvoidedEmissions(familyId: string | undefined, ewcCode?: string): AvoidedEmissionFactor | undefined {
  const digits = ewcCode?.replace(/[\s*]/g, '');
  if (digits) {
    const byCode = AVOIDED_EMISSION_FACTORS.find((f) => f.ewc.includes(digits));
    if (byCode) return byCode;
  }
  return familyId === undefined ? undefined : AVOIDED_EMISSION_FACTORS.find((f) => f.family === familyId && f.familyDefault);
}
