/**
 * Domino simulations on a Toile document: ids in, per-establishment results and totals out.
 * The index and the dependency matrix can be prepared once and reused across runs
 * ({@link prepareDomino}), which is what a page does while a facilitator tries scenarios.
 */
import type { components, FlowStatus, Scenario, ToileDocument } from '@toile/schema';
import { edgeMask, type GraphIndex } from '../graph/build-index.ts';
import { indexOf, recordsOf, type ToileData } from '../columnar/records.ts';
import { buildDependencyMatrix, type DependencyMatrix, type DerivationReport } from './matrix.ts';
import { simulateCascade, simulateDiim, simulateIim, type DiimResult, type NodeShock } from './models.ts';
import { establishmentState, SEVERE_FROM, type EstablishmentState } from './states.ts';

/** The three models (`DominoModel` of openapi.yaml; the list is `DOMINO_MODELS` of @toile/schema). */
export type DominoModel = components['schemas']['DominoModel'];

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
  /** Cascade: failure threshold; every model: the threshold of the severe state (default 0.5, see {@link establishmentState}). */
  threshold?: number;
  /** Cascade: per-establishment thresholds, by id (override `threshold`). */
  thresholds?: Readonly<Record<string, number>>;
  /** DIIM: days to recover to 1 % of the initial inoperability (default 30). */
  recoveryDays?: number;
  /** DIIM: days simulated (default 30). */
  steps?: number;
  /** Flow statuses taken into account (default: active only). */
  includeStatuses?: readonly FlowStatus[];
}

/**
 * @deprecated An establishment is affected from q > 0 on ({@link establishmentState}); kept for
 * older callers, it is the smallest inoperability reported (6 decimals).
 */
export const AFFECTED_FROM = 1e-6;
/**
 * @deprecated Not "stopped": the threshold of the severe state ({@link SEVERE_FROM}). Stopped means a
 * cascade failure or q = 1; use `result.state` or {@link establishmentState}.
 */
export const STOPPED_FROM = SEVERE_FROM;

/** The index and matrix of a document, built once. */
export interface PreparedDomino {
  /** The document, in either form. */
  doc: ToileData;
  index: GraphIndex;
  matrix: DependencyMatrix;
  /** Flow statuses the matrix was built with. */
  statuses: readonly FlowStatus[];
  /** 1 for each edge whose status is taken into account. */
  used: Uint8Array;
  /** Value of the sales known per node (sum of `valueEur` of its outgoing used flows). */
  output: Float64Array;
}

/** One establishment's outcome. */
export interface DominoEstablishmentResult {
  id: string;
  name: string;
  /** Inoperability in 0–1: the share of its activity lost (DIIM: the peak over the period). */
  inoperability: number;
  /** Its state (stopped, severely affected, affected), defined once for every model: {@link establishmentState}. */
  state: EstablishmentState;
  /** Shocked establishments: the shock it was given (0–1). */
  shock?: number;
  /**
   * IIM / DIIM, shocked establishments: inoperability − shock, when positive. Its suppliers and
   * customers, hit by its shock, pass part of their loss back to it, so a shocked site can lose more
   * than its shock.
   */
  feedback?: number;
  /** Cascade: failed (shocked establishments included). */
  failed?: boolean;
  /** Cascade: round of failure (0 = shocked). */
  round?: number;
  /** Employees × inoperability (0 when employees are unknown). */
  jobsAtRisk: number;
  /** Its flows lost: flows with a stopped end. */
  lostFlows: number;
  /**
   * Lost output where its sales are known (Σ `valueEur` of its outgoing flows): cascade and IIM,
   * sales × inoperability in € per year; DIIM, sales / 365 × ∫ q dt over the horizon, in €.
   */
  lossEur?: number;
  /** DIIM: inoperability per day, q(0) first. */
  trajectory?: number[];
  /** DIIM: inoperability on the last day. */
  final?: number;
}

/** Totals of a simulation. Counts of states include the stronger ones (the stopped are also severe and affected). */
export interface DominoTotals {
  /** Establishments affected: q > 0 or failed (shocked ones included). */
  establishmentsAffected: number;
  /** Establishments severely affected: q ≥ the threshold (default 0.5), stopped ones included. */
  establishmentsSevere: number;
  /** Establishments stopped: failed in the cascade, or q = 1. */
  establishmentsStopped: number;
  /** Establishments with a partial loss: affected, not stopped (a cascade lists them with their loss so far). */
  establishmentsPartial: number;
  /** @deprecated Same as {@link DominoTotals.establishmentsStopped}. */
  establishmentsFailed: number;
  /** Σ employees × inoperability. */
  jobsAtRisk: number;
  /** Cascade and IIM (and DIIM over a 365-day horizon): Σ sales × inoperability where sales are known, € per year. */
  outputLossEurPerYear?: number;
  /** DIIM: Σ sales / 365 × ∫ q dt (trapezoids over the days) where sales are known, € over the horizon. */
  outputLossEurOverHorizon?: number;
  /** DIIM: the horizon, in days (the steps simulated). */
  horizonDays?: number;
  /** Flows with a stopped end. */
  lostFlows: number;
  /** Σ annual value of the lost flows, whole (not scaled by the shock), € per year. */
  lostFlowsAnnualValueEur: number;
  /** Σ flow value × the larger inoperability of its two ends (DIIM: peaks), € per year. */
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
  /** IIM: the solver's report. */
  solver?: { method: 'frontier' | 'gauss-seidel'; converged: boolean; tolerance: number; iterations: number; maxIterations: number };
}

/** Options of {@link prepareDomino}. */
export interface PrepareOptions {
  /** Flow statuses taken into account (default: active only). */
  statuses?: readonly FlowStatus[];
  /** Breadth-first renumbering of the matrix (default true). */
  renumber?: boolean;
}

/**
 * Builds the index and the dependency matrix of a document, for several runs.
 *
 * @example
 * ```ts
 * const prepared = prepareDomino(doc);
 * for (const id of ['acierie', 'raffinerie']) runDomino(prepared, { model: 'iim', shocks: [{ establishment: id, fraction: 1 }] });
 * ```
 */
export function prepareDomino(doc: ToileData, options: PrepareOptions = {}): PreparedDomino {
  const statuses = options.statuses ?? ['active'];
  const index = indexOf(doc);
  const matrix = buildDependencyMatrix(doc, index, { statuses, ...(options.renumber === false ? { renumber: false } : {}) });
  const used = edgeMask(index, { statuses });
  const output = new Float64Array(index.nodeCount);
  for (let e = 0; e < index.edgeCount; e++) {
    const v = index.edgeValue[e]!;
    if (used[e] && v > 0) output[index.edgeSource[e]!]! += v;
  }
  return { doc, index, matrix, statuses, used, output };
}

/** Resolves shock ids to graph-index nodes (fractions clamped to 0–1); unknown ids are returned apart. */
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

const sameStatuses = (a: readonly FlowStatus[], b: readonly FlowStatus[]) => [...a].sort().join() === [...b].sort().join();

/**
 * Runs one domino simulation. Unknown shock ids are reported in `unknownShocks`, not thrown.
 *
 * @param options.all - list every establishment, not only affected ones
 * @example
 * ```ts
 * const outcome = runDomino(doc, { model: 'cascade', shocks: [{ establishment: 'acierie', fraction: 1 }] });
 * console.log(outcome.totals.jobsAtRisk);
 * ```
 */
export function runDomino(docOrPrepared: ToileData | PreparedDomino, request: DominoRequest, options: { all?: boolean } = {}): DominoOutcome {
  const prepared = preparedFor(docOrPrepared, request);
  const { nodes, unknown } = resolveShocks(prepared.index, request.shocks);
  const run = runModel(prepared, request, nodes);
  const threshold = request.threshold ?? SEVERE_FROM;
  const state: EstablishmentState[] = Array.from(run.q, (v, i) => establishmentState(v, { failed: run.failed?.[i] === 1, threshold }));
  const totals = emptyTotals(run.iterations);
  const { lostPerNode, lostFlowIds } = countLostFlows(prepared, run.q, state, totals);
  const { results, outputLoss } = establishmentResults(prepared, request, { run, state, lostPerNode, shocks: nodes, all: !!options.all }, totals);
  finishTotals(totals, outputLoss, run.diim);
  results.sort((a, b) => b.inoperability - a.inoperability || b.jobsAtRisk - a.jobsAtRisk || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { solver } = run;
  return { model: request.model, results, totals, lostFlowIds, derivation: prepared.matrix.derivation, unknownShocks: unknown, ...(solver ? { solver } : {}) };
}

/** The prepared document to run `request` on: prepared here, or again when its statuses differ from the request's. */
function preparedFor(docOrPrepared: ToileData | PreparedDomino, request: DominoRequest): PreparedDomino {
  const prepared =
    'matrix' in docOrPrepared ? docOrPrepared : prepareDomino(docOrPrepared, request.includeStatuses ? { statuses: request.includeStatuses } : {});
  // A prepared matrix built for other statuses would silently answer another question.
  if (request.includeStatuses && !sameStatuses(request.includeStatuses, prepared.statuses))
    return prepareDomino(prepared.doc, { statuses: request.includeStatuses });
  return prepared;
}

/** What a model leaves for the results: the inoperability of each node and the model's own outputs. */
interface ModelRun {
  /** Cascade: the pressure; IIM: the inoperability; DIIM: the peak. */
  q: Float64Array;
  failed?: Uint8Array;
  round?: Int32Array;
  diim?: DiimResult;
  iterations: number;
  solver?: DominoOutcome['solver'];
}

/** Runs the request's model on the shocked nodes. */
function runModel(prepared: PreparedDomino, request: DominoRequest, nodes: NodeShock[]): ModelRun {
  const { matrix } = prepared;
  if (request.model === 'cascade') {
    const r = simulateCascade(matrix, nodes, cascadeThresholds(prepared.index, request));
    return { q: r.pressure, failed: r.failed, round: r.round, iterations: r.rounds };
  }
  if (request.model === 'iim') {
    const r = simulateIim(matrix, nodes);
    const solver = { method: r.method, converged: r.converged, tolerance: r.tolerance, iterations: r.iterations, maxIterations: r.maxIterations };
    return { q: r.inoperability, iterations: r.iterations, solver };
  }
  const diim = simulateDiim(matrix, nodes, { recoveryDays: request.recoveryDays ?? 30, steps: request.steps ?? 30 });
  return { q: diim.peak, diim, iterations: diim.steps };
}

/** The cascade's failure threshold: one value, or one per node when some are given by id. */
function cascadeThresholds(index: GraphIndex, request: DominoRequest): Float64Array | number {
  const threshold = request.threshold ?? 0.5;
  if (!request.thresholds) return threshold;
  const per = new Float64Array(index.nodeCount).fill(threshold);
  for (const [id, t] of Object.entries(request.thresholds)) {
    const node = index.nodeOf.get(id);
    if (node !== undefined) per[node] = t;
  }
  return per;
}

function emptyTotals(iterations: number): DominoTotals {
  return {
    establishmentsAffected: 0,
    establishmentsSevere: 0,
    establishmentsStopped: 0,
    establishmentsPartial: 0,
    establishmentsFailed: 0,
    jobsAtRisk: 0,
    lostFlows: 0,
    lostFlowsAnnualValueEur: 0,
    valueAtRiskEur: 0,
    iterations,
  };
}

/**
 * The flows lost (a stopped end), counted per node, and the flow totals: value at risk, lost
 * flows and their annual value (added to `totals`, edges in index order).
 */
function countLostFlows(
  prepared: PreparedDomino,
  q: Float64Array,
  state: EstablishmentState[],
  totals: DominoTotals,
): { lostPerNode: Uint32Array; lostFlowIds: string[] } {
  const { doc, index, used } = prepared;
  const lostPerNode = new Uint32Array(index.nodeCount);
  const lostFlowIds: string[] = [];
  const records = recordsOf(doc);
  for (let e = 0; e < index.edgeCount; e++) {
    if (!used[e]) continue;
    const s = index.edgeSource[e]!;
    const t = index.edgeTarget[e]!;
    const v = index.edgeValue[e]!;
    if (v > 0) totals.valueAtRiskEur += v * Math.max(q[s]!, q[t]!);
    if (state[s] === 'stopped' || state[t] === 'stopped') {
      lostFlowIds.push(records.flowId(index.edgeFlow[e]!));
      lostPerNode[s]!++;
      lostPerNode[t]!++;
      if (v > 0) totals.lostFlowsAnnualValueEur += v;
    }
  }
  totals.lostFlows = lostFlowIds.length;
  return { lostPerNode, lostFlowIds };
}

/** What {@link establishmentResults} reads besides the document. */
interface ResultInputs {
  run: ModelRun;
  state: EstablishmentState[];
  lostPerNode: Uint32Array;
  shocks: NodeShock[];
  /** Every establishment, not only affected ones. */
  all: boolean;
}

/**
 * Fills `trajectory` with a DIIM node's inoperability per day (rounded) and returns ∫ q dt over the
 * horizon by trapezoids on the days, in days (no object per node: this runs for every node).
 */
function diimTrajectory(diim: DiimResult, slot: number, trajectory: number[]): number {
  const count = diim.nodes.length;
  let days = 0;
  for (let t = 0; t <= diim.steps; t++) {
    const v = slot < 0 ? 0 : diim.trajectory[t * count + slot]!;
    trajectory[t] = round6(v);
    if (t > 0) days += (v + (slot < 0 ? 0 : diim.trajectory[(t - 1) * count + slot]!)) / 2;
  }
  return days;
}

/** Counts an establishment's state in the totals (the stronger states count in the weaker ones). */
function countState(totals: DominoTotals, st: EstablishmentState): void {
  const affected = st !== 'unaffected';
  if (affected) totals.establishmentsAffected++;
  if (st === 'severe' || st === 'stopped') totals.establishmentsSevere++;
  if (st === 'stopped') totals.establishmentsStopped++;
  else if (affected) totals.establishmentsPartial++;
}

/**
 * The per-establishment results (affected ones, or all), in index order, with the totals of states
 * and jobs added to `totals`; and the output lost, summed over every node.
 */
function establishmentResults(
  prepared: PreparedDomino,
  request: DominoRequest,
  inputs: ResultInputs,
  totals: DominoTotals,
): { results: DominoEstablishmentResult[]; outputLoss: number } {
  const { doc, index, output } = prepared;
  const records = recordsOf(doc);
  const { run, state, lostPerNode, shocks } = inputs;
  const { q, failed, round, diim } = run;
  const n = index.nodeCount;
  // Where each reached node's trajectory sits in the DIIM result.
  const slot = diim ? new Int32Array(n).fill(-1) : undefined;
  if (diim && slot) diim.nodes.forEach((i, r) => (slot[i] = r));
  const shockOf = new Map<number, number>();
  for (const s of shocks) shockOf.set(s.node, Math.min(1, (shockOf.get(s.node) ?? 0) + s.fraction));
  let outputLoss = 0;
  const results: DominoEstablishmentResult[] = [];
  for (let i = 0; i < n; i++) {
    const qi = q[i]!;
    const st = state[i]!;
    countState(totals, st);
    const employees = index.employees[i]!;
    const jobs = Number.isNaN(employees) ? 0 : employees * qi;
    totals.jobsAtRisk += jobs;
    let loss: number;
    let trajectory: number[] | undefined;
    if (diim && slot) {
      trajectory = new Array(diim.steps + 1);
      // The sales are per year.
      loss = (output[i]! / 365) * diimTrajectory(diim, slot[i]!, trajectory);
    } else loss = output[i]! * qi;
    outputLoss += loss;
    if (st === 'unaffected' && !inputs.all) continue;
    const result: DominoEstablishmentResult = {
      id: records.establishmentId(i),
      name: records.establishmentName(i),
      inoperability: round6(qi),
      state: st,
      jobsAtRisk: round6(jobs),
      lostFlows: lostPerNode[i]!,
    };
    const shock = shockOf.get(i);
    if (shock !== undefined) {
      result.shock = shock;
      if (request.model !== 'cascade' && round6(qi - shock) > 0) result.feedback = round6(qi - shock);
    }
    if (output[i]! > 0) result.lossEur = Math.round(loss);
    if (failed && round) {
      result.failed = failed[i] === 1;
      if (round[i]! >= 0) result.round = round[i]!;
    }
    if (diim && trajectory) {
      result.trajectory = trajectory;
      result.final = round6(diim.final[i]!);
    }
    results.push(result);
  }
  return { results, outputLoss };
}

/** The output loss totals of the model, and the totals rounded for reporting. */
function finishTotals(totals: DominoTotals, outputLoss: number, diim: DiimResult | undefined): void {
  totals.establishmentsFailed = totals.establishmentsStopped;
  if (diim) {
    totals.outputLossEurOverHorizon = Math.round(outputLoss);
    totals.horizonDays = diim.steps;
    if (diim.steps === 365) totals.outputLossEurPerYear = Math.round(outputLoss);
  } else totals.outputLossEurPerYear = Math.round(outputLoss);
  totals.jobsAtRisk = Math.round(totals.jobsAtRisk * 10) / 10;
  totals.lostFlowsAnnualValueEur = Math.round(totals.lostFlowsAnnualValueEur);
  totals.valueAtRiskEur = Math.round(totals.valueAtRiskEur);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * A scenario in the format's `Scenario` shape, ready for `meta.scenarios`. The format has no
 * place for per-establishment thresholds or flow statuses: those are not kept.
 *
 * @param created - date to record (`2025-05-31`); left out when not given, so the function stays pure
 */
export function createScenario(id: string, request: DominoRequest, label?: string, created?: string): Scenario {
  return {
    id,
    ...(label ? { label } : {}),
    model: request.model,
    shocks: request.shocks.map((s) => ({ establishment: s.establishment, fraction: s.fraction })),
    ...(request.threshold !== undefined ? { threshold: request.threshold } : {}),
    ...(request.recoveryDays !== undefined ? { recoveryDays: request.recoveryDays } : {}),
    ...(request.steps !== undefined ? { steps: request.steps } : {}),
    ...(created ? { created } : {}),
  };
}

/** Runs a saved scenario; returns the outcome and a copy of the scenario with its totals. */
export function runScenario(docOrPrepared: ToileData | PreparedDomino, scenario: Scenario): { scenario: Scenario; outcome: DominoOutcome } {
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
  /** b − a for every total either outcome has (a missing total counts 0). */
  totals: Partial<Record<keyof DominoTotals, number>>;
  /** Establishments whose inoperability differs, largest difference first (listed ones only: run with `all` for a full comparison). */
  establishments: { id: string; a: number; b: number; difference: number }[];
}

/** Compares two outcomes on the same document (b − a). */
export function compareScenarios(a: DominoOutcome, b: DominoOutcome): ScenarioComparison {
  const totals: Partial<Record<keyof DominoTotals, number>> = {};
  const keys = new Set([...Object.keys(a.totals), ...Object.keys(b.totals)] as (keyof DominoTotals)[]);
  for (const key of keys) totals[key] = (b.totals[key] ?? 0) - (a.totals[key] ?? 0);
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
    .sort((p, r) => Math.abs(r.difference) - Math.abs(p.difference) || (p.id < r.id ? -1 : 1));
  return { totals, establishments };
}
