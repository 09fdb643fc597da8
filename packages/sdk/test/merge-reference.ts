// The mergeToile of commit 7ed9174, before merging found records by numbered ends: the reference merge-equivalence.test.ts compares the current one with. Not used by the SDK.
/**
 * Merging documents from several agencies into one toile. Establishments are matched by SIRET, then
 * by normalised name + postcode; flows are deduplicated by (from, to, kind, item); every merged
 * record keeps all its sources, and two different values for one field are reported as a conflict —
 * the first document's value is kept, never silently replaced.
 *
 * Records of the result are shallow copies: nested values (location, item…) are shared with the
 * inputs and replaced, never modified, when something is merged into them — so large merges
 * allocate little and leave their inputs untouched.
 */
import { FORMAT_VERSION, type Establishment, type Flow, type Meta, type Resource, type Source, type Territory, type ToileDocument } from '@toile/schema';
import { foldText } from '../src/util/fold.ts';

/** Two documents disagree on one field of a merged record. */
export interface MergeConflict {
  /** Which list the record is in. */
  list: 'establishments' | 'flows' | 'resources';
  /** Id of the record in the merged document. */
  id: string;
  /** Property path of the field (`location.postcode`). */
  field: string;
  /** Each distinct value with the document (index in the input) that gave it; the first is kept. */
  values: { document: number; value: unknown }[];
}

/** How one input record ended up in the merged document. */
export interface MergeMatch {
  document: number;
  list: 'establishments' | 'flows' | 'resources';
  /** Id in the input document. */
  from: string;
  /** Id in the merged document. */
  to: string;
  /** What matched it to an existing record, or `new`. */
  by: 'siret' | 'name-postcode' | 'id' | 'key' | 'new';
}

/** Options of {@link mergeToile}. */
export interface MergeOptions {
  /** Territory of the result (default: the first document's). */
  territory?: Territory;
  /** Title of the result (default: the titles joined). */
  title?: string;
}

/** The outcome of {@link mergeToile}. */
export interface MergeResult {
  data: ToileDocument;
  conflicts: MergeConflict[];
  /** Records of later documents merged into earlier ones, and ids renamed to avoid collisions. */
  matches: MergeMatch[];
  counts: { establishments: number; flows: number; resources: number; merged: number; renamed: number };
}

/** Folded as search text ({@link foldText}), no punctuation, no legal form: "Aciérie du Port S.A.S." → "acierie du port". */
export function normaliseName(name: string): string {
  return foldText(name)
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(sas|sasu|sarl|eurl|sa|sci|snc|scop|scic|sem|spl|gie|ste|societe|ets|etablissements)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An array of objects that each have a string `id`. */
const isRecordList = (v: unknown): v is (Json & { id: string })[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => isObject(x) && typeof x.id === 'string');

/** `current` with the records of `incoming` whose id it lacks; a known id with other values is reported. */
function uniteById(
  current: (Json & { id: string })[],
  incoming: (Json & { id: string })[],
  field: string,
  report: (field: string, kept: unknown, other: unknown) => void,
) {
  const byId = new Map(current.map((r) => [r.id, r]));
  const united = [...current];
  for (const record of incoming) {
    const known = byId.get(record.id);
    if (!known) united.push(record);
    else if (JSON.stringify(known) !== JSON.stringify(record)) report(`${field}[${record.id}]`, known, record);
  }
  return united;
}

/**
 * Fills `target` with the fields of `incoming` it lacks; reports fields whose values differ.
 * Arrays of strings (sectors, sources) are united rather than compared; so are arrays of records
 * with an `id` (an establishment's capabilities), by id — one id with two different values is a
 * conflict at `capabilities[id]`, the first kept.
 */
function mergeFields(
  target: Json,
  incoming: Json,
  path: string,
  report: (field: string, kept: unknown, other: unknown) => void,
  skip: ReadonlySet<string>,
): void {
  for (const [key, value] of Object.entries(incoming)) {
    if (skip.has(key) || value === undefined) continue;
    const field = path ? `${path}.${key}` : key;
    const current = target[key];
    if (current === undefined) {
      target[key] = value;
    } else if (Array.isArray(current) && Array.isArray(value) && [...current, ...value].every((v) => typeof v === 'string')) {
      target[key] = [...new Set([...(current as string[]), ...(value as string[])])];
    } else if (isRecordList(current) && isRecordList(value)) {
      target[key] = uniteById(current, value, field, report);
    } else if (isObject(current) && isObject(value) && key !== 'ext') {
      // Copy, then merge: the nested object may be shared with an input.
      const copy = { ...current };
      mergeFields(copy, value, field, report, new Set());
      target[key] = copy;
    } else if (JSON.stringify(current) !== JSON.stringify(value)) {
      report(field, current, value);
    }
  }
}

/** All sources of a record (`source` and `sources`, renamed), or undefined when it has none. */
function recordSources(r: Flow | Resource, rename: (id: string) => string): string[] | undefined {
  if (r.sources === undefined) return r.source === undefined ? undefined : [rename(r.source)];
  const all = new Set(r.sources.map(rename));
  if (r.source !== undefined) all.add(rename(r.source));
  return [...all];
}

function itemKey(r: Flow | Resource): string {
  const item = r.item;
  return item?.code ?? (item?.family ? `family:${item.family}` : item?.label ? `label:${normaliseName(item.label)}` : '');
}

/**
 * Merges documents (at least one) into one valid document. Pure: inputs are not modified.
 *
 * @example
 * ```ts
 * const { data, conflicts } = mergeToile([cciDoc, agencyDoc]);
 * ```
 */
export function mergeToile(docs: readonly ToileDocument[], options: MergeOptions = {}): MergeResult {
  if (docs.length === 0) throw new TypeError('mergeToile needs at least one document');
  const merger = new Merger();
  docs.forEach((doc, d) => {
    const territory = doc.territory?.id ?? `doc${d}`;
    const src = merger.addSources(doc, territory);
    const idMap = merger.addEstablishments(doc, d, territory, src);
    merger.addFlows(doc, d, territory, src, idMap);
    merger.addResources(doc, d, territory, src, idMap);
  });
  const first = docs[0] as ToileDocument;
  const titles = [...new Set(docs.map((d) => d.meta?.title).filter(Boolean))];
  const meta: Meta = {
    title: options.title ?? titles.join(' + '),
    ...(first.meta?.license ? { license: first.meta.license } : {}),
    ...(docs.every((d) => d.meta?.fictional) ? { fictional: true } : {}),
    updated: new Date().toISOString().slice(0, 10),
    sources: merger.sources,
  };
  const { establishments, flows, resources } = merger;
  const data: ToileDocument = {
    toile: FORMAT_VERSION,
    territory: structuredClone(options.territory ?? first.territory),
    meta,
    establishments,
    flows,
    resources,
  };
  return {
    data,
    conflicts: [...merger.conflicts.values()],
    matches: merger.matches,
    counts: { establishments: establishments.length, flows: flows.length, resources: resources.length, merged: merger.merged, renamed: merger.renamed },
  };
}

/** The merged lists as they grow, document after document, with their lookup tables. */
class Merger {
  readonly conflicts = new Map<string, MergeConflict>();
  readonly matches: MergeMatch[] = [];
  readonly sources: Source[] = [];
  readonly establishments: Establishment[] = [];
  readonly flows: Flow[] = [];
  readonly resources: Resource[] = [];
  merged = 0;
  renamed = 0;
  private readonly sourceIds = new Set<string>();
  private readonly byId = new Map<string, number>();
  private readonly bySiret = new Map<string, number>();
  private readonly byNamePostcode = new Map<string, number>();
  private readonly flowByKey = new Map<string, number>();
  private readonly flowIds = new Set<string>();
  private readonly resourceByKey = new Map<string, number>();
  private readonly resourceIds = new Set<string>();
  // Document that first gave each record of the result (for conflict reports), by position.
  private readonly establishmentDoc: number[] = [];
  private readonly flowDoc: number[] = [];
  private readonly resourceDoc: number[] = [];

  /** Records a field on which documents disagree (the first document's value is kept). */
  private conflict(list: MergeConflict['list'], id: string, document: number, firstDocument: number) {
    return (field: string, kept: unknown, other: unknown) => {
      const key = `${list}\u0000${id}\u0000${field}`;
      let c = this.conflicts.get(key);
      if (!c) {
        c = { list, id, field, values: [{ document: firstDocument, value: kept }] };
        this.conflicts.set(key, c);
      }
      if (!c.values.some((v) => JSON.stringify(v.value) === JSON.stringify(other))) c.values.push({ document, value: other });
    };
  }

  /** A fresh id, prefixed by the document's territory when the plain one is taken. */
  private freshId(id: string, taken: Set<string> | Map<string, unknown>, territory: string): string {
    if (!taken.has(id)) return id;
    this.renamed++;
    let candidate = `${territory}:${id}`.slice(0, 100);
    for (let n = 2; taken.has(candidate); n++) candidate = `${territory}:${id}~${n}`.slice(0, 100);
    return candidate;
  }

  /** Sources: ids renamed on collision; returns the renaming the records' references follow. */
  addSources(doc: ToileDocument, territory: string): (id: string) => string {
    const sourceRename = new Map<string, string>();
    for (const s of doc.meta?.sources ?? []) {
      const existing = this.sources.find((x) => x.id === s.id);
      if (existing && JSON.stringify(existing) === JSON.stringify(s)) continue;
      const id = this.freshId(s.id, this.sourceIds, territory);
      this.sourceIds.add(id);
      if (id !== s.id) sourceRename.set(s.id, id);
      this.sources.push({ ...s, id });
    }
    return (id: string) => sourceRename.get(id) ?? id;
  }

  /** The establishment already merged that `e` describes (same SIRET, else name and postcode, else id and name). */
  private sameEstablishment(e: Establishment, nameKey: string | undefined): { at: number | undefined; by: MergeMatch['by'] } {
    const siretMatch = e.siret ? this.bySiret.get(e.siret) : undefined;
    if (siretMatch !== undefined) return { at: siretMatch, by: 'siret' };
    const nameMatch = nameKey ? this.byNamePostcode.get(nameKey) : undefined;
    if (nameMatch !== undefined) return { at: nameMatch, by: 'name-postcode' };
    // Same id and same name: the same establishment described twice (a re-export, say).
    const sameId = this.byId.get(e.id);
    const idMatch = sameId !== undefined && normaliseName(this.establishments[sameId]!.name) === normaliseName(e.name) ? sameId : undefined;
    return { at: idMatch, by: 'id' };
  }

  /** Establishments: matched ones merged field by field, others added (renamed on collision); returns old id → new id. */
  addEstablishments(doc: ToileDocument, d: number, territory: string, src: (id: string) => string): Map<string, string> {
    const idMap = new Map<string, string>();
    for (const e of doc.establishments) {
      const postcode = e.location?.postcode;
      const nameKey = postcode ? `${normaliseName(e.name)}\u0000${postcode}` : undefined;
      const { at, by } = this.sameEstablishment(e, nameKey);
      if (at !== undefined && d > 0) {
        const target = this.establishments[at]!;
        this.merged++;
        idMap.set(e.id, target.id);
        this.matches.push({ document: d, list: 'establishments', from: e.id, to: target.id, by });
        const incoming = { ...e, ...(e.sources ? { sources: e.sources.map(src) } : {}) } as Json;
        mergeFields(target as Json, incoming, '', this.conflict('establishments', target.id, d, this.establishmentDoc[at] ?? 0), new Set(['id']));
        continue;
      }
      const id = this.freshId(e.id, this.byId, territory);
      if (id !== e.id) {
        this.matches.push({ document: d, list: 'establishments', from: e.id, to: id, by: 'new' });
        idMap.set(e.id, id);
      }
      const record: Establishment = { ...e, id, ...(e.sources ? { sources: e.sources.map(src) } : {}) };
      const position = this.establishments.push(record) - 1;
      this.establishmentDoc.push(d);
      this.byId.set(id, position);
      if (record.siret && !this.bySiret.has(record.siret)) this.bySiret.set(record.siret, position);
      if (nameKey && !this.byNamePostcode.has(nameKey)) this.byNamePostcode.set(nameKey, position);
    }
    return idMap;
  }

  /** Flows: the same ends, kind and item merged; others added. */
  addFlows(doc: ToileDocument, d: number, territory: string, src: (id: string) => string, idMap: Map<string, string>): void {
    for (const f of doc.flows) {
      const from = idMap.get(f.from) ?? f.from;
      const to = idMap.get(f.to) ?? f.to;
      const key = `${from}\u0000${to}\u0000${f.kind}\u0000${itemKey(f)}`;
      const flowSources = recordSources(f, src);
      const at = this.flowByKey.get(key);
      if (at !== undefined) {
        const target = this.flows[at]!;
        this.merged++;
        this.matches.push({ document: d, list: 'flows', from: f.id, to: target.id, by: 'key' });
        const incoming = { ...f, from, to, ...(flowSources ? { sources: flowSources } : {}) } as Json;
        // `source` is the main source: the first document's stays; the others join `sources`.
        mergeFields(target as Json, incoming, '', this.conflict('flows', target.id, d, this.flowDoc[at] ?? 0), new Set(['id', 'source']));
        continue;
      }
      const id = this.freshId(f.id, this.flowIds, territory);
      this.flowIds.add(id);
      const record: Flow = { ...f, id, from, to };
      if (f.source) record.source = src(f.source);
      if (flowSources) record.sources = flowSources;
      this.flowByKey.set(key, this.flows.push(record) - 1);
      this.flowDoc.push(d);
    }
  }

  /** Offers and needs: the same establishment, direction, kind and item merged; others added. */
  addResources(doc: ToileDocument, d: number, territory: string, src: (id: string) => string, idMap: Map<string, string>): void {
    for (const r of doc.resources ?? []) {
      const establishment = idMap.get(r.establishment) ?? r.establishment;
      const key = `${establishment}\u0000${r.direction}\u0000${r.kind}\u0000${itemKey(r)}`;
      const resourceSources = recordSources(r, src);
      const at = this.resourceByKey.get(key);
      if (at !== undefined) {
        const target = this.resources[at]!;
        this.merged++;
        this.matches.push({ document: d, list: 'resources', from: r.id, to: target.id, by: 'key' });
        const incoming = { ...r, establishment, ...(resourceSources ? { sources: resourceSources } : {}) } as Json;
        mergeFields(target as Json, incoming, '', this.conflict('resources', target.id, d, this.resourceDoc[at] ?? 0), new Set(['id', 'source']));
        continue;
      }
      const id = this.freshId(r.id, this.resourceIds, territory);
      this.resourceIds.add(id);
      const record: Resource = { ...r, id, establishment };
      if (r.source) record.source = src(r.source);
      if (resourceSources) record.sources = resourceSources;
      this.resourceByKey.set(key, this.resources.push(record) - 1);
      this.resourceDoc.push(d);
    }
  }
}
