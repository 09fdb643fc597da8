/**
 * Issue #3 and #16 benchmarks: CSV package import of 100k establishments / 500k flows (target ≤ 2 s), and
 * merge of two 50k-establishment documents (target ≤ 1 s), on documents and on columns, each against a
 * baseline run in the same process on the same input.
 */
import Papa from 'papaparse';
import type { ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit/node';
import { columnsFromDocument, mergeColumns, mergeToile } from '../src/index.ts';
import { exportCsvPackage, importCsvColumns, importCsvPackage } from '../src/csv.ts';
import { runGroup } from './harness.ts';

/** What a first implementation would write: papaparse with headers and dynamic typing, nothing checked. */
function naiveCsvImport(files: Map<string, string>) {
  const read = (name: string) => Papa.parse<Record<string, unknown>>(files.get(name) ?? '', { header: true, dynamicTyping: true, skipEmptyLines: true }).data;
  return { establishments: read('establishments.csv'), flows: read('flows.csv'), resources: read('resources.csv') };
}

/** What papaparse costs alone, row by row as the importers read (the rows dropped at once). */
function papaRows(files: Map<string, string>): number {
  let cells = 0;
  for (const [name, text] of files) if (name.endsWith('.csv')) Papa.parse<string[]>(text, { header: false, step: (row) => (cells += row.data.length) });
  return cells;
}

/** A naive merge: deep copies, then union by id. */
function naiveMerge(a: ToileDocument, b: ToileDocument) {
  const union = <T extends { id: string }>(x: T[], y: T[]) => {
    const map = new Map<string, T>();
    for (const r of structuredClone(x)) map.set(r.id, r);
    for (const r of structuredClone(y)) if (!map.has(r.id)) map.set(r.id, r);
    return [...map.values()];
  };
  return { establishments: union(a.establishments, b.establishments), flows: union(a.flows, b.flows) };
}

/** A second agency's view: 60 % of the same establishments (same SIRET), some values changed, new ones. */
function secondView(doc: ToileDocument, seed: number): ToileDocument {
  const other = generateTerritory({ establishments: doc.establishments.length, flowsPerEstablishment: 5, seed });
  other.establishments.forEach((e, i) => {
    if (i % 5 < 3) {
      const same = doc.establishments[i]!;
      e.siret = same.siret;
      e.name = same.name;
      if (i % 10 === 0) e.employees = (same.employees ?? 0) + 1;
    }
  });
  return other;
}

/** Peak resident memory of the process so far (it only grows: read it after each group). */
function logPeakRss(): void {
  console.log(`peak RSS so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

/**
 * Each group in a function of its own: the locals of an async function stay alive until it
 * returns, so a 100k-establishment CSV document left over from one group would otherwise be marked
 * by every collection of the next (measured: the merge 0.8 s alone, 1.0 s with it alive).
 */
export async function run(): Promise<void> {
  console.log('\n# Interchange: CSV import and merge (issues #3, #16)');
  const csvSizes = [
    { establishments: 10_000, iterations: 5 },
    { establishments: 100_000, iterations: 3, targetMs: 2000 },
  ];
  for (const size of process.env.TOILE_BENCH_SKIP_CSV ? [] : csvSizes) await csvGroup(size);
  for (const size of [
    { establishments: 5_000, iterations: 10 },
    { establishments: 50_000, iterations: 5, targetMs: 1000 },
  ])
    await mergeGroup(size);
}

interface GroupSize {
  establishments: number;
  iterations: number;
  targetMs?: number;
}

/** A generated territory as CSV files (text and bytes), checked; the document itself is let go. */
function csvInput(establishments: number) {
  const doc = generateTerritory({ establishments, flowsPerEstablishment: 5, seed: 7 });
  const files = exportCsvPackage(doc);
  const bytes = Object.fromEntries([...files].map(([name, text]) => [name.replace('.csv', ''), new TextEncoder().encode(text)]));
  const check = importCsvPackage(bytes);
  if (check.errors > 0) throw new Error(`CSV import bench: ${JSON.stringify(check.problems[0])}`);
  return { files, bytes, flows: doc.flows.length };
}

async function csvGroup(size: GroupSize): Promise<void> {
  // Only the files stay alive while the cases run: a document beside them is work for every
  // collection that is no part of an import.
  const { files, bytes, flows } = csvInput(size.establishments);
  const mb = [...files.values()].reduce((n, t) => n + t.length, 0) / 1048576;
  await runGroup({
    title: 'CSV package import (decode + parse + convert + validate)',
    size: `${size.establishments.toLocaleString('en')} establishments / ${flows.toLocaleString('en')} flows, ${mb.toFixed(1)} MB of CSV`,
    records: size.establishments + flows,
    iterations: size.iterations,
    ...(size.targetMs ? { targetMs: size.targetMs } : {}),
    cases: [
      { name: 'baseline: papaparse header + dynamicTyping (no checks)', fn: () => naiveCsvImport(files), baseline: true },
      { name: 'toile: importCsvPackage (bytes) → validated document', fn: () => importCsvPackage(bytes) },
      { name: 'toile: importCsvColumns (bytes) → validated columns', fn: () => importCsvColumns(bytes) },
      { name: 'floor: papaparse alone, row by row (no conversion, no check)', fn: () => papaRows(files) },
    ],
  });
  logPeakRss();
}

async function mergeGroup(size: GroupSize): Promise<void> {
  const a = generateTerritory({ establishments: size.establishments, flowsPerEstablishment: 5, seed: 11 });
  const b = secondView(a, 12);
  // The columnar inputs, as a Parquet or CSV package reads them.
  const columns = [columnsFromDocument(a), columnsFromDocument(b)];
  await runGroup({
    title: 'merge of two documents',
    size: `2 × ${size.establishments.toLocaleString('en')} establishments / ${(a.flows.length + b.flows.length).toLocaleString('en')} flows`,
    records: a.establishments.length + b.establishments.length + a.flows.length + b.flows.length,
    iterations: size.iterations,
    ...(size.targetMs ? { targetMs: size.targetMs } : {}),
    cases: [
      { name: 'baseline: deep copy + union by id (no matching, no conflicts)', fn: () => naiveMerge(a, b), baseline: true },
      { name: 'toile: mergeToile (SIRET / name matching, conflicts, sources)', fn: () => mergeToile([a, b]) },
      { name: 'toile: mergeColumns (same rules, columns in and out)', fn: () => mergeColumns(columns) },
    ],
  });
  logPeakRss();
}
