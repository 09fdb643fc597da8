/**
 * SQL over the Parquet packages of one or many territories, with DuckDB embedded (Node only;
 * `@duckdb/node-api`, an optional dependency, is loaded only here and only when asked). Each
 * table is a view over every territory's file, with a `territory` column first; `territories`
 * lists them (`id`, `name`) and `units` gives each unit's dimension and factor to its base unit.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PARQUET_METADATA_FILE, UNITS } from '@toile/schema';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { PARQUET_TABLES, parquetFileOf } from '../parquet/columns.ts';
import { namedQuerySql, type NamedQuery, type NamedQueryOptions } from './queries.ts';

/** The rows of a query, values as JSON (big integers as numbers when they fit, else as text). */
export interface SqlResult {
  columns: string[];
  /** Column types as DuckDB names them (`VARCHAR`, `DOUBLE`, `BIGINT`…). */
  types: string[];
  rows: Record<string, unknown>[];
}

/** A problem with the packages given to {@link openToileSql}, in both languages. */
export class ToileSqlError extends Error {
  constructor(
    readonly fr: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** One territory's Parquet package. */
export interface SqlTerritory {
  /** The package's folder. */
  dir: string;
  /** `territory.id` of its `toile-parquet.json` (the folder's name without one). */
  id: string;
  name?: string;
}

/** An open DuckDB database with the views of the territories. Close it when done. */
export interface ToileSql {
  territories: readonly SqlTerritory[];
  query(sql: string): Promise<SqlResult>;
  named(name: NamedQuery, options?: NamedQueryOptions): Promise<SqlResult>;
  close(): void;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The territory id and name of a package folder, from its metadata file. */
export async function sqlTerritory(dir: string): Promise<SqlTerritory> {
  try {
    const metadata = JSON.parse(await readFile(join(dir, PARQUET_METADATA_FILE), 'utf8')) as { territory?: { id?: unknown; name?: unknown } };
    const id = metadata.territory?.id;
    const name = metadata.territory?.name;
    if (typeof id === 'string' && id !== '') return { dir, id, ...(typeof name === 'string' ? { name } : {}) };
  } catch {
    // No metadata: the folder's name stands for the territory.
  }
  return { dir, id: basename(dir) };
}

/** Rows as JSON: DuckDB's BIGINT and HUGEINT come as text; whole numbers that fit are numbers. */
function jsonRows(rows: Record<string, unknown>[], types: string[], columns: string[]): Record<string, unknown>[] {
  const integral = columns.filter((_, i) => /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT)$/.test(types[i] ?? ''));
  if (integral.length === 0) return rows;
  for (const row of rows) {
    for (const c of integral) {
      const v = row[c];
      if (typeof v === 'string' && Number.isSafeInteger(Number(v))) row[c] = Number(v);
    }
  }
  return rows;
}

async function run(connection: DuckDBConnection, sql: string): Promise<SqlResult> {
  const reader = await connection.runAndReadAll(sql);
  const columns = reader.columnNames();
  const types = reader.columnTypes().map(String);
  return { columns, types, rows: jsonRows(reader.getRowObjectsJson() as Record<string, unknown>[], types, columns) };
}

/** The statements that create the views over the packages, and the `units` and `territories` tables. */
export function viewStatements(territories: readonly SqlTerritory[]): string[] {
  const statements = PARQUET_TABLES.map((table) => {
    // hive_partitioning off: a folder named `territory=<id>` must not add a second `territory` column.
    const parts = territories.map(
      (t) => `SELECT ${quote(t.id)} AS territory, * FROM read_parquet(${quote(join(t.dir, parquetFileOf(table)))}, hive_partitioning = false)`,
    );
    return `CREATE VIEW ${table} AS ${parts.join(' UNION ALL BY NAME ')}`;
  });
  const units = UNITS.map((u) => `(${quote(u.id)}, ${quote(u.dimension)}, ${u.factor})`).join(', ');
  statements.push(`CREATE TABLE units (unit VARCHAR, dimension VARCHAR, factor DOUBLE)`, `INSERT INTO units VALUES ${units}`);
  const names = territories.map((t) => `(${quote(t.id)}, ${t.name === undefined ? 'NULL' : quote(t.name)})`).join(', ');
  statements.push(`CREATE TABLE territories (id VARCHAR, name VARCHAR)`, `INSERT INTO territories VALUES ${names}`);
  return statements;
}

/**
 * Opens an in-memory DuckDB database over the Parquet packages in `dirs` (folders written by
 * `toile export --to parquet`). Rejects when `@duckdb/node-api` is not installed.
 *
 * @example
 * ```ts
 * const sql = await openToileSql(['exports/caux', 'exports/vire']);
 * const { rows } = await sql.named('anchoring');
 * sql.close();
 * ```
 */
export async function openToileSql(dirs: readonly string[]): Promise<ToileSql> {
  const territories = await Promise.all(dirs.map(sqlTerritory));
  // Two packages of one territory would be joined with each other: every figure counted twice or more.
  const seen = new Map<string, string>();
  for (const t of territories) {
    const first = seen.get(t.id);
    if (first !== undefined)
      throw new ToileSqlError(`deux paquets pour le territoire ${t.id} : ${first} et ${t.dir}`, `two packages for territory ${t.id}: ${first} and ${t.dir}`);
    seen.set(t.id, t.dir);
  }
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  const instance: DuckDBInstance = await Instance.create(':memory:');
  const connection = await instance.connect();
  for (const statement of viewStatements(territories)) await connection.run(statement);
  return {
    territories,
    query: (sql) => run(connection, sql),
    named: (name, options) => run(connection, namedQuerySql(name, options)),
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
