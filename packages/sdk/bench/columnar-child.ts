/**
 * One measured load in a fresh process (for `columnar.bench.ts`): reads the Parquet package `DIR`
 * one way, builds the graph index, optionally runs analyses, and prints one JSON line with the
 * times and the process's peak RSS — so each figure is the peak of that path alone.
 */
import {
  buildIndex,
  buildIndexFromColumns,
  analyseStructure,
  findGaps,
  prepareDomino,
  runDomino,
  publishColumns,
  lazyDocument,
  jsonChunks,
  INDEX_COLUMNS,
  edgeMask,
  pageRank,
} from '../src/index.ts';
import { readParquetColumns, readParquetPackage } from '../src/node.ts';

const [dir, mode] = process.argv.slice(2) as [string, string];
const ms = (t: number) => Math.round(performance.now() - t);
const t0 = performance.now();
const times: Record<string, number> = {};
if (mode === 'document') {
  const read = await readParquetPackage(dir);
  times.read = ms(t0);
  const t1 = performance.now();
  buildIndex(read.data!);
  times.index = ms(t1);
} else {
  // `index` and `pagerank`: only the columns the index reads; `columns`: every column, types checked; else validated.
  const projected = mode === 'index' || mode === 'pagerank';
  const read = await readParquetColumns(dir, projected ? { columns: INDEX_COLUMNS } : { validate: mode !== 'columns' });
  times.read = ms(t0);
  let t = performance.now();
  const index = buildIndexFromColumns(read.data);
  times.index = ms(t);
  if (mode === 'pagerank') {
    const mask = edgeMask(index, { statuses: ['active'] });
    for (const run of [1, 2]) {
      t = performance.now();
      pageRank(index, { mask });
      times[`pageRank${run}`] = ms(t);
    }
  }
  if (mode === 'analyses') {
    t = performance.now();
    analyseStructure(read.data, { index, betweenness: false });
    times.stats = ms(t);
    t = performance.now();
    findGaps(read.data, { index });
    times.gaps = ms(t);
    t = performance.now();
    runDomino(prepareDomino(read.data), { model: 'cascade', shocks: [{ establishment: index.ids[0]!, fraction: 1 }] });
    times.domino = ms(t);
    t = performance.now();
    let bytes = 0;
    for (const chunk of jsonChunks(lazyDocument(publishColumns(read.data, { audience: 'public' }).data))) bytes += chunk.length;
    times.publish = ms(t);
    times.publishedMB = Math.round(bytes / 1048576);
  }
}
times.total = ms(t0);
console.log(JSON.stringify({ mode, ...times, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
