import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { csvTableSizes, readCsvColumns, readCsvPackage } from '../csv/read.ts';
import { streamedFileLimit } from '../io/limits.ts';
import { readToileText } from '../load/text.ts';
import { isParquetPackagePath } from '../parquet/detect.ts';
import type { ValidateOptions, ValidationResult } from '../validate/validate.ts';
import type { ToileData } from '../columnar/records.ts';
import { isToileColumns } from '../columnar/columns.ts';
import { UsageError, type CliIO, type Lang } from './context.ts';
import { readTextFile } from './read-file.ts';
import { problemLines } from './report.ts';

/** True when the argument names a CSV package (a folder, its datapackage.json or one of its CSV files). */
export function isCsvPackagePath(file: string, io: CliIO): boolean {
  if (/(^|[/\\])datapackage\.json$|\.csv$/i.test(file)) return true;
  try {
    return statSync(resolve(io.cwd, file)).isDirectory();
  } catch {
    return false;
  }
}

/** Reads a Toile JSON file or a CSV package given on the command line, validated. */
export async function loadDocumentFile(file: string, io: CliIO, lang: Lang, options: ValidateOptions = {}): Promise<ValidationResult> {
  if (isParquetPackagePath(resolve(io.cwd, file))) {
    try {
      statSync(resolve(io.cwd, file));
    } catch {
      throw new UsageError(`introuvable : ${file}`, `not found: ${file}`);
    }
    // Loaded only when a Parquet package is read.
    const { readParquetPackage } = await import('../parquet/read.ts');
    return readParquetPackage(resolve(io.cwd, file), options);
  }
  if (isCsvPackagePath(file, io)) {
    try {
      statSync(resolve(io.cwd, file));
    } catch {
      throw new UsageError(`introuvable : ${file}`, `not found: ${file}`);
    }
    return readCsvPackage(resolve(io.cwd, file), options);
  }
  return readToileText(readTextFile(file, io, lang), options);
}

/**
 * Whether a CSV package is read into columns: when one of its tables is larger than the document
 * import reads (`streamedFileLimit`: 500 MiB or 1/20 of the heap), or than `TOILE_CSV_COLUMNS_BYTES`.
 */
async function csvIntoColumns(path: string, env: CliIO['env']): Promise<boolean> {
  const asked = env['TOILE_CSV_COLUMNS_BYTES'];
  const bytes = asked === undefined || asked.trim() === '' ? Number.NaN : Number(asked);
  const threshold = Number.isFinite(bytes) && bytes >= 0 ? bytes : streamedFileLimit(undefined, getHeapStatistics().heap_size_limit).bytes;
  try {
    // The tables where the readers find them (datapackage.json may name other paths).
    return Object.values(await csvTableSizes(path)).some((size) => size > threshold);
  } catch {
    return false;
  }
}

/** A validated input in either form. */
export interface DataLoad extends Omit<ValidationResult, 'data'> {
  data: ToileData | null;
}

/**
 * Reads an input for the commands that run on either form: a Parquet package, a JSON file larger
 * than the document path reads (above `TOILE_JSON_STREAM_BYTES`, default 256 MiB) or a CSV package
 * with a table larger than it reads (see {@link csvIntoColumns}) is read into the columnar form (no
 * object per record: national-scale inputs fit); anything else as a document, whose validation
 * also checks the fields outside the template.
 */
export async function loadDataFile(file: string, io: CliIO, lang: Lang, options: ValidateOptions = {}): Promise<DataLoad> {
  const path = resolve(io.cwd, file);
  if (!isParquetPackagePath(path)) {
    if (isCsvPackagePath(file, io) && (await csvIntoColumns(path, io.env))) return readCsvColumns(path, options);
    if (!isCsvPackagePath(file, io)) {
      const size = (() => {
        try {
          const info = statSync(path);
          return info.isFile() ? info.size : -1;
        } catch {
          return -1;
        }
      })();
      // The streaming reader (and its threshold) is loaded only when a JSON file is read.
      const stream = await import('../load/json-columns.ts');
      if (size > stream.jsonStreamThreshold(io.env))
        return stream.readJsonColumns(path, { ...(options.maxProblems !== undefined ? { maxProblems: options.maxProblems } : {}) });
    }
    return loadDocumentFile(file, io, lang, options);
  }
  try {
    statSync(path);
  } catch {
    throw new UsageError(`introuvable : ${file}`, `not found: ${file}`);
  }
  // Loaded only when a Parquet package is read.
  const { readParquetColumns } = await import('../parquet/read.ts');
  return readParquetColumns(path, options);
}

/** Records kept per list, whatever the form (a list that is no list counts 0). */
export function recordCounts(data: ToileData | null): { establishments: number; flows: number; resources: number } {
  if (!data) return { establishments: 0, flows: 0, resources: 0 };
  if (isToileColumns(data)) {
    const t = data.tables;
    return { establishments: t.establishments.rows, flows: t.flows.rows, resources: t.resources.rows };
  }
  const n = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  return { establishments: n(data.establishments), flows: n(data.flows), resources: n(data.resources) };
}

/** Tells on stderr how many problems an input had (commands whose stdout carries data). */
export function reportInputProblems(file: string, result: Omit<ValidationResult, 'data'>, io: CliIO, lang: Lang, verbose: boolean): void {
  if (result.problems.length === 0) return;
  // -q/--quiet: warnings alone are not said; errors always are.
  if (io.quiet && result.errors === 0) return;
  io.stderr(
    lang === 'fr'
      ? `${file} : ${result.errors} erreur(s), ${result.warnings} avertissement(s) — seule la partie valide est utilisée\n`
      : `${file}: ${result.errors} error(s), ${result.warnings} warning(s) — only the valid part is used\n`,
  );
  if (verbose) io.stderr(problemLines(result.problems, result.errors + result.warnings, lang));
}
