/**
 * @toile/sdk/node — the parts of the SDK that need Node.js (file system). The main entry stays
 * browser-safe; `loadToile` reaches these lazily when given a file path.
 */
export { readCsvPackage, readCsvColumns } from './csv/read.ts';
export { writeJsonFile } from './io/write-json-file.ts';
export { writeChunks } from './io/write-chunks.ts';
export { writeCsvPackage } from './io/write-csv-package.ts';
export { readParquetPackage, readParquetColumns, writeParquetPackage, type ParquetReadOptions } from './parquet/read.ts';
export { isParquetPackagePath } from './parquet/detect.ts';
export { writeParquetColumns, type ParquetColumnsWriteOptions } from './parquet/write-columns.ts';
export { runCli, COMMANDS } from './cli/main.ts';
export type { CliIO, Command, Lang } from './cli/context.ts';
export { readJsonColumns, type JsonColumnsOptions, type JsonColumnsResult } from './load/json-columns.ts';
