/**
 * Reference vocabularies shipped with the format: the European List of Waste (with hazard flags and
 * families), NAF rév. 2 labels and the relative carbon weightings of the Scottish Carbon Metric. Each keeps its attribution (`attribution`).
 */
import ewcData from '../vocab/ewc.json' with { type: 'json' };
import nafData from '../vocab/naf.json' with { type: 'json' };
import co2eData from '../vocab/co2e.json' with { type: 'json' };
import { FAMILIES, type FamilyInfo } from './families.ts';

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
