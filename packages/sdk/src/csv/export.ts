/**
 * Toile document → CSV data package (the spreadsheet form). UTF-8 with `,` by default; `;` with
 * decimal commas and a byte-order mark for Excel in French. Text cells that a spreadsheet would run
 * as a formula (starting with = + - @) are written with a leading apostrophe, which import removes,
 * so the round trip stays lossless and opening the file never runs anything.
 */
import Papa from 'papaparse';
import { buildDataPackage, CSV_TABLE_NAMES, CSV_TABLES, type CsvColumn, type ToileDocument } from '@toile/schema';

/** Options of {@link exportCsvPackage}. */
export interface CsvExportOptions {
  /** `,` (default) or `;` — the latter writes decimal commas and a BOM, for Excel in French. */
  delimiter?: ',' | ';';
}

const FORMULA_START = /^[=+\-@\t\r]/;

function readPath(record: unknown, path: readonly string[]): unknown {
  let value = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function formatCell(column: CsvColumn, value: unknown, decimalComma: boolean): string {
  if (value === undefined || value === null) return '';
  switch (column.type) {
    case 'number':
    case 'integer': {
      const text = String(value);
      return decimalComma ? text.replace('.', ',') : text;
    }
    case 'boolean':
      return value ? 'true' : 'false';
    case 'list': {
      const text = Array.isArray(value) ? value.join('|') : String(value);
      return FORMULA_START.test(text) ? `'${text}` : text;
    }
    case 'string': {
      const text = String(value);
      return FORMULA_START.test(text) ? `'${text}` : text;
    }
  }
}

/** Removes the apostrophe {@link exportCsvPackage} puts before formula-like text. */
export function unescapeFormulaCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * Writes a CSV data package: file name → content (`establishments.csv`, `flows.csv`,
 * `resources.csv`, `datapackage.json` with the territory and metadata under `toile`).
 */
export function exportCsvPackage(doc: ToileDocument, options: CsvExportOptions = {}): Map<string, string> {
  const delimiter = options.delimiter ?? ',';
  const decimalComma = delimiter === ';';
  const files = new Map<string, string>();
  for (const table of CSV_TABLE_NAMES) {
    const columns = CSV_TABLES[table];
    const records = (doc[table] ?? []) as unknown[];
    const rows: string[][] = [columns.map((c) => c.name)];
    for (const record of records) rows.push(columns.map((c) => formatCell(c, readPath(record, c.path), decimalComma)));
    const text = Papa.unparse(rows, { delimiter, newline: '\r\n', quotes: false });
    files.set(`${table}.csv`, `${decimalComma ? '\uFEFF' : ''}${text}\r\n`);
  }
  const descriptor = buildDataPackage({
    name: doc.territory.id.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    title: doc.meta.title,
    toile: { territory: doc.territory, meta: doc.meta },
  });
  if (decimalComma) {
    for (const resource of descriptor.resources as { dialect?: unknown; schema: { fields: { type: string; decimalChar?: string }[] } }[]) {
      resource.dialect = { delimiter: ';' };
      for (const field of resource.schema.fields) if (field.type === 'number') field.decimalChar = ',';
    }
  }
  files.set('datapackage.json', `${JSON.stringify(descriptor, null, 2)}\n`);
  return files;
}
