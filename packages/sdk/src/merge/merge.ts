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
import { FORMAT_VERSION, type Territory, type ToileDocument } from '@toile/schema';
import { Merger } from './merger.ts';
import { mergedMeta } from './shared.ts';

export { normaliseName } from './identity.ts';

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
    const ends = merger.addEstablishments(doc, d, territory, src);
    merger.addFlows(doc, d, territory, src, ends);
    merger.addResources(doc, d, territory, src, ends);
  });
  const first = docs[0] as ToileDocument;
  const meta = mergedMeta(
    docs.map((d) => d.meta),
    merger.sources,
    options,
  );
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
    conflicts: merger.conflicts,
    matches: merger.matches,
    counts: { establishments: establishments.length, flows: flows.length, resources: resources.length, merged: merger.merged, renamed: merger.renamed },
  };
}
