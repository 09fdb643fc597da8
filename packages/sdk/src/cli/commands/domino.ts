import { parseArgs } from 'node:util';
import { FLOW_STATUSES } from '../../graph/build-index.ts';
import { runDomino, type DominoModel, type DominoRequest } from '../../domino/simulate.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { loadDocumentFile, reportInputProblems } from '../load-document.ts';
import type { FlowStatus } from '@toile/schema';

const MODELS: readonly DominoModel[] = ['cascade', 'iim', 'diim'];

/** Parses `ID=FRACTION` shocks; a bad fraction is invalid input (exit 1), reported by the caller. */
function parseShocks(values: string[]): { shocks: { establishment: string; fraction: number }[]; bad: string[] } {
  const shocks: { establishment: string; fraction: number }[] = [];
  const bad: string[] = [];
  for (const v of values) {
    const at = v.lastIndexOf('=');
    const id = at === -1 ? v : v.slice(0, at);
    const raw = v.slice(at + 1).trim();
    const fraction = at === -1 ? 1 : raw === '' ? Number.NaN : Number(raw);
    if (!id || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) bad.push(v);
    else shocks.push({ establishment: id, fraction });
  }
  return { shocks, bad };
}

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} attend un nombre positif`, `${name} takes a positive number`);
  return n;
}

/**
 * `toile domino FILE --model … --shock ID=FRACTION` — what falls when a site closes. Exit 1 for an
 * unreadable document, an unknown shock id or a fraction outside 0–1; 2 for usage errors.
 */
export const dominoCommand: Command = {
  summary: { fr: 'simule l’effet domino d’une fermeture ou d’un choc', en: 'simulate the domino effect of a closure or shock' },
  usage: 'toile domino FILE --model cascade|iim|diim --shock ID=FRACTION [--shock …] [--threshold X] [--recovery-days T --steps N] [--include-status active,planned] [--all] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        shock: { type: 'string', multiple: true },
        threshold: { type: 'string' },
        'recovery-days': { type: 'string' },
        steps: { type: 'string' },
        'include-status': { type: 'string' },
        all: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const model = values.model as DominoModel | undefined;
    if (!model || !MODELS.includes(model)) throw new UsageError('--model attend cascade, iim ou diim', '--model takes cascade, iim or diim');
    if (!values.shock?.length) throw new UsageError('indiquez au moins un --shock ID=FRACTION', 'give at least one --shock ID=FRACTION');
    const threshold = positiveNumber(values.threshold, '--threshold');
    const recoveryDays = positiveNumber(values['recovery-days'], '--recovery-days');
    const steps = positiveNumber(values.steps, '--steps');
    if (steps !== undefined && (!Number.isInteger(steps) || steps > 3650)) throw new UsageError('--steps attend un entier de 1 à 3650', '--steps takes a whole number from 1 to 3650');
    const statuses = values['include-status']?.split(',').map((s) => s.trim()) as FlowStatus[] | undefined;
    if (statuses?.some((s) => !FLOW_STATUSES.includes(s))) throw new UsageError(`--include-status attend ${FLOW_STATUSES.join(', ')}`, `--include-status takes ${FLOW_STATUSES.join(', ')}`);
    const { shocks, bad } = parseShocks(values.shock);
    if (bad.length) {
      io.stderr(lang === 'fr' ? `toile : choc invalide (fraction entre 0 et 1) : ${bad.join(', ')}\n` : `toile: invalid shock (fraction between 0 and 1): ${bad.join(', ')}\n`);
      return 1;
    }
    const file = positionals[0] as string;
    const input = await loadDocumentFile(file, io, lang);
    reportInputProblems(file, input, io, lang, false);
    if (!input.data) return 1;
    const request: DominoRequest = {
      model,
      shocks,
      ...(threshold !== undefined ? { threshold } : {}),
      ...(recoveryDays !== undefined ? { recoveryDays } : {}),
      ...(steps !== undefined ? { steps } : {}),
      ...(statuses ? { includeStatuses: statuses } : {}),
    };
    const outcome = runDomino(input.data, request, { all: values.all ?? false });
    if (outcome.unknownShocks.length) {
      io.stderr(
        lang === 'fr'
          ? `toile : établissement inconnu : ${outcome.unknownShocks.join(', ')}\n`
          : `toile: unknown establishment: ${outcome.unknownShocks.join(', ')}\n`,
      );
      return 1;
    }
    if (values.json) {
      const results = outcome.results.map((r) => ({
        id: r.id,
        name: r.name,
        inoperability: r.inoperability,
        ...(model === 'cascade' ? { failed: r.failed ?? false, ...(r.round !== undefined ? { round: r.round } : {}) } : {}),
        jobsAtRisk: r.jobsAtRisk,
        lostFlows: r.lostFlows,
        ...(r.lossEur !== undefined ? { lossEur: r.lossEur } : {}),
        ...(model === 'diim' ? { final: r.final, trajectory: r.trajectory } : {}),
      }));
      io.stdout(`${JSON.stringify({ model, results, totals: outcome.totals, derivation: outcome.derivation, ...(outcome.solver ? { solver: outcome.solver } : {}) }, null, 2)}\n`);
      return 0;
    }
    const t = outcome.totals;
    io.stdout(
      lang === 'fr'
        ? `Modèle ${model} — ${t.establishmentsAffected} établissements touchés, ${t.establishmentsFailed} à l’arrêt, ${t.jobsAtRisk} emplois menacés, ${t.lostFlows} flux perdus\n`
        : `Model ${model} — ${t.establishmentsAffected} establishments affected, ${t.establishmentsFailed} stopped, ${t.jobsAtRisk} jobs at risk, ${t.lostFlows} flows lost\n`,
    );
    const d = outcome.derivation;
    io.stdout(
      lang === 'fr'
        ? `  valeur des flux perdus ${t.lostFlowsValueEur} €/an · parts de dépendance : ${d.given} données, ${d.fromValue} déduites des valeurs, ${d.fromQuantity} des quantités, ${d.unknown} inconnues (comptées 0)${d.ignoredFlows ? ` · ${d.ignoredFlows} flux non actifs ignorés` : ''}\n`
        : `  value of lost flows ${t.lostFlowsValueEur} €/yr · dependency shares: ${d.given} given, ${d.fromValue} derived from values, ${d.fromQuantity} from quantities, ${d.unknown} unknown (counted 0)${d.ignoredFlows ? ` · ${d.ignoredFlows} non-active flows ignored` : ''}\n`,
    );
    if (outcome.solver && !outcome.solver.converged) {
      io.stdout(lang === 'fr' ? `  attention : le calcul n’a pas convergé en ${outcome.solver.maxIterations} mises à jour\n` : `  warning: the solver did not converge within ${outcome.solver.maxIterations} updates\n`);
    }
    const diim = model === 'diim';
    io.stdout(`${lang === 'fr' ? `  ${diim ? 'pic' : 'inopérabilité'.padStart(13)}${diim ? '   dernier jour' : ''}  emplois  flux perdus  établissement` : `  ${diim ? 'peak' : 'inoperability'}${diim ? '  last day' : ''}  jobs     lost flows  establishment`}\n`);
    const pct = (x: number, w: number) => `${(x * 100).toFixed(1)} %`.padStart(w);
    for (const r of outcome.results) {
      const round = r.failed ? (lang === 'fr' ? ` — arrêt au tour ${r.round}` : ` — stopped in round ${r.round}`) : '';
      const cols = diim ? `${pct(r.inoperability, 7)}  ${pct(r.final ?? 0, 12)}` : pct(r.inoperability, 13);
      io.stdout(`  ${cols}  ${String(Math.round(r.jobsAtRisk)).padStart(7)}  ${String(r.lostFlows).padStart(11)}  ${r.name} (${r.id})${round}\n`);
    }
    return 0;
  },
};
