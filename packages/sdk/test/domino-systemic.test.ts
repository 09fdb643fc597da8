/**
 * The systemic ranking's cascade reuses large closures (`systemic-cascade.ts`); these tests hold it
 * to the straightforward definition: one `simulateCascade` per closure, tallied establishment by
 * establishment, on generated territories (with giant cascades) and on small random networks built
 * to be awkward (exact threshold sums, cycles, thresholds above 1, closures in shuffled order, bases
 * kept for nearly every closure and evicted).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Flow, ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit';
import { establishmentState, prepareDomino, rankSystemic, simulateCascade, type PreparedDomino, type SystemicEntry } from '../src/index.ts';
import { CascadeClosures, type ClosureTally } from '../src/domino/systemic-cascade.ts';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/context.ts';

/** A sum whose result does not depend on the order of its terms (Neumaier). */
function exactSum(terms: number[]): number {
  let hi = 0;
  let lo = 0;
  for (const x of terms) {
    const t = hi + x;
    lo += Math.abs(hi) >= Math.abs(x) ? hi - t + x : x - t + hi;
    hi = t;
  }
  return hi + lo;
}

/** Rounded as the exact value would be, halves up (74.15 jobs → 74.2 whatever the float noise). */
const roundLike = (x: number, per: number, snap: number) => Math.round(Math.round(x * snap) / (snap / per)) / per + 0;

interface ReferenceTally {
  affected: number;
  severe: number;
  stopped: number;
  jobs: number;
  loss: number;
}

/** Closing graph-index node `i`, the straightforward way: one simulateCascade, every other node tallied. */
function referenceClosure(prepared: PreparedDomino, i: number, threshold: number): ReferenceTally {
  const { index, output } = prepared;
  const r = simulateCascade(prepared.matrix, [{ node: i, fraction: 1 }], threshold);
  const tally = { affected: 0, severe: 0, stopped: 0, jobs: 0, loss: 0 };
  const jobs: number[] = [];
  const loss: number[] = [];
  for (let x = 0; x < index.nodeCount; x++) {
    if (x === i) continue;
    const q = r.pressure[x]!;
    const state = establishmentState(q, { failed: r.failed[x] === 1, threshold });
    if (state !== 'unaffected') tally.affected++;
    if (state === 'severe' || state === 'stopped') tally.severe++;
    if (state === 'stopped') tally.stopped++;
    const employees = index.employees[x]!;
    jobs.push((Number.isNaN(employees) ? 0 : employees) * q);
    loss.push(output[x]! * q);
  }
  tally.jobs = exactSum(jobs);
  tally.loss = exactSum(loss);
  return tally;
}

/** The ranking from {@link referenceClosure}, in rankSystemic's order. */
function referenceRanking(doc: ToileDocument, prepared: PreparedDomino, threshold: number, includeExternal: boolean): SystemicEntry[] {
  const { index } = prepared;
  const entries: SystemicEntry[] = [];
  for (let i = 0; i < index.nodeCount; i++) {
    const external = index.external[i] === 1;
    if (external && !includeExternal) continue;
    const t = referenceClosure(prepared, i, threshold);
    const e = doc.establishments[i]!;
    entries.push({
      id: e.id,
      name: e.name,
      external,
      establishmentsAffected: t.affected,
      establishmentsSevere: t.severe,
      establishmentsStopped: t.stopped,
      jobsAtRisk: roundLike(t.jobs, 10, 1e6),
      outputLossEurPerYear: roundLike(t.loss, 1, 1e3),
    });
  }
  return entries.sort(
    (a, b) =>
      b.jobsAtRisk - a.jobsAtRisk ||
      b.outputLossEurPerYear - a.outputLossEurPerYear ||
      b.establishmentsAffected - a.establishmentsAffected ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Every closure through CascadeClosures, starts in the given order, compared with the reference. */
function expectClosuresMatch(prepared: PreparedDomino, threshold: number, order: number[], options: { minBaseTouched?: number; maxBases?: number }) {
  const { index, matrix, output } = prepared;
  const n = index.nodeCount;
  const jobsOf = new Float64Array(n);
  const outputOf = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const employees = index.employees[matrix.node[p]!]!;
    jobsOf[p] = Number.isNaN(employees) ? 0 : employees;
    outputOf[p] = output[matrix.node[p]!]!;
  }
  const closures = new CascadeClosures(matrix, { threshold, jobsOf, outputOf, ...options });
  for (const p of order) {
    const got: ClosureTally = closures.closure(p);
    const want = referenceClosure(prepared, matrix.node[p]!, threshold);
    expect({ affected: got.affected, severe: got.severe, stopped: got.stopped }).toEqual({
      affected: want.affected,
      severe: want.severe,
      stopped: want.stopped,
    });
    expect(Math.abs(got.jobs.value() - want.jobs)).toBeLessThanOrEqual(1e-9 * Math.max(1, want.jobs));
    expect(Math.abs(got.loss.value() - want.loss)).toBeLessThanOrEqual(1e-9 * Math.max(1, want.loss));
  }
  return closures.stats;
}

/** A small deterministic shuffle (xorshift), so that a failure can be replayed. */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed | 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

describe('systemic cascade ranking: the same as one simulateCascade per closure', () => {
  it('on generated territories with giant cascades (2,000 establishments), thresholds 0.5, 0.3 and 0.8', async () => {
    for (const [seed, threshold] of [
      [8, 0.5],
      [3, 0.3],
      [11, 0.8],
    ] as const) {
      const doc = generateTerritory({ establishments: 2_000, flowsPerEstablishment: 5, seed });
      const prepared = prepareDomino(doc);
      for (const includeExternal of [false, true]) {
        const ranking = await rankSystemic(prepared, { model: 'cascade', threshold, includeExternal });
        expect(ranking).toEqual(referenceRanking(doc, prepared, threshold, includeExternal));
      }
    }
  });

  it('reuses bases on the generated territory, and stays exact with a base for nearly every closure, evicted, in any order', () => {
    const prepared = prepareDomino(generateTerritory({ establishments: 2_000, flowsPerEstablishment: 5, seed: 8 }));
    const n = prepared.index.nodeCount;
    const positions = Array.from({ length: n }, (_, p) => p);
    const defaults = expectClosuresMatch(prepared, 0.5, positions, {});
    // The ranking's path is the one measured: most giant closures start from a base.
    expect(defaults.basesKept).toBeGreaterThan(0);
    expect(defaults.onBase).toBeGreaterThan(50);
    expectClosuresMatch(prepared, 0.5, shuffled(n, 7), { minBaseTouched: 2, maxBases: 3 });
    expectClosuresMatch(prepared, 0.5, shuffled(n, 99), { minBaseTouched: 5, maxBases: 1 });
    expect(expectClosuresMatch(prepared, 0.5, positions, { maxBases: 0 }).onBase).toBe(0);
  });

  it('on small random networks with nice shares (exact threshold sums), cycles and any threshold', async () => {
    const share = fc.constantFrom(0, 0.05, 0.1, 0.2, 0.25, 0.3, 0.35, 0.5, 0.7, 1);
    const arbitrary = fc.integer({ min: 2, max: 14 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        flows: fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: n - 1 }),
            to: fc.integer({ min: 0, max: n - 1 }),
            up: fc.oneof(share, fc.double({ min: 0, max: 1, noNaN: true })),
            down: share,
            value: fc.integer({ min: 1, max: 999 }),
          }),
          { maxLength: 40 },
        ),
        employees: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: n, maxLength: n }),
        threshold: fc.constantFrom(0.5, 0.3, 0.25, 1, 1.5, 0.01),
        external: fc.integer({ min: -1, max: n - 1 }),
        seed: fc.integer({ min: 1, max: 1_000_000 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ n, flows, employees, threshold, external, seed }) => {
        const doc: ToileDocument = {
          toile: '1.0',
          territory: { id: 't', name: 'T' },
          meta: { title: 'systemic' },
          establishments: Array.from({ length: n }, (_, i) => ({
            id: `e${i}`,
            name: `E${i}`,
            employees: employees[i]!,
            ...(i === external ? { external: true } : {}),
          })),
          flows: flows
            .filter((f) => f.from !== f.to)
            .map((f, k): Flow => ({
              id: `f${k}`,
              from: `e${f.from}`,
              to: `e${f.to}`,
              kind: 'supply',
              valueEur: f.value,
              dependency: { upstream: f.up, downstream: f.down },
            })),
        };
        const prepared = prepareDomino(doc);
        expect(await rankSystemic(prepared, { threshold, includeExternal: true })).toEqual(referenceRanking(doc, prepared, threshold, true));
        expectClosuresMatch(prepared, threshold, shuffled(n, seed), { minBaseTouched: 1, maxBases: 2 });
      }),
      { numRuns: 300 },
    );
  });

  it('a closure that moves from one base to a larger one that does not contain it', () => {
    // s fails a1 (whose closure {a1, a2} is a base) first, then b1 (base {b1…b4}, larger).
    const flow = (id: string, from: string, to: string): Flow => ({ id, from, to, kind: 'supply', dependency: { upstream: 0.6 } });
    const doc: ToileDocument = {
      toile: '1.0',
      territory: { id: 't', name: 'T' },
      meta: { title: 'two bases' },
      establishments: ['s', 'a1', 'a2', 'b1', 'b2', 'b3', 'b4'].map((id) => ({ id, name: id, employees: 10 })),
      flows: [
        flow('f1', 'a1', 'a2'),
        flow('f2', 'a2', 'a1'),
        flow('f3', 'b1', 'b2'),
        flow('f4', 'b2', 'b1'),
        flow('f5', 'b2', 'b3'),
        flow('f6', 'b3', 'b4'),
        flow('f7', 's', 'a1'),
        flow('f8', 's', 'b1'),
      ],
    };
    // Index order kept, so that s's dependents are met a1 first.
    const prepared = prepareDomino(doc, { renumber: false });
    const stats = expectClosuresMatch(prepared, 0.5, [1, 3, 0, 2, 4, 5, 6], { minBaseTouched: 2 });
    expect(stats.basesKept).toBeGreaterThanOrEqual(2);
    expect(stats.onBase).toBeGreaterThan(0);
  });

  it('a cycle: closing either of two mutually dependent sites stops the other and what hangs on both', async () => {
    const doc: ToileDocument = {
      toile: '1.0',
      territory: { id: 't', name: 'T' },
      meta: { title: 'cycle' },
      establishments: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id.toUpperCase(), employees: 10 })),
      flows: [
        { id: 'f1', from: 'a', to: 'b', kind: 'supply', dependency: { upstream: 0.6, downstream: 0.6 } },
        // c fails only when both a and b have: 0.25 + 0.25 reaches 0.5 exactly.
        { id: 'f2', from: 'a', to: 'c', kind: 'supply', dependency: { upstream: 0.25 } },
        { id: 'f3', from: 'b', to: 'c', kind: 'supply', dependency: { upstream: 0.25 } },
        { id: 'f4', from: 'c', to: 'd', kind: 'supply', dependency: { upstream: 0.15 } },
      ],
    };
    const ranking = await rankSystemic(prepareDomino(doc), { model: 'cascade' });
    expect(ranking.slice(0, 2).map((e) => [e.id, e.establishmentsStopped, e.establishmentsAffected, e.jobsAtRisk])).toEqual([
      ['a', 2, 3, 21.5],
      ['b', 2, 3, 21.5],
    ]);
  });
});

/** Runs the CLI in `dir`, stderr a terminal or not (progress is shown on a terminal only). */
async function cliOnTerminal(dir: string, stderrIsTTY: boolean, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY, env: {}, cwd: dir };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describe('toile systemic: progress on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toile-systemic-'));
  writeFileSync(join(dir, 'territory.json'), JSON.stringify(generateTerritory({ establishments: 1_500, flowsPerEstablishment: 5, seed: 8 })));

  const toile = (stderrIsTTY: boolean, ...args: string[]) => cliOnTerminal(dir, stderrIsTTY, ['systemic', 'territory.json', ...args]);

  it('in French by default, in English with --lang en, a line at each tenth; stdout keeps the ranking (and its JSON) alone', async () => {
    const fr = await toile(true, '--top', '3', '--json');
    expect(fr.code).toBe(0);
    expect(JSON.parse(fr.stdout).ranking).toHaveLength(3);
    const lines = fr.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Classement systémique : 10 % \(\d+ fermetures simulées sur 1\D?\d{3}\)$/);
    expect(lines.at(-1)).toMatch(/^Classement systémique : 100 % \((1\D?\d{3}) fermetures simulées sur \1\)$/);
    expect(lines.length).toBeLessThanOrEqual(10);
    const en = await toile(true, '--top', '3', '--lang', 'en');
    expect(en.stdout).toContain('Systemic ranking (cascade)');
    expect(en.stdout).not.toContain('closures simulated');
    expect(en.stderr).toMatch(/^Systemic ranking: 10 % \(\d+ of 1,\d{3} closures simulated\)\n/);
    expect(en.stderr).toMatch(/Systemic ranking: 100 % \((1,\d{3}) of \1 closures simulated\)\n$/);
  });

  it('not when stderr is not a terminal, nor with --quiet', async () => {
    expect((await toile(false, '--top', '1', '--json')).stderr).toBe('');
    expect((await toile(true, '--top', '1', '--json', '--quiet')).stderr).toBe('');
  });
});

describe('toile stats: progress of a sampled betweenness on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toile-stats-'));
  // Above the exact limit (10k), the betweenness is sampled: long at national size, so it says how far it is.
  writeFileSync(join(dir, 'territory.json'), JSON.stringify(generateTerritory({ establishments: 10_500, flowsPerEstablishment: 2, seed: 8 })));

  const toile = (stderrIsTTY: boolean, ...args: string[]) => cliOnTerminal(dir, stderrIsTTY, ['stats', 'territory.json', '--samples', '20', ...args]);

  it('a line at each tenth, in French by default and in English with --lang en; stdout keeps the report alone', async () => {
    const fr = await toile(true, '--json');
    expect(fr.code).toBe(0);
    expect(JSON.parse(fr.stdout).betweenness).toMatchObject({ exact: false, sources: 20 });
    const lines = fr.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('Intermédiarité : 10 % (2 sources sur 20)');
    expect(lines.at(-1)).toBe('Intermédiarité : 100 % (20 sources sur 20)');
    const en = await toile(true, '--lang', 'en');
    expect(en.stderr.split('\n')[0]).toBe('Betweenness: 10 % (2 of 20 sources)');
    expect(en.stdout).not.toContain('Betweenness: 10 %');
  });

  it('not when stderr is not a terminal, with --quiet, or without betweenness', async () => {
    expect((await toile(false, '--json')).stderr).toBe('');
    expect((await toile(true, '--json', '--quiet')).stderr).toBe('');
    expect((await toile(true, '--json', '--no-betweenness')).stderr).toBe('');
  });
});
