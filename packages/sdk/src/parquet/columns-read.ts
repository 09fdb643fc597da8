/**
 * Parquet package → columnar form, without one object per record: each column of each table file
 * is decoded by hyparquet (pure JavaScript: Node and browsers) straight into its typed or
 * dictionary-encoded column (all of them, or those `columns` selects), then the whole is checked by `validateColumns` — the document
 * validation's rules, a window of rows at a time. Problems carry file, row and column.
 */
import { CSV_TABLE_NAMES, CSV_TABLES, type CsvTableName, type Meta, type ParquetColumn, type Territory } from '@toile/schema';
import { parquetMetadata, parquetRead, type FileMetaData } from 'hyparquet';
import { CodeColumnBuilder, columnTypeOf, emptyColumn, type Column, type ColumnSelection, type TableColumns } from '../columnar/columns.ts';
import { validateColumns, type ColumnsValidationResult } from '../columnar/validate.ts';
import { CsvProblems } from '../csv/import.ts';
import type { SemanticCode } from '../validate/messages.ts';
import { parquetFileOf, PARQUET_TABLES } from './columns.ts';
import { readMetadata, usableColumns, type ParquetImportOptions, type ParquetPackageFiles } from './import.ts';
import type { ParquetPackageMetadata } from './export.ts';

/** Options of {@link importParquetColumns}: those of a Parquet import, and whether to validate. */
export interface ParquetColumnsOptions extends ParquetImportOptions {
  /**
   * `false` skips the validation of the records (the columns' types are still checked): for a
   * package this SDK wrote from a validated document, read again. Default true.
   */
  validate?: boolean;
  /**
   * Only these columns of the tables named, by CSV column name (a table not named is read whole; an
   * empty list reads none of its columns): what a columnar format is for, a national package's
   * index reads 10 of its 35 columns ({@link INDEX_COLUMNS}). A selection is not validated (a record
   * without its required columns cannot be): validate the whole package once, where it is made.
   */
  columns?: ColumnSelection;
}

/** Whether the records are validated: by default, unless only some columns are read. */
export function validatesRecords(options: ParquetColumnsOptions): boolean {
  if (options.columns === undefined) return options.validate !== false;
  if (options.validate === true) throw new TypeError('importParquetColumns: a selection of columns cannot be validated; read the whole package to validate it');
  for (const [table, names] of Object.entries(options.columns)) {
    const known = CSV_TABLES[table as CsvTableName];
    const unknown = known ? names?.find((n) => !known.some((c) => c.name === n)) : table;
    if (unknown !== undefined) throw new TypeError(`importParquetColumns: no column "${unknown}" in the template's table "${table}"`);
  }
  return false;
}

/** The template columns of `table` a selection keeps. */
export function selectedColumns(table: CsvTableName, columns: ParquetColumn[], selection: ColumnSelection | undefined): ParquetColumn[] {
  const names = selection?.[table];
  return names === undefined ? columns : columns.filter((c) => names.includes(c.csv.name));
}

/** The outcome of {@link importParquetColumns}: the validated columns, the problems, the rows read per table. */
export interface ParquetColumnsResult extends ColumnsValidationResult {
  tables: Partial<Record<CsvTableName, { rows: number }>>;
}

const EMPTY: TableColumns = { rows: 0, columns: {} };

/** Fills one column from hyparquet's decoded values; a cell of the wrong type is a problem at its row. */
class ColumnFiller {
  readonly #column: ParquetColumn;
  readonly #rows: number;
  readonly #code?: CodeColumnBuilder;
  readonly #target: Column;
  readonly #problem: (row: number, code: SemanticCode, value: unknown) => void;

  constructor(column: ParquetColumn, rows: number, problem: (row: number, code: SemanticCode, value: unknown) => void) {
    this.#column = column;
    this.#rows = rows;
    this.#problem = problem;
    const type = columnTypeOf(column.csv);
    if (type === 'code') this.#code = new CodeColumnBuilder(rows);
    this.#target = emptyColumn(type, rows);
  }

  fill(values: ArrayLike<unknown>, start: number): void {
    const end = Math.min(this.#rows, start + values.length);
    for (let r = start; r < end; r++) {
      const v = values[r - start];
      if (v !== null && v !== undefined) this.#set(r, v);
    }
  }

  #set(r: number, v: unknown): void {
    // Every type but `code` (filled by its builder) holds `values`.
    const t = this.#target as Exclude<Column, { type: 'code' }>;
    switch (this.#column.type) {
      case 'STRING':
        if (typeof v !== 'string') return this.#problem(r, 'csv-invalid-number', v);
        if (this.#code) this.#code.set(r, v);
        else (t.values as (string | undefined)[])[r] = v;
        return;
      case 'BOOLEAN':
        if (typeof v !== 'boolean') return this.#problem(r, 'csv-invalid-boolean', v);
        (t.values as Uint8Array)[r] = v ? 2 : 1;
        return;
      case 'DOUBLE':
      case 'INT32': {
        const n = typeof v === 'bigint' ? Number(v) : v;
        if (typeof n !== 'number' || !Number.isFinite(n)) return this.#problem(r, 'csv-invalid-number', v);
        if (this.#column.type === 'INT32' && !Number.isInteger(n)) return this.#problem(r, 'csv-invalid-integer', v);
        (t.values as Float64Array)[r] = n;
        return;
      }
      case 'LIST<STRING>': {
        const list =
          typeof v === 'string' ? v.split('|').map((s) => s.trim()) : Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;
        if (!list) return this.#problem(r, 'csv-invalid-number', v);
        (t.values as (readonly string[] | undefined)[])[r] = list.filter((s) => s !== '');
      }
    }
  }

  column(): Column {
    return this.#code ? this.#code.column() : this.#target;
  }
}

/** One table file decoded into columns (undefined with a problem when the file cannot be read). */
async function readTableColumns(
  table: CsvTableName,
  bytes: Uint8Array | ArrayBuffer,
  problems: CsvProblems,
  selection: ColumnSelection | undefined,
): Promise<TableColumns | undefined> {
  const buffer = bytes instanceof ArrayBuffer ? bytes : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const file = parquetFileOf(table);
  const unreadable = (error: unknown) =>
    problems.add('parquet-unreadable', 'error', { file, reason: error instanceof Error ? error.message : String(error) }, { file });
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (error) {
    unreadable(error);
    return undefined;
  }
  const usable = usableColumns(table, metadata, problems);
  if (!usable) return EMPTY;
  const columns = selectedColumns(table, usable, selection);
  const rows = Number(metadata.num_rows);
  const fillers = new Map<string, ColumnFiller>();
  for (const c of columns) {
    const name = c.csv.name;
    const problem = (row: number, code: SemanticCode, value: unknown) =>
      problems.add(code, 'error', { value: String(value) }, { file, row: row + 1, column: name }, `/${table}/${row}/${c.csv.path.join('/')}`);
    fillers.set(name, new ColumnFiller(c, rows, problem));
  }
  try {
    // One column at a time: only that column's decoded pages are alive at once.
    for (const [name, filler] of fillers) {
      await parquetRead({ file: buffer, metadata, columns: [name], onChunk: ({ columnData, rowStart }) => filler.fill(columnData, rowStart) });
    }
  } catch (error) {
    unreadable(error);
    return undefined;
  }
  const out: Record<string, Column> = {};
  for (const [name, filler] of fillers) out[name] = filler.column();
  return { rows, columns: out };
}

/**
 * Imports a Parquet package into the columnar form (see `importParquetPackage` for the document
 * form; both read the same files and report the same problems). Browser-safe: give it the bytes.
 *
 * @example
 * ```ts
 * const { data, problems } = await importParquetColumns({ establishments, flows, metadata });
 * const stats = analyseStructure(data);
 * ```
 */
export async function importParquetColumns(files: ParquetPackageFiles, options: ParquetColumnsOptions = {}): Promise<ParquetColumnsResult> {
  validatesRecords(options);
  const maxProblems = options.maxProblems ?? 1000;
  const { metadata, problem: metadataProblem } = readMetadata(files.metadata);
  const problems = new CsvProblems(maxProblems);
  if (metadataProblem) problems.push(metadataProblem);
  const tables = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, EMPTY])) as Record<CsvTableName, TableColumns>;
  const read: ParquetColumnsResult['tables'] = {};
  for (const table of PARQUET_TABLES) {
    const bytes = files[table];
    if (bytes === undefined) continue;
    const columns = await readTableColumns(table, bytes, problems, options.columns);
    if (!columns) continue;
    tables[table] = columns;
    read[table] = { rows: columns.rows };
  }
  return finishColumns(tables, read, metadata, problems, options);
}

/**
 * @internal The last step of every Parquet → columns reader: the header from `toile-parquet.json`
 * (or the options), then `validateColumns` unless told not to, and the reader's problems first.
 */
export function finishColumns(
  tables: Record<CsvTableName, TableColumns>,
  read: ParquetColumnsResult['tables'],
  metadata: Partial<ParquetPackageMetadata> | undefined,
  problems: CsvProblems,
  options: ParquetColumnsOptions,
): ParquetColumnsResult {
  const maxProblems = options.maxProblems ?? 1000;
  const territory = (options.territory ?? metadata?.territory ?? {}) as Territory;
  const meta = (options.meta ?? metadata?.meta ?? {}) as Meta;
  const toile = typeof metadata?.toile === 'string' ? metadata.toile : '1.0';
  const data = { toile, territory, meta, tables };
  const checked = !validatesRecords(options)
    ? { valid: true, data, problems: [], errors: 0, warnings: 0, truncated: false, removed: { establishments: 0, flows: 0, resources: 0 } }
    : validateColumns(data, { maxProblems: Math.max(0, maxProblems - problems.list.length), fileOf: parquetFileOf });
  const errors = problems.count.errors + checked.errors;
  const warnings = problems.count.warnings + checked.warnings;
  return {
    ...checked,
    valid: errors === 0,
    errors,
    warnings,
    problems: [...problems.list, ...checked.problems],
    truncated: checked.truncated || problems.count.errors + problems.count.warnings > problems.list.length,
    tables: read,
  };
}
