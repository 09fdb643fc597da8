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
  // Conflicts of each record of the result, by position (ids are unique in each list). A record has
  // a few conflicts at most, scanned by field: a Map per record cost more at 10⁵ merged records.
  readonly #at: Record<List, (MergeConflict[] | undefined)[]> = { establishments: [], flows: [], resources: [] };

  /** Reports on the record at `position` of `list` (first given by `firstDocument`) merged with one of `document`. */
  reporter(list: List, position: number, id: string, document: number, firstDocument: number): ConflictReport {
    return (field, kept, other) => {
      const known = (this.#at[list][position] ??= []);
      let c = known.find((x) => x.field === field);
      if (!c) {
        c = { list, id, field, values: [{ document: firstDocument, value: kept }] };
        known.push(c);
        this.conflicts.push(c);
      }
      if (!c.values.some((v) => sameJson(v.value, other))) c.values.push({ document, value: other });
    };
  }
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
