/**
 * @toile/sdk/csv — the CSV data package (spreadsheet form of the format). A separate entry so that
 * pages which never read CSV do not download the CSV parser.
 */
export { importCsvPackage, parseCsvNumber, type CsvPackageFiles, type CsvImportOptions, type CsvImportResult, type CsvFileInfo } from './csv/import.ts';
export { importCsvColumns, type CsvColumnsResult } from './csv/import-columns.ts';
export { exportCsvPackage, csvTableChunks, csvDataPackageText, csvTablesOf, type CsvExportOptions } from './csv/export.ts';
export { csvCell, csvLine, escapeFormula, unescapeFormulaCell, type CsvCellValue, type CsvDelimiter } from './csv/cell.ts';
export { decodeCsvBytes, detectDelimiter, lineEndingsOf, normaliseLineEndings, LineEndingNormaliser, type CsvEncoding } from './csv/decode.ts';
