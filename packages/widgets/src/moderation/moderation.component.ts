import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BodyOf, ToileClient } from '@toile/sdk';
import { ToileElement } from '../base/toile-element.ts';
import { tokens } from '../base/tokens.ts';
import { controls } from '../base/controls.styles.ts';
import type { WidgetLang } from '../base/i18n.ts';
import { agencyClient, failureOf, failureText, type DeclarationReview, type DeclaredRecord, type Failure, type FailureKind } from './api.ts';
import { choiceKey, declaredNames, recordView, type Choice } from './record-view.ts';
import { moderationStyles } from './moderation.styles.ts';
import { T, tally } from './moderation.strings.ts';
import { PendingWork } from '../base/pending-work.ts';

/** Which declarations the queue shows. */
export type ModerationFilter = 'pending' | 'decided';

/** One decision as sent to the API. */
export type ModerationDecision = BodyOf<'decideDeclaration'>['decisions'][number];

/** Detail of `toile-moderation-decide`: decisions the server recorded. */
export interface ModerationDecideDetail {
  /** Id of the declaration. */
  declaration: string;
  /** The decisions sent (comments left out). */
  decisions: { kind: ModerationDecision['kind']; id: string; decision: ModerationDecision['decision'] }[];
  /** The declaration's status after them: `decided` once every record is. */
  status: 'pending' | 'decided';
}

/** Detail of `toile-moderation-error`: a call of the queue failed. */
export interface ModerationErrorDetail {
  /** Id of the declaration whose decisions were refused; null when the queue could not be loaded. */
  declaration: string | null;
  /** HTTP status (0: no answer). */
  status: number;
  /** `invalid` (422), `conflict` (409), `unauthorized`, `not-found`, `bad-request`, `network`, `server`. */
  kind: FailureKind;
}

const MAX_SHOWN = 200;

/**
 * The moderation queue of an agency: the companies' declarations waiting for a decision (oldest
 * first; or the decided ones), each record shown against the current territory — « nouveau »,
 * « identique », « modifié », « doublon de X » — with the fields that differ (current → proposed),
 * and its proposed confidentiality level in plain sight (confidential when the company said
 * nothing). The moderator accepts or rejects each record, with a comment kept in the history, or
 * all of a declaration's at once; the decisions of a declaration go to the server in one call. A
 * refusal (422: the territory would be invalid, say a flow whose partner is not accepted; 409: decided
 * meanwhile) is shown in the reader's language, and every result is announced in a live region.
 *
 * The agency's bearer token goes in the `token` property: it is never reflected to an attribute,
 * logged or put in an event. A page holding it must be the agency's own, behind its login — never a
 * public page.
 *
 * @tag toile-moderation
 * @event toile-moderation-decide - the server recorded decisions; `detail: { declaration, decisions, status }`.
 * @event toile-moderation-error - a call failed; `detail: { declaration, status, kind }`.
 * @csspart toolbar - the filter and reload button.
 * @csspart status - loading, empty and error messages of the queue.
 * @csspart declaration - one declaration.
 * @csspart record - one declared record.
 * @csspart change - the record's standing: new, identical, changed, duplicate of.
 * @csspart level - the proposed confidentiality level.
 * @csspart diff - the table of fields (current → proposed).
 * @csspart choice - the accept / reject radio buttons of a record.
 * @csspart decision - the decision already made on a record.
 * @csspart actions - accept all, reject all, send.
 * @csspart error - the refusal of a declaration's decisions.
 * @cssproperty --toile-color-accent - buttons and focus.
 * @cssproperty --toile-color-danger - refusals and the confidential level.
 * @cssproperty --toile-moderation-max-width - widest the queue grows (default 64em).
 */
export class ToileModeration extends ToileElement {
  static override styles = [tokens, controls, moderationStyles];

  /** Root of the Toile API (`https://toile.example.org/api`, or a path on the page's origin). Reflected. */
  @property({ reflect: true }) api: string | null = null;
  /** Id of the territory moderated. Reflected. */
  @property({ reflect: true }) territory: string | null = null;
  /** The agency's bearer token. Set it as a property; it is never reflected, logged or sent anywhere but the API. */
  @property({ attribute: false }) token: string | null = null;
  /** `pending` (default): the declarations waiting; `decided`: those fully decided. Reflected. */
  @property({ reflect: true }) status: ModerationFilter = 'pending';

  @state() private reviews: DeclarationReview[] = [];
  @state() private total = 0;
  @state() private phase: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  @state() private loadFailure: Failure | undefined;
  @state() private choices = new Map<string, Choice>();
  @state() private sending: string | null = null;
  @state() private failures = new Map<string, Failure>();
  @state() private notices = new Map<string, string>();
  @state() private announcement = '';

  private readonly work = new PendingWork();
  private generation = 0;

  /** The declarations shown now (oldest first). */
  get declarations(): readonly DeclarationReview[] {
    return this.reviews;
  }

  private get client(): ToileClient | undefined {
    return this.api && this.territory && this.token ? agencyClient(this.api, this.token) : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('territory') || changed.has('token') || changed.has('status')) void this.reload();
  }

  /** Also waits for the queue being loaded or decisions being sent: after `await el.updateComplete`, their outcome is shown. */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.work.settle(() => super.getUpdateComplete());
  }

  private track(work: Promise<void>): Promise<void> {
    return this.work.track(work);
  }

  /** Loads the queue again (choices already made on records still undecided are kept). */
  reload(): Promise<void> {
    const client = this.client;
    const generation = ++this.generation;
    if (!client || !this.territory) {
      this.phase = 'idle';
      this.reviews = [];
      return Promise.resolve();
    }
    this.phase = 'loading';
    const territory = this.territory;
    return this.track(
      (async () => {
        try {
          const answer = await client.listDeclarations(territory, { status: this.status, limit: MAX_SHOWN });
          if (generation !== this.generation) return;
          this.reviews = answer.items;
          this.total = answer.total;
          this.phase = 'ready';
          this.loadFailure = undefined;
        } catch (error) {
          if (generation !== this.generation) return;
          this.loadFailure = failureOf(error);
          this.phase = 'failed';
          this.announce(failureText(this.loadFailure, this.language));
          this.fail(null, this.loadFailure);
        }
      })(),
    );
  }

  private announce(text: string): void {
    // The same sentence twice must still be read: clear the region first.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  private fail(declaration: string | null, f: Failure): void {
    const detail: ModerationErrorDetail = { declaration, status: f.status, kind: f.kind };
    this.emit('toile-moderation-error', detail);
  }

  private setChoice(d: DeclarationReview, r: Pick<DeclaredRecord, 'kind' | 'id'>, change: Partial<Choice>): void {
    const key = choiceKey(d.id, r);
    const next = new Map(this.choices);
    next.set(key, { comment: '', ...this.choices.get(key), ...change });
    this.choices = next;
  }

  /** Chooses the same decision for every undecided record of a declaration. */
  private chooseAll(d: DeclarationReview, decision: 'accepted' | 'rejected'): void {
    const open = d.records.filter((r) => !r.decision);
    const next = new Map(this.choices);
    for (const r of open) next.set(choiceKey(d.id, r), { comment: '', ...this.choices.get(choiceKey(d.id, r)), decision });
    this.choices = next;
    const lang = this.language;
    this.announce(`${open.length} × « ${decision === 'accepted' ? T.accept[lang] : T.reject[lang]} »`);
  }

  /** The decisions chosen for a declaration's undecided records. */
  private chosen(d: DeclarationReview): ModerationDecision[] {
    const out: ModerationDecision[] = [];
    for (const r of d.records) {
      const c = this.choices.get(choiceKey(d.id, r));
      if (r.decision || !c?.decision) continue;
      const comment = c.comment.trim();
      out.push({ kind: r.kind, id: r.id, decision: c.decision, ...(comment ? { comment } : {}) });
    }
    return out;
  }

  /** Sends a declaration's decisions in one call. */
  private send(d: DeclarationReview): Promise<void> {
    const client = this.client;
    const decisions = this.chosen(d);
    const lang = this.language;
    if (!client || !this.territory || this.sending) return Promise.resolve();
    if (decisions.length === 0) {
      this.announce(T.nothingChosen[lang]);
      return Promise.resolve();
    }
    const territory = this.territory;
    this.sending = d.id;
    this.notices = withoutKey(this.notices, d.id);
    return this.track(
      (async () => {
        try {
          const after = await client.decideDeclaration(territory, d.id, { decisions });
          this.decided(d, after, decisions);
        } catch (error) {
          const f = failureOf(error);
          this.failures = new Map(this.failures).set(d.id, f);
          this.announce(`${T.refusedFor[lang]} ${d.id} : ${failureText(f, lang)}${f.problems.length ? ` ${f.problems.map((p) => p[lang]).join(' ')}` : ''}`);
          this.fail(d.id, f);
          if (f.kind === 'conflict') await this.reload();
        } finally {
          this.sending = null;
        }
      })(),
    );
  }

  /** The review after decisions: shown in place, announced, and told to the page. */
  private decided(before: DeclarationReview, after: DeclarationReview, decisions: readonly ModerationDecision[]): void {
    const lang = this.language;
    this.reviews = this.reviews.map((r) => (r.id === before.id ? after : r));
    this.failures = withoutKey(this.failures, before.id);
    const accepted = decisions.filter((x) => x.decision === 'accepted').length;
    const text = `${T.sent[lang]} — ${T.declaration[lang]} ${before.id} : ${tally(accepted, decisions.length - accepted, lang)}.${after.status === 'decided' ? ` ${T.fullyDecided[lang]}` : ''}`;
    this.notices = new Map(this.notices).set(before.id, text);
    this.announce(text);
    const detail: ModerationDecideDetail = {
      declaration: before.id,
      decisions: decisions.map(({ kind, id, decision }) => ({ kind, id, decision })),
      status: after.status,
    };
    this.emit('toile-moderation-decide', detail);
    // The controls just used are gone when every record is decided: keep the keyboard in the declaration.
    if (after.status === 'decided')
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-declaration="${CSS.escape(before.id)}"] h3`)?.focus());
  }

  // ------------------------------------------------------------------ rendering

  private renderToolbar(lang: WidgetLang): TemplateResult {
    return html`<div part="toolbar" class="toolbar">
      <label class="field"
        >${T.filter[lang]}
        <select
          @change=${(e: Event) => {
            this.status = (e.target as HTMLSelectElement).value === 'decided' ? 'decided' : 'pending';
          }}
        >
          <option value="pending" ?selected=${this.status !== 'decided'}>${T.pending[lang]}</option>
          <option value="decided" ?selected=${this.status === 'decided'}>${T.decided[lang]}</option>
        </select>
      </label>
      <button type="button" class="reload" @click=${() => void this.reload()}>${T.reload[lang]}</button>
    </div>`;
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

  private renderDeclaration(d: DeclarationReview, lang: WidgetLang): TemplateResult {
    const names = declaredNames(d);
    const open = d.records.some((r) => !r.decision);
    const chosen = this.chosen(d).length;
    const failure = this.failures.get(d.id);
    const notice = this.notices.get(d.id);
    const headingId = `decl-${d.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const when = new Date(d.submittedAt).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');
    const handlers = {
      choose: (r: DeclaredRecord, decision: 'accepted' | 'rejected') => this.setChoice(d, r, { decision }),
      comment: (r: DeclaredRecord, comment: string) => this.setChoice(d, r, { comment }),
    };
    return html`<section part="declaration" class="declaration" data-declaration=${d.id} aria-labelledby=${headingId}>
      <h3 id=${headingId} tabindex="-1">${T.declaration[lang]} ${d.id} — ${T.received[lang]} ${when}</h3>
      ${d.invitation ? html`<p class="meta">${T.invitation[lang]} ${d.invitation}</p>` : nothing}
      ${d.note ? html`<p class="note">${T.note[lang]} « ${d.note} »</p>` : nothing}
      ${
        open
          ? html`<div part="actions" class="actions">
              <button type="button" data-action="accept-all" @click=${() => this.chooseAll(d, 'accepted')}>${T.acceptAll[lang]}</button>
              <button type="button" data-action="reject-all" @click=${() => this.chooseAll(d, 'rejected')}>${T.rejectAll[lang]}</button>
            </div>`
          : nothing
      }
      <ol class="records" aria-label=${T.records[lang]}>
        ${d.records.map((r) => recordView(d, r, names, this.choices.get(choiceKey(d.id, r)), handlers, lang))}
      </ol>
      ${failure ? this.renderFailure(failure, lang) : nothing} ${notice ? html`<p class="notice">${notice}</p>` : nothing}
      ${
        open
          ? html`<div part="actions" class="actions">
              <button type="button" class="send" data-action="send" aria-disabled=${this.sending !== null ? 'true' : 'false'} @click=${() => void this.send(d)}>
                ${this.sending === d.id ? T.sending[lang] : `${T.send[lang]} (${chosen})`}
              </button>
            </div>`
          : nothing
      }
    </section>`;
  }

  private renderBody(lang: WidgetLang): TemplateResult {
    switch (this.phase) {
      case 'idle':
        return html`<p part="status" class="status">${T.missing[lang]}</p>`;
      case 'loading':
        if (this.reviews.length === 0) return html`<p part="status" class="status">${T.loading[lang]}</p>`;
        break;
      case 'failed':
        return html`<div part="status" class="status">${this.renderFailure(this.loadFailure ?? { kind: 'network', status: 0, problems: [] }, lang)}</div>`;
      case 'ready':
        break;
    }
    if (this.reviews.length === 0) return html`<p part="status" class="status">${this.status === 'decided' ? T.emptyDecided[lang] : T.emptyPending[lang]}</p>`;
    const count = this.total > this.reviews.length ? `${this.reviews.length} ${T.shownOf[lang]} ${this.total}` : String(this.total);
    return html`<p class="count">${count} ${T.count[lang]}</p>
      ${this.reviews.map((d) => this.renderDeclaration(d, lang))}`;
  }

  protected override render() {
    const lang = this.language;
    return html`<section class="moderation" aria-label=${T.label[lang]} aria-busy=${this.phase === 'loading' ? 'true' : 'false'}>
      ${this.renderToolbar(lang)} ${this.renderBody(lang)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </section>`;
  }
}

function withoutKey<V>(map: ReadonlyMap<string, V>, key: string): Map<string, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}
