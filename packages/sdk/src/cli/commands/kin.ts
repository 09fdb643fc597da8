import { prepareKinship, type KinshipContext, type KinshipData } from '../../analysis/kinship/context.ts';
import { findKin, type KinResult } from '../../analysis/kinship/kin.ts';
import { relatedness, type Relatedness } from '../../analysis/kinship/relatedness.ts';
import { formatNumber, formatShare, formatTable } from '../../analysis/table.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { establishmentNamer, printHuman, safe } from '../human.ts';
import { matchWords, PART_NAMES, partsCell, readDocument, readTerritories, share2, unknownEstablishment, weightsText, wholeOption } from './kinship-shared.ts';

const OPTIONS = {
  establishment: { type: 'string' },
  with: { type: 'string' },
  top: { type: 'string' },
  territory: { type: 'string', multiple: true },
  'min-territories': { type: 'string' },
  'include-external': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** The note under the kin table: what the parts are and what a part without data means. */
function kinNote(lang: Lang): string {
  return lang === 'fr'
    ? '\nParts : activité (proximité NAF), achats et ventes (cosinus des flux par code ou famille), capacités (procédés et produits), co-localisation (autres territoires, « — » si inconnue). Une part sans données d’un côté compte 0 ; « données » : part du poids qui repose sur des données des deux établissements.\n'
    : '\nParts: activity (NAF proximity), inputs and outputs (cosine of flows by code or family), capabilities (processes and products), co-location (other territories, “—” when unknown). A part without data on either side counts 0; “data”: share of the weight resting on data of both establishments.\n';
}

/** The nearest kin, for people. */
function kinReport(ctx: KinshipContext<KinshipData>, result: KinResult, lang: Lang): string {
  const who = establishmentNamer(ctx.doc);
  const title =
    lang === 'fr'
      ? `Parenté de ${who(result.establishment)} — ${result.kin.length} plus proches\n`
      : `Kin of ${who(result.establishment)} — ${result.kin.length} nearest\n`;
  if (!result.kin.length) return `${title}${lang === 'fr' ? '  aucun établissement apparenté\n' : '  no related establishment\n'}`;
  const table = formatTable(
    [
      'score',
      PART_NAMES[lang].join(' / '),
      lang === 'fr' ? 'données' : 'data',
      'km',
      lang === 'fr' ? 'établissement' : 'establishment',
      lang === 'fr' ? 'activité' : 'activity',
    ],
    result.kin.map((k) => [
      formatNumber(k.score, lang, 3),
      partsCell(k, lang),
      formatShare(k.evidence, lang),
      k.distanceKm === null ? '—' : formatNumber(k.distanceKm, lang, 1),
      who(k.id),
      matchWords(k.activityLevel, lang),
    ]),
    ['right', 'left', 'right', 'right', 'left', 'left'],
  );
  const weights = lang === 'fr' ? `Poids : ${weightsText(result.kin[0]!.weights, lang)}\n` : `Weights: ${weightsText(result.kin[0]!.weights, lang)}\n`;
  return `${title}${table}${kinNote(lang)}${weights}`;
}

/** One pair's relatedness, part by part, for people. */
function pairReport(ctx: KinshipContext<KinshipData>, a: string, b: string, r: Relatedness, lang: Lang): string {
  const who = establishmentNamer(ctx.doc);
  const keys = ['activity', 'inputs', 'outputs', 'capabilities', 'colocation'] as const;
  const rows = keys.map((k, i) => {
    const value = r.parts[k];
    const support = r.colocationSupport ?? 0;
    const detail =
      k === 'activity' ? matchWords(r.activityLevel, lang) : k === 'colocation' && support ? `${support} ${lang === 'fr' ? 'territoires' : 'territories'}` : '';
    return [
      PART_NAMES[lang][i]!,
      value === undefined ? '—' : share2(value, lang),
      share2(r.weights[k], lang),
      r.withData.includes(k) ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no',
      detail,
    ];
  });
  return `${lang === 'fr' ? 'Parenté' : 'Relatedness'} ${who(a)} ~ ${who(b)}${lang === 'fr' ? ' : ' : ': '}${formatNumber(r.score, lang, 3)}\n${formatTable(
    lang === 'fr' ? ['part', 'valeur', 'poids', 'données', ''] : ['part', 'value', 'weight', 'data', ''],
    rows,
    ['left', 'right', 'right', 'left', 'left'],
  )}`;
}

/** `toile kin FILE --establishment ID` — the nearest kin of an establishment, or one pair with `--with`. */
export const kinCommand: Command = {
  summary: {
    fr: 'trouve les établissements les plus apparentés (activité, achats, ventes, capacités)',
    en: 'find the most related establishments (activity, inputs, outputs, capabilities)',
  },
  usage: 'toile kin FILE --establishment ID [--with ID] [--top N] [--territory FILE]… [--min-territories N] [--include-external] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    if (!values.establishment) throw new UsageError('indiquez --establishment ID', 'give --establishment ID');
    const top = wholeOption(values.top, '--top');
    const minTerritories = wholeOption(values['min-territories'], '--min-territories');
    const doc = await readDocument(positionals[0]!, io, lang);
    const territories = await readTerritories(values.territory, positionals[0]!, io, lang);
    if (!doc || !territories) return 1;
    const ctx = prepareKinship(doc, { ...(values.territory ? { territories } : {}), ...(minTerritories ? { minTerritories } : {}) });
    const id = values.establishment;
    if (values.with !== undefined) {
      const r = relatedness(id, values.with, ctx);
      if (!r) return unknownEstablishment(ctx.index.nodeOf.has(id) ? values.with : id, io, lang, safe);
      if (values.json) io.stdout(`${JSON.stringify({ a: id, b: values.with, ...r }, null, 2)}\n`);
      else printHuman(io, pairReport(ctx, id, values.with, r, lang));
      return 0;
    }
    const result = findKin(ctx, id, { ...(top ? { top } : {}), ...(values['include-external'] ? { includeExternal: true } : {}) });
    if (!result.found) return unknownEstablishment(id, io, lang, safe);
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else printHuman(io, kinReport(ctx, result, lang));
    return 0;
  },
};
