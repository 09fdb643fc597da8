/**
 * Parquet package → columnar form with DuckDB (Node only): the fast decoder behind
 * `readParquetColumns`. hyparquet (pure JavaScript, what `importParquetColumns` uses in browsers)
 * costs some 600 ns a value, a minute for a million establishments and five million flows; DuckDB
 * decodes in native code, several threads, and hands over one vector of 2,048 rows at a time.
 *
 * Codes and references never cross as one string per row: DuckDB lists each code column's distinct
 * values once (the dictionary) and joins them back, so JavaScript receives small integers. Rows are
 * placed by `file_row_number`, so the joins may reorder them freely.
 *
 * Only tables whose schema is the template's (names and Parquet types, nothing unknown) are read
 * here: for any other package the caller falls back to hyparquet, whose problems (wrong types,
 * missing columns, unreadable files) then stay word for word the same. Cell problems the plain
 * schema still allows (a NaN or infinite number, a fraction in an integer column) are reported here
 * as hyparquet reports them: same code, row, column, order.
 */
import { open } from 'node:fs/promises';
import { CSV_TABLE_NAMES, type CsvTableName, type ParquetColumn } from '@toile/schema';
import type * as DuckDB from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import { parquetMetadataAsync, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaTree } from 'hyparquet';
import { columnTypeOf, type Column, type ColumnSelection, type ColumnType, type TableColumns } from '../columnar/columns.ts';
import { CsvProblems } from '../csv/import.ts';
import type { SemanticCode } from '../validate/messages.ts';
import { finishColumns, selectedColumns, validatesRecords, type ParquetColumnsOptions, type ParquetColumnsResult } from './columns-read.ts';
import { parquetFileOf, PARQUET_TABLES } from './columns.ts';
import { readMetadata, usableColumns, type ParquetPackageFiles } from './import.ts';

/** The table files of a package on disk, by table (paths already checked by the caller). */
export type ParquetTablePaths = Partial<Record<CsvTableName, string>>;

/** The tables decoded by {@link readParquetTablesWithDuckDB}, and the problems met in their cells. */
export interface DuckDBTablesResult {
  tables: Partial<Record<CsvTableName, TableColumns>>;
  problems: CsvProblems;
}

const EMPTY: TableColumns = { rows: 0, columns: {} };
const quoteText = (text: string) => `'${text.replace(/'/g, "''")}'`;
const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `@duckdb/node-api`, or undefined when it is not installed (an optional dependency). */
async function loadDuckDB(): Promise<typeof DuckDB | undefined> {
  try {
    return await import('@duckdb/node-api');
  } catch {
    return undefined;
  }
}

/** The footer of a Parquet file (read from disk: the file itself stays with DuckDB). */
async function fileMetadata(path: string): Promise<FileMetaData | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const file: AsyncBuffer = {
      byteLength: size,
      slice: async (start, end = size) => {
        const bytes = new Uint8Array(Math.max(0, end - start));
        await handle.read(bytes, 0, bytes.length, start);
        return bytes.buffer;
      },
    };
    return await parquetMetadataAsync(file);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

const isText = (node: SchemaTree | undefined) =>
  node !== undefined &&
  node.children.length === 0 &&
  node.element.type === 'BYTE_ARRAY' &&
  (node.element.converted_type === 'UTF8' || node.element.logical_type?.type === 'STRING');

/** Whether a file column holds the template's type as DuckDB and hyparquet read alike. */
function isPlain(column: ParquetColumn, node: SchemaTree): boolean {
  switch (column.type) {
    case 'STRING':
      return isText(node);
    case 'LIST<STRING>':
      // A list whose elements are text; a `|`-separated text column is left to hyparquet.
      return node.children.length === 1 && isText(node.children[0]?.children[0]);
    default:
      // Numbers and booleans were checked by `usableColumns`: any kind it accepts reads alike.
      return node.children.length === 0;
  }
}

/** The template columns of a table file, or undefined when its schema is not exactly the template's. */
function plainColumns(table: CsvTableName, metadata: FileMetaData): ParquetColumn[] | undefined {
  const check = new CsvProblems(1);
  const columns = usableColumns(table, metadata, check);
  if (!columns || check.count.errors + check.count.warnings > 0) return undefined;
  const nodes = new Map(parquetSchema(metadata).children.map((c) => [c.element.name, c]));
  return columns.every((c) => isPlain(c, nodes.get(c.csv.name)!)) ? columns : undefined;
}

/** A cell problem kept until its column's turn (hyparquet reports column after column). */
interface PendingProblem {
  row: number;
  code: SemanticCode;
  value: string;
}

/**
 * The values of a vector that has no null as a typed array: `@duckdb/node-api` keeps them in a field
 * `items`, read here without one call per value (a tenth of the cost); a version without that field
 * gives the same values through `getItem`.
 */
function itemsOf(vector: DuckDBVector, count: number): ArrayLike<number> {
  const items = (vector as unknown as { items?: unknown }).items;
  const typed = items instanceof Float64Array || items instanceof Uint32Array || items instanceof Uint8Array ? items : undefined;
  if (typed && typed.length >= count) return typed;
  return Array.from({ length: count }, (_, i) => Number(vector.getItem(i)));
}

/** Fills one column from DuckDB's vectors, rows placed by their number in the file. */
class VectorFiller {
  readonly type: ColumnType;
  readonly #values: Float64Array | Uint8Array | Uint32Array | (string | undefined)[] | (readonly string[] | undefined)[];
  readonly #pending: PendingProblem[] = [];
  #dropped = 0;
  dictionary: string[] = [];
  /**
   * For a reference to the establishments (`flows.from`…) when their ids are distinct: the ids, in
   * file order. Codes are then row + 1 (found by DuckDB with a join), the dictionary starts with
   * these same strings and only ids no establishment has are added after them — no string crosses
   * for a known reference, and the index builder needs no lookup (see `nodesOfDictionary`).
   */
  shared: readonly (string | undefined)[] | undefined;
  readonly #extras = new Map<string, number>();

  constructor(
    readonly column: ParquetColumn,
    rows: number,
    readonly maxProblems: number,
  ) {
    this.type = columnTypeOf(column.csv);
    this.#values =
      this.type === 'number'
        ? new Float64Array(rows)
        : this.type === 'boolean'
          ? new Uint8Array(rows)
          : this.type === 'code'
            ? new Uint32Array(rows)
            : new Array<undefined>(rows).fill(undefined);
  }

  /** The expression that selects this column from `t` (numbers, booleans and codes never null). */
  expression(code: string | undefined): string {
    const name = `t.${quoteName(this.column.csv.name)}`;
    switch (this.type) {
      case 'number': {
        // What `fill` stores: NaN for an absent or rejected value (see `problemsQuery`).
        const n = `${name}::DOUBLE`;
        const integral = this.column.type === 'INT32' ? ` AND ${n} = trunc(${n})` : '';
        return `CASE WHEN isfinite(${n})${integral} THEN ${n} ELSE 'NaN'::DOUBLE END`;
      }
      case 'boolean':
        return `(CASE WHEN ${name} THEN 2 WHEN NOT ${name} THEN 1 ELSE 0 END)::UTINYINT`;
      case 'code':
        return `coalesce(${code}, 0::UINTEGER)`;
      default:
        return name;
    }
  }

  /** The rows whose number is refused (hyparquet's problems), or undefined for other columns. */
  problemsQuery(source: string): string | undefined {
    if (this.type !== 'number') return undefined;
    const n = `${quoteName(this.column.csv.name)}::DOUBLE`;
    const integral = this.column.type === 'INT32' ? ` OR ${n} <> trunc(${n})` : '';
    return `SELECT file_row_number::UINTEGER, ${n} FROM ${source} WHERE NOT isfinite(${n})${integral} ORDER BY 1`;
  }

  /** Vectors this column takes in the query (a shared reference also sends the ids no establishment has). */
  get slots(): number {
    return this.shared ? 2 : 1;
  }

  /** Takes the `count` rows of a vector; `at[i]` is the file row of its i-th item. */
  fill(vector: DuckDBVector, at: ArrayLike<number>, count: number, unknown?: DuckDBVector): void {
    if (this.shared && unknown) this.#fillShared(vector, unknown, at, count);
    else if (this.type === 'number' || this.type === 'boolean' || this.type === 'code') {
      const target = this.#values as Float64Array | Uint8Array | Uint32Array;
      const items = itemsOf(vector, count);
      for (let i = 0; i < count; i++) target[at[i]!] = items[i]!;
    } else if (this.type === 'text') {
      const target = this.#values as (string | undefined)[];
      for (let i = 0; i < count; i++) target[at[i]!] = (vector.getItem(i) as string | null) ?? undefined;
    } else this.#fillLists(vector, at, count, this.#values as (readonly string[] | undefined)[]);
  }

  #fillShared(vector: DuckDBVector, unknown: DuckDBVector, at: ArrayLike<number>, count: number): void {
    const target = this.#values as Uint32Array;
    const items = itemsOf(vector, count);
    const known = this.shared!.length;
    for (let i = 0; i < count; i++) {
      const code = items[i]!;
      if (code !== 0) {
        target[at[i]!] = code;
        continue;
      }
      const id = unknown.getItem(i) as string | null;
      if (id === null) continue;
      let extra = this.#extras.get(id);
      if (extra === undefined) this.#extras.set(id, (extra = known + this.#extras.size + 1));
      target[at[i]!] = extra;
    }
  }

  #fillLists(vector: DuckDBVector, at: ArrayLike<number>, count: number, target: (readonly string[] | undefined)[]): void {
    for (let i = 0; i < count; i++) {
      const v = vector.getItem(i) as { items: readonly unknown[] } | null;
      if (v === null) continue;
      const items = v.items;
      if (items.every((s) => typeof s === 'string')) target[at[i]!] = (items as string[]).filter((s) => s !== '');
      else this.problem(at[i]!, 'csv-invalid-number', String(items.map((s) => s ?? undefined)));
    }
  }

  /** Keeps a refused cell's problem (only counted beyond the largest list). */
  problem(row: number, code: SemanticCode, value: string): void {
    if (this.#pending.length < this.maxProblems) this.#pending.push({ row, code, value });
    else this.#dropped++;
  }

  /** Reports the kept problems, in row order, as hyparquet's reader words them. */
  report(table: CsvTableName, problems: CsvProblems): void {
    const file = parquetFileOf(table);
    const name = this.column.csv.name;
    const pointer = this.column.csv.path.join('/');
    this.#pending.sort((a, b) => a.row - b.row);
    for (const p of this.#pending) problems.add(p.code, 'error', { value: p.value }, { file, row: p.row + 1, column: name }, `/${table}/${p.row}/${pointer}`);
    problems.count.errors += this.#dropped;
  }

  result(): Column {
    if (this.shared) this.dictionary = [...(this.shared as string[]), ...this.#extras.keys()];
    if (this.type === 'code') return { type: 'code', codes: this.#values as Uint32Array, dictionary: this.dictionary };
    return { type: this.type, values: this.#values } as Column;
  }
}

/** Every string of a one-column query, in order. */
async function strings(connection: DuckDBConnection, sql: string): Promise<string[]> {
  const out: string[] = [];
  const result = await connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return out;
    const vector = chunk.getColumnVector(0);
    for (let i = 0; i < chunk.rowCount; i++) out.push(vector.getItem(i) as string);
  }
}

/** Temporary table of the establishments' ids and their row + 1 (when the ids are distinct). */
const ESTABLISHMENT_ROWS = 'toile_establishment_rows';

/**
 * The establishments' ids for shared references, when every row has one and no two are equal
 * (else references get a dictionary of their own, and validation reports the repeats).
 */
async function shareEstablishmentIds(
  connection: DuckDBConnection,
  plan: TablePlan,
  establishments: TableColumns,
): Promise<readonly (string | undefined)[] | undefined> {
  const ids = establishments.columns['id'];
  if (ids?.type !== 'text') return undefined;
  const source = `read_parquet(${quoteText(plan.path)}, file_row_number = true, hive_partitioning = false)`;
  const distinct = await strings(connection, `SELECT (count(*) = count(DISTINCT id))::VARCHAR FROM ${source}`);
  if (distinct[0] !== 'true') return undefined;
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${ESTABLISHMENT_ROWS} AS SELECT id, (file_row_number + 1)::UINTEGER AS c FROM ${source}`);
  return ids.values;
}

/** Up to this many distinct values, a code is found in a literal list; beyond, by a join. */
const LITERAL_DICTIONARY = 512;

/**
 * The query of one table: its row number in the file, then each column — code columns as their
 * position in the column's dictionary (its distinct values, listed first), found by `list_position`
 * in a short literal list or by a join with a dictionary table.
 */
async function tableQuery(connection: DuckDBConnection, source: string, fillers: VectorFiller[]): Promise<string> {
  const select = ['t.file_row_number::UINTEGER'];
  const joins: string[] = [];
  for (const [k, filler] of fillers.entries()) {
    if (filler.type !== 'code') {
      select.push(filler.expression(undefined));
      continue;
    }
    const name = quoteName(filler.column.csv.name);
    if (filler.shared) {
      const rows = `toile_rows_${k}`;
      select.push(`coalesce(${rows}.c, 0::UINTEGER)`, `CASE WHEN ${rows}.c IS NULL THEN t.${name} END`);
      joins.push(`LEFT JOIN ${ESTABLISHMENT_ROWS} ${rows} ON ${rows}.id = t.${name}`);
      continue;
    }
    const dict = `toile_dictionary_${k}`;
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${dict} AS SELECT v, (row_number() OVER ())::UINTEGER AS c FROM (SELECT DISTINCT ${name} AS v FROM ${source} WHERE ${name} IS NOT NULL)`,
    );
    filler.dictionary = await strings(connection, `SELECT v FROM ${dict} ORDER BY c`);
    if (filler.dictionary.length === 0) select.push('0::UINTEGER');
    else if (filler.dictionary.length <= LITERAL_DICTIONARY)
      select.push(filler.expression(`list_position([${filler.dictionary.map(quoteText).join(', ')}], t.${name})::UINTEGER`));
    else {
      select.push(filler.expression(`${dict}.c`));
      joins.push(`LEFT JOIN ${dict} ON ${dict}.v = t.${name}`);
    }
  }
  return `SELECT ${select.join(', ')} FROM ${source} t ${joins.join(' ')}`;
}

/** The refused numbers of a column (NaN, infinite, a fraction in an integer column), as problems. */
async function numberProblems(connection: DuckDBConnection, source: string, filler: VectorFiller): Promise<void> {
  const sql = filler.problemsQuery(source);
  if (sql === undefined) return;
  const integer = filler.column.type === 'INT32';
  const result = await connection.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    const rows = chunk.getColumnVector(0);
    const values = chunk.getColumnVector(1);
    for (let i = 0; i < chunk.rowCount; i++) {
      const v = values.getItem(i) as number;
      filler.problem(rows.getItem(i) as number, integer && Number.isFinite(v) ? 'csv-invalid-integer' : 'csv-invalid-number', String(v));
    }
  }
}

/** A table file to read: its footer and the template columns it holds. */
interface TablePlan {
  table: CsvTableName;
  path: string;
  metadata: FileMetaData;
  columns: ParquetColumn[];
}

/** One table file decoded into columns, its cell problems reported into `problems`. */
async function readTable(
  connection: DuckDBConnection,
  plan: TablePlan,
  problems: CsvProblems,
  maxProblems: number,
  ids: readonly (string | undefined)[] | undefined,
): Promise<TableColumns> {
  const { table, path, metadata, columns } = plan;
  const rows = Number(metadata.num_rows);
  const fillers = columns.map((c) => new VectorFiller(c, rows, maxProblems));
  for (const filler of fillers) if (filler.type === 'code' && filler.column.csv.references?.table === 'establishments') filler.shared = ids;
  const source = `read_parquet(${quoteText(path)}, file_row_number = true, hive_partitioning = false)`;
  const result = await connection.stream(await tableQuery(connection, source, fillers));
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const count = chunk.rowCount;
    const at = itemsOf(chunk.getColumnVector(0), count);
    let slot = 1;
    for (const filler of fillers) {
      filler.fill(chunk.getColumnVector(slot), at, count, filler.slots === 2 ? chunk.getColumnVector(slot + 1) : undefined);
      slot += filler.slots;
    }
  }
  for (const filler of fillers) await numberProblems(connection, source, filler);
  for (const filler of fillers) filler.report(table, problems);
  const out: Record<string, Column> = {};
  for (const filler of fillers) out[filler.column.csv.name] = filler.result();
  return { rows, columns: out };
}

/**
 * Decodes the table files of a package with DuckDB into the columnar form: the same columns,
 * values and row order as hyparquet's reader (`importParquetColumns`), dictionaries possibly in
 * another order. Undefined when `@duckdb/node-api` is not installed, when a file's schema is not
 * exactly the template's (wrong or unknown columns, unreadable footer) or when DuckDB fails: the
 * caller then reads the package with hyparquet, whose problems are the reference.
 *
 * @example
 * ```ts
 * const decoded = await readParquetTablesWithDuckDB({ flows: 'france/flows.parquet' });
 * if (decoded) console.log(decoded.tables.flows?.rows);
 * ```
 */
export async function readParquetTablesWithDuckDB(
  paths: ParquetTablePaths,
  options: { maxProblems?: number; columns?: ColumnSelection } = {},
): Promise<DuckDBTablesResult | undefined> {
  const plans: TablePlan[] = [];
  for (const table of PARQUET_TABLES) {
    const path = paths[table];
    if (path === undefined) continue;
    const metadata = await fileMetadata(path);
    const columns = metadata && plainColumns(table, metadata);
    if (!metadata || !columns) return undefined;
    plans.push({ table, path, metadata, columns: selectedColumns(table, columns, options.columns) });
  }
  const duckdb = await loadDuckDB();
  if (!duckdb) return undefined;
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const maxProblems = options.maxProblems ?? 1000;
  const problems = new CsvProblems(maxProblems);
  const tables: DuckDBTablesResult['tables'] = {};
  try {
    let ids: readonly (string | undefined)[] | undefined;
    for (const plan of plans) {
      const read = await readTable(connection, plan, problems, maxProblems, ids);
      tables[plan.table] = read;
      if (plan.table === 'establishments') ids = await shareEstablishmentIds(connection, plan, read);
    }
  } catch {
    // A file DuckDB cannot decode (bad UTF-8, corrupt pages): hyparquet words the problem.
    return undefined;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { tables, problems };
}

/**
 * Imports a Parquet package from disk into the columnar form with DuckDB, validated as
 * `importParquetColumns` validates it: the same result, or undefined when the package has to be
 * read by hyparquet (see {@link readParquetTablesWithDuckDB}).
 *
 * @example
 * ```ts
 * const result = await importParquetColumnsWithDuckDB({ flows: 'fr/flows.parquet' }, metadataText);
 * ```
 */
export async function importParquetColumnsWithDuckDB(
  paths: ParquetTablePaths,
  metadataFile: ParquetPackageFiles['metadata'],
  options: ParquetColumnsOptions = {},
): Promise<ParquetColumnsResult | undefined> {
  validatesRecords(options);
  const maxProblems = options.maxProblems ?? 1000;
  const { metadata, problem: metadataProblem } = readMetadata(metadataFile);
  const decoded = await readParquetTablesWithDuckDB(paths, { maxProblems, ...(options.columns ? { columns: options.columns } : {}) });
  if (!decoded) return undefined;
  // The metadata's problem comes first, as in `importParquetColumns`.
  const problems = new CsvProblems(maxProblems);
  if (metadataProblem) problems.push(metadataProblem);
  problems.absorb(decoded.problems);
  const tables = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, decoded.tables[t] ?? EMPTY])) as Record<CsvTableName, TableColumns>;
  const read: ParquetColumnsResult['tables'] = {};
  for (const table of PARQUET_TABLES) if (decoded.tables[table]) read[table] = { rows: decoded.tables[table].rows };
  return finishColumns(tables, read, metadata, problems, options);
}
