/** The workshop report as a table, with its CSV download and print buttons. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Source } from '@toile/schema';
import type { WidgetLang } from '../base/i18n.ts';
import { valueText } from '../moderation/api.ts';
import { FIELD } from '../moderation/moderation.strings.ts';
import { colon } from '../moderation/record-view.ts';
import { itemOf, reportCounts, type ReportRow } from './report.ts';
import { ACTION, T } from './workshop.strings.ts';

/** A flow of the report in words: « Partner → Other : item ». */
export function flowText(record: Record<string, unknown>, names: ReadonlyMap<string, string>): string {
  const end = (v: unknown) => (typeof v === 'string' ? (names.get(v) ?? v) : '?');
  const item = itemOf(record);
  return `${end(record['from'])} → ${end(record['to'])}${item ? ` : ${item}` : ''}`;
}

function changesText(row: ReportRow, lang: WidgetLang): TemplateResult | typeof nothing {
  if (row.changes.length === 0) return nothing;
  return html`<ul class="changes">
    ${row.changes.map(
      (c) => html`<li data-field=${c.field}>${FIELD[c.field]?.[lang] ?? c.field}${colon(lang)}${valueText(c.before, lang)} → ${valueText(c.after, lang)}</li>`,
    )}
  </ul>`;
}

/** The report of a workshop: counts, the table, and the buttons. */
export function reportView(
  workshop: Source | undefined,
  rows: readonly ReportRow[],
  names: ReadonlyMap<string, string>,
  actions: { download(): void; print(): void },
  lang: WidgetLang,
): TemplateResult {
  const counts = reportCounts(rows);
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const title = workshop ? `${workshop.label}${workshop.date ? ` (${workshop.date})` : ''}` : '';
  return html`<section part="report" class="report" aria-labelledby="report-heading">
    <h3 id="report-heading">${T.report[lang]}${title ? ` — ${title}` : ''}</h3>
    ${
      rows.length === 0
        ? html`<p class="empty">${T.reportEmpty[lang]}</p>`
        : html`<p class="counts">${counts.confirmed} / ${counts.corrected} / ${counts.added} ${T.counts[lang]}</p>
            <table part="report-table" class="report-table">
              <thead>
                <tr>
                  <th scope="col">${T.when[lang]}</th>
                  <th scope="col">${T.action[lang]}</th>
                  <th scope="col">${T.flow[lang]}</th>
                  <th scope="col">${T.changes[lang]}</th>
                  <th scope="col">${T.comment[lang]}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) =>
                    html`<tr data-action=${r.action} data-id=${r.id}>
                      <td>${new Date(r.at).toLocaleString(locale)}</td>
                      <td>${ACTION[r.action][lang]}</td>
                      <td>${flowText(r.record, names)} <span class="id">(${r.id})</span></td>
                      <td>${changesText(r, lang)}</td>
                      <td>${r.comment ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
    }
    <div part="report-actions" class="report-actions">
      <button type="button" data-action="download" ?disabled=${rows.length === 0} @click=${() => actions.download()}>${T.download[lang]}</button>
      <button type="button" data-action="print" @click=${() => actions.print()}>${T.print[lang]}</button>
    </div>
  </section>`;
}
