/**
 * The territories a server serves: a folder of `*.toile.json` documents, read at start, each under
 * the `territory.id` written inside it (never under its file name). The index id → file is the
 * only way from an id to a file, so no id can reach another territory's data:
 *
 * - an update rewrites the file its territory was read from (the index entry);
 * - a new territory gets a file name derived from its id (`:` encoded) and is created with a
 *   hard link, which fails rather than replace an existing file; when the name is taken (by another
 *   territory, a file that did not load, or the same name in another case on a case-insensitive
 *   disk) a hash of the id is added to the name.
 *
 * Writes are atomic and durable: a temporary file is written and fsynced, renamed (or linked) into
 * place, then the folder is fsynced so the new name survives a power cut. Temporary files left by
 * an interrupted write are removed at start.
 */
import { link, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { publishToile, readToileText, type Audience } from '@toile/sdk';
import type { ToileDocument } from './types.ts';

interface Entry {
  doc: ToileDocument;
  /** The file name (in the data folder) this territory is read from and written to. */
  file: string;
  /** The document as each restricted audience may see it, made on first use. */
  views: Partial<Record<Audience, ToileDocument>>;
}

/** Territories in memory, backed by their files. */
export interface TerritoryStore {
  /** The territories as the audience may see them, in file name order. */
  list(audience: Audience): ToileDocument[];
  /** A territory's document as the audience may see it (`internal`: the document as stored). */
  get(id: string, audience: Audience): ToileDocument | undefined;
  /** Stores a valid document under its own territory id (file written atomically, then served). */
  put(doc: ToileDocument): Promise<void>;
  /** The file name a territory is stored in (for logs and tests). */
  fileOf(id: string): string | undefined;
}

const DOCUMENT = '.toile.json';
/** Temporary files of {@link TerritoryStore.put}: `<name>.toile.json.<pid>.<12 hex>.tmp`. */
const TEMPORARY = /\.toile\.json\.[0-9]+\.[0-9a-f]{12}\.tmp$/;

/** The file name stem of an id: ids are `[A-Za-z0-9_][A-Za-z0-9_.:-]*`; `:` is not a file name character everywhere. */
const stemOf = (id: string) => id.replace(/[^A-Za-z0-9_.-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const hashOf = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 16);

/** A restricted view of a document, through the SDK's one audience rule. */
function viewFor(doc: ToileDocument, audience: Exclude<Audience, 'internal'>): ToileDocument {
  const { data } = publishToile(doc, { audience, date: new Date().toISOString().slice(0, 10) });
  // How many records were withheld is itself something this reader may not know.
  if (data.meta.publication) delete data.meta.publication.withheld;
  return data;
}

/** Makes a write durable: a folder's fsync keeps a rename; some systems cannot open a folder for it. */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/** Writes text to a new file and fsyncs it before it is closed. */
async function writeDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The territories of `dir`, by id, after removing the temporary files of interrupted writes; files
 * that do not parse, are invalid or repeat an id are skipped and logged.
 */
async function readEntries(dir: string, log: (message: string) => void): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  const names = (await readdir(dir)).sort();
  for (const name of names.filter((n) => TEMPORARY.test(n))) {
    await unlink(join(dir, name));
    log(`removed ${name}, left by an interrupted write`);
  }
  for (const name of names.filter((n) => n.endsWith(DOCUMENT))) {
    let result;
    try {
      // The SDK's reader: a key written twice is reported, and for `confidentiality` the strictest value wins.
      result = readToileText(await readFile(join(dir, name), 'utf8'));
    } catch (error) {
      log(`skipped ${name}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!result.valid || !result.data) {
      log(`skipped ${name}: ${result.errors} error(s), the first at ${result.problems.find((p) => p.severity === 'error')?.pointer || '/'}`);
      continue;
    }
    const id = result.data.territory.id;
    if (entries.has(id)) {
      log(`skipped ${name}: territory ${id} is already served from ${entries.get(id)?.file}`);
      continue;
    }
    entries.set(id, { doc: result.data, file: name, views: {} });
  }
  return entries;
}

/**
 * Reads every `*.toile.json` of `dir` after removing the temporary files of interrupted writes;
 * files that do not parse, are invalid or repeat an id are skipped and logged (and never written over).
 */
export async function openStore(dir: string, log: (message: string) => void): Promise<TerritoryStore> {
  const entries = await readEntries(dir, log);

  /** File names in use, folded to lower case (a case-insensitive disk sees one file for both). */
  const taken = () => new Set([...entries.values()].map((e) => e.file.toLowerCase()));

  /** Creates the file of a new territory from `tmp`, never over an existing file; returns its name. */
  async function createFile(id: string, tmp: string): Promise<string> {
    const candidates = [`${stemOf(id)}${DOCUMENT}`, `${stemOf(id)}.${hashOf(id)}${DOCUMENT}`];
    for (let attempt = 0; ; attempt++) {
      const name = candidates[attempt] ?? `${stemOf(id)}.${randomBytes(8).toString('hex')}${DOCUMENT}`;
      if (taken().has(name.toLowerCase())) continue;
      try {
        await link(tmp, join(dir, name));
        await unlink(tmp);
        return name;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 10) throw error;
      }
    }
  }

  async function write(doc: ToileDocument): Promise<void> {
    const id = doc.territory.id;
    const existing = entries.get(id);
    const tmp = join(dir, `${stemOf(id)}${DOCUMENT}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    let file: string;
    try {
      await writeDurably(tmp, `${JSON.stringify(doc, null, 2)}\n`);
      if (existing) {
        // The index entry is the file this very territory was read from.
        await rename(tmp, join(dir, existing.file));
        file = existing.file;
      } else {
        file = await createFile(id, tmp);
      }
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    await syncFolder(dir);
    entries.set(id, { doc, file, views: {} });
  }

  // Writes go one after the other, so that the files and the memory always agree.
  let queue: Promise<unknown> = Promise.resolve();
  const get = (id: string, audience: Audience) => {
    const entry = entries.get(id);
    if (!entry || audience === 'internal') return entry?.doc;
    entry.views[audience] ??= viewFor(entry.doc, audience);
    return entry.views[audience];
  };

  return {
    list: (audience) =>
      [...entries.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((e) => get(e.doc.territory.id, audience) as ToileDocument),
    get,
    put(doc) {
      const done = queue.then(
        () => write(doc),
        () => write(doc),
      );
      queue = done.catch(() => undefined);
      return done;
    },
    fileOf: (id) => entries.get(id)?.file,
  };
}
