import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { compareScenarios, FEEDBACK_NOTE, foldText, STATE_LABELS, stateDefinitions, type DominoModel, type DominoOutcome, type DominoRequest, type DominoTotals, type SystemicEntry } from '@toile/sdk';
import type { Establishment } from '@toile/schema';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import type { Message, WidgetLang } from '../base/i18n.ts';
import { DataController } from '../data/data-controller.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { dominoSimulatorStyles } from './domino-simulator.styles.ts';
import { MainThreadRunner, WorkerRunner, createDominoWorker, type DominoRunner, type WorkerFactory } from './domino-runner.ts';

const T = {
  title: { fr: 'Simulateur de dominos', en: 'Domino simulator' },
  sites: { fr: 'Sites touchés', en: 'Affected sites' },
  search: { fr: 'Rechercher un établissement', en: 'Search an establishment' },
  candidates: { fr: 'Établissements', en: 'Establishments' },
  more: { fr: 'premiers sur', en: 'first of' },
  refine: { fr: 'précisez la recherche.', en: 'refine the search.' },
  noMatch: { fr: 'Aucun établissement ne correspond.', en: 'No establishment matches.' },
  chosen: { fr: 'Sites choisis', en: 'Chosen sites' },
  noneChosen: { fr: 'Aucun site choisi.', en: 'No site chosen.' },
  remove: { fr: 'Retirer', en: 'Remove' },
  addSelection: { fr: 'Ajouter la sélection', en: 'Add the selection' },
  external: { fr: 'hors territoire', en: 'outside' },
  shock: { fr: 'Perte d’activité des sites choisis (%)', en: 'Activity lost by the chosen sites (%)' },
  shockNumber: { fr: 'Perte d’activité, en pourcentage', en: 'Activity lost, in percent' },
  shockHint: { fr: '100 % : fermeture ; moins : choc partiel (baisse de production).', en: '100 %: closure; less: a partial shock (output falls).' },
  model: { fr: 'Modèle', en: 'Model' },
  parameters: { fr: 'Paramètres', en: 'Parameters' },
  threshold: { fr: 'Seuil de défaillance (%)', en: 'Failure threshold (%)' },
  thresholdHint: {
    fr: 'Part de ses approvisionnements ou débouchés perdus à partir de laquelle un établissement s’arrête.',
    en: 'Share of its supplies or outlets lost from which an establishment stops.',
  },
  recovery: { fr: 'Temps de rétablissement (jours)', en: 'Recovery time (days)' },
  recoveryHint: {
    fr: 'Jours qu’il faut à un établissement, seul, pour retrouver 99 % de son activité.',
    en: 'Days an establishment needs, on its own, to get back 99 % of its activity.',
  },
  run: { fr: 'Lancer la simulation', en: 'Run the simulation' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  clear: { fr: 'Effacer', en: 'Clear' },
  rank: { fr: 'Classement systémique', en: 'Systemic ranking' },
  running: { fr: 'Simulation en cours…', en: 'Simulation running…' },
  runningWorker: { fr: 'Simulation en cours (calcul en arrière-plan)…', en: 'Simulation running (in the background)…' },
  ranking: { fr: 'Classement en cours : chaque site est fermé tour à tour…', en: 'Ranking: every site is closed in turn…' },
  cancelled: { fr: 'Simulation annulée.', en: 'Simulation cancelled.' },
  done: { fr: 'Simulation terminée :', en: 'Simulation done:' },
  rankDone: { fr: 'Classement terminé.', en: 'Ranking done.' },
  cleared: { fr: 'Résultats effacés.', en: 'Results cleared.' },
  progress: { fr: 'Avancement', en: 'Progress' },
  results: { fr: 'Résultats', en: 'Results' },
  affected: { fr: 'Établissements touchés', en: 'Establishments affected' },
  severe: { fr: 'dont gravement touchés', en: 'of which severely affected' },
  stopped: { fr: 'dont à l’arrêt', en: 'of which stopped' },
  failedSites: { fr: 'Établissements défaillants (à l’arrêt)', en: 'Establishments failed (stopped)' },
  partial: { fr: 'Pertes partielles', en: 'Partial losses' },
  state: { fr: 'État', en: 'State' },
  feedback: { fr: 'dont rétroaction', en: 'of which feedback' },
  outputLoss: { fr: 'Perte de production (ventes × perte d’activité)', en: 'Output lost (sales × activity lost)' },
  outputLossOver: { fr: 'Perte de production sur l’horizon (ventes / 365 × ∫ perte d’activité)', en: 'Output lost over the horizon (sales / 365 × ∫ activity lost)' },
  over: { fr: 'sur', en: 'over' },
  includeExternal: { fr: 'Inclure les partenaires extérieurs', en: 'Include outside partners' },
  jobs: { fr: 'Emplois à risque', en: 'Jobs at risk' },
  lostFlows: { fr: 'Flux perdus', en: 'Flows lost' },
  lostValue: { fr: 'Valeur annuelle entière des flux perdus (une extrémité à l’arrêt)', en: 'Whole annual value of the flows lost (an end stopped)' },
  perYear: { fr: '/an', en: '/yr' },
  establishment: { fr: 'Établissement', en: 'Establishment' },
  loss: { fr: 'Perte d’activité', en: 'Activity lost' },
  wave: { fr: 'Vague', en: 'Wave' },
  lastDay: { fr: 'Dernier jour', en: 'Last day' },
  list: { fr: 'Établissements touchés, du plus au moins atteint', en: 'Establishments affected, most affected first' },
  rounds: { fr: 'Établissements arrêtés par vague', en: 'Establishments stopped per wave' },
  roundsX: { fr: 'Vague (0 = sites fermés)', en: 'Wave (0 = closed sites)' },
  roundsY: { fr: 'Établissements', en: 'Establishments' },
  bands: { fr: 'Établissements par perte d’activité', en: 'Establishments by activity lost' },
  trajectory: { fr: 'Emplois à risque jour après jour', en: 'Jobs at risk day by day' },
  day: { fr: 'Jour', en: 'Day' },
  chartData: { fr: 'Données du graphique', en: 'Chart data' },
  peak: { fr: 'pic', en: 'peak' },
  compare: { fr: 'Comparer : garder comme scénario A', en: 'Compare: keep as scenario A' },
  unpin: { fr: 'Retirer le scénario A', en: 'Drop scenario A' },
  comparison: { fr: 'Comparaison des scénarios', en: 'Scenario comparison' },
  pinnedHint: { fr: 'Scénario A gardé. Changez les sites ou les paramètres et relancez pour obtenir le scénario B.', en: 'Scenario A kept. Change the sites or parameters and run again for scenario B.' },
  scenarioA: { fr: 'Scénario A', en: 'Scenario A' },
  scenarioB: { fr: 'Scénario B', en: 'Scenario B' },
  difference: { fr: 'Écart (B − A)', en: 'Difference (B − A)' },
  indicator: { fr: 'Indicateur', en: 'Indicator' },
  closedSites: { fr: 'Sites', en: 'Sites' },
  shockShort: { fr: 'Choc', en: 'Shock' },
  parameter: { fr: 'Paramètre', en: 'Parameter' },
  days: { fr: 'jours', en: 'days' },
  rankTitle: { fr: 'Les fermetures qui feraient le plus de dégâts', en: 'The closures that would hurt most' },
  rankHint: { fr: 'Chaque établissement est fermé tour à tour ; dégâts chez les autres.', en: 'Every establishment is closed in turn; damage to the others.' },
  rankIim: { fr: 'Le classement utilise l’IIM statique.', en: 'The ranking uses the static IIM.' },
  rank_: { fr: 'Rang', en: 'Rank' },
  othersAffected: { fr: 'Autres établissements touchés', en: 'Other establishments affected' },
  jobsElsewhere: { fr: 'Emplois à risque ailleurs', en: 'Jobs at risk elsewhere' },
  valueLost: { fr: 'Perte de production ailleurs', en: 'Output lost elsewhere' },
  stoppedElsewhere: { fr: 'À l’arrêt ailleurs', en: 'Stopped elsewhere' },
  simulate: { fr: 'Simuler sa fermeture', en: 'Simulate its closure' },
  noData: { fr: 'Les données ne sont pas encore chargées.', en: 'The data is not loaded yet.' },
  noSite: { fr: 'Choisissez au moins un site.', en: 'Choose at least one site.' },
  unknown: { fr: 'Établissement inconnu (ou non public) :', en: 'Unknown (or non-public) establishment:' },
  invalid: { fr: 'Paramètre invalide :', en: 'Invalid parameter:' },
  failed: { fr: 'La simulation a échoué :', en: 'The simulation failed:' },
  ofTotal: { fr: 'sur', en: 'of' },
} satisfies Record<string, Message>;

const MODELS: Readonly<Record<DominoModel, { name: Message; hint: Message }>> = {
  cascade: {
    name: { fr: 'Cascade à seuil', en: 'Threshold cascade' },
    hint: {
      fr: 'Par vagues : un établissement est défaillant (à l’arrêt) quand ce qu’il perd atteint le seuil ; les autres gardent une perte partielle.',
      en: 'In waves: an establishment fails (stops) once what it loses reaches the threshold; the others keep a partial loss.',
    },
  },
  iim: {
    name: { fr: 'Entrées-sorties (IIM)', en: 'Input–output (IIM)' },
    hint: {
      fr: 'Chacun perd une part de son activité à la mesure de sa dépendance aux sites touchés (équilibre).',
      en: 'Each loses a share of its activity in proportion to its dependence on the sites hit (equilibrium).',
    },
  },
  diim: {
    name: { fr: 'IIM dynamique (rétablissement)', en: 'Dynamic IIM (recovery)' },
    hint: {
      fr: 'La même propagation jour après jour, avec un retour progressif à la normale.',
      en: 'The same spread day after day, with a gradual return to normal.',
    },
  },
};

/** One run kept for display and comparison (plain data). */
export interface DominoRunResult {
  model: DominoModel;
  closed: string[];
  /** Share of activity lost by the closed sites, 0–1. */
  shock: number;
  threshold: number;
  recoveryDays: number;
  outcome: DominoOutcome;
  /** Where it ran. */
  ranIn: 'worker' | 'main';
}

/** Why a run could not start or failed. */
export type DominoErrorCode = 'no-data' | 'no-site' | 'unknown-establishment' | 'invalid-parameter' | 'failed';

/** Detail of `toile-domino-result`. */
export interface DominoResultDetail {
  model: DominoModel;
  closed: string[];
  affected: number;
  jobs: number;
}

/** Detail of `toile-domino-error`. */
export interface DominoErrorDetail {
  code: DominoErrorCode;
  /** The ids or parameter names at fault, or the failure's message. */
  details: string[];
}

/** Most rows shown in the pick list and the result list (the overlay shows them all). */
const LIST_LIMIT = 50;

const locale = (lang: WidgetLang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');
const num = (value: number, lang: WidgetLang, digits = 0) => value.toLocaleString(locale(lang), { maximumFractionDigits: digits });
const pct = (value: number, lang: WidgetLang) => `${num(value * 100, lang, value * 100 < 10 ? 1 : 0)} %`;
const euros = (value: number, lang: WidgetLang) =>
  new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 }).format(value);
/** Lower case without accents: "acier" finds "Aciérie". */
/** The kit's one text folding for the site search. */
const searchKey = foldText;
const isAbort = (error: unknown) => (error instanceof DOMException || error instanceof Error) && error.name === 'AbortError';

/**
 * The domino simulator: close one or more sites (or cut part of their output), pick a model —
 * threshold cascade, IIM or dynamic IIM with recovery — and see what follows: establishments and
 * jobs at risk, flows lost, the waves or the day-by-day trajectory, painted on every
 * `<toile-network>` of the same `<toile-data>`. Two scenarios side by side; the systemic ranking
 * (which closures would hurt most) on demand. Small networks run on the main thread; from
 * `worker-threshold` establishments on, a module Web Worker does the work, with progress and cancel.
 * Every model is the SDK's (`runDomino`, `rankSystemic`).
 *
 * @tag toile-domino-simulator
 * @event toile-domino-result - a simulation finished; `detail: { model, closed, affected, jobs }`.
 * @event toile-domino-error - a run could not start or failed; `detail: { code, details }`.
 * @event toile-select - an establishment of the results was chosen; `detail: { id }`.
 * @csspart form - the choice of sites, shock, model and parameters.
 * @csspart sites - the searchable list of establishments.
 * @csspart closed - the chosen sites.
 * @csspart actions - the run, cancel, clear and ranking buttons.
 * @csspart status - the live status line (progress, cancelled, done).
 * @csspart progress - the progress bar.
 * @csspart error - the error message.
 * @csspart results - the results of the last run.
 * @csspart totals - the counts (establishments, jobs, flows).
 * @csspart chart - the waves or trajectory chart (SVG).
 * @csspart comparison - the side-by-side table of scenarios A and B.
 * @csspart ranking - the systemic ranking.
 * @cssproperty --toile-domino-chart-color - bars and line of the chart (default: the accent colour).
 * @cssproperty --toile-domino-risk-color - border of the chosen sites (default: the danger colour).
 */
export class ToileDominoSimulator extends ToileElement {
  static override styles = [tokens, controls, dominoSimulatorStyles];

  /** Id of the `<toile-data>` to use when not nested in it. */
  @property({ reflect: true }) source: string | null = null;
  /** `cascade` (threshold), `iim` or `diim` (dynamic, with recovery). */
  @property({ reflect: true }) model: DominoModel = 'cascade';
  /** Cascade failure threshold, 0–1 (default 0.5). */
  @property({ type: Number }) threshold = 0.5;
  /** DIIM: days for an isolated establishment to recover to 1 % of its loss (default 30). */
  @property({ type: Number, attribute: 'recovery-days' }) recoveryDays = 30;
  /** Share of activity the chosen sites lose, 0–1 (default 1: closure). */
  @property({ type: Number }) shock = 1;
  /** From this many establishments on, simulations run in a Web Worker (default 2000). */
  @property({ type: Number, attribute: 'worker-threshold' }) workerThreshold = 2000;
  /** How many closures the systemic ranking lists (default 20). */
  @property({ type: Number, attribute: 'rank-top' }) rankTop = 20;
  /** The systemic ranking includes outside partners (`external: true`), marked (default false: the territory only). */
  @property({ type: Boolean, reflect: true, attribute: 'include-external' }) includeExternal = false;
  /** Ids of the establishments to close (or shock). */
  @property({ attribute: false }) closed: string[] = [];
  /**
   * Creates the module worker. The default resolves `./domino.worker.ts` next to this module, which
   * dev servers and bundlers handle; a host with another build can point it elsewhere.
   */
  @property({ attribute: false }) workerFactory: WorkerFactory = createDominoWorker;

  @state() private search = '';
  @state() private busy: 'run' | 'rank' | undefined;
  @state() private progress: { done: number; total: number } | undefined;
  @state() private statusText = '';
  @state() private error: DominoErrorDetail | undefined;
  @state() private current: DominoRunResult | undefined;
  @state() private pinned: DominoRunResult | undefined;
  @state() private rankingResult: { entries: SystemicEntry[]; model: 'cascade' | 'iim' } | undefined;

  private readonly data = new DataController(this);
  private runner: DominoRunner | undefined;
  private runnerFor: LoadedToile | undefined;
  private controller: AbortController | undefined;
  private sortedFor: LoadedToile | undefined;
  private sorted: { establishment: Establishment; key: string }[] = [];
  private ranIn: 'worker' | 'main' | undefined;

  /** Where the last simulation or ranking ran: `worker`, `main`, or undefined before any. */
  get lastRunIn(): 'worker' | 'main' | undefined {
    return this.ranIn;
  }

  /** What the element is doing: `idle`, `running` a simulation, or `ranking`. */
  get status(): 'idle' | 'running' | 'ranking' {
    return this.busy === 'run' ? 'running' : this.busy === 'rank' ? 'ranking' : 'idle';
  }

  /** The last result (plain data), or undefined. */
  get result(): DominoRunResult | undefined {
    return this.current;
  }

  /** The last systemic ranking, best first, or undefined. */
  get ranking(): SystemicEntry[] | undefined {
    return this.rankingResult?.entries;
  }

  /** Runs the simulation with the current sites, model and parameters; resolves when shown (or refused, or cancelled). */
  async run(): Promise<void> {
    this.abortCurrent();
    this.error = undefined;
    const loaded = this.data.provider?.value;
    if (!loaded) return this.fail('no-data', []);
    const closed = [...new Set(this.closed)];
    if (closed.length === 0) return this.fail('no-site', []);
    const unknown = closed.filter((id) => !loaded.index.nodeOf.has(id));
    if (unknown.length) return this.fail('unknown-establishment', unknown);
    const invalid = this.invalidParameters();
    if (invalid.length) return this.fail('invalid-parameter', invalid);
    const model = this.model;
    const request: DominoRequest = {
      model,
      shocks: closed.map((establishment) => ({ establishment, fraction: this.shock })),
      // The threshold is set (and shown) for the cascade only; the other models tell the severe state at the default 0.5.
      ...(model === 'cascade' ? { threshold: this.threshold } : {}),
      recoveryDays: this.recoveryDays,
      // Twice the recovery time: long enough to see dependents, slower than an isolated site, come back.
      steps: Math.min(365, Math.max(30, Math.round(this.recoveryDays * 2))),
    };
    const runner = this.runnerOf(loaded);
    const controller = new AbortController();
    this.controller = controller;
    this.busy = 'run';
    this.progress = undefined;
    this.statusText = (runner.kind === 'worker' ? T.runningWorker : T.running)[this.language];
    try {
      const outcome = await runner.run(request, controller.signal);
      if (this.controller !== controller) return;
      this.ranIn = runner.kind;
      const result: DominoRunResult = { model, closed, shock: this.shock, threshold: this.threshold, recoveryDays: this.recoveryDays, outcome, ranIn: runner.kind };
      this.current = result;
      this.paintOverlay(outcome);
      const lang = this.language;
      this.statusText = `${T.done[lang]} ${num(outcome.totals.establishmentsAffected, lang)} ${T.affected[lang].toLowerCase()}, ${num(outcome.totals.jobsAtRisk, lang)} ${T.jobs[lang].toLowerCase()}.`;
      this.emit<DominoResultDetail>('toile-domino-result', { model, closed: [...closed], affected: outcome.totals.establishmentsAffected, jobs: outcome.totals.jobsAtRisk });
    } catch (error) {
      if (isAbort(error) || this.controller !== controller) return;
      this.fail('failed', [error instanceof Error ? error.message : String(error)]);
    } finally {
      if (this.controller === controller) {
        this.controller = undefined;
        this.busy = undefined;
      }
    }
  }

  /** Stops the simulation or ranking under way; the element returns to idle and says so. */
  cancel(): void {
    if (!this.abortCurrent()) return;
    this.statusText = T.cancelled[this.language];
  }

  /** Ranks every establishment by the damage its closure would do (cascade, or IIM for the IIM models). */
  async rankSystemic(): Promise<void> {
    this.abortCurrent();
    this.error = undefined;
    const loaded = this.data.provider?.value;
    if (!loaded) return this.fail('no-data', []);
    const invalid = this.invalidParameters().filter((p) => p !== 'recovery-days');
    if (invalid.length) return this.fail('invalid-parameter', invalid);
    const model = this.model === 'cascade' ? 'cascade' : 'iim';
    const runner = this.runnerOf(loaded);
    const controller = new AbortController();
    this.controller = controller;
    this.busy = 'rank';
    this.progress = { done: 0, total: loaded.index.nodeCount };
    this.statusText = T.ranking[this.language];
    try {
      const top = Math.max(1, Math.floor(this.rankTop) || 20);
      const entries = await runner.rank({ model, threshold: this.threshold, top, includeExternal: this.includeExternal }, controller.signal, (done, total) => {
        if (this.controller === controller) this.progress = { done, total };
      });
      if (this.controller !== controller) return;
      this.ranIn = runner.kind;
      this.rankingResult = { entries, model };
      this.statusText = T.rankDone[this.language];
    } catch (error) {
      if (isAbort(error) || this.controller !== controller) return;
      this.fail('failed', [error instanceof Error ? error.message : String(error)]);
    } finally {
      if (this.controller === controller) {
        this.controller = undefined;
        this.busy = undefined;
        this.progress = undefined;
      }
    }
  }

  /** Clears the result, the comparison and the overlay on the networks. */
  clear(): void {
    this.abortCurrent();
    this.current = undefined;
    this.pinned = undefined;
    this.error = undefined;
    this.paintOverlay(undefined);
    this.statusText = T.cleared[this.language];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abortCurrent();
    this.runner?.dispose();
    this.runner = undefined;
    this.runnerFor = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const loaded = this.data.provider?.value;
    // New data: old results describe another network. The worker is started at once, so that the
    // document is sent and the matrix built before the first click.
    if (loaded && loaded !== this.runnerFor) {
      if (this.runnerFor) {
        this.current = undefined;
        this.pinned = undefined;
        this.rankingResult = undefined;
      }
      this.runnerOf(loaded);
    } else if (loaded && (changed.has('workerThreshold') || changed.has('workerFactory'))) this.runnerOf(loaded);
  }

  /** The runner for this document: a worker from `workerThreshold` establishments on. */
  private runnerOf(loaded: LoadedToile): DominoRunner {
    const wantWorker = loaded.document.establishments.length >= this.workerThreshold && typeof Worker === 'function';
    if (this.runner && this.runnerFor === loaded && (this.runner.kind === 'worker') === wantWorker && !(this.runner instanceof WorkerRunner && this.runner.factory !== this.workerFactory)) return this.runner;
    this.abortCurrent();
    this.runner?.dispose();
    this.runner = wantWorker ? new WorkerRunner(loaded.document, this.workerFactory) : new MainThreadRunner(loaded.document);
    this.runnerFor = loaded;
    return this.runner;
  }

  private abortCurrent(): boolean {
    const controller = this.controller;
    if (!controller) return false;
    this.controller = undefined;
    this.busy = undefined;
    this.progress = undefined;
    controller.abort();
    return true;
  }

  private invalidParameters(): string[] {
    const bad: string[] = [];
    if (!(this.threshold > 0 && this.threshold <= 1)) bad.push('threshold');
    if (!(this.recoveryDays >= 1 && this.recoveryDays <= 3650)) bad.push('recovery-days');
    if (!(this.shock > 0 && this.shock <= 1)) bad.push('shock');
    return bad;
  }

  private fail(code: DominoErrorCode, details: string[]): void {
    this.error = { code, details };
    this.statusText = '';
    this.emit<DominoErrorDetail>('toile-domino-error', { code, details });
  }

  /** Paints the result on every `<toile-network>` of the same `<toile-data>` (its shared overlay), or clears it. */
  private paintOverlay(outcome: DominoOutcome | undefined): void {
    const values = outcome ? new Map(outcome.results.map((r) => [r.id, r.failed ? 1 : r.inoperability])) : undefined;
    this.data.provider?.setOverlay(values);
  }

  private choose(id: string): void {
    this.emit('toile-select', { id });
    this.data.provider?.select(id);
  }

  private setClosed(ids: string[]): void {
    this.closed = ids;
    this.error = undefined;
  }

  private toggle(id: string, on: boolean): void {
    if (on && !this.closed.includes(id)) this.setClosed([...this.closed, id]);
    else if (!on) this.setClosed(this.closed.filter((c) => c !== id));
  }

  private pin(): void {
    this.pinned = this.current;
  }

  /** Establishments by name, each with its search key (lower case, without accents), computed once per document. */
  private sortedEstablishments(loaded: LoadedToile): { establishment: Establishment; key: string }[] {
    if (this.sortedFor !== loaded) {
      this.sorted = [...loaded.document.establishments]
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
        .map((establishment) => ({ establishment, key: searchKey(establishment.name) }));
      this.sortedFor = loaded;
    }
    return this.sorted;
  }

  private nameOf(loaded: LoadedToile | undefined, id: string): string {
    const node = loaded?.index.nodeOf.get(id);
    return node === undefined ? id : (loaded!.document.establishments[node]?.name ?? id);
  }

  protected override render() {
    const lang = this.language;
    const loaded = this.data.provider?.value;
    return html`<section aria-labelledby="title">
      <h2 id="title">${T.title[lang]}</h2>
      ${this.renderForm(loaded, lang)}
      <div part="actions">
        <button class="primary" type="button" ?disabled=${!loaded || this.busy === 'run'} @click=${() => void this.run()}>${T.run[lang]}</button>
        ${this.busy ? html`<button type="button" @click=${() => this.cancel()}>${T.cancel[lang]}</button>` : nothing}
        <button type="button" ?disabled=${!loaded || this.busy === 'rank'} @click=${() => void this.rankSystemic()}>${T.rank[lang]}</button>
        <label
          ><input type="checkbox" name="include-external" .checked=${this.includeExternal} @change=${(e: Event) => (this.includeExternal = (e.target as HTMLInputElement).checked)} />
          ${T.includeExternal[lang]}</label
        >
        <button type="button" ?disabled=${!this.current && !this.pinned} @click=${() => this.clear()}>${T.clear[lang]}</button>
      </div>
      ${this.progress
        ? html`<progress part="progress" max=${this.progress.total} .value=${this.progress.done} aria-label=${T.progress[lang]}></progress>`
        : this.busy
          ? html`<progress part="progress" aria-label=${T.progress[lang]}></progress>`
          : nothing}
      <p part="status" role="status" aria-live="polite">${this.statusText}${this.progress && this.progress.total > 0
          ? ` ${num(this.progress.done, lang)} / ${num(this.progress.total, lang)}`
          : ''}</p>
      ${this.error ? html`<p part="error" role="alert">${this.errorText(lang)}</p>` : nothing}
      ${this.current ? this.renderResult(this.current, loaded, lang) : nothing} ${this.renderComparison(loaded, lang)}
      ${this.rankingResult ? this.renderRanking(this.rankingResult, loaded, lang) : nothing}
    </section>`;
  }

  private errorText(lang: WidgetLang): string {
    const e = this.error!;
    switch (e.code) {
      case 'no-data':
        return T.noData[lang];
      case 'no-site':
        return T.noSite[lang];
      case 'unknown-establishment':
        return `${T.unknown[lang]} ${e.details.join(', ')}`;
      case 'invalid-parameter':
        return `${T.invalid[lang]} ${e.details.join(', ')}`;
      default:
        return `${T.failed[lang]} ${e.details.join(', ')}`;
    }
  }

  private renderForm(loaded: LoadedToile | undefined, lang: WidgetLang) {
    const needle = searchKey(this.search.trim());
    const all = loaded ? this.sortedEstablishments(loaded) : [];
    const matches = needle ? all.filter((e) => e.key.includes(needle) || e.establishment.id.toLowerCase() === needle) : all;
    const shown = matches.slice(0, LIST_LIMIT).map((e) => e.establishment);
    const chosen = new Set(this.closed);
    const selected = this.data.provider?.selected ?? null;
    const canAddSelection = !!selected && !!loaded?.index.nodeOf.has(selected) && !chosen.has(selected);
    const percent = Math.round((Number.isFinite(this.shock) ? this.shock : 1) * 100);
    return html`<div part="form">
      <fieldset>
        <legend>${T.sites[lang]}</legend>
        <label>${T.search[lang]}<input type="search" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} /></label>
        <ul part="sites" class="sites" aria-label=${T.candidates[lang]}>
          ${shown.map(
            (e) => html`<li>
              <label
                ><input type="checkbox" .checked=${chosen.has(e.id)} @change=${(ev: Event) => this.toggle(e.id, (ev.target as HTMLInputElement).checked)} />
                ${e.name}${e.external ? html` <span class="note">(${T.external[lang]})</span>` : nothing}</label
              >
            </li>`,
          )}
        </ul>
        ${loaded && matches.length === 0 ? html`<p class="note">${T.noMatch[lang]}</p>` : nothing}
        ${matches.length > shown.length ? html`<p class="note">${shown.length} ${T.more[lang]} ${num(matches.length, lang)} ; ${T.refine[lang]}</p>` : nothing}
        <div class="row">
          <button type="button" ?disabled=${!canAddSelection} @click=${() => selected && this.toggle(selected, true)}>
            ${T.addSelection[lang]}${selected && loaded?.index.nodeOf.has(selected) ? ` (${this.nameOf(loaded, selected)})` : ''}
          </button>
        </div>
        <h3 id="chosen">${T.chosen[lang]}</h3>
        ${this.closed.length === 0
          ? html`<p class="note">${T.noneChosen[lang]}</p>`
          : html`<ul part="closed" class="chips" aria-labelledby="chosen">
              ${this.closed.map((id) => {
                const name = this.nameOf(loaded, id);
                return html`<li>
                  <span>${name}</span
                  ><button type="button" aria-label=${`${T.remove[lang]} ${name}`} @click=${() => this.toggle(id, false)}>×</button>
                </li>`;
              })}
            </ul>`}
      </fieldset>
      <fieldset>
        <legend>${T.shockShort[lang]}</legend>
        <div class="row">
          <label
            >${T.shock[lang]}
            <input
              type="range"
              min="1"
              max="100"
              step="1"
              .value=${String(percent)}
              aria-describedby="shock-hint"
              @input=${(e: Event) => (this.shock = Number((e.target as HTMLInputElement).value) / 100)}
          /></label>
          <input
            type="number"
            min="1"
            max="100"
            step="1"
            .value=${String(percent)}
            aria-label=${T.shockNumber[lang]}
            aria-describedby="shock-hint"
            @change=${(e: Event) => (this.shock = Number((e.target as HTMLInputElement).value) / 100)}
          />
        </div>
        <span class="hint" id="shock-hint">${T.shockHint[lang]}</span>
      </fieldset>
      <fieldset class="models">
        <legend>${T.model[lang]}</legend>
        ${(Object.keys(MODELS) as DominoModel[]).map(
          (m) => html`<label
              ><input type="radio" name="model" .checked=${this.model === m} aria-describedby=${`hint-${m}`} @change=${() => (this.model = m)} />
              ${MODELS[m].name[lang]}</label
            ><span class="hint" id=${`hint-${m}`}>${MODELS[m].hint[lang]}</span>`,
        )}
      </fieldset>
      ${this.model === 'iim'
        ? nothing
        : html`<fieldset>
            <legend>${T.parameters[lang]}</legend>
            ${this.model === 'cascade'
              ? html`<label
                    >${T.threshold[lang]}
                    <input
                      type="number"
                      min="1"
                      max="100"
                      step="5"
                      .value=${String(Math.round(this.threshold * 100))}
                      aria-describedby="threshold-hint"
                      @change=${(e: Event) => (this.threshold = Number((e.target as HTMLInputElement).value) / 100)}
                  /></label>
                  <span class="hint" id="threshold-hint">${T.thresholdHint[lang]}</span>`
              : html`<label
                    >${T.recovery[lang]}
                    <input
                      type="number"
                      min="1"
                      max="3650"
                      step="1"
                      .value=${String(this.recoveryDays)}
                      aria-describedby="recovery-hint"
                      @change=${(e: Event) => (this.recoveryDays = Number((e.target as HTMLInputElement).value))}
                  /></label>
                  <span class="hint" id="recovery-hint">${T.recoveryHint[lang]}</span>`}
          </fieldset>`}
    </div>`;
  }

  private renderResult(result: DominoRunResult, loaded: LoadedToile | undefined, lang: WidgetLang) {
    const { outcome } = result;
    const t = outcome.totals;
    const rows = outcome.results.slice(0, LIST_LIMIT);
    const feedback = result.model !== 'cascade' && rows.some((r) => r.feedback !== undefined);
    return html`<section part="results" aria-labelledby="results-title">
      <h3 id="results-title">${T.results[lang]} — ${MODELS[result.model].name[lang]}</h3>
      <dl part="totals" class="totals">
        ${(
          (result.model === 'cascade'
            ? [
                [T.affected, t.establishmentsAffected],
                [T.failedSites, t.establishmentsStopped],
                [T.partial, t.establishmentsPartial],
                [T.jobs, t.jobsAtRisk],
                [T.lostFlows, t.lostFlows],
              ]
            : [
                [T.affected, t.establishmentsAffected],
                [T.severe, t.establishmentsSevere],
                [T.stopped, t.establishmentsStopped],
                [T.jobs, t.jobsAtRisk],
                [T.lostFlows, t.lostFlows],
              ]) as [Message, number][]
        ).map(
          ([label, value]) => html`<div>
            <dt>${label[lang]}</dt>
            <dd>${num(value, lang)}</dd>
          </div>`,
        )}
        ${t.outputLossEurOverHorizon !== undefined
          ? html`<div>
              <dt>${T.outputLossOver[lang]}</dt>
              <dd>${euros(t.outputLossEurOverHorizon, lang)} ${T.over[lang]} ${num(t.horizonDays ?? 0, lang)} ${T.days[lang]}</dd>
            </div>`
          : t.outputLossEurPerYear !== undefined
            ? html`<div>
                <dt>${T.outputLoss[lang]}</dt>
                <dd>${euros(t.outputLossEurPerYear, lang)}${T.perYear[lang]}</dd>
              </div>`
            : nothing}
        ${t.lostFlowsAnnualValueEur > 0
          ? html`<div>
              <dt>${T.lostValue[lang]}</dt>
              <dd>${euros(t.lostFlowsAnnualValueEur, lang)}${T.perYear[lang]}</dd>
            </div>`
          : nothing}
      </dl>
      <p class="note" part="definitions">${stateDefinitions(result.model === 'cascade' ? result.threshold : undefined)[lang]}${rows.some((r) => r.feedback !== undefined) ? html`<br />${FEEDBACK_NOTE[lang]}` : nothing}</p>
      ${this.renderChart(result, loaded, lang)}
      <div class="scroll"><table class="affected" aria-label=${T.list[lang]}>
        <thead>
          <tr>
            <th scope="col">${T.establishment[lang]}</th>
            <th scope="col" class="number">${T.loss[lang]}</th>
            <th scope="col">${T.state[lang]}</th>
            ${feedback ? html`<th scope="col" class="number">${T.feedback[lang]}</th>` : nothing}
            <th scope="col" class="number">${T.jobs[lang]}</th>
            ${result.model === 'cascade' ? html`<th scope="col" class="number">${T.wave[lang]}</th>` : nothing}
            ${result.model === 'diim' ? html`<th scope="col" class="number">${T.lastDay[lang]}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr>
              <th scope="row"><button class="link" type="button" @click=${() => this.choose(r.id)}>${r.name}</button></th>
              <td class="number">${pct(r.failed ? 1 : r.inoperability, lang)}</td>
              <td data-state=${r.state}>${STATE_LABELS[r.state][lang]}</td>
              ${feedback ? html`<td class="number">${r.feedback !== undefined ? pct(r.feedback, lang) : ''}</td>` : nothing}
              <td class="number">${num(r.jobsAtRisk, lang)}</td>
              ${result.model === 'cascade' ? html`<td class="number">${r.round ?? '—'}</td>` : nothing}
              ${result.model === 'diim' ? html`<td class="number">${pct(r.final ?? 0, lang)}</td>` : nothing}
            </tr>`,
          )}
        </tbody>
      </table></div>
      ${outcome.results.length > rows.length ? html`<p class="note">${rows.length} ${T.more[lang]} ${num(outcome.results.length, lang)}.</p>` : nothing}
      <div class="row">
        ${this.pinned === result
          ? html`<p class="note">${T.pinnedHint[lang]}</p>`
          : html`<button type="button" @click=${() => this.pin()}>${T.compare[lang]}</button>`}
      </div>
    </section>`;
  }

  /** Waves (cascade), bands of loss (IIM) or jobs at risk per day (DIIM), with a data table as text alternative. */
  private renderChart(result: DominoRunResult, loaded: LoadedToile | undefined, lang: WidgetLang) {
    const { outcome } = result;
    if (result.model === 'cascade') {
      const counts = new Array<number>(outcome.totals.iterations + 1).fill(0);
      for (const r of outcome.results) if (r.failed && r.round !== undefined && r.round < counts.length) counts[r.round]!++;
      return this.barChart(T.rounds[lang], T.roundsX[lang], T.roundsY[lang], counts.map((value, k) => ({ label: String(k), value })), lang);
    }
    if (result.model === 'iim') {
      const bands = [
        { label: '< 10 %', value: 0 },
        { label: '10–50 %', value: 0 },
        { label: '≥ 50 %', value: 0 },
      ];
      for (const r of outcome.results) bands[r.inoperability >= 0.5 ? 2 : r.inoperability >= 0.1 ? 1 : 0]!.value++;
      return this.barChart(T.bands[lang], T.loss[lang], T.roundsY[lang], bands, lang);
    }
    // DIIM: Σ employees × inoperability per day over the establishments listed (the affected ones).
    const days = outcome.results[0]?.trajectory?.length ?? 0;
    const series = new Array<number>(days).fill(0);
    for (const r of outcome.results) {
      const node = loaded?.index.nodeOf.get(r.id);
      const employees = node === undefined ? Number.NaN : loaded!.index.employees[node]!;
      if (!r.trajectory || Number.isNaN(employees)) continue;
      r.trajectory.forEach((q, day) => (series[day]! += employees * q));
    }
    return this.lineChart(T.trajectory[lang], T.day[lang], T.jobs[lang], series, lang);
  }

  private barChart(title: string, xLabel: string, yLabel: string, bars: { label: string; value: number }[], lang: WidgetLang) {
    const [W, H, L, R, TOP, B] = [360, 170, 44, 10, 12, 40];
    const max = Math.max(1, ...bars.map((b) => b.value));
    const slot = (W - L - R) / Math.max(1, bars.length);
    const y = (v: number) => TOP + (1 - v / max) * (H - TOP - B);
    const summary = `${title} : ${bars.map((b) => `${b.label} → ${num(b.value, lang)}`).join(' ; ')}`;
    return this.figure(
      title,
      summary,
      html`<svg part="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary}>
        ${bars.map(
          (b, k) =>
            svg`<rect class="bar" x=${L + k * slot + slot * 0.15} y=${y(b.value)} width=${slot * 0.7} height=${H - B - y(b.value)}></rect>
            <text x=${L + k * slot + slot / 2} y=${H - B + 13} text-anchor="middle">${b.label}</text>
            <text x=${L + k * slot + slot / 2} y=${y(b.value) - 3} text-anchor="middle">${num(b.value, lang)}</text>`,
        )}
        ${this.axes(W, H, L, R, TOP, B, max, xLabel, yLabel, lang)}
      </svg>`,
      [xLabel, yLabel],
      bars.map((b) => [b.label, num(b.value, lang)]),
    );
  }

  private lineChart(title: string, xLabel: string, yLabel: string, series: number[], lang: WidgetLang) {
    const [W, H, L, R, TOP, B] = [360, 170, 44, 10, 12, 40];
    const max = Math.max(1, ...series);
    const last = Math.max(1, series.length - 1);
    const x = (d: number) => L + (d / last) * (W - L - R);
    const y = (v: number) => TOP + (1 - v / max) * (H - TOP - B);
    const points = series.map((v, d) => `${x(d).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    let peakDay = 0;
    series.forEach((v, d) => (v > series[peakDay]! ? (peakDay = d) : 0));
    const summary = `${title} : ${T.day[lang]} 0 → ${num(series[0] ?? 0, lang)} ; ${T.peak[lang]} ${T.day[lang].toLowerCase()} ${peakDay} → ${num(series[peakDay] ?? 0, lang)} ; ${T.day[lang].toLowerCase()} ${series.length - 1} → ${num(series[series.length - 1] ?? 0, lang)}`;
    return this.figure(
      title,
      summary,
      html`<svg part="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary}>
        <polyline class="series" points=${points}></polyline>
        <text x=${L} y=${H - B + 13} text-anchor="middle">0</text>
        <text x=${W - R} y=${H - B + 13} text-anchor="end">${series.length - 1}</text>
        ${this.axes(W, H, L, R, TOP, B, max, xLabel, yLabel, lang)}
      </svg>`,
      [xLabel, yLabel],
      series.map((v, d) => [String(d), num(v, lang)]),
    );
  }

  private axes(W: number, H: number, L: number, R: number, TOP: number, B: number, max: number, xLabel: string, yLabel: string, lang: WidgetLang) {
    return svg`<line class="axis" x1=${L} y1=${H - B} x2=${W - R} y2=${H - B}></line>
      <line class="axis" x1=${L} y1=${TOP} x2=${L} y2=${H - B}></line>
      <text x=${L - 4} y=${TOP + 4} text-anchor="end">${num(max, lang)}</text>
      <text x=${L - 4} y=${H - B} text-anchor="end">0</text>
      <text x=${(L + W - R) / 2} y=${H - 6} text-anchor="middle">${xLabel}</text>
      <text transform="rotate(-90)" x=${-(TOP + H - B) / 2} y="11" text-anchor="middle">${yLabel}</text>`;
  }

  private figure(title: string, summary: string, chart: TemplateResult, head: [string, string], rows: string[][]) {
    const lang = this.language;
    return html`<figure>
      <figcaption>${title}</figcaption>
      ${chart}
      <details>
        <summary>${T.chartData[lang]}</summary>
        <div class="scroll"><table aria-label=${summary}>
          <thead>
            <tr>
              <th scope="col">${head[0]}</th>
              <th scope="col" class="number">${head[1]}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(([a, b]) => html`<tr><td>${a}</td><td class="number">${b}</td></tr>`)}
          </tbody>
        </table></div>
      </details>
    </figure>`;
  }

  private renderComparison(loaded: LoadedToile | undefined, lang: WidgetLang) {
    const a = this.pinned;
    if (!a) return nothing;
    const b = this.current && this.current !== a ? this.current : undefined;
    const diff = b ? compareScenarios(a.outcome, b.outcome).totals : undefined;
    const sites = (r: DominoRunResult) => r.closed.map((id) => this.nameOf(loaded, id)).join(', ');
    const parameter = (r: DominoRunResult) =>
      r.model === 'cascade' ? `${T.threshold[lang]} ${pct(r.threshold, lang)}` : r.model === 'diim' ? `${num(r.recoveryDays, lang)} ${T.days[lang]}` : '—';
    const signed = (v: number, format: (v: number) => string) => `${v > 0 ? '+' : ''}${format(v)}`;
    const show = (v: number | undefined, format: (v: number) => string) => (v === undefined ? '—' : format(v));
    const totalRow = (label: string, key: keyof DominoTotals, format: (v: number) => string = (v) => num(v, lang)) =>
      html`<tr>
        <th scope="row">${label}</th>
        <td class="number">${show(a.outcome.totals[key], format)}</td>
        <td class="number">${b ? show(b.outcome.totals[key], format) : '—'}</td>
        <td class="number">${diff && b && a.outcome.totals[key] !== undefined && b.outcome.totals[key] !== undefined ? signed(diff[key] ?? 0, format) : '—'}</td>
      </tr>`;
    const textRow = (label: string, f: (r: DominoRunResult) => string) =>
      html`<tr>
        <th scope="row">${label}</th>
        <td>${f(a)}</td>
        <td>${b ? f(b) : '—'}</td>
        <td></td>
      </tr>`;
    return html`<section part="comparison" aria-labelledby="comparison-title">
      <h3 id="comparison-title">${T.comparison[lang]}</h3>
      <div class="scroll"><table>
        <thead>
          <tr>
            <th scope="col">${T.indicator[lang]}</th>
            <th scope="col">${T.scenarioA[lang]}</th>
            <th scope="col">${T.scenarioB[lang]}</th>
            <th scope="col" class="number">${T.difference[lang]}</th>
          </tr>
        </thead>
        <tbody>
          ${textRow(T.model[lang], (r) => MODELS[r.model].name[lang])} ${textRow(T.closedSites[lang], sites)}
          ${textRow(T.shockShort[lang], (r) => pct(r.shock, lang))} ${textRow(T.parameter[lang], parameter)}
          ${totalRow(T.affected[lang], 'establishmentsAffected')} ${totalRow(T.severe[lang], 'establishmentsSevere')}
          ${totalRow(T.stopped[lang], 'establishmentsStopped')} ${totalRow(T.jobs[lang], 'jobsAtRisk')} ${totalRow(T.lostFlows[lang], 'lostFlows')}
          ${totalRow(`${T.outputLoss[lang]} (${T.perYear[lang].replace('/', '€/')})`, 'outputLossEurPerYear', (v) => euros(v, lang))}
          ${totalRow(T.outputLossOver[lang], 'outputLossEurOverHorizon', (v) => euros(v, lang))}
          ${totalRow(T.lostValue[lang], 'lostFlowsAnnualValueEur', (v) => euros(v, lang))}
        </tbody>
      </table></div>
      <button type="button" @click=${() => (this.pinned = undefined)}>${T.unpin[lang]}</button>
    </section>`;
  }

  private renderRanking(ranking: { entries: SystemicEntry[]; model: 'cascade' | 'iim' }, loaded: LoadedToile | undefined, lang: WidgetLang) {
    return html`<section part="ranking" aria-labelledby="ranking-title">
      <h3 id="ranking-title">${T.rankTitle[lang]}</h3>
      <p class="note">${T.rankHint[lang]} ${this.model === 'diim' ? T.rankIim[lang] : ''}</p>
      <div class="scroll"><table>
        <thead>
          <tr>
            <th scope="col" class="number">${T.rank_[lang]}</th>
            <th scope="col">${T.establishment[lang]}</th>
            <th scope="col" class="number">${T.othersAffected[lang]}</th>
            <th scope="col" class="number">${T.stoppedElsewhere[lang]}</th>
            <th scope="col" class="number">${T.jobsElsewhere[lang]}</th>
            <th scope="col" class="number">${T.valueLost[lang]} (${T.perYear[lang].replace('/', '€/')})</th>
            <th scope="col"><span class="visually-hidden">${T.simulate[lang]}</span></th>
          </tr>
        </thead>
        <tbody>
          ${ranking.entries.map(
            (e, k) => html`<tr>
              <td class="number">${k + 1}</td>
              <th scope="row">
                <button class="link" type="button" @click=${() => this.choose(e.id)}>${e.name}</button>${e.external
                  ? html` <span class="tag" data-external="">(${T.external[lang]})</span>`
                  : nothing}
              </th>
              <td class="number">${num(e.establishmentsAffected, lang)}</td>
              <td class="number">${num(e.establishmentsStopped, lang)}</td>
              <td class="number">${num(e.jobsAtRisk, lang)}</td>
              <td class="number">${e.outputLossEurPerYear > 0 ? euros(e.outputLossEurPerYear, lang) : '—'}</td>
              <td>
                <button
                  type="button"
                  aria-label=${`${T.simulate[lang]} : ${this.nameOf(loaded, e.id)}`}
                  @click=${() => {
                    this.setClosed([e.id]);
                    void this.run();
                  }}
                >
                  ${T.simulate[lang]}
                </button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table></div>
    </section>`;
  }
}
