/**
 * Issue #16 benchmark: a JSON file to the graph index, read as a stream into columns
 * (`readJsonColumns`) against the document path (`readToileText` + `buildIndex`, the baseline,
 * measured in the same run). 100k establishments / 500k flows in this process; 1M / 5M (a ≈ 0.7 GB
 * file, more than one string can hold) in child processes, one per path so each peak RSS is that
 * path's own, unless `TOILE_BENCH_SKIP_1M=1`. The 1M file is written once and kept in the system's
 * temporary folder (or taken from `TOILE_BENCH_JSON_1M`).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTerritory } from '@toile/testkit/node';
import { buildIndex, buildIndexFromColumns, jsonChunks, readToileText } from '../src/index.ts';
import { readJsonColumns } from '../src/node.ts';
import { runGroup } from './harness.ts';
import { baseline as naiveBaseline } from './load.bench.ts';

const here = fileURLToPath(import.meta.url);
const peak = () => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;
const CHILD = 'TOILE_BENCH_JSON_COLUMNS_CHILD';

/** Writes a generated territory as JSON text, chunk by chunk (never one string). */
async function writeTerritoryJson(file: string, establishments: number): Promise<void> {
  const out = createWriteStream(file);
  for (const chunk of jsonChunks(generateTerritory({ establishments, flowsPerEstablishment: 5, seed: 42 }))) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

const documentPath = (file: string) => buildIndex(readToileText(readFileSync(file, 'utf8')).data!);
const columnsPath = async (file: string, validate: boolean, threads = false) =>
  buildIndexFromColumns((await readJsonColumns(file, { validate, threads })).data!);

async function inProcess(): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'toile-bench-json-columns-')), 'territory.json');
  await writeTerritoryJson(file, 100_000);
  await runGroup({
    title: 'JSON file → graph index',
    size: `100,000 establishments / 500,000 flows, ${Math.round(statSync(file).size / 1048576)} MB`,
    records: 600_000,
    iterations: 2,
    targetMs: 1000,
    cases: [
      { name: 'baseline: readToileText (one string) → validated document → buildIndex', fn: () => documentPath(file), baseline: true },
      { name: 'naive (issue #2): readFileSync + JSON.parse + ajv (runtime, allErrors) + Map index', fn: () => naiveBaseline(readFileSync(file, 'utf8')) },
      { name: 'floor: readFileSync + JSON.parse alone (no check, no index)', fn: () => JSON.parse(readFileSync(file, 'utf8')) as unknown },
      { name: 'toile: readJsonColumns (stream) → columns, records not validated → buildIndexFromColumns', fn: () => columnsPath(file, false) },
      { name: 'toile: readJsonColumns (stream) → validated columns → buildIndexFromColumns', fn: () => columnsPath(file, true) },
      {
        name: 'toile, two threads (`threads: true`, the second kept warm): readJsonColumns → validated columns → buildIndexFromColumns',
        fn: () => columnsPath(file, true, true),
      },
    ],
  });
  console.log(`(peak RSS of the bench process so far: ${peak()})`);
}

/** The 1M / 5M file, written once and kept. */
async function nationalFile(): Promise<string> {
  const file = process.env.TOILE_BENCH_JSON_1M ?? join(tmpdir(), 'toile-bench-json-1m.json');
  if (existsSync(file)) return file;
  console.log(`(writing the 1M / 5M JSON file to ${file}, once: a few minutes)`);
  await writeTerritoryJson(`${file}.part`, 1_000_000);
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.part`, file);
  return file;
}

/** One path in this process, as a child: one JSON line with the times and the peak RSS. */
async function childRun(mode: string, file: string): Promise<void> {
  const ms = (t: number) => Math.round(performance.now() - t);
  const times: Record<string, number | string> = {};
  const t0 = performance.now();
  try {
    if (mode === 'document') {
      const read = readToileText(readFileSync(file, 'utf8'));
      times.read = ms(t0);
      const t1 = performance.now();
      buildIndex(read.data!);
      times.index = ms(t1);
    } else {
      const read = await readJsonColumns(file, { validate: mode === 'validated' });
      times.read = ms(t0);
      const t1 = performance.now();
      buildIndexFromColumns(read.data!);
      times.index = ms(t1);
      times.problems = read.errors + read.warnings;
    }
  } catch (error) {
    times.failed = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
  times.total = ms(t0);
  console.log(JSON.stringify({ mode, ...times, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

function child(file: string, mode: string): string {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', here], {
      encoding: 'utf8',
      env: { ...process.env, [CHILD]: `${mode}:${file}`, NODE_OPTIONS: '--max-old-space-size=12000' },
      timeout: 15 * 60_000,
    });
    return out.trim().split('\n').at(-1) ?? '';
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** Runs the JSON → columns group (100k in process; 1M / 5M in child processes unless TOILE_BENCH_SKIP_1M=1). */
export async function run(): Promise<void> {
  console.log('\n# Streaming JSON → columns → index (issue #16)');
  await inProcess();
  if (process.env.TOILE_BENCH_SKIP_1M) return;
  const file = await nationalFile();
  console.log(
    `\n## JSON file → index, 1,000,000 establishments / 5,000,000 flows, ${Math.round(statSync(file).size / 1048576)} MB (one child process each; ms and peak RSS)`,
  );
  console.log('| path | result |');
  console.log('| --- | --- |');
  for (const mode of ['columns', 'validated', 'document']) console.log(`| ${mode} | ${child(file, mode)} |`);
}

const asked = process.env[CHILD];
if (asked) {
  const at = asked.indexOf(':');
  await childRun(asked.slice(0, at), asked.slice(at + 1));
}
