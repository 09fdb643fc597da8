import { prepareDomino } from '../../domino/simulate.ts';
import { rankSystemic } from '../../domino/systemic.ts';
import { SEVERE_FROM, stateDefinitions } from '../../domino/states.ts';
import { parseCommandArgs, readStatuses, STATUS_OPTIONS } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { num, printHuman, safe } from '../human.ts';
import { formatTable } from '../../analysis/table.ts';
import { loadDataFile, reportInputProblems } from '../load-document.ts';
import { progressLines } from '../progress.ts';

/** Rankings of at least this many closures show their progress (smaller ones end at once). */
const PROGRESS_FROM = 1000;

/** The ranking's progress, a line at each tenth, when the ranking is long enough to need one. */
function rankingProgress(io: CliIO, lang: Lang): ((done: number, total: number) => void) | undefined {
  const show = progressLines(io, (percent, done, total) =>
    lang === 'fr'
      ? `Classement systémique : ${percent} % (${num(done, lang)} fermetures simulées sur ${num(total, lang)})`
      : `Systemic ranking: ${percent} % (${num(done, lang)} of ${num(total, lang)} closures simulated)`,
  );
  return show && ((done, total) => total >= PROGRESS_FROM && show(done, total));
}

/** `toile systemic FILE --model …` — which closures would hurt most. */
export const systemicCommand: Command = {
  summary: { fr: 'classe les établissements selon les dégâts de leur fermeture', en: 'rank establishments by the damage their closure would cause' },
  usage: 'toile systemic FILE --model cascade|iim [--threshold X] [--top N] [--include-external] [--statuses active,planned] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      options: {
        model: { type: 'string' },
        threshold: { type: 'string' },
        top: { type: 'string' },
        'include-external': { type: 'boolean' },
        ...STATUS_OPTIONS,
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const model = values.model ?? 'cascade';
    if (model !== 'cascade' && model !== 'iim') {
      throw new UsageError(
        '--model attend cascade ou iim (le classement dynamique passe par iim)',
        '--model takes cascade or iim (use iim for a dynamic ranking)',
      );
    }
    const top = values.top === undefined ? undefined : Number(values.top);
    if (top !== undefined && (!Number.isInteger(top) || top < 1)) throw new UsageError('--top attend un entier positif', '--top takes a positive whole number');
    const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
    if (threshold !== undefined && !(threshold > 0)) throw new UsageError('--threshold attend un nombre positif', '--threshold takes a positive number');
    const statuses = readStatuses(values, lang, io);
    const file = positionals[0] as string;
    const input = await loadDataFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    if (!input.data) return 1;
    const includeExternal = values['include-external'] ?? false;
    const onProgress = rankingProgress(io, lang);
    const ranking = await rankSystemic(prepareDomino(input.data, statuses ? { statuses } : {}), {
      model,
      includeExternal,
      ...(threshold ? { threshold } : {}),
      ...(top ? { top } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
    if (values.json) {
      io.stdout(`${JSON.stringify({ model, includeExternal, ranking }, null, 2)}\n`);
      return 0;
    }
    const fr = lang === 'fr';
    const scope = includeExternal
      ? fr
        ? 'établissements du territoire et partenaires extérieurs (marqués « ext. »)'
        : 'the territory’s establishments and outside partners (marked “ext.”)'
      : fr
        ? 'établissements du territoire (partenaires extérieurs : --include-external)'
        : 'the territory’s establishments (outside partners: --include-external)';
    printHuman(
      io,
      `${fr ? `Classement systémique (${model}) — ${scope}` : `Systemic ranking (${model}) — ${scope}`}\n  ${stateDefinitions(threshold ?? SEVERE_FROM)[lang]}\n${formatTable(
        fr
          ? ['emplois menacés', 'touchés', 'gravement touchés', 'à l’arrêt', 'perte de production €/an', 'établissement fermé']
          : ['jobs at risk', 'affected', 'severely affected', 'stopped', 'output lost €/yr', 'establishment closed'],
        ranking.map((r) => [
          num(r.jobsAtRisk, lang, 1),
          num(r.establishmentsAffected, lang),
          num(r.establishmentsSevere, lang),
          num(r.establishmentsStopped, lang),
          num(r.outputLossEurPerYear, lang),
          `${r.name && r.name !== r.id ? `${safe(r.name)} (${safe(r.id)})` : safe(r.id)}${r.external ? (fr ? ' [ext.]' : ' [ext.]') : ''}`,
        ]),
        ['right', 'right', 'right', 'right', 'right', 'left'],
      )}`,
    );
    return 0;
  },
};
