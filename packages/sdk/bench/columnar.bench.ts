/**
 * Issue #16 benchmark: a Parquet package to the graph index, in columnar form against the document
 * form (the baseline, measured in the same run). 100k establishments / 500k flows in this process;
 * 1M / 5M in child processes (one per path, so each peak RSS is that path's own) unless
 * `TOILE_BENCH_SKIP_1M=1`. The 1M package is generated once and kept in the system's temporary
 * folder (or taken from `TOILE_BENCH_PARQUET_1M`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARQUET_METADATA_FILE } from '@toile/schema';
import { generateTerritory } from '@toile/testkit/node';
import { buildIndex, buildIndexFromColumns } from '../src/index.ts';
import { writeParquetPackage } from '../src/node.ts';
import { importParquetColumns, importParquetPackage, type ParquetPackageFiles } from '../src/parquet.ts';
import { runGroup } from './harness.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const peak = () => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;

function filesOf(dir: string): ParquetPackageFiles {
  const bytes = (name: string) => {
    const b = readFileSync(join(dir, name));
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  };
  return { establishments: bytes('establishments.parquet'), flows: bytes('flows.parquet'), metadata: readFileSync(join(dir, PARQUET_METADATA_FILE), 'utf8') };
}

async function inProcess(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'toile-bench-columnar-'));
  await writeParquetPackage(dir, generateTerritory({ establishments: 100_000, flowsPerEstablishment: 5, seed: 42 }));
  const files = filesOf(dir);
  const document = async () => buildIndex((await importParquetPackage(files)).data!);
  const columns = async (validate: boolean) => buildIndexFromColumns((await importParquetColumns(files, { validate })).data);
  await runGroup({
    title: 'Parquet package → graph index',
    size: '100,000 establishments / 500,000 flows',
    records: 600_000,
    iterations: 3,
    cases: [
      { name: 'baseline: Parquet → validated document → buildIndex', fn: document, baseline: true },
      { name: 'toile: Parquet → columns → buildIndexFromColumns (types checked, records not validated)', fn: () => columns(false) },
      { name: 'toile: Parquet → validated columns → buildIndexFromColumns', fn: () => columns(true) },
    ],
  });
  console.log(`(peak RSS of the bench process so far: ${peak()})`);
}

/** The 1M / 5M package, generated once and kept. */
async function nationalPackage(): Promise<string> {
  const dir = process.env.TOILE_BENCH_PARQUET_1M ?? join(tmpdir(), 'toile-bench-parquet-1m');
  if (existsSync(join(dir, PARQUET_METADATA_FILE))) return dir;
  console.log(`(generating the 1M / 5M package into ${dir}, once: a few minutes)`);
  await writeParquetPackage(dir, generateTerritory({ establishments: 1_000_000, flowsPerEstablishment: 5, seed: 42 }));
  return dir;
}

function child(dir: string, mode: string): string {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'columnar-child.ts'), dir, mode], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=12000' },
      timeout: 15 * 60_000,
    });
    return out.trim().split('\n').at(-1) ?? '';
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** Runs the columnar bench group (100k in process; 1M / 5M in child processes unless TOILE_BENCH_SKIP_1M=1). */
export async function run(): Promise<void> {
  console.log('\n# Columnar form: Parquet → index, and the CLI analyses at national size (issue #16)');
  await inProcess();
  if (process.env.TOILE_BENCH_SKIP_1M) return;
  const dir = await nationalPackage();
  console.log('\n## Parquet → index, 1,000,000 establishments / 5,000,000 flows (one child process each; ms and peak RSS; target ≤ 6,000 ms and ≤ 3 GB)');
  console.log(
    '(index: only the 10 columns the index reads, INDEX_COLUMNS; pagerank: the same, then PageRank over the active flows, twice; columns: all 35, types checked; validated: all, validateColumns; analyses: validated then stats, gaps, domino, publish; document: the object form)',
  );
  console.log('| path | result |');
  console.log('| --- | --- |');
  for (const mode of ['index', 'pagerank', 'columns', 'validated', 'analyses', 'document']) console.log(`| ${mode} | ${child(dir, mode)} |`);
}
