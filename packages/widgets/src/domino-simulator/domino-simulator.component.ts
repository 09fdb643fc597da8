import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { foldText, type DominoModel, type DominoOutcome, type DominoRequest, type SystemicEntry } from '@toile/sdk';
import type { Establishment } from '@toile/schema';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import type { WidgetLang } from '../base/i18n.ts';
import { DataController } from '../data/data-controller.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { dominoSimulatorStyles } from './domino-simulator.styles.ts';
import { MainThreadRunner, WorkerRunner, createDominoWorker, type DominoRunner, type WorkerFactory } from './domino-runner.ts';
import { MODELS, T } from './domino-simulator.strings.ts';
import { num } from './domino-format.ts';
import { comparisonSection, LIST_LIMIT, rankingSection, resultsSection, type DominoTableActions } from './domino-table.ts';

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
  /** What the buttons of the result, comparison and ranking tables do. */
  private readonly actions: DominoTableActions = {
    choose: (id) => this.choose(id),
    nameOf: (id) => this.nameOf(this.data.provider?.value, id),
    pin: () => this.pin(),
    unpin: () => (this.pinned = undefined),
    simulate: (id) => {
      this.setClosed([id]);
      void this.run();
    },
  };

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
      const result: DominoRunResult = {
        model,
        closed,
        shock: this.shock,
        threshold: this.threshold,
        recoveryDays: this.recoveryDays,
        outcome,
        ranIn: runner.kind,
      };
      this.current = result;
      this.paintOverlay(outcome);
      const lang = this.language;
      this.statusText = `${T.done[lang]} ${num(outcome.totals.establishmentsAffected, lang)} ${T.affected[lang].toLowerCase()}, ${num(outcome.totals.jobsAtRisk, lang)} ${T.jobs[lang].toLowerCase()}.`;
      this.emit<DominoResultDetail>('toile-domino-result', {
        model,
        closed: [...closed],
        affected: outcome.totals.establishmentsAffected,
        jobs: outcome.totals.jobsAtRisk,
      });
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
    if (
      this.runner &&
      this.runnerFor === loaded &&
      (this.runner.kind === 'worker') === wantWorker &&
      !(this.runner instanceof WorkerRunner && this.runner.factory !== this.workerFactory)
    )
      return this.runner;
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
          ><input
            type="checkbox"
            name="include-external"
            .checked=${this.includeExternal}
            @change=${(e: Event) => (this.includeExternal = (e.target as HTMLInputElement).checked)}
          />
          ${T.includeExternal[lang]}</label
        >
        <button type="button" ?disabled=${!this.current && !this.pinned} @click=${() => this.clear()}>${T.clear[lang]}</button>
      </div>
      ${
        this.progress
          ? html`<progress part="progress" max=${this.progress.total} .value=${this.progress.done} aria-label=${T.progress[lang]}></progress>`
          : this.busy
            ? html`<progress part="progress" aria-label=${T.progress[lang]}></progress>`
            : nothing
      }
      <p part="status" role="status" aria-live="polite">
        ${this.statusText}${this.progress && this.progress.total > 0 ? ` ${num(this.progress.done, lang)} / ${num(this.progress.total, lang)}` : ''}
      </p>
      ${this.error ? html`<p part="error" role="alert">${this.errorText(lang)}</p>` : nothing}
      ${this.current ? resultsSection(this.current, loaded, lang, this.pinned === this.current, this.actions) : nothing} ${this.renderComparison(lang)}
      ${this.rankingResult ? rankingSection(this.rankingResult.entries, this.model, lang, this.actions) : nothing}
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

  /** The choice of sites, the shock, the model and its parameter. */
  private renderForm(loaded: LoadedToile | undefined, lang: WidgetLang) {
    return html`<div part="form">
      ${this.renderSites(loaded, lang)} ${this.renderShock(lang)} ${this.renderModels(lang)} ${this.model === 'iim' ? nothing : this.renderParameters(lang)}
    </div>`;
  }

  /** The searchable list of establishments, the button that adds the one selected elsewhere, the chosen sites. */
  private renderSites(loaded: LoadedToile | undefined, lang: WidgetLang) {
    const needle = searchKey(this.search.trim());
    const all = loaded ? this.sortedEstablishments(loaded) : [];
    const matches = needle ? all.filter((e) => e.key.includes(needle) || e.establishment.id.toLowerCase() === needle) : all;
    const shown = matches.slice(0, LIST_LIMIT).map((e) => e.establishment);
    const chosen = new Set(this.closed);
    const selected = this.data.provider?.selected ?? null;
    const canAddSelection = !!selected && !!loaded?.index.nodeOf.has(selected) && !chosen.has(selected);
    return html`<fieldset>
      <legend>${T.sites[lang]}</legend>
      <label>${T.search[lang]}<input type="search" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} /></label>
      <ul part="sites" class="sites" aria-label=${T.candidates[lang]}>
        ${shown.map(
          (e) =>
            html`<li>
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
      ${this.renderChosen(loaded, lang)}
    </fieldset>`;
  }

  /** The chosen sites, each with a button to remove it. */
  private renderChosen(loaded: LoadedToile | undefined, lang: WidgetLang) {
    return html`<h3 id="chosen">${T.chosen[lang]}</h3>
      ${
        this.closed.length === 0
          ? html`<p class="note">${T.noneChosen[lang]}</p>`
          : html`<ul part="closed" class="chips" aria-labelledby="chosen">
              ${this.closed.map((id) => {
                const name = this.nameOf(loaded, id);
                return html`<li>
                  <span>${name}</span><button type="button" aria-label=${`${T.remove[lang]} ${name}`} @click=${() => this.toggle(id, false)}>×</button>
                </li>`;
              })}
            </ul>`
      }`;
  }

  /** The share of activity the chosen sites lose, as a slider and a number. */
  private renderShock(lang: WidgetLang) {
    const percent = Math.round((Number.isFinite(this.shock) ? this.shock : 1) * 100);
    return html`<fieldset>
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
    </fieldset>`;
  }

  /** The three models, each with its one-line explanation. */
  private renderModels(lang: WidgetLang) {
    return html`<fieldset class="models">
      <legend>${T.model[lang]}</legend>
      ${(Object.keys(MODELS) as DominoModel[]).map(
        (m) =>
          html`<label
              ><input type="radio" name="model" .checked=${this.model === m} aria-describedby=${`hint-${m}`} @change=${() => (this.model = m)} />
              ${MODELS[m].name[lang]}</label
            ><span class="hint" id=${`hint-${m}`}>${MODELS[m].hint[lang]}</span>`,
      )}
    </fieldset>`;
  }

  /** The cascade's failure threshold, or the DIIM's recovery time. */
  private renderParameters(lang: WidgetLang) {
    return html`<fieldset>
      <legend>${T.parameters[lang]}</legend>
      ${
        this.model === 'cascade'
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
              <span class="hint" id="recovery-hint">${T.recoveryHint[lang]}</span>`
      }
    </fieldset>`;
  }

  /** Scenario A and, when another result is shown, scenario B. */
  private renderComparison(lang: WidgetLang) {
    const a = this.pinned;
    if (!a) return nothing;
    return comparisonSection(a, this.current && this.current !== a ? this.current : undefined, lang, this.actions);
  }
}
