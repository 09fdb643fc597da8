/**
 * Row edits on the columnar form: write a record back into its row (after validation removed or
 * replaced a value) and keep only some rows of a table. Used by the columnar validation.
 */
import { CSV_TABLES, type CsvTableName } from '@toile/schema';
import type { Column, TableColumns } from './columns.ts';
import { valueAtPath } from '../util/record-path.ts';

/** Sets one cell from a record value (undefined clears it); a new code is added to the dictionary. */
function setCell(column: Column, row: number, value: unknown): void {
  switch (column.type) {
    case 'number':
      column.values[row] = typeof value === 'number' ? value : Number.NaN;
      return;
    case 'boolean':
      column.values[row] = typeof value === 'boolean' ? (value ? 2 : 1) : 0;
      return;
    case 'code': {
      if (typeof value !== 'string') {
        column.codes[row] = 0;
        return;
      }
      const dictionary = column.dictionary as string[];
      let at = dictionary.indexOf(value);
      if (at < 0) at = dictionary.push(value) - 1;
      column.codes[row] = at + 1;
      return;
    }
    case 'text':
      (column.values as (string | undefined)[])[row] = typeof value === 'string' ? value : undefined;
      return;
    case 'list':
      (column.values as (readonly string[] | undefined)[])[row] = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
  }
}

/** Writes `record` into `row` of the table's columns (every template column, present or not). */
export function writeRow(table: CsvTableName, columns: TableColumns, row: number, record: Record<string, unknown>): void {
  for (const c of CSV_TABLES[table]) {
    const column = columns.columns[c.name];
    if (column) setCell(column, row, valueAtPath(record, c.path));
  }
}

function keepColumn(column: Column, keep: Uint8Array, kept: number): Column {
  const pick = <T>(values: ArrayLike<T>, out: { [i: number]: T }) => {
    let k = 0;
    for (let i = 0; i < keep.length; i++) if (keep[i]) out[k++] = values[i]!;
    return out;
  };
  switch (column.type) {
    case 'number':
      return { type: 'number', values: pick(column.values, new Float64Array(kept)) as Float64Array };
    case 'boolean':
      return { type: 'boolean', values: pick(column.values, new Uint8Array(kept)) as Uint8Array };
    case 'code':
      return { type: 'code', codes: pick(column.codes, new Uint32Array(kept)) as Uint32Array, dictionary: column.dictionary };
    case 'text':
      return { type: 'text', values: pick(column.values, new Array<string | undefined>(kept)) as (string | undefined)[] };
    case 'list':
      return { type: 'list', values: pick(column.values, new Array<readonly string[] | undefined>(kept)) as (readonly string[] | undefined)[] };
  }
}

/** The table with only the rows whose `keep` flag is 1 (the same table when all are kept). */
export function keepRows(table: TableColumns, keep: Uint8Array): TableColumns {
  let kept = 0;
  for (let i = 0; i < keep.length; i++) kept += keep[i]!;
  if (kept === table.rows) return table;
  const columns: Record<string, Column> = {};
  for (const [name, column] of Object.entries(table.columns)) if (column) columns[name] = keepColumn(column, keep, kept);
  return { rows: kept, columns };
}

/** A copy of the table whose columns can be written without touching the original. */
export function copyTable(table: TableColumns): TableColumns {
  const columns: Record<string, Column> = {};
  for (const [name, c] of Object.entries(table.columns)) {
    if (!c) continue;
    if (c.type === 'number') columns[name] = { type: 'number', values: c.values.slice() };
    else if (c.type === 'boolean') columns[name] = { type: 'boolean', values: c.values.slice() };
    else if (c.type === 'code') columns[name] = { type: 'code', codes: c.codes.slice(), dictionary: [...c.dictionary] };
    else columns[name] = { type: c.type, values: [...c.values] } as Column;
  }
  return { rows: table.rows, columns };
}
