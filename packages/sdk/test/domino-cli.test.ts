import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/context.ts';

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
    for (const e of out.ranking) expect(Object.keys(e).sort()).toEqual(['establishmentsAffected', 'id', 'jobsAtRisk', 'name', 'valueLost']);
    for (let k = 1; k < 5; k++) expect(out.ranking[k - 1].jobsAtRisk).toBeGreaterThanOrEqual(out.ranking[k].jobsAtRisk);
  });

  it('iim ranking; diim refused with a usage error', async () => {
    expect(JSON.parse((await toile('systemic', PORT, '--model', 'iim', '--top', '3', '--json')).stdout).ranking).toHaveLength(3);
    expect((await toile('systemic', PORT, '--model', 'diim')).code).toBe(2);
  });
});
