/**
 * Who here could make this: for a product code or a process, the establishments of the territory
 * with a matching capability, those that already gave the code in a flow, and those whose activity
 * is kin to the known makers' — ranked and explained. Complements `findAlternativeSources`, which
 * only lists who already supplies an input.
 */
import { getProcessLineage, isProcessId } from '@toile/schema';
import { haversineKm } from '../../geo/haversine.ts';
import type { ParsedItem } from '../items.ts';
import type { KinshipContext, KinshipData } from './context.ts';
import { makerIndex, PRODUCT_SLOTS, type MakerIndex } from './maker-index.ts';
import { CODE_MATCH_SCORES, codeLookupKeys, noisyOr, parseCode, processMatch, PROCESS_MATCH_SCORES, type CodeMatch, type ProcessMatch } from './matches.ts';
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

const FLOW_FACTOR = 0.9;
const KIN_FACTOR = 0.5;
/** Kin evidence needs at least a shared NAF group. */
const KIN_LEVELS: readonly NafLevel[] = ['subclass', 'class', 'group'];
/** Matches by number in the evidence tables. */
const MATCHES: readonly (CodeMatch | ProcessMatch)[] = [
  'code',
  'within',
  'code-prefix-6',
  'code-prefix-4',
  'code-prefix-2',
  'process',
  'narrower',
  'broader',
  'sibling',
];
const MATCH_CODE = new Map(MATCHES.map((m, i) => [m, i]));
/** Matches that say the establishment already makes it. */
const KNOWN = new Set(['code', 'within', 'process', 'narrower'].map((m) => MATCH_CODE.get(m as CodeMatch)!));

/**
 * Evidence of one kind for every node, in typed arrays (no object per candidate): the strongest
 * piece's strength (0: none), reference (capability position or edge), detail (product position,
 * -1 for a process) and match, and how many pieces there are.
 */
class EvidenceTable {
  readonly strength: Float64Array;
  readonly ref: Int32Array;
  readonly detail: Int32Array;
  readonly match: Uint8Array;
  readonly count: Uint32Array;
  constructor(n: number) {
    this.strength = new Float64Array(n);
    this.ref = new Int32Array(n);
    this.detail = new Int32Array(n);
    this.match = new Uint8Array(n);
    this.count = new Uint32Array(n);
  }
  /** Notes a piece of evidence; the first stays on ties. */
  note(node: number, strength: number, ref: number, detail: number, match: CodeMatch | ProcessMatch, touched: number[], mark: Uint8Array): void {
    if (!mark[node]) {
      mark[node] = 1;
      touched.push(node);
    }
    this.count[node]!++;
    if (strength <= this.strength[node]!) return;
    this.strength[node] = strength;
    this.ref[node] = ref;
    this.detail[node] = detail;
    this.match[node] = MATCH_CODE.get(match)!;
  }
}

/** The capability and flow evidence of a query, and the nodes that have some. */
interface Evidence {
  readonly capabilities: EvidenceTable;
  readonly flows: EvidenceTable;
  readonly touched: number[];
  readonly mark: Uint8Array;
}

/**
 * The match of a code found under a lookup key: under the code's own key, the same code or one
 * within it; under a prefix key of L characters, a shared prefix of L (a longer one would have
 * been found under an earlier key: keys are looked up longest first, and each code is indexed
 * under all its prefixes).
 */
function matchAtKey(asked: ParsedItem, keyIndex: number, keyLength: number, found: ParsedItem): CodeMatch {
  if (keyIndex === 0) return found.digits!.length === asked.digits!.length ? 'code' : 'within';
  return `code-prefix-${keyLength as 6 | 4 | 2}`;
}

/** Capability evidence for a product code: each capability counted once, with its best product. */
function capabilitiesForProduct(idx: MakerIndex, asked: ParsedItem, ev: Evidence): void {
  const seen = new Uint8Array(idx.capabilities.length);
  const keys = codeLookupKeys(asked);
  // Under the code's own key a capability may list both the code and a code within it: the code wins.
  const ownPairs = idx.byProductPair.get(keys[0]!) ?? [];
  const bestK = new Int32Array(idx.capabilities.length);
  const exact = new Uint8Array(idx.capabilities.length);
  for (const pair of ownPairs) {
    const pos = Math.floor(pair / PRODUCT_SLOTS);
    const k = pair % PRODUCT_SLOTS;
    const isCode = idx.capabilities[pos]!.parsed[k]!.digits!.length === asked.digits!.length ? 1 : 0;
    if (!seen[pos] || (isCode && !exact[pos])) {
      seen[pos] = 1;
      bestK[pos] = k;
      exact[pos] = isCode;
    }
  }
  seen.fill(0);
  for (const pair of ownPairs) {
    const pos = Math.floor(pair / PRODUCT_SLOTS);
    if (seen[pos]) continue;
    seen[pos] = 1;
    const match = exact[pos] ? 'code' : 'within';
    ev.capabilities.note(idx.capabilities[pos]!.node, CODE_MATCH_SCORES[match], pos, bestK[pos]!, match, ev.touched, ev.mark);
  }
  // Under a prefix key every product shares the same prefix: the first seen stands for the capability.
  for (let i = 1; i < keys.length; i++) {
    const match = matchAtKey(asked, i, keys[i]!.length - keys[i]!.indexOf('|') - 1, asked);
    const strength = CODE_MATCH_SCORES[match];
    for (const pair of idx.byProductPair.get(keys[i]!) ?? []) {
      const pos = Math.floor(pair / PRODUCT_SLOTS);
      if (seen[pos]) continue;
      seen[pos] = 1;
      ev.capabilities.note(idx.capabilities[pos]!.node, strength, pos, pair % PRODUCT_SLOTS, match, ev.touched, ev.mark);
    }
  }
}

/** Flow evidence: the givers of flows of the code (any status), each flow counted once. */
function flowsForProduct(ctx: KinshipContext<KinshipData>, idx: MakerIndex, asked: ParsedItem, ev: Evidence): void {
  const seen = new Uint8Array(ctx.index.edgeCount);
  codeLookupKeys(asked).forEach((key, keyIndex) => {
    const length = key.length - key.indexOf('|') - 1;
    for (const e of idx.byFlowKey.get(key) ?? []) {
      if (seen[e]) continue;
      seen[e] = 1;
      const match = matchAtKey(asked, keyIndex, length, idx.edgeCode[e]!);
      ev.flows.note(ctx.index.edgeSource[e]!, FLOW_FACTOR * CODE_MATCH_SCORES[match], e, -1, match, ev.touched, ev.mark);
    }
  });
}

/** Capability evidence for a process: its own holders, holders of narrower, broader and sibling processes. */
function capabilitiesForProcess(idx: MakerIndex, asked: string, lineage: readonly string[], ev: Evidence): void {
  const seen = new Set<number>();
  for (const key of lineage) {
    for (const pos of idx.byProcess.get(key) ?? []) {
      if (seen.has(pos)) continue;
      seen.add(pos);
      const cap = idx.capabilities[pos]!;
      const match = processMatch(asked, cap.process);
      if (match) ev.capabilities.note(cap.node, PROCESS_MATCH_SCORES[match], pos, -1, match, ev.touched, ev.mark);
    }
  }
}

/** True when the evidence says the node already makes it (not merely something near). */
function isKnownMaker(ev: Evidence, v: number): boolean {
  return (ev.capabilities.strength[v]! > 0 && KNOWN.has(ev.capabilities.match[v]!)) || (ev.flows.strength[v]! > 0 && KNOWN.has(ev.flows.match[v]!));
}

/** The evidence objects of one node, for the answer. */
function evidenceOf(ctx: KinshipContext<KinshipData>, ev: Evidence, v: number, kin: MakerEvidence | undefined): MakerEvidence[] {
  const out: MakerEvidence[] = [];
  const idx = makerIndex(ctx);
  const c = ev.capabilities;
  if (c.strength[v]! > 0) {
    const cap = idx.capabilities[c.ref[v]!]!;
    const detail = c.detail[v]! >= 0 ? cap.products[c.detail[v]!]! : cap.process;
    out.push({ kind: 'capability', match: MATCHES[c.match[v]!]!, strength: c.strength[v]!, ref: cap.id, detail, count: c.count[v]! });
  }
  const f = ev.flows;
  if (f.strength[v]! > 0) {
    const flow = ctx.index.edgeFlow[f.ref[v]!]!;
    const ref = ctx.records.flowId(flow);
    out.push({ kind: 'flow', match: MATCHES[f.match[v]!]!, strength: f.strength[v]!, ref, detail: ctx.records.flowItem(flow)!.code!, count: f.count[v]! });
  }
  if (kin) out.push(kin);
  return out;
}

/** The known makers' NAF codes at each kin level, with the first maker (by id) and how many share each. */
class KinTable {
  private readonly levels = new Map<string, { node: number; count: number }>();
  constructor(
    private readonly ctx: KinshipContext<KinshipData>,
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
      const { records } = this.ctx;
      return {
        kind: 'kin',
        match: level,
        strength: KIN_FACTOR * NAF_LEVEL_SCORES[level],
        ref: records.establishmentId(at.node),
        detail: records.establishmentNaf(at.node) ?? '',
        count: at.count,
      };
    }
    return undefined;
  }
}

/** A candidate kept for the answer: node, rounded score, km (NaN when unknown) and id rank. */
interface Ranked {
  node: number;
  score: number;
  d: number;
  rank: number;
}

/** True when `a` ranks below `b`: lower score, then farther (unknown last), then later id. */
function ranksBelow(a: Ranked, b: Ranked): boolean {
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
  /** True when nothing with this score can enter any more. */
  closedTo(score: number): boolean {
    return this.items.length >= this.size && score < this.items[this.items.length - 1]!.score;
  }
  offer(c: Ranked): void {
    const items = this.items;
    if (items.length >= this.size && !ranksBelow(items[items.length - 1]!, c)) return;
    let i = items.length;
    while (i > 0 && ranksBelow(items[i - 1]!, c)) i--;
    items.splice(i, 0, c);
    if (items.length > this.size) items.pop();
  }
}

/** Where distances are measured from: `near`'s location, else the territory's centre. */
function originOf(ctx: KinshipContext<KinshipData>, near: string | undefined) {
  if (near !== undefined) {
    const node = ctx.index.nodeOf.get(near);
    const loc = node === undefined ? undefined : ctx.records.establishmentLocation(node);
    const located = loc?.lat !== undefined && loc.lon !== undefined;
    return { unknownNear: node === undefined, origin: located ? ('establishment' as const) : ('none' as const), lat: loc?.lat, lon: loc?.lon };
  }
  const c = ctx.doc.territory?.center;
  return { unknownNear: false, origin: c ? ('territory' as const) : ('none' as const), lat: c?.lat, lon: c?.lon };
}

/** Capability and flow evidence for the query; undefined when the query is not valid. */
function evidenceFor(ctx: KinshipContext<KinshipData>, options: MakerOptions): Evidence | undefined {
  const idx = makerIndex(ctx);
  const n = ctx.index.nodeCount;
  const ev: Evidence = { capabilities: new EvidenceTable(n), flows: new EvidenceTable(n), touched: [], mark: new Uint8Array(n) };
  if (options.product !== undefined) {
    const asked = parseCode(options.product);
    if (!asked) return undefined;
    capabilitiesForProduct(idx, asked, ev);
    flowsForProduct(ctx, idx, asked, ev);
  } else if (options.process !== undefined) {
    if (!isProcessId(options.process)) return undefined;
    capabilitiesForProcess(
      idx,
      options.process,
      getProcessLineage(options.process).map((p) => p.id),
      ev,
    );
  } else return undefined;
  return ev;
}

/** Ranks the candidates: counts them, applies the radius, keeps the best. */
class MakerRanking {
  readonly top: TopList;
  candidates = 0;
  beyondRadius = 0;
  private readonly located: boolean;
  constructor(
    private readonly ctx: KinshipContext<KinshipData>,
    private readonly options: MakerOptions,
    private readonly from: { lat?: number | undefined; lon?: number | undefined },
  ) {
    this.top = new TopList(Math.max(1, Math.floor(options.top ?? 20)));
    this.located = from.lat !== undefined && from.lon !== undefined;
  }
  eligible(node: number): boolean {
    return this.options.includeExternal === true || !this.ctx.index.external[node];
  }
  /** km from the origin, rounded to 3 decimals; NaN when either is not located. */
  private distance(node: number): number {
    const loc = this.ctx.records.establishmentLocation(node);
    if (!this.located || loc?.lat === undefined || loc.lon === undefined) return Number.NaN;
    return Math.round(haversineKm(this.from.lat!, this.from.lon!, loc.lat, loc.lon) * 1000) / 1000;
  }
  /** A candidate with this score (already eligible); distances only when they can matter. */
  consider(node: number, score: number): void {
    this.candidates++;
    const radius = this.options.radiusKm;
    if (radius === undefined && this.top.closedTo(score)) return;
    const d = this.distance(node);
    if (radius !== undefined && !(d <= radius)) {
      this.beyondRadius++;
      return;
    }
    this.top.offer({ node, score, d, rank: this.ctx.idRank[node]! });
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
export function findMakers(prepared: KinshipContext<KinshipData>, options: MakerOptions): MakerResult {
  const query = {
    ...(options.product !== undefined ? { product: options.product } : {}),
    ...(options.process !== undefined ? { process: options.process } : {}),
  };
  const from = originOf(prepared, options.near);
  const empty = { query, origin: from.origin, unknownNear: from.unknownNear, knownMakers: 0, candidates: 0, beyondRadius: 0, makers: [] };
  const ev = evidenceFor(prepared, options);
  if (!ev) return { validQuery: false, ...empty };
  const known = ev.touched.filter((v) => isKnownMaker(ev, v));
  const isKnown = new Uint8Array(prepared.index.nodeCount);
  for (const v of known) isKnown[v] = 1;
  const kin = new KinTable(prepared, known);
  const kinOf = (v: number) => (isKnown[v] ? undefined : kin.evidence(prepared.naf[v]));
  const ranking = new MakerRanking(prepared, options, from);
  for (const v of ev.touched) {
    if (!ranking.eligible(v)) continue;
    const strengths = [ev.capabilities.strength[v]!, ev.flows.strength[v]!, kinOf(v)?.strength ?? 0];
    ranking.consider(v, round4(noisyOr(strengths)));
  }
  // The others have only kin evidence, the same for a whole NAF group: the strongest groups first.
  const groups = prepared.nafGroups.map((g) => ({ g, ev: kin.evidence(g.naf) })).filter((x) => x.ev !== undefined);
  groups.sort((a, b) => b.ev!.strength - a.ev!.strength);
  for (const { g, ev: kinEv } of groups) {
    const score = round4(noisyOr([kinEv!.strength]));
    for (const v of g.members) if (!ev.mark[v] && ranking.eligible(v)) ranking.consider(v, score);
  }
  const makers = ranking.top.items.map(({ node, score, d }) => {
    const { records } = prepared;
    const shown = evidenceOf(prepared, ev, node, kinOf(node))
      .map((x) => ({ ...x, strength: round4(x.strength) }))
      .sort((a, b) => b.strength - a.strength);
    return { id: records.establishmentId(node), name: records.establishmentName(node), score, distanceKm: Number.isNaN(d) ? null : d, evidence: shown };
  });
  return { validQuery: true, ...empty, knownMakers: known.length, candidates: ranking.candidates, beyondRadius: ranking.beyondRadius, makers };
}
