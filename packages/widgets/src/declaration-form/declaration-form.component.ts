import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createToileClient } from '@toile/sdk';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import type { Message } from '../base/i18n.ts';
import type { SearchCombobox } from '../synergy-finder/combobox.ts';
import type { MaterialOption } from '../synergy-finder/materials.ts';
import { LEVEL_IDS, buildDeclaration, emptyDraft, isBlank, type Declaration, type Draft } from './model.ts';
import type { FormContext } from './fields.ts';
import { LocationTools, safeUrl } from './location.ts';
import type { MapPicker, MapView } from './map-picker.ts';
import { establishmentSection, flowsSection, resourcesSection } from './sections.ts';
import { TerritorySearch } from './territory-search.ts';
import { draftKey, loadDraft, rememberInvitation, rememberedInvitation, removeDraft, saveDraft, takeInvitationFromUrl } from './storage.ts';
import { sendDeclaration, type DeclarationErrorKind, type SubmitFailure } from './submit.ts';
import { EST, validateDraft, type FieldProblem } from './validate.ts';
import { materialCombobox, nafCombobox, type NafOption } from './vocab.ts';
import { declarationFormStyles } from './declaration-form.styles.ts';
import { LEVELS, T } from './declaration-form.strings.ts';

export type { DeclarationErrorKind } from './submit.ts';
export type { Declaration } from './model.ts';

/** Detail of `toile-declaration-submit`: the declaration was received and waits for the agency's review. */
export interface DeclarationSubmitDetail {
  /** Id of the declaration on the server. */
  id: string;
  /** Records it holds (the establishment, partners, flows and resources). */
  records: number;
  status: 'pending';
}

/** Detail of `toile-declaration-error`: why the declaration was not sent or not accepted. */
export interface DeclarationErrorDetail {
  /** `invalid` (the form's checks or the server's, 400/413/422), `forbidden` (403: the invitation), `rate-limited` (429), `not-found` (404), `network`, `server`. */
  kind: DeclarationErrorKind;
  /** HTTP status; 0 when nothing was sent or no answer came. */
  status: number;
  /** The first thing said, in the element's language. */
  message: string;
  /** Each problem: the form field it is on (an element id in the shadow root) or null, the JSON pointer the server gave, the message in the element's language. */
  problems: { field: string | null; pointer: string | null; message: string }[];
  /** Seconds the server asks to wait (429). */
  retryAfter: number | null;
}

/** What the form is doing. */
type Phase = 'editing' | 'sending' | 'sent';

/** One line of the error summary. */
interface SummaryLine {
  readonly field: string | null;
  readonly message: Message;
}

/** France, when nothing says where the territory is. */
const FRANCE: MapView = { center: [46.6, 2.4], zoom: 5 };

/**
 * The declaration form: a company declares its establishment (picked from the territory, or typed:
 * SIRET, name, NAF activity searched in French, location typed, found with the page's geocoder or
 * placed on a map), its offers and needs (kind, material by EWC code or family, quantity and unit,
 * availability) and its suppliers and customers (picked from the territory, or named), each with
 * its confidentiality level — confidential by default. It says what happens to the data, keeps a
 * draft in the browser (resumed after a reload, cleared on request or once sent) and sends the
 * declaration to the API (`POST /territories/{territory}/declarations`, with the invitation of a
 * personal link). The server's problems are put back on the fields and listed in an error summary.
 *
 * The invitation token comes from the `invitation` property or from the page's address
 * (`#invitation=inv_…`), which the form removes from the address bar at once.
 *
 * @tag toile-declaration-form
 * @event toile-declaration-submit - the declaration was received; `detail: { id, records, status }`.
 * @event toile-declaration-error - the declaration was not sent or was refused; `detail: { kind, status, message, problems, retryAfter }`.
 * @csspart form - the form.
 * @csspart notice - what happens to the data.
 * @csspart error-summary - the problems to fix, each linked to its field.
 * @csspart field-error - the problem written under a field.
 * @csspart establishment - the establishment's fieldset.
 * @csspart picked - the establishment or partner picked from the territory.
 * @csspart results - the establishments or addresses found.
 * @csspart listbox - the NAF and material suggestions.
 * @csspart confidentiality - a record's confidentiality select and the meaning of its level.
 * @csspart resources - the offers and needs.
 * @csspart resource - one offer or need.
 * @csspart flows - the suppliers and customers.
 * @csspart flow - one supplier or customer.
 * @csspart map - the map (when `basemap` is set and the map is open).
 * @csspart attribution - the map's credit.
 * @csspart submit - the send button.
 * @csspart status - the live status line (sending, sent, draft).
 * @csspart receipt - the confirmation after sending.
 * @cssproperty --toile-color-accent - buttons, focus and the placed point.
 * @cssproperty --toile-color-danger - problems.
 * @cssproperty --toile-declaration-form-map-height - height of the map (default 320px).
 * @cssproperty --toile-declaration-form-max-width - widest the form grows (default 52em).
 */
export class ToileDeclarationForm extends ToileElement {
  static override styles = [tokens, controls, declarationFormStyles];

  /** Root of the Toile API (`https://toile.example/api`); http(s) only. Reflected. */
  @property({ reflect: true }) api: string | null = null;
  /** Id of the territory declared to. Reflected. */
  @property({ reflect: true }) territory: string | null = null;
  /** Invitation token of a personal link (`inv_…`); otherwise read from the page's `#invitation=…`. Never reflected. */
  @property() invitation: string | null = null;
  /** An address search (`https://api-adresse.data.gouv.fr/search/`): none by default, and no other geocoder is ever called. Reflected. */
  @property({ reflect: true }) geocoder: string | null = null;
  /** A tile URL template (`https://…/{z}/{x}/{y}.png`) for the map: without it, no map and no tile server. Reflected. */
  @property({ reflect: true }) basemap: string | null = null;
  /** The tiles' credit, shown as text under the map. Reflected. */
  @property({ attribute: 'basemap-attribution', reflect: true }) basemapAttribution: string | null = null;
  /** The agency's privacy policy (http(s)), linked from the notice. Reflected. */
  @property({ attribute: 'privacy-policy', reflect: true }) privacyPolicy: string | null = null;

  @state() private draft: Draft = emptyDraft();
  @state() private errors: ReadonlyMap<string, Message> = new Map();
  @state() private summary: { message: Message; lines: readonly SummaryLine[] } | undefined;
  @state() private phase: Phase = 'editing';
  @state() private status: Message | undefined;
  @state() private confirmingClear = false;
  @state() private receipt: DeclarationSubmitDetail | undefined;

  private key: string | undefined;
  private target: { api: string; territory: string } | undefined;
  private token: string | undefined;
  private fragmentToken: string | undefined;
  private stored = true;
  private pendingFocus: string | undefined;
  private sending: AbortController | undefined;
  private readonly naf: SearchCombobox<NafOption> = nafCombobox(this, EST.naf, (v) => this.edit((d) => (d.establishment.naf = v), EST.naf));
  private readonly materials = new Map<string, SearchCombobox<MaterialOption>>();
  private readonly location = new LocationTools(this, () => ({
    geocoder: safeUrl(this.geocoder),
    tiles: safeUrl(this.basemap),
    view: () => this.territoryView(),
  }));
  private readonly search = new TerritorySearch(this, () => this.target);

  /** The declaration the form would send now (built from what is typed, checked or not). */
  get declaration(): Declaration {
    return buildDeclaration(this.draft).declaration;
  }

  /** True when an invitation token will be sent with the declaration. */
  get invited(): boolean {
    return this.token !== undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.fragmentToken ??= takeInvitationFromUrl();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sending?.abort();
    this.location.stop();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('api') || changed.has('territory') || changed.has('invitation')) this.retarget();
    if (changed.has('draft')) this.pruneMaterials();
  }

  /** Reads `api`, `territory` and the invitation again; loads the draft kept for them. */
  private retarget(): void {
    const api = safeUrl(this.api);
    const territory = this.territory?.trim();
    this.target = api && territory ? { api: api.href.replace(/\/+$/, ''), territory } : undefined;
    if (!this.target) return;
    if (this.fragmentToken) rememberInvitation(this.target.api, this.target.territory, this.fragmentToken);
    const given = this.invitation?.trim();
    this.token = given || this.fragmentToken || rememberedInvitation(this.target.api, this.target.territory);
    const key = draftKey(this.target.api, this.target.territory, this.token ?? null);
    if (key === this.key) return;
    this.key = key;
    const saved = loadDraft(key);
    this.draft = saved ?? emptyDraft();
    this.errors = new Map();
    this.summary = undefined;
    this.status = saved && !isBlank(saved) ? T.draftRestored : undefined;
  }

  /** The establishments of the territory, as the box the map first shows (France when none is located). */
  private async territoryView(): Promise<MapView> {
    if (!this.target) return FRANCE;
    try {
      const client = createToileClient({ baseURL: this.target.api });
      const page = await client.listEstablishments(this.target.territory, { external: false, limit: 1000 });
      const points = page.items.flatMap((e) =>
        e.location?.lat !== undefined && e.location.lon !== undefined ? [[e.location.lat, e.location.lon] as const] : [],
      );
      return points.length ? { bounds: points } : FRANCE;
    } catch {
      return FRANCE;
    }
  }

  private edit(change: (draft: Draft) => void, field?: string): void {
    const next = structuredClone(this.draft);
    change(next);
    this.draft = next;
    if (field && this.errors.has(field)) {
      const errors = new Map(this.errors);
      errors.delete(field);
      this.errors = errors;
    }
    this.confirmingClear = false;
    if (!this.key) return;
    if (isBlank(next)) removeDraft(this.key);
    else this.stored = saveDraft(this.key, next);
  }

  private material(key: string): SearchCombobox<MaterialOption> {
    let combo = this.materials.get(key);
    if (!combo) {
      const id = `${key}-material`;
      combo = materialCombobox(this, id, (value) =>
        this.edit((d) => {
          const item = [...d.resources, ...d.flows].find((i) => i.key === key);
          if (item) item.material = value;
        }, id),
      );
      this.materials.set(key, combo);
    }
    return combo;
  }

  /** Drops the material fields of items no longer in the draft. */
  private pruneMaterials(): void {
    const keys = new Set([...this.draft.resources, ...this.draft.flows].map((i) => i.key));
    for (const [key, combo] of this.materials) {
      if (keys.has(key)) continue;
      this.removeController(combo);
      this.materials.delete(key);
    }
  }

  private focusField(id: string): void {
    const root = this.renderRoot as ShadowRoot;
    const target = root.getElementById(id) ?? root.querySelector<HTMLElement>(`[name="${CSS.escape(id)}"]`) ?? root.getElementById(`${id}-offer`);
    target?.focus();
  }

  protected override updated(): void {
    // The comboboxes are the synergy finder's: their inputs get their problem here.
    for (const id of [EST.naf, ...[...this.materials.keys()].map((k) => `${k}-material`)]) {
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`);
      if (!input) continue;
      if (this.errors.has(id)) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', `${id}-error`);
      } else {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      }
    }
    if (this.pendingFocus) {
      const id = this.pendingFocus;
      this.pendingFocus = undefined;
      this.focusField(id);
    }
  }

  private context(): FormContext {
    return {
      lang: this.language,
      draft: this.draft,
      errors: this.errors,
      edit: (change, field) => this.edit(change, field),
      search: this.search,
      naf: this.naf,
      material: (key) => this.material(key),
      location: this.location,
      announce: (message) => (this.status = message),
      focusLater: (id) => {
        this.pendingFocus = id;
        this.requestUpdate();
      },
    };
  }

  private showProblems(message: Message, problems: readonly FieldProblem[]): void {
    const errors = new Map<string, Message>();
    for (const p of problems) if (p.field && !errors.has(p.field)) errors.set(p.field, p.message);
    this.errors = errors;
    this.summary = { message, lines: problems };
    this.pendingFocus = 'error-summary';
  }

  private fail(failure: SubmitFailure): void {
    const lang = this.language;
    this.showProblems(failure.message, failure.problems);
    this.status = failure.message;
    this.emit<DeclarationErrorDetail>('toile-declaration-error', {
      kind: failure.kind,
      status: failure.status,
      message: failure.message[lang],
      problems: failure.problems.map((p) => ({ field: p.field, pointer: p.pointer ?? null, message: p.message[lang] })),
      retryAfter: failure.retryAfter ?? null,
    });
  }

  /**
   * Checks the form and sends the declaration. Resolves to the server's receipt, or undefined when
   * the form or the server refused it (the problems are then shown, and `toile-declaration-error` fired).
   */
  async submit(): Promise<DeclarationSubmitDetail | undefined> {
    if (this.phase === 'sending') return undefined;
    if (!this.target) {
      this.fail({ kind: 'invalid', status: 0, message: T.noApi, problems: [] });
      return undefined;
    }
    const problems = validateDraft(this.draft);
    if (problems.length) {
      this.fail({ kind: 'invalid', status: 0, message: { fr: T.errorsCount.fr(problems.length), en: T.errorsCount.en(problems.length) }, problems });
      return undefined;
    }
    const built = buildDeclaration(this.draft);
    this.phase = 'sending';
    this.status = T.sending;
    this.summary = undefined;
    this.sending = new AbortController();
    try {
      const answer = await sendDeclaration(this.target.api, this.target.territory, built, this.token ?? null, this.sending.signal);
      const receipt: DeclarationSubmitDetail = { id: answer.id, records: answer.records, status: answer.status };
      if (this.key) removeDraft(this.key);
      Object.assign(this, { receipt, phase: 'sent', draft: emptyDraft(), errors: new Map(), pendingFocus: 'receipt' });
      this.status = { fr: T.sent.fr(receipt.id, receipt.records), en: T.sent.en(receipt.id, receipt.records) };
      this.emit<DeclarationSubmitDetail>('toile-declaration-submit', receipt);
      return receipt;
    } catch (failure) {
      this.phase = 'editing';
      this.fail(failure as SubmitFailure);
      return undefined;
    } finally {
      this.sending = undefined;
    }
  }

  /** Empties the form and forgets the draft kept in this browser. */
  clearDraft(): void {
    if (this.key) removeDraft(this.key);
    this.draft = emptyDraft();
    this.errors = new Map();
    this.summary = undefined;
    this.confirmingClear = false;
    this.status = T.draftCleared;
    this.search.reset('self');
  }

  private renderNotice(): TemplateResult {
    const lang = this.language;
    const privacy = safeUrl(this.privacyPolicy);
    return html`<section class="notice" part="notice" aria-labelledby="notice-title">
      <h3 id="notice-title">${T.dataTitle[lang]}</h3>
      <p>${T.dataSent[lang]}</p>
      <p>${T.dataLevels[lang]}</p>
      <details>
        <summary>${T.levelsTitle[lang]}</summary>
        <ul class="levels">
          ${LEVEL_IDS.map((l) => html`<li>${LEVELS[l].means[lang]}</li>`)}
        </ul>
      </details>
      <p>${T.dataDraft[lang]}</p>
      ${this.target ? html`<p>${T.dataServer[lang]} <code>${new URL(this.target.api).host}</code></p>` : nothing}
      ${privacy ? html`<p><a href=${privacy.href} target="_blank" rel="noopener noreferrer">${T.privacy[lang]}</a></p>` : nothing}
      ${this.token ? html`<p class="invited">${T.invited[lang]}</p>` : nothing}
    </section>`;
  }

  private renderSummary(): TemplateResult | typeof nothing {
    const s = this.summary;
    if (!s) return nothing;
    const lang = this.language;
    const go = (event: Event, field: string) => {
      event.preventDefault();
      this.focusField(field);
    };
    const lines = s.lines.length && s.lines[0]!.message !== s.message ? s.lines : [];
    return html`<div class="summary" part="error-summary" id="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
      <h3 id="error-summary-title">${T.errorsTitle[lang]}</h3>
      <p>${s.message[lang]}</p>
      ${
        lines.length
          ? html`<ul>
              ${lines.map((l) => html`<li>${l.field ? html`<a href=${`#${l.field}`} @click=${(e: Event) => go(e, l.field!)}>${l.message[lang]}</a>` : l.message[lang]}</li>`)}
            </ul>`
          : nothing
      }
    </div>`;
  }

  private renderActions(): TemplateResult {
    const lang = this.language;
    const draftNote = this.stored ? (isBlank(this.draft) ? '' : T.draftSaved[lang]) : T.draftUnavailable[lang];
    return html`<div class="actions">
        <button type="submit" part="submit" class="primary" ?disabled=${this.phase === 'sending'}>${T.submit[lang]}</button>
        ${
          this.confirmingClear
            ? html`<span class="confirm" role="group" aria-labelledby="clear-question">
                <span id="clear-question">${T.clearConfirm[lang]}</span>
                <button type="button" id="clear-yes" @click=${() => (this.clearDraft(), (this.pendingFocus = EST.search))}>${T.clearYes[lang]}</button>
                <button type="button" id="clear-no" @click=${() => ((this.confirmingClear = false), (this.pendingFocus = 'clear-draft'))}>
                  ${T.clearNo[lang]}
                </button>
              </span>`
            : html`<button type="button" id="clear-draft" @click=${() => ((this.confirmingClear = true), (this.pendingFocus = 'clear-yes'))}>
                ${T.clearDraft[lang]}
              </button>`
        }
      </div>
      <p class="hint draft">${draftNote}</p>`;
  }

  private renderReceipt(): TemplateResult {
    const lang = this.language;
    const r = this.receipt!;
    const again = () => {
      this.phase = 'editing';
      this.receipt = undefined;
      this.pendingFocus = EST.search;
    };
    return html`<div class="receipt" part="receipt" id="receipt" tabindex="-1">
      <p>${T.sent[lang](r.id, r.records)}</p>
      <button type="button" @click=${again}>${T.again[lang]}</button>
    </div>`;
  }

  private renderForm(): TemplateResult {
    const lang = this.language;
    const ctx = this.context();
    const onSubmit = (event: Event) => {
      event.preventDefault();
      void this.submit();
    };
    return html`<form part="form" novalidate @submit=${onSubmit} aria-labelledby="title">
      ${this.renderSummary()} ${establishmentSection(ctx, this.basemapAttribution)} ${resourcesSection(ctx)} ${flowsSection(ctx)}
      <div class="field wide">
        <label for="note">${T.note[lang]}</label>
        <textarea
          id="note"
          rows="3"
          maxlength="2000"
          .value=${this.draft.note}
          @input=${(e: Event) => this.edit((d) => (d.note = (e.target as HTMLTextAreaElement).value), 'note')}
        ></textarea>
      </div>
      ${this.renderActions()}
    </form>`;
  }

  protected override render(): TemplateResult {
    const lang = this.language;
    return html`<div class="wrap">
      <h2 id="title">${T.title[lang]}</h2>
      <p class="intro">${T.intro[lang]}</p>
      ${this.renderNotice()} ${this.target ? nothing : html`<p class="error" role="alert">${T.noApi[lang]}</p>`}
      ${this.phase === 'sent' && this.receipt ? this.renderReceipt() : this.renderForm()}
      <p class="status" part="status" role="status">${this.status?.[lang] ?? ''}</p>
    </div>`;
  }

  /** @internal The map's Leaflet instance, once the map is open (tests). */
  get leafletMap(): MapPicker['leafletMap'] {
    return this.location.picker.leafletMap;
  }
}
