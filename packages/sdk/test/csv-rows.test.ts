/**
 * The CSV import cuts a text with plain quotes into rows itself (`csv/rows.ts`) and gives anything
 * else to papaparse: on every text it accepts, its rows must be papaparse's, cell for cell.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { generateTerritory } from '@toile/testkit';
import { eachCsvRow, plainQuotes } from '../src/csv/rows.ts';
import { exportCsvPackage, importCsvColumns, importCsvPackage } from '../src/csv.ts';

const NEWLINES = ['\n', '\r\n', '\r'] as const;
const DELIMITERS = [',', ';', '\t'] as const;

/** papaparse's rows, read as the import reads (step by step, no header, empty lines kept). */
function papaRows(text: string, delimiter: string, newline: string): string[][] {
  const rows: string[][] = [];
  Papa.parse<string[]>(text, { delimiter, newline: newline as '\n', header: false, skipEmptyLines: false, step: (r) => rows.push([...r.data]) });
  return rows;
}

function ownRows(text: string, delimiter: string, newline: string): string[][] {
  const rows: string[][] = [];
  eachCsvRow(text, delimiter, newline, (r) => rows.push([...r.data]));
  return rows;
}

/** Any text over the characters that matter to a CSV reader. */
const anyText = fc.string({ unit: fc.constantFrom(...'ab ,;\t"\r\né\uFEFF'.split('')), maxLength: 40 });

/** Texts of well-formed cells, some quoted (with delimiters, line breaks and doubled quotes inside). */
const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'ab1 é.'.split('')), maxLength: 6 }),
  fc.string({ unit: fc.constantFrom(...'ab,;\t\r\n" '.split('')), maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`),
);
const table = (delimiter: string, newline: string) =>
  fc
    .array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 })
    .chain((rows) => fc.boolean().map((trailing) => rows.map((r) => r.join(delimiter)).join(newline) + (trailing ? newline : '')));

describe('CSV rows cut without papaparse', () => {
  it('equal papaparse on well-formed tables, every delimiter and line ending', () => {
    for (const delimiter of DELIMITERS)
      for (const newline of NEWLINES)
        fc.assert(
          fc.property(table(delimiter, newline), (text) => {
            expect(plainQuotes(text, delimiter, newline)).toBe(true);
            expect(ownRows(text, delimiter, newline)).toEqual(papaRows(text, delimiter, newline));
          }),
          { numRuns: 300 },
        );
  });

  it('equal papaparse on any text they accept, and refuse some', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(anyText, fc.constantFrom(...DELIMITERS), fc.constantFrom(...NEWLINES), (text, delimiter, newline) => {
        if (!plainQuotes(text, delimiter, newline)) {
          refused++;
          return;
        }
        accepted++;
        expect(ownRows(text, delimiter, newline)).toEqual(papaRows(text, delimiter, newline));
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('refuse the quotes papaparse reads otherwise or reports', () => {
    for (const text of ['a,"b', 'a,b"c', '"a" ,b', '"a"b', 'x\n"a""', 'a\n b,"c"x']) expect(plainQuotes(text, ',', '\n'), text).toBe(false);
    for (const text of ['', 'a', '"a"', '"a",""', '"a\nb"\n"c""d"\n', 'a;"b"', '""""']) expect(plainQuotes(text, ',', '\n'), text).toBe(text !== 'a;"b"');
  });

  it('leave a text that starts with a byte-order mark to papaparse (a second mark: papaparse takes it off)', () => {
    expect(plainQuotes('\uFEFFa,b', ',', '\n')).toBe(false);
    const establishments = 'id,name\ne1,Un\n';
    // Three UTF-8 marks: the decoder takes one, the import one, papaparse the last.
    const marks = Uint8Array.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]);
    for (const flows of ['\uFEFF\uFEFF', marks]) {
      expect(importCsvPackage({ establishments, flows }).problems).toEqual(importCsvPackage({ establishments, flows: '' }).problems);
      expect(importCsvColumns({ establishments, flows }).problems).toEqual(importCsvColumns({ establishments, flows: '' }).problems);
    }
  });

  it('give the same import as papaparse on a generated territory with quoted cells', () => {
    const doc = generateTerritory({ establishments: 300, flowsPerEstablishment: 4, seed: 5 });
    // Names with the delimiter, quotes and line breaks: quoted cells in the export.
    doc.establishments.forEach((e, i) => {
      if (i % 3 === 0) e.name = `Ets ${i}, "atelier"\nnord`;
    });
    const files = exportCsvPackage(doc);
    expect(files.get('establishments.csv')).toContain('""atelier""');
    const bytes = Object.fromEntries([...files].map(([name, text]) => [name.replace('.csv', ''), new TextEncoder().encode(text)]));
    const columns = importCsvColumns(bytes);
    const records = importCsvPackage(bytes);
    expect(columns.errors).toBe(0);
    expect(records.data?.establishments.map((e) => e.name)).toEqual(doc.establishments.map((e) => e.name));
  });
});
