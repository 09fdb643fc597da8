/**
 * `loadToile` given a file path, in Node: a JSON file, or a CSV package (folder, `datapackage.json`
 * or one of its CSV files). Reached through the package import `#read-path`, whose `node` condition
 * picks this file and whose default (browsers) picks `read-path.browser.ts`: a browser bundle of
 * `@toile/sdk` never contains `node:` modules.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileSizeLimit, fileTooLargeProblem, refusedResult } from '../io/limits.ts';
import { readCsvPackage } from '../csv/read.ts';
import { readToileText } from './text.ts';
import { isParquetPackagePath } from '../parquet/detect.ts';
import { ToileLoadError, type LoadOptions } from './load.ts';
import type { ValidationResult } from '../validate/validate.ts';

/** Reads and validates the document at `path` (see {@link loadToile}). */
export async function readPath(path: string, options: LoadOptions): Promise<ValidationResult> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new ToileLoadError(`cannot read ${path}`, 'file', path, undefined, { fr: `impossible de lire ${path}`, cause });
  }
  if (isParquetPackagePath(path)) {
    // Loaded only when a Parquet package is read: hyparquet stays out of every other path.
    const { readParquetPackage } = await import('../parquet/read.ts');
    return readParquetPackage(path, options);
  }
  if (info.isDirectory() || /(^|[/\\])datapackage\.json$|\.csv$/i.test(path)) return readCsvPackage(path, options);
  // Checked before reading: decoding a file longer than V8's longest string aborts the process.
  const limit = fileSizeLimit(options.maxFileBytes);
  if (info.size > limit) return refusedResult(fileTooLargeProblem(basename(path), info.size, limit));
  return readToileText(await readFile(path, 'utf8'), options);
}
