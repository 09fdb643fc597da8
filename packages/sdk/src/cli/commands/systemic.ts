import { prepareDomino } from '../../domino/simulate.ts';
import { rankSystemic } from '../../domino/systemic.ts';
import { parseCommandArgs, readStatuses, STATUS_OPTIONS } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { num, printHuman, safe } from '../human.ts';
import { formatTable } from '../../analysis/table.ts';
import { loadDocumentFile, reportInputProblems } from '../load-document.ts';

/** `toile systemic FILE --model …` — which closures would hurt most. */
export const systemicCommand: Command = {
  summary: { fr: 'classe les établissements selon les dégâts de leur fermeture', en: 'rank establishments by the damage their closure would cause' },
  usage: 'toile systemic FILE --model cascade|iim [--threshold X] [--top N] [--statuses active,planned] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      options: { model: { type: 'string' }, threshold: { type: 'string' }, top: { type: 'string' }, ...STATUS_OPTIONS, json: { type: 'boolean' } },
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
    const statuses = readStatuses(values, lang, io);
    const file = positionals[0] as string;
    const input = await loadDocumentFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    if (!input.data) return 1;
    const ranking = await rankSystemic(prepareDomino(input.data, statuses ? { statuses } : {}), { model, ...(threshold ? { threshold } : {}), ...(top ? { top } : {}) });
    if (values.json) {
      io.stdout(`${JSON.stringify({ model, ranking }, null, 2)}\n`);
      return 0;
    }
    const fr = lang === 'fr';
    printHuman(
      io,
      `${fr ? `Classement systémique (${model})` : `Systemic ranking (${model})`}\n${formatTable(
        fr ? ['emplois menacés', 'établissements touchés', 'valeur perdue €/an', 'établissement fermé'] : ['jobs at risk', 'establishments affected', 'value lost €/yr', 'establishment closed'],
        ranking.map((r) => [num(r.jobsAtRisk, lang, 1), num(r.establishmentsAffected, lang), num(r.valueLost, lang), r.name && r.name !== r.id ? `${safe(r.name)} (${safe(r.id)})` : safe(r.id)]),
        ['right', 'right', 'right', 'left'],
      )}`,
    );
    return 0;
  },
};
