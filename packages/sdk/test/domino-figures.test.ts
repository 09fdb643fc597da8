/**
 * Issue #19: figures a CCI can stand behind — lost value that scales with the shock, the states of
 * an establishment defined once, the feedback part of a shocked site, the systemic ranking's scope.
 */
import { describe, expect, it } from 'vitest';
import type { Flow, ToileDocument } from '@toile/schema';
import { establishmentState, prepareDomino, rankSystemic, runDomino, stateDefinitions } from '../src/index.ts';

function network(n: number, flows: Omit<Flow, 'id'>[], external: number[] = []): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: 't', name: 'T' },
    meta: { title: 'domino figures' },
    establishments: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, name: `E${i}`, employees: 10, ...(external.includes(i) ? { external: true } : {}) })),
    flows: flows.map((f, k) => ({ id: `f${k}`, ...f })),
  };
}

// A chain without feedback (downstream shares 0): e1 depends on e0 at 0.8, e2 on e1 at 0.5.
// Sales known: e0 sells 1 000 €/yr to e1, e1 sells 500 €/yr to e2.
const chain = network(3, [
  { from: 'e0', to: 'e1', kind: 'supply', valueEur: 1000, dependency: { upstream: 0.8, downstream: 0 } },
  { from: 'e1', to: 'e2', kind: 'supply', valueEur: 500, dependency: { upstream: 0.5, downstream: 0 } },
]);

describe('lost value scales with the shock (#19 item 2)', () => {
  it('IIM: Σ sales × inoperability; a 60 % shock costs 60 % of a closure', () => {
    const full = runDomino(chain, { model: 'iim', shocks: [{ establishment: 'e0', fraction: 1 }] });
    const part = runDomino(chain, { model: 'iim', shocks: [{ establishment: 'e0', fraction: 0.6 }] });
    // By hand: q = (1, 0.8, 0.4); loss = 1000 × 1 + 500 × 0.8 = 1 400 €/yr (e2 sells nothing known).
    expect(full.totals.outputLossEurPerYear).toBe(1400);
    // q = (0.6, 0.48, 0.24); loss = 600 + 240 = 840 €/yr = 0.6 × 1 400.
    expect(part.totals.outputLossEurPerYear).toBe(840);
    expect(part.results.find((r) => r.id === 'e1')!.lossEur).toBe(240);
    // The whole annual value of the flows touching a stopped site is another figure, named as such.
    expect(full.totals.lostFlowsAnnualValueEur).toBe(1000);
    expect(part.totals.lostFlowsAnnualValueEur).toBe(0);
  });

  it('cascade: sales × loss (1 for a failed site, its loss so far otherwise)', () => {
    const out = runDomino(chain, { model: 'cascade', shocks: [{ establishment: 'e0', fraction: 1 }] });
    // e1 fails (0.8 ≥ 0.5), e2 fails (0.5 ≥ 0.5): 1000 + 500 = 1 500 €/yr.
    expect(out.totals.outputLossEurPerYear).toBe(1500);
  });

  it('dynamic IIM: the integral over the horizon in € (per year only over 365 days)', () => {
    // e0 sells 365 000 €/yr (1 000 €/day) to an outside partner that does not depend on it.
    const doc = network(2, [{ from: 'e0', to: 'e1', kind: 'supply', valueEur: 365000, dependency: { upstream: 0, downstream: 0 } }], [1]);
    const run = (fraction: number, steps: number) => runDomino(doc, { model: 'diim', shocks: [{ establishment: 'e0', fraction }], recoveryDays: 10, steps });
    const out = run(0.6, 10);
    // q(t) = 0.6 × d^t with d = 100^(−1/10); trapezoids: ∫ ≈ 0.6 × ((1 + d^10) / 2 + d + … + d^9) days.
    const d = 100 ** (-1 / 10);
    let days = (1 + d ** 10) / 2;
    for (let t = 1; t <= 9; t++) days += d ** t;
    expect(out.totals.horizonDays).toBe(10);
    expect(out.totals.outputLossEurOverHorizon).toBe(Math.round(1000 * 0.6 * days));
    // d ≈ 0.631: (1 + 0.01) / 2 + 1.683 ≈ 2.188 days at full loss, × 0.6 × 1 000 € ≈ 1 313 €.
    expect(out.totals.outputLossEurOverHorizon).toBe(1313);
    expect(out.totals.outputLossEurPerYear).toBeUndefined();
    expect(Math.abs(run(1, 10).totals.outputLossEurOverHorizon! * 0.6 - out.totals.outputLossEurOverHorizon!)).toBeLessThanOrEqual(1);
    const year = run(0.6, 365);
    expect(year.totals.outputLossEurPerYear).toBe(year.totals.outputLossEurOverHorizon);
    // Not the sales of the year (365 000 €): about 0.6 × 1 000 × 10 / ln 100 ≈ 1 303 € over the year.
    expect(year.totals.outputLossEurPerYear).toBeLessThan(3000);
  });
});

describe('states of an establishment (#19 item 3)', () => {
  it('one definition: affected q > 0, severe q ≥ threshold (0.5), stopped = cascade failure or q = 1', () => {
    expect(establishmentState(0)).toBe('unaffected');
    expect(establishmentState(1e-9)).toBe('unaffected');
    expect(establishmentState(0.01)).toBe('affected');
    expect(establishmentState(0.4999)).toBe('affected');
    expect(establishmentState(0.5)).toBe('severe');
    expect(establishmentState(0.944)).toBe('severe');
    expect(establishmentState(1)).toBe('stopped');
    expect(establishmentState(0.6, { failed: true })).toBe('stopped');
    expect(establishmentState(0.4, { threshold: 0.3 })).toBe('severe');
    expect(stateDefinitions().fr).toContain('gravement touché : ≥ 50 %');
  });

  it('IIM: a 60 % shock is severe, not stopped; the feedback of its partners is reported apart', () => {
    // e0 and e1 depend on each other at 0.5: q0 = 0.6 + 0.5 q1, q1 = 0.5 q0, so q0 = 0.6 / 0.75 = 0.8, q1 = 0.4.
    const doc = network(2, [{ from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.5, downstream: 0.5 } }]);
    const out = runDomino(doc, { model: 'iim', shocks: [{ establishment: 'e0', fraction: 0.6 }] });
    const e0 = out.results.find((r) => r.id === 'e0')!;
    expect(e0).toMatchObject({ state: 'severe', shock: 0.6 });
    expect(e0.inoperability).toBeCloseTo(0.8, 6);
    expect(e0.feedback).toBeCloseTo(0.2, 6);
    expect(out.results.find((r) => r.id === 'e1')).toMatchObject({ state: 'affected' });
    expect(out.results.find((r) => r.id === 'e1')!.feedback).toBeUndefined();
    expect(out.totals).toMatchObject({ establishmentsAffected: 2, establishmentsSevere: 1, establishmentsStopped: 0, establishmentsPartial: 2, lostFlows: 0 });
  });

  it('cascade: failed sites are stopped, the others are partial losses', () => {
    const doc = network(3, [
      { from: 'e0', to: 'e1', kind: 'supply', dependency: { upstream: 0.6, downstream: 0 } },
      { from: 'e0', to: 'e2', kind: 'supply', dependency: { upstream: 0.4, downstream: 0 } },
    ]);
    const out = runDomino(doc, { model: 'cascade', shocks: [{ establishment: 'e0', fraction: 1 }] });
    expect(out.results.map((r) => [r.id, r.state, r.failed])).toEqual([
      ['e0', 'stopped', true],
      ['e1', 'stopped', true],
      ['e2', 'affected', false],
    ]);
    expect(out.totals).toMatchObject({ establishmentsStopped: 2, establishmentsPartial: 1 });
  });
});

describe('systemic ranking scope (#19 item 4)', () => {
  // e2 is an outside partner on which e0 and e1 depend.
  const doc = network(
    3,
    [
      { from: 'e2', to: 'e0', kind: 'supply', valueEur: 100, dependency: { upstream: 0.9, downstream: 0 } },
      { from: 'e2', to: 'e1', kind: 'supply', valueEur: 100, dependency: { upstream: 0.9, downstream: 0 } },
      { from: 'e0', to: 'e1', kind: 'supply', valueEur: 400, dependency: { upstream: 0.2, downstream: 0 } },
    ],
    [2],
  );

  it('ranks the territory only by default, outside partners with includeExternal (marked)', async () => {
    const prepared = prepareDomino(doc);
    const territory = await rankSystemic(prepared, { model: 'iim' });
    expect(territory.map((e) => [e.id, e.external])).toEqual([
      ['e0', false],
      ['e1', false],
    ]);
    // Closing e0: e1 loses 0.2, its sales are not known; the output lost elsewhere is 0.
    expect(territory[0]).toMatchObject({ establishmentsAffected: 1, jobsAtRisk: 2, outputLossEurPerYear: 0 });
    const all = await rankSystemic(prepared, { model: 'iim', includeExternal: true });
    expect(all[0]).toMatchObject({ id: 'e2', external: true, establishmentsAffected: 2, establishmentsSevere: 2 });
    // Closing the partner: e0 at 0.9 loses 0.9 × 400 = 360 €/yr; e1 at 0.9 + 0.2 × 0.9 = 1 (capped), stopped.
    expect(all[0]).toMatchObject({ outputLossEurPerYear: 360, establishmentsStopped: 1 });
  });
});
