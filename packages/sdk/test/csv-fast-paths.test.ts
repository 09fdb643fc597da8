/**
 * The CSV import reads plain number cells and cells that need no unescaping without running its
 * patterns: on any text, the result must be what the general reading gives.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsvNumber, unescapeFormulaCell } from '../src/csv.ts';

const NUMBER_PATTERN = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
/** The general reading, as it was before the fast path. */
function generalNumber(cell: string, decimalComma: boolean): number | undefined {
  let s = cell.replace(/[\s\u00a0\u202f]/g, '');
  if (decimalComma && s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  return NUMBER_PATTERN.test(s) ? Number(s) : undefined;
}
/**
 * The general unescaping, written plainly: one apostrophe comes off a cell that, without it, still
 * starts with apostrophes and then a formula character (the writer adds exactly one).
 */
function generalUnescape(cell: string): string {
  if (cell.startsWith("'") && /^'*[=+\-@\t\r]/.test(cell.slice(1))) return cell.slice(1);
  const text = /^="([^"]*)"$/.exec(cell);
  return text ? (text[1] as string) : cell;
}

const numberText = fc.string({ unit: fc.constantFrom(...'0123456789+-.eE ,\u00a0\u202fx'.split('')), maxLength: 12 });
const cellText = fc.string({ unit: fc.constantFrom(...'\'="=+-@\t\rab1 '.split('')), maxLength: 8 });

describe('CSV cell fast paths', () => {
  it('parseCsvNumber agrees with the general reading, with either decimal mark', () => {
    fc.assert(
      fc.property(numberText, fc.boolean(), (cell, comma) => {
        expect(Object.is(parseCsvNumber(cell, comma), generalNumber(cell, comma))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('unescapeFormulaCell agrees with the general unescaping', () => {
    fc.assert(
      fc.property(cellText, (cell) => {
        expect(unescapeFormulaCell(cell)).toBe(generalUnescape(cell));
      }),
      { numRuns: 3000 },
    );
  });
});
