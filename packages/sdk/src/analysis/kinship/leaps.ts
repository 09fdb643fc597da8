/**
 * Productive leaps (« sauts productifs »): for one establishment, the inputs the territory buys only
 * from outside (the missing inputs of `findGaps`) that are within its reach — close to what it makes,
 * to the processes it masters, to what its kin sell, or to the activity of the outside suppliers.
 */
import type { ToileDocument } from '@toile/schema';
import { compareStrings } from '../compare.ts';
import { findGaps, type GapEntry, type GapResult } from '../gaps.ts';
import type { KinshipContext, KinshipData } from './context.ts';
import { findKin } from './kin.ts';
import { makerIndex } from './maker-index.ts';
import { CODE_MATCH_SCORES, codeLookupKeys, codeMatch, noisyOr, parseCode, processMatch, PROCESS_MATCH_SCORES } from './matches.ts';
import { nafLevel, NAF_LEVEL_SCORES } from './naf.ts';
import { round4 } from './relatedness.ts';

/** Options of {@link findLeaps}. */
export interface LeapOptions {
  /** How many leaps (default 10). */
  top?: number;
  /** How many nearest kin whose outputs count as evidence (default 10). */
  kin?: number;
}

/** Kinds of evidence that a missing input is within an establishment's reach. */
export type LeapEvidenceKind = 'capability-product' | 'capability-process' | 'own-output' | 'kin-output' | 'supplier-activity';

/** One piece of evidence (the strongest of its kind). */
export interface LeapEvidence {
  kind: LeapEvidenceKind;
  /**
   * 0–1. capability-product: the code match of a product it declares; capability-process: 0.8 × how
   * its process meets the process of a capability that makes the input; own-output: 0.9 × the code
   * match of something it gives or gave (flows of any status; the same key 0.9); kin-output: the relatedness of a kin that
   * gives the input; supplier-activity: 0.6 × the NAF proximity to an outside supplier (group or closer).
   */
  strength: number;
  /** Its capability, its flow, the kin, or the supplier. */
  ref: string;
  /** The product code, process pair, code given, or NAF code behind it. */
  detail: string;
}

/** A missing input within reach, with its evidence. */
export interface Leap {
  key: string;
  code?: string;
  family?: string;
  label?: string;
  /** Sum of the known values bought from outside, €/yr. */
  valueEur: number;
  /** Inside buyers. */
  establishments: string[];
  /** Outside suppliers. */
  partners: string[];
  /** The establishment itself buys it from outside. */
  buysIt: boolean;
  /** Noisy-or of the evidence, rounded to 4 decimals. */
  score: number;
  /** Strongest first. */
  evidence: LeapEvidence[];
}

/** The leaps of an establishment. */
export interface LeapResult {
  /** False when the id is not an establishment of the document. */
  found: boolean;
  establishment: string;
  /** Missing inputs of the territory considered. */
  missingInputs: number;
  /** Best first: score, then value, then key. */
  leaps: Leap[];
}

const gapsOf = new WeakMap<KinshipContext<KinshipData>, GapResult>();

/** The territory's gaps, computed once per prepared context. */
export function contextGaps(ctx: KinshipContext<KinshipData>): GapResult {
  let gaps = gapsOf.get(ctx);
  if (!gaps) gapsOf.set(ctx, (gaps = findGaps(ctx.doc as ToileDocument, { index: ctx.index, statuses: ctx.statuses })));
  return gaps;
}

/** What the establishment has that a missing input is compared with. */
interface Reach {
  node: number;
  capabilities: { id: string; process: string; products: string[] }[];
  /** Keys it gives (`code:…`, `family:…`) with a flow id each. */
  outputs: Map<string, string>;
  /** Keys its kin give: the best kin (id, score) for each. */
  kinOutputs: Map<string, { id: string; score: number }>;
}

/** Its capabilities, what it gives and what its nearest kin give. */
function reachOf(ctx: KinshipContext<KinshipData>, node: number, kinCount: number): Reach {
  const capabilities = (ctx.records.establishmentCapabilities(node) ?? [])
    .filter((c) => typeof c?.process === 'string')
    .map((c) => ({ id: c.id, process: c.process, products: (c.products ?? []).filter((p): p is string => typeof p === 'string') }));
  const outputs = new Map<string, string>();
  const { outOffsets, outEdges, edgeFlow } = ctx.index;
  for (let k = outOffsets[node]!; k < outOffsets[node + 1]!; k++) {
    const f = edgeFlow[outEdges[k]!]!;
    const item = ctx.records.flowItem(f);
    const key = item?.code ? `code:${item.code}` : item?.family ? `family:${item.family}` : undefined;
    if (key && !outputs.has(key)) outputs.set(key, ctx.records.flowId(f));
  }
  const kinOutputs = new Map<string, { id: string; score: number }>();
  const rows = ctx.flows.outputs;
  for (const k of findKin(ctx, ctx.index.ids[node]!, { top: kinCount }).kin) {
    const v = ctx.index.nodeOf.get(k.id)!;
    for (let j = rows.offsets[v]!; j < rows.offsets[v + 1]!; j++) {
      const key = ctx.flows.keys[rows.keys[j]!]!;
      if (!kinOutputs.has(key)) kinOutputs.set(key, { id: k.id, score: k.score });
    }
  }
  return { node, capabilities, outputs, kinOutputs };
}

/** Keeps the stronger piece of evidence per kind. */
function keepBest(best: Map<LeapEvidenceKind, LeapEvidence>, ev: LeapEvidence): void {
  const old = best.get(ev.kind);
  if (!old || ev.strength > old.strength) best.set(ev.kind, ev);
}

/** Evidence from its capabilities: a product of the code, or the process of a capability that makes it. */
function capabilityEvidence(ctx: KinshipContext<KinshipData>, reach: Reach, gap: GapEntry, best: Map<LeapEvidenceKind, LeapEvidence>): void {
  const asked = parseCode(gap.code);
  if (!asked || !reach.capabilities.length) return;
  for (const c of reach.capabilities) {
    for (const p of c.products) {
      const parsed = parseCode(p);
      const match = parsed ? codeMatch(asked, parsed) : undefined;
      if (match) keepBest(best, { kind: 'capability-product', strength: CODE_MATCH_SCORES[match], ref: c.id, detail: p });
    }
  }
  const idx = makerIndex(ctx);
  const seen = new Set<number>();
  for (const key of codeLookupKeys(asked)) {
    for (const pos of idx.byProductKey.get(key) ?? []) {
      const maker = idx.capabilities[pos]!;
      if (seen.has(pos) || maker.node === reach.node) continue;
      seen.add(pos);
      // A capability makes the input when one of its products shares at least 4 characters with its code.
      const makes = maker.parsed.some((p) => {
        const match = p ? codeMatch(asked, p) : undefined;
        return match !== undefined && CODE_MATCH_SCORES[match] >= CODE_MATCH_SCORES['code-prefix-4'];
      });
      if (!makes) continue;
      for (const c of reach.capabilities) {
        const match = processMatch(maker.process, c.process);
        if (match)
          keepBest(best, {
            kind: 'capability-process',
            strength: 0.8 * PROCESS_MATCH_SCORES[match],
            ref: c.id,
            detail: `${c.process} ~ ${maker.process} (${maker.id})`,
          });
      }
    }
  }
}

/** Evidence from what it gives, what its kin give, and the activity of the outside suppliers. */
function activityEvidence(ctx: KinshipContext<KinshipData>, reach: Reach, gap: GapEntry, best: Map<LeapEvidenceKind, LeapEvidence>): void {
  const asked = parseCode(gap.code);
  for (const [key, flow] of reach.outputs) {
    if (key === gap.key) keepBest(best, { kind: 'own-output', strength: 0.9, ref: flow, detail: key.slice(key.indexOf(':') + 1) });
    const given = asked && key.startsWith('code:') ? parseCode(key.slice(5)) : undefined;
    const match = given ? codeMatch(asked!, given) : undefined;
    if (match) keepBest(best, { kind: 'own-output', strength: 0.9 * CODE_MATCH_SCORES[match], ref: flow, detail: key.slice(5) });
  }
  const kin = reach.kinOutputs.get(gap.key);
  if (kin && kin.score > 0) keepBest(best, { kind: 'kin-output', strength: kin.score, ref: kin.id, detail: gap.code ?? gap.family ?? gap.key });
  const mine = ctx.naf[reach.node];
  for (const partner of gap.partners) {
    const v = ctx.index.nodeOf.get(partner)!;
    const level = nafLevel(mine, ctx.naf[v]);
    if (level === 'subclass' || level === 'class' || level === 'group') {
      keepBest(best, {
        kind: 'supplier-activity',
        strength: 0.6 * NAF_LEVEL_SCORES[level],
        ref: partner,
        detail: ctx.records.establishmentNaf(v) ?? '',
      });
    }
  }
}

/**
 * The missing inputs of the territory (`findGaps`) within reach of establishment `id`, each with
 * the evidence that puts it there (see {@link LeapEvidence}) and a score, the noisy-or of the
 * strongest piece of each kind. Inputs without evidence are left out. Only what the prepared
 * document says: the leaps are leads for an interview, not a feasibility study.
 */
export function findLeaps(prepared: KinshipContext<KinshipData>, id: string, options: LeapOptions = {}): LeapResult {
  const node = prepared.index.nodeOf.get(id);
  if (node === undefined) return { found: false, establishment: id, missingInputs: 0, leaps: [] };
  const gaps = contextGaps(prepared).missingInputs;
  const reach = reachOf(prepared, node, Math.max(0, Math.floor(options.kin ?? 10)));
  const leaps: Leap[] = [];
  for (const gap of gaps) {
    const best = new Map<LeapEvidenceKind, LeapEvidence>();
    capabilityEvidence(prepared, reach, gap, best);
    activityEvidence(prepared, reach, gap, best);
    if (!best.size) continue;
    const evidence = [...best.values()].map((e) => ({ ...e, strength: round4(e.strength) })).sort((a, b) => b.strength - a.strength);
    leaps.push({
      key: gap.key,
      ...(gap.code ? { code: gap.code } : {}),
      ...(gap.family ? { family: gap.family } : {}),
      ...(gap.label ? { label: gap.label } : {}),
      valueEur: gap.valueEur,
      establishments: gap.establishments,
      partners: gap.partners,
      buysIt: gap.establishments.includes(id),
      score: round4(noisyOr([...best.values()].map((e) => e.strength))),
      evidence,
    });
  }
  leaps.sort((a, b) => b.score - a.score || b.valueEur - a.valueEur || compareStrings(a.key, b.key));
  return { found: true, establishment: id, missingInputs: gaps.length, leaps: leaps.slice(0, Math.max(1, Math.floor(options.top ?? 10))) };
}
