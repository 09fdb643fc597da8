/** Reading a CSV data package from disk (Node only). */
import { createReadStream } from 'node:fs';
import { open, readFile, realpath, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { getHeapStatistics } from 'node:v8';
import Papa from 'papaparse';
import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { CSV_TABLE_NAMES, type CsvTableName } from '@toile/schema';
import type { Problem } from '../validate/validate.ts';
import { semanticMessage } from '../validate/messages.ts';
import { fileSizeLimit, fileTooLargeProblem, streamedFileLimit } from '../io/limits.ts';
import { CsvProblems, importCsvFiles, tableStep, type CsvImportOptions, type CsvImportResult, type CsvPackageFiles, type TableRead } from './import.ts';
import { detectDelimiter, LineEndingNormaliser, type CsvEncoding } from './decode.ts';
import { seedReferences, TableBuilder } from '../columnar/builder.ts';
import { idsOf, importCsvColumnsFiles, type CsvColumnsResult, type TableColumnsRead } from './import-columns.ts';

/** True when `path` (a real path) is inside the folder `root` (a real path). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function outsideProblem(file: string): Problem {
  const params = { file, reason: 'lien symbolique', reasonEn: 'symbolic link' };
  return { pointer: '', severity: 'error', code: 'file-outside-package', message: semanticMessage('file-outside-package', params), params, location: { file } };
}

type FileFound = { real: string } | { refused: Problem } | undefined;

/**
 * Finds one file of the package: its real path (links resolved) must stay inside the package's
 * real folder — a link to `/etc/passwd` is refused without reading it — and its size within the
 * limit, checked before reading. Missing or not a regular file: `undefined`.
 */
async function findPackageFile(root: string, path: string, name: string, limit: { bytes: number; streamed: boolean; heapMb?: number }): Promise<FileFound> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return undefined;
  if (!isInside(root, real)) return { refused: outsideProblem(name) };
  const info = await stat(real).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  if (info.size > limit.bytes) return { refused: fileTooLargeProblem(name, info.size, limit.bytes, limit.streamed, limit.heapMb) };
  return { real };
}

/** The encoding of a file, as `decodeCsvBytes` decides it, without holding the file: BOM, else a streamed strict UTF-8 pass. */
async function fileEncoding(path: string): Promise<CsvEncoding> {
  const handle = await open(path);
  const head = Buffer.alloc(3);
  try {
    await handle.read(head, 0, 3, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) strict.decode(chunk as Buffer, { stream: true });
    strict.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The text of a file, piece by piece (a byte-order mark is dropped by the decoder). */
async function* decodedPieces(path: string, encoding: CsvEncoding): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/**
 * Longest line read from a CSV file, in characters. A spreadsheet cell holds at most 32,767 and a
 * row of the template's columns far less: a longer line is no table row (a file of zeros, a binary
 * file renamed) and would have to be held whole before papaparse could cut it.
 */
const MAX_CSV_LINE = 1 << 24;

/**
 * Reads one table streamed from its file: the file is never one string, so its size is not bound
 * by V8's longest string, and memory holds the records, not the text. Same rows, cells and
 * problems as the in-memory import.
 */
async function streamTable(path: string, table: CsvTableName, maxProblems: number, into?: TableBuilder): Promise<{ read: TableRead; problems: CsvProblems }> {
  const encoding = await fileEncoding(path);
  const pieces = decodedPieces(path, encoding);
  const problems = new CsvProblems(maxProblems);
  // The delimiter is read from the header line: pieces are gathered until it is whole.
  let head = '';
  let tooLong = false;
  for (let next = await pieces.next(); ; next = await pieces.next()) {
    if (next.done) break;
    head += next.value;
    if (/[\r\n]/.test(head)) break;
    if ((tooLong = head.length > MAX_CSV_LINE)) break;
  }
  const delimiter = detectDelimiter(head);
  const normaliser = new LineEndingNormaliser(delimiter);
  // Only whole lines go to papaparse; the open one waits. A line longer than MAX_CSV_LINE ends the
  // reading there: the rows before it are kept, none of it is read.
  let pending = '';
  const wholeLines = (text: string): string => {
    const firstBreak = text.indexOf('\n');
    if (pending.length + (firstBreak < 0 ? text.length : firstBreak) > MAX_CSV_LINE) {
      tooLong = true;
      return '';
    }
    const all = pending + text;
    const last = all.lastIndexOf('\n');
    pending = last < 0 ? all : all.slice(last + 1);
    return last < 0 ? '' : all.slice(0, last + 1);
  };
  async function* normalised(): AsyncGenerator<string, void, undefined> {
    if (tooLong) return;
    for (let piece: string | undefined = head; piece !== undefined;) {
      const text = wholeLines(normaliser.push(piece));
      if (tooLong) return;
      if (text !== '') yield text;
      const next = await pieces.next();
      piece = next.done ? undefined : next.value;
    }
    if (pending !== '') yield pending;
  }
  const { step, read } = tableStep(table, { encoding, delimiter, rows: 0 }, problems, into);
  try {
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(Readable.from(normalised()), {
        delimiter,
        newline: '\n',
        header: false,
        skipEmptyLines: false,
        step,
        complete: () => resolve(),
        error: (error) => reject(error),
      });
    });
  } finally {
    // Reading stopped early (a line too long) leaves the file's stream open: close it.
    await pieces.return(undefined);
  }
  if (tooLong) problems.add('csv-line-too-long', 'error', { max: MAX_CSV_LINE, after: read.rows.at(-1) ?? 1 }, { file: `${table}.csv` });
  return { read, problems };
}

/** A package's datapackage.json (as text), the files refused, and the real path of each table found. */
interface PackageSources {
  files: CsvPackageFiles;
  refused: Map<CsvTableName | 'datapackage', Problem>;
  tables: Partial<Record<CsvTableName, string>>;
}

/** Finds the files of the package at `path` (see {@link readCsvPackage} for the rules). */
async function packageSources(path: string, options: CsvImportOptions, into: 'records' | 'columns'): Promise<PackageSources> {
  const info = await stat(path);
  const dir = info.isDirectory() ? path : dirname(path);
  const root = await realpath(dir);
  const limit = { bytes: fileSizeLimit(options.maxFileBytes), streamed: false };
  const files: CsvPackageFiles = {};
  const refused = new Map<CsvTableName | 'datapackage', Problem>();
  const paths: Record<string, string> = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, `${t}.csv`]));
  const named = !info.isDirectory() && basename(path) === 'datapackage.json';
  const descriptor = await findPackageFile(
    named ? dirname(await realpath(path)) : root,
    named ? path : join(dir, 'datapackage.json'),
    'datapackage.json',
    limit,
  );
  if (descriptor && 'refused' in descriptor) refused.set('datapackage', descriptor.refused);
  const descriptorText = descriptor && 'real' in descriptor ? await readFile(descriptor.real, 'utf8').catch(() => undefined) : undefined;
  if (descriptorText !== undefined) {
    files.datapackage = descriptorText;
    try {
      const parsed = JSON.parse(descriptorText.replace(/^\uFEFF/, '')) as { resources?: { name?: unknown; path?: unknown }[] };
      for (const resource of parsed.resources ?? []) {
        const name = String(resource.name);
        const relativePath = typeof resource.path === 'string' ? normalize(resource.path) : undefined;
        if (relativePath && name in paths && !isAbsolute(relativePath) && !relativePath.startsWith('..') && !/^[a-z]+:/i.test(relativePath)) {
          paths[name] = relativePath;
        }
      }
    } catch {
      // A broken descriptor only loses its territory and metadata: the tables are still read.
    }
  }
  // Tables are streamed: V8's longest string does not bound them, the heap does.
  const tableLimit = streamedFileLimit(options.maxFileBytes, getHeapStatistics().heap_size_limit, into);
  const tables: PackageSources['tables'] = {};
  for (const table of CSV_TABLE_NAMES) {
    const found = await findPackageFile(root, join(dir, paths[table] as string), `${table}.csv`, tableLimit);
    if (found && 'refused' in found) refused.set(table, found.refused);
    else if (found) tables[table] = found.real;
  }
  return { files, refused, tables };
}

/**
 * The size in bytes of each table file of the package at `path`, found as the readers find them
 * (datapackage.json's resource paths, links kept inside the folder), before any is read.
 */
export async function csvTableSizes(path: string): Promise<Partial<Record<CsvTableName, number>>> {
  const { tables } = await packageSources(path, { maxFileBytes: Number.MAX_SAFE_INTEGER }, 'columns');
  const sizes: Partial<Record<CsvTableName, number>> = {};
  for (const [table, real] of Object.entries(tables) as [CsvTableName, string][]) sizes[table] = (await stat(real)).size;
  return sizes;
}

/**
 * Reads a CSV package from a folder, its `datapackage.json`, or one of its CSV files, and imports
 * it. Resource paths of a datapackage.json must stay inside its folder (no URLs, no `..`), and so
 * must the files they name once symbolic links are resolved. Tables are streamed (never one
 * string); a table larger than `maxFileBytes` (default: 500 MiB or 1/20 of Node's heap limit, the
 * smaller) is refused before being read, with a `file-too-large` problem, rather than letting its
 * records overflow the heap.
 */
export async function readCsvPackage(path: string, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const { files, refused, tables } = await packageSources(path, options, 'records');
  const streamed: Partial<Record<CsvTableName, { read: TableRead; problems: CsvProblems }>> = {};
  for (const table of CSV_TABLE_NAMES) {
    const real = tables[table];
    if (real !== undefined) streamed[table] = await streamTable(real, table, options.maxProblems ?? 1000);
  }
  return importCsvFiles(files, options, refused, streamed);
}

/**
 * Reads a CSV package from disk into the columnar form (see `importCsvColumns`): each table is
 * streamed by papaparse straight into columns, so neither the text nor one object per record is
 * ever held — a national table is bound by the heap, at about 4 bytes per byte of CSV (no 500 MiB
 * default cap). Same files, rules and problems as {@link readCsvPackage}.
 *
 * @example
 * ```ts
 * import { readCsvColumns } from '@toile/sdk/node';
 * const { data, problems } = await readCsvColumns('region/datapackage.json');
 * ```
 */
export async function readCsvColumns(path: string, options: CsvImportOptions = {}): Promise<CsvColumnsResult> {
  const { files, refused, tables } = await packageSources(path, options, 'columns');
  const streamed: Partial<Record<CsvTableName, { read: TableColumnsRead; problems: CsvProblems }>> = {};
  let ids: readonly (string | undefined)[] = [];
  for (const table of CSV_TABLE_NAMES) {
    const real = tables[table];
    if (real === undefined) continue;
    const into = new TableBuilder(table);
    // References start from the establishments' ids (see `seedReferences`).
    seedReferences(into, ids);
    const { read, problems } = await streamTable(real, table, options.maxProblems ?? 1000, into);
    const columns = into.finish();
    if (table === 'establishments') ids = idsOf(columns);
    streamed[table] = { read: { columns, read }, problems };
  }
  return importCsvColumnsFiles(files, options, refused, streamed);
}
