/**
 * Document → columnar form: each table of the CSV template filled column by column from the
 * records (capabilities flattened with their establishment's id, as in a CSV or Parquet package).
 */
import { CSV_TABLE_NAMES, CSV_TABLES, type CsvTableName, type ToileDocument } from '@toile/schema';
import { capabilityRows } from '../util/capability-rows.ts';
import { CodeColumnBuilder, columnTypeOf, emptyColumn, type Column, type TableColumns, type ToileColumns } from './columns.ts';
import { valueAtPath } from '../util/record-path.ts';

/** Fills one column from the records; values of the wrong type are left out (a validated document has none). */
function fillColumn(records: readonly unknown[], path: readonly string[], column: Column): Column {
  const n = records.length;
  if (column.type === 'code') {
    const builder = new CodeColumnBuilder(n);
    // A publication level is never dropped (safe by default): one that is no string is kept as its
    // JSON text, which validation reads as `confidential`, as it does in the document form.
    const level = path.length === 1 && path[0] === 'confidentiality';
    for (let i = 0; i < n; i++) {
      const v = valueAtPath(records[i], path);
      if (typeof v === 'string') builder.set(i, v);
      else if (level && v !== undefined) builder.set(i, String(JSON.stringify(v)));
    }
    return builder.column();
  }
  for (let i = 0; i < n; i++) {
    const v = valueAtPath(records[i], path);
    if (v === undefined || v === null) continue;
    if (column.type === 'number' && typeof v === 'number') column.values[i] = v;
    else if (column.type === 'boolean' && typeof v === 'boolean') column.values[i] = v ? 2 : 1;
    else if (column.type === 'text' && typeof v === 'string') (column.values as (string | undefined)[])[i] = v;
    else if (column.type === 'list' && Array.isArray(v)) (column.values as (readonly string[] | undefined)[])[i] = v.filter((s) => typeof s === 'string');
  }
  return column;
}

/** One table of the columnar form, from its records. */
export function tableColumnsOf(table: CsvTableName, records: readonly unknown[]): TableColumns {
  const columns: Record<string, Column> = {};
  for (const c of CSV_TABLES[table]) columns[c.name] = fillColumn(records, c.path, emptyColumn(columnTypeOf(c), records.length));
  return { rows: records.length, columns };
}

/**
 * The columnar form of a (validated) document. O(records × columns); for the documents an editor
 * holds this takes milliseconds, and analyses on the result equal those on the document.
 */
export function columnsFromDocument(doc: ToileDocument): ToileColumns {
  const records: Record<CsvTableName, readonly unknown[]> = {
    establishments: doc.establishments,
    flows: doc.flows,
    resources: doc.resources ?? [],
    capabilities: capabilityRows(doc),
  };
  const tables = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, tableColumnsOf(t, records[t])])) as Record<CsvTableName, TableColumns>;
  return { toile: doc.toile, territory: doc.territory, meta: doc.meta, tables };
}
