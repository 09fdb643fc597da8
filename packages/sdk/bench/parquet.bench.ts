/**
 * Issue #16 benchmark: the Parquet package against JSON for the same document — JSON parse +
 * validate (`readToileText`, the baseline, measured in the same run) vs Parquet read → validated
 * document (`importParquetPackage`), the Parquet write, and the file sizes. 100k establishments /
 * 500k flows; 1M / 5M too unless `TOILE_BENCH_SKIP_1M=1`. Peak RSS is the process's high-water
 * mark after each group (it only grows: read it as "at most").
 */
import { PARQUET_METADATA_FILE, type ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit/node';
import { readToileText } from '../src/index.ts';
import { exportParquetPackage, importParquetPackage, type ParquetPackageFiles } from '../src/parquet.ts';
import { jsonChunks } from '../src/io/write-json.ts';
import { runGroup } from './harness.ts';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const peakRss = () => `peak RSS ${((process.resourceUsage().maxRSS * 1024) / 1048576 / 1024).toFixed(2)} GB`;

function packageFiles(files: Map<string, Uint8Array>): ParquetPackageFiles {
  return {
    establishments: files.get('establishments.parquet'),
    flows: files.get('flows.parquet'),
    resources: files.get('resources.parquet'),
    capabilities: files.get('capabilities.parquet'),
    metadata: new TextDecoder().decode(files.get(PARQUET_METADATA_FILE)),
  };
}

async function group(establishments: number, iterations: number): Promise<void> {
  const doc = generateTerritory({ establishments, flowsPerEstablishment: 5, seed: 42 });
  const records = doc.establishments.length + doc.flows.length;
  const chunks = [...jsonChunks(doc, { indent: 0 })];
  const jsonBytes = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  // One string when it fits (V8's longest string is ~512 MiB); beyond, JSON cannot be read at all.
  const text = jsonBytes < 500 * 1048576 ? chunks.join('') : undefined;
  chunks.length = 0;
  const files = exportParquetPackage(doc);
  let parquetBytes = 0;
  const sizes: string[] = [];
  for (const [name, bytes] of files) {
    parquetBytes += bytes.byteLength;
    sizes.push(`${name} ${mb(bytes.byteLength)}`);
  }
  console.log(`\n(JSON ${mb(jsonBytes)}; Parquet ${mb(parquetBytes)}, ${((parquetBytes / jsonBytes) * 100).toFixed(1)} % of JSON: ${sizes.join(', ')})`);
  const input = packageFiles(files);
  const read = async () => {
    const result = await importParquetPackage(input);
    if (!result.valid || !result.data) throw new Error(`parquet: ${JSON.stringify(result.problems[0])}`);
    return result.data;
  };
  const back: ToileDocument = await read();
  if (back.flows.length !== doc.flows.length) throw new Error('parquet: flows lost');
  const cases = [
    ...(text ? [{ name: 'baseline: JSON readToileText (parse + validate)', fn: () => readToileText(text), baseline: true }] : []),
    { name: 'toile: Parquet read → validated document', fn: read },
    { name: 'toile: Parquet write (exportParquetPackage)', fn: () => exportParquetPackage(doc) },
  ];
  await runGroup({
    title: 'Parquet vs JSON',
    size: `${establishments.toLocaleString('en')} establishments / ${doc.flows.length.toLocaleString('en')} flows`,
    records,
    iterations,
    cases,
  });
  console.log(peakRss());
}

/** Runs the Parquet benchmarks (100k / 500k; 1M / 5M unless `TOILE_BENCH_SKIP_1M=1`). */
export async function run(): Promise<void> {
  console.log('\n# Parquet package: read and write against JSON (issue #16)');
  await group(100_000, 5);
  if (process.env.TOILE_BENCH_SKIP_1M) return;
  await group(1_000_000, 1);
}
