/**
 * The rows of a CSV text in memory, cut into cells exactly as papaparse cuts them, for a text whose
 * quotes are all plain: each quote opens a quoted cell at the start of a cell, and closes it right
 * before a delimiter, a line break or the end (a doubled quote inside being one quote). Any other
 * quote — an unclosed one, one in the middle of a cell, one followed by spaces — and the caller
 * gives the text to papaparse, which reads it and says what is wrong.
 *
 * Hand-written for speed, beside papaparse rather than instead of it: papaparse splits a text
 * without quotes into one string per line first, then an array per row, and those strings and
 * arrays of a 500,000-row file are a third of an import (measured on `flows.csv` of the bench:
 * 1.16 s through papaparse, 0.88 s here, the same row handler). Here each row's cells go into one
 * array used again for every row, and no line is ever a string of its own. Tested against
 * papaparse, cell for cell, on generated, quoted and mutated texts.
 */
import type { CsvStepResult } from './import.ts';

const QUOTE = '"';
const NO_ERRORS: CsvStepResult['errors'] = [];

/** Whether a line break `newline` ends at `at` (exclusive): the cell starting at `at` starts a row. */
const afterNewline = (text: string, at: number, newline: string) => at >= newline.length && text.startsWith(newline, at - newline.length);

/**
 * Whether every quote of `text` is plain (see the file comment), found from quote to quote with
 * `indexOf`: a text without quotes costs one search.
 */
export function plainQuotes(text: string, delimiter: string, newline: string): boolean {
  // A byte-order mark still there (a second one): papaparse takes it off, so it reads such a text.
  if (text.charCodeAt(0) === 0xfeff) return false;
  for (let open = text.indexOf(QUOTE); open !== -1;) {
    if (open > 0 && !text.startsWith(delimiter, open - delimiter.length) && !afterNewline(text, open, newline)) return false;
    let close = text.indexOf(QUOTE, open + 1);
    while (close !== -1 && text.charCodeAt(close + 1) === 0x22) close = text.indexOf(QUOTE, close + 2);
    if (close === -1) return false;
    const next = close + 1;
    if (next < text.length && !text.startsWith(delimiter, next) && !text.startsWith(newline, next)) return false;
    open = text.indexOf(QUOTE, next);
  }
  return true;
}

/**
 * The cells of one row as places in the text (no string made): cell `k` is `text.slice(start[k],
 * end[k])`, its quotes taken off; `escaped[k]` is 1 when it held doubled quotes, to be made one.
 */
export class CsvCells {
  count = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  escaped = new Uint8Array(64);

  /** Cell `k` as papaparse gives it. */
  text(text: string, k: number): string {
    const start = this.start[k]!;
    const end = this.end[k]!;
    if (start === end) return '';
    const inner = text.slice(start, end);
    return this.escaped[k] === 1 ? inner.replaceAll('""', QUOTE) : inner;
  }

  /** Every cell as papaparse gives it. */
  texts(text: string, into: string[] = []): string[] {
    into.length = this.count;
    for (let k = 0; k < this.count; k++) into[k] = this.text(text, k);
    return into;
  }

  push(start: number, end: number, escaped: boolean): void {
    const k = this.count++;
    if (k === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
      this.start = grow(this.start, new Int32Array(k * 2));
      this.end = grow(this.end, new Int32Array(k * 2));
      this.escaped = grow(this.escaped, new Uint8Array(k * 2));
    }
    this.start[k] = start;
    this.end[k] = end;
    this.escaped[k] = escaped ? 1 : 0;
  }
}

/**
 * Calls `onRow` for each row of `text` as papaparse's `step` would cut it (`delimiter` and
 * `newline` given, no header, empty lines kept), its cells as places in the text; one
 * {@link CsvCells} serves every row (the handler reads a row before it returns). The text's quotes
 * must be plain ({@link plainQuotes}).
 */
export function eachCsvRowCells(text: string, delimiter: string, newline: string, onRow: (cells: CsvCells) => void): void {
  const n = text.length;
  if (n === 0) return;
  const cells = new CsvCells();
  let nextDelimiter = text.indexOf(delimiter);
  let nextNewline = text.indexOf(newline);
  let cursor = 0;
  for (;;) {
    let end: number;
    if (text.charCodeAt(cursor) === 0x22) {
      // A quoted cell: to the closing quote (a doubled quote is one quote of the cell).
      let close = text.indexOf(QUOTE, cursor + 1);
      let escaped = false;
      while (text.charCodeAt(close + 1) === 0x22) {
        escaped = true;
        close = text.indexOf(QUOTE, close + 2);
      }
      cells.push(cursor + 1, close, escaped);
      end = close + 1;
      if (nextDelimiter !== -1 && nextDelimiter < end) nextDelimiter = text.indexOf(delimiter, end);
      if (nextNewline !== -1 && nextNewline < end) nextNewline = text.indexOf(newline, end);
    } else {
      end = nextDelimiter !== -1 && (nextNewline === -1 || nextDelimiter < nextNewline) ? nextDelimiter : nextNewline === -1 ? n : nextNewline;
      cells.push(cursor, end, false);
    }
    if (end === n) break;
    if (end === nextDelimiter) {
      cursor = end + delimiter.length;
      nextDelimiter = text.indexOf(delimiter, cursor);
      // A delimiter last in the text: one more cell, empty.
      if (cursor === n) {
        cells.push(n, n, false);
        break;
      }
      continue;
    }
    // A line break: the row is whole.
    onRow(cells);
    cells.count = 0;
    cursor = end + newline.length;
    nextNewline = text.indexOf(newline, cursor);
    // A line break last in the text: papaparse gives one more row, of one empty cell.
    if (cursor === n) {
      cells.push(n, n, false);
      break;
    }
  }
  onRow(cells);
}

/** {@link eachCsvRowCells} with each row's cells as strings (one array used again for every row). */
export function eachCsvRow(text: string, delimiter: string, newline: string, onRow: (row: CsvStepResult) => void): void {
  const data: string[] = [];
  const row: CsvStepResult = { data, errors: NO_ERRORS };
  eachCsvRowCells(text, delimiter, newline, (cells) => {
    cells.texts(text, data);
    onRow(row);
  });
}
