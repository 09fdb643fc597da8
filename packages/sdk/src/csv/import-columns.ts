/**
 * CSV data package → columnar form: the rows papaparse reads go straight into columns (no object
 * per record), then `validateColumns` checks them. Same cells, conversions, problems and places
 * (file, spreadsheet row, column) as `importCsvPackage`, which gives a document (tested).
 */
import { CSV_TABLE_NAMES, type CsvTableName } from '@toile/schema';
import { seedReferences, TableBuilder } from '../columnar/builder.ts';
import { cellString, type TableColumns, type ToileColumns } from '../columnar/columns.ts';
import { keepRows } from '../columnar/rows.ts';
import { validateColumns, type ColumnsValidationResult } from '../columnar/validate.ts';
import { FORMAT_VERSION } from '@toile/schema';
import {
  CsvProblems,
  readPackageTables,
  readTable,
  toileHeader,
  type CsvFileInfo,
  type CsvImportOptions,
  type CsvPackageFiles,
  type RefusedFiles,
  type TableRead,
} from './import.ts';

/** One table read into columns: the columns, and the spreadsheet row of each of their rows. */
export interface TableColumnsRead {
  columns: TableColumns;
  read: TableRead;
}

/** The outcome of {@link importCsvColumns}: the validated columns, the problems, how each file was read. */
export interface CsvColumnsResult extends ColumnsValidationResult {
  files: Partial<Record<CsvTableName, CsvFileInfo>>;
}

const EMPTY: TableColumns = { rows: 0, columns: {} };
const CAPABILITIES_FILE = 'capabilities.csv';

/**
 * Imports a CSV data package into the columnar form (see `importCsvPackage` for the document form:
 * same files accepted, same problems). Pure: give it the files' bytes or texts; `readCsvColumns`
 * streams a folder from disk.
 *
 * @example
 * ```ts
 * const { data, problems } = importCsvColumns({ establishments, flows, datapackage });
 * const index = buildIndexFromColumns(data);
 * ```
 */
export function importCsvColumns(files: CsvPackageFiles, options: CsvImportOptions = {}): CsvColumnsResult {
  return importCsvColumnsFiles(files, options, new Map());
}

/** @internal {@link importCsvColumns}, told which files the reader refused and given the tables it streamed. */
export function importCsvColumnsFiles(
  files: CsvPackageFiles,
  options: CsvImportOptions,
  refused: RefusedFiles,
  streamed: Partial<Record<CsvTableName, { read: TableColumnsRead; problems: CsvProblems }>> = {},
): CsvColumnsResult {
  const maxProblems = options.maxProblems ?? 1000;
  const problems = new CsvProblems(maxProblems);
  // The establishments' ids, once read: the reference columns read after them start from them.
  let ids: readonly (string | undefined)[] = [];
  const reads = readPackageTables(files, options, refused, streamed, problems, (table, input): TableColumnsRead => {
    const into = new TableBuilder(table);
    seedReferences(into, ids);
    const read = readTable(table, input, problems, into);
    const columns = into.finish();
    if (table === 'establishments') ids = idsOf(columns);
    return { columns, read };
  });
  if (reads.capabilities) reads.capabilities = attachCapabilityRows(reads.establishments?.columns ?? EMPTY, reads.capabilities, problems);
  const { territory, meta } = toileHeader(files.datapackage, options);
  const data: ToileColumns = {
    toile: FORMAT_VERSION,
    territory,
    meta,
    tables: Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, reads[t]?.columns ?? EMPTY])) as Record<CsvTableName, TableColumns>,
  };
  const result = validateColumns(data, {
    maxProblems: Math.max(0, maxProblems - problems.list.length),
    fileOf: (t) => (reads[t] ? `${t}.csv` : undefined),
    rowOf: (t, r) => reads[t]?.read.rows[r],
  });
  const filesInfo: Partial<Record<CsvTableName, CsvFileInfo>> = {};
  for (const table of CSV_TABLE_NAMES) if (reads[table]) filesInfo[table] = reads[table].read.info;
  const errors = result.errors + problems.count.errors;
  const warnings = result.warnings + problems.count.warnings;
  const listed = [...problems.list, ...result.problems];
  return { ...result, valid: errors === 0, errors, warnings, problems: listed, truncated: errors + warnings > listed.length, files: filesInfo };
}

/**
 * The capability rows that name an establishment (the first with their id, as `importCsvPackage`
 * attaches them); a row naming none is an error at its `establishment` cell and is not kept. The
 * problems already found in the table get the capability's pointer in the document form
 * (`/establishments/4/capabilities/1/…`), as in `importCsvPackage`.
 */
function attachCapabilityRows(establishments: TableColumns, capabilities: TableColumnsRead, problems: CsvProblems): TableColumnsRead {
  const owner = new Map<string, number>();
  for (let i = establishments.rows - 1; i >= 0; i--) {
    const id = cellString(establishments.columns['id'], i);
    if (id !== undefined) owner.set(id, i);
  }
  const { columns, read } = capabilities;
  const keep = new Uint8Array(columns.rows);
  const placements: (string | undefined)[] = new Array(columns.rows);
  const count = new Map<number, number>();
  for (let k = 0; k < columns.rows; k++) {
    const link = cellString(columns.columns['establishment'], k);
    const i = link === undefined ? undefined : owner.get(link);
    if (i === undefined) {
      problems.add('unknown-establishment', 'error', { id: link ?? '' }, { file: CAPABILITIES_FILE, row: read.rows[k]!, column: 'establishment' });
      continue;
    }
    const j = count.get(i) ?? 0;
    count.set(i, j + 1);
    placements[k] = `/establishments/${i}/capabilities/${j}`;
    keep[k] = 1;
  }
  for (const p of problems.list) {
    if (p.location?.file !== CAPABILITIES_FILE) continue;
    const m = /^\/capabilities\/([0-9]+)(\/.*)?$/.exec(p.pointer);
    if (!m) continue;
    const base = placements[Number(m[1])];
    p.pointer = base === undefined ? '' : `${base}${m[2] ?? ''}`;
  }
  const rows = read.rows.filter((_, k) => keep[k]);
  return { columns: keepRows(columns, keep), read: { ...read, rows } };
}

/** The id column of a table read (none when it has no text ids). */
export function idsOf(table: TableColumns): readonly (string | undefined)[] {
  const id = table.columns['id'];
  return id?.type === 'text' ? id.values : [];
}
