/**
 * What the server's benchmarks share: statistics (median, p95), a bounded pool of concurrent
 * requests that times each one, peak RSS, and markdown tables like the SDK's bench (sdk/bench/harness.ts).
 */

/** The value at quantile `q` (0–1) of `values`, nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]) => quantile(values, 0.5);
export const p95 = (values: readonly number[]) => quantile(values, 0.95);

/** Milliseconds, with the precision their size deserves. */
export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(3));

/** An integer with thousands separators. */
export const int = (value: number) => Math.round(value).toLocaleString('en');

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** What a timed batch of calls gave: its wall time and each call's latency. */
export interface Batch {
  totalMs: number;
  latencies: number[];
}

/**
 * Runs `fn` on every item with at most `concurrency` calls in flight, in item order; times each
 * call (from its start, queueing in the server included) and the whole batch.
 */
export async function inPool<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<unknown>): Promise<Batch> {
  const latencies = new Array<number>(items.length).fill(0);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const started = performance.now();
      await fn(items[index] as T, index);
      latencies[index] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return { totalMs: performance.now() - started, latencies };
}

/** Median wall time in ms of `runs` calls of a synchronous `fn` (after one warm-up call). */
export function timeSync(runs: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Prints a markdown table. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[] = []): void {
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`| ${headers.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** `2.31× slower` / `1.10× faster` of `value` against `baseline` (both durations). */
export function versus(value: number, baseline: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || value <= 0 || baseline <= 0) return '';
  return value >= baseline ? `${(value / baseline).toFixed(2)}× slower` : `${(baseline / value).toFixed(2)}× faster`;
}
