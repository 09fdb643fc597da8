import { findAlternativeSources } from '../../analysis/sources.ts';
import { formatNumber, formatTable } from '../../analysis/table.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { establishmentNamer, familyLabel, printHuman, safe } from '../human.ts';
import { loadDataFile, reportInputProblems } from '../load-document.ts';

/** `toile sources FILE --establishment ID --input CODE` — possible second sources of an input, nearest first. */
export const sourcesCommand: Command = {
  summary: { fr: 'cherche d’autres fournisseurs locaux d’un intrant (double sourcing)', en: 'find other local suppliers of an input (double sourcing)' },
  usage: 'toile sources FILE --establishment ID --input CODE|FAMILY [--top N] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { establishment: { type: 'string' }, input: { type: 'string' }, top: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    if (!values.establishment) throw new UsageError('indiquez --establishment ID', 'give --establishment ID');
    if (!values.input)
      throw new UsageError('indiquez --input CODE (ewc:100202) ou une famille (ferrous-metals)', 'give --input CODE (ewc:100202) or a family (ferrous-metals)');
    const top = values.top === undefined ? undefined : Number(values.top);
    if (top !== undefined && (!Number.isInteger(top) || top < 1)) throw new UsageError('--top attend un entier positif', '--top takes a positive whole number');
    const file = positionals[0] as string;
    const input = await loadDataFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    const doc = input.data;
    if (!doc) return 1;
    const result = findAlternativeSources(doc, { establishment: values.establishment, input: values.input, ...(top !== undefined ? { limit: top } : {}) });
    if (!result.found) {
      io.stderr(
        lang === 'fr' ? `toile : établissement inconnu : ${safe(values.establishment)}\n` : `toile: unknown establishment: ${safe(values.establishment)}\n`,
      );
      return 1;
    }
    if (!result.validInput) {
      io.stderr(
        lang === 'fr'
          ? `toile : intrant invalide : ${safe(values.input)} (un code schéma:valeur comme hs:2601, ou une famille connue)\n`
          : `toile: invalid input: ${safe(values.input)} (a scheme:value code such as hs:2601, or a known family)\n`,
      );
      return 1;
    }
    if (values.json) {
      io.stdout(`${JSON.stringify({ establishment: values.establishment, ...result }, null, 2)}\n`);
      return 0;
    }
    const what = [result.input.code ? safe(result.input.code) : undefined, result.input.family ? familyLabel(result.input.family, lang) : undefined]
      .filter(Boolean)
      .join(', ');
    const who = establishmentNamer(doc);
    printHuman(
      io,
      lang === 'fr'
        ? `Autres sources de ${what} pour ${who(values.establishment)} — ${result.receives ? `fournisseurs actuels : ${result.currentSuppliers.map(who).join(', ')}` : 'intrant non reçu aujourd’hui'} ; ${result.candidates.length} candidats\n`
        : `Other sources of ${what} for ${who(values.establishment)} — ${result.receives ? `current suppliers: ${result.currentSuppliers.map(who).join(', ')}` : 'input not received today'}; ${result.candidates.length} candidates\n`,
    );
    if (!result.candidates.length) return 0;
    printHuman(
      io,
      formatTable(
        lang === 'fr' ? ['km', 'même', 'établissement', 'preuves'] : ['km', 'same', 'establishment', 'evidence'],
        result.candidates.map((c) => [
          c.distanceKm === null ? '—' : formatNumber(c.distanceKm, lang, 1),
          c.match === 'code' ? 'code' : lang === 'fr' ? 'famille' : 'family',
          who(c.id),
          [
            ...c.flows.map((f) => (lang === 'fr' ? `flux ${safe(f)}` : `flow ${safe(f)}`)),
            ...c.offers.map((r) => (lang === 'fr' ? `offre ${safe(r)}` : `offer ${safe(r)}`)),
          ].join(', '),
        ]),
        ['right', 'left', 'left', 'left'],
      ),
    );
    return 0;
  },
};
