import type { ToileData } from '../../columnar/records.ts';
import { prepareKinship } from '../../analysis/kinship/context.ts';
import { findLeaps, type LeapEvidence, type LeapResult } from '../../analysis/kinship/leaps.ts';
import { formatNumber, formatTable } from '../../analysis/table.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { establishmentNamer, familyLabel, printHuman, safe } from '../human.ts';
import { readDocument, readTerritories, unknownEstablishment, wholeOption } from './kinship-shared.ts';

const OPTIONS = {
  establishment: { type: 'string' },
  top: { type: 'string' },
  kin: { type: 'string' },
  territory: { type: 'string', multiple: true },
  'min-territories': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const KIND_WORDS: Readonly<Record<LeapEvidence['kind'], Readonly<Record<Lang, string>>>> = {
  'capability-product': { fr: 'sa capacité', en: 'its capability' },
  'capability-process': { fr: 'son procédé', en: 'its process' },
  'own-output': { fr: 'il donne', en: 'it gives' },
  'kin-output': { fr: 'son parent', en: 'its kin' },
  'supplier-activity': { fr: 'activité du fournisseur', en: 'supplier’s activity' },
};

/** One piece of evidence in words, with its strength. */
function evidenceText(e: LeapEvidence, lang: Lang, who: (id: string) => string): string {
  const ref = e.kind === 'kin-output' || e.kind === 'supplier-activity' ? who(e.ref) : safe(e.ref);
  return `${KIND_WORDS[e.kind][lang]} ${ref} (${safe(e.detail)}) ${formatNumber(e.strength, lang, 2)}`;
}

/** The leaps for people. */
function leapsReport(doc: ToileData, result: LeapResult, lang: Lang): string {
  const who = establishmentNamer(doc);
  const out = [
    lang === 'fr'
      ? `Sauts productifs pour ${who(result.establishment)} — ${result.missingInputs} intrants achetés seulement hors du territoire, ${result.leaps.length} à sa portée\n`
      : `Productive leaps for ${who(result.establishment)} — ${result.missingInputs} inputs bought only outside the territory, ${result.leaps.length} within its reach\n`,
  ];
  if (!result.leaps.length) return out.join('');
  out.push(
    formatTable(
      lang === 'fr' ? ['score', '€/an', 'intrant', 'acheteurs', 'preuves'] : ['score', '€/yr', 'input', 'buyers', 'evidence'],
      result.leaps.map((l) => [
        formatNumber(l.score, lang, 3),
        l.valueEur > 0 ? formatNumber(l.valueEur, lang) : '—',
        `${l.label ? `${safe(l.label)} ` : ''}(${l.code ? safe(l.code) : familyLabel(l.family ?? '', lang)})`,
        l.establishments.map(who).join(', '),
        l.evidence.map((e) => evidenceText(e, lang, who)).join(' ; '),
      ]),
      ['right', 'right', 'left', 'left', 'left'],
    ),
    lang === 'fr'
      ? '\nDes pistes à vérifier en entretien, pas une étude de faisabilité : score = 1 − Π (1 − force) sur la meilleure preuve de chaque sorte.\n'
      : '\nLeads to check in an interview, not a feasibility study: score = 1 − Π (1 − strength) over the best evidence of each kind.\n',
  );
  return out.join('');
}

/** `toile leaps FILE --establishment ID` — inputs bought outside the territory within an establishment's reach. */
export const leapsCommand: Command = {
  summary: {
    fr: 'repère les intrants achetés hors du territoire à la portée d’un établissement (sauts productifs)',
    en: 'find inputs bought outside the territory within an establishment’s reach (productive leaps)',
  },
  usage: 'toile leaps FILE --establishment ID [--top N] [--kin N] [--territory FILE]… [--min-territories N] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    if (!values.establishment) throw new UsageError('indiquez --establishment ID', 'give --establishment ID');
    const top = wholeOption(values.top, '--top');
    const kin = wholeOption(values.kin, '--kin');
    const minTerritories = wholeOption(values['min-territories'], '--min-territories');
    const doc = await readDocument(positionals[0]!, io, lang);
    const territories = await readTerritories(values.territory, positionals[0]!, io, lang);
    if (!doc || !territories) return 1;
    const ctx = prepareKinship(doc, { ...(values.territory ? { territories } : {}), ...(minTerritories ? { minTerritories } : {}) });
    const result = findLeaps(ctx, values.establishment, { ...(top ? { top } : {}), ...(kin ? { kin } : {}) });
    if (!result.found) return unknownEstablishment(values.establishment, io, lang, safe);
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else printHuman(io, leapsReport(doc, result, lang));
    return 0;
  },
};
