/**
 * @toile/sdk/parquet — the Parquet package (the national exchange form of the format): one Parquet
 * file per table of the CSV template, typed, plus `toile-parquet.json`. A separate entry so that
 * pages which never read Parquet do not download the Parquet reader and writer.
 */
export { exportParquetPackage, parquetTableBytes, parquetMetadataOf, parquetMetadataText, type ParquetPackageMetadata } from './parquet/export.ts';
export { importParquetPackage, type ParquetPackageFiles, type ParquetImportOptions, type ParquetImportResult } from './parquet/import.ts';
export { tableSchema as parquetTableSchema, parquetFileOf } from './parquet/columns.ts';
export { importParquetColumns, type ParquetColumnsResult, type ParquetColumnsOptions } from './parquet/columns-read.ts';
