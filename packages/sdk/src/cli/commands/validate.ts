import { problemLines } from '../report.ts';
import { loadDataFile, recordCounts, type DataLoad } from '../load-document.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { num, printHuman } from '../human.ts';

function summaryLine(file: string, r: DataLoad, lang: Lang): string {
  const c = recordCounts(r.data);
  const counts = [c.establishments, c.flows, c.resources];
  if (lang === 'fr') {
    const state = r.valid ? 'valide' : 'invalide';
    return `${file} : ${state} — ${num(counts[0] ?? 0, lang)} établissements, ${num(counts[1] ?? 0, lang)} flux, ${num(counts[2] ?? 0, lang)} ressources retenus ; ${num(r.errors, lang)} erreur(s), ${num(r.warnings, lang)} avertissement(s)`;
  }
  const state = r.valid ? 'valid' : 'invalid';
  return `${file}: ${state} — ${num(counts[0] ?? 0, lang)} establishments, ${num(counts[1] ?? 0, lang)} flows, ${num(counts[2] ?? 0, lang)} resources kept; ${num(r.errors, lang)} error(s), ${num(r.warnings, lang)} warning(s)`;
}

/** `toile validate FILE` — checks a Toile JSON document. */
export const validateCommand: Command = {
  summary: { fr: 'vérifie un document Toile (JSON)', en: 'check a Toile document (JSON)' },
  usage: 'toile validate FILE|CSV-DIR [--json] [--max-problems N] [--lang fr|en]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { json: { type: 'boolean' }, 'max-problems': { type: 'string' } },
    });
    if (positionals.length !== 1) {
      throw new UsageError('indiquez un seul fichier à vérifier', 'give exactly one file to check');
    }
    const maxProblems = values['max-problems'] === undefined ? 1000 : Number(values['max-problems']);
    if (!Number.isInteger(maxProblems) || maxProblems < 0) {
      throw new UsageError('--max-problems attend un entier positif', '--max-problems takes a whole number');
    }
    const file = positionals[0] as string;
    const result = await loadDataFile(file, io, lang, { maxProblems });
    if (values.json) {
      io.stdout(
        `${JSON.stringify(
          {
            file,
            valid: result.valid,
            errors: result.errors,
            warnings: result.warnings,
            truncated: result.truncated,
            counts: recordCounts(result.data),
            removed: result.removed,
            problems: result.problems,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      printHuman(io, `${summaryLine(file, result, lang)}\n${problemLines(result.problems, result.errors + result.warnings, lang)}`);
    }
    return result.valid ? 0 : 1;
  },
};
