import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/context.ts';
import { baseDocument } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PORT = 'examples/data/port-estuaire.toile.json';

async function toile(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false, env: {}, cwd: ROOT };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describe('toile domino on the sample territory', () => {
  it('cascade: the JSON contract (model, results with id / inoperability / failed, totals)', async () => {
    const r = await toile('domino', PORT, '--model', 'cascade', '--shock', 'acierie=1', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model).toBe('cascade');
    expect(out.results[0]).toMatchObject({ id: 'acierie', inoperability: 1, failed: true, round: 0 });
    for (const res of out.results) {
      expect(typeof res.id).toBe('string');
      expect(res.inoperability).toBeGreaterThanOrEqual(0);
      expect(res.inoperability).toBeLessThanOrEqual(1);
      expect(typeof res.failed).toBe('boolean');
      expect(res.trajectory).toBeUndefined();
    }
    expect(out.totals.establishmentsFailed).toBeGreaterThan(1);
    expect(out.totals.jobsAtRisk).toBeGreaterThan(1450);
  });

  it('iim with two partial shocks', async () => {
    const out = JSON.parse((await toile('domino', PORT, '--model', 'iim', '--shock', 'raffinerie=0.5', '--shock', 'eau-vire=0.3', '--json')).stdout);
    expect(out.model).toBe('iim');
    expect(out.solver.converged).toBe(true);
    expect(out.results.find((x: { id: string }) => x.id === 'raffinerie').inoperability).toBeGreaterThanOrEqual(0.5);
  });

  it('diim: trajectory per day, q(0) first, steps + 1 values', async () => {
    const out = JSON.parse((await toile('domino', PORT, '--model', 'diim', '--shock', 'acierie=1', '--recovery-days', '20', '--steps', '10', '--json')).stdout);
    const mill = out.results.find((x: { id: string }) => x.id === 'acierie');
    expect(mill.trajectory).toHaveLength(11);
    expect(mill.trajectory[0]).toBe(1);
    expect(mill.trajectory[10]).toBeLessThan(mill.trajectory[0]);
  });

  it('prints a readable table in French by default, English on request', async () => {
    expect((await toile('domino', PORT, '--model', 'cascade', '--shock', 'acierie')).stdout).toContain('emplois menacés');
    expect((await toile('domino', PORT, '--model', 'cascade', '--shock', 'acierie', '--lang', 'en')).stdout).toContain('jobs at risk');
  });

  it('exit 1 on an unknown shock id (named) or a fraction outside 0–1; exit 2 on usage errors', async () => {
    const unknown = await toile('domino', PORT, '--model', 'cascade', '--shock', 'ghost=1', '--lang', 'en');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('ghost');
    expect((await toile('domino', PORT, '--model', 'cascade', '--shock', 'acierie=1.5')).code).toBe(1);
    expect((await toile('domino', PORT, '--shock', 'acierie=1')).code).toBe(2);
    expect((await toile('domino', PORT, '--model', 'magic', '--shock', 'acierie=1')).code).toBe(2);
    expect((await toile('domino', PORT, '--model', 'cascade')).code).toBe(2);
  });
});

describe('toile systemic on the sample territory', () => {
  it('ranks closures, the JSON contract', async () => {
    const r = await toile('systemic', PORT, '--model', 'cascade', '--top', '5', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model).toBe('cascade');
    expect(out.ranking).toHaveLength(5);
    for (const e of out.ranking) {
      expect(Object.keys(e).sort()).toEqual([
        'establishmentsAffected',
        'establishmentsSevere',
        'establishmentsStopped',
        'external',
        'id',
        'jobsAtRisk',
        'name',
        'outputLossEurPerYear',
      ]);
      // The territory's establishments only, by default.
      expect(e.external).toBe(false);
    }
    for (let k = 1; k < 5; k++) expect(out.ranking[k - 1].jobsAtRisk).toBeGreaterThanOrEqual(out.ranking[k].jobsAtRisk);
  });

  it('iim ranking; diim refused with a usage error', async () => {
    expect(JSON.parse((await toile('systemic', PORT, '--model', 'iim', '--top', '3', '--json')).stdout).ranking).toHaveLength(3);
    expect((await toile('systemic', PORT, '--model', 'diim')).code).toBe(2);
  });
});

/**
 * The shared fixture, by hand. Matrix: a[acier][fournisseur] = 0.6 (f2 upstream), a[ciment][acier] = 0.4
 * and a[acier][ciment] = 0.05 (f1); f3 is logistics, a support flow: no share derived from its
 * quantity; the outside supplier's downstream share is not derived. Derivation: 3 given, 3 unknown.
 */
describe('toile domino on the fixture (hand-checked)', () => {
  const FIXTURE = join(mkdtempSync(join(tmpdir(), 'toile-domino-')), 'fixture.toile.json');
  writeFileSync(FIXTURE, JSON.stringify(baseDocument()));

  it('cascade: the supplier’s loss fails the mill (0.6 ≥ 0.5), the cement plant holds at 0.4', async () => {
    const r = await toile('domino', FIXTURE, '--model', 'cascade', '--shock', 'fournisseur=1', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['model', 'results', 'totals', 'derivation']);
    expect(out.results.map((x: { id: string; inoperability: number; failed: boolean; round?: number }) => [x.id, x.inoperability, x.failed, x.round])).toEqual([
      ['acier', 1, true, 1],
      ['fournisseur', 1, true, 0],
      ['ciment', 0.4, false, undefined],
    ]);
    // Jobs: 800 (mill) + 120 × 0.4 (cement) = 848; the supplier's staff is unknown. f1, f2, f3 all touch the mill.
    expect(out.totals).toMatchObject({ establishmentsAffected: 3, establishmentsFailed: 2, jobsAtRisk: 848, lostFlows: 3, iterations: 1 });
    expect(out.derivation).toEqual({ given: 3, fromValue: 0, fromQuantity: 0, unknown: 3, ignoredFlows: 0 });
  });

  it('iim: q_c = 0.5 + 0.4 q_a, q_a = 0.05 q_c, so q_c = 0.5 / 0.98 ≈ 0.510204, q_a ≈ 0.025510', async () => {
    const out = JSON.parse((await toile('domino', FIXTURE, '--model', 'iim', '--shock', 'ciment=0.5', '--json')).stdout);
    expect(out.results.map((x: { id: string }) => x.id)).toEqual(['ciment', 'acier']);
    expect(out.results[0].inoperability).toBeCloseTo(0.5 / 0.98, 6);
    expect(out.results[1].inoperability).toBeCloseTo(0.025 / 0.98, 6);
    expect(out.results[0].failed).toBeUndefined();
    // 120 × 0.510204 + 800 × 0.025510 ≈ 61.22 + 20.41 = 81.6
    expect(out.totals.jobsAtRisk).toBeCloseTo(81.6, 1);
  });

  // Lian & Haimes (2006) derive k from the continuous recovery q(t) = q(0) e^(−k (1 − a_ii) t); each day
  // is made of exponential sub-steps of that equation (not the forward step 1 − k, which overshoots below
  // 0 when T < 4.6 days). T = 10: r = ln 100 / 10 ≈ 0.46, so 2 sub-steps (r h ≤ 1/4), d = 100^(−1/20).
  it('diim: 2 sub-steps of d = 100^(−1/20); q_a(1) = d² + 0.02 (1 − d)² ≈ 0.6318, q_c(1) = 0.8 d (1 − d) ≈ 0.1307', async () => {
    const out = JSON.parse((await toile('domino', FIXTURE, '--model', 'diim', '--shock', 'acier=1', '--recovery-days', '10', '--steps', '2', '--json')).stdout);
    const d = 100 ** (-1 / 20);
    const mill = out.results.find((x: { id: string }) => x.id === 'acier');
    const cement = out.results.find((x: { id: string }) => x.id === 'ciment');
    expect(mill.trajectory[0]).toBe(1);
    // Sub-step 1: q_a = d, q_c = 0.4 (1 − d). Sub-step 2: q_a = d² + (1 − d) × 0.05 × 0.4 (1 − d), q_c = 0.4 d (1 − d) + (1 − d) × 0.4 d.
    expect(mill.trajectory[1]).toBeCloseTo(d * d + 0.02 * (1 - d) ** 2, 6);
    expect(mill.trajectory[1]).toBeCloseTo(0.631803, 6);
    expect(cement.trajectory[1]).toBeCloseTo(0.8 * d * (1 - d), 6);
    // Day 2 stays between the isolated recovery 100^(−2/10) and a little above it (the cement plant feeds back 5 %).
    expect(mill.trajectory[2]).toBeGreaterThan(100 ** -0.2);
    expect(mill.trajectory[2]).toBeLessThan(100 ** -0.2 + 0.01);
    expect(mill.failed).toBeUndefined();
  });

  it('readable table in English, with the derivation', async () => {
    const r = await toile('domino', FIXTURE, '--model', 'cascade', '--shock', 'fournisseur', '--lang', 'en');
    // Cascade wording: failed establishments (stopped) vs. partial losses (the cement plant at 40 %).
    expect(r.stdout).toContain('Model cascade — 2 establishments failed (stopped), 1 with a partial loss, 848 jobs at risk');
    expect(r.stdout).toContain('flows lost (an end stopped) 3');
    expect(r.stdout).toContain('dependency shares: 3 given');
    expect(r.stdout).toContain('affected: activity lost > 0; severely affected: ≥ 50 %; stopped: failed in the cascade, or 100 %');
    expect(r.stdout).toMatch(/stopped +.*Aciérie \(acier\) — failed in round 1/);
    expect(r.stdout).toMatch(/40 % +affected .*\(ciment\)/);
    expect(r.stdout).not.toMatch(/all-or-nothing|tout ou rien/);
  });

  it('--all lists every establishment; exit codes for bad input and usage', async () => {
    const all = JSON.parse((await toile('domino', FIXTURE, '--model', 'iim', '--shock', 'ciment=0.5', '--all', '--json')).stdout);
    expect(all.results).toHaveLength(4);
    const unknown = await toile('domino', FIXTURE, '--model', 'iim', '--shock', 'ciment=0.5', '--shock', 'nowhere=1');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nowhere');
    expect((await toile('domino', FIXTURE, '--model', 'iim', '--shock', 'ciment=1.5')).code).toBe(1);
    expect((await toile('domino', FIXTURE, '--model', 'iim', '--shock', 'ciment=')).code).toBe(1);
    expect((await toile('domino', FIXTURE, '--model', 'iim', '--shock', 'ciment=-0.1')).code).toBe(1);
    expect((await toile('domino', FIXTURE, '--shock', 'ciment=1')).code).toBe(2);
    expect((await toile('domino', '--model', 'iim', '--shock', 'ciment=1')).code).toBe(2);
    expect((await toile('domino', FIXTURE, '--model', 'iim', '--shock', 'ciment=1', '--include-status', 'bogus')).code).toBe(2);
  });

  it('an invalid document still runs on its valid part, with the problem count on stderr', async () => {
    const doc = baseDocument();
    doc.flows.push({ id: 'f9', from: 'acier', to: 'ghost', kind: 'supply' });
    const broken = join(mkdtempSync(join(tmpdir(), 'toile-domino-')), 'broken.toile.json');
    writeFileSync(broken, JSON.stringify(doc));
    const r = await toile('domino', broken, '--model', 'cascade', '--shock', 'fournisseur=1', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 erreur/);
    expect(JSON.parse(r.stdout).totals.establishmentsFailed).toBe(2);
    const garbage = join(mkdtempSync(join(tmpdir(), 'toile-domino-')), 'garbage.json');
    writeFileSync(garbage, '{ not json');
    expect((await toile('domino', garbage, '--model', 'cascade', '--shock', 'acier=1')).code).toBe(1);
  });

  it('systemic: the territory only by default; the outside supplier (848 jobs) with --include-external, marked', async () => {
    const out = JSON.parse((await toile('systemic', FIXTURE, '--model', 'cascade', '--json')).stdout);
    // The mill (cement at 0.4: 48 jobs), the cement plant (mill at 0.05: 40 jobs), the port (nothing). No sales are known.
    const row = (e: { id: string; external: boolean; establishmentsAffected: number; jobsAtRisk: number; outputLossEurPerYear: number }) => [
      e.id,
      e.external,
      e.establishmentsAffected,
      e.jobsAtRisk,
      e.outputLossEurPerYear,
    ];
    expect(out.includeExternal).toBe(false);
    expect(out.ranking.map(row)).toEqual([
      ['acier', false, 1, 48, 0],
      ['ciment', false, 1, 40, 0],
      ['port', false, 0, 0, 0],
    ]);
    const all = JSON.parse((await toile('systemic', FIXTURE, '--model', 'cascade', '--include-external', '--json')).stdout);
    // Losing the outside supplier: mill 800 + cement 120 × 0.4 = 848 jobs.
    expect(all.ranking.map(row)[0]).toEqual(['fournisseur', true, 2, 848, 0]);
    expect(all.ranking[0].name).toBe('Mine lointaine');
    const text = (await toile('systemic', FIXTURE, '--model', 'cascade', '--include-external', '--lang', 'en')).stdout;
    expect(text).toMatch(/Mine lointaine \(fournisseur\) \[ext\.\]/);
    expect((await toile('systemic', FIXTURE, '--model', 'cascade')).stdout).not.toContain('fournisseur');
  });
});
