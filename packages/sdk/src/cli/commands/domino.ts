import { DOMINO_MODELS } from '@toile/schema';
import { runDomino, type DominoModel, type DominoOutcome, type DominoRequest } from '../../domino/simulate.ts';
import { FEEDBACK_NOTE, SEVERE_FROM, STATE_LABELS, stateDefinitions } from '../../domino/states.ts';
import { parseCommandArgs, readStatuses, STATUS_OPTIONS } from '../args.ts';
import { UsageError, type CliIO, type Command, type Lang } from '../context.ts';
import { num, printHuman, safe } from '../human.ts';
import { formatTable } from '../../analysis/table.ts';
import { loadDataFile, reportInputProblems } from '../load-document.ts';

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

/** A share in 0–1 as a percentage with one decimal. */
const percent = (x: number, lang: Lang) => `${num(x * 100, lang, 1)} %`;

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
  usage:
    'toile domino FILE --model cascade|iim|diim --shock ID=FRACTION [--shock …] [--threshold X] [--recovery-days T --steps N] [--statuses active,planned] [--all] [--json]',
  async run(args: string[], lang: Lang, io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs({
      args,
      options: {
        model: { type: 'string' },
        shock: { type: 'string', multiple: true },
        threshold: { type: 'string' },
        'recovery-days': { type: 'string' },
        steps: { type: 'string' },
        ...STATUS_OPTIONS,
        all: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('indiquez un document', 'give one document');
    const model = values.model as DominoModel | undefined;
    if (!model || !DOMINO_MODELS.includes(model)) throw new UsageError('--model attend cascade, iim ou diim', '--model takes cascade, iim or diim');
    if (!values.shock?.length) throw new UsageError('indiquez au moins un --shock ID=FRACTION', 'give at least one --shock ID=FRACTION');
    const threshold = positiveNumber(values.threshold, '--threshold');
    const recoveryDays = positiveNumber(values['recovery-days'], '--recovery-days');
    const steps = positiveNumber(values.steps, '--steps');
    if (steps !== undefined && (!Number.isInteger(steps) || steps > 3650))
      throw new UsageError('--steps attend un entier de 1 à 3650', '--steps takes a whole number from 1 to 3650');
    const statuses = readStatuses(values, lang, io);
    const { shocks, bad } = parseShocks(values.shock);
    if (bad.length) {
      io.stderr(
        lang === 'fr'
          ? `toile : choc invalide (fraction entre 0 et 1) : ${bad.join(', ')}\n`
          : `toile: invalid shock (fraction between 0 and 1): ${bad.join(', ')}\n`,
      );
      return 1;
    }
    const file = positionals[0] as string;
    const input = await loadDataFile(file, io, lang);
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
          ? `toile : établissement inconnu : ${outcome.unknownShocks.map(safe).join(', ')}\n`
          : `toile: unknown establishment: ${outcome.unknownShocks.map(safe).join(', ')}\n`,
      );
      return 1;
    }
    if (values.json) {
      io.stdout(`${JSON.stringify(dominoJson(model, outcome), null, 2)}\n`);
      return 0;
    }
    printHuman(io, dominoReport(model, outcome, threshold, lang));
    return 0;
  },
};

/** The `--json` output: one record per establishment, the totals and how the shares were derived. */
function dominoJson(model: DominoModel, outcome: DominoOutcome) {
  const results = outcome.results.map((r) => ({
    id: r.id,
    name: r.name,
    inoperability: r.inoperability,
    state: r.state,
    ...(r.shock !== undefined ? { shock: r.shock } : {}),
    ...(r.feedback !== undefined ? { feedback: r.feedback } : {}),
    ...(model === 'cascade' ? { failed: r.failed ?? false, ...(r.round !== undefined ? { round: r.round } : {}) } : {}),
    jobsAtRisk: r.jobsAtRisk,
    lostFlows: r.lostFlows,
    ...(r.lossEur !== undefined ? { lossEur: r.lossEur } : {}),
    ...(model === 'diim' ? { final: r.final, trajectory: r.trajectory } : {}),
  }));
  return { model, results, totals: outcome.totals, derivation: outcome.derivation, ...(outcome.solver ? { solver: outcome.solver } : {}) };
}

/** The human report: the totals' lines with the states' definitions, then the table. */
function dominoReport(model: DominoModel, outcome: DominoOutcome, threshold: number | undefined, lang: Lang): string {
  const fr = lang === 'fr';
  const diim = model === 'diim';
  const horizon = outcome.totals.horizonDays ?? 0;
  const feedback = outcome.results.some((r) => r.feedback !== undefined);
  const lines = dominoSummary(model, outcome, threshold, lang, feedback);
  const pct = (x: number) => percent(x, lang);
  const lossHeader = diim ? (fr ? `perte € sur ${horizon} j` : `loss € over ${horizon} d`) : fr ? 'perte €/an' : 'loss €/yr';
  const headers = fr
    ? [
        diim ? 'pic' : 'perte d’activité',
        ...(diim ? ['dernier jour'] : []),
        'état',
        ...(feedback ? ['dont rétroaction'] : []),
        'emplois',
        'flux perdus',
        lossHeader,
        'établissement',
      ]
    : [
        diim ? 'peak' : 'activity lost',
        ...(diim ? ['last day'] : []),
        'state',
        ...(feedback ? ['of which feedback'] : []),
        'jobs',
        'lost flows',
        lossHeader,
        'establishment',
      ];
  const rows = outcome.results.map((r) => {
    const round = r.failed ? (fr ? ` — défaillant au tour ${r.round}` : ` — failed in round ${r.round}`) : '';
    const who = r.name && r.name !== r.id ? `${safe(r.name)} (${safe(r.id)})` : safe(r.id);
    return [
      pct(r.inoperability),
      ...(diim ? [pct(r.final ?? 0)] : []),
      STATE_LABELS[r.state][lang],
      ...(feedback ? [r.feedback !== undefined ? pct(r.feedback) : ''] : []),
      num(r.jobsAtRisk, lang, 1),
      num(r.lostFlows, lang),
      r.lossEur !== undefined ? num(r.lossEur, lang) : '—',
      `${who}${round}`,
    ];
  });
  return `${lines.join('\n')}\n${formatTable(
    headers,
    rows,
    headers.map((h, k) => (k === headers.length - 1 || h === 'état' || h === 'state' ? ('left' as const) : ('right' as const))),
  )}`;
}

/** The totals in words: who is touched, what is lost, how the dependency shares were found. */
function dominoSummary(model: DominoModel, outcome: DominoOutcome, threshold: number | undefined, lang: Lang, feedback: boolean): string[] {
  const t = outcome.totals;
  const d = outcome.derivation;
  const fr = lang === 'fr';
  const pct = (x: number) => percent(x, lang);
  const severeAt = pct(threshold ?? SEVERE_FROM);
  const diim = model === 'diim';
  const horizon = t.horizonDays ?? 0;
  const loss = diim
    ? fr
      ? `perte de production sur ${num(horizon, lang)} jours (ventes / 365 × ∫ perte d’activité) ${num(t.outputLossEurOverHorizon ?? 0, lang)} €`
      : `output lost over ${num(horizon, lang)} days (sales / 365 × ∫ activity lost) ${num(t.outputLossEurOverHorizon ?? 0, lang)} €`
    : fr
      ? `perte de production (ventes × perte d’activité) ${num(t.outputLossEurPerYear ?? 0, lang)} €/an`
      : `output lost (sales × activity lost) ${num(t.outputLossEurPerYear ?? 0, lang)} €/yr`;
  const head =
    model === 'cascade'
      ? fr
        ? `Modèle cascade — ${num(t.establishmentsStopped, lang)} établissements défaillants (à l’arrêt), ${num(t.establishmentsPartial, lang)} avec une perte partielle, ${num(t.jobsAtRisk, lang, 1)} emplois menacés`
        : `Model cascade — ${num(t.establishmentsStopped, lang)} establishments failed (stopped), ${num(t.establishmentsPartial, lang)} with a partial loss, ${num(t.jobsAtRisk, lang, 1)} jobs at risk`
      : fr
        ? `Modèle ${model} — ${num(t.establishmentsAffected, lang)} établissements touchés, dont ${num(t.establishmentsSevere, lang)} ${t.establishmentsSevere > 1 ? 'gravement touchés' : 'gravement touché'} (≥ ${severeAt}) et ${num(t.establishmentsStopped, lang)} à l’arrêt (100 %), ${num(t.jobsAtRisk, lang, 1)} emplois menacés`
        : `Model ${model} — ${num(t.establishmentsAffected, lang)} establishments affected, ${num(t.establishmentsSevere, lang)} of them severely (≥ ${severeAt}) and ${num(t.establishmentsStopped, lang)} stopped (100 %), ${num(t.jobsAtRisk, lang, 1)} jobs at risk`;
  const lines: string[] = [
    head,
    `  ${loss}`,
    fr
      ? `  flux perdus (une extrémité à l’arrêt) ${num(t.lostFlows, lang)}, valeur annuelle entière ${num(t.lostFlowsAnnualValueEur, lang)} €/an`
      : `  flows lost (an end stopped) ${num(t.lostFlows, lang)}, whole annual value ${num(t.lostFlowsAnnualValueEur, lang)} €/yr`,
    fr
      ? `  parts de dépendance : ${num(d.given, lang)} données, ${num(d.fromValue, lang)} déduites des valeurs, ${num(d.fromQuantity, lang)} des quantités, ${num(d.unknown, lang)} inconnues (comptées 0)${d.ignoredFlows ? ` · ${num(d.ignoredFlows, lang)} flux non actifs ignorés` : ''}`
      : `  dependency shares: ${num(d.given, lang)} given, ${num(d.fromValue, lang)} derived from values, ${num(d.fromQuantity, lang)} from quantities, ${num(d.unknown, lang)} unknown (counted 0)${d.ignoredFlows ? ` · ${num(d.ignoredFlows, lang)} non-active flows ignored` : ''}`,
    `  ${stateDefinitions(threshold ?? SEVERE_FROM)[lang]}`,
  ];
  if (feedback) lines.push(`  ${FEEDBACK_NOTE[lang]}`);
  if (outcome.solver && !outcome.solver.converged) {
    lines.push(
      fr
        ? `  attention : le calcul n’a pas convergé en ${num(outcome.solver.maxIterations, lang)} mises à jour`
        : `  warning: the solver did not converge within ${num(outcome.solver.maxIterations, lang)} updates`,
    );
  }
  return lines;
}
