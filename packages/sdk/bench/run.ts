/**
 * `pnpm bench` for @toile/sdk: runs every benchmark of the package in one process, in order.
 * `pnpm bench load` (or any part of a name) runs only the matching ones.
 */
import { run as runLoad } from './load.bench.ts';
import { run as runInterchange } from './interchange.bench.ts';
import { run as runDomino } from './domino.bench.ts';
import { run as runAnalysis } from './analysis.bench.ts';
import { run as runTrust } from './trust.bench.ts';
import { run as runKinship } from './kinship.bench.ts';
import { run as runParquet } from './parquet.bench.ts';
import { run as runStream } from './stream.bench.ts';
import { run as runColumnar } from './columnar.bench.ts';
import { run as runParquetWrite } from './parquet-write.bench.ts';

const BENCHES: Record<string, () => Promise<void>> = {
  load: runLoad,
  interchange: runInterchange,
  domino: runDomino,
  analysis: runAnalysis,
  trust: runTrust,
  kinship: runKinship,
  parquet: runParquet,
  stream: runStream,
  columnar: runColumnar,
  'json-columns': async () => (await import('./json-columns.bench.ts')).run(),
  'parquet-write': runParquetWrite,
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHES)) {
  if (only.length === 0 || only.some((o) => name.includes(o))) await run();
}
