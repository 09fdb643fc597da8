/** The finder's candidates as CSV, and the download of a CSV text. */
import { co2eOrderOfMagnitude, csvLine, type CsvCellValue, type SynergyMatch } from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';
import { avoidedOf, itemText, needItem, needKind, offerItem, type Prepared } from './prepared.ts';

const HEADERS: Readonly<Record<WidgetLang, readonly string[]>> = {
  fr: [
    'rang',
    'score',
    'offre_id',
    'offre',
    'besoin_id',
    'besoin',
    'origine_besoin',
    'de_id',
    'de',
    'vers_id',
    'vers',
    'distance_km',
    'part_matiere',
    'part_proximite',
    'part_quantite',
    'part_type',
    'correspondance',
    'dangereux',
    'indice_carbone_relatif',
    'co2e_evite_t_an',
    'base_co2e_evite',
  ],
  en: [
    'rank',
    'score',
    'offer_id',
    'offer',
    'need_id',
    'need',
    'need_source',
    'from_id',
    'from',
    'to_id',
    'to',
    'distance_km',
    'part_item',
    'part_proximity',
    'part_quantity',
    'part_kind',
    'item_match',
    'hazardous',
    'relative_carbon_index',
    'avoided_co2e_t_yr',
    'avoided_co2e_basis',
  ],
};

/** One candidate's cells: ids and numbers as data, names and item texts in the language. */
function cells(p: Prepared, m: SynergyMatch, rank: number, lang: WidgetLang): CsvCellValue[] {
  const avoided = avoidedOf(p, m);
  return [
    rank,
    m.score,
    m.offer,
    itemText(offerItem(p, m), p.resources.get(m.offer)?.kind, lang),
    m.need,
    itemText(needItem(p, m), needKind(p, m), lang),
    m.needSource,
    m.from,
    p.names.get(m.from) ?? m.from,
    m.to,
    p.names.get(m.to) ?? m.to,
    m.distanceKm,
    m.parts.item,
    m.parts.distance,
    m.parts.quantity,
    m.parts.kind,
    m.itemMatch,
    m.hazardous,
    m.carbonIndex,
    avoided ? co2eOrderOfMagnitude(avoided.tonnesCo2e) : undefined,
    avoided?.basis[lang],
  ];
}

/**
 * Candidates as CSV (header in the language, ids and numbers as data), `;` with decimal commas and a
 * byte-order mark for Excel in French. Formula-like text is prefixed with an apostrophe (csvLine).
 */
export function candidatesCsv(p: Prepared | undefined, matches: readonly SynergyMatch[], lang: WidgetLang, delimiter: ',' | ';'): string {
  const lines = [csvLine(HEADERS[lang], delimiter)];
  if (p) matches.forEach((m, k) => lines.push(csvLine(cells(p, m, k + 1, lang), delimiter)));
  return `${delimiter === ';' ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** Downloads a CSV text as a file. */
export function downloadCsv(text: string, filename: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
