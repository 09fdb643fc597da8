import { parseArgs } from 'node:util';
import { readToileText } from '../../load/text.ts';
import type { Problem, ValidationResult } from '../../validate/validate.ts';
import { readTextFile } from '../read-file.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';

const SEVERITY = { fr: { error: 'erreur', warning: 'avertissement' }, en: { error: 'error', warning: 'warning' } };

function summaryLine(file: string, r: ValidationResult, lang: Lang): string {
  const d = r.data;
  const n = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  const counts = d ? [n(d.establishments), n(d.flows), n(d.resources)] : [0, 0, 0];
  if (lang === 'fr') {
    const state = r.valid ? 'valide' : 'invalide';
    return `${file} : ${state} — ${counts[0]} établissements, ${counts[1]} flux, ${counts[2]} ressources retenus ; ${r.errors} erreur(s), ${r.warnings} avertissement(s)`;
  }
  const state = r.valid ? 'valid' : 'invalid';
  return `${file}: ${state} — ${counts[0]} establishments, ${counts[1]} flows, ${counts[2]} resources kept; ${r.errors} error(s), ${r.warnings} warning(s)`;
}

function problemLine(p: Problem, lang: Lang): string {
  return `  ${SEVERITY[lang][p.severity].padEnd(lang === 'fr' ? 13 : 7)}  ${p.pointer || '/'}  [${p.code}]  ${p.message[lang]}`;
}

/** `toile validate FILE` — checks a Toile JSON document. */
export const validateCommand: Command = {
  summary: { fr: 'vérifie un document Toile (JSON)', en: 'check a Toile document (JSON)' },
  usage: 'toile validate FILE [--json] [--max-problems N] [--lang fr|en]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
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
    const text = readTextFile(file, io);
    const result = readToileText(text, { maxProblems });
    if (values.json) {
      const d = result.data;
      const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
      io.stdout(
        `${JSON.stringify({
          file,
          valid: result.valid,
          errors: result.errors,
          warnings: result.warnings,
          truncated: result.truncated,
          counts: { establishments: count(d?.establishments), flows: count(d?.flows), resources: count(d?.resources) },
          removed: result.removed,
          problems: result.problems,
        }, null, 2)}\n`,
      );
    } else {
      io.stdout(`${summaryLine(file, result, lang)}\n`);
      for (const p of result.problems) io.stdout(`${problemLine(p, lang)}\n`);
      if (result.truncated) {
        const more = result.errors + result.warnings - result.problems.length;
        io.stdout(lang === 'fr' ? `  … et ${more} autres problèmes (--max-problems)\n` : `  … and ${more} more problems (--max-problems)\n`);
      }
    }
    return result.valid ? 0 : 1;
  },
};
