/**
 * CSV data package → Toile document. Cells are read with papaparse (quotes, embedded line breaks,
 * CRLF), converted by the column tables of @toile/schema, assembled into a document and validated;
 * every problem carries the file, spreadsheet row and column it comes from, and good rows are kept.
 */
import Papa from 'papaparse';
import { CSV_TABLE_NAMES, CSV_TABLES, FORMAT_VERSION, type CsvColumn, type CsvTableName, type Meta, type Territory, type ToileDocument } from '@toile/schema';
import { semanticMessage, type MessageParams, type SemanticCode } from '../validate/messages.ts';
import { validateToile, type Problem, type ValidationResult } from '../validate/validate.ts';
import { parsePointer } from '../util/pointer.ts';
import { unescapeFormulaCell } from './cell.ts';
import { eachCsvRow, eachCsvRowCells, plainQuotes, type CsvCells } from './rows.ts';
import { FastCell, fastCellOf, plainEnds, plainNumberAt } from './cell-ranges.ts';
import { decodeCsvBytes, detectDelimiter, lineEndingsOf, normaliseLineEndings, type CsvEncoding } from './decode.ts';
import { isConfidentiality, isConfidentialityAlias, readConfidentiality } from '../publish/audience.ts';
import { fileSizeLimit, fileTooLargeProblem } from '../io/limits.ts';
import { attachCapabilities, capabilityLocation } from './capabilities.ts';
import { setAtPath } from '../util/record-path.ts';
import type { TableBuilder } from '../columnar/builder.ts';

/** The files of a CSV package: bytes (any encoding) or already-decoded text. */
export interface CsvPackageFiles {
  establishments?: Uint8Array | string;
  flows?: Uint8Array | string;
  resources?: Uint8Array | string;
  /** `capabilities.csv`: the establishments' capabilities, one row each with its establishment's id. */
  capabilities?: Uint8Array | string;
  /** Parsed or raw `datapackage.json`; its `toile` property gives the territory and metadata. */
  datapackage?: Record<string, unknown> | string;
}

/** Options of {@link importCsvPackage}. */
export interface CsvImportOptions {
  /** Territory when the package has no datapackage.json (default: id `import`). */
  territory?: Territory;
  /** Metadata when the package has no datapackage.json. */
  meta?: Meta;
  /** At most this many problems are listed. Default 1000. */
  maxProblems?: number;
  /**
   * Largest file read, in bytes: a larger table is refused with a `file-too-large` problem instead
   * of aborting the process. In memory: default 500 MiB, at most V8's longest string. Streamed from
   * disk by `readCsvPackage`: default 500 MiB or 1/20 of Node's heap limit, the smaller; no cap.
   */
  maxFileBytes?: number;
}

/**
 * A file the reader would not read (too large, outside the package folder, reached through a
 * redirect to another origin): its problem stands in for the file.
 */
export type RefusedFiles = ReadonlyMap<CsvTableName | 'datapackage', Problem>;

/** How one file was read. */
export interface CsvFileInfo {
  encoding: CsvEncoding;
  delimiter: ',' | ';' | '\t';
  /** Data rows read (header and blank lines excluded). */
  rows: number;
}

/** The outcome of a CSV import: the validated document plus how each file was read. */
export interface CsvImportResult extends ValidationResult {
  files: Partial<Record<CsvTableName, CsvFileInfo>>;
}

const TRUE_WORDS = new Set(['true', '1', 'oui', 'yes', 'vrai', 'x', 'o', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'non', 'no', 'faux', 'n']);
const NUMBER_PATTERN = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
// Spaces, no-break spaces and narrow no-break spaces: thousands separators in French exports.
const SPACES = /[\s\u00a0\u202f]/g;

/** True when every character of `cell` is a digit, `+`, `-`, `.`, `e` or `E`. */
function isPlainNumberText(cell: string): boolean {
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    // 0-9, then + - . e E
    if ((c < 48 || c > 57) && c !== 43 && c !== 45 && c !== 46 && c !== 101 && c !== 69) return false;
  }
  return true;
}

/** Reads a number cell; `decimalComma` when the file is `;`-separated (Excel in French). */
export function parseCsvNumber(cell: string, decimalComma: boolean): number | undefined {
  // Most cells are plain digits, sign, point and exponent: no space or comma to take out first.
  if (isPlainNumberText(cell)) return NUMBER_PATTERN.test(cell) ? Number(cell) : undefined;
  let s = cell.replace(SPACES, '');
  if (decimalComma && s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  return NUMBER_PATTERN.test(s) ? Number(s) : undefined;
}

/**
 * @internal One table read: its records (none when read into columns), the spreadsheet row of each,
 * how the file was read.
 */
export interface TableRead {
  records: Record<string, unknown>[];
  /** Spreadsheet row of each record (header = row 1). */
  rows: number[];
  info: CsvFileInfo;
}

/** @internal Problems found while reading, listed up to a maximum, counted exactly. */
export class CsvProblems {
  readonly list: Problem[] = [];
  constructor(private readonly max: number) {}
  count = { errors: 0, warnings: 0 };
  add(code: SemanticCode, severity: Problem['severity'], params: MessageParams, location: Problem['location'], pointer = ''): void {
    if (severity === 'error') this.count.errors++;
    else this.count.warnings++;
    if (this.list.length >= this.max) return;
    this.list.push({ pointer, severity, code, message: semanticMessage(code, params), params, ...(location ? { location } : {}) });
  }
  push(problem: Problem): void {
    if (problem.severity === 'error') this.count.errors++;
    else this.count.warnings++;
    if (this.list.length < this.max) this.list.push(problem);
  }
  /** Takes the problems of another list (a table read on its own), in order. */
  absorb(other: CsvProblems): void {
    this.count.errors += other.count.errors;
    this.count.warnings += other.count.warnings;
    for (const problem of other.list) if (this.list.length < this.max) this.list.push(problem);
  }
}

/**
 * What the row handler reads of one papaparse step (a structural copy of `Papa.ParseStepResult`:
 * the published declarations then need no `@types/papaparse` in a consumer's project).
 */
export interface CsvStepResult {
  data: string[];
  errors: readonly { message: string }[];
}

/** The known columns a header names (in table order, with their place in the file), and its problems. */
function readHeader(table: CsvTableName, header: readonly string[], problems: CsvProblems) {
  const file = `${table}.csv`;
  const columns = CSV_TABLES[table];
  const positions = columns.map((c) => header.indexOf(c.name));
  const present = columns.map((column, c) => ({ column, at: positions[c] as number, index: c })).filter((p) => p.at !== -1);
  header.forEach((name, i) => {
    if (name === '') return;
    const known = columns.some((c) => c.name === name);
    if (!known) problems.add('csv-unknown-column', 'warning', { column: name }, { file, row: 1, column: name });
    else if (header.indexOf(name) !== i) problems.add('csv-duplicate-column', 'warning', { column: name }, { file, row: 1, column: name });
  });
  const missing = columns.filter((c, i) => c.required && positions[i] === -1);
  for (const c of missing) problems.add('csv-missing-column', 'error', { column: c.name, table }, { file, row: 1, column: c.name });
  return { present, skipTable: missing.length > 0 };
}

/**
 * @internal The row handler of one table, for papaparse's `step`: the same whether the text is in
 * memory ({@link importCsvPackage}) or streamed from a file (`readCsvPackage`).
 */
export function tableStep(
  table: CsvTableName,
  info: CsvFileInfo,
  problems: CsvProblems,
  into?: TableBuilder,
): { step: (results: CsvStepResult) => void; cellsStep: (text: string, cells: CsvCells) => void; read: TableRead } {
  const rows = new TableRows(table, info, problems, into);
  return { read: rows.read, step: (results) => rows.step(results), cellsStep: (text, cells) => rows.cellsStep(text, cells) };
}

/** The rows of one table as they are read (see {@link tableStep}). */
class TableRows {
  readonly read: TableRead;
  readonly #file: string;
  readonly #decimalComma: boolean;
  readonly #columns: readonly CsvColumn[];
  #header: string[] = [];
  /**
   * The known columns the file has, in table order, each with its position in the file, and how a
   * plain cell of it is read where it lies (see {@link cellsStep}).
   */
  #present: (ReturnType<typeof readHeader>['present'][number] & { fast: FastCell })[] = [];
  #skipTable = false;
  #row = 0;
  /** A row in template order: a record, or a row of `into`. */
  readonly #values: unknown[];
  #target = -1;
  #index = 0;

  constructor(
    readonly table: CsvTableName,
    readonly info: CsvFileInfo,
    readonly problems: CsvProblems,
    readonly into: TableBuilder | undefined,
  ) {
    this.read = { records: [], rows: [], info };
    this.#file = `${table}.csv`;
    this.#decimalComma = info.delimiter === ';';
    this.#columns = CSV_TABLES[table];
    this.#values = new Array(this.#columns.length);
  }

  /** One row as papaparse gives it. */
  step(results: CsvStepResult): void {
    const row = ++this.#row;
    for (const error of results.errors) {
      // Papaparse reports unterminated quotes and the like; what it could read is kept.
      this.problems.add('csv-syntax', 'error', { reason: error.message, reasonEn: error.message }, { file: this.#file, row });
    }
    const cells = results.data;
    if (row === 1) {
      this.#header = cells.map((h) => h.trim().toLowerCase());
      const read = readHeader(this.table, this.#header, this.problems);
      this.#skipTable = read.skipTable;
      this.#present = read.present.map((p) => ({ ...p, fast: this.into ? fastCellOf(p.column) : FastCell.None }));
      return;
    }
    if (!this.#beginRow(cells.length, cells[0])) return;
    for (const { column, at, index: c } of this.#present) {
      const cell = cells[at]?.trim();
      if (cell) this.#readCell(column, c, cell);
    }
    this.#endRow();
  }

  /**
   * A row given as places in `text` ({@link eachCsvRowCells}), for a reader into columns: a plain
   * cell of a code, text or number column is read where it lies (a code found by its characters, a
   * number read from its digits), with no string made for it; any other cell goes the way of
   * {@link step}, as a string. The same rows and problems as {@link step} (tested).
   */
  cellsStep(text: string, cells: CsvCells): void {
    const into = this.into;
    if (this.#row === 0 || !into) return this.step({ data: cells.texts(text), errors: [] });
    this.#row++;
    if (!this.#beginRow(cells.count, cells.count === 1 ? cells.text(text, 0) : undefined)) return;
    const { start: starts, end: ends, count } = cells;
    const present = this.#present;
    const target = this.#target;
    for (let k = 0; k < present.length; k++) {
      const { column, at, index: c, fast } = present[k]!;
      if (at >= count) continue;
      const start = starts[at]!;
      const end = ends[at]!;
      if (start === end) continue;
      if (fast !== FastCell.None && cells.escaped[at] === 0 && plainEnds(text, start, end)) {
        if (fast === FastCell.Code) {
          into.setCode(c, target, into.codeOfRange(c, text, start, end));
          continue;
        }
        if (fast === FastCell.Text) {
          into.setText(c, target, text.slice(start, end));
          continue;
        }
        const number = plainNumberAt(text, start, end);
        if (number === number && (fast === FastCell.Number || Number.isInteger(number))) {
          into.setNumber(c, target, number);
          continue;
        }
      }
      const cell = cells.text(text, at).trim();
      if (cell !== '') this.#readCell(column, c, cell);
    }
    this.#endRow();
  }

  /** The start of a row (its number counted; `first`: its first cell): false when it is not read (blank line, table skipped). */
  #beginRow(count: number, first: string | undefined): boolean {
    if (this.#skipTable) return false;
    if (count === 1 && (first ?? '').trim() === '') return false; // blank line
    const expected = this.#header.length;
    if (count !== expected) this.problems.add('csv-ragged-row', 'warning', { found: count, expected }, { file: this.#file, row: this.#row });
    // Into columns, each cell is set as it is read; into a record, one array of values serves
    // every row (a row's values are taken before the next is read).
    this.#target = this.into ? this.into.beginRow() : -1;
    if (!this.into) this.#values.fill(undefined);
    this.#index = this.read.rows.length;
    return true;
  }

  #endRow(): void {
    if (!this.into) this.read.records.push(recordOf(this.#columns, this.#values));
    this.read.rows.push(this.#row);
    this.info.rows = this.read.rows.length;
  }

  /** One cell (trimmed, not empty) of the row being read. */
  #readCell(column: CsvColumn, c: number, cell: string): void {
    const { table, problems, into } = this;
    const place = { file: this.#file, row: this.#row, column: column.name };
    if (column.name === 'confidentiality') {
      // The kit's one reading of a level: French words and case variants are aliases, any
      // other word is the strictest level (never dropped to the default, `public`).
      const level = readConfidentiality(cell);
      if (!isConfidentiality(cell) && !isConfidentialityAlias(cell)) {
        problems.add('unknown-confidentiality', 'warning', { value: cell, level }, place, `/${table}/${this.#index}/confidentiality`);
      }
      if (into) into.setValue(c, this.#target, level);
      else this.#values[c] = level;
      return;
    }
    const value = convertCell(column, cell, this.#decimalComma);
    if (value === undefined) {
      const code: SemanticCode = column.type === 'boolean' ? 'csv-invalid-boolean' : column.type === 'integer' ? 'csv-invalid-integer' : 'csv-invalid-number';
      problems.add(code, 'error', { value: cell }, place, `/${table}/${this.#index}/${column.path.join('/')}`);
      return;
    }
    if (into) into.setValue(c, this.#target, value);
    else this.#values[c] = value;
  }
}

/** A record of the document form from a row's values in template order. */
function recordOf(columns: readonly CsvColumn[], values: readonly unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let c = 0; c < columns.length; c++) if (values[c] !== undefined) setAtPath(record, columns[c]!.path, values[c]);
  return record;
}

/** @internal One table from its bytes or text: as records, or into the columns of `into`. */
export function readTable(table: CsvTableName, input: Uint8Array | string, problems: CsvProblems, into?: TableBuilder): TableRead {
  const decoded = typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: 'utf-8' as const } : decodeCsvBytes(input);
  const delimiter = detectDelimiter(decoded.text);
  // One line ending throughout (the usual case) is split by papaparse itself; mixed ones are made
  // uniform first, quoted cells left alone.
  const endings = lineEndingsOf(decoded.text);
  const text = endings === 'mixed' ? normaliseLineEndings(decoded.text, delimiter) : decoded.text;
  const { step, cellsStep, read } = tableStep(table, { encoding: decoded.encoding, delimiter, rows: 0 }, problems, into);
  const newline = endings === 'mixed' ? '\n' : endings;
  // Plain quotes (the usual case): cut here, as papaparse would, with no string per line and no
  // array per row (see `rows.ts`); anything else is papaparse's to read and report.
  if (plainQuotes(text, delimiter, newline)) {
    if (into) eachCsvRowCells(text, delimiter, newline, (cells) => cellsStep(text, cells));
    else eachCsvRow(text, delimiter, newline, step);
  }
  // Row by row (papaparse's `step`): each row's cells become garbage at once instead of a
  // 500k-row array of arrays, which halves the time spent collecting garbage on large files.
  else Papa.parse<string[]>(text, { delimiter, newline, header: false, skipEmptyLines: false, step });
  return read;
}

function convertCell(column: CsvColumn, cell: string, decimalComma: boolean): unknown {
  switch (column.type) {
    case 'string':
      return unescapeFormulaCell(cell);
    case 'number':
      return parseCsvNumber(cell, decimalComma);
    case 'integer': {
      const n = parseCsvNumber(cell, decimalComma);
      return n !== undefined && Number.isInteger(n) ? n : undefined;
    }
    case 'boolean': {
      const word = cell.toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
    }
    case 'list':
      return unescapeFormulaCell(cell)
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s !== '');
  }
}

/** @internal The territory and metadata of a package: its datapackage.json's `toile`, else the options. */
export function toileHeader(datapackage: CsvPackageFiles['datapackage'], options: CsvImportOptions): { territory: Territory; meta: Meta } {
  let descriptor: Record<string, unknown> | undefined;
  if (typeof datapackage === 'string') {
    try {
      descriptor = JSON.parse(datapackage.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    } catch {
      descriptor = undefined;
    }
  } else descriptor = datapackage;
  const toile = (descriptor?.toile ?? {}) as { territory?: Territory; meta?: Meta };
  const title = typeof descriptor?.title === 'string' ? descriptor.title : undefined;
  return {
    territory: options.territory ?? toile.territory ?? { id: 'import', name: title ?? 'Import CSV' },
    meta: options.meta ?? toile.meta ?? { title: title ?? 'Import CSV' },
  };
}

/**
 * @internal The tables of a package, each read by `read` or taken as the reader streamed it; a file
 * refused (too large, outside the package) or missing is said in `problems`, in table order.
 */
export function readPackageTables<R>(
  files: CsvPackageFiles,
  options: CsvImportOptions,
  refused: RefusedFiles,
  streamed: Partial<Record<CsvTableName, { read: R; problems: CsvProblems }>>,
  problems: CsvProblems,
  read: (table: CsvTableName, input: Uint8Array | string) => R,
): Partial<Record<CsvTableName, R>> {
  const limit = fileSizeLimit(options.maxFileBytes);
  const tables: Partial<Record<CsvTableName, R>> = {};
  const datapackageRefused = refused.get('datapackage');
  if (datapackageRefused) problems.push(datapackageRefused);
  for (const table of CSV_TABLE_NAMES) {
    const input = files[table];
    const file = `${table}.csv`;
    const refusal =
      refused.get(table) ?? (typeof input === 'object' && input.byteLength > limit ? fileTooLargeProblem(file, input.byteLength, limit) : undefined);
    if (refusal) {
      problems.push(refusal);
      continue;
    }
    const done = streamed[table];
    if (done) {
      problems.absorb(done.problems);
      tables[table] = done.read;
    } else if (input !== undefined) tables[table] = read(table, input);
    else if (table === 'establishments' || table === 'flows') problems.add('csv-missing-file', 'error', { file }, { file });
  }
  return tables;
}

/**
 * Imports a CSV data package. Pure: give it the files' bytes or texts (see `readCsvPackage` for
 * reading a folder in Node). Accepts `,` or `;` delimiters (decimal commas with `;`), UTF-8 with or
 * without BOM, UTF-16 with BOM and Windows-1252, CRLF, quoted cells with line breaks, empty cells.
 */
export function importCsvPackage(files: CsvPackageFiles, options: CsvImportOptions = {}): CsvImportResult {
  return importCsvFiles(files, options, new Map());
}

/**
 * {@link importCsvPackage}, told which files the reader refused (`readCsvPackage`, the URL loader):
 * their problems are listed instead of "missing file".
 */
export function importCsvFiles(
  files: CsvPackageFiles,
  options: CsvImportOptions,
  refused: RefusedFiles,
  streamed: Partial<Record<CsvTableName, { read: TableRead; problems: CsvProblems }>> = {},
): CsvImportResult {
  const maxProblems = options.maxProblems ?? 1000;
  const problems = new CsvProblems(maxProblems);
  const tables = readPackageTables(files, options, refused, streamed, problems, (table, input) => readTable(table, input, problems));
  const attached = tables.capabilities ? attachCapabilities(tables.establishments?.records ?? [], tables.capabilities, problems) : undefined;
  const { territory, meta } = toileHeader(files.datapackage, options);
  const doc = {
    toile: FORMAT_VERSION,
    territory,
    meta,
    establishments: tables.establishments?.records ?? [],
    flows: tables.flows?.records ?? [],
    ...(tables.resources ? { resources: tables.resources.records } : {}),
  } as unknown as ToileDocument;
  const result = validateToile(doc, { maxProblems: Math.max(0, maxProblems - problems.list.length) });
  // Validation speaks in JSON pointers; put back the file, row and column they come from.
  for (const p of result.problems) {
    const [table, index, ...rest] = parsePointer(p.pointer);
    const read = tables[table as CsvTableName];
    if (!read || index === undefined) continue;
    const inCapabilities = attached && table === 'establishments' ? capabilityLocation(attached, Number(index), rest) : undefined;
    if (inCapabilities) {
      p.location = inCapabilities;
      continue;
    }
    const row = read.rows[Number(index)];
    const column = CSV_TABLES[table as CsvTableName].find((c) => rest.length > 0 && rest.every((t, i) => c.path[i] === t));
    p.location = { file: `${table}.csv`, ...(row ? { row } : {}), ...(column ? { column: column.name } : {}) };
  }
  const filesInfo: Partial<Record<CsvTableName, CsvFileInfo>> = {};
  for (const table of CSV_TABLE_NAMES) if (tables[table]) filesInfo[table] = tables[table]!.info;
  const errors = result.errors + problems.count.errors;
  const warnings = result.warnings + problems.count.warnings;
  const listed = [...problems.list, ...result.problems];
  return {
    ...result,
    valid: errors === 0,
    errors,
    warnings,
    problems: listed,
    truncated: errors + warnings > listed.length,
    files: filesInfo,
  };
}
