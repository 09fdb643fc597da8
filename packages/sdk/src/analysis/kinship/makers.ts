/**
 * Who here could make this: for a product code or a process, the establishments of the territory
 * with a matching capability, those that already gave the code in a flow, and those whose activity
 * is kin to the known makers' — ranked and explained. Complements `findAlternativeSources`, which
 * only lists who already supplies an input.
 */
import { getProcessLineage, isProcessId } from '@toile/schema';
import { haversineKm } from '../../geo/haversine.ts';
import type { ParsedItem } from '../items.ts';
import type { KinshipContext } from './context.ts';
import { makerIndex, type MakerIndex } from './maker-index.ts';
import {
  CODE_MATCH_SCORES,
  codeLookupKeys,
  codeMatch,
  noisyOr,
  parseCode,
  processMatch,
  PROCESS_MATCH_SCORES,
  type CodeMatch,
  type ProcessMatch,
} from './matches.ts';
import { NAF_LEVEL_SCORES, type NafCode, type NafLevel } from './naf.ts';
import { round4 } from './relatedness.ts';

/** Options of {@link findMakers}: a product code or a process. */
export interface MakerOptions {
  /** A product code (`cpa:25.62`, `hs:8483`, `naf:25.62A`). */
  product?: string;
  /** A process of the vocabulary (`din8580:3.2`, `testing:ndt`). */
  process?: string;
  /** Distances from this establishment (default: the territory's centre). */
  near?: string;
  /** Leave out candidates farther than this (and those whose distance is unknown). */
  radiusKm?: number;
  /** How many (default 20). */
  top?: number;
  /** Outside partners are candidates too (default: only the territory's establishments). */
  includeExternal?: boolean;
}

/** Kinds of evidence that an establishment could make it. */
export type MakerEvidenceKind = 'capability' | 'flow' | 'kin';

/** One kind of evidence for a candidate (the strongest of its kind, and how many there are). */
export interface MakerEvidence {
  kind: MakerEvidenceKind;
  /** How it meets the query: a code or process match for capabilities and flows, the NAF level shared with a known maker for kin. */
  match: CodeMatch | ProcessMatch | NafLevel;
  /**
   * 0–1. Capability: the code match ({@link CODE_MATCH_SCORES}) or process match
   * ({@link PROCESS_MATCH_SCORES}); flow: 0.9 × the code match; kin: 0.5 × the NAF proximity.
   */
  strength: number;
  /** The capability, the flow, or the known maker it is kin to. */
  ref: string;
  /** The product code or process declared, the flow's code, or the known maker's NAF code. */
  detail: string;
  /** Capabilities, flows or known makers giving this kind of evidence. */
  count: number;
}

/** A candidate maker. */
export interface Maker {
  id: string;
  name: string;
  /** Noisy-or of its evidence: 1 − Π (1 − strength), rounded to 4 decimals. */
  score: number;
  /** From `near` or the territory's centre; null when unknown. */
  distanceKm: number | null;
  /** Strongest first. */
  evidence: MakerEvidence[];
}

/** The candidates and what the query read. */
export interface MakerResult {
  /** False when the product is no `scheme:value` code or the process is not in the vocabulary. */
  validQuery: boolean;
  query: { product?: string; process?: string };
  /** Where distances are measured from. */
  origin: 'establishment' | 'territory' | 'none';
  /** True when `near` is not an establishment of the document. */
  unknownNear: boolean;
  /** Establishments, inside or outside, that already make it (a capability or flow of the code or within it; the process or a narrower one). */
  knownMakers: number;
  /** Candidates with any evidence, before the radius and the cut. */
  candidates: number;
  /** Candidates left out by the radius (farther, or not located). */
  beyondRadius: number;
  /** Best first: score, then distance, then id. */
  makers: Maker[];
}

/** The best evidence of each kind found for a node. */
interface Found {
  capability?: MakerEvidence;
  flow?: MakerEvidence;
}

const FLOW_FACTOR = 0.9;
const KIN_FACTOR = 0.5;
/** Kin evidence needs at least a shared NAF group. */
const KIN_LEVELS: readonly NafLevel[] = ['subclass', 'class', 'group'];

/** Keeps the stronger of two pieces of evidence of one kind, counting both. */
function keep(old: MakerEvidence | undefined, ev: MakerEvidence): MakerEvidence {
  if (!old) return ev;
  const best = ev.strength > old.strength ? ev : old;
  return { ...best, count: old.count + 1 };
}

/** Capability evidence for a product code. */
function capabilitiesForProduct(idx: MakerIndex, asked: ParsedItem, found: Map<number, Found>): void {
  const seen = new Set<number>();
  for (const key of codeLookupKeys(asked)) {
    for (const pos of idx.byProductKey.get(key) ?? []) {
      if (seen.has(pos)) continue;
      seen.add(pos);
      const cap = idx.capabilities[pos]!;
      let best: MakerEvidence | undefined;
      cap.parsed.forEach((p, k) => {
        const match = p ? codeMatch(asked, p) : undefined;
        if (match && (!best || CODE_MATCH_SCORES[match] > best.strength)) {
          best = { kind: 'capability', match, strength: CODE_MATCH_SCORES[match], ref: cap.id, detail: cap.products[k]!, count: 1 };
        }
      });
      if (best) {
        const f = found.get(cap.node) ?? {};
        f.capability = keep(f.capability, best);
        found.set(cap.node, f);
      }
    }
  }
}

/** Flow evidence: the givers of flows of the code (any status). */
function flowsForProduct(ctx: KinshipContext, idx: MakerIndex, asked: ParsedItem, found: Map<number, Found>): void {
  const seen = new Set<number>();
  for (const key of codeLookupKeys(asked)) {
    for (const e of idx.byFlowKey.get(key) ?? []) {
      if (seen.has(e)) continue;
      seen.add(e);
      const match = codeMatch(asked, idx.edgeCode[e]!);
      if (!match) continue;
      const flow = ctx.doc.flows[ctx.index.edgeFlow[e]!]!;
      const giver = ctx.index.edgeSource[e]!;
      const f = found.get(giver) ?? {};
      f.flow = keep(f.flow, {
        kind: 'flow',
        match,
        strength: FLOW_FACTOR * CODE_MATCH_SCORES[match],
        ref: flow.id,
        detail: flow.item!.code!,
        count: 1,
      });
      found.set(giver, f);
    }
  }
}

/** Capability evidence for a process: its own holders, holders of narrower, broader and sibling processes. */
function capabilitiesForProcess(idx: MakerIndex, asked: string, lineage: readonly string[], found: Map<number, Found>): void {
  const seen = new Set<number>();
  for (const key of lineage) {
    for (const pos of idx.byProcess.get(key) ?? []) {
      if (seen.has(pos)) continue;
      seen.add(pos);
      const cap = idx.capabilities[pos]!;
      const match = processMatch(asked, cap.process);
      if (!match) continue;
      const f = found.get(cap.node) ?? {};
      f.capability = keep(f.capability, {
        kind: 'capability',
        match,
        strength: PROCESS_MATCH_SCORES[match],
        ref: cap.id,
        detail: cap.process,
        count: 1,
      });
      found.set(cap.node, f);
    }
  }
}

/** True when the evidence says the node already makes it (not merely something near). */
function isKnownMaker(f: Found): boolean {
  const strong = (m: string | undefined) => m === 'code' || m === 'within' || m === 'process' || m === 'narrower';
  return strong(f.capability?.match) || strong(f.flow?.match);
}

/** The known makers' NAF codes at each kin level, with the first maker (by id) and how many share each. */
class KinTable {
  private readonly levels = new Map<string, { node: number; count: number }>();
  constructor(
    private readonly ctx: KinshipContext,
    makers: readonly number[],
  ) {
    for (const v of makers) {
      const naf = ctx.naf[v];
      if (!naf) continue;
      for (const level of KIN_LEVELS) {
        const key = this.key(level, naf);
        if (key === undefined) continue;
        const at = this.levels.get(key);
        if (!at) this.levels.set(key, { node: v, count: 1 });
        else {
          at.count++;
          if (ctx.idRank[v]! < ctx.idRank[at.node]!) at.node = v;
        }
      }
    }
  }
  private key(level: NafLevel, naf: NafCode): string | undefined {
    const value = level === 'subclass' ? naf.subclass : level === 'class' ? naf.class : naf.group;
    return value === undefined ? undefined : `${level}:${value}`;
  }
  /** Kin evidence for an activity, or undefined when it shares no group with a known maker. */
  evidence(naf: NafCode | undefined): MakerEvidence | undefined {
    if (!naf) return undefined;
    for (const level of KIN_LEVELS) {
      const key = this.key(level, naf);
      const at = key === undefined ? undefined : this.levels.get(key);
      if (!at) continue;
      const maker = this.ctx.doc.establishments[at.node]!;
      return {
        kind: 'kin',
        match: level,
        strength: KIN_FACTOR * NAF_LEVEL_SCORES[level],
        ref: maker.id,
        detail: maker.naf ?? '',
        count: at.count,
      };
    }
    return undefined;
  }
}

/** A candidate during ranking. */
interface Ranked {
  node: number;
  score: number;
  /** km, NaN when unknown. */
  d: number;
  rank: number;
  evidence: MakerEvidence[];
}

/** True when `a` ranks below `b`: lower score, then farther (unknown last), then later id. */
function worse(a: Ranked, b: Ranked): boolean {
  if (a.score !== b.score) return a.score < b.score;
  const da = Number.isNaN(a.d) ? Infinity : a.d;
  const db = Number.isNaN(b.d) ? Infinity : b.d;
  if (da !== db) return da > db;
  return a.rank > b.rank;
}

/** The best `size` candidates offered, kept sorted best first. */
class TopList {
  readonly items: Ranked[] = [];
  constructor(private readonly size: number) {}
  offer(c: Ranked): void {
    const items = this.items;
    if (items.length >= this.size && !worse(items[items.length - 1]!, c)) return;
    let i = items.length;
    while (i > 0 && worse(items[i - 1]!, c)) i--;
    items.splice(i, 0, c);
    if (items.length > this.size) items.pop();
  }
}

/** Where distances are measured from: `near`'s location, else the territory's centre. */
function originOf(ctx: KinshipContext, near: string | undefined) {
  if (near !== undefined) {
    const node = ctx.index.nodeOf.get(near);
    const loc = node === undefined ? undefined : ctx.doc.establishments[node]!.location;
    const located = loc?.lat !== undefined && loc.lon !== undefined;
    return {
      unknownNear: node === undefined,
      origin: located ? ('establishment' as const) : ('none' as const),
      lat: loc?.lat,
      lon: loc?.lon,
    };
  }
  const c = ctx.doc.territory?.center;
  return { unknownNear: false, origin: c ? ('territory' as const) : ('none' as const), lat: c?.lat, lon: c?.lon };
}

/** Capability and flow evidence for the query; undefined when the query is not valid. */
function evidenceFor(ctx: KinshipContext, options: MakerOptions): Map<number, Found> | undefined {
  const idx = makerIndex(ctx);
  const found = new Map<number, Found>();
  if (options.product !== undefined) {
    const asked = parseCode(options.product);
    if (!asked) return undefined;
    capabilitiesForProduct(idx, asked, found);
    flowsForProduct(ctx, idx, asked, found);
  } else if (options.process !== undefined) {
    if (!isProcessId(options.process)) return undefined;
    capabilitiesForProcess(
      idx,
      options.process,
      getProcessLineage(options.process).map((p) => p.id),
      found,
    );
  } else return undefined;
  return found;
}

/** Ranks every candidate — those with evidence of their own, then the kin of known makers group by group. */
class MakerRanking {
  readonly top: TopList;
  candidates = 0;
  beyondRadius = 0;
  private readonly located: boolean;
  constructor(
    private readonly ctx: KinshipContext,
    private readonly options: MakerOptions,
    private readonly from: { lat?: number | undefined; lon?: number | undefined },
  ) {
    this.top = new TopList(Math.max(1, Math.floor(options.top ?? 20)));
    this.located = from.lat !== undefined && from.lon !== undefined;
  }
  eligible(node: number): boolean {
    return this.options.includeExternal === true || !this.ctx.index.external[node];
  }
  consider(node: number, evidence: readonly (MakerEvidence | undefined)[]): void {
    const kept = evidence.filter((e): e is MakerEvidence => e !== undefined);
    if (!kept.length || !this.eligible(node)) return;
    this.candidates++;
    const loc = this.ctx.doc.establishments[node]!.location;
    const d =
      this.located && loc?.lat !== undefined && loc.lon !== undefined
        ? Math.round(haversineKm(this.from.lat!, this.from.lon!, loc.lat, loc.lon) * 1000) / 1000
        : Number.NaN;
    const radius = this.options.radiusKm;
    if (radius !== undefined && !(d <= radius)) {
      this.beyondRadius++;
      return;
    }
    const score = round4(noisyOr(kept.map((e) => e.strength)));
    this.top.offer({ node, score, d, rank: this.ctx.idRank[node]!, evidence: kept });
  }
}

/**
 * Who in the territory could make a product (`product`, a code) or master a process (`process`),
 * ranked by the noisy-or of three kinds of evidence, each its strongest piece:
 *
 * - **capability** — a declared capability with the code (1), a code within it (0.9), a shared
 *   6-, 4- or 2-character prefix (0.85, 0.7, 0.4); or the process (1), a narrower one (0.85), the
 *   group above (0.6), a sibling group (0.4);
 * - **flow** — it gave the code (or a related one) in a flow of any status: 0.9 × the code match;
 * - **kin** — its NAF activity shares the sub-class, class or group of an establishment (inside or
 *   outside) that already makes it: 0.5 × 1, 0.8 or 0.6.
 *
 * Ties by distance (from `near`, else the territory's centre), then id. Only the territory's
 * establishments unless `includeExternal`. O(matching capabilities and flows + establishments
 * of kin activities) after the first call (which builds the indexes).
 */
export function findMakers(prepared: KinshipContext, options: MakerOptions): MakerResult {
  const query = {
    ...(options.product !== undefined ? { product: options.product } : {}),
    ...(options.process !== undefined ? { process: options.process } : {}),
  };
  const from = originOf(prepared, options.near);
  const empty = { query, origin: from.origin, unknownNear: from.unknownNear, knownMakers: 0, candidates: 0, beyondRadius: 0, makers: [] };
  const found = evidenceFor(prepared, options);
  if (!found) return { validQuery: false, ...empty };
  const known = new Set([...found].filter(([, f]) => isKnownMaker(f)).map(([v]) => v));
  const kin = new KinTable(prepared, [...known]);
  const ranking = new MakerRanking(prepared, options, from);
  for (const [v, f] of found) ranking.consider(v, [f.capability, f.flow, known.has(v) ? undefined : kin.evidence(prepared.naf[v])]);
  for (const group of prepared.nafGroups) {
    const ev = kin.evidence(group.naf);
    if (ev) for (const v of group.members) if (!found.has(v)) ranking.consider(v, [ev]);
  }
  const makers = ranking.top.items.map(({ node, score, d, evidence }) => {
    const e = prepared.doc.establishments[node]!;
    const shown = evidence.map((x) => ({ ...x, strength: round4(x.strength) })).sort((a, b) => b.strength - a.strength);
    return { id: e.id, name: e.name, score, distanceKm: Number.isNaN(d) ? null : d, evidence: shown };
  });
  return {
    validQuery: true,
    ...empty,
    knownMakers: known.size,
    candidates: ranking.candidates,
    beyondRadius: ranking.beyondRadius,
    makers,
  };
}
