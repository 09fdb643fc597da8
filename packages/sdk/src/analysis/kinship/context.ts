/**
 * The prepared context of the kinship questions: everything relatedness reads, computed once per
 * document — NAF codes, input, output and capability profiles, their inverted indexes, the
 * establishments grouped by NAF code, the weights and, when other territories are given, the
 * co-location table.
 */
import type { FlowStatus, ToileDocument } from '@toile/schema';
import type { GraphIndex } from '../../graph/build-index.ts';
import type { ToileColumns } from '../../columnar/columns.ts';
import { indexOf, recordsOf, type ToileRecords } from '../../columnar/records.ts';
import { compareStrings } from '../compare.ts';
import { buildColocation, DEFAULT_MIN_TERRITORIES, type ColocationTable, type KinshipTerritory } from './colocation.ts';

export type { KinshipTerritory } from './colocation.ts';
import { parseNaf, type NafCode } from './naf.ts';
import { capabilityProfiles, flowProfiles, postingsOf, type CapabilityProfiles, type FlowProfiles, type Postings } from './profiles.ts';

/** The parts of relatedness. */
export type KinshipPart = 'activity' | 'inputs' | 'outputs' | 'capabilities' | 'colocation';

/** Every part, in the order they are shown. */
export const KINSHIP_PARTS: readonly KinshipPart[] = ['activity', 'inputs', 'outputs', 'capabilities', 'colocation'];

/** Weight of each part of relatedness. */
export type KinshipWeights = Record<KinshipPart, number>;

/**
 * Default weights: the activity (NAF) matters most as the one code nearly every establishment has;
 * inputs, outputs and capabilities equally; co-location, a statistic over other territories, least.
 */
export const DEFAULT_KINSHIP_WEIGHTS: Readonly<KinshipWeights> = {
  activity: 0.3,
  inputs: 0.2,
  outputs: 0.2,
  capabilities: 0.2,
  colocation: 0.1,
};

/** The documents kinship reads, in object form. */
export type KinshipDocument = Pick<ToileDocument, 'establishments' | 'flows' | 'resources' | 'territory'>;

/** What kinship reads: a document, or the columnar form of a (national) territory. */
export type KinshipData = KinshipDocument | ToileColumns;

/** Options of {@link prepareKinship}. */
export interface PrepareKinshipOptions {
  /** The document's graph index, when already built. */
  index?: GraphIndex;
  /** Flow statuses read for inputs and outputs (default `active`). */
  statuses?: readonly FlowStatus[];
  /**
   * Other territories, for co-location: the prepared document counts as one of them (a document
   * given twice counts once). Without them, or with fewer than `minTerritories`, there is no co-location part.
   */
  territories?: readonly KinshipTerritory[];
  /** Territories a co-location estimate must rest on (default 5). */
  minTerritories?: number;
  /** Weights of the parts (rescaled to sum to 1 over the parts in play). */
  weights?: Partial<KinshipWeights>;
}

/** Establishments with the same NAF code, ordered by id. */
export interface NafGroup {
  /** The code as read (`24.10Z`), undefined for the establishments without one. */
  readonly naf: NafCode | undefined;
  /** Nodes, ordered by id. */
  readonly members: Uint32Array;
}

/**
 * The prepared context: build it once with {@link prepareKinship}, ask it many questions. `D` is the
 * form of the document it was prepared from (objects unless said otherwise).
 */
export interface KinshipContext<D extends KinshipData = KinshipDocument> {
  readonly doc: D;
  /** The records of `doc`, read the same way in either form. */
  readonly records: ToileRecords;
  readonly index: GraphIndex;
  readonly statuses: readonly FlowStatus[];
  /** NAF code of each node, undefined when it has none (or one that cannot be read). */
  readonly naf: readonly (NafCode | undefined)[];
  readonly flows: FlowProfiles;
  readonly capabilities: CapabilityProfiles;
  /** Inverted indexes: nodes by input key, output key, process feature and product code. */
  readonly postings: { readonly inputs: Postings; readonly outputs: Postings; readonly processes: Postings; readonly products: Postings };
  readonly nafGroups: readonly NafGroup[];
  /** Position of each node when nodes are ordered by id (ties in rankings are broken by id). */
  readonly idRank: Uint32Array;
  /**
   * Parts the document has data for at all (some NAF code, keyed inputs, keyed outputs,
   * capabilities); the others weigh 0. Co-location is decided pair by pair.
   */
  readonly inPlay: Readonly<Record<Exclude<KinshipPart, 'colocation'>, boolean>>;
  /** Weights over the parts in play, without and with a co-location part. */
  readonly weights: { readonly plain: Readonly<KinshipWeights>; readonly withColocation: Readonly<KinshipWeights> };
  readonly colocation?: ColocationTable;
}

/** Weights rescaled to sum to 1 over `parts` (0 elsewhere); all 0 when those sum to 0. */
export function normaliseKinshipWeights(w: Partial<KinshipWeights> | undefined, parts: ReadonlySet<KinshipPart>): KinshipWeights {
  const all: KinshipWeights = { ...DEFAULT_KINSHIP_WEIGHTS, ...w };
  let sum = 0;
  for (const p of KINSHIP_PARTS) {
    if (!(all[p] >= 0) || !Number.isFinite(all[p]) || !parts.has(p)) all[p] = 0;
    sum += all[p];
  }
  for (const p of KINSHIP_PARTS) all[p] = sum > 0 ? all[p] / sum : 0;
  return all;
}

/** Node positions ordered by establishment id. */
function idRanks(ids: readonly string[]): Uint32Array {
  const order = ids.map((_, i) => i).sort((a, b) => compareStrings(ids[a]!, ids[b]!) || a - b);
  const rank = new Uint32Array(ids.length);
  order.forEach((node, r) => (rank[node] = r));
  return rank;
}

/** Nodes grouped by NAF code (as read), each group ordered by id; the nodes without a code in one group. */
function groupByNaf(naf: readonly (NafCode | undefined)[], idRank: Uint32Array): NafGroup[] {
  const groups = new Map<string, { naf: NafCode | undefined; list: number[] }>();
  naf.forEach((code, v) => {
    const key = code?.subclass ?? code?.class ?? '';
    const group = groups.get(key);
    if (group) group.list.push(v);
    else groups.set(key, { naf: code, list: [v] });
  });
  return [...groups.values()].map(({ naf: code, list }) => ({
    naf: code,
    members: Uint32Array.from(list.sort((a, b) => idRank[a]! - idRank[b]!)),
  }));
}

/**
 * Prepares a document for {@link relatedness}, {@link findKin}, {@link findMakers} and
 * {@link findLeaps}: O(establishments log establishments + flows + capabilities). The document is
 * read as given (a published document is already filtered for its audience).
 */
export function prepareKinship<D extends KinshipData>(doc: D, options: PrepareKinshipOptions = {}): KinshipContext<D> {
  const index = options.index ?? indexOf(doc as ToileDocument | ToileColumns);
  const records = recordsOf(doc);
  const statuses = options.statuses ?? ['active'];
  const naf = Array.from({ length: records.establishmentCount }, (_, i) => parseNaf(records.establishmentNaf(i)));
  const flows = flowProfiles(doc, index, statuses);
  const capabilities = capabilityProfiles(doc);
  const idRank = idRanks(index.ids);
  const inPlay = {
    activity: naf.some((c) => c !== undefined),
    inputs: flows.inputs.keys.length > 0,
    outputs: flows.outputs.keys.length > 0,
    capabilities: capabilities.declared.some((d) => d === 1),
  };
  const parts = new Set<KinshipPart>(KINSHIP_PARTS.filter((p) => p !== 'colocation' && inPlay[p]));
  const plain = normaliseKinshipWeights(options.weights, parts);
  const withColocation = normaliseKinshipWeights(options.weights, new Set([...parts, 'colocation']));
  const colocation = options.territories ? buildColocation([doc, ...options.territories], options.minTerritories ?? DEFAULT_MIN_TERRITORIES) : undefined;
  return {
    doc,
    records,
    index,
    statuses,
    naf,
    flows,
    capabilities,
    postings: {
      inputs: postingsOf(flows.inputs, flows.keys.length),
      outputs: postingsOf(flows.outputs, flows.keys.length),
      processes: postingsOf(capabilities.processes, capabilities.features.length),
      products: postingsOf(capabilities.products, capabilities.productCodes.length),
    },
    nafGroups: groupByNaf(naf, idRank),
    idRank,
    inPlay,
    weights: { plain, withColocation },
    ...(colocation ? { colocation } : {}),
  };
}
