/** Reading a CSV data package from disk (Node only). */
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { CSV_TABLE_NAMES, type CsvTableName } from '@toile/schema';
import type { Problem } from '../validate/validate.ts';
import { semanticMessage } from '../validate/messages.ts';
import { fileSizeLimit, fileTooLargeProblem } from '../io/limits.ts';
import { importCsvFiles, type CsvImportOptions, type CsvImportResult, type CsvPackageFiles } from './import.ts';

/** True when `path` (a real path) is inside the folder `root` (a real path). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function outsideProblem(file: string): Problem {
  const params = { file, reason: 'lien symbolique', reasonEn: 'symbolic link' };
  return { pointer: '', severity: 'error', code: 'file-outside-package', message: semanticMessage('file-outside-package', params), params, location: { file } };
}

type FileRead = { bytes: Buffer } | { refused: Problem } | undefined;

/**
 * Reads one file of the package: its real path (links resolved) must stay inside the package's
 * real folder — a link to `/etc/passwd` is refused without reading it — and its size within the
 * limit, checked before reading. Missing or not a regular file: `undefined`.
 */
async function readPackageFile(root: string, path: string, name: string, limit: number): Promise<FileRead> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return undefined;
  if (!isInside(root, real)) return { refused: outsideProblem(name) };
  const info = await stat(real).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  if (info.size > limit) return { refused: fileTooLargeProblem(name, info.size, limit) };
  const bytes = await readFile(real).catch(() => undefined);
  return bytes ? { bytes } : undefined;
}

/**
 * Reads a CSV package from a folder, its `datapackage.json`, or one of its CSV files, and imports
 * it. Resource paths of a datapackage.json must stay inside its folder (no URLs, no `..`), and so
 * must the files they name once symbolic links are resolved. Files larger than `maxFileBytes`
 * (default 500 MiB) are refused, before being read, with a `file-too-large` problem.
 */
export async function readCsvPackage(path: string, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const info = await stat(path);
  const dir = info.isDirectory() ? path : dirname(path);
  const root = await realpath(dir);
  const limit = fileSizeLimit(options.maxFileBytes);
  const files: CsvPackageFiles = {};
  const refused = new Map<CsvTableName | 'datapackage', Problem>();
  const paths: Record<string, string> = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, `${t}.csv`]));
  const named = !info.isDirectory() && basename(path) === 'datapackage.json';
  const descriptor = await readPackageFile(named ? dirname(await realpath(path)) : root, named ? path : join(dir, 'datapackage.json'), 'datapackage.json', limit);
  if (descriptor && 'refused' in descriptor) refused.set('datapackage', descriptor.refused);
  if (descriptor && 'bytes' in descriptor) {
    const descriptorText = descriptor.bytes.toString('utf8');
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
  for (const table of CSV_TABLE_NAMES) {
    const read = await readPackageFile(root, join(dir, paths[table] as string), `${table}.csv`, limit);
    if (read && 'refused' in read) refused.set(table, read.refused);
    else if (read) files[table] = new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength);
  }
  return importCsvFiles(files, options, refused);
}
