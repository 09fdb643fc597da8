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
import {
  FORMAT_VERSION,
  type Establishment,
  type Flow,
  type Meta,
  type Resource,
  type Source,
  type Territory,
  type ToileDocument,
} from '@toile/schema';
import { foldText } from '../util/fold.ts';

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

/**
 * Fills `target` with the fields of `incoming` it lacks; reports fields whose values differ.
 * Arrays of strings (sectors, sources) are united rather than compared.
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
  const conflicts = new Map<string, MergeConflict>();
  const matches: MergeMatch[] = [];
  const sources: Source[] = [];
  const sourceIds = new Set<string>();
  const establishments: Establishment[] = [];
  const byId = new Map<string, number>();
  const bySiret = new Map<string, number>();
  const byNamePostcode = new Map<string, number>();
  const flows: Flow[] = [];
  const flowByKey = new Map<string, number>();
  const flowIds = new Set<string>();
  const resources: Resource[] = [];
  const resourceByKey = new Map<string, number>();
  const resourceIds = new Set<string>();
  let merged = 0;
  let renamed = 0;

  const conflict = (list: MergeConflict['list'], id: string, document: number, firstDocument: number) =>
    (field: string, kept: unknown, other: unknown) => {
      const key = `${list}\u0000${id}\u0000${field}`;
      let c = conflicts.get(key);
      if (!c) {
        c = { list, id, field, values: [{ document: firstDocument, value: kept }] };
        conflicts.set(key, c);
      }
      if (!c.values.some((v) => JSON.stringify(v.value) === JSON.stringify(other))) c.values.push({ document, value: other });
    };
  /** A fresh id, prefixed by the document's territory when the plain one is taken. */
  const freshId = (id: string, taken: Set<string> | Map<string, unknown>, territory: string): string => {
    if (!taken.has(id)) return id;
    renamed++;
    let candidate = `${territory}:${id}`.slice(0, 100);
    for (let n = 2; taken.has(candidate); n++) candidate = `${territory}:${id}~${n}`.slice(0, 100);
    return candidate;
  };
  // Document that first gave each record of the result (for conflict reports), by position.
  const establishmentDoc: number[] = [];
  const flowDoc: number[] = [];
  const resourceDoc: number[] = [];
  docs.forEach((doc, d) => {
    const territory = doc.territory?.id ?? `doc${d}`;
    // Sources: ids renamed on collision, records' references follow.
    const sourceRename = new Map<string, string>();
    for (const s of doc.meta?.sources ?? []) {
      const existing = sources.find((x) => x.id === s.id);
      if (existing && JSON.stringify(existing) === JSON.stringify(s)) continue;
      const id = freshId(s.id, sourceIds, territory);
      sourceIds.add(id);
      if (id !== s.id) sourceRename.set(s.id, id);
      sources.push({ ...s, id });
    }
    const src = (id: string) => sourceRename.get(id) ?? id;

    const idMap = new Map<string, string>();
    for (const e of doc.establishments) {
      const siretMatch = e.siret ? bySiret.get(e.siret) : undefined;
      const postcode = e.location?.postcode;
      const nameKey = postcode ? `${normaliseName(e.name)}\u0000${postcode}` : undefined;
      const nameMatch = siretMatch === undefined && nameKey ? byNamePostcode.get(nameKey) : undefined;
      // Same id and same name: the same establishment described twice (a re-export, say).
      const sameId = byId.get(e.id);
      const idMatch =
        siretMatch === undefined && nameMatch === undefined && sameId !== undefined && normaliseName(establishments[sameId]!.name) === normaliseName(e.name)
          ? sameId
          : undefined;
      const at = siretMatch ?? nameMatch ?? idMatch;
      if (at !== undefined && d > 0) {
        const target = establishments[at]!;
        merged++;
        idMap.set(e.id, target.id);
        matches.push({ document: d, list: 'establishments', from: e.id, to: target.id, by: siretMatch !== undefined ? 'siret' : nameMatch !== undefined ? 'name-postcode' : 'id' });
        const incoming = { ...e, ...(e.sources ? { sources: e.sources.map(src) } : {}) } as Json;
        mergeFields(target as Json, incoming, '', conflict('establishments', target.id, d, establishmentDoc[at] ?? 0), new Set(['id']));
        continue;
      }
      const id = freshId(e.id, byId, territory);
      if (id !== e.id) {
        matches.push({ document: d, list: 'establishments', from: e.id, to: id, by: 'new' });
        idMap.set(e.id, id);
      }
      const record: Establishment = { ...e, id, ...(e.sources ? { sources: e.sources.map(src) } : {}) };
      const position = establishments.push(record) - 1;
      establishmentDoc.push(d);
      byId.set(id, position);
      if (record.siret && !bySiret.has(record.siret)) bySiret.set(record.siret, position);
      if (nameKey && !byNamePostcode.has(nameKey)) byNamePostcode.set(nameKey, position);
    }

    for (const f of doc.flows) {
      const from = idMap.get(f.from) ?? f.from;
      const to = idMap.get(f.to) ?? f.to;
      const key = `${from}\u0000${to}\u0000${f.kind}\u0000${itemKey(f)}`;
      const flowSources = recordSources(f, src);
      const at = flowByKey.get(key);
      if (at !== undefined) {
        const target = flows[at]!;
        merged++;
        matches.push({ document: d, list: 'flows', from: f.id, to: target.id, by: 'key' });
        const incoming = { ...f, from, to, ...(flowSources ? { sources: flowSources } : {}) } as Json;
        // `source` is the main source: the first document's stays; the others join `sources`.
        mergeFields(target as Json, incoming, '', conflict('flows', target.id, d, flowDoc[at] ?? 0), new Set(['id', 'source']));
        continue;
      }
      const id = freshId(f.id, flowIds, territory);
      flowIds.add(id);
      const record: Flow = { ...f, id, from, to };
      if (f.source) record.source = src(f.source);
      if (flowSources) record.sources = flowSources;
      flowByKey.set(key, flows.push(record) - 1);
      flowDoc.push(d);
    }

    for (const r of doc.resources ?? []) {
      const establishment = idMap.get(r.establishment) ?? r.establishment;
      const key = `${establishment}\u0000${r.direction}\u0000${r.kind}\u0000${itemKey(r)}`;
      const resourceSources = recordSources(r, src);
      const at = resourceByKey.get(key);
      if (at !== undefined) {
        const target = resources[at]!;
        merged++;
        matches.push({ document: d, list: 'resources', from: r.id, to: target.id, by: 'key' });
        const incoming = { ...r, establishment, ...(resourceSources ? { sources: resourceSources } : {}) } as Json;
        mergeFields(target as Json, incoming, '', conflict('resources', target.id, d, resourceDoc[at] ?? 0), new Set(['id', 'source']));
        continue;
      }
      const id = freshId(r.id, resourceIds, territory);
      resourceIds.add(id);
      const record: Resource = { ...r, id, establishment };
      if (r.source) record.source = src(r.source);
      if (resourceSources) record.sources = resourceSources;
      resourceByKey.set(key, resources.push(record) - 1);
      resourceDoc.push(d);
    }
  });

  const first = docs[0] as ToileDocument;
  const titles = [...new Set(docs.map((d) => d.meta?.title).filter(Boolean))];
  const meta: Meta = {
    title: options.title ?? titles.join(' + '),
    ...(first.meta?.license ? { license: first.meta.license } : {}),
    ...(docs.every((d) => d.meta?.fictional) ? { fictional: true } : {}),
    updated: new Date().toISOString().slice(0, 10),
    sources,
  };
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
    conflicts: [...conflicts.values()],
    matches,
    counts: { establishments: establishments.length, flows: flows.length, resources: resources.length, merged, renamed },
  };
}
