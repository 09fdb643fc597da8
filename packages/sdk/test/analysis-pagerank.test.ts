/**
 * PageRank against a straightforward reference: push iteration over a plain list of edges, written
 * from the definition (no CSR, no fused loops), on random graphs with masks, weights, dangling nodes,
 * self-loops, isolated nodes and both directions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ToileDocument } from '@toile/schema';
import { pageRank, type PageRankOptions } from '../src/analysis/centrality.ts';
import { buildIndex, type GraphIndex } from '../src/graph/build-index.ts';

/** A document whose establishments are n0…n(k-1) and whose flows are the given pairs, in order. */
function graph(k: number, pairs: readonly (readonly [number, number])[]): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: 't', name: 'T' },
    meta: { title: 'T' },
    establishments: Array.from({ length: k }, (_, i) => ({ id: `n${i}`, name: `Site ${i}` })),
    flows: pairs.map(([a, b], i) => ({ id: `f${i}`, from: `n${a}`, to: `n${b}`, kind: 'supply' as const })),
  };
}

interface Reference {
  values: number[];
  iterations: number;
}

/**
 * PageRank from its definition: every kept edge other than a self-loop sends `rank × weight / total
 * weight sent` to its other end; nodes that send no weight spread their rank over all nodes.
 */
function referencePageRank(index: GraphIndex, options: PageRankOptions): Reference {
  const n = index.nodeCount;
  const d = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 200;
  const links: { from: number; to: number; weight: number }[] = [];
  for (let e = 0; e < index.edgeCount; e++) {
    const s = index.edgeSource[e]!;
    const t = index.edgeTarget[e]!;
    if (s === t || options.mask?.[e] === 0) continue;
    const raw = options.weights ? options.weights[e]! : 1;
    const weight = Number.isFinite(raw) && raw > 0 ? raw : 0;
    links.push(options.direction === 'upstream' ? { from: t, to: s, weight } : { from: s, to: t, weight });
  }
  const sent: number[] = new Array(n).fill(0);
  for (const l of links) sent[l.from]! += l.weight;
  let rank: number[] = new Array(n).fill(1 / n);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const dangling = rank.reduce((sum, r, u) => (sent[u]! > 0 ? sum : sum + r), 0);
    const next: number[] = new Array(n).fill((1 - d) / n + (d * dangling) / n);
    for (const l of links) if (sent[l.from]! > 0) next[l.to]! += (d * rank[l.from]! * l.weight) / sent[l.from]!;
    const change = next.reduce((sum, r, v) => sum + Math.abs(r - rank[v]!), 0);
    rank = next;
    if (change < tolerance) break;
  }
  const total = rank.reduce((a, b) => a + b, 0);
  return { values: rank.map((r) => r / total), iterations };
}

/** Random graphs: nodes beyond the flows' ends stay isolated, and pairs may repeat or loop. */
const graphs = fc.integer({ min: 1, max: 40 }).chain((k) =>
  fc.record({
    k: fc.constant(k),
    pairs: fc.array(fc.tuple(fc.nat(Math.max(0, k - 1)), fc.nat(Math.max(0, k - 1))), { maxLength: 120 }),
    // One draw per possible edge; only the first edgeCount are used.
    keep: fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
    // Positive weights from 1e-3: a subnormal total weight (≈ 5e-324) would overflow rank / weight.
    weights: fc.array(fc.oneof(fc.double({ min: 1e-3, max: 1000, noNaN: true }), fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY)), {
      minLength: 120,
      maxLength: 120,
    }),
    damping: fc.constantFrom(0.85, 0.5, 0.99),
    upstream: fc.boolean(),
  }),
);

function expectSame(actual: ReturnType<typeof pageRank>, expected: Reference): void {
  expect(actual.iterations).toBe(expected.iterations);
  expect(actual.values.length).toBe(expected.values.length);
  for (let v = 0; v < expected.values.length; v++) expect(Math.abs(actual.values[v]! - expected.values[v]!)).toBeLessThan(1e-9);
}

describe('pageRank equals the reference', () => {
  it('property: with masks, dangling nodes, self-loops and isolated nodes, both directions', () => {
    fc.assert(
      fc.property(graphs, ({ k, pairs, keep, damping, upstream }) => {
        const index = buildIndex(graph(k, pairs));
        const mask = Uint8Array.from(keep.slice(0, index.edgeCount), (b) => (b ? 1 : 0));
        const options: PageRankOptions = { mask, damping, direction: upstream ? 'upstream' : 'downstream' };
        expectSame(pageRank(index, options), referencePageRank(index, options));
        // Without a mask every edge counts.
        expectSame(pageRank(index, { damping }), referencePageRank(index, { damping }));
      }),
      { numRuns: 300 },
    );
  });

  it('property: with weights (zero, negative, NaN and infinite ones count 0) and a tight tolerance', () => {
    fc.assert(
      fc.property(graphs, ({ k, pairs, keep, weights, upstream }) => {
        const index = buildIndex(graph(k, pairs));
        const mask = Uint8Array.from(keep.slice(0, index.edgeCount), (b) => (b ? 1 : 0));
        const options: PageRankOptions = {
          mask,
          weights: Float64Array.from(weights.slice(0, index.edgeCount)),
          tolerance: 1e-12,
          maxIterations: 500,
          direction: upstream ? 'upstream' : 'downstream',
        };
        expectSame(pageRank(index, options), referencePageRank(index, options));
      }),
      { numRuns: 300 },
    );
  });

  it('stops after maxIterations with the same ranks as the reference, not converged', () => {
    const index = buildIndex(
      graph(5, [
        [0, 1],
        [1, 2],
        [2, 0],
        [2, 2],
        [3, 0],
      ]),
    );
    const options: PageRankOptions = { maxIterations: 3, tolerance: 1e-15 };
    const r = pageRank(index, options);
    expect(r.converged).toBe(false);
    expectSame(r, referencePageRank(index, options));
  });

  it('a node whose only flow is a self-loop is dangling: ranks are uniform', () => {
    const r = pageRank(buildIndex(graph(3, [[1, 1]])));
    for (const v of r.values) expect(v).toBeCloseTo(1 / 3, 12);
  });
});
