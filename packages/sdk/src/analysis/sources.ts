/**
 * Double sourcing: for one input of an establishment, the other establishments of the territory
 * that supply the same code or family to someone, or declare it as an offer, nearest first.
 */
import { FAMILY_IDS } from '@toile/schema';
import { edgeMask, type GraphIndex } from '../graph/build-index.ts';
import { indexOf, recordsOf, type ToileData } from '../columnar/records.ts';
import { distanceKm } from '../geo/haversine.ts';
import { compareStrings } from './compare.ts';
import { parseItem } from './items.ts';

/** A possible second source. */
export interface AlternativeSource {
  id: string;
  name: string;
  /** Great-circle distance to the establishment; null when either is not located. */
  distanceKm: number | null;
  /** `code`: the same code; `family`: the same family (always, when the input is a family). */
  match: 'code' | 'family';
  /** Flows in which it gives the input to someone. */
  flows: string[];
  /** Offers in which it declares the input. */
  offers: string[];
}

/** Options of {@link findAlternativeSources}. */
export interface AlternativeSourceOptions {
  establishment: string;
  /** A code (`hs:2601`, `ewc:100202`) or a family (`ferrous-metals`). */
  input: string;
  index?: GraphIndex;
  /** Keep at most this many candidates (default: all). */
  limit?: number;
}

/** The candidates, and what the establishment receives today. */
export interface AlternativeSourceResult {
  /** False when the establishment id is unknown (then nothing else is filled). */
  found: boolean;
  /** False when the input is neither `scheme:value` nor a known family. */
  validInput: boolean;
  input: { code?: string; family?: string };
  /** The establishment receives the input today (active flows). */
  receives: boolean;
  /** Its current suppliers of the input (inside or outside), left out of the candidates. */
  currentSuppliers: string[];
  /** Same code first, then same family; nearest first within each. */
  candidates: AlternativeSource[];
}

/**
 * Lists possible second sources of `input` for `establishment`: establishments inside the
 * territory, other than itself and its current suppliers of the input, that give the input in an
 * active flow or declare it as an offer. For a code, establishments with another code of the same
 * family (the input's family as written in the flows, or the EWC entry's) come after. O(flows + resources).
 */
export function findAlternativeSources(doc: ToileData, options: AlternativeSourceOptions): AlternativeSourceResult {
  const index = options.index ?? indexOf(doc);
  const records = recordsOf(doc);
  const isCode = /^[a-z][a-z0-9-]*:.+/.test(options.input);
  const validInput = isCode || FAMILY_IDS.includes(options.input);
  const empty = { input: {}, receives: false, currentSuppliers: [], candidates: [] };
  const node = index.nodeOf.get(options.establishment);
  if (node === undefined) return { found: false, validInput, ...empty };
  if (!validInput) return { found: true, validInput, ...empty };
  const code = isCode ? options.input : undefined;
  let family = isCode ? parseItem({ code: options.input }).family : options.input;
  const mask = edgeMask(index, { statuses: ['active'] });
  const { edgeSource, edgeTarget, edgeFlow, external } = index;
  const suppliers = new Set<number>();
  // When the input is a code, its family is what the establishment's own flows say, else EWC's.
  for (let k = index.inOffsets[node]!; k < index.inOffsets[node + 1]!; k++) {
    const e = index.inEdges[k]!;
    if (!mask[e]) continue;
    const item = records.flowItem(edgeFlow[e]!);
    const parsed = parseItem(item);
    if (code ? item?.code === code : parsed.family === family) {
      suppliers.add(edgeSource[e]!);
      if (code && !family && item?.family) family = item.family;
    }
  }
  const levelOf = (item: Parameters<typeof parseItem>[0]): 'code' | 'family' | undefined => {
    if (!item) return undefined;
    if (code && item.code === code) return 'code';
    return family !== undefined && parseItem(item).family === family ? 'family' : undefined;
  };
  interface Found {
    match: 'code' | 'family';
    flows: string[];
    offers: string[];
  }
  const found = new Map<number, Found>();
  const note = (who: number, match: 'code' | 'family'): Found => {
    let f = found.get(who);
    if (!f) found.set(who, (f = { match, flows: [], offers: [] }));
    else if (match === 'code') f.match = 'code';
    return f;
  };
  for (let e = 0; e < index.edgeCount; e++) {
    const s = edgeSource[e]!;
    if (!mask[e] || external[s] || s === node || suppliers.has(s)) continue;
    const f = edgeFlow[e]!;
    const level = levelOf(records.flowItem(f));
    if (level && edgeTarget[e] !== s) note(s, level).flows.push(records.flowId(f));
  }
  for (let r = 0; r < records.resourceCount; r++) {
    if (records.resourceDirection(r) !== 'offer') continue;
    const who = index.nodeOf.get(records.resourceEstablishment(r));
    if (who === undefined || external[who] || who === node || suppliers.has(who)) continue;
    const level = levelOf(records.resourceItem(r));
    if (level) note(who, level).offers.push(records.resourceId(r));
  }
  const here = records.establishmentLocation(node);
  let candidates: AlternativeSource[] = [...found].map(([who, f]) => {
    const d = distanceKm(here, records.establishmentLocation(who));
    return {
      id: index.ids[who]!,
      name: records.establishmentName(who),
      distanceKm: d === undefined ? null : Math.round(d * 1000) / 1000,
      match: f.match,
      flows: f.flows,
      offers: f.offers,
    };
  });
  const far = (c: AlternativeSource) => c.distanceKm ?? Infinity;
  candidates.sort((a, b) => (a.match === b.match ? 0 : a.match === 'code' ? -1 : 1) || far(a) - far(b) || compareStrings(a.id, b.id));
  if (options.limit !== undefined) candidates = candidates.slice(0, options.limit);
  return {
    found: true,
    validInput,
    input: { ...(code ? { code } : {}), ...(family ? { family } : {}) },
    receives: suppliers.size > 0,
    currentSuppliers: [...suppliers].sort((a, b) => a - b).map((i) => index.ids[i]!),
    candidates,
  };
}
