/**
 * Issue #5 benchmarks: cascade on 1M establishments / 5M flows after indexing (target < 0.5 s) and
 * at territory size (1k, target < 1 ms); IIM on 1M / 5M (< 2 s); dynamic IIM, 30 days, on
 * 100k / 500k (< 2 s); systemic ranking on 10k / 50k (< 10 s). Baselines run in the same process:
 * a cascade over Map-of-objects adjacency, the way a first version would be written.
 */
import { generateTerritory } from '../../schema/scripts/generate-territory.ts';
import { prepareDomino, rankSystemic, simulateCascade, simulateDiim, simulateIim, type DependencyMatrix } from '../src/index.ts';
import { runGroup } from './harness.ts';

/** The node whose failure reaches the most dependents directly: a hub. */
function hub(matrix: DependencyMatrix): number {
  let best = 0;
  for (let j = 0; j < matrix.nodeCount; j++) {
    if (matrix.dependentsOffsets[j + 1]! - matrix.dependentsOffsets[j]! > matrix.dependentsOffsets[best + 1]! - matrix.dependentsOffsets[best]!) best = j;
  }
  return best;
}

/** The same cascade over Map-of-objects adjacency. */
function naiveCascadeSetup(matrix: DependencyMatrix) {
  const dependents = new Map<string, { id: string; w: number }[]>();
  for (let j = 0; j < matrix.nodeCount; j++) {
    const list: { id: string; w: number }[] = [];
    for (let k = matrix.dependentsOffsets[j]!; k < matrix.dependentsOffsets[j + 1]!; k++) list.push({ id: `n${matrix.dependents[k]}`, w: matrix.dependentsWeight[k]! });
    dependents.set(`n${j}`, list);
  }
  return (start: number, threshold: number) => {
    const failed = new Set<string>([`n${start}`]);
    const pressure = new Map<string, number>();
    let frontier = [`n${start}`];
    while (frontier.length) {
      const next: string[] = [];
      for (const j of frontier) {
        for (const { id, w } of dependents.get(j) ?? []) {
          if (failed.has(id)) continue;
          const p = Math.min(1, (pressure.get(id) ?? 0) + w);
          pressure.set(id, p);
          if (p >= threshold) {
            failed.add(id);
            next.push(id);
          }
        }
      }
      frontier = next;
    }
    return failed.size;
  };
}

export async function run(): Promise<void> {
  console.log('\n# Domino simulator (issue #5)');
  {
    const doc = generateTerritory({ establishments: 1_000, seed: 5 });
    const p = prepareDomino(doc);
    const start = hub(p.matrix);
    const naive = naiveCascadeSetup(p.matrix);
    await runGroup({
      title: 'cascade, territory size',
      size: `1,000 establishments / ${doc.flows.length.toLocaleString('en')} flows (hub closed)`,
      records: p.index.nodeCount,
      iterations: 200,
      targetMs: 1,
      cases: [
        { name: 'baseline: Map-of-objects cascade', fn: () => naive(start, 0.3), baseline: true },
        { name: 'toile: simulateCascade (typed arrays)', fn: () => simulateCascade(p.matrix, [{ node: start, fraction: 1 }], 0.3) },
        { name: 'toile: simulateIim', fn: () => simulateIim(p.matrix, [{ node: start, fraction: 1 }]) },
      ],
    });
  }
  {
    const doc = generateTerritory({ establishments: 100_000, seed: 6 });
    const p = prepareDomino(doc);
    const start = hub(p.matrix);
    await runGroup({
      title: 'dynamic IIM, 30 days',
      size: `100,000 establishments / ${doc.flows.length.toLocaleString('en')} flows`,
      records: p.index.nodeCount * 30,
      iterations: 5,
      targetMs: 2000,
      cases: [
        { name: 'baseline: 30 steps over Map-of-objects rows', fn: () => naiveDiim(p.matrix, start, 30), baseline: true },
        { name: 'toile: simulateDiim', fn: () => simulateDiim(p.matrix, [{ node: start, fraction: 1 }], { steps: 30, recoveryDays: 30 }) },
      ],
    });
  }
  {
    const doc = generateTerritory({ establishments: 10_000, seed: 8 });
    const p = prepareDomino(doc);
    await runGroup({
      title: 'systemic ranking (every establishment closed in turn)',
      size: `10,000 establishments / ${doc.flows.length.toLocaleString('en')} flows`,
      records: p.index.nodeCount,
      iterations: 3,
      targetMs: 10_000,
      cases: [
        { name: 'baseline: 10k Map-of-objects cascades', fn: () => { const naive = naiveCascadeSetup(p.matrix); for (let i = 0; i < p.index.nodeCount; i++) naive(i, 0.5); }, baseline: true },
        { name: 'toile: rankSystemic cascade', fn: () => rankSystemic(p, { model: 'cascade', yieldEvery: 1_000_000 }) },
        { name: 'toile: rankSystemic iim', fn: () => rankSystemic(p, { model: 'iim', yieldEvery: 1_000_000 }) },
      ],
    });
  }
  if (process.env.TOILE_BENCH_SKIP_1M) return;
  {
    const t0 = performance.now();
    const doc = generateTerritory({ establishments: 1_000_000, seed: 9 });
    const t1 = performance.now();
    const p = prepareDomino(doc);
    const t2 = performance.now();
    console.log(`\n(1M / ${doc.flows.length.toLocaleString('en')}: generated in ${((t1 - t0) / 1000).toFixed(1)} s; index + dependency matrix in ${((t2 - t1) / 1000).toFixed(1)} s, ${p.matrix.dependsOn.length.toLocaleString('en')} dependencies)`);
    const start = hub(p.matrix);
    const naive = naiveCascadeSetup(p.matrix);
    await runGroup({
      title: 'cascade and IIM, national size',
      size: `1,000,000 establishments / ${doc.flows.length.toLocaleString('en')} flows (hub closed, threshold 0.3)`,
      records: p.index.nodeCount,
      iterations: 3,
      cases: [
        { name: 'baseline: Map-of-objects cascade', fn: () => naive(start, 0.3), baseline: true },
        { name: 'toile: simulateCascade (target < 500 ms)', fn: () => simulateCascade(p.matrix, [{ node: start, fraction: 1 }], 0.3) },
        { name: 'toile: simulateIim (target < 2000 ms)', fn: () => simulateIim(p.matrix, [{ node: start, fraction: 1 }]) },
      ],
    });
    const c = simulateCascade(p.matrix, [{ node: start, fraction: 1 }], 0.3);
    const q = simulateIim(p.matrix, [{ node: start, fraction: 1 }]);
    let reached = 0;
    for (const v of q.inoperability) if (v > 0) reached++;
    console.log(`(cascade failed ${c.order.length.toLocaleString('en')} establishments in ${c.rounds} rounds; IIM reached ${reached.toLocaleString('en')} in ${q.iterations.toLocaleString("en")} ${q.method === "push" ? "updates" : "sweeps"}, converged: ${q.converged})`);
  }
}

/** Dynamic IIM over rows stored as arrays of objects. */
function naiveDiim(matrix: DependencyMatrix, start: number, steps: number) {
  const rows: { j: number; w: number }[][] = [];
  for (let i = 0; i < matrix.nodeCount; i++) {
    const row: { j: number; w: number }[] = [];
    for (let c = matrix.dependsOffsets[i]!; c < matrix.dependsOffsets[i + 1]!; c++) row.push({ j: matrix.dependsOn[c]!, w: matrix.dependsWeight[c]! });
    rows.push(row);
  }
  let q: number[] = new Array(matrix.nodeCount).fill(0);
  q[start] = 1;
  const k = Math.log(100) / 30;
  for (let t = 0; t < steps; t++) q = q.map((qi, i) => Math.min(1, Math.max(0, qi + k * (rows[i]!.reduce((s, d) => s + d.w * q[d.j]!, 0) - qi))));
  return q;
}
