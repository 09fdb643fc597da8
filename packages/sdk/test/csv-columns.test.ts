/**
 * importCsvColumns against importCsvPackage: on the same files (clean, broken in their cells, broken
 * in their records, with capabilities, in French office encodings), the same problems with the same
 * file, row and column, the same counts and the same valid part.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_TABLE_NAMES } from '@toile/schema';
import { exportCsvPackage, importCsvColumns, importCsvPackage, type CsvPackageFiles } from '../src/csv.ts';
import { columnsFromDocument, recordAt } from '../src/index.ts';
import { readCsvColumns, readCsvPackage, writeCsvPackage } from '../src/node.ts';
import { breakable } from './support/broken.ts';
import { filesOf } from './support/csv.ts';

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
function brokenPackage(seed: number, delimiter: ',' | ';'): CsvPackageFiles {
  const { doc, establishments: e, flows: f, resources: r, pick } = breakable(seed);
  pick(e).siret = '12345678901234';
  pick(e).naf = '99.99Z';
  pick(e).confidentiality = 'Partenaires';
  pick(e).status = 'closed';
  pick(e).website = 'javascript:alert(1)';
  e.push({ ...e[3]!, capabilities: undefined, name: 'Doublon' });
  e[7]!.employees = -4;
  pick(f).kind = 'gift';
  pick(f).to = 'nobody';
  const loop = pick(f);
  loop.to = loop.from;
  pick(f).item = { code: 'ewc:999999' };
  pick(f).dependency = { upstream: 1.5 };
  f.push({ ...f[2]! });
  pick(f).quantity = { value: 3, unit: 'furlongs' };
  pick(r).establishment = 'ghost';
  return filesOf(exportCsvPackage(doc, { delimiter }));
}

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
    const capabilities = [
      'establishment;id;label;process;products;capacity_value;capacity_unit;spare_share;spare_from;spare_to;certifications;confidentiality',
      'a;c1;Tournage;din8580:3.2;cpa:25.62|acier|hs:7308;beaucoup;h/yr;0,2;2026-01-01;2025-12-31;ISO 9001;partenaires',
      'ghost;c2;Soudage;din8580:4.6;;;;;;;;',
      'b;c3;Usinage;usinage;;;;;;;;',
      'b;c4;Peinture;din8580:5.1;;100;furlong;1,5;2026-02-30;;;privé',
      'c;c1;Doublon;assembly;;;;;;;;',
    ].join('\r\n');
    sameImport({ establishments: 'id;name\r\na;Alpha\r\nb;Beta\r\nc;Gamma\r\n', flows: 'id;from;to;kind\r\n', capabilities });
    const cp1252 = (s: string) => Uint8Array.from([...s].map((ch) => ch.charCodeAt(0)));
    sameImport({
      establishments: cp1252('id;name;lat;lon;address\r\na;Aciérie;49,5;0,25;"12 rue\r\nBâtiment B"\r\nb;Cimenterie;;;\r\n'),
      flows: cp1252('id;from;to;kind;quantity;unit;value_eur\r\nf1;a;b;byproduct;1 234 567,5;t/yr;\u00a0987\u00a0654,32\r\n'),
    });
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
    // A table above the limit is refused before it is read, as by readCsvPackage.
    const small = await readCsvColumns(dir, { maxFileBytes: 1000 });
    const refused = await readCsvPackage(dir, { maxFileBytes: 1000 });
    expect(small.problems.filter((p) => p.code === 'file-too-large')).toEqual(refused.problems.filter((p) => p.code === 'file-too-large'));
    expect(small.problems.some((p) => p.code === 'file-too-large')).toBe(true);
  });
});
