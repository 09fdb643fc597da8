/**
 * The columnar form of a Toile document: each table of the CSV template (establishments, flows,
 * resources, capabilities) held as columns instead of one object per record. Numbers are
 * `Float64Array`s (NaN when absent), booleans `Uint8Array`s, codes and references
 * dictionary-encoded (`Uint32Array` of positions in a list of distinct strings), free text and
 * primary keys plain string arrays. A million establishments then cost a few typed arrays, not a
 * million objects the collector has to trace.
 *
 * The columns are those of the CSV template (`CSV_TABLES` of @toile/schema) — the one list of
 * columns the CSV package, the Parquet package and this form share. What a document holds beyond
 * them (`ext`, `sources` lists, descriptions of flows) is not part of the columnar form, exactly as
 * in a CSV or Parquet package.
 */
import { CSV_TABLES, parquetColumnOf, type CsvColumn, type CsvTableName, type Meta, type Territory } from '@toile/schema';
import { setAtPath } from '../util/record-path.ts';
import { dictionaryCode, StringIndex } from '../util/string-table.ts';

/** Numbers: NaN where a record has no value. */
export interface NumberColumn {
  readonly type: 'number';
  readonly values: Float64Array;
}

/** Booleans: 0 where a record has no value, 1 for false, 2 for true. */
export interface BooleanColumn {
  readonly type: 'boolean';
  readonly values: Uint8Array;
}

/**
 * Dictionary-encoded strings (ids of other records, codes, words of a vocabulary): `codes[row]` is
 * 0 when the record has no value, else 1 + the value's position in `dictionary`.
 */
export interface CodeColumn {
  readonly type: 'code';
  readonly codes: Uint32Array;
  readonly dictionary: readonly string[];
}

/** Strings that rarely repeat (primary keys, names, addresses, descriptions). */
export interface TextColumn {
  readonly type: 'text';
  readonly values: readonly (string | undefined)[];
}

/** Lists of strings (sectors, products, certifications). */
export interface ListColumn {
  readonly type: 'list';
  readonly values: readonly (readonly string[] | undefined)[];
}

/** One column of a table. */
export type Column = NumberColumn | BooleanColumn | CodeColumn | TextColumn | ListColumn;

/** The storage type of a column. */
export type ColumnType = Column['type'];

/** A table: its row count and its columns by CSV column name (a column not loaded is absent). */
export interface TableColumns {
  readonly rows: number;
  readonly columns: Readonly<Partial<Record<string, Column>>>;
}

/**
 * Columns to read, by table and CSV column name: a table named keeps only those listed, a table not
 * named keeps all of its columns.
 */
export type ColumnSelection = Readonly<Partial<Record<CsvTableName, readonly string[]>>>;

/** A Toile document in columnar form. */
export interface ToileColumns {
  /** Format version of the document the columns come from. */
  readonly toile: string;
  readonly territory: Territory;
  readonly meta: Meta;
  readonly tables: Readonly<Record<CsvTableName, TableColumns>>;
}

/** How a CSV column is stored: the Parquet encoding decides between dictionary codes and text. */
export function columnTypeOf(column: CsvColumn): ColumnType {
  switch (column.type) {
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'list':
      return 'list';
    case 'string':
      return parquetColumnOf(column).encoding === 'dictionary' ? 'code' : 'text';
  }
}

/** Whether a value is the columnar form (rather than a document object). */
export function isToileColumns(value: unknown): value is ToileColumns {
  return typeof value === 'object' && value !== null && 'tables' in value && !('flows' in value);
}

/**
 * Builds a dictionary-encoded column row by row: one lookup per row (a `StringIndex`, several times
 * faster than a `Map` at millions of rows), the dictionary in order of first appearance.
 */
export class CodeColumnBuilder {
  readonly codes: Uint32Array;
  readonly dictionary: string[] = [];
  readonly #position = new StringIndex(this.dictionary);

  constructor(rows: number) {
    this.codes = new Uint32Array(rows);
  }

  /** The code of `value`, added to the dictionary if new. */
  codeOf(value: string): number {
    return dictionaryCode(this.#position, this.dictionary, value);
  }

  set(row: number, value: string | undefined): void {
    if (value !== undefined) this.codes[row] = this.codeOf(value);
  }

  column(): CodeColumn {
    return { type: 'code', codes: this.codes, dictionary: this.dictionary };
  }
}

/** An empty column of `type` for `rows` rows, filled by {@link setCell}. */
export function emptyColumn(type: ColumnType, rows: number): Column {
  switch (type) {
    case 'number':
      return { type, values: new Float64Array(rows).fill(Number.NaN) };
    case 'boolean':
      return { type, values: new Uint8Array(rows) };
    case 'code':
      return new CodeColumnBuilder(rows).column();
    case 'text':
      return { type, values: new Array<string | undefined>(rows).fill(undefined) };
    case 'list':
      return { type, values: new Array<string[] | undefined>(rows).fill(undefined) };
  }
}

/** The value of a cell as the record holds it (undefined when absent). */
export function cellValue(column: Column, row: number): unknown {
  switch (column.type) {
    case 'number': {
      const v = column.values[row]!;
      return Number.isNaN(v) ? undefined : v;
    }
    case 'boolean': {
      const v = column.values[row]!;
      return v === 0 ? undefined : v === 2;
    }
    case 'code': {
      const c = column.codes[row]!;
      return c === 0 ? undefined : column.dictionary[c - 1];
    }
    case 'text':
    case 'list':
      return column.values[row];
  }
}

/** A cell read as a string (undefined when absent or not a string column). */
export function cellString(column: Column | undefined, row: number): string | undefined {
  if (!column) return undefined;
  if (column.type === 'code') {
    const c = column.codes[row]!;
    return c === 0 ? undefined : column.dictionary[c - 1];
  }
  return column.type === 'text' ? column.values[row] : undefined;
}

/** A cell read as a number (NaN when absent or not a number column). */
export function cellNumber(column: Column | undefined, row: number): number {
  return column?.type === 'number' ? column.values[row]! : Number.NaN;
}

/**
 * The record at `row` of `table`, as an object of the document form (only the columns loaded). A
 * new object on each call: nothing is kept.
 */
export function recordAt(table: CsvTableName, columns: TableColumns, row: number): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const { stored, path } of planOf(table, columns)) {
    const value = cellValue(stored, row);
    if (value === undefined) continue;
    const copy = Array.isArray(value) ? [...(value as string[])] : value;
    if (path.length === 1) record[path[0]!] = copy;
    else setAtPath(record, path, copy);
  }
  return record;
}

/** The loaded columns of a table with their record paths, in template order (worked out once per table). */
const plans = new WeakMap<TableColumns, { stored: Column; path: readonly string[] }[]>();
function planOf(table: CsvTableName, columns: TableColumns): { stored: Column; path: readonly string[] }[] {
  let plan = plans.get(columns);
  if (!plan) {
    plan = [];
    for (const column of CSV_TABLES[table]) {
      const stored = columns.columns[column.name];
      if (stored) plan.push({ stored, path: column.path });
    }
    plans.set(columns, plan);
  }
  return plan;
}
