/**
 * A small benchmark harness over tinybench: runs each case a fixed number of times, then prints
 * one table per group with size, median, throughput and the ratio against the group's baseline
 * (a case marked `baseline`, run in the same process on the same input).
 */
import { Bench } from 'tinybench';

/** One measured case. */
export interface BenchCase {
  name: string;
  fn: () => unknown;
  /** The reference the other cases of the group are compared with. */
  baseline?: boolean;
}

/** A group of cases measured on one input. */
export interface BenchGroup {
  title: string;
  /** Human description of the input size (`100k establishments / 500k flows, 48 MB`). */
  size: string;
  /** Records processed by one run, for throughput. */
  records: number;
  iterations: number;
  cases: BenchCase[];
  /** Optional target in ms for the non-baseline cases, printed beside the median. */
  targetMs?: number;
}

/** Median in ms of each case, by name. */
export type Medians = Record<string, number>;

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3));

/** Runs a group and prints its table; returns the medians. */
export async function runGroup(group: BenchGroup): Promise<Medians> {
  const bench = new Bench({ iterations: group.iterations, time: 0, warmupIterations: 1, warmupTime: 0 });
  for (const c of group.cases) bench.add(c.name, c.fn);
  await bench.run();
  const medians: Medians = {};
  for (const task of bench.tasks) {
    const result = task.result as { latency?: { p50: number }; error?: unknown };
    if (result.error) throw result.error;
    medians[task.name] = result.latency?.p50 ?? Number.NaN;
  }
  const base = group.cases.find((c) => c.baseline);
  const baseMs = base ? medians[base.name] : undefined;
  console.log(`\n## ${group.title} — ${group.size} (median of ${group.iterations} runs)`);
  console.log('| case | median ms | records/s | vs baseline | target |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const c of group.cases) {
    const ms = medians[c.name] as number;
    const throughput = (group.records / ms) * 1000;
    const speedup = baseMs ? baseMs / ms : Number.NaN;
    const ratio = c.baseline ? 'baseline' : !baseMs ? '' : speedup >= 1 ? `${speedup.toFixed(2)}× faster` : `${(1 / speedup).toFixed(2)}× slower`;
    const target = group.targetMs && !c.baseline ? `${ms <= group.targetMs ? 'met' : 'MISSED'} (≤ ${group.targetMs} ms)` : '';
    console.log(`| ${c.name} | ${fmt(ms)} | ${Math.round(throughput).toLocaleString('en')} | ${ratio} | ${target} |`);
  }
  return medians;
}
