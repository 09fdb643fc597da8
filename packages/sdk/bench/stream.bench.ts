/**
 * Issue #16 benchmark: `export` / `publish` written as streams against the old one-string path
 * (the format's text built whole, then `writeFile`), measured in the same run. Timing: medians at
 * 20k establishments / 100k flows. Memory: each format in its own child process at 200k / 1M (or
 * `TOILE_BENCH_STREAM_N`), streamed first — RSS and heap sampled at every chunk, the largest chunk
 * the writer got — then the one-string path (its string length, or the error, and the peak RSS).
 */
import { execFileSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit/node';
import { geoJsonChunks, gexfChunks, graphmlChunks, jgfChunks, jsonChunks, toGeoJson, toGexf, toGraphml, toJgf } from '../src/index.ts';
import { writeChunks } from '../src/node.ts';
import { runGroup } from './harness.ts';

/** Each format: the old one-string text and the streamed chunks (json: what publish and merge write). */
const FORMATS: Record<string, { old: (d: ToileDocument) => string; chunks: (d: ToileDocument) => Iterable<string> }> = {
  json: {
    old: (d) => `${JSON.stringify(d, null, 2)}\n`,
    *chunks(d) {
      yield* jsonChunks(d);
      yield '\n';
    },
  },
  gexf: { old: (d) => toGexf(d), chunks: (d) => gexfChunks(d) },
  graphml: { old: toGraphml, chunks: graphmlChunks },
  geojson: { old: (d) => `${JSON.stringify(toGeoJson(d), null, 2)}\n`, chunks: geoJsonChunks },
  jgf: { old: (d) => `${JSON.stringify(toJgf(d), null, 2)}\n`, chunks: jgfChunks },
};

const MB = 1048576;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const generate = (n: number) => generateTerritory({ establishments: n, flowsPerEstablishment: 5, seed: 42 }) as ToileDocument;

/** In a child process: one format at `n` establishments; prints one JSON line of figures. */
async function child(format: string, n: number): Promise<void> {
  const { old, chunks } = FORMATS[format]!;
  const doc = generate(n);
  const file = join(tmpdir(), `toile-stream-bench-${process.pid}.${format}`);
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let largest = 0;
  function* spied(): Generator<string, void, undefined> {
    for (const chunk of chunks(doc)) {
      largest = Math.max(largest, chunk.length);
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      yield chunk;
    }
  }
  let t = performance.now();
  await writeChunks(file, spied());
  const streamMs = performance.now() - t;
  const bytes = statSync(file).size;
  globalThis.gc?.();
  t = performance.now();
  let oldResult: string;
  try {
    const text = old(doc);
    await writeFile(file, text);
    oldResult = `one string of ${mb(text.length)} chars`;
  } catch (error) {
    oldResult = `fails: ${(error as Error).message}`;
  }
  const oldMs = performance.now() - t;
  rmSync(file, { force: true });
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ format, base, bytes, streamMs, oldMs, peakRss, peakHeap, largest, oldResult, maxRss }));
}

/** Runs the stream benchmarks. */
export async function run(): Promise<void> {
  console.log('\n# Streamed export / publish against the one-string path (issue #16)');
  const small = generate(20_000);
  const file = join(tmpdir(), `toile-stream-bench-${process.pid}`);
  for (const [format, { old, chunks }] of Object.entries(FORMATS)) {
    await runGroup({
      title: `${format}: write to a file`,
      size: `20,000 establishments / ${small.flows.length.toLocaleString('en')} flows`,
      records: small.establishments.length + small.flows.length,
      iterations: 3,
      cases: [
        { name: 'baseline: one string, then writeFile', fn: () => writeFile(file, old(small)), baseline: true },
        { name: 'toile: chunks piped to the file (writeChunks)', fn: () => writeChunks(file, chunks(small)) },
      ],
    });
  }
  rmSync(file, { force: true });
  const n = Number(process.env.TOILE_BENCH_STREAM_N ?? 200_000);
  console.log(`\n## Memory, ${n.toLocaleString('en')} establishments / ${(5 * n).toLocaleString('en')} flows, one child process per format`);
  console.log(
    '| format | output | streamed s | RSS growth while streaming | heap growth | largest chunk | one-string path | its s | peak RSS of the child (doc + both paths) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
  for (const format of Object.keys(FORMATS)) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), format, String(n)],
      {
        encoding: 'utf8',
        maxBuffer: 16 * MB,
      },
    );
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      base: { rss: number; heapUsed: number };
      bytes: number;
      streamMs: number;
      oldMs: number;
      peakRss: number;
      peakHeap: number;
      largest: number;
      oldResult: string;
      maxRss: number;
    };
    console.log(
      `| ${format} | ${mb(r.bytes)} | ${(r.streamMs / 1000).toFixed(1)} | ${mb(r.peakRss - r.base.rss)} (doc: RSS ${mb(r.base.rss)}, heap ${mb(r.base.heapUsed)}) | ${mb(r.peakHeap - r.base.heapUsed)} | ${(r.largest / 1024).toFixed(0)} KiB | ${r.oldResult} | ${(r.oldMs / 1000).toFixed(1)} | ${(r.maxRss / MB / 1024).toFixed(2)} GB |`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) await child(process.argv[2], Number(process.argv[3]));
