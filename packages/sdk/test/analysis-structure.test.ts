import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Establishment, Flow, ToileDocument } from '@toile/schema';
import {
  analyseStructure,
  betweenness,
  buildIndex,
  criticalDependencies,
  cutStructure,
  edgeMask,
  localAnchoring,
  neighbourhood,
  pageRank,
  type GraphIndex,
} from '../src/index.ts';
import { baseDocument } from './fixtures.ts';

const est = (id: string, extra: Partial<Establishment> = {}): Establishment => ({ id, name: `Site ${id}`, ...extra });
const flow = (id: string, from: string, to: string, extra: Partial<Flow> = {}): Flow => ({ id, from, to, kind: 'supply', ...extra });
function doc(establishments: Establishment[], flows: Flow[]): ToileDocument {
  return { toile: '1.0', territory: { id: 't', name: 'T' }, meta: { title: 'T' }, establishments, flows };
}
/** A document whose establishments are n0…n(k-1) and whose flows are the given pairs. */
function graph(k: number, pairs: readonly (readonly [number, number])[]): ToileDocument {
  return doc(
    Array.from({ length: k }, (_, i) => est(`n${i}`)),
    pairs.map(([a, b], i) => flow(`f${i}`, `n${a}`, `n${b}`)),
  );
}

describe('pageRank', () => {
  it('star with dangling leaves: A → B, A → C gives A = 20/77, B = C = 57/154', () => {
    // B and C have no outgoing flow, so their rank is spread over all three nodes:
    // rA = 0.15/3 + 0.85 (rB + rC)/3 = 1/20 + 17/60 (1 − rA)  ⇒  rA (77/60) = 20/60  ⇒  rA = 20/77;
    // B and C are symmetric: rB = rC = (1 − 20/77)/2 = 57/154.
    const r = pageRank(
      buildIndex(
        graph(3, [
          [0, 1],
          [0, 2],
        ]),
      ),
      { tolerance: 1e-15, maxIterations: 1000 },
    );
    expect(r.values[0]).toBeCloseTo(20 / 77, 12);
    expect(r.values[1]).toBeCloseTo(57 / 154, 12);
    expect(r.values[2]).toBeCloseTo(57 / 154, 12);
    expect(r.converged).toBe(true);
  });

  it('a directed cycle ranks every node 1/3 and converges at once', () => {
    const r = pageRank(
      buildIndex(
        graph(3, [
          [0, 1],
          [1, 2],
          [2, 0],
        ]),
      ),
    );
    for (const v of r.values) expect(v).toBeCloseTo(1 / 3, 12);
    expect(r.iterations).toBe(1);
  });

  it('upstream direction ranks suppliers: in A → B, A is ranked above B', () => {
    const index = buildIndex(graph(2, [[0, 1]]));
    const down = pageRank(index, { tolerance: 1e-14 });
    const up = pageRank(index, { direction: 'upstream', tolerance: 1e-14 });
    expect(down.values[1]).toBeGreaterThan(down.values[0]!);
    expect(up.values[0]).toBeGreaterThan(up.values[1]!);
  });

  it('weights edges: a heavier flow sends more rank', () => {
    const index = buildIndex(
      graph(3, [
        [0, 1],
        [0, 2],
      ]),
    );
    const r = pageRank(index, { weights: Float64Array.of(3, 1), tolerance: 1e-14 });
    expect(r.values[1]).toBeGreaterThan(r.values[2]!);
  });

  it('property: ranks are non-negative and sum to 1 on any graph', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.tuple(fc.nat(k - 1), fc.nat(k - 1)), { maxLength: 80 }))),
        ([k, pairs]) => {
          const r = pageRank(buildIndex(graph(k, pairs)));
          let sum = 0;
          for (const v of r.values) {
            expect(v).toBeGreaterThanOrEqual(0);
            sum += v;
          }
          expect(sum).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('betweenness', () => {
  it('path A → B → C: B lies on the only path between the others', () => {
    // Ordered pairs: (A, C) has one shortest path, through B. Nothing passes through A or C.
    const r = betweenness(
      buildIndex(
        graph(3, [
          [0, 1],
          [1, 2],
        ]),
      ),
    );
    expect([...r.values]).toEqual([0, 1, 0]);
    expect(r.exact).toBe(true);
  });

  it('diamond A → B → D, A → C → D: the two middle nodes share the pair (A, D)', () => {
    const r = betweenness(
      buildIndex(
        graph(4, [
          [0, 1],
          [0, 2],
          [1, 3],
          [2, 3],
        ]),
      ),
    );
    expect([...r.values]).toEqual([0, 0.5, 0.5, 0]);
  });

  it('undirected view counts each pair once; parallel flows are one link', () => {
    const r = betweenness(
      buildIndex(
        graph(3, [
          [0, 1],
          [1, 0],
          [2, 1],
        ]),
      ),
      { directed: false },
    );
    expect([...r.values]).toEqual([0, 1, 0]);
  });

  it('samples sources with a seed above the exact limit, and scales the estimate', () => {
    // Directed cycle of 50: every source adds (n−1)(n−2)/2 to the total, so the scaled total is exact.
    const n = 50;
    const index = buildIndex(
      graph(
        n,
        Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as const),
      ),
    );
    const a = betweenness(index, { exactLimit: 10, samples: 7, seed: 3 });
    const b = betweenness(index, { exactLimit: 10, samples: 7, seed: 3 });
    expect(a.exact).toBe(false);
    expect(a.sources).toBe(7);
    expect([...a.values]).toEqual([...b.values]);
    const total = a.values.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo((n * (n - 1) * (n - 2)) / 2, 6);
    expect(betweenness(index, { exactLimit: 10, samples: 100 }).exact).toBe(true);
    const calls: [number, number][] = [];
    const c = betweenness(index, { exactLimit: 10, samples: 7, seed: 3, onProgress: (done, of) => calls.push([done, of]) });
    expect(calls).toEqual(Array.from({ length: 7 }, (_, i) => [i + 1, 7]));
    expect([...c.values]).toEqual([...a.values]);
  });
});

/** A path n0 – n1 – … as a bare index (no document), for very long chains. */
function pathIndex(n: number): GraphIndex {
  const m = n - 1;
  const edgeSource = new Uint32Array(m);
  const edgeTarget = new Uint32Array(m);
  const outOffsets = new Uint32Array(n + 1);
  const inOffsets = new Uint32Array(n + 1);
  const edges = new Uint32Array(m);
  for (let e = 0; e < m; e++) {
    edgeSource[e] = e;
    edgeTarget[e] = e + 1;
    edges[e] = e;
  }
  for (let i = 0; i < n; i++) {
    outOffsets[i + 1] = Math.min(i + 1, m);
    inOffsets[i + 1] = i;
  }
  return {
    nodeCount: n,
    edgeCount: m,
    ids: [],
    nodeOf: new Map(),
    external: new Uint8Array(n),
    employees: new Float64Array(n),
    edgeSource,
    edgeTarget,
    edgeKind: new Uint8Array(m),
    edgeStatus: new Uint8Array(m),
    edgeValue: new Float64Array(m),
    edgeUpstream: new Float64Array(m),
    edgeDownstream: new Float64Array(m),
    edgeFlow: edges,
    outOffsets,
    outEdges: edges,
    inOffsets,
    inEdges: edges,
    skippedFlows: 0,
  };
}

describe('articulation points and bridges', () => {
  it('chain A–B–C hanging off triangle C–D–E: B and C cut, A–B and B–C are bridges', () => {
    const d = graph(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 2],
    ]);
    const cuts = cutStructure(buildIndex(d));
    expect([...cuts.articulationPoints]).toEqual([1, 2]);
    expect([...cuts.bridges]).toEqual([0, 1]);
  });

  it('a parallel flow is a cycle: doubling A–B removes the bridge but B still cuts A off', () => {
    const d = graph(5, [
      [0, 1],
      [1, 0],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 2],
    ]);
    const cuts = cutStructure(buildIndex(d));
    expect([...cuts.articulationPoints]).toEqual([1, 2]);
    expect([...cuts.bridges]).toEqual([2]);
  });

  it('is iterative: a chain of 1,000,000 establishments does not overflow the stack', () => {
    const n = 1_000_000;
    const cuts = cutStructure(pathIndex(n));
    expect(cuts.articulationPoints.length).toBe(n - 2);
    expect(cuts.bridges.length).toBe(n - 1);
  });

  it('analyseStructure looks only at the internal network (external partners and crossing flows left out)', () => {
    const d = doc(
      [est('a'), est('b'), est('c'), est('x', { external: true })],
      [flow('f1', 'a', 'b'), flow('f2', 'b', 'c'), flow('f3', 'x', 'a'), flow('f4', 'c', 'a')],
    );
    const r = analyseStructure(d);
    // Inside: the cycle a → b → c → a has no cut; x – a would make a an articulation point.
    expect(r.articulationPoints).toEqual([]);
    expect(r.bridges).toEqual([]);
  });
});

describe('neighbourhood', () => {
  // s1 → s2 → a → c1 → c2
  const index = buildIndex(
    graph(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]),
  );
  it('goes upstream to suppliers and downstream to clients, nearest first', () => {
    expect(neighbourhood(index, 'n2', { direction: 'upstream', depth: 1 }).nodes).toEqual([{ id: 'n1', depth: 1 }]);
    expect(neighbourhood(index, 'n2', { direction: 'upstream', depth: 2 }).nodes).toEqual([
      { id: 'n1', depth: 1 },
      { id: 'n0', depth: 2 },
    ]);
    expect(neighbourhood(index, 'n2', { direction: 'downstream', depth: 5 }).nodes.map((x) => x.id)).toEqual(['n3', 'n4']);
    expect(neighbourhood(index, 'n2', { depth: 1 }).nodes.map((x) => x.id)).toEqual(['n1', 'n3']);
  });
  it('reports an unknown id instead of throwing', () => {
    expect(neighbourhood(index, 'ghost')).toEqual({ found: false, nodes: [] });
  });
});

describe('local anchoring', () => {
  // a, b inside; x outside. a → b (100 €, 10 t), x → a (300 €, 30 t), b → x (100 €, no quantity).
  const d = doc(
    [est('a'), est('b'), est('x', { external: true })],
    [
      flow('f1', 'a', 'b', { valueEur: 100, quantity: { value: 10, unit: 't/yr' } }),
      flow('f2', 'x', 'a', { valueEur: 300, quantity: { value: 30000, unit: 'kg/yr' } }),
      flow('f3', 'b', 'x', { valueEur: 100 }),
    ],
  );
  it('splits the territory and each establishment into local and external shares', () => {
    const r = localAnchoring(d, buildIndex(d));
    // Territory: 1 local flow of 3; 100 € of 500 €; 10 t of 40 t (30,000 kg = 30 t).
    expect(r.territory.flowCount).toEqual({ local: 1, external: 2 });
    expect(r.territory.flows!.local).toBeCloseTo(1 / 3, 12);
    expect(r.territory.value).toEqual({ local: 0.2, external: 0.8 });
    expect(r.territory.quantity).toEqual({ local: 0.25, external: 0.75 });
    // a: f1 local, f2 external → ½ of flows, 100/400 of value, 10/40 t.
    expect(r.establishments[0]).toMatchObject({
      flows: { local: 0.5, external: 0.5 },
      value: { local: 0.25, external: 0.75 },
      quantity: { local: 0.25, external: 0.75 },
    });
    // b: f1 local, f3 external; only f1 has a quantity → all its known tonnage is local.
    expect(r.establishments[1]).toMatchObject({
      flows: { local: 0.5, external: 0.5 },
      value: { local: 0.5, external: 0.5 },
      quantity: { local: 1, external: 0 },
    });
    expect(r.establishments[2]).toBeNull();
  });

  it('property: every share pair sums to 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 2, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.nat(11), fc.option(fc.integer({ min: 0, max: 1000 })), fc.option(fc.integer({ min: 0, max: 1000 }))), {
          maxLength: 40,
        }),
        (outside, pairs) => {
          const k = outside.length;
          const d2 = doc(
            outside.map((o, i) => est(`n${i}`, o ? { external: true } : {})),
            pairs.map(([a, b, v, q], i) =>
              flow(`f${i}`, `n${a % k}`, `n${b % k}`, {
                ...(v !== null ? { valueEur: v } : {}),
                ...(q !== null ? { quantity: { value: q, unit: 't/yr' as const } } : {}),
              }),
            ),
          );
          const r = localAnchoring(d2, buildIndex(d2));
          for (const a of [r.territory, ...r.establishments]) {
            for (const s of [a?.flows, a?.value, a?.quantity]) if (s) expect(s.local + s.external).toBeCloseTo(1, 12);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('critical dependencies', () => {
  const d = doc(
    [est('r'), est('s1'), est('s2'), est('s3'), est('x', { external: true }), est('v'), est('w')],
    [
      // Ore from one external supplier, 40 % of r's activity: critical (above 0.3).
      flow('f1', 'x', 'r', { item: { code: 'hs:2601', label: 'Minerai' }, dependency: { upstream: 0.4 } }),
      // Coal from two suppliers, 50 % together: not a single supplier.
      flow('f2', 's1', 'r', { item: { code: 'hs:2701' }, dependency: { upstream: 0.25 } }),
      flow('f3', 's2', 'r', { item: { code: 'hs:2701' }, dependency: { upstream: 0.25 } }),
      // Two flows of one input from one supplier add up: 0.2 + 0.15 = 0.35, critical.
      flow('f4', 's3', 'r', { item: { family: 'steam' }, kind: 'energy', dependency: { upstream: 0.2 } }),
      flow('f5', 's3', 'r', { item: { family: 'steam' }, kind: 'energy', dependency: { upstream: 0.15 } }),
      // v: no upstream share, but every input has a value: 600 of 800 € = 0.75.
      flow('f6', 's1', 'v', { item: { code: 'cpa:24.10' }, valueEur: 600 }),
      flow('f7', 's2', 'v', { item: { code: 'cpa:20.14' }, valueEur: 200 }),
      // w: one valued input and one without value: its share is unknown.
      flow('f8', 's1', 'w', { item: { code: 'cpa:24.10' }, valueEur: 600 }),
      flow('f9', 's2', 'w', { item: { code: 'cpa:20.14' } }),
    ],
  );
  it('keeps single-supplier inputs above the threshold, given or derived from values', () => {
    const r = criticalDependencies(d, buildIndex(d));
    expect(r.entries.map((e) => [e.establishment, e.input, e.supplier, Number(e.share.toFixed(6)), e.shareSource])).toEqual([
      ['v', 'code:cpa:24.10', 's1', 0.75, 'value'],
      ['r', 'code:hs:2601', 'x', 0.4, 'given'],
      ['r', 'family:steam', 's3', 0.35, 'given'],
    ]);
    expect(r.entries[1]).toMatchObject({ supplierExternal: true, label: 'Minerai', flows: ['f1'] });
    expect(r.entries[2]!.flows).toEqual(['f4', 'f5']);
    // Single-supplier inputs: r ×2 (ore, steam), v ×2, w ×2; w's two are unknown.
    expect(r.singleSupplierInputs).toBe(6);
    expect(r.unknownShare).toBe(2);
    expect(criticalDependencies(d, buildIndex(d), { threshold: 0.5 }).entries.map((e) => e.establishment)).toEqual(['v']);
  });
});

describe('analyseStructure', () => {
  it('counts by kind, status and sector, and fills every establishment', () => {
    const d = baseDocument();
    d.establishments[0]!.sectors = ['métallurgie'];
    d.flows[2]!.status = 'ended';
    const r = analyseStructure(d);
    expect(r.counts).toMatchObject({
      establishments: 4,
      internal: 3,
      external: 1,
      flows: 3,
      flowsAnalysed: 2,
      offers: 1,
      needs: 1,
      bySector: { métallurgie: 1 },
    });
    expect(r.counts.byKind).toMatchObject({ byproduct: 1, supply: 1, logistics: 1, energy: 0 });
    expect(r.counts.byStatus).toEqual({ active: 2, potential: 0, planned: 0, ended: 1 });
    expect(r.establishments.map((e) => [e.id, e.inDegree, e.outDegree])).toEqual([
      ['acier', 1, 1],
      ['ciment', 1, 0],
      ['port', 0, 0],
      ['fournisseur', 0, 1],
    ]);
    // 5 t/h of ore = 43,800 t/yr into acier; 200,000 t/yr of slag out.
    expect(r.establishments[0]).toMatchObject({ quantityIn: 43800, quantityOut: 200000 });
    expect(r.quantityUnit).toBe('t/yr');
    expect(r.establishments.reduce((s, e) => s + e.pageRank, 0)).toBeCloseTo(1, 12);
    expect(r.betweenness).toMatchObject({ exact: true, sources: 4 });
    // fournisseur → acier → ciment: acier is on the only path of one ordered pair; (n−1)(n−2) = 6.
    expect(r.establishments[0]!.betweenness).toBeCloseTo(1 / 6, 12);
    expect(r.establishments[3]!.anchoring).toBeNull();
  });

  it('can skip betweenness and keep other statuses', () => {
    const d = baseDocument();
    d.flows[2]!.status = 'planned';
    const r = analyseStructure(d, { betweenness: false, filter: { statuses: ['active', 'planned'] } });
    expect(r.betweenness).toBeNull();
    expect(r.counts.flowsAnalysed).toBe(3);
    expect(r.establishments[0]!.betweenness).toBeNull();
    expect(edgeMask(buildIndex(d), { statuses: ['active'] }).reduce((s, v) => s + v, 0)).toBe(2);
  });
});
