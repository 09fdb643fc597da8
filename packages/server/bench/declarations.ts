/**
 * Declarations accepted per second: N declarations POSTed over HTTP on 127.0.0.1, one at a time and
 * with 10 and 50 in flight, against the baseline server of the same scenario (same HTTP stack, same
 * INSERT into the same table, nothing else) and the INSERT alone, in-process.
 */
import type { ToileDocument } from '../src/types.ts';
import { inPool, int, median, ms, p95, table, versus, type Batch } from './harness.ts';
import { declaration, postJson, type Scenario } from './scenario.ts';

/** Options of {@link benchDeclarations}. */
export interface ThroughputOptions {
  /** Declarations per timed batch. */
  n: number;
  /** Timed batches per case and concurrency (the median is printed). */
  runs: number;
  concurrency: readonly number[];
}

type CaseName = 'baseline' | 'toile' | 'insert';

const LABELS: Record<CaseName, string> = {
  baseline: 'baseline: POST to an h3 route that only INSERTs the body (same stack, same table)',
  toile: 'toile: POST /territories/{id}/declarations (OpenAPI check, SDK validation, INSERT)',
  insert: 'INSERT alone, in-process (no HTTP)',
};

const INSERT = 'INSERT INTO declarations (id, territory_id, invitation_id, body) VALUES ($1, $2, $3, $4::json)';

/** One timed batch of a case: N fresh declarations (ids unique to the batch). */
async function batch(s: Scenario, doc: ToileDocument, name: CaseName, n: number, concurrency: number, tag: string): Promise<Batch> {
  const territory = s.ids.throughput;
  const texts = Array.from({ length: n }, (_, i) => JSON.stringify(declaration(doc, tag, i)));
  if (name === 'insert') return inPool(texts, concurrency, (text, i) => s.server.store.db.query(INSERT, [`decl-${tag}-${i}`, territory, null, text]));
  const url = name === 'toile' ? `${s.listening.url}/territories/${encodeURIComponent(territory)}/declarations` : `${s.baselineUrl}/echo/${territory}`;
  return inPool(texts, concurrency, (text) => postJson(url, text));
}

/** Medians of one case at one concurrency. */
interface Measured {
  totalMs: number;
  p50: number;
  p95: number;
}

/** Runs every case at every concurrency, interleaved run by run; prints the table; returns toile's rate per concurrency. */
export async function benchDeclarations(s: Scenario, doc: ToileDocument, options: ThroughputOptions): Promise<Map<number, number>> {
  const cases: CaseName[] = ['baseline', 'toile', 'insert'];
  // Warm-up: connections, JIT, the territory's cache.
  for (const name of cases) await batch(s, doc, name, 50, 10, `warm-${name}`);
  const results = new Map<string, Measured>();
  for (const concurrency of options.concurrency) {
    const runs: Record<CaseName, Batch[]> = { baseline: [], toile: [], insert: [] };
    for (let run = 0; run < options.runs; run++)
      for (const name of cases) runs[name].push(await batch(s, doc, name, options.n, concurrency, `${name}-c${concurrency}-r${run}`));
    for (const name of cases) {
      const all = runs[name];
      results.set(`${name}/${concurrency}`, {
        totalMs: median(all.map((b) => b.totalMs)),
        p50: median(all.map((b) => median(b.latencies))),
        p95: median(all.map((b) => p95(b.latencies))),
      });
    }
  }
  console.log(`\n### Declarations accepted per second — ${int(options.n)} per batch, median of ${options.runs} batch${options.runs > 1 ? 'es' : ''}`);
  const rows: string[][] = [];
  const rates = new Map<number, number>();
  for (const concurrency of options.concurrency) {
    const base = results.get(`baseline/${concurrency}`) as Measured;
    for (const name of cases) {
      const m = results.get(`${name}/${concurrency}`) as Measured;
      const rate = (options.n / m.totalMs) * 1000;
      if (name === 'toile') rates.set(concurrency, rate);
      const ratio = name === 'baseline' ? 'baseline' : versus(m.totalMs, base.totalMs);
      rows.push([LABELS[name], concurrency === 1 ? 'sequential' : String(concurrency), ms(m.totalMs), int(rate), ms(m.p50), ms(m.p95), ratio]);
    }
  }
  table(['case', 'in flight', 'batch ms', 'declarations/s', 'request p50 ms', 'p95 ms', 'vs baseline'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'l']);
  return rates;
}
