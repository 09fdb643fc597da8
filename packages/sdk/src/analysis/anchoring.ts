/**
 * Local anchoring: how much of the exchanges of the territory — and of each establishment — stay
 * between establishments of the territory, by number of flows, by value and by quantity.
 */
import type { Dimension } from '@toile/schema';
import type { GraphIndex } from '../graph/build-index.ts';
import type { RecordsInput } from '../columnar/records.ts';
import { edgeQuantities, type EdgeQuantities } from './edge-quantities.ts';

/** Two shares that sum to 1: inside the territory, and with external partners. */
export interface Shares {
  local: number;
  external: number;
}

/** Anchoring by count, value and quantity; a measure is null when nothing is known to compute it. */
export interface Anchoring {
  /** Flows exchanged with establishments inside the territory / with external ones. */
  flowCount: { local: number; external: number };
  flows: Shares | null;
  /** Shares of the known values (€/yr). */
  value: Shares | null;
  /** Shares of the known quantities of the chosen dimension (base unit). */
  quantity: Shares | null;
}

/** Options of {@link localAnchoring}. */
export interface AnchoringOptions {
  /** Edges counted (default all). */
  mask?: Uint8Array;
  /** Dimension of the quantity shares (default `mass`, in t/yr). */
  dimension?: Dimension;
  /** Per-edge quantities, when the caller already has them. */
  quantities?: EdgeQuantities;
}

/** Anchoring of the territory and of each establishment (null for external partners). */
export interface AnchoringResult {
  territory: Anchoring;
  establishments: (Anchoring | null)[];
}

const shares = (local: number, external: number): Shares | null => {
  const total = local + external;
  return total > 0 ? { local: local / total, external: external / total } : null;
};

/**
 * Splits flows into local (both ends inside the territory) and external (one end outside). Flows
 * between two external partners are not part of the territory and are ignored. O(edges).
 */
export function localAnchoring(doc: RecordsInput, index: GraphIndex, options: AnchoringOptions = {}): AnchoringResult {
  const n = index.nodeCount;
  const q = options.quantities ?? edgeQuantities(doc, index);
  const dim = q.dimensions.indexOf(options.dimension ?? 'mass');
  const { edgeSource, edgeTarget, edgeValue, external } = index;
  const mask = options.mask;
  // Per node: [local count, external count, local value, external value, local qty, external qty].
  const acc = new Float64Array(n * 6);
  const total = new Float64Array(6);
  for (let e = 0; e < index.edgeCount; e++) {
    if (mask && !mask[e]) continue;
    const s = edgeSource[e]!;
    const t = edgeTarget[e]!;
    if (s === t) continue;
    const outside = external[s]! + external[t]!;
    if (outside === 2) continue;
    const slot = outside === 0 ? 0 : 1;
    const value = edgeValue[e]!;
    const amount = dim >= 0 && q.dimension[e] === dim ? q.amount[e]! : Number.NaN;
    total[slot]! += 1;
    if (value >= 0) total[2 + slot]! += value;
    if (amount >= 0) total[4 + slot]! += amount;
    for (const node of [s, t]) {
      if (external[node]) continue;
      const base = node * 6;
      acc[base + slot]! += 1;
      if (value >= 0) acc[base + 2 + slot]! += value;
      if (amount >= 0) acc[base + 4 + slot]! += amount;
    }
  }
  const make = (a: Float64Array, o: number): Anchoring => ({
    flowCount: { local: a[o]!, external: a[o + 1]! },
    flows: shares(a[o]!, a[o + 1]!),
    value: shares(a[o + 2]!, a[o + 3]!),
    quantity: shares(a[o + 4]!, a[o + 5]!),
  });
  const establishments: (Anchoring | null)[] = new Array(n);
  for (let i = 0; i < n; i++) establishments[i] = external[i] ? null : make(acc, i * 6);
  return { territory: make(total, 0), establishments };
}
