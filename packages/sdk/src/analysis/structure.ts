/**
 * Structure of the toile in one call: counts, degrees and weighted degrees, PageRank, betweenness,
 * local anchoring, critical dependencies, articulation points and bridges of the internal network.
 * Each part is also exported on its own (centrality.ts, connectivity.ts, anchoring.ts,
 * dependencies.ts) for callers that need only one.
 */
import { BASE_UNITS, FLOW_KINDS, type Dimension, type FlowKind, type FlowStatus } from '@toile/schema';
import { edgeMask, FLOW_STATUSES, type EdgeFilter, type GraphIndex } from '../graph/build-index.ts';
import { indexOf, recordsOf, type ToileData, type ToileRecords } from '../columnar/records.ts';
import { localAnchoring, type Anchoring } from './anchoring.ts';
import { betweenness, pageRank, type BetweennessOptions, type PageRankOptions } from './centrality.ts';
import { cutStructure } from './connectivity.ts';
import { criticalDependencies, type CriticalDependencyResult } from './dependencies.ts';
import { edgeQuantities } from './edge-quantities.ts';

/** Options of {@link analyseStructure}. */
export interface StructureOptions {
  /** Flows analysed (default: active flows only; counts always cover every flow). */
  filter?: EdgeFilter;
  /** An index already built for the document. */
  index?: GraphIndex;
  pageRank?: Omit<PageRankOptions, 'mask'>;
  /** Betweenness options, or false to skip it (the costliest part on large networks). */
  betweenness?: Omit<BetweennessOptions, 'mask'> | false;
  /** Upstream share above which a single-supplier input is critical (default 0.3). */
  dependencyThreshold?: number;
  /** Dimension of the quantity-weighted degrees and anchoring (default `mass`, t/yr). */
  quantityDimension?: Dimension;
}

/** Structural figures of one establishment. */
export interface EstablishmentStructure {
  id: string;
  name: string;
  external: boolean;
  /** Flows received / given (among the analysed flows). */
  inDegree: number;
  outDegree: number;
  /** Known values received / given, €/yr. */
  valueIn: number;
  valueOut: number;
  /** Known quantities received / given, in `quantityUnit`. */
  quantityIn: number;
  quantityOut: number;
  /** PageRank along the flows (sums to 1 over all establishments). */
  pageRank: number;
  /** Betweenness normalised by the number of ordered pairs of other establishments (0–1; an estimate when sampled). */
  betweenness: number | null;
  /** Local anchoring; null for external partners. */
  anchoring: Anchoring | null;
}

/** A bridge of the internal network: the only link between two parts of it. */
export interface Bridge {
  flow: string;
  from: string;
  to: string;
}

/** Everything {@link analyseStructure} computes. */
export interface StructureResult {
  counts: {
    establishments: number;
    internal: number;
    external: number;
    flows: number;
    /** Flows kept by the filter, with both ends known. */
    flowsAnalysed: number;
    offers: number;
    needs: number;
    byKind: Record<FlowKind, number>;
    byStatus: Record<FlowStatus, number>;
    /** Establishments per sector (an establishment may be in several). */
    bySector: Record<string, number>;
  };
  /** Unit of the quantity figures. */
  quantityUnit: string;
  territory: { anchoring: Anchoring };
  establishments: EstablishmentStructure[];
  pageRank: { damping: number; tolerance: number; iterations: number; residual: number; converged: boolean };
  betweenness: { exact: boolean; sources: number; seed: number; directed: boolean } | null;
  criticalDependencies: CriticalDependencyResult;
  /** Establishments whose closure would split the internal network (undirected view). */
  articulationPoints: string[];
  bridges: Bridge[];
}

/** What the document holds, whatever the statuses analysed (`flowsAnalysed` is added by the caller). */
function documentCounts(records: ToileRecords): Omit<StructureResult['counts'], 'flowsAnalysed'> {
  const byKind = Object.fromEntries(FLOW_KINDS.map((k) => [k, 0])) as Record<FlowKind, number>;
  const byStatus = Object.fromEntries(FLOW_STATUSES.map((s) => [s, 0])) as Record<FlowStatus, number>;
  for (let f = 0; f < records.flowCount; f++) {
    const kind = records.flowKind(f);
    if (kind in byKind) byKind[kind]++;
    byStatus[records.flowStatus(f) ?? 'active']++;
  }
  const bySector: Record<string, number> = {};
  let externalCount = 0;
  for (let i = 0; i < records.establishmentCount; i++) {
    if (records.establishmentExternal(i)) externalCount++;
    for (const s of records.establishmentSectors(i) ?? []) bySector[s] = (bySector[s] ?? 0) + 1;
  }
  let offers = 0;
  let needs = 0;
  for (let r = 0; r < records.resourceCount; r++) {
    if (records.resourceDirection(r) === 'offer') offers++;
    else needs++;
  }

  return {
    establishments: records.establishmentCount,
    internal: records.establishmentCount - externalCount,
    external: externalCount,
    flows: records.flowCount,
    offers,
    needs,
    byKind,
    byStatus,
    bySector,
  };
}

/** Degrees and exchanged value and quantity per establishment over the analysed flows, in one pass. */
function degreesAndWeights(index: GraphIndex, mask: Uint8Array, quantities: ReturnType<typeof edgeQuantities>, dim: number) {
  const n = index.nodeCount;
  const inDegree = new Uint32Array(n);
  const outDegree = new Uint32Array(n);
  const weights = new Float64Array(n * 4); // valueIn, valueOut, quantityIn, quantityOut
  let flowsAnalysed = 0;
  for (let e = 0; e < index.edgeCount; e++) {
    if (!mask[e]) continue;
    flowsAnalysed++;
    const s = index.edgeSource[e]!;
    const t = index.edgeTarget[e]!;
    outDegree[s]!++;
    inDegree[t]!++;
    const v = index.edgeValue[e]!;
    if (v >= 0) {
      weights[t * 4]! += v;
      weights[s * 4 + 1]! += v;
    }
    const q = dim >= 0 && quantities.dimension[e] === dim ? quantities.amount[e]! : Number.NaN;
    if (q >= 0) {
      weights[t * 4 + 2]! += q;
      weights[s * 4 + 3]! += q;
    }
  }
  return { inDegree, outDegree, weights, flowsAnalysed };
}

/**
 * Analyses the structure of a (validated) document. Cost: O(flows) for everything but PageRank
 * (× iterations) and betweenness (× sources: all nodes up to 10k, 256 sampled above by default).
 */
export function analyseStructure(doc: ToileData, options: StructureOptions = {}): StructureResult {
  const index = options.index ?? indexOf(doc);
  const records = recordsOf(doc);
  const filter: EdgeFilter = options.filter ?? { statuses: ['active'] };
  const mask = edgeMask(index, filter);
  const internalMask = edgeMask(index, { ...filter, scope: 'internal' });
  const n = index.nodeCount;
  const dimension = options.quantityDimension ?? 'mass';
  const quantities = edgeQuantities(doc, index);
  const dim = quantities.dimensions.indexOf(dimension);

  const counts = documentCounts(records);

  const { inDegree, outDegree, weights, flowsAnalysed } = degreesAndWeights(index, mask, quantities, dim);

  const pr = pageRank(index, { ...options.pageRank, mask });
  const bc = options.betweenness === false ? undefined : betweenness(index, { ...options.betweenness, mask });
  const pairs = bc ? (n - 1) * (n - 2) * (bc.directed ? 1 : 0.5) : 0;
  const anchoring = localAnchoring(doc, index, { mask, dimension, quantities });
  const critical = criticalDependencies(doc, index, { mask, ...(options.dependencyThreshold !== undefined ? { threshold: options.dependencyThreshold } : {}) });
  const cuts = cutStructure(index, internalMask);

  const establishments: EstablishmentStructure[] = new Array(n);
  for (let i = 0; i < n; i++) {
    establishments[i] = {
      id: index.ids[i]!,
      name: records.establishmentName(i),
      external: index.external[i] === 1,
      inDegree: inDegree[i]!,
      outDegree: outDegree[i]!,
      valueIn: weights[i * 4]!,
      valueOut: weights[i * 4 + 1]!,
      quantityIn: weights[i * 4 + 2]!,
      quantityOut: weights[i * 4 + 3]!,
      pageRank: pr.values[i]!,
      betweenness: bc ? (pairs > 0 ? bc.values[i]! / pairs : 0) : null,
      anchoring: anchoring.establishments[i]!,
    };
  }
  return {
    counts: { ...counts, flowsAnalysed },
    quantityUnit: BASE_UNITS[dimension],
    territory: { anchoring: anchoring.territory },
    establishments,
    pageRank: { damping: pr.damping, tolerance: pr.tolerance, iterations: pr.iterations, residual: pr.residual, converged: pr.converged },
    betweenness: bc ? { exact: bc.exact, sources: bc.sources, seed: bc.seed, directed: bc.directed } : null,
    criticalDependencies: critical,
    articulationPoints: Array.from(cuts.articulationPoints, (i) => index.ids[i]!),
    bridges: Array.from(cuts.bridges, (e) => ({
      flow: records.flowId(index.edgeFlow[e]!),
      from: index.ids[index.edgeSource[e]!]!,
      to: index.ids[index.edgeTarget[e]!]!,
    })),
  };
}
