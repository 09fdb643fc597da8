/**
 * Task: an agency keeps its toile in a spreadsheet. Import the CSV data package, validate it,
 * keep only what the public may see, and export a GEXF file to open in Gephi.
 *
 *   npx tsx examples/sdk/csv-publish-gexf.ts [CSV-DIR] [--out toile.public.gexf]
 *
 * CSV-DIR holds establishments.csv, flows.csv, resources.csv and optionally datapackage.json
 * (templates: packages/schema/templates). Without it, the script first writes the sample territory
 * as a CSV package into a temporary folder, so it runs out of the box.
 * Uses: readCsvPackage (@toile/sdk/node), exportCsvPackage (@toile/sdk/csv), loadToile,
 * publishToile, toGexf.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadToile, publishToile, toGexf } from '@toile/sdk';
import { exportCsvPackage } from '@toile/sdk/csv';
import { readCsvPackage } from '@toile/sdk/node';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: 'toile.public.gexf' } },
});

/** Writes the sample territory as a CSV package (what a spreadsheet export would give). */
async function sampleCsvPackage(): Promise<string> {
  const sample = await loadToile(fileURLToPath(new URL('../data/port-estuaire.toile.json', import.meta.url)));
  const dir = await mkdtemp(join(tmpdir(), 'toile-csv-'));
  for (const [name, text] of exportCsvPackage(sample.data!)) await writeFile(join(dir, name), text);
  console.log(`No CSV package given: wrote the sample territory to ${dir}`);
  return dir;
}

const dir = positionals[0] ?? (await sampleCsvPackage());

// 1. Import and validate: one report, each problem with a JSON pointer, a code and a French/English message.
const imported = await readCsvPackage(dir);
console.log(`Imported ${dir}: ${imported.errors} error(s), ${imported.warnings} warning(s)`);
for (const p of imported.problems.slice(0, 10)) {
  // CSV problems also say where in the spreadsheet: file, row and column.
  const where = p.location
    ? `${p.location.file}${p.location.row ? ` row ${p.location.row}` : ''}${p.location.column ? ` (${p.location.column})` : ''}`
    : p.pointer;
  console.log(`  ${p.severity} — ${where}: ${p.message.en}`);
}
if (!imported.valid || !imported.data) {
  console.error('The package has errors: fix them in the spreadsheet first.');
  process.exit(1);
}

// 2. Publish for the public: records and fields marked `partners` or `confidential` are withheld.
const { data: published, withheld } = publishToile(imported.data, { audience: 'public' });
console.log(
  `Published for the public: ${published.establishments.length} establishments, ${published.flows.length} flows ` +
    `(withheld: ${withheld.establishments} establishments, ${withheld.flows} flows, ${withheld.resources} resources, ${withheld.fields} fields)`,
);

// 3. Export for Gephi.
const out = resolve(values.out);
await writeFile(out, toGexf(published));
console.log(`GEXF written to ${out}`);
