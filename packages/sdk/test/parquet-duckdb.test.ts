import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { CSV_TABLE_NAMES, PARQUET_METADATA_FILE, type ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit';
import { recordAt, type TableColumns } from '../src/columnar/columns.ts';
import { buildIndexFromColumns, INDEX_COLUMNS } from '../src/columnar/build-index.ts';
import { readParquetColumns, writeParquetPackage } from '../src/node.ts';
import { importParquetColumnsWithDuckDB, readParquetTablesWithDuckDB, type ParquetTablePaths } from '../src/parquet/columns-duckdb.ts';
import { importParquetColumns, type ParquetColumnsResult } from '../src/parquet/columns-read.ts';
import { parquetFileOf } from '../src/parquet/columns.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'toile-parquet-duckdb-'));
const pathsOf = (dir: string): ParquetTablePaths => Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, join(dir, parquetFileOf(t))]));

/** Both decoders on the package in `dir`: hyparquet on its bytes, DuckDB on its files. */
async function bothWays(dir: string): Promise<{ slow: ParquetColumnsResult; fast: ParquetColumnsResult | undefined }> {
  const files = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(join(dir, parquetFileOf(t))))]));
  const metadata = readFileSync(join(dir, PARQUET_METADATA_FILE), 'utf8');
  const slow = await importParquetColumns({ ...files, metadata });
  const fast = await importParquetColumnsWithDuckDB(pathsOf(dir), metadata);
  return { slow, fast };
}

/** Every record of a table, as the document form reads it (dictionary order does not show). */
const records = (table: (typeof CSV_TABLE_NAMES)[number], columns: TableColumns) => Array.from({ length: columns.rows }, (_, r) => recordAt(table, columns, r));

/** A generated territory with absent values, odd strings, empty lists and a dangling reference. */
function territory(seed: number, establishments = 300): ToileDocument {
  const doc = generateTerritory({ establishments, flowsPerEstablishment: 4, resourcesPerEstablishment: 2, capabilitiesPerEstablishment: true, seed });
  doc.establishments.forEach((e, i) => {
    if (i % 5 === 0) delete e.location;
    if (i % 7 === 1) e.name = 'l’usine « 🏭 » | "quoted", ; \n line';
    if (i % 11 === 2) e.sectors = [];
    if (i % 13 === 3) e.sectors = ['a', 'b|c'];
  });
  doc.flows.forEach((f, k) => {
    if (k % 6 === 0) f.validated = k % 12 === 0;
    if (k % 9 === 4) f.confidentiality = 'partners';
  });
  doc.flows[3]!.to = 'nobody'; // a reference to no establishment: kept, reported by validation
  return doc;
}

describe('Parquet package: DuckDB decoder', () => {
  it('decodes every table, column and row as hyparquet does, with the same problems', async () => {
    // 1,500 establishments: references beyond the literal lists, found by a join.
    for (const [seed, size] of [
      [1, 1500],
      [2, 300],
      [3, 40],
    ] as const) {
      const dir = tmp();
      await writeParquetPackage(dir, territory(seed, size));
      const { slow, fast } = await bothWays(dir);
      expect(fast, 'DuckDB is installed in this workspace').toBeDefined();
      for (const table of CSV_TABLE_NAMES) {
        expect(fast!.data.tables[table].rows).toBe(slow.data.tables[table].rows);
        expect(Object.keys(fast!.data.tables[table].columns).sort()).toEqual(Object.keys(slow.data.tables[table].columns).sort());
        for (const [name, column] of Object.entries(slow.data.tables[table].columns))
          expect(fast!.data.tables[table].columns[name]?.type, name).toBe(column!.type);
        expect(records(table, fast!.data.tables[table])).toEqual(records(table, slow.data.tables[table]));
      }
      expect(fast!.problems).toEqual(slow.problems);
      expect({ ...fast!, data: undefined, problems: undefined }).toEqual({ ...slow, data: undefined, problems: undefined });
    }
  });

  it('reports refused numbers (NaN, infinite, a fraction in an integer column) as hyparquet does', async () => {
    const dir = tmp();
    const doc = territory(4);
    await writeParquetPackage(dir, doc);
    const rows = doc.establishments.length;
    const ids = doc.establishments.map((e) => e.id);
    // Same schema as the template for these columns: id, name, employees (INT32 expected, DOUBLE here: accepted), lat.
    const employees = Float64Array.from({ length: rows }, (_, i) => (i === 5 ? 2.5 : i === 8 ? Number.NaN : 3));
    const lat = Float64Array.from({ length: rows }, (_, i) => (i === 2 ? Number.POSITIVE_INFINITY : 45));
    writeFileSync(
      join(dir, 'establishments.parquet'),
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: 'id', data: ids, type: 'STRING' },
            { name: 'name', data: ids, type: 'STRING' },
            { name: 'employees', data: employees, type: 'DOUBLE' },
            { name: 'lat', data: lat, type: 'DOUBLE' },
          ],
        }),
      ),
    );
    const { slow, fast } = await bothWays(dir);
    expect(fast).toBeDefined();
    expect(slow.problems.filter((p) => p.location?.file === 'establishments.parquet').length).toBeGreaterThan(0);
    expect(fast!.problems).toEqual(slow.problems);
    expect(records('establishments', fast!.data.tables.establishments)).toEqual(records('establishments', slow.data.tables.establishments));
  });

  it('leaves a package whose schema is not the template’s to hyparquet: same problems either way', async () => {
    const dir = tmp();
    const doc = territory(5);
    await writeParquetPackage(dir, doc);
    const ids = doc.establishments.map((e) => e.id);
    // `employees` as text: a wrong-typed column (ignored, with a problem).
    writeFileSync(
      join(dir, 'establishments.parquet'),
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: 'id', data: ids, type: 'STRING' },
            { name: 'name', data: ids, type: 'STRING' },
            { name: 'employees', data: ids, type: 'STRING' },
          ],
        }),
      ),
    );
    expect(await readParquetTablesWithDuckDB(pathsOf(dir))).toBeUndefined();
    const files = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(join(dir, parquetFileOf(t))))]));
    const slow = await importParquetColumns({ ...files, metadata: readFileSync(join(dir, PARQUET_METADATA_FILE), 'utf8') });
    const read = await readParquetColumns(dir);
    expect(slow.problems.some((p) => p.code === 'parquet-column-type')).toBe(true);
    expect(read.problems).toEqual(slow.problems);
  });

  it('readParquetColumns gives what importParquetColumns gives', async () => {
    const dir = tmp();
    await writeParquetPackage(dir, territory(6));
    const read = await readParquetColumns(dir);
    const { slow } = await bothWays(dir);
    expect(read.problems).toEqual(slow.problems);
    for (const table of CSV_TABLE_NAMES) expect(records(table, read.data.tables[table])).toEqual(records(table, slow.data.tables[table]));
  });

  it('codes references with the establishments’ own ids when they are distinct, else with a dictionary of their own', async () => {
    const dir = tmp();
    const doc = territory(7, 1500);
    await writeParquetPackage(dir, doc);
    const { slow, fast } = await bothWays(dir);
    const ids = doc.establishments.map((e) => e.id);
    const from = fast!.data.tables.flows.columns['from'];
    expect(from?.type).toBe('code');
    // The dictionary starts with the ids (the index builder then needs no lookup), then what no establishment has.
    if (from?.type === 'code') expect(from.dictionary.slice(0, ids.length)).toEqual(ids);
    const to = fast!.data.tables.flows.columns['to'];
    if (to?.type === 'code') expect(to.dictionary.slice(ids.length)).toEqual(['nobody']);
    expect(buildIndexFromColumns(fast!.data)).toEqual(buildIndexFromColumns(slow.data));

    // Two establishments with one id: no shared ids, same records and problems as hyparquet.
    const twice = territory(8, 300);
    twice.establishments[9]!.id = twice.establishments[4]!.id;
    const dir2 = tmp();
    await writeParquetPackage(dir2, twice);
    const both = await bothWays(dir2);
    const to2 = both.fast!.data.tables.flows.columns['to'];
    if (to2?.type === 'code') expect(to2.dictionary.length).toBeLessThan(twice.establishments.length);
    for (const table of CSV_TABLE_NAMES) expect(records(table, both.fast!.data.tables[table])).toEqual(records(table, both.slow.data.tables[table]));
    expect(both.fast!.problems).toEqual(both.slow.problems);
    expect(both.fast!.problems.some((p) => p.code === 'duplicate-id')).toBe(true);
  });

  it('reads only the columns asked for, the same way with both decoders, and the same index', async () => {
    const dir = tmp();
    await writeParquetPackage(dir, territory(9, 1500));
    const files = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(join(dir, parquetFileOf(t))))]));
    const metadata = readFileSync(join(dir, PARQUET_METADATA_FILE), 'utf8');
    const whole = await importParquetColumns({ ...files, metadata }, { validate: false });
    const slow = await importParquetColumns({ ...files, metadata }, { columns: INDEX_COLUMNS });
    const fast = await readParquetColumns(dir, { columns: INDEX_COLUMNS });
    for (const read of [slow, fast]) {
      expect(Object.keys(read.data.tables.flows.columns).sort()).toEqual([...INDEX_COLUMNS.flows!].sort());
      expect(Object.keys(read.data.tables.establishments.columns).sort()).toEqual([...INDEX_COLUMNS.establishments!].sort());
      expect(read.data.tables.resources.columns).toEqual({});
      expect(read.data.tables.flows.rows).toBe(whole.data.tables.flows.rows);
      expect(buildIndexFromColumns(read.data)).toEqual(buildIndexFromColumns(whole.data));
    }
    // A selection is not validated, and names only template columns.
    await expect(readParquetColumns(dir, { columns: INDEX_COLUMNS, validate: true })).rejects.toThrow(/cannot be validated/);
    await expect(importParquetColumns({ ...files, metadata }, { columns: { flows: ['from', 'nope'] } })).rejects.toThrow(/no column "nope"/);
  });
});
