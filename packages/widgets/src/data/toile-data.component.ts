import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { GraphIndex, Problem, ValidationResult } from '@toile/sdk';
import type { ToileDocument } from '@toile/schema';
import type { NetworkOverlayLegend } from '../network/legend.ts';
import { yieldToPage } from '../base/yield.ts';
import { ToileElement } from '../base/toile-element.ts';
import { toileDataStyles } from './toile-data.styles.ts';

/** The document could not be used at all: the report says where (JSON pointer or CSV row and column). */
class InvalidToileError extends Error {
  constructor(readonly report: ValidationResult) {
    super('invalid');
  }
}

/** Where a problem is, as a person reads it: `flows.csv, ligne 4, colonne to` or a JSON pointer. */
function place(problem: Problem, lang: 'fr' | 'en'): string {
  const at = problem.location;
  if (!at) return problem.pointer || '/';
  const row = at.row !== undefined ? `, ${lang === 'fr' ? 'ligne' : 'row'} ${at.row}` : '';
  const column = at.column ? `, ${lang === 'fr' ? 'colonne' : 'column'} ${at.column}` : '';
  return `${at.file}${row}${column}`;
}

/**
 * Values in 0–1 painted on establishments by every `<toile-network>` of a `<toile-data>` (a domino
 * result, say), with the words of their legend.
 */
export interface ToileOverlay {
  /** Value in 0–1 by establishment id; the others are "not reached". */
  readonly values: ReadonlyMap<string, number>;
  /** What the values are and the words at 0 and 1 (defaults: "Share affected", 0 %–100 %). */
  readonly legend: NetworkOverlayLegend;
}

/** What `<toile-data>` holds once loaded. */
export interface LoadedToile {
  document: ToileDocument;
  index: GraphIndex;
  report: ValidationResult;
}

const MESSAGES = {
  loading: { fr: 'Chargement de la toile…', en: 'Loading the toile…' },
  error: { fr: 'Impossible de charger les données', en: 'The data could not be loaded' },
  invalid: { fr: 'Les données sont illisibles', en: 'The data cannot be read' },
  setAside: { fr: 'problème(s) dans les données ; les enregistrements valides sont affichés', en: 'problem(s) in the data; the valid records are shown' },
};

/**
 * The SDK (validators, parser, HTTP), fetched with the data rather than with the element. At module
 * level on purpose: inside a class-field initializer (moved to the constructor by
 * `useDefineForClassFields: false`) tsc does not rewrite the `.ts` of a dynamic import.
 */
const loadSdk = () => import('./data-sdk.ts');

// One load per source, however many <toile-data> elements point to it.
const loads = new Map<string, Promise<ValidationResult>>();

/** Shares one pending load per key; a failed load is forgotten so that a retry can succeed. */
function once(key: string, load: () => Promise<ValidationResult>): Promise<ValidationResult> {
  let pending = loads.get(key);
  if (!pending) {
    pending = load();
    loads.set(key, pending);
    pending.catch(() => loads.delete(key));
  }
  return pending;
}

/**
 * The data source shared by every widget on the page. Give it `src` (a Toile JSON URL, or the URL of a
 * CSV data package's `datapackage.json`), `api` + `territory` (the Toile HTTP API), an inline
 * `<script type="application/json">` child, or the `.data` property. It validates the document,
 * keeps what the page's audience may see (public by default), builds the graph index once and holds
 * the shared selection.
 *
 * @tag toile-data
 * @event toile-data-change - the document was (re)loaded; `detail: { establishments, flows }`.
 * @event toile-data-error - the data could not be loaded or read; `detail: { message }`.
 * @event toile-selection-change - the selected establishment changed; `detail: { id }`.
 * @event toile-highlight-change - the highlighted establishments changed (a synergy's two partners,
 *   say); `detail: { ids }`.
 * @event toile-overlay-change - the shared overlay was set or cleared (see `setOverlay`);
 *   `detail: { overlay }`, undefined when cleared.
 * @csspart status - the loading or error line.
 */
export class ToileData extends ToileElement {
  static override styles = toileDataStyles;

  /** URL of a Toile JSON document, or of a CSV data package's `datapackage.json`. */
  @property() src: string | null = null;
  /** Base URL of a Toile HTTP API (used with `territory`). */
  @property() api: string | null = null;
  /** Territory id to fetch from `api`. */
  @property() territory: string | null = null;
  /**
   * Who the page is for. `public` (default) removes partner-level and confidential records;
   * `partners` keeps partner-level ones; `internal` shows everything and must be chosen explicitly.
   */
  @property() audience: 'public' | 'partners' | 'internal' = 'public';
  /** The document given directly, instead of `src`. */
  @property({ attribute: false }) data: unknown = undefined;
  /** Id of the selected establishment, shared by every widget. Reflected for CSS. */
  @property({ reflect: true }) selected: string | null = null;
  /** Establishments other widgets should bring forward (a synergy's two partners, say). */
  @property({ attribute: false }) highlighted: readonly string[] = [];

  private sharedOverlay: ToileOverlay | undefined = undefined;

  /** Text of an inline `<script type="application/json">`, read when the data is loaded. */
  private inline: string | undefined = undefined;

  private readonly task = new Task(this, {
    task: async ([src, data, inline, audience, api, territory], { signal }): Promise<LoadedToile> => {
      // The SDK (validators, parser, HTTP) is fetched with the data, not with the element.
      const { buildIndex, createToileClient, loadToile, publishToile, readAudience, readToileText, validateToile } = await loadSdk();
      let report: ValidationResult;
      if (data !== undefined) report = validateToile(data);
      // Inline JSON is read by the SDK's reader: a key written twice (a level, say) is not silently the last.
      else if (inline !== undefined) report = readToileText(inline);
      else if (src) {
        const url = new URL(src, this.ownerDocument.baseURI).href;
        report = await once(url, () => loadToile(url, { signal }));
      } else if (api && territory) {
        const baseURL = new URL(api, this.ownerDocument.baseURI).href;
        report = await once(`${baseURL}#${territory}`, async () => validateToile(await createToileClient({ baseURL }).getTerritory(territory, { signal })));
      } else throw new Error('no source');
      // The widgets need the document's two lists: when one is broken (the SDK then hands on an empty
      // list), the page is told the document is unreadable rather than shown an empty map.
      const given = report.data;
      const listBroken = report.problems.some((p) => p.severity === 'error' && (p.pointer === '/establishments' || p.pointer === '/flows'));
      if (!given || listBroken || !Array.isArray(given.establishments) || !Array.isArray(given.flows)) throw new InvalidToileError(report);
      const usable = typeof given.territory === 'object' && given.territory !== null ? given : { ...given, territory: { id: '', name: '' } };
      // The kit's one audience rule: an unknown audience is the public (French names accepted).
      const reader = readAudience(audience);
      performance.mark('toile-data:validated');
      // Each step in its own task: on a large territory, one task for all would freeze the page.
      await yieldToPage();
      const document = reader === 'internal' ? usable : publishToile(usable, { audience: reader }).data;
      performance.mark('toile-data:published');
      await yieldToPage();
      const index = buildIndex(document);
      performance.mark('toile-data:indexed');
      return { document, index, report };
    },
    args: () => [this.src, this.data, this.inline, this.audience, this.api, this.territory] as const,
    onError: (error) => void this.updateComplete.then(() => this.emit('toile-data-error', { message: error instanceof Error ? error.message : String(error) })),
    // The task stores its value after onComplete: announce once `value` is readable.
    onComplete: (value) =>
      void this.updateComplete.then(() =>
        this.emit('toile-data-change', { establishments: value.document.establishments.length, flows: value.document.flows.length }),
      ),
  });

  /** The loaded document, index and validation report, once ready. */
  get value(): LoadedToile | undefined {
    return this.task.value;
  }

  /** True when the last load failed (the element itself says why); widgets then stop saying "loading". */
  get failed(): boolean {
    return this.task.status === TaskStatus.ERROR;
  }

  /** Brings establishments forward in every widget of this source (an empty list clears). */
  highlight(ids: readonly string[]): void {
    this.highlighted = [...ids];
  }

  /**
   * The overlay painted by every `<toile-network>` of this source (nested, or pointing here by
   * `source`, including networks added later); undefined when none. Set it with {@link setOverlay}.
   */
  get overlay(): ToileOverlay | undefined {
    return this.sharedOverlay;
  }

  /**
   * Paints values in 0–1 on the establishments of every `<toile-network>` of this source (a domino
   * result, say), with `legend` naming them; `undefined` clears. Fires `toile-overlay-change` at once,
   * so the networks are painted when this returns.
   */
  setOverlay(values: ReadonlyMap<string, number> | undefined, legend: NetworkOverlayLegend = {}): void {
    if (values === undefined && this.sharedOverlay === undefined) return;
    this.sharedOverlay = values ? { values, legend: { ...legend } } : undefined;
    this.emit('toile-overlay-change', { overlay: this.sharedOverlay });
  }

  /** Selects an establishment (or none) for every widget of this source. */
  select(id: string | null): void {
    if (id === this.selected) return;
    this.selected = id;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const script = this.querySelector('script[type="application/json"]');
    if (script?.textContent) this.inline = script.textContent;
    this.addEventListener('toile-select', this.onSelect as EventListener);
    this.addEventListener('toile-highlight', this.onHighlight as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('toile-select', this.onSelect as EventListener);
    this.removeEventListener('toile-highlight', this.onHighlight as EventListener);
  }

  private readonly onSelect = (event: CustomEvent<{ id: string | null }>) => this.select(event.detail.id);
  private readonly onHighlight = (event: CustomEvent<{ ids: readonly string[] }>) => this.highlight(event.detail.ids);

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('selected')) this.emit('toile-selection-change', { id: this.selected });
    if (changed.has('highlighted')) this.emit('toile-highlight-change', { ids: [...this.highlighted] });
  }

  /**
   * A problem for the page: its place always; its message (which may quote the faulty value) only
   * for `audience="internal"`, since a value set aside is not published.
   */
  private describe(problem: Problem, lang: 'fr' | 'en'): string {
    return this.audience === 'internal' ? `${problem.message[lang]} (${place(problem, lang)})` : place(problem, lang);
  }

  protected override render() {
    const lang = this.language;
    return html`${this.task.render({
        pending: () => html`<div part="status" role="status">${MESSAGES.loading[lang]}</div>`,
        error: (e) => {
          const first = e instanceof InvalidToileError ? e.report.problems.find((p) => p.severity === 'error') : undefined;
          return html`<div part="status" role="alert" data-error>
            ${e instanceof InvalidToileError ? MESSAGES.invalid[lang] : MESSAGES.error[lang]}${first ? html` — ${this.describe(first, lang)}` : nothing}
            ${(e as { status?: number }).status ? ` (HTTP ${(e as { status?: number }).status})` : ''}
          </div>`;
        },
        complete: ({ report }) => {
          // Usable, but records were set aside: say so once, with the first place at fault.
          const errors = report.problems.filter((p) => p.severity === 'error');
          return errors.length
            ? html`<div part="status" role="status" data-problems>${errors.length} ${MESSAGES.setAside[lang]} — ${this.describe(errors[0]!, lang)}</div>`
            : nothing;
        },
      })}<slot></slot>`;
  }
}
