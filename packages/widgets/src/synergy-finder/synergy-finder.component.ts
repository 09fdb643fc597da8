import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { findSynergies, formatCo2eOrder, type AvoidedEmissions, type PoolingCandidate, type SynergyMatch, type SynergyOptions } from '@toile/sdk';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import type { WidgetLang } from '../base/i18n.ts';
import { DataController } from '../data/data-controller.ts';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { candidatesCsv, downloadCsv } from './csv.ts';
import { poolingKey, poolingSection } from './pooling-section.ts';
import { MaterialCombobox } from './material-combobox.ts';
import { materialLabel, parseMaterial, vocabularyOptions, type MaterialFilter, type MaterialOption } from './materials.ts';
import { avoidedOf, itemText, needItem, needKind, prepare, type Prepared } from './prepared.ts';
import { synergyFinderStyles } from './synergy-finder.styles.ts';
import { MATCH_LABELS, number, percent, T, transportText } from './synergy-finder.strings.ts';

/** Defaults of the numeric attributes. */
const DEFAULT_RADIUS_KM = 20;
const DEFAULT_TOP = 20;

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

/** Detail of `toile-synergy-query`: the search settings after the user changed one. */
export interface SynergyQueryDetail {
  establishment: string | null;
  material: string | null;
  need: string | null;
  radiusKm: number;
  top: number;
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
 * @tag toile-synergy-finder
 * @event toile-synergy-select - a candidate was chosen; `detail: { offerId, needId, from, to }` (plain ids).
 * @event toile-highlight - establishments to highlight together; `detail: { ids }` (both partners, or a pooling group). `<toile-data>` hears it (or is told directly when named by `source`) and shares it as `highlighted`.
 * @event toile-pooling-select - a pooling candidate was chosen; `detail: { key, leader, establishments, needs }`.
 * @event toile-select - the partner now selected; `detail: { id }`.
 * @event toile-synergy-query - the user changed a setting; `detail: { establishment, material, need, radiusKm, top }`.
 * @csspart form - the search settings.
 * @csspart listbox - the material suggestions.
 * @csspart status - loading, error and empty messages.
 * @csspart table - the candidates table.
 * @csspart hazardous - the hazardous-waste badge.
 * @csspart pooling - the pooling section.
 * @csspart export - the CSV export button.
 * @cssproperty --toile-color-accent - buttons, meters and the chosen row.
 * @cssproperty --toile-color-danger - the hazardous badge and error messages.
 * @cssproperty --toile-synergy-finder-listbox-height - height of the material suggestions (default 16em).
 */
export class ToileSynergyFinder extends ToileElement {
  static override styles = [tokens, controls, synergyFinderStyles];

  /** Id of the `<toile-data>` to use when not nested in it. */
  @property({ reflect: true }) source: string | null = null;
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

  /** Text typed in the material field, until a material is chosen (null: show the chosen one). */
  /** `offer|need` of the chosen candidate, or `pool|key|leader`. */
  @state() private chosen: string | null = null;

  private readonly data = new DataController(this);
  private memo: { key: string; loaded: LoadedToile | undefined; outcome: Outcome } | undefined;
  private readonly combobox = new MaterialCombobox(
    this,
    () => this.materialChoices(),
    (value) => this.chooseMaterial(value),
  );

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
      establishment: this.establishment,
      material: this.material,
      need: this.need,
      radiusKm: this.radius,
      top: this.limit,
    };
    this.emit('toile-synergy-query', detail);
  }

  /**
   * The candidates shown now as CSV (header in the element's language, ids and numbers as data).
   * Formula-like text is prefixed with an apostrophe so that a spreadsheet never runs it.
   */
  toCsv(): string {
    const o = this.outcome();
    return candidatesCsv(o.state === 'ok' ? o.prepared : undefined, o.state === 'ok' ? o.matches : [], this.language, this.csvDelimiter === ';' ? ';' : ',');
  }

  /** Downloads {@link toCsv} as `synergies.csv`. */
  exportCsv(): void {
    downloadCsv(this.toCsv(), 'synergies.csv');
  }

  // ------------------------------------------------------------------ rendering

  private renderForm(loaded: LoadedToile, lang: WidgetLang): TemplateResult {
    const p = prepare(loaded);
    const companies = p.companies;
    const known = !this.establishment || companies.some((c) => c.id === this.establishment);
    const needs = p.needs.filter((r) => !this.establishment || r.establishment === this.establishment);
    return html`<div part="form" class="form" role="group" aria-label=${T.params[lang]}>
      <label class="field"
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
      ${this.renderLimits(lang)}
    </div>`;
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

  private renderPart(label: string, value: number, lang: WidgetLang, extra?: string): TemplateResult {
    return html`<li>
      <span class="part-label">${label}</span>
      <meter min="0" max="1" .value=${value} aria-hidden="true"></meter>
      <span class="part-value">${percent(value, lang)}${extra ? html` <span class="extra">(${extra})</span>` : nothing}</span>
    </li>`;
  }

  private renderMatches(o: Outcome & { state: 'ok' }, lang: WidgetLang): TemplateResult {
    const p = o.prepared;
    const name = (id: string) => p.names.get(id) ?? id;
    const context = [
      o.establishment ? name(o.establishment) : '',
      o.material ? materialLabel(o.material, lang) : '',
      `${T.within[lang]} ${number(this.radius, lang, 1)} km`,
    ]
      .filter(Boolean)
      .join(' · ');
    if (!o.matches.length) return html`<p part="status" class="status" role="status">${T.none[lang]}</p>`;
    const avoided = o.matches.map((m) => avoidedOf(p, m));
    // Each basis once, in the order first met: route, kg CO2e per t, source page, licence.
    const bases = [...new Map(avoided.filter((a): a is AvoidedEmissions => a !== undefined).map((a) => [a.factor.id, a])).values()];
    return html`<div class="scroll">
        <table part="table">
          <caption>
            ${T.caption[lang]}
            <span class="context">— ${context}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">${T.offerNeed[lang]}</th>
              <th scope="col">${T.from[lang]}</th>
              <th scope="col">${T.to[lang]}</th>
              <th scope="col" class="num">${T.distance[lang]}</th>
              <th scope="col" class="num">${T.score[lang]}</th>
              <th scope="col">${T.parts[lang]}</th>
              <th scope="col" class="num">${T.co2e[lang]}</th>
              <th scope="col" class="num">${T.avoided[lang]}</th>
              <th scope="col"><span class="visually-hidden">${T.action[lang]}</span></th>
            </tr>
          </thead>
          <tbody>
            ${o.matches.map((m, k) => this.renderMatchRow(o, m, avoided[k], lang))}
          </tbody>
        </table>
      </div>
      ${o.matches.some((m) => m.carbonIndex !== undefined) ? html`<p class="note">${T.co2eNote[lang]}</p>` : nothing}
      <div id="avoided-note" class="note avoided-note">
        <p>${T.avoidedNote[lang]}</p>
        ${
          bases.length
            ? html`<ul>
                ${bases.map((a) => html`<li>${a.basis[lang]} — <a href=${a.factor.url} target="_blank" rel="noopener noreferrer">${new URL(a.factor.url).hostname}</a> (${a.factor.licence})</li>`)}
              </ul>`
            : nothing
        }
      </div>`;
  }

  /** One candidate: items, partners, distance, score and its parts, carbon figures, and its button. */
  private renderMatchRow(o: Outcome & { state: 'ok' }, m: SynergyMatch, a: AvoidedEmissions | undefined, lang: WidgetLang): TemplateResult {
    const p = o.prepared;
    const name = (id: string) => p.names.get(id) ?? id;
    const offer = p.resources.get(m.offer);
    const offerText = itemText(offer?.item, offer?.kind, lang);
    const needText = itemText(needItem(p, m), needKind(p, m), lang);
    const chosen = this.chosen === `${m.offer}|${m.need}`;
    return html`<tr aria-current=${chosen ? 'true' : nothing} class=${chosen ? 'chosen' : ''} data-offer=${m.offer} data-need=${m.need}>
      <td class="item">
        <span class="offer">${offerText}</span> → <span class="need">${needText}</span>
        ${m.needSource === 'flow' ? html`<span class="note">(${T.boughtOutside[lang]})</span>` : nothing}
        ${m.hazardous ? html`<span part="hazardous" class="badge danger">${T.hazardous[lang]}</span>` : nothing}
      </td>
      <td>${name(m.from)}</td>
      <td>${name(m.to)}</td>
      <td class="num">${m.distanceKm === undefined ? T.unlocated[lang] : `${number(m.distanceKm, lang, 1)} km`}</td>
      <td class="num score">
        <meter min="0" max="1" low="0.4" high="0.7" optimum="1" .value=${m.score} aria-hidden="true"></meter>
        ${percent(m.score, lang)}
      </td>
      <td>
        <ul class="parts">
          ${this.renderPart(T.partItem[lang], m.parts.item, lang, MATCH_LABELS[m.itemMatch][lang])}
          ${this.renderPart(T.partDistance[lang], m.parts.distance, lang, m.transport ? transportText(m.transport, lang) : undefined)}
          ${this.renderPart(T.partQuantity[lang], m.parts.quantity, lang)} ${this.renderPart(T.partKind[lang], m.parts.kind, lang)}
        </ul>
      </td>
      <td class="num">${m.carbonIndex === undefined ? '—' : number(m.carbonIndex, lang)}</td>
      <td class="num avoided">
        ${
          a
            ? html`<span title=${`${formatCo2eOrder(a.tonnesCo2e, lang, { perYear: true })}, ${a.basis[lang]}`} aria-describedby="avoided-note"
                >${formatCo2eOrder(a.tonnesCo2e, lang, { perYear: true, bare: true })}</span
              >`
            : '—'
        }
      </td>
      <td>
        <button type="button" class="show" @click=${() => this.chooseMatch(m, o.establishment)}>
          ${T.show[lang]}<span class="visually-hidden"> : ${name(m.from)} → ${name(m.to)}, ${offerText}</span>
        </button>
      </td>
    </tr>`;
  }

  protected override render() {
    const lang = this.language;
    const o = this.outcome();
    const loaded = o.state === 'no-provider' ? undefined : this.data.provider?.value;
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
          ${this.renderMatches(o, lang)}
          <p>
            <button part="export" type="button" class="export" ?disabled=${o.matches.length === 0} @click=${() => this.exportCsv()}>${T.export[lang]}</button>
          </p>
          ${poolingSection(o.pooling, o.prepared, this.chosen, (g) => this.choosePooling(g), lang)}`;
        break;
    }
    return html`<section class="finder" aria-label=${T.label[lang]}>${loaded ? this.renderForm(loaded, lang) : nothing} ${body}</section>`;
  }
}
