/**
 * The territories a server serves: a folder of `*.toile.json` documents, read at start, each under
 * its `territory.id`; writes replace a file atomically (write a temporary file, then rename).
 */
import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { publishToile, validateToile } from '@toile/sdk';
import type { ToileDocument } from './types.ts';

interface Entry {
  doc: ToileDocument;
  file: string;
  /** The document as the public may see it, made on first use. */
  publicView?: ToileDocument;
}

/** Territories in memory, backed by their files. */
export interface TerritoryStore {
  /** The territories, in file name order. */
  list(): ToileDocument[];
  /** A territory's document: whole for the agency (`full`), as published for the public otherwise. */
  get(id: string, full: boolean): ToileDocument | undefined;
  /** Stores a valid document under its territory id (file written atomically, then served). */
  put(doc: ToileDocument): Promise<void>;
}

/** Reads every `*.toile.json` of `dir`; files that do not parse, are invalid or repeat an id are skipped and logged. */
export async function openStore(dir: string, log: (message: string) => void): Promise<TerritoryStore> {
  const entries = new Map<string, Entry>();
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.toile.json')).sort()) {
    const file = join(dir, name);
    let result;
    try {
      result = validateToile(JSON.parse(await readFile(file, 'utf8')));
    } catch (error) {
      log(`skipped ${name}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!result.valid || !result.data) {
      log(`skipped ${name}: ${result.errors} validation error(s)`);
      continue;
    }
    const id = result.data.territory.id;
    if (entries.has(id)) {
      log(`skipped ${name}: territory ${id} is already served from ${entries.get(id)?.file}`);
      continue;
    }
    entries.set(id, { doc: result.data, file });
  }

  // Writes go one after the other, so that the file and the memory always agree.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    list: () => [...entries.values()].map((e) => e.doc),
    get(id, full) {
      const entry = entries.get(id);
      if (!entry || full) return entry?.doc;
      entry.publicView ??= publishToile(entry.doc, { audience: 'public', date: new Date().toISOString().slice(0, 10) }).data;
      return entry.publicView;
    },
    put(doc) {
      const write = async () => {
        const id = doc.territory.id;
        const file = entries.get(id)?.file ?? join(dir, `${id}.toile.json`);
        const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
        try {
          await writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`, 'utf8');
          await rename(tmp, file);
        } catch (error) {
          await unlink(tmp).catch(() => undefined);
          throw error;
        }
        entries.set(id, { doc, file });
      };
      const done = queue.then(write, write);
      queue = done.catch(() => undefined);
      return done;
    },
  };
}
