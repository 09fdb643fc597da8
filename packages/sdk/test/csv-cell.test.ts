import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { csvCell, csvLine, escapeFormula } from '../src/index.ts';
import { unescapeFormulaCell } from '../src/csv.ts';
import { quoteCsvText } from '../src/csv/cell.ts';

const delimiters = fc.constantFrom(',' as const, ';' as const);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '=1+1',
    '+33 1',
    '-x',
    '@SUM(A1)',
    '\tx',
    '\rx',
    ' lead',
    'trail ',
    'a"b',
    'a,b',
    'a;b',
    'l1\nl2',
    '\uFEFFbom',
    '',
    "'=",
    "''=x",
    "'-1",
    "'plain",
    "'",
  ),
);

describe('the one CSV cell writer (csv/cell.ts)', () => {
  it('quotes exactly as papaparse did for the data package export (same bytes)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), delimiters, (rows, delimiter) => {
        const ours = rows.map((row) => row.map((cell) => quoteCsvText(cell, delimiter)).join(delimiter)).join('\r\n');
        expect(ours).toBe(Papa.unparse(rows, { delimiter, newline: '\r\n', quotes: false }));
      }),
    );
  });

  it('never lets a spreadsheet run a cell, and reads back to the same text', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), delimiters, (cells, delimiter) => {
        const line = csvLine(cells, delimiter);
        // papaparse reads an empty text as no row at all: that line is the one empty cell.
        const parsed = line === '' ? [''] : (Papa.parse<string[]>(line, { delimiter }).data[0] ?? []);
        for (const cell of parsed) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        expect(parsed.map(unescapeFormulaCell)).toEqual(cells);
      }),
    );
  });

  it('writes numbers with the delimiter’s decimal mark, booleans as words, nothing for no value', () => {
    expect(csvLine([1.5, true, false, undefined, null, '=cmd'], ';')).toBe("1,5;true;false;;;'=cmd");
    expect(csvLine([1.5, -2, 'a,b'], ',')).toBe('1.5,-2,"a,b"');
    expect(csvCell('=HYPERLINK("x")', ',')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(escapeFormula('-12')).toBe("'-12");
    expect(csvCell(-12, ',')).toBe('-12');
    // Text that already looks escaped takes one more apostrophe, and reads back as itself.
    expect(csvLine(["'=", "''+1", "'plain"], ',')).toBe("''=,'''+1,'plain");
    expect(["''=", "'''+1", "'plain", "'=x"].map(unescapeFormulaCell)).toEqual(["'=", "''+1", "'plain", '=x']);
  });
});
