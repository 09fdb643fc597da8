/** The capabilities mode's makers as CSV: one line per establishment shown, ids and numbers as data. */
import { csvLine, type CsvCellValue, type Maker, type MakerEvidenceKind } from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';
import type { CapabilityResults } from './capabilities-tables.ts';

const HEADERS: Readonly<Record<WidgetLang, readonly string[]>> = {
  fr: [
    'rang',
    'score',
    'etablissement_id',
    'etablissement',
    'distance_km',
    'part_capacite',
    'part_flux',
    'part_activite',
    'capacite_id',
    'capacite',
    'procede',
    'correspondance_capacite',
    'flux_id',
    'flux_code',
    'activite_voisine_de_id',
    'correspondance_activite',
    'part_libre',
    'libre_du',
    'libre_au',
    'libre_quantite',
    'libre_unite',
    'certifications',
  ],
  en: [
    'rank',
    'score',
    'establishment_id',
    'establishment',
    'distance_km',
    'part_capability',
    'part_flow',
    'part_kin',
    'capability_id',
    'capability',
    'process',
    'capability_match',
    'flow_id',
    'flow_code',
    'kin_of_id',
    'kin_match',
    'spare_share',
    'spare_from',
    'spare_to',
    'spare_quantity',
    'spare_unit',
    'certifications',
  ],
};

/** One maker's cells: its strongest evidence of each kind, and its closest spare offer. */
function cells(o: CapabilityResults, m: Maker, rank: number): CsvCellValue[] {
  const of = (kind: MakerEvidenceKind) => m.evidence.find((e) => e.kind === kind);
  const capability = of('capability');
  const flow = of('flow');
  const kin = of('kin');
  const declared = capability ? o.data.capabilities.get(capability.ref)?.capability : undefined;
  const spare = o.spareOf.get(m.id)?.[0];
  return [
    rank,
    m.score,
    m.id,
    m.name,
    m.distanceKm ?? undefined,
    capability?.strength ?? 0,
    flow?.strength ?? 0,
    kin?.strength ?? 0,
    capability?.ref,
    declared?.label,
    declared?.process,
    capability?.match,
    flow?.ref,
    flow?.detail,
    kin?.ref,
    kin?.match,
    spare?.share,
    spare?.from,
    spare?.to,
    spare?.spare?.value,
    spare?.spare?.unit,
    declared?.certifications?.join(' | '),
  ];
}

/**
 * The makers as CSV (header in the language), `;` with decimal commas and a byte-order mark for
 * Excel in French. Formula-like text is prefixed with an apostrophe (csvLine).
 */
export function makersCsv(o: CapabilityResults | undefined, lang: WidgetLang, delimiter: ',' | ';'): string {
  const lines = [csvLine(HEADERS[lang], delimiter)];
  if (o) o.result.makers.forEach((m, k) => lines.push(csvLine(cells(o, m, k + 1), delimiter)));
  return `${delimiter === ';' ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
