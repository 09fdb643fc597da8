/**
 * The kit's one way of writing a CSV cell, shared by the CSV data package export and every table a
 * widget exports (the synergy finder's list, say). Text a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, which the import
 * removes — so does text that already looks escaped (apostrophes, then one of those), so that the
 * import gives every text back (the import also trims white space around a cell); numbers take a decimal comma with the `;` delimiter (Excel in French); a cell is quoted
 * (RFC 4180) when it holds the delimiter, a quote, a line break or a byte-order mark, or starts or
 * ends with a space. No CSV library is needed, so pages that only export stay small.
 */

/** The two delimiters of the kit: `,`, and `;` with decimal commas for Excel in French. */
export type CsvDelimiter = ',' | ';';

/** A value of a CSV cell; `undefined` and `null` are the empty cell. */
export type CsvCellValue = string | number | boolean | null | undefined;

// Text that must take an apostrophe: formula-like text, and text that already looks escaped
// (apostrophes, then a formula character), so that reading back removes exactly the one added.
const ESCAPED_LOOK = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;
// Only the constant text formula the Excel export writes: `="` digits or any text without a quote `"`.
const TEXT_FORMULA = /^="([^"]*)"$/;
const NEEDS_QUOTES = /["\r\n\uFEFF]|^ | $/;

/**
 * Text that a spreadsheet would run as a formula, with a leading apostrophe; so is text that
 * starts with apostrophes and then a formula character (`'=x` is written `''=x`), so that
 * {@link unescapeFormulaCell} gives every text back; other text as is.
 */
export function escapeFormula(text: string): string {
  return ESCAPED_LOOK.test(text) ? `'${text}` : text;
}

/**
 * Reads back a text cell written by the kit: removes the apostrophe put before formula-like text,
 * and unwraps the text form `="01000"` (Excel's way of keeping digits as text).
 */
export function unescapeFormulaCell(cell: string): string {
  // Most cells start with neither `'` nor `=`: nothing to undo, no pattern to run.
  const first = cell.charCodeAt(0);
  if (first !== 39 && first !== 61) return cell;
  if (ESCAPED.test(cell)) return cell.slice(1);
  const text = TEXT_FORMULA.exec(cell);
  return text ? (text[1] as string) : cell;
}

/** A number as CSV text: a decimal comma with the `;` delimiter, a point otherwise. */
export function csvNumberText(value: number | string, delimiter: CsvDelimiter): string {
  const text = String(value);
  return delimiter === ';' ? text.replace('.', ',') : text;
}

/** Cell text quoted when it must be (delimiter, quote, line break, byte-order mark, surrounding space), quotes doubled. */
export function quoteCsvText(text: string, delimiter: CsvDelimiter): string {
  return NEEDS_QUOTES.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV cell: formula-like text escaped, numbers with the delimiter's decimal mark, booleans as
 * `true` / `false`, then quoted when needed.
 *
 * @example
 * ```ts
 * csvCell('=HYPERLINK("x")', ','); // `"'=HYPERLINK(""x"")"`
 * csvCell(0.5, ';'); // '0,5'
 * ```
 */
export function csvCell(value: CsvCellValue, delimiter: CsvDelimiter): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return quoteCsvText(csvNumberText(value, delimiter), delimiter);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quoteCsvText(escapeFormula(value), delimiter);
}

/** One CSV line (no line break) of values written with {@link csvCell}. */
export function csvLine(values: readonly CsvCellValue[], delimiter: CsvDelimiter): string {
  return values.map((v) => csvCell(v, delimiter)).join(delimiter);
}
