/** Reading a CSV data package from disk (Node only). */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { CSV_TABLE_NAMES } from '@toile/schema';
import { importCsvPackage, type CsvImportOptions, type CsvImportResult, type CsvPackageFiles } from './import.ts';

/**
 * Reads a CSV package from a folder, its `datapackage.json`, or one of its CSV files, and imports
 * it. Resource paths of a datapackage.json must stay inside its folder (no URLs, no `..`).
 */
export async function readCsvPackage(path: string, options: CsvImportOptions = {}): Promise<CsvImportResult> {
  const info = await stat(path);
  const dir = info.isDirectory() ? path : dirname(path);
  const files: CsvPackageFiles = {};
  const paths: Record<string, string> = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, `${t}.csv`]));
  const descriptorPath = info.isDirectory() || basename(path) !== 'datapackage.json' ? join(dir, 'datapackage.json') : path;
  const descriptorText = await readFile(descriptorPath, 'utf8').catch(() => undefined);
  if (descriptorText !== undefined) {
    files.datapackage = descriptorText;
    try {
      const descriptor = JSON.parse(descriptorText.replace(/^\uFEFF/, '')) as { resources?: { name?: unknown; path?: unknown }[] };
      for (const resource of descriptor.resources ?? []) {
        const name = String(resource.name);
        const relative = typeof resource.path === 'string' ? normalize(resource.path) : undefined;
        if (relative && name in paths && !isAbsolute(relative) && !relative.startsWith('..') && !/^[a-z]+:/i.test(relative)) {
          paths[name] = relative;
        }
      }
    } catch {
      // A broken descriptor only loses its territory and metadata: the tables are still read.
    }
  }
  for (const table of CSV_TABLE_NAMES) {
    const bytes = await readFile(join(dir, paths[table] as string)).catch(() => undefined);
    if (bytes) files[table] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return importCsvPackage(files, options);
}
