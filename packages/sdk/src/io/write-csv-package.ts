/** Writing a CSV data package to a folder as streams (Node only): no size limit from V8's strings. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ToileDocument } from '@toile/schema';
import { writeChunks } from './write-chunks.ts';
import { csvDataPackageText, csvTableChunks, csvTablesOf, type CsvExportOptions } from '../csv/export.ts';

/**
 * Writes the files of `exportCsvPackage(doc, options)` into the folder `dir` (created if needed),
 * each table chunk by chunk: a document whose tables are longer than V8's longest string is
 * written too. Gives back the paths written. Rejects with the file system's error.
 *
 * @example
 * ```ts
 * import { writeCsvPackage } from '@toile/sdk/node';
 * await writeCsvPackage('export-excel/', doc, { delimiter: ';' });
 * ```
 */
export async function writeCsvPackage(dir: string, doc: ToileDocument, options: CsvExportOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const table of csvTablesOf(doc)) {
    const path = join(dir, `${table}.csv`);
    await writeChunks(path, csvTableChunks(doc, table, options));
    written.push(path);
  }
  const descriptor = join(dir, 'datapackage.json');
  await writeFile(descriptor, csvDataPackageText(doc, options));
  written.push(descriptor);
  return written;
}
