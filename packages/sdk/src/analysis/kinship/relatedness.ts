/**
 * Relatedness of two establishments (« parenté productive »): how alike their activities, inputs,
 * outputs and capabilities are, and how often their activities share a territory — a score in 0–1
 * explained by its parts and their weights, like the synergy score.
 */
import { colocationOf, type ColocationValue } from './colocation.ts';
import { KINSHIP_PARTS, type KinshipContext, type KinshipData, type KinshipPart, type KinshipWeights } from './context.ts';
import { nafLevel, NAF_LEVEL_SCORES, type NafCode, type NafLevel } from './naf.ts';
import type { SparseRows } from './profiles.ts';

/** The parts of a relatedness, each in 0–1 (rounded to 4 decimals). */
export interface RelatednessParts {
  /** NAF proximity ({@link NAF_LEVEL_SCORES}). */
  activity: number;
  /** Cosine of what each buys. */
  inputs: number;
  /** Cosine of what each sells. */
  outputs: number;
  /** Weighted Jaccard of processes, averaged with the Jaccard of product codes when either lists some. */
  capabilities: number;
  /** Co-location of the two activities across territories; present only when enough territories support it. */
  colocation?: number;
}

/** A relatedness and its explanation. */
export interface Relatedness {
  /** Σ weight × part, in 0–1, rounded to 4 decimals. */
  score: number;
  parts: RelatednessParts;
  /** The weights used: they sum to 1 over the parts in play, 0 for the others. */
  weights: KinshipWeights;
  /** Parts both establishments had data for (a part without data on either side counts 0). */
  withData: KinshipPart[];
  /** Sum of the weights of the parts with data, 0–1: how much of the score rests on data. */
  evidence: number;
  /** The deepest NAF level the two activities share. */
  activityLevel: NafLevel;
  /** Territories the co-location rests on, when it is given. */
  colocationSupport?: number;
}

/** The raw parts of a pair of nodes, before weighting and rounding. */
export interface PairParts {
  readonly activity: number;
  readonly level: NafLevel;
  readonly inputs: number;
  readonly outputs: number;
  readonly capabilities: number;
  readonly colocation: ColocationValue | undefined;
}

export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Dot product of two rows (cosine: rows are L2-normalised). Symmetric to the last bit: sums in key order. */
export function dotRows(r: SparseRows, a: number, b: number): number {
  let i = r.offsets[a]!;
  let j = r.offsets[b]!;
  const ie = r.offsets[a + 1]!;
  const je = r.offsets[b + 1]!;
  let sum = 0;
  while (i < ie && j < je) {
    const ka = r.keys[i]!;
    const kb = r.keys[j]!;
    if (ka === kb) sum += r.weights[i++]! * r.weights[j++]!;
    else if (ka < kb) i++;
    else j++;
  }
  return sum > 1 ? 1 : sum;
}

/** Weighted Jaccard of two rows, Σ min ÷ Σ max over their keys; 0 when both are empty. */
export function weightedJaccard(r: SparseRows, a: number, b: number): number {
  let i = r.offsets[a]!;
  let j = r.offsets[b]!;
  const ie = r.offsets[a + 1]!;
  const je = r.offsets[b + 1]!;
  let low = 0;
  let high = 0;
  while (i < ie || j < je) {
    const ka = i < ie ? r.keys[i]! : Infinity;
    const kb = j < je ? r.keys[j]! : Infinity;
    if (ka === kb) {
      const x = r.weights[i++]!;
      const y = r.weights[j++]!;
      low += x < y ? x : y;
      high += x < y ? y : x;
    } else if (ka < kb) high += r.weights[i++]!;
    else high += r.weights[j++]!;
  }
  return high > 0 ? low / high : 0;
}

/** Jaccard of two rows as sets, and the size of their union. */
function jaccard(r: SparseRows, a: number, b: number): [number, number] {
  const la = r.offsets[a + 1]! - r.offsets[a]!;
  const lb = r.offsets[b + 1]! - r.offsets[b]!;
  if (la === 0 && lb === 0) return [0, 0];
  let i = r.offsets[a]!;
  let j = r.offsets[b]!;
  let both = 0;
  while (i < r.offsets[a + 1]! && j < r.offsets[b + 1]!) {
    const ka = r.keys[i]!;
    const kb = r.keys[j]!;
    if (ka === kb) {
      both++;
      i++;
      j++;
    } else if (ka < kb) i++;
    else j++;
  }
  const union = la + lb - both;
  return [both / union, union];
}

/**
 * Capability part of two nodes: 0 unless both declare capabilities; else the weighted Jaccard of
 * their process features, averaged with the Jaccard of their product codes when either lists some.
 */
export function capabilityPart(ctx: KinshipContext<KinshipData>, a: number, b: number): number {
  const c = ctx.capabilities;
  if (!c.declared[a] || !c.declared[b]) return 0;
  const processes = weightedJaccard(c.processes, a, b);
  const [products, union] = jaccard(c.products, a, b);
  return union > 0 ? (processes + products) / 2 : processes;
}

/** The raw parts of two nodes. */
export function pairParts(ctx: KinshipContext<KinshipData>, a: number, b: number): PairParts {
  const level = nafLevel(ctx.naf[a], ctx.naf[b]);
  return {
    activity: NAF_LEVEL_SCORES[level],
    level,
    inputs: dotRows(ctx.flows.inputs, a, b),
    outputs: dotRows(ctx.flows.outputs, a, b),
    capabilities: capabilityPart(ctx, a, b),
    colocation: ctx.colocation ? colocationOf(ctx.colocation, ctx.naf[a], ctx.naf[b]) : undefined,
  };
}

/**
 * The parts of `a` and any establishment with the NAF code `naf` that shares no input, output,
 * process feature or product code with it: activity and co-location only, every other part 0 —
 * exactly what {@link pairParts} gives for such an establishment.
 */
export function activityParts(ctx: KinshipContext<KinshipData>, a: number, naf: NafCode | undefined): PairParts {
  const level = nafLevel(ctx.naf[a], naf);
  return {
    activity: NAF_LEVEL_SCORES[level],
    level,
    inputs: 0,
    outputs: 0,
    capabilities: 0,
    colocation: ctx.colocation ? colocationOf(ctx.colocation, ctx.naf[a], naf) : undefined,
  };
}

/** The weights of a pair: with a co-location part only when the pair has one. */
export function pairWeights(ctx: KinshipContext<KinshipData>, p: PairParts): KinshipWeights {
  return p.colocation ? ctx.weights.withColocation : ctx.weights.plain;
}

/** The score of raw parts: Σ weight × part, rounded to 4 decimals. Written once, for bit-identical rankings. */
export function pairScore(ctx: KinshipContext<KinshipData>, p: PairParts): number {
  const w = pairWeights(ctx, p);
  const sum =
    w.activity * p.activity + w.inputs * p.inputs + w.outputs * p.outputs + w.capabilities * p.capabilities + w.colocation * (p.colocation?.value ?? 0);
  return Math.min(1, round4(sum));
}

/** The parts both nodes have data for. */
function partsWithData(ctx: KinshipContext<KinshipData>, a: number, b: number, p: PairParts): KinshipPart[] {
  const has = (rows: SparseRows, v: number) => rows.offsets[v + 1]! > rows.offsets[v]!;
  const { inputs, outputs } = ctx.flows;
  const data: Record<KinshipPart, boolean> = {
    activity: ctx.naf[a] !== undefined && ctx.naf[b] !== undefined,
    inputs: has(inputs, a) && has(inputs, b),
    outputs: has(outputs, a) && has(outputs, b),
    capabilities: ctx.capabilities.declared[a] === 1 && ctx.capabilities.declared[b] === 1,
    colocation: p.colocation !== undefined,
  };
  return KINSHIP_PARTS.filter((k) => data[k]);
}

/** The relatedness of two nodes with its explanation. */
export function explainPair(ctx: KinshipContext<KinshipData>, a: number, b: number, p: PairParts = pairParts(ctx, a, b)): Relatedness {
  const weights = pairWeights(ctx, p);
  const withData = partsWithData(ctx, a, b, p);
  let evidence = 0;
  for (const k of withData) evidence += weights[k];
  return {
    score: pairScore(ctx, p),
    parts: {
      activity: p.activity,
      inputs: round4(p.inputs),
      outputs: round4(p.outputs),
      capabilities: round4(p.capabilities),
      ...(p.colocation ? { colocation: round4(p.colocation.value) } : {}),
    },
    weights: { ...weights },
    withData,
    evidence: Math.min(1, round4(evidence)),
    activityLevel: p.level,
    ...(p.colocation ? { colocationSupport: p.colocation.support } : {}),
  };
}

/**
 * Relatedness of two establishments of a prepared document, in 0–1, symmetric, explained by its parts:
 *
 * - **activity** — NAF proximity by the deepest level shared: same sub-class (`24.10Z`) 1, class
 *   (`24.10`) 0.8, group (`24.1`) 0.6, division (`24`) 0.4, section (`C`) 0.2, none 0;
 * - **inputs**, **outputs** — cosine of what each receives and gives in flows (statuses of the
 *   context, default active), keyed by item code, else family, weighted by value, else base-unit
 *   quantity, else number of flows (one basis per establishment and side: the first every keyed flow has);
 * - **capabilities** — weighted Jaccard of declared processes (a shared DIN 8580 group counts half:
 *   `din8580:3.2` and `din8580:3.1` give 0.5 ÷ 2.5 = 0.2), averaged with the Jaccard of product codes;
 * - **colocation** — when other territories were given: φ = min(P(i | j), P(j | i)) of the two NAF
 *   classes, only when at least `minTerritories` (default 5) territories support it; otherwise the part
 *   is absent and its weight goes to the others.
 *
 * Weights (default activity 0.3, inputs 0.2, outputs 0.2, capabilities 0.2, colocation 0.1) are
 * rescaled over the parts the document has data for at all; a part one of the two lacks data for
 * counts 0 — missing data is never read as resemblance, it lowers `evidence` and never raises the
 * score. Undefined when either id is not an establishment of the document.
 */
export function relatedness(a: string, b: string, context: KinshipContext<KinshipData>): Relatedness | undefined {
  const na = context.index.nodeOf.get(a);
  const nb = context.index.nodeOf.get(b);
  if (na === undefined || nb === undefined) return undefined;
  return explainPair(context, na, nb);
}
