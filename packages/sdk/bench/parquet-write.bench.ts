/**
 * Issue #16 benchmark: writing a Parquet package from the columnar form, streamed row group by row
 * group (`writeParquetColumns`), against the document path (`writeParquetPackage`: each file built
 * whole in memory from the records), the baseline, measured in the same run. Timing: medians at
 * 100k establishments / 500k flows in this process. Memory: each path in its own child process
 * (100k, 500k and 1M / 5M — the package of `columnar.bench.ts`, or `TOILE_BENCH_PARQUET_1M`):
 * the package is read, then written, and the child prints the RSS before the write, the RSS
 * sampled during it and the process's peak. The document path at 1M / 5M (minutes, ~4 GB) runs only
 * with `TOILE_BENCH_WRITE_DOCUMENT_1M=1`; `TOILE_BENCH_SKIP_1M=1` skips 1M / 5M.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARQUET_METADATA_FILE } from '@toile/schema';
import { generateTerritory } from '@toile/testkit/node';
import { columnsFromDocument } from '../src/index.ts';
import { readParquetColumns, readParquetPackage, writeParquetColumns, writeParquetPackage } from '../src/node.ts';
import { runGroup } from './harness.ts';

const self = fileURLToPath(import.meta.url);
const MB = 1048576;
const generate = (n: number) =>
  generateTerritory({ establishments: n, flowsPerEstablishment: 5, resourcesPerEstablishment: 1, capabilitiesPerEstablishment: true, seed: 42 });

/** In a child process: reads the package `dir` in one form, writes it back, prints one JSON line of figures. */
async function child(mode: string, dir: string): Promise<void> {
  let t = performance.now();
  const columns = mode === 'columns' ? (await readParquetColumns(dir, { validate: false })).data : undefined;
  const doc = mode === 'document' ? (await readParquetPackage(dir)).data! : undefined;
  const readMs = Math.round(performance.now() - t);
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let sampled = before;
  // Between row groups the writer awaits the file: the event loop runs and the sampler sees each group's peak.
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 5);
  const out = mkdtempSync(join(tmpdir(), 'toile-bench-write-'));
  t = performance.now();
  if (columns) await writeParquetColumns(out, columns);
  else await writeParquetPackage(out, doc!);
  const writeMs = Math.round(performance.now() - t);
  clearInterval(sampler);
  sampled = Math.max(sampled, process.memoryUsage().rss);
  rmSync(out, { recursive: true, force: true });
  const figures = {
    mode,
    readMs,
    writeMs,
    rssBeforeWriteMB: Math.round(before / MB),
    rssSampledDuringWriteMB: Math.round(sampled / MB),
    peakRssMB: Math.round((process.resourceUsage().maxRSS * 1024) / MB),
  };
  console.log(JSON.stringify(figures));
}

function inChild(mode: string, dir: string): string {
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, 'child', mode, dir], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=12000' },
      timeout: 20 * 60_000,
    });
    return out.trim().split('\n').at(-1) ?? '';
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** Time at 100k / 500k in this process, both paths on the same records; gives back the package written. */
async function inProcess(): Promise<string> {
  const doc = generate(100_000);
  const columns = columnsFromDocument(doc);
  const dir = mkdtempSync(join(tmpdir(), 'toile-bench-parquet-write-'));
  await runGroup({
    title: 'Parquet package written to disk',
    size: `100,000 establishments / ${doc.flows.length.toLocaleString('en')} flows, ${(doc.resources ?? []).length.toLocaleString('en')} resources`,
    records: doc.establishments.length + doc.flows.length + (doc.resources ?? []).length,
    iterations: 3,
    cases: [
      {
        name: 'baseline: writeParquetPackage (document, each file whole in memory)',
        fn: () => writeParquetPackage(join(dir, 'document'), doc),
        baseline: true,
      },
      { name: 'toile: writeParquetColumns (columns, row group by row group)', fn: () => writeParquetColumns(join(dir, 'columns'), columns) },
    ],
  });
  console.log(`(peak RSS of the bench process so far: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`);
  return join(dir, 'columns');
}

/** Runs the Parquet-writing bench group (100k in process; 100k, 500k and 1M / 5M in child processes). */
export async function run(): Promise<void> {
  console.log('\n# Parquet package written from columns, streamed (issue #16)');
  const small = await inProcess();
  const medium = mkdtempSync(join(tmpdir(), 'toile-bench-parquet-write-500k-'));
  await writeParquetColumns(medium, columnsFromDocument(generate(500_000)));
  const national = process.env.TOILE_BENCH_PARQUET_1M ?? join(tmpdir(), 'toile-bench-parquet-1m');
  const runs: [string, string, string][] = [
    ['100k / 500k', small, 'document'],
    ['100k / 500k', small, 'columns'],
    ['500k / 2.5M', medium, 'document'],
    ['500k / 2.5M', medium, 'columns'],
  ];
  if (!process.env.TOILE_BENCH_SKIP_1M && existsSync(join(national, PARQUET_METADATA_FILE))) {
    if (process.env.TOILE_BENCH_WRITE_DOCUMENT_1M) runs.push(['1M / 5M', national, 'document']);
    runs.push(['1M / 5M', national, 'columns']);
  } else console.log(`(no 1M / 5M package in ${national}: run the columnar bench once, or set TOILE_BENCH_PARQUET_1M)`);
  console.log('\n## Read, then write back, one child process each (ms; RSS before the write, sampled during it, peak of the process)');
  console.log('| size | path | result |');
  console.log('| --- | --- | --- |');
  for (const [size, dir, mode] of runs) console.log(`| ${size} | ${mode} | ${inChild(mode, dir)} |`);
  rmSync(medium, { recursive: true, force: true });
  rmSync(join(small, '..'), { recursive: true, force: true });
}

if (process.argv[1] === self && process.argv[2] === 'child') await child(process.argv[3]!, process.argv[4]!);
