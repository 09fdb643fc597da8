import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { findSynergies, type Maker, type PoolingCandidate, type SpareOffer, type SynergyMatch, type SynergyOptions } from '@toile/sdk';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import type { WidgetLang } from '../base/i18n.ts';
import { DataController } from '../data/data-controller.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { candidatesCsv, downloadCsv } from './csv.ts';
import { poolingKey, poolingSection } from './pooling-section.ts';
import type { CapabilityOutcome, CapabilitySettings } from './capabilities-mode.ts';
import { CapabilitiesLoader } from './capabilities-loader.ts';
import type { CapabilityQuery } from './capability-options.ts';
import { materialCombobox } from './material-combobox.ts';
import { parseMaterial, vocabularyOptions, type MaterialFilter, type MaterialOption } from './materials.ts';
import { itemText, prepare, type Prepared } from './prepared.ts';
import { synergyFinderStyles } from './synergy-finder.styles.ts';
import { T } from './synergy-finder.strings.ts';
import { matchesTable } from './synergy-table.ts';

/** Defaults of the numeric attributes. */
const DEFAULT_RADIUS_KM = 20;
const DEFAULT_TOP = 20;

/** What the finder searches for: synergies between offers and needs, or who could make a product or process. */
export type SynergyFinderMode = 'synergies' | 'capabilities';
const MODES: readonly SynergyFinderMode[] = ['synergies', 'capabilities'];

/** What the finder shows. */
type Outcome =
  | { state: 'no-provider' }
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'unknown-establishment'; id: string }
  | { state: 'unknown-need'; id: string }
  | { state: 'unknown-material'; value: string }
  | {
      state: 'ok';
      prepared: Prepared;
      matches: SynergyMatch[];
      pooling: PoolingCandidate[];
      establishment?: string;
      material?: MaterialFilter;
    };

/** Detail of `toile-synergy-select`. */
export interface SynergySelectDetail {
  /** Id of the offer resource. */
  offerId?: string;
  /** Id of the need resource, or of the flow from outside whose input could be sourced locally. */
  needId?: string;
  /** Giver and receiver establishments. */
  from: string;
  to: string;
}

/** Detail of `toile-highlight`: establishments other widgets should bring forward together. */
export interface HighlightDetail {
  ids: readonly string[];
}

/** Detail of `toile-pooling-select`. */
export interface PoolingSelectDetail {
  /** The shared need: `code:…`, `family:…` or `label:…`. */
  key: string;
  leader: string;
  establishments: string[];
  needs: string[];
}

/** Detail of `toile-capability-select`: an establishment chosen in the capabilities mode. */
export interface CapabilitySelectDetail {
  establishment: string;
  /** The capability of the row (the strongest capability evidence of a maker), when it has one. */
  capability: string | null;
  /** What was asked: a process id or a product code. */
  process: string | null;
  product: string | null;
}

/** Detail of `toile-synergy-query`: the search settings after the user changed one. */
export interface SynergyQueryDetail {
  mode: SynergyFinderMode;
  establishment: string | null;
  material: string | null;
  need: string | null;
  radiusKm: number;
  top: number;
  process: string | null;
  product: string | null;
  near: string | null;
  capabilityRadiusKm: number | null;
}

/**
 * The synergy finder: for an establishment, a material (EWC code or family, searched in French and
 * English) or a declared need, the offers that could meet needs nearby — ranked by the SDK's score
 * with its parts explained (item fit, proximity, quantity fit, flow kind), hazardous waste flagged and
 * a relative carbon index (not tonnes of CO2e) when known, and the avoided CO2e as an order of magnitude with
 * its basis (route, kg CO2e per tonne, source and licence; a dash where no sourced factor applies) — and
 * the establishments that could pool the same need.
 * Choosing a candidate selects a partner for every widget of the same `<toile-data>` and asks them
 * to highlight both partners. The list exports as CSV.
 *
 * The « Capacités » mode (`mode="capabilities"`, or the mode switch at the top of the form) answers
 * who could make a product or master a process: for a process of the vocabulary (searched in French
 * and English) or a product code, the establishments ranked by the SDK's `findMakers` — the score
 * explained by its parts (declared capability, flows already given, kin activity), the evidence,
 * the distance — with the spare capacity each offers (share, period), then every spare capacity that
 * meets the query with the needs it could serve (`spareCapacity`). Its code is fetched when the mode
 * is first shown.
 *
 * @tag toile-synergy-finder
 * @event toile-synergy-select - a candidate was chosen; `detail: { offerId, needId, from, to }` (plain ids).
 * @event toile-highlight - establishments to highlight together; `detail: { ids }` (both partners, or a pooling group). `<toile-data>` hears it (or is told directly when named by `source`) and shares it as `highlighted`.
 * @event toile-pooling-select - a pooling candidate was chosen; `detail: { key, leader, establishments, needs }`.
 * @event toile-select - the partner now selected; `detail: { id }`.
 * @event toile-capability-select - an establishment was chosen in the capabilities mode; `detail: { establishment, capability, process, product }`.
 * @event toile-synergy-query - the user changed a setting; `detail: { mode, establishment, material, need, radiusKm, top, process, product, near, capabilityRadiusKm }`.
 * @csspart form - the search settings.
 * @csspart modes - the mode switch.
 * @csspart listbox - the material, process and product suggestions.
 * @csspart status - loading, error and empty messages.
 * @csspart table - the candidates table (the makers table in the capabilities mode).
 * @csspart hazardous - the hazardous-waste badge.
 * @csspart pooling - the pooling section.
 * @csspart spare - the spare capacity section of the capabilities mode.
 * @csspart export - the CSV export button.
 * @cssproperty --toile-color-accent - buttons, meters and the chosen row.
 * @cssproperty --toile-color-danger - the hazardous badge and error messages.
 * @cssproperty --toile-synergy-finder-listbox-height - height of the suggestions (default 16em).
 */
export class ToileSynergyFinder extends ToileElement {
  static override styles = [tokens, controls, synergyFinderStyles];

  /** Id of the `<toile-data>` to use when not nested in it. */
  @property({ reflect: true }) source: string | null = null;
  /** `synergies` (default): offers that could meet needs; `capabilities`: who could make a product or master a process. Reflected. */
  @property({ reflect: true }) mode: 'synergies' | 'capabilities' = 'synergies';
  /** Id of the establishment whose offers and needs are matched; without it, the whole territory. */
  @property({ reflect: true }) establishment: string | null = null;
  /** A material: `family:ID` (or a bare family id), `ewc:100202` (or EWC digits, chapters and sub-chapters too), or any `scheme:code`. */
  @property({ reflect: true }) material: string | null = null;
  /** Id of one declared need (or of a flow from outside): candidates for it alone. */
  @property({ reflect: true }) need: string | null = null;
  /** Candidates farther apart are left out (default 20 km). */
  @property({ type: Number, attribute: 'radius-km' }) radiusKm = DEFAULT_RADIUS_KM;
  /** Best candidates shown (default 20). */
  @property({ type: Number }) top = DEFAULT_TOP;
  /** Leave out inputs bought outside the territory (matched by default). */
  @property({ type: Boolean, attribute: 'exclude-outside' }) excludeOutside = false;
  /** Leave out candidates involving hazardous waste. */
  @property({ type: Boolean, attribute: 'hide-hazardous' }) hideHazardous = false;
  /** CSV delimiter: `,` (default) or `;` (decimal commas and a byte-order mark, for Excel in French). */
  @property({ attribute: 'csv-delimiter' }) csvDelimiter: ',' | ';' = ',';
  /** Capabilities mode: a process of the vocabulary (`din8580:4.6`, `testing:ndt`); wins over `product`. Reflected. */
  @property({ reflect: true }) process: string | null = null;
  /** Capabilities mode: a product code (`cpa:25.62`, `hs:8483`, `naf:25.62A`). Reflected. */
  @property({ reflect: true }) product: string | null = null;
  /** Capabilities mode: distances from this establishment (default: the territory's centre). Reflected. */
  @property({ reflect: true }) near: string | null = null;
  /** Capabilities mode: establishments farther away (or not located) are left out; no radius by default. */
  @property({ type: Number, attribute: 'capability-radius-km' }) capabilityRadiusKm: number | null = null;

  /** `offer|need` of the chosen candidate, `pool|key|leader`, `maker|id` or `spare|capability`. */
  @state() private chosen: string | null = null;

  private readonly data = new DataController(this);
  private memo: { key: string; loaded: LoadedToile | undefined; outcome: Outcome } | undefined;
  private readonly combobox = materialCombobox(
    this,
    () => this.materialChoices(),
    (value) => this.chooseMaterial(value),
  );
  /** The capabilities mode, fetched when first shown. */
  private readonly capabilities = new CapabilitiesLoader(this, {
    settings: () => this.capabilitySettings(),
    loaded: () => this.data.provider?.value,
    query: (q) => this.chooseCapabilityQuery(q),
    change: (s) => this.changeCapabilitySettings(s),
    table: { chosen: () => this.chosen, select: (id, capability, key) => this.chooseEstablishment(id, capability, key) },
  });

  /** The candidates shown now (best first); empty until the data is loaded. */
  get candidates(): readonly SynergyMatch[] {
    const o = this.outcome();
    return o.state === 'ok' ? o.matches : [];
  }

  /** The pooling candidates shown now (largest groups first). */
  get poolingCandidates(): readonly PoolingCandidate[] {
    const o = this.outcome();
    return o.state === 'ok' ? o.pooling : [];
  }

  /** Capabilities mode: the establishments that could make what is asked, best first (empty until the mode and the data are loaded). */
  get makers(): readonly Maker[] {
    const o = this.capabilityOutcome();
    return o?.state === 'ok' ? o.result.makers : [];
  }

  /** Capabilities mode: the spare capacity that meets what is asked, the closest match first. */
  get spareOffers(): readonly SpareOffer[] {
    const o = this.capabilityOutcome();
    return o?.state === 'ok' ? o.spare : [];
  }

  private get capabilityMode(): boolean {
    return this.mode === 'capabilities';
  }

  private capabilityOutcome(): CapabilityOutcome | undefined {
    const loaded = this.data.provider?.value;
    return this.capabilityMode && loaded ? this.capabilities.mode?.outcome(loaded) : undefined;
  }

  /** The capabilities mode's settings, read from the attributes. */
  private capabilitySettings(): CapabilitySettings {
    const r = this.capabilityRadiusKm;
    return {
      process: this.process || null,
      product: this.process ? null : this.product || null,
      near: this.near || null,
      radiusKm: r !== null && Number.isFinite(r) && r > 0 ? r : null,
      top: this.limit,
    };
  }

  protected override willUpdate(): void {
    if (this.capabilityMode) this.capabilities.load();
  }

  /** Also waits for the capabilities mode while it is fetched: after `await el.updateComplete` its results are shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    return (await this.capabilities.settled()) ? super.getUpdateComplete() : done;
  }

  private get radius(): number {
    return Number.isFinite(this.radiusKm) && this.radiusKm > 0 ? this.radiusKm : DEFAULT_RADIUS_KM;
  }

  private get limit(): number {
    return Number.isFinite(this.top) && this.top >= 1 ? Math.floor(this.top) : DEFAULT_TOP;
  }

  /** Runs the SDK finder for the current settings (memoised on the document and the settings). */
  private outcome(): Outcome {
    const provider = this.data.provider;
    if (!provider) return { state: 'no-provider' };
    const loaded = provider.value;
    if (!loaded) return provider.failed ? { state: 'failed' } : { state: 'loading' };
    const key = JSON.stringify([this.establishment, this.material, this.need, this.radius, this.limit, this.excludeOutside, this.hideHazardous]);
    if (this.memo && this.memo.loaded === loaded && this.memo.key === key) return this.memo.outcome;
    const outcome = this.compute(loaded);
    this.memo = { key, loaded, outcome };
    return outcome;
  }

  private compute(loaded: LoadedToile): Outcome {
    const material = this.material ? parseMaterial(this.material) : undefined;
    if (this.material && !material) return { state: 'unknown-material', value: this.material };
    let establishment = this.establishment || undefined;
    if (establishment !== undefined && !loaded.index.nodeOf.has(establishment)) return { state: 'unknown-establishment', id: establishment };
    const prepared = prepare(loaded);
    // A need narrows the search to its establishment; the candidates are then kept for that need alone.
    let needId: string | undefined;
    if (this.need) {
      const resource = prepared.resources.get(this.need);
      const flow = prepared.flows.get(this.need);
      if (resource?.direction === 'need') establishment = resource.establishment;
      else if (flow) establishment = flow.to;
      else return { state: 'unknown-need', id: this.need };
      needId = this.need;
    }
    // Every filter is the SDK's, applied before ranking: the search keeps only the best `top`.
    const options: SynergyOptions = {
      radiusKm: this.radius,
      top: this.limit,
      flowNeeds: !this.excludeOutside,
      ...(needId !== undefined ? { need: needId, perNeed: this.limit } : {}),
      ...(establishment !== undefined ? { establishment } : {}),
      ...(material?.type === 'family' ? { family: material.id } : {}),
      ...(material?.type === 'code' ? { code: material.value } : {}),
      ...(this.hideHazardous ? { excludeHazardous: true } : {}),
    };
    const result = findSynergies(prepared.synergies, options);
    if (result.unknownEstablishment) return { state: 'unknown-establishment', id: establishment ?? '' };
    return {
      state: 'ok',
      prepared,
      matches: result.matches,
      pooling: result.pooling,
      ...(establishment !== undefined ? { establishment } : {}),
      ...(material ? { material } : {}),
    };
  }

  // ------------------------------------------------------------------ actions

  /** Chooses a candidate: events, shared selection, highlight of both partners. */
  private chooseMatch(m: SynergyMatch, establishment: string | undefined): void {
    this.chosen = `${m.offer}|${m.need}`;
    const detail: SynergySelectDetail = { offerId: m.offer, needId: m.need, from: m.from, to: m.to };
    this.emit('toile-synergy-select', detail);
    this.highlight([m.from, m.to]);
    // The partner of the establishment searched for is the news; otherwise the giver.
    this.selectPartner(establishment === m.from ? m.to : m.from);
  }

  private choosePooling(g: PoolingCandidate): void {
    this.chosen = poolingKey(g);
    const detail: PoolingSelectDetail = { key: g.key, leader: g.leader, establishments: [...g.establishments], needs: [...g.needs] };
    this.emit('toile-pooling-select', detail);
    this.highlight([...g.establishments]);
    this.selectPartner(g.leader);
  }

  /** Chooses an establishment in the capabilities mode: events, shared selection, highlight. */
  private chooseEstablishment(establishment: string, capability: string | null, key: string): void {
    this.chosen = key;
    const s = this.capabilitySettings();
    const detail: CapabilitySelectDetail = { establishment, capability, process: s.process, product: s.product };
    this.emit('toile-capability-select', detail);
    this.highlight([establishment]);
    this.selectPartner(establishment);
  }

  private chooseCapabilityQuery(q: CapabilityQuery | null): void {
    this.process = q?.type === 'process' ? q.id : null;
    this.product = q?.type === 'product' ? q.code : null;
    this.changed();
  }

  private changeCapabilitySettings(s: { near?: string | null; radiusKm?: number | null; top?: number }): void {
    if (s.near !== undefined) this.near = s.near;
    if (s.radiusKm !== undefined) this.capabilityRadiusKm = s.radiusKm;
    if (s.top !== undefined) this.top = s.top;
    this.changed();
  }

  private switchMode(mode: SynergyFinderMode): void {
    this.mode = mode;
    this.chosen = null;
    this.changed();
  }

  private selectPartner(id: string): void {
    this.emit('toile-select', { id });
    this.data.provider?.select(id);
  }

  private highlight(ids: string[]): void {
    const detail: HighlightDetail = { ids };
    this.emit('toile-highlight', detail);
    // A <toile-data> named by `source` is not an ancestor and does not hear the event: tell it directly.
    const provider = this.data.provider;
    if (provider && !provider.contains(this)) provider.highlight(ids);
  }

  /** Every material the field can offer: the vocabulary with the document's own labels. */
  private materialChoices(): readonly MaterialOption[] {
    const loaded = this.data.provider?.value;
    return loaded ? prepare(loaded).materials : vocabularyOptions();
  }

  private chooseMaterial(value: string | null): void {
    this.material = value;
    this.changed();
  }

  private changed(): void {
    const detail: SynergyQueryDetail = {
      mode: this.capabilityMode ? 'capabilities' : 'synergies',
      establishment: this.establishment,
      material: this.material,
      need: this.need,
      radiusKm: this.radius,
      top: this.limit,
      process: this.process,
      product: this.product,
      near: this.near,
      capabilityRadiusKm: this.capabilityRadiusKm,
    };
    this.emit('toile-synergy-query', detail);
  }

  /**
   * The candidates shown now as CSV (header in the element's language, ids and numbers as data); in
   * the capabilities mode, the makers shown (empty text until the mode is fetched).
   * Formula-like text is prefixed with an apostrophe so that a spreadsheet never runs it.
   */
  toCsv(): string {
    const delimiter = this.csvDelimiter === ';' ? ';' : ',';
    if (this.capabilityMode) return this.capabilities.mode?.toCsv(this.data.provider?.value, this.language, delimiter) ?? '';
    const o = this.outcome();
    return candidatesCsv(o.state === 'ok' ? o.prepared : undefined, o.state === 'ok' ? o.matches : [], this.language, delimiter);
  }

  /** Downloads {@link toCsv} as `synergies.csv`, or `capabilities.csv` in the capabilities mode. */
  exportCsv(): void {
    downloadCsv(this.toCsv(), this.capabilityMode ? 'capabilities.csv' : 'synergies.csv');
  }

  // ------------------------------------------------------------------ rendering

  /** The form: the mode switch (the same elements in both modes, so that focus stays on it), then the mode's fields. */
  private renderForm(loaded: LoadedToile, lang: WidgetLang): TemplateResult {
    const fields = this.capabilityMode ? (this.capabilities.mode?.renderForm(loaded, lang) ?? nothing) : this.renderSynergyFields(loaded, lang);
    return html`<div part="form" class="form" role="group" aria-label=${T.params[lang]}>${this.renderModes(lang)} ${fields}</div>`;
  }

  private renderSynergyFields(loaded: LoadedToile, lang: WidgetLang): TemplateResult {
    const p = prepare(loaded);
    const companies = p.companies;
    const known = !this.establishment || companies.some((c) => c.id === this.establishment);
    const needs = p.needs.filter((r) => !this.establishment || r.establishment === this.establishment);
    return html`<label class="field"
        >${T.company[lang]}
        <select
          @change=${(e: Event) => {
            this.establishment = (e.target as HTMLSelectElement).value || null;
            this.need = null;
            this.changed();
          }}
        >
          <option value="" ?selected=${!this.establishment}>${T.anyCompany[lang]}</option>
          ${known ? nothing : html`<option value=${this.establishment!} selected>${p.names.get(this.establishment!) ?? this.establishment}</option>`}
          ${companies.map((c) => html`<option value=${c.id} ?selected=${c.id === this.establishment}>${c.name}</option>`)}
        </select>
      </label>
      ${this.combobox.render(this.material, lang)}
      <label class="field"
        >${T.need[lang]}
        <select
          @change=${(e: Event) => {
            this.need = (e.target as HTMLSelectElement).value || null;
            this.changed();
          }}
        >
          <option value="" ?selected=${!this.need}>${T.anyNeed[lang]}</option>
          ${this.need && !needs.some((r) => r.id === this.need) ? html`<option value=${this.need} selected>${this.need}</option>` : nothing}
          ${needs.map(
            (r) =>
              html`<option value=${r.id} ?selected=${r.id === this.need}>
                ${itemText(r.item, r.kind, lang)} — ${p.names.get(r.establishment) ?? r.establishment}
              </option>`,
          )}
        </select>
      </label>
      ${this.renderLimits(lang)}`;
  }

  /** The mode switch: native radio buttons (arrow keys move between them and choose). */
  private renderModes(lang: WidgetLang): TemplateResult {
    const labels = { synergies: T.modeSynergies, capabilities: T.modeCapabilities };
    return html`<fieldset part="modes" class="modes">
      <legend>${T.mode[lang]}</legend>
      ${MODES.map(
        (m) =>
          html`<label class="check"
            ><input type="radio" name="mode" value=${m} .checked=${(m === 'capabilities') === this.capabilityMode} @change=${() => this.switchMode(m)} />
            ${labels[m][lang]}</label
          >`,
      )}
    </fieldset>`;
  }

  /** The capabilities mode's results, or its loading and failure states. */
  private renderCapabilities(loaded: LoadedToile, lang: WidgetLang): TemplateResult {
    const mode = this.capabilities.mode;
    if (mode) return mode.renderBody(loaded, lang, () => this.exportCsv());
    return this.capabilities.failed
      ? html`<p part="status" class="status error" role="alert">${T.failed[lang]}</p>`
      : html`<p part="status" class="status" role="status">${T.loadingCapabilities[lang]}</p>`;
  }

  /** Radius, number of results, inputs bought outside and hazardous waste. */
  private renderLimits(lang: WidgetLang): TemplateResult {
    return html`<label class="field narrow"
        >${T.radius[lang]}
        <input
          type="number"
          min="0.1"
          max="1000"
          step="any"
          .value=${String(this.radius)}
          @change=${(e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            if (Number.isFinite(v) && v > 0) {
              this.radiusKm = v;
              this.changed();
            }
          }}
        />
      </label>
      <label class="field narrow"
        >${T.top[lang]}
        <input
          type="number"
          min="1"
          max="500"
          step="1"
          .value=${String(this.limit)}
          @change=${(e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            if (Number.isFinite(v) && v >= 1) {
              this.top = Math.floor(v);
              this.changed();
            }
          }}
        />
      </label>
      <label class="check"
        ><input
          type="checkbox"
          .checked=${!this.excludeOutside}
          @change=${(e: Event) => {
            this.excludeOutside = !(e.target as HTMLInputElement).checked;
            this.changed();
          }}
        />
        ${T.outside[lang]}</label
      >
      <label class="check"
        ><input
          type="checkbox"
          .checked=${this.hideHazardous}
          @change=${(e: Event) => {
            this.hideHazardous = (e.target as HTMLInputElement).checked;
            this.changed();
          }}
        />
        ${T.hideHazardous[lang]}</label
      >`;
  }

  protected override render() {
    const lang = this.language;
    const loaded = this.data.provider?.value;
    const body = this.capabilityMode && loaded ? this.renderCapabilities(loaded, lang) : this.renderSynergies(lang);
    return html`<section class="finder" aria-label=${T.label[lang]}>${loaded ? this.renderForm(loaded, lang) : nothing} ${body}</section>`;
  }

  /** The synergies mode's results, or its loading, error and empty states. */
  private renderSynergies(lang: WidgetLang): TemplateResult {
    const o = this.outcome();
    let body: TemplateResult;
    switch (o.state) {
      case 'no-provider':
        body = html`<p part="status" class="status error" role="alert">${T.noProvider[lang]}</p>`;
        break;
      case 'loading':
        body = html`<p part="status" class="status" role="status">${T.loading[lang]}</p>`;
        break;
      case 'failed':
        body = html`<p part="status" class="status error" role="alert">${T.failed[lang]}</p>`;
        break;
      case 'unknown-establishment':
        body = html`<p part="status" class="status error" role="alert">${T.unknownCompany[lang]} : ${o.id}</p>`;
        break;
      case 'unknown-need':
        body = html`<p part="status" class="status error" role="alert">${T.unknownNeed[lang]} : ${o.id}</p>`;
        break;
      case 'unknown-material':
        body = html`<p part="status" class="status error" role="alert">${T.unknownMaterial[lang]} : ${o.value}</p>`;
        break;
      case 'ok':
        body = html`<div class="count" role="status">${o.matches.length} ${o.matches.length === 1 ? T.foundOne[lang] : T.found[lang]}</div>
          ${matchesTable(o, this.radius, { key: this.chosen, choose: (m, establishment) => this.chooseMatch(m, establishment) }, lang)}
          <p>
            <button part="export" type="button" class="export" ?disabled=${o.matches.length === 0} @click=${() => this.exportCsv()}>${T.export[lang]}</button>
          </p>
          ${poolingSection(o.pooling, o.prepared, this.chosen, (g) => this.choosePooling(g), lang)}`;
        break;
    }
    return body;
  }
}
