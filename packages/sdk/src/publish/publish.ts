/**
 * Preparing a document for an audience. Each record has a publication level (`public`, `partners`,
 * `confidential`); what the audience may not see is removed — or, for flows, reduced to the bare fact
 * that a link exists, when the agency chooses so — and `meta.publication` records what was withheld.
 * Built by copying only what may be shown (an allow-list), so a field added to the format later is
 * withheld until this module learns it is safe.
 */
import type { Capability, Establishment, Flow, Meta, Resource, ToileDocument } from '@toile/schema';
import { isVisibleTo, readConfidentiality, type Audience } from './audience.ts';

export type { Audience } from './audience.ts';

/** Options of {@link publishToile}. */
export interface PublishOptions {
  audience: Audience;
  /**
   * What to do with flows the audience may not see: `remove` them (default), or keep their
   * `existence` — id, ends, kind and status, without item, quantity, value, shares or source.
   */
  hiddenFlows?: 'remove' | 'existence';
  /** Keep producers' `ext` data (never interpreted by Toile, so withheld by default). */
  keepExtensions?: boolean;
  /** Date written in `meta.publication.date` (default: today). */
  date?: string;
}

/** The outcome of {@link publishToile}. */
export interface PublishResult {
  data: ToileDocument;
  /**
   * Records and field values withheld. `capabilities` (those of withheld establishments, and those
   * withheld on their own) is there only when the document has capabilities.
   */
  withheld: { establishments: number; flows: number; resources: number; capabilities?: number; fields: number };
}

const visible = isVisibleTo;

const ESTABLISHMENT_FIELDS = [
  'id',
  'name',
  'siret',
  'naf',
  'employees',
  'location',
  'external',
  'sectors',
  'ess',
  'website',
  'description',
  'status',
  'confidentiality',
  'sources',
  'validated',
] as const satisfies readonly (keyof Establishment)[];
const FLOW_FIELDS = [
  'id',
  'from',
  'to',
  'kind',
  'item',
  'quantity',
  'valueEur',
  'dependency',
  'status',
  'confidentiality',
  'source',
  'sources',
  'validated',
  'since',
  'description',
] as const satisfies readonly (keyof Flow)[];
const FLOW_EXISTENCE_FIELDS = ['id', 'from', 'to', 'kind', 'status'] as const satisfies readonly (keyof Flow)[];
const RESOURCE_FIELDS = [
  'id',
  'establishment',
  'direction',
  'kind',
  'item',
  'quantity',
  'availability',
  'confidentiality',
  'source',
  'sources',
  'description',
] as const satisfies readonly (keyof Resource)[];
const CAPABILITY_FIELDS = [
  'id',
  'label',
  'process',
  'products',
  'capacity',
  'spare',
  'certifications',
  'confidentiality',
] as const satisfies readonly (keyof Capability)[];
const META_FIELDS = [
  'title',
  'description',
  'publisher',
  'license',
  'created',
  'updated',
  'language',
  'fictional',
  'sources',
] as const satisfies readonly (keyof Meta)[];

/**
 * A deep copy of JSON data (plain objects, arrays, primitives). A document is JSON, and this is
 * 10–20× faster than `structuredClone` called once per nested value (about a third of `<toile-data>`'s
 * load time on 20,000 flows went to it).
 */
function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyJson((value as Record<string, unknown>)[key]);
  return out as T;
}

/** A copy of `record` with only `fields` (and `ext` when kept); other keys but `skip` count as withheld fields. */
function pick<T extends object>(record: T, fields: readonly (keyof T)[], keepExtensions: boolean, counter: { fields: number }, skip?: keyof T): T {
  const out = {} as T;
  for (const key of fields) {
    const value = record[key];
    if (value !== undefined) out[key] = copyJson(value);
  }
  const ext = (record as { ext?: unknown }).ext;
  if (ext !== undefined) {
    if (keepExtensions) (out as { ext?: unknown }).ext = copyJson(ext);
    else counter.fields++;
  }
  for (const key of Object.keys(record)) if (key !== 'ext' && key !== skip && !fields.includes(key as keyof T)) counter.fields++;
  return out;
}

/** What publishing has withheld so far. */
interface Withheld {
  establishments: number;
  flows: number;
  resources: number;
  /** Undefined while no establishment has had a `capabilities` list. */
  capabilities: number | undefined;
  fields: number;
}

/**
 * The capabilities of a shown establishment that the audience may see, each by its own level (a
 * value that is not a capability is withheld too).
 */
function publishCapabilities(list: unknown, audience: Audience, keepExtensions: boolean, counter: { fields: number }, withheld: Withheld): Capability[] {
  const shown: Capability[] = [];
  const all: unknown[] = Array.isArray(list) ? list : [list];
  for (const c of all) {
    if (typeof c === 'object' && c !== null && visible((c as Capability).confidentiality, audience))
      shown.push(pick(c as Capability, CAPABILITY_FIELDS, keepExtensions, counter));
    else withheld.capabilities = (withheld.capabilities ?? 0) + 1;
  }
  return shown;
}

/**
 * The establishments the audience may see, with their ids in `shown`. An establishment's
 * capabilities are kept by their own level; a withheld establishment takes its capabilities along.
 */
function publishEstablishments(
  doc: ToileDocument,
  audience: Audience,
  keepExtensions: boolean,
  counter: { fields: number },
  withheld: Withheld,
  shown: Set<string>,
): Establishment[] {
  const establishments: Establishment[] = [];
  for (const e of doc.establishments) {
    const capabilities: unknown = e.capabilities;
    if (capabilities !== undefined) withheld.capabilities ??= 0;
    if (!visible(e.confidentiality, audience)) {
      withheld.establishments++;
      if (capabilities !== undefined) withheld.capabilities! += Array.isArray(capabilities) ? capabilities.length : 1;
      continue;
    }
    shown.add(e.id);
    const out = pick(e, ESTABLISHMENT_FIELDS, keepExtensions, counter, 'capabilities');
    if (capabilities === undefined) {
      establishments.push(out);
      continue;
    }
    const kept = publishCapabilities(capabilities, audience, keepExtensions, counter, withheld);
    // None left: no empty list that would say some were withheld.
    if (kept.length > 0) out.capabilities = kept;
    establishments.push(out);
  }
  return establishments;
}

/**
 * Returns a copy of the document fit for the audience. Confidential establishments go with their
 * flows, resources and capabilities; a capability is also kept or withheld by its own level;
 * `partners` keeps partner-level data; `public` keeps public data only.
 *
 * @example
 * ```ts
 * const { data, withheld } = publishToile(doc, { audience: 'public', hiddenFlows: 'existence' });
 * ```
 */
export function publishToile(doc: ToileDocument, options: PublishOptions): PublishResult {
  const { audience } = options;
  const keepExtensions = options.keepExtensions ?? false;
  const counter = { fields: 0 };
  const withheld: Withheld = { establishments: 0, flows: 0, resources: 0, capabilities: undefined, fields: 0 };

  const shown = new Set<string>();
  const establishments = publishEstablishments(doc, audience, keepExtensions, counter, withheld, shown);

  const flows: Flow[] = [];
  for (const f of doc.flows) {
    if (!shown.has(f.from) || !shown.has(f.to)) {
      withheld.flows++;
      continue;
    }
    if (visible(f.confidentiality, audience)) {
      flows.push(pick(f, FLOW_FIELDS, keepExtensions, counter));
    } else if (options.hiddenFlows === 'existence') {
      // The link stays visible (who exchanges with whom), nothing about what or how much.
      const bare = pick(f, FLOW_EXISTENCE_FIELDS, false, { fields: 0 });
      bare.confidentiality = readConfidentiality(f.confidentiality);
      flows.push(bare);
      withheld.fields += Object.keys(f).filter((k) => !(FLOW_EXISTENCE_FIELDS as readonly string[]).includes(k) && k !== 'confidentiality').length;
    } else {
      withheld.flows++;
    }
  }

  const resources: Resource[] = [];
  for (const r of doc.resources ?? []) {
    if (!shown.has(r.establishment) || !visible(r.confidentiality, audience)) {
      withheld.resources++;
      continue;
    }
    resources.push(pick(r, RESOURCE_FIELDS, keepExtensions, counter));
  }

  withheld.fields += counter.fields;
  const { capabilities, ...counts } = withheld;
  const report: PublishResult['withheld'] =
    capabilities === undefined
      ? counts
      : { establishments: counts.establishments, flows: counts.flows, resources: counts.resources, capabilities, fields: counts.fields };
  return {
    data: { ...publishedHeader(doc, options, report), establishments, flows, resources },
    withheld: report,
  };
}

/**
 * @internal The published `toile`, `territory` and `meta` of a document in either form: `meta` by
 * its allow-list, with `meta.publication` (audience, date, what was withheld).
 */
export function publishedHeader(
  doc: Pick<ToileDocument, 'toile' | 'territory' | 'meta'>,
  options: PublishOptions,
  report: PublishResult['withheld'],
): Pick<ToileDocument, 'toile' | 'territory' | 'meta'> {
  const keepExtensions = options.keepExtensions ?? false;
  // Saved scenarios may name confidential closures: they stay with the agency (not in the allow-list).
  const meta = pick(doc.meta, META_FIELDS, keepExtensions, { fields: 0 });
  meta.publication = { audience: options.audience, date: options.date ?? new Date().toISOString().slice(0, 10), withheld: report };
  const territory = { ...doc.territory };
  if (!keepExtensions) delete territory.ext;
  return { toile: doc.toile, territory, meta };
}
