/**
 * What both merges — of documents (`mergeToile`) and of columns (`mergeColumns`) — share: the
 * conflict log, fresh ids on collision, the sources of the result and its metadata. One home each,
 * so the two forms name conflicts, rename ids and describe the result alike.
 */
import type { Meta, Source } from '@toile/schema';
import { sameJson, type ConflictReport } from './fields.ts';
import type { MergeConflict, MergeOptions } from './merge.ts';
import type { StringSet } from '../util/string-table.ts';

type List = MergeConflict['list'];

/** The conflicts of a merge, in the order they were first found, one per record and field. */
export class ConflictLog {
  readonly conflicts: MergeConflict[] = [];
  // A record's conflicts as a chain through the list: the first of each record (by position, -1
  // none) and the next of each conflict. A record has a few conflicts at most, found by field; an
  // array or a Map per record made a third of a columnar merge's garbage at 10⁵ merged records.
  readonly #first: Record<List, Int32Array<ArrayBuffer>> = { establishments: new Int32Array(0), flows: new Int32Array(0), resources: new Int32Array(0) };
  #next: Int32Array<ArrayBuffer> = new Int32Array(1024).fill(-1);

  /** Reports on the record at `position` of `list` (first given by `firstDocument`) merged with one of `document`. */
  reporter(list: List, position: number, id: string, document: number, firstDocument: number): ConflictReport {
    return (field, kept, other) => this.record(list, position, id, document, firstDocument, field, kept, other);
  }

  /** What a {@link reporter} reports: `field` of the record holds `kept`, and `other` in `document`. */
  record(list: List, position: number, id: string, document: number, firstDocument: number, field: string, kept: unknown, other: unknown): void {
    const first = this.#firstOf(list, position);
    let k = first[position]!;
    while (k >= 0 && this.conflicts[k]!.field !== field) k = this.#next[k]!;
    if (k >= 0) {
      const c = this.conflicts[k]!;
      if (!c.values.some((v) => sameJson(v.value, other))) c.values.push({ document, value: other });
      return;
    }
    // A new conflict: its two values made at once (no list grown value by value).
    const values = sameJson(kept, other)
      ? [{ document: firstDocument, value: kept }]
      : [
          { document: firstDocument, value: kept },
          { document, value: other },
        ];
    k = this.conflicts.push({ list, id, field, values }) - 1;
    if (k === this.#next.length) this.#next = grownTo(this.#next, k * 2, -1);
    this.#next[k] = first[position]!;
    first[position] = k;
  }

  /** The first conflicts of `list`'s records, with room for `position` (-1: none yet). */
  #firstOf(list: List, position: number): Int32Array<ArrayBuffer> {
    const first = this.#first[list];
    if (position < first.length) return first;
    return (this.#first[list] = grownTo(first, Math.max(1024, position * 2), -1));
  }
}

/** `from` copied into a new array of `length` numbers, the rest `fill`. */
function grownTo(from: Int32Array, length: number, fill: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(length);
  to.set(from);
  to.fill(fill, from.length);
  return to;
}

/**
 * {@link ConflictLog.reporter} for one record after another with a single function: a merge of
 * columns reports on hundreds of thousands of merged rows, and a function made per row is that
 * much more garbage. Set the record with {@link at}, then hand out {@link report}.
 */
export class RowReporter {
  #list: List = 'establishments';
  #position = 0;
  #id = '';
  #document = 0;
  #first = 0;

  constructor(private readonly log: ConflictLog) {}

  /** The record the next reports are on (see {@link ConflictLog.reporter}). */
  at(list: List, position: number, id: string, document: number, firstDocument: number): ConflictReport {
    this.#list = list;
    this.#position = position;
    this.#id = id;
    this.#document = document;
    this.#first = firstDocument;
    return this.report;
  }

  readonly report: ConflictReport = (field, kept, other) =>
    this.log.record(this.#list, this.#position, this.#id, this.#document, this.#first, field, kept, other);
}

/** Ids of the result: an id already taken is prefixed by its document's territory (and numbered). */
export class IdClaims {
  /** Ids renamed so far. */
  renamed = 0;

  /** A fresh id, prefixed by the document's territory when the plain one is taken. */
  fresh(id: string, taken: Set<string> | Map<string, unknown>, territory: string): string {
    if (!taken.has(id)) return id;
    this.renamed++;
    let candidate = cut(`${territory}:${id}`);
    for (let n = 2; taken.has(candidate); n++) candidate = numbered(`${territory}:${id}`, n);
    return candidate;
  }

  /** {@link fresh} for a list whose ids are a set, the id returned added to it (one probe per id tried). */
  claim(id: string, taken: StringSet, territory: string): string {
    if (taken.add(id)) return id;
    this.renamed++;
    let candidate = cut(`${territory}:${id}`);
    for (let n = 2; !taken.add(candidate); n++) candidate = numbered(`${territory}:${id}`, n);
    return candidate;
  }
}

/** Ids are at most 100 characters (the schema's bound). */
const MAX_ID = 100;
const cut = (text: string, max = MAX_ID) => (text.length > max ? text.slice(0, max) : text);
/** `text~n`, the text cut so the number always fits: a cut number would repeat one candidate forever. */
const numbered = (text: string, n: number) => `${cut(text, MAX_ID - String(n).length - 1)}~${n}`;

/** The sources of the result (`meta.sources`): the same source once, a different one with a taken id renamed. */
export class SourceList {
  readonly sources: Source[] = [];
  readonly #ids = new Set<string>();

  /** Adds a document's sources; returns the renaming its records' references follow. */
  add(meta: Meta | undefined, territory: string, ids: IdClaims): (id: string) => string {
    const rename = new Map<string, string>();
    for (const s of meta?.sources ?? []) {
      const existing = this.sources.find((x) => x.id === s.id);
      if (existing && JSON.stringify(existing) === JSON.stringify(s)) continue;
      const id = ids.fresh(s.id, this.#ids, territory);
      this.#ids.add(id);
      if (id !== s.id) rename.set(s.id, id);
      this.sources.push({ ...s, id });
    }
    return (id: string) => rename.get(id) ?? id;
  }
}

/** The metadata of the result: titles joined (or the one given), the first licence, today's date, every source. */
export function mergedMeta(metas: readonly (Meta | undefined)[], sources: Source[], options: MergeOptions): Meta {
  const titles = [...new Set(metas.map((m) => m?.title).filter(Boolean))];
  const first = metas[0];
  return {
    title: options.title ?? titles.join(' + '),
    ...(first?.license ? { license: first.license } : {}),
    ...(metas.every((m) => m?.fictional) ? { fictional: true } : {}),
    updated: new Date().toISOString().slice(0, 10),
    sources,
  };
}
