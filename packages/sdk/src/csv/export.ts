/**
 * Toile document → CSV data package (the spreadsheet form). UTF-8 with `,` by default; `;` with
 * decimal commas and a byte-order mark for Excel in French. Text cells that a spreadsheet would run
 * as a formula (starting with = + - @, a tab or a carriage return), and text that already looks
 * escaped (apostrophes, then one of those), are written with a leading apostrophe, which import
 * removes, so the round trip stays lossless and opening the file never runs anything.
 *
 * Digit codes whose leading zeros matter (postcode, INSEE code, SIRET: the columns marked `text`)
 * are written for Excel as `="01000"`, a constant text formula: Excel shows `01000` and keeps it as
 * text, where it would read `01000` as the number 1000. It calls nothing and refers to no cell; the
 * import reads it back as `01000`.
 */
import { buildDataPackage, CSV_TABLES, type CsvColumn, type CsvTableName, type ToileDocument } from '@toile/schema';
import { capabilityRows, csvTablesOf } from './capabilities.ts';
import { csvNumberText, escapeFormula, quoteCsvText, type CsvDelimiter } from './cell.ts';
import { valueAtPath } from '../util/record-path.ts';

export { unescapeFormulaCell } from './cell.ts';
export { csvTablesOf } from './capabilities.ts';

/** Options of {@link exportCsvPackage}. */
export interface CsvExportOptions {
  /** `,` (default) or `;` — the latter writes decimal commas and a BOM, for Excel in French. */
  delimiter?: CsvDelimiter;
}

const DIGITS = /^[0-9]+$/;

/** A record's value as the cell text of its column, before quoting (see `cell.ts`). */
function formatCell(column: CsvColumn, value: unknown, delimiter: CsvDelimiter): string {
  if (value === undefined || value === null) return '';
  switch (column.type) {
    case 'number':
    case 'integer':
      return csvNumberText(value as number, delimiter);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'list':
      return escapeFormula(Array.isArray(value) ? value.join('|') : String(value));
    case 'string': {
      const text = String(value);
      // Excel flavour: a digit code stays text (leading zeros, no scientific notation).
      if (delimiter === ';' && column.text && DIGITS.test(text)) return `="${text}"`;
      return escapeFormula(text);
    }
  }
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
  const records = table === 'capabilities' ? capabilityRows(doc) : ((doc[table] ?? []) as unknown[]);
  let rows: string[][] = [columns.map((c) => c.name)];
  let first = true;
  const flush = (): string => {
    const lines = rows.map((row) => row.map((cell) => quoteCsvText(cell, delimiter)).join(delimiter));
    const text = `${first && decimalComma ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
    first = false;
    rows = [];
    return text;
  };
  for (const record of records) {
    rows.push(columns.map((c) => formatCell(c, valueAtPath(record, c.path), delimiter)));
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
    tables: csvTablesOf(doc),
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
 * `resources.csv`, `capabilities.csv` when an establishment lists capabilities, `datapackage.json`
 * with the territory and metadata under `toile`). For a document too large for one string per
 * table, see {@link csvTableChunks} (and `writeCsvPackage` in `@toile/sdk/node`).
 */
export function exportCsvPackage(doc: ToileDocument, options: CsvExportOptions = {}): Map<string, string> {
  const files = new Map<string, string>();
  for (const table of csvTablesOf(doc)) files.set(`${table}.csv`, [...csvTableChunks(doc, table, options)].join(''));
  files.set('datapackage.json', csvDataPackageText(doc, options));
  return files;
}
