/**
 * The merged lists as they grow, document after document, with their lookup tables: the engine of
 * `mergeToile`. Records are shallow copies of the inputs' records; flows and resources are found by
 * identity through numbered ends ({@link IdentityIndex}), not one key string each.
 */
import type { Establishment, Flow, Resource, Source, ToileDocument } from '@toile/schema';
import { mergeFields, type ConflictReport, type Json } from './fields.ts';
import { ConflictLog, IdClaims, SourceList } from './shared.ts';
import { DocumentEnds, EndNumbers, IdentityIndex, itemKey, normaliseName } from './identity.ts';
import type { MergeConflict, MergeMatch } from './merge.ts';
import { StringSet } from '../util/string-table.ts';

type List = MergeConflict['list'];

/** Fields a merge leaves to the first record: its id, and for flows and resources its main source. */
const KEEP_ID: ReadonlySet<string> = new Set(['id']);
const KEEP_ID_AND_SOURCE: ReadonlySet<string> = new Set(['id', 'source']);

/** All sources of a record (`source` and `sources`, renamed), or undefined when it has none. */
function recordSources(r: Flow | Resource, rename: (id: string) => string): string[] | undefined {
  if (r.sources === undefined) return r.source === undefined ? undefined : [rename(r.source)];
  const all = new Set(r.sources.map(rename));
  if (r.source !== undefined) all.add(rename(r.source));
  return [...all];
}

/** Accumulates documents into one; read the public fields once every document is added. */
export class Merger {
  readonly matches: MergeMatch[] = [];
  readonly establishments: Establishment[] = [];
  readonly flows: Flow[] = [];
  readonly resources: Resource[] = [];
  merged = 0;
  readonly #log = new ConflictLog();
  readonly #ids = new IdClaims();
  readonly #sources = new SourceList();
  private readonly byId = new Map<string, number>();
  private readonly bySiret = new Map<string, number>();
  private readonly byNamePostcode = new Map<string, number>();
  private readonly ends = new EndNumbers();
  private readonly flowIdentity = new IdentityIndex<Flow>((f) => `${f.kind}\u0000${itemKey(f)}`);
  private readonly flowIds = new StringSet();
  private readonly resourceIdentity = new IdentityIndex<Resource>((r) => `${r.direction}\u0000${r.kind}\u0000${itemKey(r)}`);
  private readonly resourceIds = new StringSet();
  // Document that first gave each record of the result (for conflict reports), by position.
  private readonly establishmentDoc: number[] = [];
  private readonly flowDoc: number[] = [];
  private readonly resourceDoc: number[] = [];
  // Names already normalised: a name is normalised once however often it is compared.
  private readonly normalisedNames = new Map<string, string>();

  /** Conflicts in the order they were first found. */
  get conflicts(): MergeConflict[] {
    return this.#log.conflicts;
  }

  /** The sources of the result. */
  get sources(): Source[] {
    return this.#sources.sources;
  }

  /** Ids renamed so far. */
  get renamed(): number {
    return this.#ids.renamed;
  }

  /** Records a field on which documents disagree (the first document's value is kept). */
  private conflict(list: List, position: number, id: string, document: number, firstDocument: number): ConflictReport {
    return this.#log.reporter(list, position, id, document, firstDocument);
  }

  /** {@link normaliseName}, remembered. */
  private normalised(name: string): string {
    // A name that is not text throws in normaliseName, as it always did.
    if (typeof name !== 'string') return normaliseName(name);
    let folded = this.normalisedNames.get(name);
    if (folded === undefined) this.normalisedNames.set(name, (folded = normaliseName(name)));
    return folded;
  }

  /** Sources: ids renamed on collision; returns the renaming the records' references follow. */
  addSources(doc: ToileDocument, territory: string): (id: string) => string {
    return this.#sources.add(doc.meta, territory, this.#ids);
  }

  /** The establishment already merged that `e` describes (same SIRET, else name and postcode, else id and name). */
  private sameEstablishment(e: Establishment, nameKey: string | undefined): { at: number | undefined; by: MergeMatch['by'] } {
    const siretMatch = e.siret ? this.bySiret.get(e.siret) : undefined;
    if (siretMatch !== undefined) return { at: siretMatch, by: 'siret' };
    const nameMatch = nameKey ? this.byNamePostcode.get(nameKey) : undefined;
    if (nameMatch !== undefined) return { at: nameMatch, by: 'name-postcode' };
    // Same id and same name: the same establishment described twice (a re-export, say).
    const sameId = this.byId.get(e.id);
    if (sameId === undefined) return { at: undefined, by: 'id' };
    const there = this.establishments[sameId]!.name;
    const sameName = (there === e.name && typeof there === 'string') || this.normalised(there) === this.normalised(e.name);
    return { at: sameName ? sameId : undefined, by: 'id' };
  }

  /** Establishments: matched ones merged field by field, others added (renamed on collision); returns how references resolve. */
  addEstablishments(doc: ToileDocument, d: number, territory: string, src: (id: string) => string): DocumentEnds {
    const ends = new DocumentEnds(this.ends);
    for (const e of doc.establishments) {
      const postcode = e.location?.postcode;
      const nameKey = postcode ? `${this.normalised(e.name)}\u0000${postcode}` : undefined;
      // The first document's establishments are all added: no need to look for a match.
      const at = d > 0 ? this.sameEstablishment(e, nameKey) : undefined;
      if (at?.at !== undefined) {
        const target = this.establishments[at.at]!;
        this.merged++;
        ends.rename(e.id, target.id);
        this.matches.push({ document: d, list: 'establishments', from: e.id, to: target.id, by: at.by });
        const incoming = { ...e, ...(e.sources ? { sources: e.sources.map(src) } : {}) } as Json;
        const report = this.conflict('establishments', at.at, target.id, d, this.establishmentDoc[at.at] ?? 0);
        mergeFields(target as Json, incoming, '', report, KEEP_ID);
        continue;
      }
      const id = this.#ids.fresh(e.id, this.byId, territory);
      if (id !== e.id) {
        this.matches.push({ document: d, list: 'establishments', from: e.id, to: id, by: 'new' });
        ends.rename(e.id, id);
      } else ends.keep(id);
      const record: Establishment = { ...e, id, ...(e.sources ? { sources: e.sources.map(src) } : {}) };
      const position = this.establishments.push(record) - 1;
      this.establishmentDoc.push(d);
      this.byId.set(id, position);
      if (record.siret && !this.bySiret.has(record.siret)) this.bySiret.set(record.siret, position);
      if (nameKey && !this.byNamePostcode.has(nameKey)) this.byNamePostcode.set(nameKey, position);
    }
    return ends;
  }

  /** Flows: the same ends, kind and item merged; others added. */
  addFlows(doc: ToileDocument, d: number, territory: string, src: (id: string) => string, ends: DocumentEnds): void {
    for (const f of doc.flows) {
      const fromEnd = ends.resolve(f.from);
      const from = ends.id as string;
      const toEnd = ends.resolve(f.to);
      const to = ends.id as string;
      const flowSources = recordSources(f, src);
      const at = this.flowIdentity.claim(fromEnd, toEnd, f, this.flows.length);
      if (at !== undefined) {
        const target = this.flows[at]!;
        this.merged++;
        this.matches.push({ document: d, list: 'flows', from: f.id, to: target.id, by: 'key' });
        const incoming = { ...f, from, to, ...(flowSources ? { sources: flowSources } : {}) } as Json;
        // `source` is the main source: the first document's stays; the others join `sources`.
        mergeFields(target as Json, incoming, '', this.conflict('flows', at, target.id, d, this.flowDoc[at] ?? 0), KEEP_ID_AND_SOURCE);
        continue;
      }
      const id = this.#ids.claim(f.id, this.flowIds, territory);
      const record: Flow = { ...f, id, from, to };
      if (f.source) record.source = src(f.source);
      if (flowSources) record.sources = flowSources;
      this.flows.push(record);
      this.flowDoc.push(d);
    }
  }

  /** Offers and needs: the same establishment, direction, kind and item merged; others added. */
  addResources(doc: ToileDocument, d: number, territory: string, src: (id: string) => string, ends: DocumentEnds): void {
    for (const r of doc.resources ?? []) {
      const end = ends.resolve(r.establishment);
      const establishment = ends.id as string;
      const resourceSources = recordSources(r, src);
      const at = this.resourceIdentity.claim(end, 0, r, this.resources.length);
      if (at !== undefined) {
        const target = this.resources[at]!;
        this.merged++;
        this.matches.push({ document: d, list: 'resources', from: r.id, to: target.id, by: 'key' });
        const incoming = { ...r, establishment, ...(resourceSources ? { sources: resourceSources } : {}) } as Json;
        const report = this.conflict('resources', at, target.id, d, this.resourceDoc[at] ?? 0);
        mergeFields(target as Json, incoming, '', report, KEEP_ID_AND_SOURCE);
        continue;
      }
      const id = this.#ids.claim(r.id, this.resourceIds, territory);
      const record: Resource = { ...r, id, establishment };
      if (r.source) record.source = src(r.source);
      if (resourceSources) record.sources = resourceSources;
      this.resources.push(record);
      this.resourceDoc.push(d);
    }
  }
}
