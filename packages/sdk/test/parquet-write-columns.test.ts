/**
 * `writeParquetColumns` streams the columnar form to a Parquet package row group by row group: what
 * it writes reads back to the records `writeParquetPackage` writes for the same document (the same
 * bytes, with the same row groups), and `toile export PKG --to parquet` on a Parquet package (the
 * columnar path) writes what it writes for the JSON twin.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_TABLE_NAMES, type ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit';
import { cliIn } from '@toile/testkit/node';
import { parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsFromDocument, documentFromColumns, recordAt, type ToileColumns } from '../src/index.ts';
import { readParquetColumns, readParquetPackage, writeParquetColumns, writeParquetPackage } from '../src/node.ts';

const ROOT = join(import.meta.dirname, '../../..');
const SAMPLE = JSON.parse(readFileSync(join(ROOT, 'examples/data/port-estuaire.toile.json'), 'utf8')) as ToileDocument;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'toile-write-columns-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every record of every table, as `recordAt` gives it. */
function allRecords(columns: ToileColumns): Record<string, unknown[]> {
  return Object.fromEntries(
    CSV_TABLE_NAMES.map((t) => {
      const table = columns.tables[t];
      return [t, Array.from({ length: table.rows }, (_, r) => recordAt(t, table, r))];
    }),
  );
}

async function readBack(path: string): Promise<ToileColumns> {
  const { data, errors } = await readParquetColumns(path);
  expect(errors).toBe(0);
  return data!;
}

const territories: [string, () => ToileDocument][] = [
  ['port-estuaire sample', () => SAMPLE],
  ...[3, 11].map((seed): [string, () => ToileDocument] => [
    `generated territory (seed ${seed})`,
    () =>
      generateTerritory({
        establishments: 300,
        flowsPerEstablishment: 4,
        resourcesPerEstablishment: 2,
        capabilitiesPerEstablishment: 2,
        seed,
      }) as ToileDocument,
  ]),
];

describe('writeParquetColumns', () => {
  for (const [name, make] of territories)
    it(`${name}: reads back to the records writeParquetPackage writes, byte for byte`, async () => {
      const doc = make();
      const fromDoc = join(dir, `${name}-doc`);
      const fromColumns = join(dir, `${name}-columns`);
      await writeParquetPackage(fromDoc, doc);
      const written = await writeParquetColumns(fromColumns, columnsFromDocument(doc));
      expect(written.map((p) => p.slice(fromColumns.length + 1)).sort()).toEqual(readdirSync(fromDoc).sort());
      expect(allRecords(await readBack(fromColumns))).toEqual(allRecords(await readBack(fromDoc)));
      const viaDocument = await readParquetPackage(fromColumns);
      expect(viaDocument.errors).toBe(0);
      expect(viaDocument.data).toEqual((await readParquetPackage(fromDoc)).data);
      for (const file of readdirSync(fromDoc)) expect(readFileSync(join(fromColumns, file)).equals(readFileSync(join(fromDoc, file))), file).toBe(true);
    });

  it('writes many row groups that read back to the same records', async () => {
    const doc = generateTerritory({
      establishments: 500,
      flowsPerEstablishment: 3,
      resourcesPerEstablishment: 1,
      capabilitiesPerEstablishment: 1,
      seed: 5,
    }) as ToileDocument;
    const columns = columnsFromDocument(doc);
    const out = join(dir, 'groups');
    await writeParquetColumns(out, columns, { rowGroupSize: 64 });
    for (const table of CSV_TABLE_NAMES) {
      const meta = parquetMetadata(new Uint8Array(readFileSync(join(out, `${table}.parquet`))).buffer);
      const rows = columns.tables[table].rows;
      expect(meta.row_groups.length, table).toBe(Math.ceil(rows / 64));
      expect(
        meta.row_groups.every((g) => g.num_rows <= 64n),
        table,
      ).toBe(true);
    }
    expect(allRecords(await readBack(out))).toEqual(allRecords(columns));
    await writeParquetPackage(join(dir, 'groups-doc'), doc);
    expect((await readParquetPackage(out)).data).toEqual((await readParquetPackage(join(dir, 'groups-doc'))).data);
  });

  it('writes empty tables as files without rows', async () => {
    const columns = columnsFromDocument({ ...SAMPLE, establishments: [], flows: [], resources: [] });
    const out = join(dir, 'empty');
    await writeParquetColumns(out, columns);
    const back = await readBack(out);
    for (const table of CSV_TABLE_NAMES) expect(back.tables[table].rows, table).toBe(0);
  });

  it('refuses a row group size that is no positive integer', async () => {
    await expect(writeParquetColumns(join(dir, 'bad'), columnsFromDocument(SAMPLE), { rowGroupSize: 0 })).rejects.toThrow(RangeError);
  });
});

describe('toile export PKG --to parquet (columnar path)', () => {
  let toile: ReturnType<typeof cliIn>;
  beforeAll(async () => {
    // The JSON twin holds exactly what the package holds (the template columns).
    writeFileSync(join(dir, 'twin.toile.json'), JSON.stringify(documentFromColumns(columnsFromDocument(SAMPLE))));
    await writeParquetPackage(join(dir, 'pkg'), SAMPLE);
    toile = cliIn(dir);
  });

  for (const audience of ['public', 'partners', 'internal'])
    for (const lang of ['fr', 'en'])
      it(`--audience ${audience} (${lang}) writes and says what it does for the JSON twin`, async () => {
        const fromParquet = await toile('export', 'pkg', '--to', 'parquet', '--audience', audience, '-o', `out-pkg-${audience}-${lang}`, '--lang', lang);
        const fromJson = await toile(
          'export',
          'twin.toile.json',
          '--to',
          'parquet',
          '--audience',
          audience,
          '-o',
          `out-json-${audience}-${lang}`,
          '--lang',
          lang,
        );
        expect(fromParquet.code).toBe(fromJson.code);
        expect(fromParquet.stdout).toBe(fromJson.stdout);
        expect(fromParquet.stderr).toBe(fromJson.stderr.replaceAll('out-json-', 'out-pkg-'));
        expect(fromParquet.stderr.length).toBeGreaterThan(10);
        const a = join(dir, `out-pkg-${audience}-${lang}`);
        const b = join(dir, `out-json-${audience}-${lang}`);
        expect(allRecords(await readBack(a))).toEqual(allRecords(await readBack(b)));
        for (const file of readdirSync(b)) expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), file).toBe(true);
      });

  it('asks for a folder, in both languages', async () => {
    const fr = await toile('export', 'pkg', '--to', 'parquet', '--lang', 'fr');
    const en = await toile('export', 'pkg', '--to', 'parquet', '--lang', 'en');
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain('--out DOSSIER');
    expect(en.stderr).toContain('--out DIR');
  });
});
