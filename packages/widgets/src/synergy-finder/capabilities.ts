/**
 * The capabilities mode's reading of a loaded document — the SDK's kinship context, the gaps, the
 * searchable processes and products — made once per document, and its answer to a query: the SDK's
 * `findMakers` (who could make it, ranked and explained) and `spareCapacity` (spare capacity that
 * meets it, with the needs it could serve). Loaded with the mode, not with the finder.
 */
import type { Capability, Flow } from '@toile/schema';
import { findGaps, findMakers, prepareKinship, spareCapacity, type GapResult, type KinshipContext, type MakerResult, type SpareOffer } from '@toile/sdk';
import type { LoadedToile } from '../data/toile-data.component.ts';
import { capabilityOptions, parseCapabilityQuery, type CapabilityOption, type CapabilityQuery } from './capability-options.ts';

/** What the capabilities mode reads from a loaded document, once per document. */
export interface CapabilityData {
  readonly kinship: KinshipContext;
  /** Missing inputs, for the needs spare capacity could serve (computed on the first query). */
  gaps(): GapResult;
  readonly options: readonly CapabilityOption[];
  readonly names: ReadonlyMap<string, string>;
  /** Capabilities by id, with their establishment. */
  readonly capabilities: ReadonlyMap<string, { readonly establishment: string; readonly capability: Capability }>;
  readonly flows: ReadonlyMap<string, Flow>;
  /** The territory's establishments, by name: where distances may be measured from. */
  readonly establishments: readonly { readonly id: string; readonly name: string }[];
}

const dataFor = new WeakMap<LoadedToile, CapabilityData>();

/** The capabilities mode's reading of a loaded document, made once per document (cached): `prepareKinship` runs once. */
export function capabilityData(loaded: LoadedToile): CapabilityData {
  let data = dataFor.get(loaded);
  if (data) return data;
  const { document: doc, index } = loaded;
  const capabilities = new Map<string, { establishment: string; capability: Capability }>();
  for (const e of doc.establishments) for (const c of e.capabilities ?? []) capabilities.set(c.id, { establishment: e.id, capability: c });
  let gaps: GapResult | undefined;
  data = {
    kinship: prepareKinship(doc, { index }),
    gaps: () => (gaps ??= findGaps(doc, { index })),
    options: capabilityOptions(doc),
    names: new Map(doc.establishments.map((e) => [e.id, e.name])),
    capabilities,
    flows: new Map(doc.flows.map((f) => [f.id, f])),
    establishments: doc.establishments
      .filter((e) => !e.external)
      .map((e) => ({ id: e.id, name: e.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
  dataFor.set(loaded, data);
  return data;
}

/** The capabilities mode's settings. */
export interface CapabilitySettings {
  /** A process id of the vocabulary (wins over `product`). */
  readonly process: string | null;
  /** A product code, `scheme:code`. */
  readonly product: string | null;
  /** Distances from this establishment; the territory's centre without it. */
  readonly near: string | null;
  /** Candidates farther (or not located) are left out; none without it. */
  readonly radiusKm: number | null;
  readonly top: number;
}

/** What the capabilities mode shows. */
export type CapabilityOutcome =
  | { readonly state: 'ask'; readonly data: CapabilityData }
  | { readonly state: 'unknown-process'; readonly data: CapabilityData; readonly value: string }
  | { readonly state: 'unknown-product'; readonly data: CapabilityData; readonly value: string }
  | { readonly state: 'unknown-near'; readonly data: CapabilityData; readonly id: string }
  | {
      readonly state: 'ok';
      readonly data: CapabilityData;
      readonly query: CapabilityQuery;
      readonly result: MakerResult;
      /** Spare capacity meeting the query, the closest match first (then process and period, as the SDK orders them). */
      readonly spare: readonly SpareOffer[];
      /** The same, by establishment. */
      readonly spareOf: ReadonlyMap<string, readonly SpareOffer[]>;
    };

/** The query of the settings: the process when one is given, else the product; an error outcome when it cannot be read. */
function queryOf(data: CapabilityData, settings: CapabilitySettings): CapabilityQuery | CapabilityOutcome {
  if (settings.process) {
    const q = parseCapabilityQuery(settings.process);
    return q?.type === 'process' ? q : { state: 'unknown-process', data, value: settings.process };
  }
  if (settings.product) {
    const q = parseCapabilityQuery(settings.product);
    return q?.type === 'product' ? q : { state: 'unknown-product', data, value: settings.product };
  }
  return { state: 'ask', data };
}

/** Runs the SDK for the settings: makers ranked and explained, and the spare capacity that meets the query. */
export function findCapabilities(loaded: LoadedToile, settings: CapabilitySettings): CapabilityOutcome {
  const data = capabilityData(loaded);
  const query = queryOf(data, settings);
  if ('state' in query) return query;
  if (settings.near && !loaded.index.nodeOf.has(settings.near)) return { state: 'unknown-near', data, id: settings.near };
  const asked = query.type === 'process' ? { process: query.id } : { product: query.code };
  const result = findMakers(data.kinship, {
    ...asked,
    top: settings.top,
    ...(settings.near ? { near: settings.near } : {}),
    ...(settings.radiusKm !== null ? { radiusKm: settings.radiusKm } : {}),
  });
  const byProcess = spareCapacity(loaded.document, { ...asked, index: loaded.index, gaps: data.gaps() }).processes;
  // Stable: within one strength, the SDK's order (process vocabulary, then period and establishment).
  const spare = byProcess.flatMap((p) => p.offers).sort((a, b) => (b.match?.strength ?? 0) - (a.match?.strength ?? 0));
  const spareOf = new Map<string, SpareOffer[]>();
  for (const o of spare) spareOf.set(o.establishment, [...(spareOf.get(o.establishment) ?? []), o]);
  return { state: 'ok', data, query, result, spare, spareOf };
}
