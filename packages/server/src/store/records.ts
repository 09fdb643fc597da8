/**
 * Between a Toile document and the rows that hold it: which kinds of record there are, where each
 * lives in a document, and the changes that turn one document into another.
 */
import type { ToileDocument } from '../types.ts';

/** The kinds of record a territory holds, one row each. */
export type RecordKind = 'establishment' | 'flow' | 'resource';
/** Every kind, in document order. */
export const RECORD_KINDS: readonly RecordKind[] = ['establishment', 'flow', 'resource'];

/** The document array of each kind. */
export const ARRAY_OF: Readonly<Record<RecordKind, 'establishments' | 'flows' | 'resources'>> = {
  establishment: 'establishments',
  flow: 'flows',
  resource: 'resources',
};

/** A record as stored: a JSON object with an `id`. */
export type StoredRecord = { id: string } & Record<string, unknown>;

/** One change of one record: `after` null deletes it. */
export interface RecordChange {
  kind: RecordKind;
  id: string;
  after: StoredRecord | null;
}

/** Who made a change and why, as the audit log keeps it. */
export interface Provenance {
  /** `agency`, `import`, `declaration` or `workshop`. */
  actor: 'agency' | 'import' | 'declaration' | 'workshop';
  /** The file, declaration or workshop the change comes from. */
  origin?: string | undefined;
  /** A moderator's or workshop's comment. */
  comment?: string | undefined;
}

/** The records of a kind in a document. */
export function recordsOf(doc: ToileDocument, kind: RecordKind): StoredRecord[] {
  return ((doc[ARRAY_OF[kind]] as StoredRecord[] | undefined) ?? []).slice();
}

/** A record's JSON text, for comparing two versions of it (the key order counts: it is served as written). */
export const sameRecord = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The changes that turn `current` into `next` (records created, changed or removed), kind by kind. */
export function diffDocuments(current: ToileDocument | undefined, next: ToileDocument): RecordChange[] {
  const changes: RecordChange[] = [];
  for (const kind of RECORD_KINDS) {
    const before = new Map(current ? recordsOf(current, kind).map((r) => [r.id, r]) : []);
    for (const record of recordsOf(next, kind)) {
      const old = before.get(record.id);
      if (!old || !sameRecord(old, record)) changes.push({ kind, id: record.id, after: record });
      before.delete(record.id);
    }
    for (const id of before.keys()) changes.push({ kind, id, after: null });
  }
  return changes;
}

/** `doc` with `changes` applied: changed records stay in place, new ones go at the end of their array. */
export function applyChanges(doc: ToileDocument, changes: readonly RecordChange[]): ToileDocument {
  const next: ToileDocument = { ...doc };
  for (const kind of RECORD_KINDS) {
    const mine = changes.filter((c) => c.kind === kind);
    if (!mine.length) continue;
    const byId = new Map(mine.map((c) => [c.id, c.after]));
    const kept = recordsOf(doc, kind)
      .map((r) => (byId.has(r.id) ? byId.get(r.id) : r))
      .filter((r): r is StoredRecord => r !== null && r !== undefined);
    const present = new Set(recordsOf(doc, kind).map((r) => r.id));
    for (const c of mine) if (c.after && !present.has(c.id)) kept.push(c.after);
    (next as Record<string, unknown>)[ARRAY_OF[kind]] = kept;
  }
  return next;
}
