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
  /** The document as each restricted audience may see it, made on first use. */
  views: Partial<Record<Audience, ToileDocument>>;
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

/** A restricted view of a document, through the SDK's one audience rule. */
export function viewFor(doc: ToileDocument, audience: Exclude<Audience, 'internal'>): ToileDocument {
  const { data } = publishToile(doc, { audience, date: new Date().toISOString().slice(0, 10) });
  // How many records were withheld is itself something this reader may not know.
  if (data.meta.publication) delete data.meta.publication.withheld;
  return data;
}

const HEADER_KEYS = ['$schema', 'toile'] as const;

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
    const rows = await this.db.query<{ revision: string | number }>(SQL.REVISION, [id]);
    if (!rows[0]) return undefined;
    const cached = await this.fresh(this.db, id, Number(rows[0].revision));
    if (!cached || audience === 'internal') return cached?.doc;
    cached.views[audience] ??= viewFor(cached.doc, audience);
    return cached.views[audience];
  }

  /** The cache entry of `id` at `revision`, read from the rows when the cache is older. */
  private async fresh(q: Queryable, id: string, revision: number): Promise<Cached | undefined> {
    const cached = this.cache.get(id);
    if (cached && cached.revision === revision) return cached;
    const [row] = await q.query<TerritoryRow>(SQL.TERRITORY, [id]);
    if (!row) return undefined;
    const records = await q.query<{ kind: RecordKind; data: StoredRecord }>(SQL.RECORDS, [id]);
    const entry: Cached = { revision: Number(row.revision), doc: assemble(row, records), views: {} };
    this.cache.set(id, entry);
    return entry;
  }

  /**
   * Changes a territory in one transaction, its row locked: `plan` gets the current document
   * (undefined for a new territory) and answers the next one, or a refusal (nothing written).
   */
  async write<R>(
    id: string,
    by: Provenance,
    plan: (current: ToileDocument | undefined, tx: Queryable) => WritePlan<R> | Promise<WritePlan<R>>,
  ): Promise<{ result: R; summary?: WriteSummary }> {
    const outcome = await this.db.transaction(async (tx) => {
      const [lock] = await tx.query<{ revision: string | number }>(SQL.LOCK_TERRITORY, [id]);
      const current = lock ? (await this.fresh(tx, id, Number(lock.revision)))?.doc : undefined;
      const planned = await plan(current, tx);
      if ('refused' in planned) return { result: planned.refused };
      const summary = await this.writeRows(tx, id, current, planned, by);
      return { result: planned.result, summary, next: planned.next };
    });
    // Committed: the next reader of this revision is served from memory.
    if (outcome.summary && outcome.next) this.cache.set(id, { revision: outcome.summary.revision, doc: outcome.next, views: {} });
    return outcome.summary ? { result: outcome.result, summary: outcome.summary } : { result: outcome.result };
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
    // One statement per 5,000 rows keeps each parameter a few megabytes.
    for (let i = 0; i < rows.length; i += 5000) {
      const batch = rows.slice(i, i + 5000);
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
  for (let i = 0; i < audit.length; i += 5000) {
    const batch = audit.slice(i, i + 5000);
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
    ]);
  }
}

/** The records of a document by `kind\0id`. */
function indexRecords(doc: ToileDocument): Map<string, StoredRecord> {
  const map = new Map<string, StoredRecord>();
  for (const kind of RECORD_KINDS) for (const r of (doc[ARRAY_OF[kind]] ?? []) as StoredRecord[]) map.set(`${kind}\u0000${r.id}`, r);
  return map;
}
