import { parseArgs } from 'node:util';
import type { FlowStatus } from '@toile/schema';
import { FLOW_STATUSES } from '../../graph/build-index.ts';
import { prepareDomino } from '../../domino/simulate.ts';
import { rankSystemic } from '../../domino/systemic.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { loadDocumentFile, reportInputProblems } from '../load-document.ts';

/** `toile systemic FILE --model …` — which closures would hurt most. */
export const systemicCommand: Command = {
  summary: { fr: 'classe les établissements selon les dégâts de leur fermeture', en: 'rank establishments by the damage their closure would cause' },
  usage: 'toile systemic FILE --model cascade|iim [--threshold X] [--top N] [--include-status active,planned] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { model: { type: 'string' }, threshold: { type: 'string' }, top: { type: 'string' }, 'include-status': { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const model = values.model ?? 'cascade';
    if (model !== 'cascade' && model !== 'iim') {
      throw new UsageError('--model attend cascade ou iim (le classement dynamique passe par iim)', '--model takes cascade or iim (use iim for a dynamic ranking)');
    }
    const top = values.top === undefined ? undefined : Number(values.top);
    if (top !== undefined && (!Number.isInteger(top) || top < 1)) throw new UsageError('--top attend un entier positif', '--top takes a positive whole number');
    const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
    if (threshold !== undefined && !(threshold > 0)) throw new UsageError('--threshold attend un nombre positif', '--threshold takes a positive number');
    const statuses = values['include-status']?.split(',').map((s) => s.trim()) as FlowStatus[] | undefined;
    if (statuses?.some((s) => !FLOW_STATUSES.includes(s))) throw new UsageError(`--include-status attend ${FLOW_STATUSES.join(', ')}`, `--include-status takes ${FLOW_STATUSES.join(', ')}`);
    const file = positionals[0] as string;
    const input = await loadDocumentFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    if (!input.data) return 1;
    const ranking = await rankSystemic(prepareDomino(input.data, statuses ? { statuses } : {}), { model, ...(threshold ? { threshold } : {}), ...(top ? { top } : {}) });
    if (values.json) {
      io.stdout(`${JSON.stringify({ model, ranking }, null, 2)}\n`);
      return 0;
    }
    io.stdout(lang === 'fr' ? `Classement systémique (${model})\n  emplois  établissements  valeur €/an  établissement\n` : `Systemic ranking (${model})\n  jobs     establishments  value €/yr   establishment\n`);
    for (const r of ranking) {
      io.stdout(`  ${String(Math.round(r.jobsAtRisk)).padStart(7)}  ${String(r.establishmentsAffected).padStart(13)}  ${String(r.valueLost).padStart(11)}  ${r.name} (${r.id})\n`);
    }
    return 0;
  },
};
