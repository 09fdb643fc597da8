/**
 * Domino simulations on a Toile document: ids in, per-establishment results and totals out.
 * The index and the dependency matrix can be prepared once and reused across runs
 * ({@link prepareDomino}), which is what a page does while a facilitator tries scenarios.
 */
import type { FlowStatus, Scenario, ToileDocument } from '@toile/schema';
import { buildIndex, type GraphIndex } from '../graph/build-index.ts';
import { buildDependencyMatrix, type DependencyMatrix, type DerivationReport } from './matrix.ts';
import { simulateCascade, simulateDiim, simulateIim, type NodeShock } from './models.ts';

/** The three models. */
export type DominoModel = 'cascade' | 'iim' | 'diim';

/** A shock on an establishment, by id. */
export interface DominoShock {
  establishment: string;
  /** Share of its activity lost at once, 0–1 (1 = closure). */
  fraction: number;
}

/** What to simulate. Mirrors the `DominoRequest` of the OpenAPI document. */
export interface DominoRequest {
  model: DominoModel;
  shocks: readonly DominoShock[];
  /** Cascade: failure threshold (default 0.5). */
  threshold?: number;
  /** Cascade: per-establishment thresholds, by id. */
  thresholds?: Readonly<Record<string, number>>;
  /** DIIM: days to recover to 1 % of the initial inoperability (default 30). */
  recoveryDays?: number;
  /** DIIM: days simulated (default 30). */
  steps?: number;
  /** Flow statuses taken into account (default: active only). */
  includeStatuses?: readonly FlowStatus[];
}

/** The index and matrix of a document, built once. */
export interface PreparedDomino {
  doc: ToileDocument;
  index: GraphIndex;
  matrix: DependencyMatrix;
  /** Value of the sales known per node (sum of `valueEur` of its outgoing flows). */
  output: Float64Array;
}

/** One establishment's outcome. */
export interface DominoEstablishmentResult {
  id: string;
  name: string;
  /** Inoperability in 0–1 (DIIM: the peak over the period). */
  inoperability: number;
  /** Cascade: failed (shocked establishments included). */
  failed?: boolean;
  /** Cascade: round of failure (0 = shocked). */
  round?: number;
  /** Employees × inoperability (0 when employees are unknown). */
  jobsAtRisk: number;
  /** Economic loss where output values are known: sales × inoperability, € per year. */
  lossEur?: number;
  /** DIIM: inoperability per day, q(0) first. */
  trajectory?: number[];
}

/** Totals of a simulation. */
export interface DominoTotals {
  /** Establishments with inoperability ≥ 1 % (shocked ones included). */
  establishmentsAffected: number;
  /** Cascade: failed; IIM/DIIM: inoperability ≥ 50 %. */
  establishmentsFailed: number;
  jobsAtRisk: number;
  /** Σ sales × inoperability where sales are known, € per year. */
  economicLossEur: number;
  /** Flows with an end failed or ≥ 50 % inoperable. */
  lostFlows: number;
  /** Σ flow value × the larger inoperability of its two ends, € per year. */
  valueAtRiskEur: number;
  /** Cascade rounds; DIIM days; IIM node updates. */
  iterations: number;
}

/** The outcome of {@link runDomino}. */
export interface DominoOutcome {
  model: DominoModel;
  /** Affected establishments (all of them with `all`), most affected first. */
  results: DominoEstablishmentResult[];
  totals: DominoTotals;
  /** Ids of lost flows (see {@link DominoTotals.lostFlows}). */
  lostFlowIds: string[];
  /** How the dependency shares were obtained. */
  derivation: DerivationReport;
  /** Shock ids that are not establishments of the document (ignored). */
  unknownShocks: string[];
  /** IIM: whether the solver converged, and its tolerance. */
  solver?: { converged: boolean; tolerance: number };
}

/** Builds the index and the dependency matrix of a document, for several runs. */
export function prepareDomino(doc: ToileDocument, statuses?: readonly FlowStatus[]): PreparedDomino {
  const index = buildIndex(doc);
  const matrix = buildDependencyMatrix(doc, index, statuses ? { statuses } : {});
  const output = new Float64Array(index.nodeCount);
  for (let e = 0; e < index.edgeCount; e++) {
    const v = index.edgeValue[e]!;
    if (v > 0) output[index.edgeSource[e]!]! += v;
  }
  return { doc, index, matrix, output };
}

/** Resolves shock ids to nodes; unknown ids are returned apart. */
export function resolveShocks(index: GraphIndex, shocks: readonly DominoShock[]): { nodes: NodeShock[]; unknown: string[] } {
  const nodes: NodeShock[] = [];
  const unknown: string[] = [];
  for (const s of shocks) {
    const node = index.nodeOf.get(s.establishment);
    if (node === undefined) unknown.push(s.establishment);
    else nodes.push({ node, fraction: Math.min(1, Math.max(0, s.fraction)) });
  }
  return { nodes, unknown };
}

/**
 * Runs one domino simulation.
 *
 * @param options.all - list every establishment, not only affected ones
 * @example
 * ```ts
 * const outcome = runDomino(doc, { model: 'cascade', shocks: [{ establishment: 'acierie', fraction: 1 }] });
 * console.log(outcome.totals.jobsAtRisk);
 * ```
 */
export function runDomino(docOrPrepared: ToileDocument | PreparedDomino, request: DominoRequest, options: { all?: boolean } = {}): DominoOutcome {
  const prepared = 'matrix' in docOrPrepared ? docOrPrepared : prepareDomino(docOrPrepared, request.includeStatuses);
  const { doc, index, matrix, output } = prepared;
  const n = index.nodeCount;
  const { nodes, unknown } = resolveShocks(index, request.shocks);
  let q: Float64Array;
  let failed: Uint8Array | undefined;
  let round: Int32Array | undefined;
  let trajectory: Float64Array | undefined;
  let steps = 0;
  let iterations = 0;
  let solver: DominoOutcome['solver'];
  if (request.model === 'cascade') {
    let thresholds: Float64Array | number = request.threshold ?? 0.5;
    if (request.thresholds) {
      const per = new Float64Array(n).fill(thresholds);
      for (const [id, t] of Object.entries(request.thresholds)) {
        const node = index.nodeOf.get(id);
        if (node !== undefined) per[node] = t;
      }
      thresholds = per;
    }
    const r = simulateCascade(matrix, nodes, thresholds);
    q = r.pressure;
    failed = r.failed;
    round = r.round;
    iterations = r.rounds;
  } else if (request.model === 'iim') {
    const r = simulateIim(matrix, nodes);
    q = r.inoperability;
    iterations = r.updates;
    solver = { converged: r.converged, tolerance: r.tolerance };
  } else {
    const r = simulateDiim(matrix, nodes, { recoveryDays: request.recoveryDays ?? 30, steps: request.steps ?? 30 });
    q = r.peak;
    trajectory = r.trajectory;
    steps = r.steps;
    iterations = steps;
  }

  const severe = (i: number) => (failed ? failed[i] === 1 : q[i]! >= 0.5);
  const results: DominoEstablishmentResult[] = [];
  const totals: DominoTotals = { establishmentsAffected: 0, establishmentsFailed: 0, jobsAtRisk: 0, economicLossEur: 0, lostFlows: 0, valueAtRiskEur: 0, iterations };
  for (let i = 0; i < n; i++) {
    const qi = q[i]!;
    const affected = qi >= 0.01 || (failed?.[i] ?? 0) === 1;
    if (affected) totals.establishmentsAffected++;
    if (severe(i)) totals.establishmentsFailed++;
    const employees = index.employees[i]!;
    const jobs = Number.isNaN(employees) ? 0 : employees * qi;
    totals.jobsAtRisk += jobs;
    const loss = output[i]! * qi;
    totals.economicLossEur += loss;
    if (!affected && !options.all) continue;
    const e = doc.establishments[i]!;
    const result: DominoEstablishmentResult = { id: e.id, name: e.name, inoperability: round6(qi), jobsAtRisk: round6(jobs) };
    if (output[i]! > 0) result.lossEur = Math.round(loss);
    if (failed && round) {
      result.failed = failed[i] === 1;
      if (round[i]! >= 0) result.round = round[i]!;
    }
    if (trajectory) {
      const t: number[] = new Array(steps + 1);
      for (let s = 0; s <= steps; s++) t[s] = round6(trajectory[s * n + i]!);
      result.trajectory = t;
    }
    results.push(result);
  }
  const lostFlowIds: string[] = [];
  for (let e = 0; e < index.edgeCount; e++) {
    const s = index.edgeSource[e]!;
    const t = index.edgeTarget[e]!;
    const worst = Math.max(q[s]!, q[t]!);
    const v = index.edgeValue[e]!;
    if (v > 0) totals.valueAtRiskEur += v * worst;
    if (severe(s) || severe(t)) lostFlowIds.push(doc.flows[index.edgeFlow[e]!]!.id);
  }
  totals.lostFlows = lostFlowIds.length;
  totals.jobsAtRisk = Math.round(totals.jobsAtRisk * 10) / 10;
  totals.economicLossEur = Math.round(totals.economicLossEur);
  totals.valueAtRiskEur = Math.round(totals.valueAtRiskEur);
  results.sort((a, b) => b.inoperability - a.inoperability || b.jobsAtRisk - a.jobsAtRisk || (a.id < b.id ? -1 : 1));
  return { model: request.model, results, totals, lostFlowIds, derivation: matrix.derivation, unknownShocks: unknown, ...(solver ? { solver } : {}) };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A saved scenario (the `Scenario` of the format), ready for `meta.scenarios`. */
export function createScenario(id: string, request: DominoRequest, label?: string): Scenario {
  return {
    id,
    ...(label ? { label } : {}),
    model: request.model,
    shocks: request.shocks.map((s) => ({ establishment: s.establishment, fraction: s.fraction })),
    ...(request.threshold !== undefined ? { threshold: request.threshold } : {}),
    ...(request.recoveryDays !== undefined ? { recoveryDays: request.recoveryDays } : {}),
    ...(request.steps !== undefined ? { steps: request.steps } : {}),
    created: new Date().toISOString().slice(0, 10),
  };
}

/** Runs a saved scenario and stores its totals in the returned copy of the scenario. */
export function runScenario(docOrPrepared: ToileDocument | PreparedDomino, scenario: Scenario): { scenario: Scenario; outcome: DominoOutcome } {
  const outcome = runDomino(docOrPrepared, {
    model: scenario.model,
    shocks: scenario.shocks,
    ...(scenario.threshold !== undefined ? { threshold: scenario.threshold } : {}),
    ...(scenario.recoveryDays !== undefined ? { recoveryDays: scenario.recoveryDays } : {}),
    ...(scenario.steps !== undefined ? { steps: scenario.steps } : {}),
  });
  const { iterations: _iterations, ...totals } = outcome.totals;
  return { scenario: { ...scenario, totals }, outcome };
}

/** A copy of the document with the scenario saved in `meta.scenarios` (replacing one with its id). */
export function saveScenario(doc: ToileDocument, scenario: Scenario): ToileDocument {
  const others = (doc.meta.scenarios ?? []).filter((s) => s.id !== scenario.id);
  return { ...doc, meta: { ...doc.meta, scenarios: [...others, scenario] } };
}

/** Per-establishment and total differences between two outcomes (b − a). */
export interface ScenarioComparison {
  totals: Record<keyof DominoTotals, number>;
  /** Establishments whose inoperability differs, largest difference first. */
  establishments: { id: string; a: number; b: number; difference: number }[];
}

/** Compares two outcomes on the same document. */
export function compareScenarios(a: DominoOutcome, b: DominoOutcome): ScenarioComparison {
  const totals = {} as Record<keyof DominoTotals, number>;
  for (const key of Object.keys(a.totals) as (keyof DominoTotals)[]) totals[key] = b.totals[key] - a.totals[key];
  const qa = new Map(a.results.map((r) => [r.id, r.inoperability]));
  const qb = new Map(b.results.map((r) => [r.id, r.inoperability]));
  const ids = new Set([...qa.keys(), ...qb.keys()]);
  const establishments = [...ids]
    .map((id) => {
      const x = qa.get(id) ?? 0;
      const y = qb.get(id) ?? 0;
      return { id, a: x, b: y, difference: round6(y - x) };
    })
    .filter((d) => d.difference !== 0)
    .sort((p, r) => Math.abs(r.difference) - Math.abs(p.difference));
  return { totals, establishments };
}
