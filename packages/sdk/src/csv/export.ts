/**
 * Toile document → CSV data package (the spreadsheet form). UTF-8 with `,` by default; `;` with
 * decimal commas and a byte-order mark for Excel in French. Text cells that a spreadsheet would run
 * as a formula (starting with = + - @) are written with a leading apostrophe, which import removes,
 * so the round trip stays lossless and opening the file never runs anything.
 *
 * Digit codes whose leading zeros matter (postcode, INSEE code, SIRET: the columns marked `text`)
 * are written for Excel as `="01000"`, a constant text formula: Excel shows `01000` and keeps it as
 * text, where it would read `01000` as the number 1000. It calls nothing and refers to no cell; the
 * import reads it back as `01000`.
 */
import Papa from 'papaparse';
import { buildDataPackage, CSV_TABLE_NAMES, CSV_TABLES, type CsvColumn, type CsvTableName, type ToileDocument } from '@toile/schema';

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

const DIGITS = /^[0-9]+$/;
// Only the constant text formula the Excel export writes: `="` digits or any text without a quote `"`.
const TEXT_FORMULA = /^="([^"]*)"$/;

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
      // Excel flavour: a digit code stays text (leading zeros, no scientific notation).
      if (decimalComma && column.text && DIGITS.test(text)) return `="${text}"`;
      return FORMULA_START.test(text) ? `'${text}` : text;
    }
  }
}

/**
 * Reads back a text cell written by {@link exportCsvPackage}: removes the apostrophe put before
 * formula-like text, and unwraps the text form `="01000"` (Excel's way of keeping digits as text).
 */
export function unescapeFormulaCell(cell: string): string {
  if (cell.startsWith("'") && FORMULA_START.test(cell.slice(1))) return cell.slice(1);
  const text = TEXT_FORMULA.exec(cell);
  return text ? (text[1] as string) : cell;
}

/** Rows per chunk of {@link csvTableChunks}. */
const ROWS_PER_CHUNK = 4096;

/**
 * One table of {@link exportCsvPackage} as a sequence of chunks (a few thousand rows each), never
 * one string: the flows of a national document may be longer than V8's longest string. Joined,
 * the chunks are the file `exportCsvPackage` gives (header, CRLF after every row, BOM for `;`).
 *
 * @example
 * ```ts
 * for (const chunk of csvTableChunks(doc, 'flows', { delimiter: ';' })) out.write(chunk);
 * ```
 */
export function* csvTableChunks(doc: ToileDocument, table: CsvTableName, options: CsvExportOptions = {}): Generator<string, void, undefined> {
  const delimiter = options.delimiter ?? ',';
  const decimalComma = delimiter === ';';
  const columns = CSV_TABLES[table];
  const records = (doc[table] ?? []) as unknown[];
  let rows: string[][] = [columns.map((c) => c.name)];
  let first = true;
  const flush = (): string => {
    const text = `${first && decimalComma ? '\uFEFF' : ''}${Papa.unparse(rows, { delimiter, newline: '\r\n', quotes: false })}\r\n`;
    first = false;
    rows = [];
    return text;
  };
  for (const record of records) {
    rows.push(columns.map((c) => formatCell(c, readPath(record, c.path), decimalComma)));
    if (rows.length >= ROWS_PER_CHUNK) yield flush();
  }
  if (rows.length > 0 || first) yield flush();
}

/** The `datapackage.json` of {@link exportCsvPackage}: tables, dialect, territory and metadata. */
export function csvDataPackageText(doc: ToileDocument, options: CsvExportOptions = {}): string {
  const descriptor = buildDataPackage({
    name: doc.territory.id.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    title: doc.meta.title,
    toile: { territory: doc.territory, meta: doc.meta },
  });
  if (options.delimiter === ';') {
    for (const resource of descriptor.resources as { dialect?: unknown; schema: { fields: { type: string; decimalChar?: string }[] } }[]) {
      resource.dialect = { delimiter: ';' };
      for (const field of resource.schema.fields) if (field.type === 'number') field.decimalChar = ',';
    }
  }
  return `${JSON.stringify(descriptor, null, 2)}\n`;
}

/**
 * Writes a CSV data package: file name → content (`establishments.csv`, `flows.csv`,
 * `resources.csv`, `datapackage.json` with the territory and metadata under `toile`). For a
 * document too large for one string per table, see {@link csvTableChunks} (and `writeCsvPackage`
 * in `@toile/sdk/node`).
 */
export function exportCsvPackage(doc: ToileDocument, options: CsvExportOptions = {}): Map<string, string> {
  const files = new Map<string, string>();
  for (const table of CSV_TABLE_NAMES) files.set(`${table}.csv`, [...csvTableChunks(doc, table, options)].join(''));
  files.set('datapackage.json', csvDataPackageText(doc, options));
  return files;
}
