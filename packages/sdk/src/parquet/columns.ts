/**
 * The Parquet schema of each Toile table, built from `parquetColumns` of @toile/schema (itself
 * derived from the CSV template's columns): one home for the columns, their order and types.
 */
import { CSV_TABLE_NAMES, parquetColumns, type CsvTableName, type ParquetColumn } from '@toile/schema';
import type { SchemaElement } from 'hyparquet';

/** The file of a table in a Parquet package (`flows.parquet`). */
export const parquetFileOf = (table: CsvTableName): string => `${table}.parquet`;

/** Tables of a Parquet package, in the order they are read (establishments first). */
export const PARQUET_TABLES: readonly CsvTableName[] = CSV_TABLE_NAMES;

const STRING = { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } } as const;

/** The schema elements of one column (three for a list: the list, its repeated group, the element). */
function columnElements(column: ParquetColumn): SchemaElement[] {
  const repetition_type = column.nullable ? 'OPTIONAL' : 'REQUIRED';
  const name = column.csv.name;
  switch (column.type) {
    case 'STRING':
      return [{ name, repetition_type, ...STRING }];
    case 'DOUBLE':
      return [{ name, repetition_type, type: 'DOUBLE' }];
    case 'INT32':
      return [{ name, repetition_type, type: 'INT32' }];
    case 'BOOLEAN':
      return [{ name, repetition_type, type: 'BOOLEAN' }];
    case 'LIST<STRING>':
      return [
        { name, repetition_type, num_children: 1, converted_type: 'LIST', logical_type: { type: 'LIST' } },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'REQUIRED', ...STRING },
      ];
  }
}

/** The whole Parquet schema of a table (root first), as hyparquet-writer takes it. */
export function tableSchema(table: CsvTableName): SchemaElement[] {
  const columns = parquetColumns(table);
  return [{ name: 'root', num_children: columns.length }, ...columns.flatMap(columnElements)];
}
