import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Flow, Source } from '@toile/schema';
import type { ToileClient } from '@toile/sdk';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import type { Message, WidgetLang } from '../base/i18n.ts';
import { KIND_LABELS } from '../base/kinds.ts';
import { agencyClient, failureOf, failureText, valueText, type Failure, type TerritoryDocument } from '../moderation/api.ts';
import { colon } from '../moderation/record-view.ts';
import { addForm, readAddForm } from './add-form.ts';
import { formText, measureFields, readMeasures, withMeasures, type FieldErrors } from './flow-form.ts';
import { downloadCsv, reportCsv, reportRows, type ReportRow } from './report.ts';
import { flowText, reportView } from './report-view.ts';
import { workshopStyles } from './workshop.styles.ts';
import { T } from './workshop.strings.ts';
import { PendingWork } from '../base/pending-work.ts';

/** What was done: a workshop opened or chosen, a flow confirmed, corrected or added. */
export type WorkshopAction = 'open' | 'confirm' | 'correct' | 'add';

/** Detail of `toile-workshop-change`. */
export interface WorkshopChangeDetail {
  /** Id of the workshop (a `workshop` source of the territory). */
  workshop: string;
  action: WorkshopAction;
  /** Id of the flow written; null for `open`. */
  flow: string | null;
  /** What the server did with the flow; null for `open`. */
  op: 'create' | 'update' | 'unchanged' | null;
}

/** Detail of `toile-workshop-error`: a call failed. */
export interface WorkshopErrorDetail {
  action: WorkshopAction | 'load';
  status: number;
  kind: Failure['kind'];
}

/**
 * The workshop mode: with the people of one establishment around the table, the agency walks through
 * its flows in and out one by one — confirms each (`validated: true`, the workshop as its source),
 * corrects its quantity and unit, value and dependency shares (0–1, checked in the form), or adds a
 * flow nobody had recorded — each change written at once with `putFlow(…, { workshop, comment })`.
 * The workshop is opened here (`createWorkshop`) or picked among the territory's `workshop` sources.
 * Its report, read from the audit log (`getHistory({ origin })`), lists what was confirmed, corrected
 * (fields before → after) and added; it downloads as CSV and prints on its own (print stylesheet).
 *
 * The agency's bearer token goes in the `token` property: it is never reflected to an attribute,
 * logged or put in an event. A page holding it must be the agency's own — never a public page.
 *
 * @tag toile-workshop
 * @event toile-workshop-change - a workshop was opened or chosen, or a flow written; `detail: { workshop, action, flow, op }`.
 * @event toile-workshop-error - a call failed; `detail: { action, status, kind }`.
 * @csspart workshop - the workshop picker and the new workshop form.
 * @csspart walk - the walk through the establishment's flows.
 * @csspart flow - the flow shown now.
 * @csspart flow-form - its correction form.
 * @csspart add - the form of a missing flow.
 * @csspart report - the workshop report.
 * @csspart report-table - its table.
 * @csspart report-actions - its CSV and print buttons.
 * @csspart error - a refused write.
 * @cssproperty --toile-color-accent - buttons and focus.
 * @cssproperty --toile-color-danger - problems.
 * @cssproperty --toile-workshop-max-width - widest the element grows (default 64em).
 */
export class ToileWorkshop extends ToileElement {
  static override styles = [tokens, controls, workshopStyles];

  /** Root of the Toile API. Reflected. */
  @property({ reflect: true }) api: string | null = null;
  /** Id of the territory. Reflected. */
  @property({ reflect: true }) territory: string | null = null;
  /** Id of the establishment whose flows are walked through. Reflected. */
  @property({ reflect: true }) establishment: string | null = null;
  /** Id of the workshop (a `workshop` source); set when one is opened or picked. Reflected. */
  @property({ reflect: true }) workshop: string | null = null;
  /** The agency's bearer token. Set it as a property; it is never reflected, logged or sent anywhere but the API. */
  @property({ attribute: false }) token: string | null = null;
  /** CSV delimiter of the report: `,` (default) or `;` (decimal commas and a byte-order mark, for Excel in French). */
  @property({ attribute: 'csv-delimiter' }) csvDelimiter: ',' | ';' = ',';

  @state() private doc: TerritoryDocument | undefined;
  @state() private phase: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  @state() private index = 0;
  @state() private errors: FieldErrors = {};
  @state() private addErrors: FieldErrors = {};
  @state() private workshopError: Message | undefined;
  @state() private failure: Failure | undefined;
  @state() private rows: ReportRow[] = [];
  @state() private busy = false;
  @state() private revision = 0;
  @state() private announcement = '';

  private readonly work = new PendingWork();
  private generation = 0;

  /** The establishment's flows, in the order walked through (the document's). */
  get flows(): readonly Flow[] {
    const id = this.establishment;
    return id && this.doc ? this.doc.flows.filter((f) => f.from === id || f.to === id) : [];
  }

  /** The workshop report's rows, oldest first. */
  get report(): readonly ReportRow[] {
    return this.rows;
  }

  /** The `workshop` sources of the territory. */
  get workshops(): readonly Source[] {
    return (this.doc?.meta.sources ?? []).filter((s) => s.method === 'workshop');
  }

  private get client(): ToileClient | undefined {
    return this.api && this.territory && this.token ? agencyClient(this.api, this.token) : undefined;
  }

  private get names(): Map<string, string> {
    return new Map((this.doc?.establishments ?? []).map((e) => [e.id, e.name]));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('territory') || changed.has('token')) void this.reload();
    else if (changed.has('workshop')) void this.track(this.loadReport());
    if (changed.has('establishment')) this.index = 0;
  }

  /** Also waits for calls under way: after `await el.updateComplete`, their outcome is shown. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.work.settle(() => super.getUpdateComplete());
  }

  private track(work: Promise<void>): Promise<void> {
    return this.work.track(work);
  }

  /** Reads the territory (and the report) again. */
  reload(): Promise<void> {
    const client = this.client;
    const territory = this.territory;
    const generation = ++this.generation;
    if (!client || !territory) {
      this.phase = 'idle';
      return Promise.resolve();
    }
    this.phase = 'loading';
    return this.track(
      (async () => {
        try {
          const doc = await client.getTerritory(territory);
          if (generation !== this.generation) return;
          this.doc = doc;
          this.phase = 'ready';
          await this.loadReport();
        } catch (error) {
          if (generation !== this.generation) return;
          this.phase = 'failed';
          this.failure = failureOf(error);
          this.fail('load', this.failure);
        }
      })(),
    );
  }

  private async loadReport(): Promise<void> {
    const client = this.client;
    if (!client || !this.territory || !this.workshop) {
      this.rows = [];
      return;
    }
    const { entries } = await client.getHistory(this.territory, { origin: this.workshop, limit: 10000 });
    this.rows = reportRows(entries);
  }

  private announce(text: string): void {
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  private fail(action: WorkshopErrorDetail['action'], f: Failure): void {
    const detail: WorkshopErrorDetail = { action, status: f.status, kind: f.kind };
    this.emit('toile-workshop-error', detail);
    this.announce(failureText(f, this.language));
  }

  private changed(action: WorkshopAction, flow: string | null, op: WorkshopChangeDetail['op']): void {
    if (!this.workshop) return;
    const detail: WorkshopChangeDetail = { workshop: this.workshop, action, flow, op };
    this.emit('toile-workshop-change', detail);
  }

  // ------------------------------------------------------------------ actions

  private chooseWorkshop(id: string | null): void {
    this.workshop = id;
    if (id) {
      this.changed('open', null, null);
      this.announce(`${T.opened[this.language]} ${this.workshops.find((w) => w.id === id)?.label ?? id}`);
    }
  }

  private openWorkshop(form: HTMLFormElement): Promise<void> {
    const client = this.client;
    const text = formText(form);
    if (!client || !this.territory || this.busy) return Promise.resolve();
    if (!text['label']) {
      this.workshopError = T.labelRequired;
      return this.updateComplete.then(() => form.querySelector<HTMLInputElement>('input[name="label"]')?.focus());
    }
    this.workshopError = undefined;
    const territory = this.territory;
    this.busy = true;
    return this.track(
      (async () => {
        try {
          const source = await client.createWorkshop(territory, { label: text['label']!, ...(text['date'] ? { date: text['date'] } : {}) });
          if (this.doc) this.doc = { ...this.doc, meta: { ...this.doc.meta, sources: [...(this.doc.meta.sources ?? []), source] } };
          form.reset();
          this.chooseWorkshop(source.id);
          await this.loadReport();
        } catch (error) {
          this.failure = failureOf(error);
          this.fail('open', this.failure);
        } finally {
          this.busy = false;
        }
      })(),
    );
  }

  /** Writes a flow in the workshop, then reads the report again. */
  private write(flow: Flow, comment: string | undefined, action: Exclude<WorkshopAction, 'open'>, done?: () => void): Promise<void> {
    const client = this.client;
    const workshop = this.workshop;
    if (!client || !this.territory || !workshop || this.busy) return Promise.resolve();
    const territory = this.territory;
    const lang = this.language;
    this.busy = true;
    this.failure = undefined;
    return this.track(
      (async () => {
        try {
          const { op } = await client.putFlow(territory, flow.id, flow, { workshop, ...(comment ? { comment } : {}) });
          const doc = this.doc;
          if (doc) {
            const known = doc.flows.some((f) => f.id === flow.id);
            this.doc = { ...doc, flows: known ? doc.flows.map((f) => (f.id === flow.id ? flow : f)) : [...doc.flows, flow] };
          }
          this.revision++;
          done?.();
          await this.loadReport();
          const words = { confirm: T.confirmed, correct: T.corrected, add: T.added }[action][lang];
          this.announce(op === 'unchanged' ? T.unchanged[lang] : `${words} : ${flowText(flow, this.names)}`);
          this.changed(action, flow.id, op);
        } catch (error) {
          this.failure = failureOf(error);
          this.fail(action, this.failure);
        } finally {
          this.busy = false;
        }
      })(),
    );
  }

  private confirm(flow: Flow, form: HTMLFormElement | null): Promise<void> {
    const comment = form ? formText(form)['comment'] : undefined;
    return this.write({ ...flow, validated: true, source: this.workshop ?? undefined }, comment || undefined, 'confirm');
  }

  private correct(flow: Flow, form: HTMLFormElement): Promise<void> {
    const text = formText(form);
    const { measures, errors } = readMeasures(text);
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.announce(T.fixErrors[this.language]);
      return this.updateComplete.then(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
    const next: Flow = { ...withMeasures(flow, measures), validated: true, source: this.workshop ?? undefined };
    return this.write(next, text['comment'] || undefined, 'correct');
  }

  private add(form: HTMLFormElement): Promise<void> {
    if (!this.establishment || !this.workshop) return Promise.resolve();
    const text = formText(form);
    const { flow, errors } = readAddForm(text, this.establishment, this.workshop);
    this.addErrors = errors;
    if (!flow) {
      this.announce(T.fixErrors[this.language]);
      return this.updateComplete.then(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    }
    return this.write(flow, text['comment'] || undefined, 'add', () => form.reset());
  }

  private step(by: number): void {
    const count = this.flows.length;
    if (count === 0) return;
    this.index = (this.index + by + count) % count;
    this.errors = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="flow"] h4')?.focus());
  }

  /** The report as CSV (header in the element's language); see {@link csvDelimiter}. */
  reportCsv(): string {
    return reportCsv(this.rows, this.names, this.language, this.csvDelimiter === ';' ? ';' : ',');
  }

  /** Downloads {@link reportCsv} as `atelier-<workshop>.csv` (`workshop-<id>.csv` in English). */
  exportCsv(): void {
    downloadCsv(this.reportCsv(), `${this.language === 'fr' ? 'atelier' : 'workshop'}-${this.workshop ?? 'report'}.csv`);
  }

  // ------------------------------------------------------------------ rendering

  private renderPicker(lang: WidgetLang): TemplateResult {
    const workshops = this.workshops;
    const unknown = this.workshop && !workshops.some((w) => w.id === this.workshop);
    return html`<section part="workshop" class="pick" aria-labelledby="pick-heading">
      <h3 id="pick-heading">${T.workshop[lang]}</h3>
      <label class="field" for="pick-workshop"
        >${T.pickWorkshop[lang]}
        <select id="pick-workshop" @change=${(e: Event) => this.chooseWorkshop((e.target as HTMLSelectElement).value || null)}>
          <option value="" ?selected=${!this.workshop}>${T.noWorkshop[lang]}</option>
          ${unknown ? html`<option value=${this.workshop!} selected>${this.workshop}</option>` : nothing}
          ${workshops.map((w) => html`<option value=${w.id} ?selected=${w.id === this.workshop}>${w.label}${w.date ? ` (${w.date})` : ''}</option>`)}
        </select>
      </label>
      <form
        data-form="workshop"
        class="row"
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.openWorkshop(e.target as HTMLFormElement);
        }}
      >
        <label class="field wide" for="new-label"
          >${T.workshopLabel[lang]}
          <input
            id="new-label"
            name="label"
            type="text"
            maxlength="300"
            aria-invalid=${this.workshopError ? 'true' : 'false'}
            aria-describedby=${this.workshopError ? 'new-label-error' : nothing}
          />
          ${this.workshopError ? html`<span id="new-label-error" class="field-error">${this.workshopError[lang]}</span>` : nothing}
        </label>
        <label class="field" for="new-date">${T.workshopDate[lang]} <input id="new-date" name="date" type="date" /></label>
        <button type="submit" data-action="open">${T.open[lang]}</button>
      </form>
    </section>`;
  }

  private renderFlowFacts(flow: Flow, lang: WidgetLang): TemplateResult {
    const fact = (label: string, value: unknown) =>
      html`<div>
        <dt>${label}</dt>
        <dd>${valueText(value, lang)}</dd>
      </div>`;
    return html`<dl class="facts">
      ${fact(T.kind[lang], KIND_LABELS[flow.kind]?.[lang] ?? flow.kind)} ${fact(T.item[lang], flow.item?.label ?? flow.item?.code)}
      ${fact(T.quantity[lang], flow.quantity)} ${fact(T.value[lang], flow.valueEur)} ${fact(T.upstream[lang], flow.dependency?.upstream)}
      ${fact(T.downstream[lang], flow.dependency?.downstream)} ${fact(T.source[lang], flow.source)}
    </dl>`;
  }

  private renderFlow(flow: Flow, lang: WidgetLang): TemplateResult {
    const incoming = flow.to === this.establishment;
    const form = html`<form
      part="flow-form"
      data-form="flow"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.correct(flow, e.target as HTMLFormElement);
      }}
    >
      ${measureFields('fix', flow, this.errors, lang)}
      <label class="field wide" for="fix-comment">${T.comment[lang]} <input id="fix-comment" name="comment" type="text" maxlength="2000" /></label>
      <div class="actions">
        <button type="button" data-action="confirm" @click=${(e: Event) => void this.confirm(flow, (e.target as HTMLElement).closest('form'))}>
          ${T.confirm[lang]}
        </button>
        <button type="submit" data-action="correct">${T.correct[lang]}</button>
      </div>
    </form>`;
    return html`<article part="flow" class="flow" data-flow=${flow.id} aria-labelledby="flow-heading">
      <h4 id="flow-heading" tabindex="-1">${T.flow[lang]} ${incoming ? T.incoming[lang] : T.outgoing[lang]}${colon(lang)}${flowText(flow, this.names)}</h4>
      <p class=${flow.validated ? 'badge validated' : 'badge'}>${flow.validated ? T.validated[lang] : T.notValidated[lang]}</p>
      ${this.renderFlowFacts(flow, lang)} ${keyed(`${flow.id}:${this.revision}`, form)}
    </article>`;
  }

  private renderWalk(lang: WidgetLang): TemplateResult {
    const flows = this.flows;
    const index = Math.min(this.index, Math.max(0, flows.length - 1));
    const flow = flows[index];
    const name = this.names.get(this.establishment ?? '') ?? this.establishment;
    return html`<section part="walk" class="walk" aria-labelledby="walk-heading">
      <h3 id="walk-heading">${T.flows[lang]} — ${name}</h3>
      ${
        flow
          ? html`<div class="stepper">
                <button type="button" data-action="previous" ?disabled=${flows.length < 2} @click=${() => this.step(-1)}>${T.previous[lang]}</button>
                <span class="position">${T.flow[lang]} ${index + 1} ${T.flowOf[lang]} ${flows.length}</span>
                <button type="button" data-action="next" ?disabled=${flows.length < 2} @click=${() => this.step(1)}>${T.next[lang]}</button>
              </div>
              ${this.renderFlow(flow, lang)}`
          : html`<p class="empty">${T.noFlow[lang]}</p>`
      }
      ${this.failure && this.phase === 'ready' ? this.renderFailure(this.failure, lang) : nothing}
    </section>`;
  }

  private renderFailure(f: Failure, lang: WidgetLang): TemplateResult {
    return html`<div part="error" class="error">
      <p>${failureText(f, lang)}</p>
      ${
        f.problems.length
          ? html`<ul>
              ${f.problems.map((p) => html`<li>${p[lang]}</li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }

  private renderBody(lang: WidgetLang): TemplateResult {
    if (this.phase === 'idle' || !this.establishment) return html`<p class="status">${T.missing[lang]}</p>`;
    if (this.phase === 'failed') return this.renderFailure(this.failure ?? { kind: 'network', status: 0, problems: [] }, lang);
    if (!this.doc) return html`<p class="status">${T.loading[lang]}</p>`;
    if (!this.doc.establishments.some((e) => e.id === this.establishment))
      return html`<p class="status error">${T.unknownEstablishment[lang]} ${this.establishment}</p>`;
    const workshop = this.workshops.find((w) => w.id === this.workshop);
    const names = this.names;
    return html`${this.renderPicker(lang)}
    ${
      this.workshop
        ? html`${this.renderWalk(lang)}
          ${addForm(
            this.establishment,
            [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
            this.addErrors,
            (f) => void this.add(f),
            lang,
          )}
          ${reportView(workshop, this.rows, names, { download: () => this.exportCsv(), print: () => window.print() }, lang)}`
        : html`<p class="status">${T.chooseFirst[lang]}</p>`
    }`;
  }

  protected override render() {
    const lang = this.language;
    return html`<section class="workshop" aria-label=${T.label[lang]} aria-busy=${this.phase === 'loading' || this.busy ? 'true' : 'false'}>
      ${this.renderBody(lang)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </section>`;
  }
}
