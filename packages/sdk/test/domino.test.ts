import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Flow, ToileDocument } from '@toile/schema';
import {
  buildDependencyMatrix,
  buildIndex,
  compareScenarios,
  dependencyOf,
  createScenario,
  prepareDomino,
  rankSystemic,
  runDomino,
  runScenario,
  saveScenario,
  simulateCascade,
  simulateDiim,
  simulateIim,
  validateToile,
} from '../src/index.ts';

/** A document with establishments e0…e{n-1} and the given flows. */
function network(n: number, flows: Omit<Flow, 'id'>[], employees = 100): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: 't', name: 'T' },
    meta: { title: 'domino test' },
    establishments: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, name: `E${i}`, employees })),
    flows: flows.map((f, k) => ({ id: `f${k}`, ...f })),
  };
}
const matrixOf = (doc: ToileDocument, renumber = true) => buildDependencyMatrix(doc, buildIndex(doc), { renumber });
const weight = dependencyOf;

describe('dependency matrix', () => {
  it('adds upstream (j → i) and downstream (i → j) shares, caps at 1, ignores non-active flows', () => {
    const doc = network(3, [
      { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.6, downstream: 0.2 } },
      { from: 'e0', to: 'e1', kind: 'service', dependency: { upstream: 0.7 } },
      { from: 'e1', to: 'e2', kind: 'supply', dependency: { downstream: 0.3 } },
      { from: 'e2', to: 'e0', kind: 'supply', dependency: { upstream: 0.9 }, status: 'planned' },
    ]);
    const m = matrixOf(doc);
    // a[1][0] = 0.6 + 0.7 capped at 1; a[0][1] = downstream 0.2 (e0 sells to e1).
    expect(weight(m, 1, 0)).toBe(1);
    expect(weight(m, 0, 1)).toBeCloseTo(0.2);
    // a[1][2] = e1's sales carried by its flow to e2.
    expect(weight(m, 1, 2)).toBeCloseTo(0.3);
    expect(weight(m, 0, 2)).toBe(0);
    expect(m.derivation).toMatchObject({ given: 4, ignoredFlows: 1 });
  });

  it('derives missing shares from values (share of the buyer’s inputs) and says so', () => {
    const doc = network(3, [
      { from: 'e0', to: 'e2', kind: 'supply', valueEur: 300 },
      { from: 'e1', to: 'e2', kind: 'supply', valueEur: 100 },
    ]);
    const m = matrixOf(doc);
    expect(weight(m, 2, 0)).toBeCloseTo(0.75);
    expect(weight(m, 2, 1)).toBeCloseTo(0.25);
    // Each supplier sells only to e2: its downstream share is 1.
    expect(weight(m, 0, 2)).toBeCloseTo(1);
    expect(m.derivation.fromValue).toBe(4);
  });

  it('never derives shares for outside partners (their other trade is not in the document)', () => {
    const doc = network(2, [{ from: 'e0', to: 'e1', kind: 'supply', valueEur: 100 }]);
    doc.establishments[0]!.external = true;
    const m = matrixOf(doc);
    expect(weight(m, 1, 0)).toBeCloseTo(1);
    expect(weight(m, 0, 1)).toBe(0);
    expect(m.derivation).toMatchObject({ fromValue: 1, unknown: 1 });
  });

  it('does not derive shares for support flows (services, knowledge…)', () => {
    const doc = network(2, [{ from: 'e0', to: 'e1', kind: 'knowledge', quantity: { value: 600, unit: 'day/yr' }, valueEur: 300 }]);
    const m = matrixOf(doc);
    expect(weight(m, 1, 0)).toBe(0);
    expect(m.derivation).toMatchObject({ fromValue: 0, fromQuantity: 0, unknown: 2 });
  });

  it('derives from quantities in convertible units when values are missing', () => {
    const doc = network(3, [
      { from: 'e0', to: 'e2', kind: 'supply', quantity: { value: 1, unit: 't/h' } },
      { from: 'e1', to: 'e2', kind: 'supply', quantity: { value: 8760, unit: 't/yr' } },
    ]);
    const m = matrixOf(doc);
    expect(weight(m, 2, 0)).toBeCloseTo(0.5);
    expect(m.derivation.fromQuantity).toBe(4);
  });
});

describe('cascade (hand-checked)', () => {
  // e1 depends 0.6 on e0; e2 depends 0.4 on e1; e3 sells 70 % of its output to e4.
  const doc = network(5, [
    { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.6 } },
    { from: 'e1', to: 'e2', kind: 'supply', dependency: { upstream: 0.4 } },
    { from: 'e3', to: 'e4', kind: 'supply', dependency: { downstream: 0.7 } },
  ]);
  const m = matrixOf(doc);

  it('fails e1 in round 1, leaves e2 at 0.4 with the default threshold 0.5', () => {
    const r = simulateCascade(m, [{ node: 0, fraction: 1 }]);
    expect([...r.failed]).toEqual([1, 1, 0, 0, 0]);
    expect([...r.round]).toEqual([0, 1, -1, -1, -1]);
    expect(r.pressure[2]).toBeCloseTo(0.4);
    expect(r.rounds).toBe(1);
  });

  it('goes one round further with threshold 0.4; a partial shock weighs by its fraction', () => {
    expect([...simulateCascade(m, [{ node: 0, fraction: 1 }], 0.4).round]).toEqual([0, 1, 2, -1, -1]);
    // 0.5 × 0.6 = 0.3 < 0.5: e1 holds.
    const partial = simulateCascade(m, [{ node: 0, fraction: 0.5 }]);
    expect(partial.failed[1]).toBe(0);
    expect(partial.pressure[1]).toBeCloseTo(0.3);
  });

  it('a sum of shares that reaches the threshold counts, whatever the floating-point order', () => {
    // 0.7 + 0.1 is 0.7999999999999999 in binary floating point: e2 must still fail at threshold 0.8.
    const d = network(3, [
      { from: 'e0', to: 'e2', kind: 'supply', dependency: { upstream: 0.7 } },
      { from: 'e1', to: 'e2', kind: 'supply', dependency: { upstream: 0.1 } },
    ]);
    for (const renumber of [true, false]) {
      expect(
        simulateCascade(
          matrixOf(d, renumber),
          [
            { node: 0, fraction: 1 },
            { node: 1, fraction: 1 },
          ],
          0.8,
        ).failed[2],
      ).toBe(1);
    }
  });

  it('a customer’s closure fails a supplier that depends on it downstream', () => {
    expect(simulateCascade(m, [{ node: 4, fraction: 1 }]).failed[3]).toBe(1);
  });

  it('reports ids, rounds, jobs and lost flows through runDomino', () => {
    const out = runDomino(doc, { model: 'cascade', shocks: [{ establishment: 'e0', fraction: 1 }] });
    expect(out.results.map((r) => [r.id, r.failed, r.round, r.inoperability])).toEqual([
      ['e0', true, 0, 1],
      ['e1', true, 1, 1],
      ['e2', false, undefined, 0.4],
    ]);
    expect(out.totals).toMatchObject({ establishmentsFailed: 2, establishmentsAffected: 3, jobsAtRisk: 240, lostFlows: 2 });
    expect(out.lostFlowIds).toEqual(['f0', 'f1']);
  });

  it('names unknown shock ids instead of failing', () => {
    expect(runDomino(doc, { model: 'cascade', shocks: [{ establishment: 'ghost', fraction: 1 }] }).unknownShocks).toEqual(['ghost']);
  });
});

describe('IIM', () => {
  it('solves the two-sector case in closed form, q = (I − A)⁻¹ c, on a cycle', () => {
    // Two interdependent sectors as in Haimes & Jiang (2001): x depends 0.5 on y, y 0.4 on x;
    // y loses 60 %. det(I − A) = 1 − 0.5 × 0.4 = 0.8; q_x = 0.5 × 0.6 / 0.8 = 0.375; q_y = 0.6 / 0.8 = 0.75.
    const doc = network(2, [
      { from: 'e1', to: 'e0', kind: 'supply', dependency: { upstream: 0.5 } },
      { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.4 } },
    ]);
    const r = simulateIim(matrixOf(doc), [{ node: 1, fraction: 0.6 }]);
    expect(r.converged).toBe(true);
    expect(r.inoperability[0]).toBeCloseTo(0.375, 8);
    expect(r.inoperability[1]).toBeCloseTo(0.75, 8);
  });

  it('matches a dense (I − A)⁻¹ c on a three-sector example', () => {
    // A = [[0, .2, .1], [.3, 0, .2], [.1, .4, 0]] (row i: dependencies of i), c = (.5, 0, 0).
    const doc = network(3, [
      { from: 'e1', to: 'e0', kind: 'supply', dependency: { upstream: 0.2 } },
      { from: 'e2', to: 'e0', kind: 'supply', dependency: { upstream: 0.1 } },
      { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.3 } },
      { from: 'e2', to: 'e1', kind: 'supply', dependency: { upstream: 0.2 } },
      { from: 'e0', to: 'e2', kind: 'supply', dependency: { upstream: 0.1 } },
      { from: 'e1', to: 'e2', kind: 'supply', dependency: { upstream: 0.4 } },
    ]);
    // By hand: det(I − A) = 0.92 − 0.064 − 0.022 = 0.834; the first column of the adjugate is
    // (0.92, 0.32, 0.22), so q = 0.5 × (0.92, 0.32, 0.22) / 0.834.
    const r = simulateIim(matrixOf(doc), [{ node: 0, fraction: 0.5 }]);
    expect(r.inoperability[0]).toBeCloseTo(0.46 / 0.834, 7);
    expect(r.inoperability[1]).toBeCloseTo(0.16 / 0.834, 7);
    expect(r.inoperability[2]).toBeCloseTo(0.11 / 0.834, 7);
  });

  it('caps inoperability at 1 when the system would blow up', () => {
    const doc = network(2, [
      { from: 'e1', to: 'e0', kind: 'supply', dependency: { upstream: 1 } },
      { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 1 } },
    ]);
    const r = simulateIim(matrixOf(doc), [{ node: 0, fraction: 0.2 }]);
    expect([...r.inoperability]).toEqual([1, 1]);
  });

  it('gives economic loss where output values are known', () => {
    const doc = network(2, [{ from: 'e0', to: 'e1', kind: 'supply', valueEur: 1000, dependency: { upstream: 0.5, downstream: 1 } }]);
    const out = runDomino(doc, { model: 'iim', shocks: [{ establishment: 'e1', fraction: 1 }] });
    // e0 sells everything to e1 (downstream 1): q0 = 1, its sales (1000 €) are lost.
    expect(out.results.find((r) => r.id === 'e0')).toMatchObject({ inoperability: 1, lossEur: 1000 });
    expect(out.solver?.converged).toBe(true);
  });
});

describe('dynamic IIM', () => {
  it('an isolated shocked establishment recovers as q0 · 100^(−t/T) (exact exponential step, k = ln 100 / T)', () => {
    const doc = network(1, []);
    const r = simulateDiim(matrixOf(doc), [{ node: 0, fraction: 0.8 }], { recoveryDays: 10, steps: 10 });
    expect(r.k[0]).toBeCloseTo(Math.log(100) / 10);
    for (let t = 0; t <= 10; t++) expect(r.trajectory[t]).toBeCloseTo(0.8 * 100 ** (-t / 10), 10);
    // 1 % of the initial loss on day T.
    expect(r.final[0]).toBeCloseTo(0.008, 10);
  });

  it('spreads the shock to dependents, then both recover; runDomino returns q(0) first', () => {
    const doc = network(2, [{ from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.5 } }]);
    const out = runDomino(doc, { model: 'diim', shocks: [{ establishment: 'e0', fraction: 1 }], recoveryDays: 10, steps: 60 });
    const e1 = out.results.find((r) => r.id === 'e1')!;
    expect(e1.trajectory![0]).toBe(0);
    // T = 10: 2 sub-steps, d = 100^(−1/20). Sub-step 1: q0 = d, q1 = (1 − d) × 0.5 × 1; sub-step 2:
    // q1 = d × 0.5 (1 − d) + (1 − d) × 0.5 d = d (1 − d) ≈ 0.1634 (continuous solution 0.5 r e^(−r) ≈ 0.1453).
    const d = 100 ** (-1 / 20);
    expect(e1.trajectory![1]).toBeCloseTo(d * (1 - d), 6);
    expect(out.results.find((r) => r.id === 'e0')!.trajectory![1]).toBeCloseTo(100 ** (-1 / 10), 6);
    expect(e1.trajectory![60]).toBeLessThan(1e-6);
    expect(out.results.find((r) => r.id === 'e0')!.trajectory).toHaveLength(61);
  });

  it('short recoveries do not oscillate (the forward step gave 1, 0, 0.197, 0.004, 0.051… at T ≤ 5 days)', () => {
    const doc = network(2, [{ from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.5, downstream: 0.5 } }]);
    const r = simulateDiim(matrixOf(doc), [{ node: 0, fraction: 1 }], { recoveryDays: 2, steps: 20 });
    const shocked = Array.from({ length: 21 }, (_, t) => r.trajectory[t * r.nodes.length + [...r.nodes].indexOf(0)]!);
    for (let t = 1; t <= 20; t++) expect(shocked[t]!).toBeLessThanOrEqual(shocked[t - 1]!);
    expect(shocked[1]!).toBeGreaterThan(0.05);
  });

  it('property (seeded): one shocked node decays monotonically to 1 % in T days, for any T ≥ 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 400, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (T, q0) => {
        const steps = Math.ceil(T) + 2;
        const r = simulateDiim(matrixOf(network(1, [])), [{ node: 0, fraction: q0 }], { recoveryDays: T, steps });
        for (let t = 1; t <= steps; t++) {
          expect(r.trajectory[t]!).toBeLessThan(r.trajectory[t - 1]!);
          expect(r.trajectory[t]!).toBeGreaterThan(0);
        }
        // At most 1 % of the shock from day ⌈T⌉ on, more than 1 % before day T.
        expect(r.trajectory[Math.ceil(T)]!).toBeLessThanOrEqual(q0 / 100 + 1e-12);
        if (Math.floor(T) < T) expect(r.trajectory[Math.floor(T)]!).toBeGreaterThan(q0 / 100);
        if (Number.isInteger(T)) expect(r.trajectory[T]!).toBeCloseTo(q0 / 100, 12);
      }),
      { seed: 19, numRuns: 300 },
    );
  });
});

/** Random networks whose dependency rows add up to less than 1 (so that recovery converges). */
const networks = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    flows: fc.array(
      fc.record({
        from: fc.integer({ min: 0, max: n - 1 }),
        to: fc.integer({ min: 0, max: n - 1 }),
        up: fc.double({ min: 0, max: 0.45 / n, noNaN: true }),
        down: fc.double({ min: 0, max: 0.45 / n, noNaN: true }),
      }),
      { maxLength: 30 },
    ),
    shock: fc.integer({ min: 0, max: n - 1 }),
    fraction: fc.double({ min: 0.05, max: 1, noNaN: true }),
  }),
);
const toDoc = (n: number, flows: { from: number; to: number; up: number; down: number }[], scale = 1) =>
  network(
    n,
    flows
      .filter((f) => f.from !== f.to)
      .map((f) => ({ from: `e${f.from}`, to: `e${f.to}`, kind: 'supply' as const, dependency: { upstream: f.up * scale, downstream: f.down * scale } })),
  );

describe('domino properties (fast-check)', () => {
  it('inoperability stays in [0, 1] for every model, even with strong dependencies', () => {
    fc.assert(
      fc.property(networks, ({ n, flows, shock, fraction }) => {
        const m = matrixOf(toDoc(n, flows, n * 2));
        const shocks = [{ node: shock, fraction }];
        for (const q of [simulateIim(m, shocks).inoperability, simulateCascade(m, shocks).pressure, simulateDiim(m, shocks, { steps: 10 }).trajectory]) {
          for (const v of q) expect(v >= 0 && v <= 1).toBe(true);
        }
      }),
    );
  });

  it('removing a dependency never increases damage', () => {
    fc.assert(
      fc.property(networks, fc.nat(), ({ n, flows, shock, fraction }, pick) => {
        const all = toDoc(n, flows, n);
        if (all.flows.length === 0) return;
        const fewer = structuredClone(all);
        fewer.flows.splice(pick % fewer.flows.length, 1);
        const shocks = [{ node: shock, fraction: 1 }];
        const [a, b] = [matrixOf(all), matrixOf(fewer)];
        const ca = simulateCascade(a, shocks, 0.3);
        const cb = simulateCascade(b, shocks, 0.3);
        for (let i = 0; i < n; i++) expect(cb.failed[i]! <= ca.failed[i]!).toBe(true);
        const qa = simulateIim(a, [{ node: shock, fraction }]).inoperability;
        const qb = simulateIim(b, [{ node: shock, fraction }]).inoperability;
        for (let i = 0; i < n; i++) expect(qb[i]!).toBeLessThanOrEqual(qa[i]! + 1e-9);
      }),
    );
  });

  it('a cascade with threshold > 1 fails only the shocked establishments', () => {
    fc.assert(
      fc.property(networks, ({ n, flows, shock }) => {
        const r = simulateCascade(matrixOf(toDoc(n, flows, n * 3)), [{ node: shock, fraction: 1 }], 1.01);
        expect([...r.failed].reduce((s, x) => s + x, 0)).toBe(1);
      }),
    );
  });

  it('the dynamic IIM returns to zero after a shock with c = 0', () => {
    fc.assert(
      fc.property(networks, ({ n, flows, shock, fraction }) => {
        const r = simulateDiim(matrixOf(toDoc(n, flows)), [{ node: shock, fraction }], { recoveryDays: 10, steps: 120 });
        for (const v of r.final) expect(v).toBeLessThan(1e-4);
      }),
    );
  });
});

describe('systemic ranking', () => {
  const doc = network(5, [
    { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.8 } },
    { from: 'e1', to: 'e2', kind: 'supply', dependency: { upstream: 0.8 } },
    { from: 'e0', to: 'e3', kind: 'supply', dependency: { upstream: 0.9 } },
    { from: 'e4', to: 'e3', kind: 'supply', dependency: { upstream: 0.2 } },
  ]);

  it('ranks closures by the damage they cause to others', async () => {
    const ranking = await rankSystemic(prepareDomino(doc));
    expect(ranking[0]).toMatchObject({ id: 'e0', establishmentsAffected: 3, jobsAtRisk: 300 });
    expect(ranking[1]).toMatchObject({ id: 'e1', establishmentsAffected: 1 });
    for (let k = 1; k < ranking.length; k++) expect(ranking[k - 1]!.jobsAtRisk).toBeGreaterThanOrEqual(ranking[k]!.jobsAtRisk);
    const iim = await rankSystemic(prepareDomino(doc), { model: 'iim' });
    expect(iim[0]!.id).toBe('e0');
  });

  it('reports progress and can be cancelled mid-way', async () => {
    const big = network(
      600,
      Array.from({ length: 599 }, (_, i) => ({ from: `e${i}`, to: `e${i + 1}`, kind: 'supply' as const, dependency: { upstream: 0.6 } })),
    );
    const controller = new AbortController();
    const seen: number[] = [];
    const run = rankSystemic(prepareDomino(big), {
      yieldEvery: 50,
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done >= 100) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([50, 100]);
  });
});

describe('scenarios', () => {
  const doc = network(3, [
    { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.6 } },
    { from: 'e1', to: 'e2', kind: 'supply', dependency: { upstream: 0.6 } },
  ]);

  it('are saved in meta.scenarios (valid format), run and compared', () => {
    const a = createScenario('s1', { model: 'cascade', shocks: [{ establishment: 'e1', fraction: 1 }] }, 'Fermeture de e1');
    const b = createScenario('s2', { model: 'cascade', shocks: [{ establishment: 'e0', fraction: 1 }] });
    const saved = saveScenario(saveScenario(doc, a), b);
    expect(validateToile(saved).valid).toBe(true);
    expect(saved.meta.scenarios?.map((s) => s.id)).toEqual(['s1', 's2']);
    const ra = runScenario(saved, a);
    const rb = runScenario(saved, b);
    expect(ra.scenario.totals).toMatchObject({ establishmentsFailed: 2 });
    const diff = compareScenarios(ra.outcome, rb.outcome);
    expect(diff.totals.establishmentsFailed).toBe(1);
    expect(diff.establishments).toEqual([{ id: 'e0', a: 0, b: 1, difference: 1 }]);
  });
});

describe('renumbering and solvers agree', () => {
  it('breadth-first renumbering changes nothing in the results', () => {
    fc.assert(
      fc.property(networks, ({ n, flows, shock, fraction }) => {
        const doc = toDoc(n, flows, n * 1.5);
        const [a, b] = [matrixOf(doc, true), matrixOf(doc, false)];
        const shocks = [{ node: shock, fraction }];
        expect([...simulateCascade(a, shocks, 0.2).failed]).toEqual([...simulateCascade(b, shocks, 0.2).failed]);
        const qa = simulateIim(a, shocks).inoperability;
        const qb = simulateIim(b, shocks).inoperability;
        for (let i = 0; i < n; i++) expect(qa[i]!).toBeCloseTo(qb[i]!, 7);
        const da = simulateDiim(a, shocks, { steps: 5 });
        const db = simulateDiim(b, shocks, { steps: 5 });
        for (let i = 0; i < n; i++) expect(da.final[i]!).toBeCloseTo(db.final[i]!, 12);
      }),
    );
  });

  it('frontier and full Gauss–Seidel reach the same inoperability, with and without saturation', () => {
    fc.assert(
      fc.property(networks, fc.constantFrom(1, 4), ({ n, flows, shock, fraction }, scale) => {
        const m = matrixOf(toDoc(n, flows, n * scale));
        // Same iteration cap for both: near-1 couplings converge slowly, and the property is about agreement.
        const front = simulateIim(m, [{ node: shock, fraction }], { tolerance: 1e-12, maxIterations: 100_000 });
        const gs = simulateIim(m, [{ node: shock, fraction }], { method: 'gauss-seidel', tolerance: 1e-12, maxIterations: 100_000 });
        expect(front.converged && gs.converged).toBe(true);
        for (let i = 0; i < n; i++) expect(front.inoperability[i]!).toBeCloseTo(gs.inoperability[i]!, 6);
      }),
    );
  });

  it('reports the solver’s cap and non-convergence', () => {
    // A 0.99 two-node cycle converges slowly: 3 updates are not enough.
    const doc = network(2, [
      { from: 'e1', to: 'e0', kind: 'supply', dependency: { upstream: 0.99 } },
      { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.99 } },
    ]);
    const r = simulateIim(matrixOf(doc), [{ node: 0, fraction: 0.001 }], { maxIterations: 3 });
    expect(r).toMatchObject({ converged: false, iterations: 3, maxIterations: 3, method: 'frontier' });
    const gs = simulateIim(matrixOf(doc), [{ node: 0, fraction: 0.001 }], { method: 'gauss-seidel' });
    // q0 = 0.001 / (1 − 0.99²), q1 = 0.99 q0 (closed form of the 2×2 system).
    expect(gs.converged).toBe(true);
    expect(gs.inoperability[0]).toBeCloseTo(0.001 / (1 - 0.99 ** 2), 6);
    expect(gs.inoperability[1]).toBeCloseTo((0.99 * 0.001) / (1 - 0.99 ** 2), 6);
  });
});

describe('dynamic IIM, more closed forms', () => {
  it('a self-dependency a_ii enters k: k_i = ln 100 / (T (1 − a_ii)), so the node still recovers as q0 · 100^(−t/T)', () => {
    // Not a valid document (validation refuses self-loops), but the matrix accepts one: a = 0.5.
    const doc = network(1, [{ from: 'e0', to: 'e0', kind: 'supply', dependency: { upstream: 0.5 } }]);
    const r = simulateDiim(matrixOf(doc), [{ node: 0, fraction: 0.6 }], { recoveryDays: 20, steps: 8 });
    const k = Math.log(100) / (20 * 0.5);
    expect(r.k[0]).toBeCloseTo(k, 12);
    // By hand: e^(−k (1 − a)) = 100^(−1/20) ≈ 0.79433, so q(8) = 0.6 × 100^(−0.4) ≈ 0.6 × 0.15849 ≈ 0.09509.
    for (let t = 0; t <= 8; t++) expect(r.trajectory[t]).toBeCloseTo(0.6 * Math.exp(-k * 0.5 * t), 12);
    expect(r.final[0]).toBeCloseTo(0.09509, 4);
  });

  it('only the nodes a shock can reach are stepped and stored', () => {
    const doc = network(4, [
      { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.5 } },
      { from: 'e2', to: 'e3', kind: 'supply', dependency: { upstream: 0.5 } },
    ]);
    const r = simulateDiim(matrixOf(doc), [{ node: 0, fraction: 1 }], { steps: 3 });
    expect([...r.nodes].sort()).toEqual([0, 1]);
    expect(r.trajectory).toHaveLength(4 * 2);
    expect(r.peak[2]).toBe(0);
  });
});

describe('runDomino details', () => {
  // Downstream shares are given as 0: otherwise each supplier, selling to one client only, would depend on it fully.
  const doc = network(4, [
    { from: 'e0', to: 'e1', kind: 'supply', valueEur: 1000, dependency: { upstream: 0.6, downstream: 0 } },
    { from: 'e1', to: 'e2', kind: 'supply', valueEur: 500, dependency: { upstream: 0.45, downstream: 0 } },
    { from: 'e2', to: 'e3', kind: 'supply', valueEur: 200, dependency: { upstream: 0.9, downstream: 0 }, status: 'planned' },
  ]);

  it('per-establishment thresholds override the default', () => {
    const out = runDomino(doc, { model: 'cascade', shocks: [{ establishment: 'e0', fraction: 1 }], thresholds: { e2: 0.4 } });
    // e1: 0.6 ≥ 0.5 fails; e2: 0.45 ≥ its own 0.4 fails; e3 is linked by a planned flow only.
    expect(out.results.filter((r) => r.failed).map((r) => r.id)).toEqual(['e0', 'e1', 'e2']);
    // Lost flows: f0 and f1 (1 500 €/yr); f2 is not active, so it is not counted.
    expect(out.totals).toMatchObject({ lostFlows: 2, lostFlowsAnnualValueEur: 1500, establishmentsStopped: 3, establishmentsFailed: 3, iterations: 2 });
    expect(out.results.find((r) => r.id === 'e1')!.lostFlows).toBe(2);
  });

  it('includeStatuses brings planned flows in', () => {
    const out = runDomino(doc, {
      model: 'cascade',
      shocks: [{ establishment: 'e0', fraction: 1 }],
      thresholds: { e2: 0.4 },
      includeStatuses: ['active', 'planned'],
    });
    expect(out.totals.establishmentsStopped).toBe(4);
    // A prepared matrix for active flows only is rebuilt when other statuses are asked.
    const again = runDomino(prepareDomino(doc), {
      model: 'cascade',
      shocks: [{ establishment: 'e0', fraction: 1 }],
      thresholds: { e2: 0.4 },
      includeStatuses: ['planned', 'active'],
    });
    expect(again.totals.establishmentsStopped).toBe(4);
  });

  it('IIM totals: jobs = Σ employees × q, value at risk = Σ value × max(q ends)', () => {
    const out = runDomino(doc, { model: 'iim', shocks: [{ establishment: 'e0', fraction: 1 }] });
    // q = (1, 0.6, 0.27, 0): jobs 100 × 1.87 = 187; value at risk 1000 × 1 + 500 × 0.6 = 1300.
    // States: e0 stopped (q = 1), e1 severely affected (0.6 ≥ 0.5), e2 affected (0.27).
    expect(out.totals).toMatchObject({
      jobsAtRisk: 187,
      valueAtRiskEur: 1300,
      establishmentsAffected: 3,
      establishmentsSevere: 2,
      establishmentsStopped: 1,
      establishmentsPartial: 2,
    });
    expect(out.results.map((r) => [r.id, r.state])).toEqual([
      ['e0', 'stopped'],
      ['e1', 'severe'],
      ['e2', 'affected'],
    ]);
    // Output lost: e0 sells 1000 × 1, e1 sells 500 × 0.6 = 300, e2's sale is planned (not counted): 1300 €/yr.
    expect(out.totals.outputLossEurPerYear).toBe(1300);
    expect(out.solver).toMatchObject({ method: 'frontier', converged: true });
  });
});

describe('systemic ranking agrees with runDomino', () => {
  it('each entry is runDomino’s totals for that closure minus the closed establishment itself', async () => {
    await fc.assert(
      fc.asyncProperty(networks, fc.constantFrom<'cascade' | 'iim'>('cascade', 'iim'), async ({ n, flows }, model) => {
        const doc = toDoc(n, flows, n * 2);
        doc.flows.forEach((f, k) => (f.valueEur = 100 + k));
        doc.establishments.forEach((e, k) => (e.employees = 10 * (k + 1)));
        const prepared = prepareDomino(doc);
        const ranking = await rankSystemic(prepared, { model, threshold: 0.3, tolerance: 1e-12 });
        for (const entry of ranking) {
          const out = runDomino(prepared, { model, threshold: 0.3, shocks: [{ establishment: entry.id, fraction: 1 }] });
          const self = doc.establishments.find((e) => e.id === entry.id)!;
          // Its own sales, lost by definition (q = 1).
          const ownSales = doc.flows.filter((f) => f.from === entry.id).reduce((s, f) => s + f.valueEur!, 0);
          expect(entry.establishmentsAffected).toBe(out.totals.establishmentsAffected - 1);
          expect(entry.establishmentsStopped).toBe(out.totals.establishmentsStopped - 1);
          expect(entry.establishmentsSevere).toBe(out.totals.establishmentsSevere - 1);
          expect(entry.jobsAtRisk).toBeCloseTo(out.totals.jobsAtRisk - self.employees!, 0);
          expect(Math.abs(entry.outputLossEurPerYear - (out.totals.outputLossEurPerYear! - ownSales))).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });
});
