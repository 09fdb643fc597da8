/**
 * One declared record in the queue: what it is, how it stands against the territory (« nouveau »,
 * « identique », « modifié », « doublon de X »), the fields that differ (current → proposed, as
 * text), its proposed confidentiality level in plain sight, and the moderator's choice.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { WidgetLang } from '../base/i18n.ts';
import { valueText, type DeclarationReview, type DeclaredRecord } from './api.ts';
import { CHANGE, FIELD, LEVEL, MATCHED_BY, RECORD_KIND, T } from './moderation.strings.ts';

/** The moderator's choice for one undecided record. */
export interface Choice {
  decision?: 'accepted' | 'rejected';
  comment: string;
}

/** What the record view calls back. */
export interface RecordHandlers {
  choose(r: DeclaredRecord, decision: 'accepted' | 'rejected'): void;
  comment(r: DeclaredRecord, text: string): void;
}

/** Fields that say where a record comes from, not what it says: never shown as content. */
const PROVENANCE = new Set(['id', 'source', 'sources', 'validated']);

type Level = 'public' | 'partners' | 'confidential';
const isLevel = (v: unknown): v is Level => v === 'public' || v === 'partners' || v === 'confidential';

/** The key of a record's choice: declaration, kind and id. */
export const choiceKey = (declaration: string, r: Pick<DeclaredRecord, 'kind' | 'id'>) => `${declaration}\u0000${r.kind}\u0000${r.id}`;

/** Names of the establishments the declaration itself describes, by id. */
export function declaredNames(d: DeclarationReview): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of d.records) {
    const name = r.proposed['name'] ?? r.current?.['name'];
    if (r.kind === 'establishment' && typeof name === 'string') {
      names.set(r.id, name);
      names.set(r.target, name);
    }
  }
  return names;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** A short title: the establishment's name; a flow's ends and item; a resource's item. */
export function recordTitle(r: DeclaredRecord, names: ReadonlyMap<string, string>, lang: WidgetLang): string {
  const p = r.proposed;
  const item = p['item'] as { label?: unknown; code?: unknown } | undefined;
  const itemText = str(item?.label) ?? str(item?.code) ?? '';
  if (r.kind === 'establishment') return str(p['name']) ?? r.id;
  const nameOf = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? id) : '?');
  if (r.kind === 'flow') return `${nameOf(p['from'])} → ${nameOf(p['to'])}${itemText ? ` : ${itemText}` : ''}`;
  const direction = p['direction'] === 'need' ? (lang === 'fr' ? 'Besoin' : 'Need') : lang === 'fr' ? 'Offre' : 'Offer';
  return `${direction}${itemText ? ` : ${itemText}` : ''} (${nameOf(p['establishment'])})`;
}

/** « doublon de Aciérie du Port », « nouveau »… */
export function changeText(r: DeclaredRecord, lang: WidgetLang): string {
  const word = CHANGE[r.change][lang];
  if (r.change !== 'duplicate') return word;
  const name = str(r.current?.['name']) ?? r.target;
  return `${word} ${name}`;
}

/** The proposed level; a record without one is confidential (as the server stores it). */
export function proposedLevel(r: DeclaredRecord): Level {
  const level = r.proposed['confidentiality'];
  return isLevel(level) ? level : 'confidential';
}

/** « : » in French typography, “: ” in English. */
export const colon = (lang: WidgetLang) => (lang === 'fr' ? '\u00a0: ' : ': ');

const fieldName = (field: string, lang: WidgetLang) => FIELD[field]?.[lang] ?? field;

function conflictsTable(r: DeclaredRecord, lang: WidgetLang): TemplateResult {
  const conflicts = r.conflicts ?? [];
  if (conflicts.length === 0) return html`<p class="same">${T.sameText[lang]}</p>`;
  return html`<table part="diff" class="diff">
    <caption>
      ${T.differences[lang]}
    </caption>
    <thead>
      <tr>
        <th scope="col">${T.field[lang]}</th>
        <th scope="col">${T.current[lang]}</th>
        <th scope="col">${T.proposed[lang]}</th>
      </tr>
    </thead>
    <tbody>
      ${conflicts.map(
        (c) =>
          html`<tr data-field=${c.field}>
            <th scope="row">${fieldName(c.field, lang)}</th>
            <td class="before">${valueText(c.current, lang)}</td>
            <td class="after">${valueText(c.proposed, lang)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function proposedTable(r: DeclaredRecord, lang: WidgetLang): TemplateResult {
  const fields = Object.entries(r.proposed).filter(([k]) => !PROVENANCE.has(k) && k !== 'confidentiality');
  return html`<table part="diff" class="diff">
    <caption>
      ${T.proposedFields[lang]}
    </caption>
    <tbody>
      ${fields.map(
        ([k, v]) =>
          html`<tr data-field=${k}>
            <th scope="row">${fieldName(k, lang)}</th>
            <td class="after">${valueText(v, lang)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function decidedLine(r: DeclaredRecord, lang: WidgetLang): TemplateResult {
  const word = r.decision === 'accepted' ? T.accepted[lang] : T.rejected[lang];
  const when = r.decidedAt ? ` ${T.decidedOn[lang]} ${new Date(r.decidedAt).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB')}` : '';
  return html`<p part="decision" class="decided decided-${r.decision}">
    <strong>${T.decision[lang]}${colon(lang)}${word}</strong>${when}${r.comment ? html` — « ${r.comment} »` : nothing}
  </p>`;
}

/** The choice of an undecided record: two radio buttons (arrow keys move between them) and a comment. */
function choiceControls(r: DeclaredRecord, key: string, title: string, choice: Choice | undefined, h: RecordHandlers, lang: WidgetLang): TemplateResult {
  const name = `decision-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const radio = (decision: 'accepted' | 'rejected', label: string) =>
    html`<label class="check"
      ><input
        type="radio"
        name=${name}
        value=${decision}
        data-decision=${decision}
        .checked=${choice?.decision === decision}
        @change=${() => h.choose(r, decision)}
      />
      ${label}</label
    >`;
  return html`<div class="choice">
    <fieldset part="choice">
      <legend>${T.decision[lang]} — ${RECORD_KIND[r.kind][lang]} « ${title} »</legend>
      ${radio('accepted', T.accept[lang])} ${radio('rejected', T.reject[lang])}
    </fieldset>
    <label class="field comment"
      >${T.comment[lang]}
      <input
        type="text"
        maxlength="2000"
        data-comment
        .value=${choice?.comment ?? ''}
        @input=${(e: Event) => h.comment(r, (e.target as HTMLInputElement).value)}
      />
    </label>
  </div>`;
}

/** One record of a declaration. */
export function recordView(
  d: DeclarationReview,
  r: DeclaredRecord,
  names: ReadonlyMap<string, string>,
  choice: Choice | undefined,
  h: RecordHandlers,
  lang: WidgetLang,
): TemplateResult {
  const title = recordTitle(r, names, lang);
  const level = proposedLevel(r);
  const key = choiceKey(d.id, r);
  return html`<li part="record" class="record" data-kind=${r.kind} data-id=${r.id} data-change=${r.change}>
    <div class="record-head">
      <span class="record-kind">${RECORD_KIND[r.kind][lang]}</span>
      <strong class="record-title">${title}</strong>
      <span part="change" class="change change-${r.change}">${changeText(r, lang)}</span>
      ${r.matchedBy && r.change !== 'new' ? html`<span class="matched">(${T.matchedBy[lang]} ${MATCHED_BY[r.matchedBy][lang]})</span>` : nothing}
    </div>
    <p part="level" class="level level-${level}">${T.level[lang]}${colon(lang)}<strong>${LEVEL[level][lang]}</strong></p>
    ${r.change === 'new' ? proposedTable(r, lang) : conflictsTable(r, lang)}
    ${r.decision ? decidedLine(r, lang) : choiceControls(r, key, title, choice, h, lang)}
  </li>`;
}
