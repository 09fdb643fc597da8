import { FAMILY_IDS, type CsvTableName, type Flow, type Resource } from '@toile/schema';
import { cellString, isToileColumns, recordAt } from '../../columnar/columns.ts';
import { indexOf, type ToileData } from '../../columnar/records.ts';
import { parseEwcCode, parseItem } from '../../analysis/items.ts';
import { findSynergies, prepareSynergies, type SynergyOptions, type SynergyResult } from '../../analysis/synergies/index.ts';
import { avoidedEmissionsOfExchange, co2eOrderOfMagnitude, formatCo2eOrder, type AvoidedEmissions } from '../../analysis/avoided-emissions.ts';
import { formatNumber, formatTable } from '../../analysis/table.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { establishmentNamer, itemText, kindLabel, num, printHuman, safe } from '../human.ts';
import { loadDataFile, reportInputProblems } from '../load-document.ts';

/** Parses a number option; `integer` asks for a whole number. Bad values are usage errors. */
function numberOption(value: string | undefined, name: string, check: (n: number) => boolean, fr: string, en: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`${name} attend ${fr}`, `${name} takes ${en}`);
  return n;
}

/**
 * The footnote of the avoided-CO2e column: how a figure is made, then each basis used once (route,
 * kg CO2e per t, source page, licence), and what a dash means.
 */
function avoidedNote(avoided: readonly (AvoidedEmissions | undefined)[], lang: Lang): string {
  const used = new Map<string, AvoidedEmissions>();
  for (const a of avoided) if (a && !used.has(a.factor.id)) used.set(a.factor.id, a);
  const lines = [
    lang === 'fr'
      ? '** Émissions évitées, ordre de grandeur à deux chiffres : t/an échangées × kg CO2e évités par tonne recyclée (production vierge − recyclage, par tonne de déchets collectée, triée et transformée ; France). « — » : aucun chiffre — pas de facteur ouvert et sûr pour la matière, ou le besoin n’est pas la même matière.'
      : '** Avoided emissions, an order of magnitude to two figures: t/yr exchanged × kg CO2e avoided per tonne recycled (virgin production − recycling, per tonne of waste collected, sorted and processed; France). “—”: no figure — no sound openly licensed factor for the material, or the need is not for the same material.',
  ];
  for (const a of used.values()) lines.push(`   ${a.basis[lang]}${lang === 'fr' ? ' ; ' : '; '}${a.factor.url} (${a.factor.licence})`);
  return `${lines.join('\n')}\n`;
}

const OPTIONS = {
  establishment: { type: 'string' },
  top: { type: 'string' },
  'radius-km': { type: 'string' },
  'half-distance-km': { type: 'string' },
  'bulk-tonnes': { type: 'string' },
  'value-per-tonne': { type: 'string' },
  waterway: { type: 'boolean' },
  'per-need': { type: 'string' },
  'min-score': { type: 'string' },
  family: { type: 'string' },
  code: { type: 'string' },
  need: { type: 'string' },
  'exclude-hazardous': { type: 'boolean' },
  'no-flows': { type: 'boolean' },
  'no-pooling': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];

/** Reads `--code`: `scheme:code` (`ewc:1002`, `hs:7204`) or bare EWC digits (`10 02`); anything else is a usage error. */
function codeOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ewc = parseEwcCode(value);
  if (ewc && !value.includes(':')) return `ewc:${ewc.digits}`;
  const parsed = value.includes(':') ? parseItem({ code: value.trim() }) : undefined;
  if (!parsed?.scheme || !parsed.digits) {
    throw new UsageError(
      `--code attend un code schéma:code (ewc:1002, hs:7204) ou des chiffres EWC (10 02) : ${safe(value)}`,
      `--code takes a scheme:code (ewc:1002, hs:7204) or EWC digits (10 02): ${safe(value)}`,
    );
  }
  return value.trim();
}

/** The finder's options from the command line's (bad values are usage errors). */
function readOptions(values: Values): SynergyOptions {
  const whole = (n: number) => Number.isInteger(n) && n >= 1;
  const positive = (n: number) => n > 0;
  const top = numberOption(values.top, '--top', whole, 'un entier positif', 'a positive whole number');
  const radiusKm = numberOption(values['radius-km'], '--radius-km', positive, 'un nombre positif', 'a positive number');
  const halfDistanceKm = numberOption(values['half-distance-km'], '--half-distance-km', positive, 'un nombre positif', 'a positive number');
  // Transport assumptions an analyst can replace: the bulk threshold (t/yr), the value of a tonne
  // whose value nothing tells (€/t), and waterway as a bulk mode besides rail.
  const bulkTonnes = numberOption(values['bulk-tonnes'], '--bulk-tonnes', positive, 'un nombre positif', 'a positive number');
  const valuePerTonne = numberOption(values['value-per-tonne'], '--value-per-tonne', positive, 'un nombre positif', 'a positive number');
  const perNeed = numberOption(values['per-need'], '--per-need', whole, 'un entier positif', 'a positive whole number');
  const minScore = numberOption(values['min-score'], '--min-score', (n) => n >= 0 && n <= 1, 'un nombre entre 0 et 1', 'a number between 0 and 1');
  if (values.family !== undefined && !FAMILY_IDS.includes(values.family)) {
    throw new UsageError(`famille inconnue : ${safe(values.family)}`, `unknown family: ${safe(values.family)}`);
  }
  const code = codeOption(values.code);
  const transport = {
    ...(bulkTonnes !== undefined ? { bulkTonnes } : {}),
    ...(valuePerTonne !== undefined ? { defaultValuePerTonne: valuePerTonne } : {}),
    ...(values.waterway ? { bulkModes: ['rail', 'waterway'] as const } : {}),
  };
  return {
    ...(values.establishment !== undefined ? { establishment: values.establishment } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(radiusKm !== undefined ? { radiusKm } : {}),
    ...(halfDistanceKm !== undefined ? { halfDistanceKm } : {}),
    ...(Object.keys(transport).length ? { transport } : {}),
    ...(perNeed !== undefined ? { perNeed } : {}),
    ...(minScore !== undefined ? { minScore } : {}),
    ...(values.family !== undefined ? { family: values.family } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(values.need !== undefined ? { need: values.need } : {}),
    ...(values['exclude-hazardous'] ? { excludeHazardous: true } : {}),
    ...(values['no-flows'] ? { flowNeeds: false } : {}),
    ...(values['no-pooling'] ? { pooling: false } : {}),
  };
}

/** The matches as JSON, each with its avoided CO2e (order of magnitude and basis) when a sourced factor applies. */
function jsonReport(result: SynergyResult, avoided: readonly (AvoidedEmissions | undefined)[], lang: Lang): string {
  const matches = result.matches.map((m, k) => {
    const a = avoided[k];
    return a
      ? {
          ...m,
          avoidedCo2e: {
            tonnes: co2eOrderOfMagnitude(a.tonnesCo2e),
            exchangedTonnes: a.tonnes,
            kgCo2ePerTonne: a.factor.avoidedKgCo2ePerT,
            route: a.factor.id,
            basis: a.basis[lang],
            url: a.factor.url,
            licence: a.factor.licence,
          },
        }
      : m;
  });
  return `${JSON.stringify({ matches, pooling: result.pooling, settings: result.settings, considered: result.considered }, null, 2)}\n`;
}

/** The offers and needs the matches name, by id. */
interface Named {
  resources: Map<string, Resource>;
  flows: Map<string, Flow>;
}

/**
 * The records the matches name, in whichever form the data is: a national territory in columns
 * makes a record only for these, not for its millions of flows.
 */
function namedRecords(data: ToileData, result: SynergyResult): Named {
  const resourceIds = new Set<string>();
  const flowIds = new Set<string>();
  for (const m of result.matches) {
    resourceIds.add(m.offer);
    (m.needSource === 'flow' ? flowIds : resourceIds).add(m.need);
  }
  if (!isToileColumns(data))
    return {
      resources: new Map((data.resources ?? []).filter((r) => resourceIds.has(r.id)).map((r) => [r.id, r])),
      flows: new Map(data.flows.filter((f) => flowIds.has(f.id)).map((f) => [f.id, f])),
    };
  const byId = <T>(table: CsvTableName, ids: ReadonlySet<string>): Map<string, T> => {
    const out = new Map<string, T>();
    const columns = data.tables[table];
    if (ids.size === 0) return out;
    for (let r = 0; r < columns.rows; r++) {
      const id = cellString(columns.columns['id'], r);
      // The last record of an id, as the document's map keeps it (a valid territory repeats none).
      if (id !== undefined && ids.has(id)) out.set(id, recordAt(table, columns, r) as T);
    }
    return out;
  };
  return { resources: byId<Resource>('resources', resourceIds), flows: byId<Flow>('flows', flowIds) };
}

/** The candidates table, its notes and the pooling table, for people. */
function humanReport(data: ToileData, named: Named, result: SynergyResult, avoided: readonly (AvoidedEmissions | undefined)[], lang: Lang): string {
  const labels = new Map<string, string>();
  for (const r of named.resources.values()) labels.set(`r:${r.id}`, r.item ? itemText(r.item, lang, r.kind) : kindLabel(r.kind, lang));
  for (const f of named.flows.values()) labels.set(`f:${f.id}`, f.item ? itemText(f.item, lang, f.kind) : kindLabel(f.kind, lang));
  const who = establishmentNamer(data);
  const out: string[] = [];
  const s = result.settings;
  out.push(
    lang === 'fr'
      ? `Synergies — rayon ${formatNumber(s.radiusKm, lang, 1)} km, ${num(result.considered.offers, lang)} offres, ${num(result.considered.needs, lang)} besoins, ${num(result.considered.flowNeeds, lang)} intrants venus de l’extérieur ; ${num(result.matches.length, lang)} candidates\n`
      : `Synergies — radius ${formatNumber(s.radiusKm, lang, 1)} km, ${num(result.considered.offers, lang)} offers, ${num(result.considered.needs, lang)} needs, ${num(result.considered.flowNeeds, lang)} inputs from outside; ${num(result.matches.length, lang)} candidates\n`,
  );
  const rows = result.matches.map((m, k) => [
    formatNumber(m.score, lang, 3),
    `${formatNumber(m.parts.item, lang, 2)} / ${formatNumber(m.parts.distance, lang, 2)} / ${formatNumber(m.parts.quantity, lang, 2)} / ${formatNumber(m.parts.kind, lang, 2)}`,
    m.distanceKm === undefined ? '—' : formatNumber(m.distanceKm, lang, 1),
    m.carbonIndex === undefined ? '' : formatNumber(m.carbonIndex, lang, 0),
    avoided[k] ? formatCo2eOrder(avoided[k]!.tonnesCo2e, lang, { perYear: true, bare: true }) : '—',
    m.hazardous ? (lang === 'fr' ? 'dangereux' : 'hazardous') : '',
    `${who(m.from)} → ${who(m.to)}${lang === 'fr' ? ' :' : ':'} ${labels.get(`r:${m.offer}`) ?? safe(m.offer)} → ${labels.get(`${m.needSource === 'flow' ? 'f' : 'r'}:${m.need}`) ?? safe(m.need)}${m.needSource === 'flow' ? (lang === 'fr' ? ' (acheté hors territoire)' : ' (bought outside)') : ''}`,
  ]);
  const headers =
    lang === 'fr'
      ? [
          'score',
          'matière / distance / quantité / type',
          'km',
          'indice carbone relatif*',
          'CO2e évité (ordre de grandeur)**',
          'déchet',
          'qui → qui : offre → besoin',
        ]
      : [
          'score',
          'item / distance / quantity / kind',
          'km',
          'relative carbon index*',
          'avoided CO2e (order of magnitude)**',
          'waste',
          'who → whom: offer → need',
        ];
  if (rows.length) {
    out.push(formatTable(headers, rows, ['right', 'left', 'right', 'right', 'right', 'left', 'left']));
    const indexed = result.matches.some((m) => m.carbonIndex !== undefined);
    if (indexed) {
      out.push(
        lang === 'fr'
          ? '\n* Indice relatif, pas des tonnes de CO2e : t/an échangées × pondération carbone de la matière (Scottish Carbon Metric, textiles = 100). Sert seulement à comparer les candidates entre elles.\n'
          : '\n* A relative index, not tonnes of CO2e: t/yr exchanged × the material’s carbon weighting (Scottish Carbon Metric, textiles = 100). Only for comparing candidates with each other.\n',
      );
    }
    out.push(`${indexed ? '' : '\n'}${avoidedNote(avoided, lang)}`);
  }
  if (result.pooling.length) out.push(poolingReport(result, who, lang));
  return out.join('');
}

/** The pooling candidates table. */
function poolingReport(result: SynergyResult, who: (id: string) => string, lang: Lang): string {
  const title =
    lang === 'fr'
      ? '\nMutualisations possibles (même besoin, à portée du premier établissement)\n'
      : '\nPooling candidates (same need, within reach of the first establishment)\n';
  return `${title}${formatTable(
    lang === 'fr' ? ['établ.', 'km max', 'besoin', 'établissements'] : ['sites', 'max km', 'need', 'establishments'],
    result.pooling.map((g) => [
      String(g.size),
      formatNumber(g.maxDistanceKm, lang, 1),
      itemText(g.item, lang, g.key),
      `${g.establishments.map(who).join(', ')}${g.size > g.establishments.length ? ' …' : ''}`,
    ]),
    ['right', 'right', 'left', 'left'],
  )}`;
}

/** `toile synergies FILE` — offers matched to needs and to inputs from outside, and pooling candidates. */
export const synergiesCommand: Command = {
  summary: {
    fr: 'cherche les synergies (offres × besoins) et les mutualisations possibles',
    en: 'find synergies (offers × needs) and pooling candidates',
  },
  usage:
    'toile synergies FILE [--establishment ID] [--top N] [--radius-km R] [--half-distance-km H] [--bulk-tonnes T] [--value-per-tonne EUR] [--waterway] [--per-need K] [--min-score S] [--family F] [--code C] [--need ID] [--exclude-hazardous] [--no-flows] [--no-pooling] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const options = readOptions(values);
    const file = positionals[0] as string;
    // A Parquet package or a national input is read into columns: the finder reads either form.
    const input = await loadDataFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    const data = input.data;
    if (!data) return 1;
    const result = findSynergies(prepareSynergies(data, { index: indexOf(data) }), options);
    if (result.unknownEstablishment) {
      io.stderr(
        lang === 'fr' ? `toile : établissement inconnu : ${safe(values.establishment)}\n` : `toile: unknown establishment: ${safe(values.establishment)}\n`,
      );
      return 1;
    }
    // Absolute avoided emissions, an order of magnitude from the exchanged mass and the material's
    // route (FEDEREC 2017 via the ADEME Base Carbone®); none where no openly licensed factor applies.
    const named = namedRecords(data, result);
    const { resources, flows } = named;
    const avoided = result.matches.map((m): AvoidedEmissions | undefined => {
      const offer = resources.get(m.offer);
      const need = m.needSource === 'flow' ? flows.get(m.need) : resources.get(m.need);
      return offer && need ? avoidedEmissionsOfExchange(offer, need) : undefined;
    });
    if (values.json) io.stdout(jsonReport(result, avoided, lang));
    else printHuman(io, humanReport(data, named, result, avoided, lang));
    return 0;
  },
};
