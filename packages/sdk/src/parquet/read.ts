/** Reading and writing a Parquet package on disk (Node only). */
import { mkdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { PARQUET_METADATA_FILE, type ToileDocument } from '@toile/schema';
import { fileTooLargeProblem } from '../io/limits.ts';
import type { Problem } from '../validate/validate.ts';
import { PARQUET_TABLES, parquetFileOf } from './columns.ts';
import { parquetMetadataText, parquetTableBytes } from './export.ts';
import { importParquetPackage, type ParquetImportResult, type ParquetPackageFiles } from './import.ts';
import { importParquetColumns, type ParquetColumnsOptions, type ParquetColumnsResult } from './columns-read.ts';
import { importParquetColumnsWithDuckDB, type ParquetTablePaths } from './columns-duckdb.ts';

/** True when `path` (a real path) is inside the folder `root` (a real path). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** Options of {@link readParquetPackage}. */
export interface ParquetReadOptions extends ParquetColumnsOptions {
  /** Largest table file read, in bytes (default: no limit but memory; Parquet is never one string). */
  maxFileBytes?: number;
}

/**
 * Reads a Parquet package from its folder, one of its `.parquet` files or its `toile-parquet.json`,
 * and imports it (see `importParquetPackage`). Files reached through a symbolic link leading out of
 * the folder are not read.
 *
 * @example
 * ```ts
 * import { readParquetPackage } from '@toile/sdk/node';
 * const { data, problems } = await readParquetPackage('export/');
 * ```
 */
export async function readParquetPackage(path: string, options: ParquetReadOptions = {}): Promise<ParquetImportResult> {
  const { files, refused } = await packageFiles(path, options);
  const result = await importParquetPackage(files, options);
  if (refused.length === 0) return result;
  return { ...result, valid: false, errors: result.errors + refused.length, problems: [...refused, ...result.problems] };
}

/**
 * Reads a Parquet package from its folder (as {@link readParquetPackage}) into the columnar form,
 * validated: what national-scale analyses load (no object per record).
 *
 * @example
 * ```ts
 * import { readParquetColumns } from '@toile/sdk/node';
 * const { data } = await readParquetColumns('france/');
 * const gaps = findGaps(data);
 * ```
 */
export async function readParquetColumns(path: string, options: ParquetReadOptions = {}): Promise<ParquetColumnsResult> {
  // DuckDB (optional dependency) decodes in native code; without it, or for a package whose
  // schema is not the template's, hyparquet reads the bytes and words the problems.
  const { paths, metadata, refused } = await packagePaths(path, options);
  const fast = await importParquetColumnsWithDuckDB(paths, metadata, options);
  const result = fast ?? (await importParquetColumns((await packageFiles(path, options)).files, options));
  if (refused.length === 0) return result;
  return { ...result, valid: false, errors: result.errors + refused.length, problems: [...refused, ...result.problems] };
}

/** The real paths of the table files of the package at `path` (as {@link packageFiles} checks them), its metadata text. */
async function packagePaths(path: string, options: ParquetReadOptions): Promise<{ paths: ParquetTablePaths; metadata?: string; refused: Problem[] }> {
  const dir = (await stat(path)).isDirectory() ? path : dirname(path);
  const root = await realpath(dir);
  const paths: ParquetTablePaths = {};
  const refused: Problem[] = [];
  const find = async (name: string): Promise<string | undefined> => {
    const real = await realpath(join(dir, name)).catch(() => undefined);
    if (real === undefined || !isInside(root, real)) return undefined;
    const info = await stat(real);
    if (!info.isFile()) return undefined;
    if (options.maxFileBytes !== undefined && info.size > options.maxFileBytes) {
      refused.push(fileTooLargeProblem(name, info.size, options.maxFileBytes, true));
      return undefined;
    }
    return real;
  };
  const metadataPath = await find(PARQUET_METADATA_FILE);
  for (const table of PARQUET_TABLES) {
    const found = await find(parquetFileOf(table));
    if (found) paths[table] = found;
  }
  return { paths, refused, ...(metadataPath ? { metadata: await readFile(metadataPath, 'utf8') } : {}) };
}

/** The files of the package at `path` (folder or one of its files), and those refused (too large). */
async function packageFiles(path: string, options: ParquetReadOptions): Promise<{ files: ParquetPackageFiles; refused: Problem[] }> {
  const { paths, metadata, refused } = await packagePaths(path, options);
  const files: ParquetPackageFiles = metadata === undefined ? {} : { metadata };
  for (const table of PARQUET_TABLES) {
    const real = paths[table];
    if (real === undefined) continue;
    const bytes = await readFile(real);
    files[table] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return { files, refused };
}

/**
 * Writes the files of `exportParquetPackage(doc)` into the folder `dir` (created if needed), one
 * table at a time. Gives back the paths written. Apply the audience first (`publishToile`).
 *
 * @example
 * ```ts
 * import { writeParquetPackage } from '@toile/sdk/node';
 * await writeParquetPackage('export/', publishToile(doc, { audience: 'public' }).data);
 * ```
 */
export async function writeParquetPackage(dir: string, doc: ToileDocument): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const table of PARQUET_TABLES) {
    const path = join(dir, parquetFileOf(table));
    await writeFile(path, parquetTableBytes(doc, table));
    written.push(path);
  }
  const path = join(dir, PARQUET_METADATA_FILE);
  await writeFile(path, parquetMetadataText(doc));
  written.push(path);
  return written;
}
