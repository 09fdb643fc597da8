/**
 * importCsvColumns against importCsvPackage: on the same files (clean, broken in their cells, broken
 * in their records, with capabilities, in French office encodings), the same problems with the same
 * file, row and column, the same counts and the same valid part.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CSV_TABLE_NAMES } from '@toile/schema';
import { exportCsvPackage, importCsvColumns, importCsvPackage, type CsvPackageFiles } from '../src/csv.ts';
import { columnsFromDocument, recordAt } from '../src/index.ts';
import { readCsvColumns, readCsvPackage, writeCsvPackage } from '../src/node.ts';
import { csvTableSizes } from '../src/csv/read.ts';
import { breakable, brokenTerritory } from './support/broken.ts';
import { BROKEN_CAPABILITIES, filesOf } from './support/csv.ts';

function sameImport(files: CsvPackageFiles): void {
  const expected = importCsvPackage(files, { maxProblems: 10_000 });
  const got = importCsvColumns(files, { maxProblems: 10_000 });
  // Whole problems, messages and places included; the columns are checked table after table, the
  // document schema-first, so the order may differ between tables.
  const sorted = (list: unknown[]) => list.map((p) => JSON.stringify(p)).sort();
  expect(sorted(got.problems)).toEqual(sorted(expected.problems));
  expect({ errors: got.errors, warnings: got.warnings, valid: got.valid, removed: got.removed, files: got.files }).toEqual({
    errors: expected.errors,
    warnings: expected.warnings,
    valid: expected.valid,
    removed: expected.removed,
    files: expected.files,
  });
  const data = columnsFromDocument(expected.data!);
  for (const table of CSV_TABLE_NAMES) {
    expect(got.data.tables[table].rows, table).toBe(data.tables[table].rows);
    for (let r = 0; r < data.tables[table].rows; r++) expect(recordAt(table, got.data.tables[table], r)).toEqual(recordAt(table, data.tables[table], r));
  }
  expect(got.data.territory).toEqual(expected.data!.territory);
  expect(got.data.meta).toEqual(expected.data!.meta);
}

/** A generated territory broken in its records, as CSV (comma or Excel-fr). */
const brokenPackage = (seed: number, delimiter: ',' | ';'): CsvPackageFiles => filesOf(exportCsvPackage(brokenTerritory(seed), { delimiter }));

describe('importCsvColumns', () => {
  it('reads a clean generated package as importCsvPackage does', () => {
    const { doc } = breakable(21);
    sameImport(filesOf(exportCsvPackage(doc)));
  });

  for (const delimiter of [',', ';'] as const) {
    it(`finds what importCsvPackage finds in a broken package (${delimiter}), at the same file, row and column`, () => {
      for (const seed of [1, 2, 3]) sameImport(brokenPackage(seed, delimiter));
    });
  }

  it('reads broken cells, levels, capabilities, blank lines and office encodings as importCsvPackage does', () => {
    const est =
      'id,name,employees,website,confidentiality\na,Alpha,10,https://a.example,partenaires\n\nb,Beta,beaucoup,javascript:alert(1),secret\nc,Gamma,,,\nc,Gamma bis,,,\n';
    const flows = 'id,from,to,kind,quantity,unit\nf1,a,b,supply,-5,t/yr\nf2,a,ghost,supply,,\nf1,b,c,teleport,,\nf3,c,a,service,3,h/yr\n';
    sameImport({ establishments: est, flows });
    sameImport({ establishments: 'id,name,colour\na,Alpha,red\nb,Beta\n', flows: 'id,from,to,kind\nf1,a,b,"supply\n' });
    sameImport({ establishments: est, flows: 'id,from,kind\nf1,a,supply\n' });
    sameImport({ establishments: 'id,name\na,<script>alert(1)</script>\n' });
    sameImport(BROKEN_CAPABILITIES);
    const cp1252 = (s: string) => Uint8Array.from([...s].map((ch) => ch.charCodeAt(0)));
    sameImport({
      establishments: cp1252('id;name;lat;lon;address\r\na;Aciérie;49,5;0,25;"12 rue\r\nBâtiment B"\r\nb;Cimenterie;;;\r\n'),
      flows: cp1252('id;from;to;kind;quantity;unit;value_eur\r\nf1;a;b;byproduct;1 234 567,5;t/yr;\u00a0987\u00a0654,32\r\n'),
    });
  });

  it('reads cells in place (codes, numbers, text) as importCsvPackage reads their strings, whatever they hold', () => {
    // Cells the in-place reading must leave to the general one: spaces (also no-break), formula
    // escapes, decimal commas, exponents, signs, long digit runs, accents, quotes and delimiters.
    const unit = fc.constantFrom(...'0123456789.,-+eE \u00a0\u202f\'="é;aé'.split(''), 'supply', 't/yr', 'public', 'e1', 'e2');
    const cell = fc.string({ unit, maxLength: 20 });
    const quote = (v: string, d: string) => (/["\r\n]/.test(v) || v.includes(d) ? `"${v.replaceAll('"', '""')}"` : v);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 8 }), fc.constantFrom(',', ';'), (rows, d) => {
        const establishments = [`id${d}name${d}employees${d}lat${d}naf`, `e1${d}Un${d}3${d}49.5${d}10.11Z`, `e2${d}Deux${d}${d}${d}`].join('\n');
        const flows = [
          ['id', 'from', 'to', 'kind', 'quantity', 'unit', 'value_eur', 'upstream', 'label', 'confidentiality', 'since'].join(d),
          ...rows.map((r, i) => [`f${i}`, 'e1', 'e2', ...r.slice(0, 7), '2020'].map((v) => quote(v, d)).join(d)),
        ].join('\n');
        sameImport({ establishments, flows });
      }),
      { numRuns: 150 },
    );
  });

  it('readCsvColumns streams a folder from disk as readCsvPackage reads it, and refuses what it refuses', async () => {
    const { doc, establishments, flows } = breakable(31);
    establishments[2]!.naf = '99.99Z';
    flows[4]!.to = 'nobody';
    const dir = mkdtempSync(join(tmpdir(), 'toile-csv-columns-'));
    await writeCsvPackage(dir, doc, { delimiter: ';' });
    const expected = await readCsvPackage(dir);
    const got = await readCsvColumns(join(dir, 'datapackage.json'));
    const sorted = (list: unknown[]) => list.map((p) => JSON.stringify(p)).sort();
    expect(sorted(got.problems)).toEqual(sorted(expected.problems));
    expect(got.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['unknown-naf', 'unknown-establishment']));
    expect(got.files).toEqual(expected.files);
    const data = columnsFromDocument(expected.data!);
    for (const table of CSV_TABLE_NAMES)
      for (let r = 0; r < data.tables[table].rows; r++) expect(recordAt(table, got.data.tables[table], r)).toEqual(recordAt(table, data.tables[table], r));
    // Sizes are those of the files the readers read (datapackage.json's paths).
    expect(await csvTableSizes(dir)).toEqual(Object.fromEntries(Object.entries(expected.files).map(([t]) => [t, statSync(join(dir, `${t}.csv`)).size])));
    // A table above the limit is refused before it is read, as by readCsvPackage.
    const small = await readCsvColumns(dir, { maxFileBytes: 1000 });
    const refused = await readCsvPackage(dir, { maxFileBytes: 1000 });
    expect(small.problems.filter((p) => p.code === 'file-too-large')).toEqual(refused.problems.filter((p) => p.code === 'file-too-large'));
    expect(small.problems.some((p) => p.code === 'file-too-large')).toBe(true);
  });
});
