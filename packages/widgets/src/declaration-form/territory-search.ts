/**
 * Picking an establishment from the territory: the company looking for itself, or for a supplier or
 * customer already in the web. A search field and a button ask the API (`listEstablishments`, what
 * the caller may read: the public establishments) and list the answers as buttons; a live region says
 * how many were found. One search per key (`self`, or an item's key), each with its own state.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Establishment } from '@toile/schema';
import { createToileClient, type ToileClient } from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';
import { T } from './declaration-form.strings.ts';

interface SearchState {
  query: string;
  busy: boolean;
  results: readonly Establishment[] | undefined;
  failed: { fr: string; en: string } | undefined;
  controller: AbortController | undefined;
}

/** How a search renders: its field's id and label, and what choosing a result does. */
export interface SearchView {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  /** Ids left out of the results (the company itself, when it looks for partners). */
  readonly exclude?: string | null;
  /** Id of the problem that describes the field, when it has one. */
  readonly errorId?: string | undefined;
  choose(establishment: Establishment): void;
}

/** A result in one line: name, town, SIRET. */
export function describeEstablishment(e: Establishment): string {
  return [e.name, e.location?.city, e.siret ? `SIRET ${e.siret}` : undefined].filter(Boolean).join(' · ');
}

/** The searches of one form. */
export class TerritorySearch {
  private readonly states = new Map<string, SearchState>();
  private client: { api: string; client: ToileClient } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => { api: string; territory: string } | undefined,
  ) {}

  private state(key: string): SearchState {
    let s = this.states.get(key);
    if (!s) this.states.set(key, (s = { query: '', busy: false, results: undefined, failed: undefined, controller: undefined }));
    return s;
  }

  /** Forgets a search (its item was removed, or a result chosen). */
  reset(key: string): void {
    this.states.get(key)?.controller?.abort();
    this.states.delete(key);
  }

  /** Stops every search (the element left the page). */
  abortAll(): void {
    for (const s of this.states.values()) s.controller?.abort();
  }

  private api(): { client: ToileClient; territory: string } | undefined {
    const target = this.target();
    if (!target) return undefined;
    if (this.client?.api !== target.api) this.client = { api: target.api, client: createToileClient({ baseURL: target.api }) };
    return { client: this.client.client, territory: target.territory };
  }

  /** Runs the search typed under `key`. */
  async run(key: string): Promise<void> {
    const s = this.state(key);
    const api = this.api();
    const q = s.query.trim();
    if (!api || !q) return;
    s.controller?.abort();
    const controller = (s.controller = new AbortController());
    Object.assign(s, { busy: true, failed: undefined });
    this.host.requestUpdate();
    try {
      const page = await api.client.listEstablishments(api.territory, { q: q.slice(0, 200), limit: 20 }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      Object.assign(s, { results: page.items, busy: false });
    } catch (error) {
      if (controller.signal.aborted) return;
      const e = error as { fr?: unknown; en?: unknown; message?: unknown };
      const en = typeof e.en === 'string' ? e.en : String(e.message ?? error);
      Object.assign(s, { busy: false, results: undefined, failed: { fr: typeof e.fr === 'string' ? e.fr : en, en } });
    }
    this.host.requestUpdate();
  }

  private renderResults(s: SearchState, view: SearchView, lang: WidgetLang): TemplateResult | typeof nothing {
    if (!s.results) return nothing;
    const shown = s.results.filter((e) => e.id !== view.exclude);
    return html`<ul class="results" part="results" aria-label=${`${T.results[lang]} — ${view.label}`}>
      ${shown.map(
        (e) =>
          html`<li>
            <button
              type="button"
              class="pick"
              data-id=${e.id}
              aria-label=${`${T.choose[lang]}${lang === 'fr' ? ' :' : ':'} ${describeEstablishment(e)}`}
              @click=${() => view.choose(e)}
            >
              ${T.choose[lang]}
            </button>
            <span>${describeEstablishment(e)}</span>
          </li>`,
      )}
    </ul>`;
  }

  private status(s: SearchState, view: SearchView, lang: WidgetLang): string {
    if (s.busy) return T.searching[lang];
    if (s.failed) return `${T.searchFailed[lang]} ${s.failed[lang]}`;
    if (s.results) return T.found[lang](s.results.filter((e) => e.id !== view.exclude).length);
    return '';
  }

  /** The search field, its button, the results and the live count. */
  render(key: string, view: SearchView, lang: WidgetLang): TemplateResult {
    const s = this.state(key);
    const onKeydown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter') return;
      // Enter searches here instead of sending the whole form.
      event.preventDefault();
      void this.run(key);
    };
    return html`<div class="search">
      <label for=${view.id}>${view.label}</label>
      ${view.hint ? html`<span class="hint" id=${`${view.id}-hint`}>${view.hint}</span>` : nothing}
      <div class="inline">
        <input
          id=${view.id}
          type="search"
          autocomplete="off"
          maxlength="200"
          aria-invalid=${view.errorId ? 'true' : nothing}
          aria-describedby=${[view.hint ? `${view.id}-hint` : '', view.errorId ?? ''].filter(Boolean).join(' ') || nothing}
          .value=${s.query}
          @input=${(e: Event) => (s.query = (e.target as HTMLInputElement).value)}
          @keydown=${onKeydown}
        />
        <button type="button" ?disabled=${s.busy} @click=${() => void this.run(key)}>${T.search[lang]}</button>
      </div>
      <p class="hint" role="status">${this.status(s, view, lang)}</p>
      ${this.renderResults(s, view, lang)}
    </div>`;
  }
}
