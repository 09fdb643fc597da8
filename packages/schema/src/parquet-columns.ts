/**
 * The Parquet form of the Toile format: one Parquet file per table of the CSV package, with the
 * same columns in the same order (`CSV_TABLES`), typed. The types are derived here from the CSV
 * column definitions — there is no second list of columns.
 */
import { CSV_TABLES, type CsvColumn, type CsvTableName } from './csv-columns.ts';

/** Physical and logical type of a Parquet column of the Toile tables. */
export type ParquetColumnType = 'STRING' | 'DOUBLE' | 'INT32' | 'BOOLEAN' | 'LIST<STRING>';

/**
 * How a string column is encoded: `dictionary` always (ids, references, codes, vocabulary words
 * such as kinds, families, statuses and confidentiality levels, which repeat), `auto` when the
 * writer finds it pays (a dictionary at least halves the column: free text and primary keys).
 */
export type ParquetEncoding = 'dictionary' | 'auto' | 'plain';

/** One column of a Toile Parquet table. */
export interface ParquetColumn {
  /** The CSV column it mirrors (name, path in the record, descriptions). */
  readonly csv: CsvColumn;
  readonly type: ParquetColumnType;
  readonly encoding: ParquetEncoding;
  /** False for the columns every row has (`required` in the CSV template). */
  readonly nullable: boolean;
}

/** File name of the metadata of a Parquet package (territory, meta, format version, tables). */
export const PARQUET_METADATA_FILE = 'toile-parquet.json';

/** Value of `format` in {@link PARQUET_METADATA_FILE}. */
export const PARQUET_FORMAT = 'toile-parquet';

const TYPE_OF: Readonly<Record<CsvColumn['type'], ParquetColumnType>> = {
  string: 'STRING',
  number: 'DOUBLE',
  integer: 'INT32',
  boolean: 'BOOLEAN',
  list: 'LIST<STRING>',
};

/** The Parquet column of a CSV column. */
export function parquetColumnOf(column: CsvColumn): ParquetColumn {
  const type = TYPE_OF[column.type];
  const textual = type === 'STRING' || type === 'LIST<STRING>';
  const encoding: ParquetEncoding = !textual ? 'plain' : column.freeText || column.name === 'id' ? 'auto' : 'dictionary';
  return { csv: column, type, encoding, nullable: !column.required };
}

/** Columns of each Parquet table, in file order: those of the CSV template, typed. */
export function parquetColumns(table: CsvTableName): readonly ParquetColumn[] {
  return CSV_TABLES[table].map(parquetColumnOf);
}
