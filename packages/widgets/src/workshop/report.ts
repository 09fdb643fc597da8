/**
 * The workshop report: the audit log of one workshop (`getHistory({ origin })`) read as what the
 * people in the room did — a flow confirmed (only `validated` and its source changed), corrected
 * (fields before → after) or added — and its CSV, written as every table of the kit is (csvLine:
 * formula-like text escaped; `;` with decimal commas and a byte-order mark for Excel in French).
 */
import { csvLine, type CsvCellValue } from '@toile/sdk';
import type { WidgetLang } from '../base/i18n.ts';
import type { ChangeEntry } from '../moderation/api.ts';
import { ACTION } from './workshop.strings.ts';

/** What a workshop did to a record. */
export type ReportAction = 'confirmed' | 'corrected' | 'added';

/** One field changed by a correction. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One line of the report. */
export interface ReportRow {
  seq: number;
  at: string;
  action: ReportAction;
  kind: ChangeEntry['kind'];
  id: string;
  /** The record after the change (a flow: its ends and item). */
  record: Record<string, unknown>;
  /** The fields a correction changed (provenance left out); empty for a confirmation. */
  changes: FieldChange[];
  comment?: string;
}

/** Fields that say where a record comes from and whether it was confirmed, not what it says. */
const PROVENANCE = new Set(['validated', 'source', 'sources']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Same JSON value, whatever the order of object keys. */
function same(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  return a === b;
}

/** The top-level fields that differ between two versions of a record. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => !same(before[k], after[k])).map((field) => ({ field, before: before[field], after: after[field] }));
}

/** The report's rows, oldest first, from the workshop's history entries (in any order). */
export function reportRows(entries: readonly ChangeEntry[]): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (e.kind === 'territory' || !isObject(e.after)) continue;
    const base = { seq: e.seq, at: e.at, kind: e.kind, id: e.id, record: e.after, ...(e.comment ? { comment: e.comment } : {}) };
    if (e.op === 'create') rows.push({ ...base, action: 'added', changes: [] });
    else if (e.op === 'update') {
      const changes = changedFields(isObject(e.before) ? e.before : {}, e.after);
      const content = changes.filter((c) => !PROVENANCE.has(c.field));
      rows.push({ ...base, action: content.length ? 'corrected' : 'confirmed', changes: content });
    }
  }
  return rows;
}

/** How many rows of each action. */
export function reportCounts(rows: readonly ReportRow[]): Record<ReportAction, number> {
  const counts = { confirmed: 0, corrected: 0, added: 0 };
  for (const r of rows) counts[r.action]++;
  return counts;
}

const HEADERS: Readonly<Record<WidgetLang, readonly string[]>> = {
  fr: ['seq', 'date', 'action', 'type_enregistrement', 'id', 'de_id', 'de', 'vers_id', 'vers', 'objet', 'champ', 'avant', 'apres', 'commentaire'],
  en: ['seq', 'date', 'action', 'record_kind', 'id', 'from_id', 'from', 'to_id', 'to', 'item', 'field', 'before', 'after', 'comment'],
};

/** A record value as one CSV cell: numbers and text as they are, a quantity as `12000 h/yr`, objects as `key: value` pairs. */
function cellOf(value: unknown): CsvCellValue {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => String(cellOf(v) ?? '')).join(', ');
  if (isObject(value)) {
    if (typeof value.value === 'number' && typeof value.unit === 'string' && Object.keys(value).length === 2) return `${value.value} ${value.unit}`;
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${String(cellOf(v) ?? '')}`)
      .join('; ');
  }
  return String(value);
}

/** A change of an object field (quantity, dependency, item) as one change per sub-field that differs (`quantity.value`). */
function leafChanges(c: FieldChange): FieldChange[] {
  if (!isObject(c.before) && !isObject(c.after)) return [c];
  const before = isObject(c.before) ? c.before : {};
  const after = isObject(c.after) ? c.after : {};
  return changedFields(before, after).map((leaf) => ({ ...leaf, field: `${c.field}.${leaf.field}` }));
}

/** The item of a record as text: its label, else its code. */
export function itemOf(record: Record<string, unknown>): string | undefined {
  const item = record['item'];
  if (!isObject(item)) return undefined;
  return typeof item.label === 'string' ? item.label : typeof item.code === 'string' ? item.code : undefined;
}

/**
 * The report as CSV (header in the language): one line per confirmation and addition, one per field
 * corrected (an object field by its sub-fields: `quantity.value`, `dependency.upstream`). With `;`: decimal commas and a byte-order mark, for Excel in French.
 */
export function reportCsv(rows: readonly ReportRow[], names: ReadonlyMap<string, string>, lang: WidgetLang, delimiter: ',' | ';'): string {
  const lines = [csvLine(HEADERS[lang], delimiter)];
  for (const r of rows) {
    const from = typeof r.record['from'] === 'string' ? r.record['from'] : undefined;
    const to = typeof r.record['to'] === 'string' ? r.record['to'] : undefined;
    const head: CsvCellValue[] = [
      r.seq,
      r.at,
      ACTION[r.action][lang],
      r.kind,
      r.id,
      from,
      from && (names.get(from) ?? from),
      to,
      to && (names.get(to) ?? to),
      itemOf(r.record),
    ];
    const changes: (FieldChange | undefined)[] = r.changes.length ? r.changes.flatMap(leafChanges) : [undefined];
    for (const c of changes) lines.push(csvLine([...head, c?.field, cellOf(c?.before), cellOf(c?.after), r.comment], delimiter));
  }
  return `${delimiter === ';' ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** Downloads a CSV text as a file. */
export function downloadCsv(text: string, filename: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
