/**
 * Parquet package → Toile document. Each table file is read column by column (hyparquet, pure
 * JavaScript: Node and browsers), checked against the typed columns of the CSV template, turned
 * into records and validated the way a CSV package is: every problem carries the file, row (the
 * first row of a file is row 1) and column it comes from, and good rows are kept.
 */
import { parquetColumns, PARQUET_METADATA_FILE, type CsvTableName, type Meta, type ParquetColumn, type Territory } from '@toile/schema';
import { parquetMetadata, parquetRead, parquetSchema, type FileMetaData, type SchemaTree } from 'hyparquet';
import { CsvProblems, importCsvFiles, type CsvImportOptions, type CsvPackageFiles, type TableRead } from '../csv/import.ts';
import { isConfidentiality, isConfidentialityAlias, readConfidentiality } from '../publish/audience.ts';
import { semanticMessage, type SemanticCode } from '../validate/messages.ts';
import type { Problem, ValidationResult } from '../validate/validate.ts';
import { PARQUET_TABLES, parquetFileOf } from './columns.ts';
import type { ParquetPackageMetadata } from './export.ts';
import { setAtPath } from '../util/record-path.ts';

/** The files of a Parquet package: each table's bytes, and `toile-parquet.json` (text or parsed). */
export interface ParquetPackageFiles {
  establishments?: Uint8Array | ArrayBuffer;
  flows?: Uint8Array | ArrayBuffer;
  resources?: Uint8Array | ArrayBuffer;
  capabilities?: Uint8Array | ArrayBuffer;
  /** `toile-parquet.json`: territory, metadata, format version and the tables of the document. */
  metadata?: string | Partial<ParquetPackageMetadata>;
}

/** Options of {@link importParquetPackage}: those of a CSV import (territory, meta, maxProblems). */
export type ParquetImportOptions = Omit<CsvImportOptions, 'maxFileBytes'>;

/** The outcome of a Parquet import: the validated document plus the rows read per table. */
export interface ParquetImportResult extends ValidationResult {
  tables: Partial<Record<CsvTableName, { rows: number }>>;
}

/** What a column holds, as read: `list` for a Parquet list, else the physical type. */
type ColumnKind = 'string' | 'number' | 'boolean' | 'list' | 'other';

function kindOf(node: SchemaTree): { kind: ColumnKind; found: string } {
  const e = node.element;
  const logical = e.logical_type?.type;
  if (node.children.length > 0) {
    const isList = e.converted_type === 'LIST' || logical === 'LIST';
    return { kind: isList ? 'list' : 'other', found: isList ? 'LIST' : 'GROUP' };
  }
  const found = [e.type, e.converted_type ?? logical].filter(Boolean).join('/');
  switch (e.type) {
    case 'BYTE_ARRAY':
      return { kind: e.converted_type === 'UTF8' || logical === 'STRING' || (!e.converted_type && !logical) ? 'string' : 'other', found };
    case 'DOUBLE':
    case 'FLOAT':
    case 'INT32':
    case 'INT64':
      return { kind: e.converted_type || (logical && logical !== 'INTEGER') ? 'other' : 'number', found };
    case 'BOOLEAN':
      return { kind: 'boolean', found };
    default:
      return { kind: 'other', found };
  }
}

const ACCEPTS: Readonly<Record<ParquetColumn['type'], readonly ColumnKind[]>> = {
  STRING: ['string'],
  DOUBLE: ['number'],
  INT32: ['number'],
  BOOLEAN: ['boolean'],
  // A `|`-separated text column is read as in a CSV package.
  'LIST<STRING>': ['list', 'string'],
};

/** A cell as the value of its column, or `undefined` with the code of the problem. */
function convert(column: ParquetColumn, value: unknown): { value: unknown } | { code: SemanticCode } {
  switch (column.type) {
    case 'STRING':
      return typeof value === 'string' ? { value } : { code: 'csv-invalid-number' };
    case 'BOOLEAN':
      return typeof value === 'boolean' ? { value } : { code: 'csv-invalid-boolean' };
    case 'DOUBLE':
    case 'INT32': {
      const n = typeof value === 'bigint' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { code: 'csv-invalid-number' };
      if (column.type === 'INT32' && !Number.isInteger(n)) return { code: 'csv-invalid-integer' };
      return { value: n };
    }
    case 'LIST<STRING>': {
      if (typeof value === 'string')
        return {
          value: value
            .split('|')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        };
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? { value: [...(value as string[])] } : { code: 'csv-invalid-number' };
    }
  }
}

/** @internal The columns of the file the reader uses, after checking names and types against the template. */
export function usableColumns(table: CsvTableName, metadata: FileMetaData, problems: CsvProblems): ParquetColumn[] | undefined {
  const file = parquetFileOf(table);
  const nodes = new Map(parquetSchema(metadata).children.map((c) => [c.element.name, c]));
  const columns = parquetColumns(table);
  for (const name of nodes.keys()) {
    if (!columns.some((c) => c.csv.name === name)) problems.add('csv-unknown-column', 'warning', { column: name }, { file, column: name });
  }
  const usable: ParquetColumn[] = [];
  let missing = false;
  for (const column of columns) {
    const name = column.csv.name;
    const node = nodes.get(name);
    const { kind, found } = node ? kindOf(node) : { kind: undefined, found: '' };
    if (node && kind && ACCEPTS[column.type].includes(kind)) usable.push(column);
    else if (node) problems.add('parquet-column-type', 'error', { column: name, found, expected: column.type }, { file, column: name });
    if ((!node || !usable.includes(column)) && column.csv.required) {
      if (!node) problems.add('csv-missing-column', 'error', { column: name, table }, { file, column: name });
      missing = true;
    }
  }
  return missing ? undefined : usable;
}

/** Every value of the columns, one array per column, assembled from hyparquet's chunks. */
async function readColumns(buffer: ArrayBuffer, metadata: FileMetaData, names: string[]): Promise<Map<string, unknown[]>> {
  const rows = Number(metadata.num_rows);
  const out = new Map<string, unknown[]>(names.map((n) => [n, new Array<unknown>(rows)]));
  if (rows === 0 || names.length === 0) return out;
  await parquetRead({
    file: buffer,
    metadata,
    columns: names,
    onChunk: ({ columnName, columnData, rowStart, rowEnd }) => {
      const target = out.get(columnName);
      if (!target) return;
      for (let r = rowStart; r < rowEnd && r < rows; r++) target[r] = columnData[r - rowStart];
    },
  });
  return out;
}

/** The records of the rows, each cell converted; bad cells are problems at their row and column. */
function rowsToRecords(table: CsvTableName, columns: readonly ParquetColumn[], data: Map<string, unknown[]>, rows: number, problems: CsvProblems): TableRead {
  const file = parquetFileOf(table);
  const records: Record<string, unknown>[] = new Array(rows);
  const rowNumbers: number[] = new Array(rows);
  const cells = columns.map((c) => data.get(c.csv.name) ?? []);
  for (let r = 0; r < rows; r++) {
    const record: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) {
      const raw = cells[c]![r];
      if (raw === null || raw === undefined) continue;
      const column = columns[c]!;
      const name = column.csv.name;
      if (name === 'confidentiality' && typeof raw === 'string') {
        const level = readConfidentiality(raw);
        if (!isConfidentiality(raw) && !isConfidentialityAlias(raw)) {
          problems.add('unknown-confidentiality', 'warning', { value: raw, level }, { file, row: r + 1, column: name }, `/${table}/${r}/confidentiality`);
        }
        record.confidentiality = level;
        continue;
      }
      const converted = convert(column, raw);
      if ('code' in converted) {
        const pointer = `/${table}/${r}/${column.csv.path.join('/')}`;
        problems.add(converted.code, 'error', { value: String(raw) }, { file, row: r + 1, column: name }, pointer);
        continue;
      }
      setAtPath(record, column.csv.path, converted.value);
    }
    records[r] = record;
    rowNumbers[r] = r + 1;
  }
  return { records, rows: rowNumbers, info: { encoding: 'utf-8', delimiter: ',', rows } };
}

/** Reads one table file; `undefined` (with a problem) when it is no Parquet or lacks a required column. */
async function readTable(table: CsvTableName, bytes: Uint8Array | ArrayBuffer, problems: CsvProblems): Promise<TableRead | undefined> {
  const buffer = bytes instanceof ArrayBuffer ? bytes : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const file = parquetFileOf(table);
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (error) {
    problems.add('parquet-unreadable', 'error', { file, reason: error instanceof Error ? error.message : String(error) }, { file });
    return undefined;
  }
  const columns = usableColumns(table, metadata, problems);
  if (!columns) return { records: [], rows: [], info: { encoding: 'utf-8', delimiter: ',', rows: 0 } };
  try {
    const data = await readColumns(
      buffer,
      metadata,
      columns.map((c) => c.csv.name),
    );
    return rowsToRecords(table, columns, data, Number(metadata.num_rows), problems);
  } catch (error) {
    problems.add('parquet-unreadable', 'error', { file, reason: error instanceof Error ? error.message : String(error) }, { file });
    return undefined;
  }
}

/** @internal The parsed `toile-parquet.json`, or a problem saying why it could not be read. */
export function readMetadata(input: ParquetPackageFiles['metadata']): { metadata?: Partial<ParquetPackageMetadata>; problem?: Problem } {
  if (input === undefined || typeof input === 'object') return { metadata: input };
  try {
    const parsed = JSON.parse(input.replace(/^\uFEFF/, '')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { metadata: parsed as Partial<ParquetPackageMetadata> };
    throw new Error('not a JSON object');
  } catch (error) {
    const params = { file: PARQUET_METADATA_FILE, reason: error instanceof Error ? error.message : String(error) };
    const problem: Problem = {
      pointer: '',
      severity: 'warning',
      code: 'parquet-metadata',
      message: semanticMessage('parquet-metadata', params),
      params,
      location: { file: PARQUET_METADATA_FILE },
    };
    return { problem };
  }
}

/** A problem of the CSV machinery told in the Parquet package's file names (`flows.csv` → `flows.parquet`). */
function toParquetNames(problem: Problem): void {
  const rename = (file: string) => file.replace(/^(establishments|flows|resources|capabilities)\.csv$/, '$1.parquet');
  if (problem.location) problem.location = { ...problem.location, file: rename(problem.location.file) };
  if (typeof problem.params?.file === 'string' && problem.params.file !== rename(problem.params.file)) {
    problem.params = { ...problem.params, file: rename(problem.params.file) };
    problem.message = semanticMessage(problem.code as SemanticCode, problem.params);
  }
}

/**
 * Imports a Parquet package (see `exportParquetPackage`). Pure and browser-safe: give it the
 * files' bytes (see `readParquetPackage` in `@toile/sdk/node` for a folder). A table absent from
 * `toile-parquet.json` (`resources` of a document that had none) stays absent from the document.
 *
 * @example
 * ```ts
 * const { data, problems } = await importParquetPackage({ establishments, flows, metadata });
 * ```
 */
export async function importParquetPackage(files: ParquetPackageFiles, options: ParquetImportOptions = {}): Promise<ParquetImportResult> {
  const maxProblems = options.maxProblems ?? 1000;
  const { metadata, problem: metadataProblem } = readMetadata(files.metadata);
  const streamed: Partial<Record<CsvTableName, { read: TableRead; problems: CsvProblems }>> = {};
  const tables: ParquetImportResult['tables'] = {};
  for (const table of PARQUET_TABLES) {
    const bytes = files[table];
    if (bytes === undefined) continue;
    const problems = new CsvProblems(maxProblems);
    const read = await readTable(table, bytes, problems);
    const listed = metadata?.tables ? Object.hasOwn(metadata.tables, table) : table !== 'resources' || (read?.records.length ?? 0) > 0;
    if (!listed && (read?.records.length ?? 0) === 0 && problems.list.length === 0) continue;
    streamed[table] = { read: read ?? { records: [], rows: [], info: { encoding: 'utf-8', delimiter: ',', rows: 0 } }, problems };
    tables[table] = { rows: read?.records.length ?? 0 };
  }
  const header: CsvPackageFiles['datapackage'] = {
    toile: { territory: options.territory ?? (metadata?.territory as Territory | undefined), meta: options.meta ?? (metadata?.meta as Meta | undefined) },
  };
  const result = importCsvFiles({ datapackage: header }, { ...options, maxProblems }, new Map(), streamed);
  const { files: _files, ...validation } = result;
  for (const p of validation.problems) toParquetNames(p);
  if (metadataProblem) {
    validation.problems.unshift(metadataProblem);
    validation.warnings++;
  }
  return { ...validation, tables };
}
