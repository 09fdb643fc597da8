/**
 * Imports the Toile documents of a folder into the store at start: each `*.toile.json` whose
 * territory the database does not hold yet, or whose content changed since it was last imported
 * (by SHA-256), is written as the file says, with `import` and the file name in the audit log.
 * Unchanged files are left alone, so edits made through the API survive a restart.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readToileText } from '@toile/sdk';
import { sha256Hex } from '../survey/access.ts';
import type { TerritoryStore } from './store.ts';

const DOCUMENT = '.toile.json';

/** What an import did, file by file. */
export interface ImportReport {
  imported: string[];
  unchanged: string[];
  skipped: { file: string; reason: string }[];
}

/** Imports the documents of `dir` (see the module comment); files that do not parse, are invalid or repeat an id are skipped and logged. */
export async function importFolder(store: TerritoryStore, dir: string, log: (message: string) => void): Promise<ImportReport> {
  const report: ImportReport = { imported: [], unchanged: [], skipped: [] };
  const seen = new Map<string, string>();
  const skip = (file: string, reason: string) => {
    report.skipped.push({ file, reason });
    log(`skipped ${file}: ${reason}`);
  };
  for (const file of (await readdir(dir)).filter((n) => n.endsWith(DOCUMENT)).sort()) {
    const text = await readFile(join(dir, file), 'utf8');
    const sha256 = sha256Hex(text);
    // The SDK's reader: a key written twice is reported, and for `confidentiality` the strictest value wins.
    const result = readToileText(text);
    if (!result.valid || !result.data) {
      skip(file, `${result.errors} error(s), the first at ${result.problems.find((p) => p.severity === 'error')?.pointer || '/'}`);
      continue;
    }
    const doc = result.data;
    const id = doc.territory.id;
    if (seen.has(id)) {
      skip(file, `territory ${id} is already served from ${seen.get(id)}`);
      continue;
    }
    seen.set(id, file);
    const [last] = await store.db.query<{ sha256: string; territory_id: string }>('SELECT sha256, territory_id FROM imports WHERE file = $1', [file]);
    const exists = (await store.ids()).includes(id);
    if (exists && (!last || (last.sha256 === sha256 && last.territory_id === id))) {
      report.unchanged.push(file);
      continue;
    }
    await store.write(id, { actor: 'import', origin: file }, () => ({ next: doc, result: undefined }));
    await store.db.query(
      `INSERT INTO imports (file, territory_id, sha256) VALUES ($1, $2, $3)
       ON CONFLICT (file) DO UPDATE SET territory_id = excluded.territory_id, sha256 = excluded.sha256, imported_at = now()`,
      [file, id, sha256],
    );
    report.imported.push(file);
    if (exists) log(`${file} changed since it was imported: territory ${id} replaced by the file (the audit log keeps what it replaced)`);
  }
  return report;
}
