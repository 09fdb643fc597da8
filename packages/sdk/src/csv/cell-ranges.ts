/**
 * Plain CSV cells read where they lie in the text (see `tableStep`'s `cellsStep`): which columns
 * can be, whether a cell is plain, and a plain number's value. A plain cell gives exactly what the
 * general reading of its string gives (`trim`, `unescapeFormulaCell`, `parseCsvNumber`: tested);
 * any other cell is read as a string by the general reading.
 */
import type { CsvColumn } from '@toile/schema';
import { columnTypeOf } from '../columnar/columns.ts';
import { decimalValue, EXACT_DIGITS } from '../util/decimal.ts';

/** How a plain cell of a column is read in place: `None`, always as a string (levels, yes/no, lists). */
export const FastCell = { None: 0, Code: 1, Text: 2, Number: 3, Integer: 4 } as const;
export type FastCell = (typeof FastCell)[keyof typeof FastCell];

/** How the plain cells of `column` are read in place (see {@link FastCell}). */
export function fastCellOf(column: CsvColumn): FastCell {
  if (column.path.length === 1 && column.path[0] === 'confidentiality') return FastCell.None;
  if (column.type === 'number') return FastCell.Number;
  if (column.type === 'integer') return FastCell.Integer;
  if (column.type !== 'string') return FastCell.None;
  return columnTypeOf(column) === 'code' ? FastCell.Code : FastCell.Text;
}

const SPACE = /\s/;
/** A character `trim` keeps at an end of a cell (code units below 0x80 tested first: the usual case). */
const kept = (c: number) => (c < 0x80 ? c > 0x20 : !SPACE.test(String.fromCharCode(c)));

/**
 * Whether the cell `text.slice(start, end)` (not empty) reads as itself: nothing for `trim` to
 * take off, no formula escape (`'`, `=`) to undo.
 */
export function plainEnds(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  return kept(first) && first !== 39 && first !== 61 && kept(text.charCodeAt(end - 1));
}

/**
 * The number a plain cell writes (`[+-]digits[.[digits]]`, 15 digits at most), or NaN for any other
 * cell (for the general reading). Exact as `Number` is: an integer below 2^53 divided by an exact
 * power of ten is correctly rounded (Clinger's fast path: `util/decimal.ts`).
 */
export function plainNumberAt(text: string, start: number, end: number): number {
  let p = start;
  const sign = text.charCodeAt(p);
  if (sign === 0x2d || sign === 0x2b) p++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 0x2e && fraction < 0 && digits > 0) fraction = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > EXACT_DIGITS) return Number.NaN;
  const value = decimalValue(mantissa, Math.max(0, fraction));
  return sign === 0x2d ? -value : value;
}
