/**
 * The territories a server serves, in PostgreSQL (PGlite or a server): one row per territory, one
 * per record, one per change. Writers of one territory take turns on its row lock; readers serve a
 * document assembled from the rows and cached until the territory's revision moves, so a read costs
 * one small query while nothing changed — also when several servers share one PostgreSQL.
 *
 * Every write goes through {@link TerritoryStore.write}: the next document is computed from the
 * current one inside the transaction, validated by the caller's rule, diffed record by record, and
 * each created, changed or deleted record is written with its audit entry (who, when, from where).
 */
import { publishToile, type Audience } from '@toile/sdk';
import type { Database, Queryable } from '../db/database.ts';
import { migrate } from '../db/migrations.ts';
import type { ToileDocument } from '../types.ts';
import { ARRAY_OF, RECORD_KINDS, diffDocuments, sameRecord, type Provenance, type RecordChange, type RecordKind, type StoredRecord } from './records.ts';
import * as SQL from './sql.ts';

interface Cached {
  revision: number;
  doc: ToileDocument;
  /** The document as each restricted audience may see it, made on first use… */
  views: Partial<Record<Audience, ToileDocument>>;
  /** …on this day (a published view carries its date). */
  viewsOf?: string;
}

interface TerritoryRow {
  header: Record<string, unknown>;
  territory: ToileDocument['territory'];
  meta: ToileDocument['meta'];
  revision: string | number;
}

/**
 * What a write plan answers: the next document, or a refusal the caller turns into a reply.
 * `comments` give a record's change its own comment (by `kind\0id`); `rejections` are declared
 * records a moderator refused, kept in the audit log as `reject` entries (the territory is unchanged by them).
 */
export type WritePlan<R> =
  | {
      next: ToileDocument;
      result: R;
      /**
       * The record changes that make `next`, when the plan knows them (record-level writes): the
       * store then skips comparing every record of the two documents.
       */
      changes?: readonly RecordChange[];
      comments?: ReadonlyMap<string, string>;
      rejections?: readonly Rejection[];
    }
  | { refused: R };

/** A declared record a moderator refused. */
export interface Rejection {
  kind: RecordKind;
  id: string;
  proposed: unknown;
  comment?: string | undefined;
}

/** What a write did. */
export interface WriteSummary {
  created: number;
  updated: number;
  deleted: number;
  /** The territory's revision after the write. */
  revision: number;
}

/** One entry of the audit log. */
export interface ChangeEntry {
  seq: number;
  kind: RecordKind | 'territory';
  id: string;
  op: 'create' | 'update' | 'delete' | 'reject';
  before: unknown;
  after: unknown;
  actor: Provenance['actor'];
  origin?: string;
  comment?: string;
  /** ISO 8601 instant. */
  at: string;
}

/** Filters of {@link TerritoryStore.history}. */
export interface HistoryQuery {
  kind?: RecordKind | 'territory' | undefined;
  id?: string | undefined;
  origin?: string | undefined;
  limit?: number | undefined;
  /** Only entries older than this sequence number (the next page). */
  before?: number | undefined;
}

/** Sources that tell who took part (a company's declaration, a workshop): shown only with a record they gave. */
const PARTICIPATION = new Set(['declaration', 'workshop']);

/**
 * A restricted view of a document, through the SDK's one audience rule. A declaration or workshop
 * source is kept only when a record of the view names it: that a company declared something
 * confidential is itself confidential.
 */
export function viewFor(doc: ToileDocument, audience: Exclude<Audience, 'internal'>): ToileDocument {
  const { data } = publishToile(doc, { audience, date: new Date().toISOString().slice(0, 10) });
  // How many records were withheld is itself something this reader may not know.
  if (data.meta.publication) delete data.meta.publication.withheld;
  if (data.meta.sources?.some((s) => PARTICIPATION.has(s.method ?? ''))) {
    const named = new Set<string>();
    for (const list of [data.establishments, data.flows, data.resources ?? []] as { source?: string; sources?: string[] }[][])
      for (const r of list) for (const s of [r.source, ...(r.sources ?? [])]) if (s) named.add(s);
    data.meta.sources = data.meta.sources.filter((s) => !PARTICIPATION.has(s.method ?? '') || named.has(s.id));
  }
  return data;
}

const HEADER_KEYS = ['$schema', 'toile'] as const;

/** Rows per statement of a batch: each array parameter stays a few megabytes. */
const BATCH = 5000;

/** The document's parts outside its record arrays. */
function partsOf(doc: ToileDocument) {
  const header: Record<string, unknown> = {};
  for (const key of HEADER_KEYS) if (key in doc) header[key] = (doc as Record<string, unknown>)[key];
  return { header, territory: doc.territory, meta: doc.meta };
}

/** A document from its territory row and its record rows (already in order). */
function assemble(row: TerritoryRow, records: readonly { kind: RecordKind; data: StoredRecord }[]): ToileDocument {
  const doc = { ...row.header, territory: row.territory, meta: row.meta } as ToileDocument & Record<string, unknown>;
  for (const kind of RECORD_KINDS) doc[ARRAY_OF[kind]] = [];
  for (const r of records) (doc[ARRAY_OF[r.kind]] as StoredRecord[]).push(r.data);
  if (!(doc.resources ?? []).length) delete doc.resources;
  return doc;
}

/** Territories, records and their history in a PostgreSQL database. */
export class TerritoryStore {
  private readonly cache = new Map<string, Cached>();

  private constructor(readonly db: Database) {}

  /** Opens the store on `db`, applying the migrations it lacks. */
  static async open(db: Database): Promise<TerritoryStore> {
    await migrate(db);
    return new TerritoryStore(db);
  }

  /** The ids of every territory, in order. */
  async ids(): Promise<string[]> {
    return (await this.db.query<{ id: string }>(SQL.TERRITORY_IDS)).map((r) => r.id);
  }

  /** The territories as the audience may see them, by id. */
  async list(audience: Audience): Promise<ToileDocument[]> {
    const docs = await Promise.all((await this.ids()).map((id) => this.get(id, audience)));
    return docs.filter((d): d is ToileDocument => d !== undefined);
  }

  /** A territory's document as the audience may see it (`internal`: as stored). */
  async get(id: string, audience: Audience): Promise<ToileDocument | undefined> {
    return (await this.read(id, audience))?.doc;
  }

  /** A territory's document as the audience may see it, and the revision it is at (the `ETag`). */
  async read(id: string, audience: Audience): Promise<{ doc: ToileDocument; revision: number } | undefined> {
    const rows = await this.db.query<{ revision: string | number }>(SQL.REVISION, [id]);
    if (!rows[0]) return undefined;
    const cached = await this.fresh(this.db, id, Number(rows[0].revision));
    if (!cached) return undefined;
    if (audience === 'internal') return { doc: cached.doc, revision: cached.revision };
    const day = new Date().toISOString().slice(0, 10);
    // A view says the day it was published for: made again on another day.
    if (cached.viewsOf !== day) [cached.views, cached.viewsOf] = [{}, day];
    cached.views[audience] ??= viewFor(cached.doc, audience);
    return { doc: cached.views[audience], revision: cached.revision };
  }

  /**
   * The cache entry of `id` at `revision`, read from the rows when the cache is older. The territory
   * row and its records are two statements: when a write lands between them (the revision moved),
   * they are read again, so that no reader assembles one revision's metadata with another's records.
   */
  private async fresh(q: Queryable, id: string, revision: number): Promise<Cached | undefined> {
    const cached = this.cache.get(id);
    if (cached && cached.revision === revision) return cached;
    for (let attempt = 0; ; attempt++) {
      const [row] = await q.query<TerritoryRow>(SQL.TERRITORY, [id]);
      if (!row) return undefined;
      const records = await q.query<{ kind: RecordKind; data: StoredRecord }>(SQL.RECORDS, [id]);
      const [after] = await q.query<{ revision: string | number }>(SQL.REVISION, [id]);
      if (Number(after?.revision) !== Number(row.revision) && attempt < 5) continue;
      const entry: Cached = { revision: Number(row.revision), doc: assemble(row, records), views: {} };
      this.cache.set(id, entry);
      return entry;
    }
  }

  /**
   * Changes a territory in one transaction, its row locked: `plan` gets the current document
   * (undefined for a new territory) and its revision (0 for none), and answers the next document or
   * a refusal. A refusal rolls the transaction back: whatever the plan wrote through `tx` is undone.
   */
  async write<R>(
    id: string,
    by: Provenance,
    plan: (current: ToileDocument | undefined, tx: Queryable, revision: number) => WritePlan<R> | Promise<WritePlan<R>>,
  ): Promise<{ result: R; summary?: WriteSummary }> {
    let outcome: { result: R; summary: WriteSummary; next: ToileDocument };
    try {
      outcome = await this.db.transaction(async (tx) => {
        // Writers of one id take turns even before its row exists (two creations of one territory).
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`toile-territory:${id}`]);
        const [lock] = await tx.query<{ revision: string | number }>(SQL.LOCK_TERRITORY, [id]);
        const current = lock ? (await this.fresh(tx, id, Number(lock.revision)))?.doc : undefined;
        const planned = await plan(current, tx, lock ? Number(lock.revision) : 0);
        if ('refused' in planned) throw new Refusal(planned.refused);
        const summary = await this.writeRows(tx, id, current, planned, by);
        return { result: planned.result, summary, next: planned.next };
      });
    } catch (error) {
      if (error instanceof Refusal) return { result: error.result as R };
      throw error;
    }
    // Committed: the next reader of this revision is served from memory.
    this.cache.set(id, { revision: outcome.summary.revision, doc: outcome.next, views: {} });
    return outcome;
  }

  /** Writes the rows and audit entries that turn `current` into `next`. */
  private async writeRows(
    tx: Queryable,
    id: string,
    current: ToileDocument | undefined,
    planned: Extract<WritePlan<unknown>, { next: ToileDocument }>,
    by: Provenance,
  ): Promise<WriteSummary> {
    const { next, comments, rejections = [] } = planned;
    const parts = partsOf(next);
    const json = [JSON.stringify(parts.header), JSON.stringify(parts.territory), JSON.stringify(parts.meta)];
    const audit: AuditRow[] = [];
    let revision = 1;
    if (!current) {
      await tx.query(SQL.INSERT_TERRITORY, [id, ...json]);
      audit.push({ kind: 'territory', id, op: 'create', before: null, after: { territory: parts.territory, meta: parts.meta } });
    } else {
      const old = partsOf(current);
      const changed = !sameRecord(old, parts);
      [{ revision }] = (await tx.query<{ revision: number }>(changed ? SQL.UPDATE_TERRITORY : SQL.BUMP_REVISION, changed ? [id, ...json] : [id])) as [
        { revision: number },
      ];
      if (changed)
        audit.push({
          kind: 'territory',
          id,
          op: 'update',
          before: { territory: old.territory, meta: old.meta },
          after: { territory: parts.territory, meta: parts.meta },
        });
    }
    const changes = planned.changes ?? diffDocuments(current, next);
    const previous = current ? indexRecords(current) : new Map<string, StoredRecord>();
    await this.upsert(tx, id, current, next, changes);
    const deleted = changes.filter((c) => !c.after);
    if (deleted.length) await tx.query(SQL.DELETE_RECORDS, [id, deleted.map((c) => c.kind), deleted.map((c) => c.id)]);
    for (const c of changes) {
      const before = previous.get(`${c.kind}\u0000${c.id}`) ?? null;
      const comment = comments?.get(`${c.kind}\u0000${c.id}`);
      audit.push({ kind: c.kind, id: c.id, op: !c.after ? 'delete' : before ? 'update' : 'create', before, after: c.after, ...(comment ? { comment } : {}) });
    }
    for (const r of rejections)
      audit.push({ kind: r.kind, id: r.id, op: 'reject', before: null, after: r.proposed, ...(r.comment ? { comment: r.comment } : {}) });
    if (audit.length) await insertChanges(tx, id, audit, by);
    const created = changes.filter((c) => c.after && !previous.has(`${c.kind}\u0000${c.id}`)).length;
    return { created, updated: changes.length - created - deleted.length, deleted: deleted.length, revision: Number(revision) };
  }

  /**
   * Writes created and changed records, and the position of every record whose place changed: the
   * rows keep the document's order (records appended by a record-level write go after the last).
   */
  private async upsert(tx: Queryable, id: string, current: ToileDocument | undefined, next: ToileDocument, changes: readonly RecordChange[]): Promise<void> {
    const changed = new Set(changes.filter((c) => c.after).map((c) => `${c.kind}\u0000${c.id}`));
    const oldPlace = new Map<string, number>();
    if (current) for (const kind of RECORD_KINDS) (current[ARRAY_OF[kind]] ?? []).forEach((r, i) => oldPlace.set(`${kind}\u0000${r.id}`, i));
    const rows: { kind: RecordKind; id: string; position: number; data: StoredRecord }[] = [];
    for (const kind of RECORD_KINDS) {
      (next[ARRAY_OF[kind]] ?? []).forEach((record, position) => {
        const key = `${kind}\u0000${record.id}`;
        if (changed.has(key) || oldPlace.get(key) !== position) rows.push({ kind, id: record.id, position, data: record });
      });
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await tx.query(SQL.UPSERT_RECORDS, [
        id,
        batch.map((r) => r.kind),
        batch.map((r) => r.id),
        batch.map((r) => r.position),
        batch.map((r) => JSON.stringify(r.data)),
      ]);
    }
  }

  /** The audit log of a territory, newest first (at most `limit`, default 100). */
  async history(id: string, query: HistoryQuery = {}): Promise<ChangeEntry[]> {
    const rows = await this.db.query<Record<string, unknown>>(SQL.HISTORY, [
      id,
      query.kind ?? null,
      query.id ?? null,
      query.origin ?? null,
      query.limit ?? 100,
      query.before ?? null,
    ]);
    return rows.map((r) => ({
      seq: Number(r.seq),
      kind: r.kind as ChangeEntry['kind'],
      id: r.record_id as string,
      op: r.op as ChangeEntry['op'],
      before: r.before ?? null,
      after: r.after ?? null,
      actor: r.actor as Provenance['actor'],
      ...(r.origin ? { origin: r.origin as string } : {}),
      ...(r.comment ? { comment: r.comment as string } : {}),
      at: new Date(r.at as string | Date).toISOString(),
    }));
  }

  /**
   * The territory as it stood at `instant` (ISO 8601), rebuilt from the audit log, as the audience
   * may see it; undefined when it did not exist yet.
   */
  async at(id: string, instant: string, audience: Audience): Promise<ToileDocument | undefined> {
    const rows = await this.db.query<{ kind: RecordKind | 'territory'; record_id: string; after: StoredRecord }>(SQL.STATE_AT, [id, instant]);
    const head = rows.find((r) => r.kind === 'territory')?.after as { territory: ToileDocument['territory']; meta: ToileDocument['meta'] } | undefined;
    if (!head) return undefined;
    const [row] = await this.db.query<TerritoryRow>(SQL.TERRITORY, [id]);
    const header = row?.header ?? { toile: '1.0' };
    const records = rows.filter((r) => r.kind !== 'territory').map((r) => ({ kind: r.kind as RecordKind, data: r.after }));
    const doc = assemble({ header, territory: head.territory, meta: head.meta, revision: 0 }, records);
    return audience === 'internal' ? doc : viewFor(doc, audience);
  }
}

/** One audit entry before it is written. */
interface AuditRow {
  kind: RecordKind | 'territory';
  id: string;
  op: ChangeEntry['op'];
  before: unknown;
  after: unknown;
  /** This entry's own comment (else the write's). */
  comment?: string;
}

/** Writes audit entries in order, in one statement per 5,000. */
async function insertChanges(tx: Queryable, territory: string, audit: readonly AuditRow[], by: Provenance): Promise<void> {
  const text = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const [{ at } = { at: new Date().toISOString() }] = await tx.query<{ at: string }>(SQL.WRITE_INSTANT);
  for (let i = 0; i < audit.length; i += BATCH) {
    const batch = audit.slice(i, i + BATCH);
    await tx.query(SQL.INSERT_CHANGES, [
      territory,
      batch.map((a) => a.kind),
      batch.map((a) => a.id),
      batch.map((a) => a.op),
      batch.map((a) => text(a.before)),
      batch.map((a) => text(a.after)),
      batch.map((a) => a.comment ?? by.comment ?? null),
      by.actor,
      by.origin ?? null,
      at,
    ]);
  }
}

/** A plan's refusal, thrown through the transaction so that it rolls back. */
class Refusal {
  constructor(readonly result: unknown) {}
}

/** The records of a document by `kind\0id`. */
function indexRecords(doc: ToileDocument): Map<string, StoredRecord> {
  const map = new Map<string, StoredRecord>();
  for (const kind of RECORD_KINDS) for (const r of (doc[ARRAY_OF[kind]] ?? []) as StoredRecord[]) map.set(`${kind}\u0000${r.id}`, r);
  return map;
}
