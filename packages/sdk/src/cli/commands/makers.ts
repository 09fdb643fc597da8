import { getProcessLabel, isProcessId, PROCESS_IDS } from '@toile/schema';
import type { ToileData } from '../../columnar/records.ts';
import { prepareKinship } from '../../analysis/kinship/context.ts';
import { findMakers, type MakerEvidence, type MakerOptions, type MakerResult } from '../../analysis/kinship/makers.ts';
import { parseCode } from '../../analysis/kinship/matches.ts';
import { formatNumber, formatTable } from '../../analysis/table.ts';
import { closestName, parseCommandArgs } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { establishmentNamer, printHuman, safe } from '../human.ts';
import { matchWords, positiveOption, readDocument, unknownEstablishment, wholeOption } from './kinship-shared.ts';

const OPTIONS = {
  product: { type: 'string' },
  process: { type: 'string' },
  near: { type: 'string' },
  'radius-km': { type: 'string' },
  top: { type: 'string' },
  'include-external': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];

/** The query's options from the command line; bad values are usage errors. */
function readOptions(values: Values): MakerOptions {
  if ((values.product === undefined) === (values.process === undefined)) {
    throw new UsageError(
      'indiquez --product CODE (cpa:25.62, hs:8483) ou --process P (din8580:3.2)',
      'give --product CODE (cpa:25.62, hs:8483) or --process P (din8580:3.2)',
    );
  }
  if (values.product !== undefined && !parseCode(values.product)) {
    throw new UsageError(
      `--product attend un code schéma:code (cpa:25.62, hs:8483, naf:25.62A) : ${safe(values.product)}`,
      `--product takes a scheme:code (cpa:25.62, hs:8483, naf:25.62A): ${safe(values.product)}`,
    );
  }
  if (values.process !== undefined && !isProcessId(values.process)) {
    const near = closestName(values.process, PROCESS_IDS);
    const hint = near
      ? { fr: ` : vouliez-vous dire \`${near}\` ?`, en: `: did you mean \`${near}\`?` }
      : { fr: ' (voir vocab/processes.json)', en: ' (see vocab/processes.json)' };
    throw new UsageError(`procédé inconnu \`${safe(values.process)}\`${hint.fr}`, `unknown process \`${safe(values.process)}\`${hint.en}`);
  }
  const top = wholeOption(values.top, '--top');
  const radiusKm = positiveOption(values['radius-km'], '--radius-km');
  return {
    ...(values.product !== undefined ? { product: values.product.trim() } : {}),
    ...(values.process !== undefined ? { process: values.process } : {}),
    ...(values.near !== undefined ? { near: values.near } : {}),
    ...(radiusKm !== undefined ? { radiusKm } : {}),
    ...(top !== undefined ? { top } : {}),
    ...(values['include-external'] ? { includeExternal: true } : {}),
  };
}

/** One piece of evidence in words: `capacité usinage-1 : hs:8483 (même code)`. */
function evidenceText(e: MakerEvidence, lang: Lang, who: (id: string) => string): string {
  const more = e.count > 1 ? ` (+${e.count - 1})` : '';
  const how = matchWords(e.match, lang);
  const sep = lang === 'fr' ? ' : ' : ': ';
  if (e.kind === 'capability') return `${lang === 'fr' ? 'capacité' : 'capability'} ${safe(e.ref)}${sep}${safe(e.detail)}, ${how}${more}`;
  if (e.kind === 'flow') return `${lang === 'fr' ? 'flux' : 'flow'} ${safe(e.ref)}${sep}${safe(e.detail)}, ${how}${more}`;
  return `${lang === 'fr' ? 'parent de' : 'kin of'} ${who(e.ref)}${sep}${how} ${safe(e.detail)}${more}`;
}

/** The candidates for people. */
function makersReport(doc: ToileData, result: MakerResult, lang: Lang): string {
  const who = establishmentNamer(doc);
  const what =
    result.query.product !== undefined ? safe(result.query.product) : `${getProcessLabel(result.query.process, lang) ?? ''} (${safe(result.query.process)})`;
  const origin = {
    establishment: { fr: 'distances depuis l’établissement donné', en: 'distances from the given establishment' },
    territory: { fr: 'distances depuis le centre du territoire', en: 'distances from the territory’s centre' },
    none: { fr: 'distances inconnues', en: 'distances unknown' },
  }[result.origin][lang];
  const out = [
    lang === 'fr'
      ? `Qui pourrait faire ${what} ici — ${result.knownMakers} le font déjà (dans ou hors du territoire), ${result.candidates} candidats${result.beyondRadius ? `, ${result.beyondRadius} hors rayon` : ''} ; ${origin}\n`
      : `Who here could make ${what} — ${result.knownMakers} already do (inside or outside the territory), ${result.candidates} candidates${result.beyondRadius ? `, ${result.beyondRadius} beyond the radius` : ''}; ${origin}\n`,
  ];
  if (!result.makers.length) return out.join('');
  out.push(
    formatTable(
      lang === 'fr' ? ['score', 'km', 'établissement', 'preuves'] : ['score', 'km', 'establishment', 'evidence'],
      result.makers.map((m) => [
        formatNumber(m.score, lang, 3),
        m.distanceKm === null ? '—' : formatNumber(m.distanceKm, lang, 1),
        who(m.id),
        m.evidence.map((e) => evidenceText(e, lang, who)).join(' ; '),
      ]),
      ['right', 'right', 'left', 'left'],
    ),
    lang === 'fr'
      ? '\nScore : 1 − Π (1 − force) sur la meilleure preuve de chaque sorte — capacité déclarée (code ou procédé), flux déjà donnés du code (× 0,9), activité NAF proche de ceux qui le font déjà (× 0,5).\n'
      : '\nScore: 1 − Π (1 − strength) over the best evidence of each kind — declared capability (code or process), flows of the code already given (× 0.9), NAF activity close to those who already make it (× 0.5).\n',
  );
  return out.join('');
}

/** `toile makers FILE --product CODE | --process P` — who in the territory could make it. */
export const makersCommand: Command = {
  summary: {
    fr: 'cherche qui, dans le territoire, pourrait fabriquer un produit ou maîtrise un procédé',
    en: 'find who in the territory could make a product or masters a process',
  },
  usage: 'toile makers FILE --product CODE | --process P [--near ID] [--radius-km R] [--top N] [--include-external] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const options = readOptions(values);
    const doc = await readDocument(positionals[0]!, io, lang);
    if (!doc) return 1;
    const result = findMakers(prepareKinship(doc), options);
    if (result.unknownNear) return unknownEstablishment(options.near!, io, lang, safe);
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else printHuman(io, makersReport(doc, result, lang));
    return 0;
  },
};
