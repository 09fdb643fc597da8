/**
 * Task: "what if this site closed?" Close one establishment, run the domino simulation and write
 * the companies put at risk to a CSV file (to open in a spreadsheet or a GIS).
 *
 *   npx tsx examples/sdk/domino-at-risk.ts [FILE] [--close ID] [--model iim|cascade|diim] [--out at-risk.csv]
 *
 * Default: the sample territory, closing its biggest hub (the establishment inside the territory
 * with the most active flows), with the inoperability input–output model (IIM), which grades how
 * much of each company's activity is lost (see packages/sdk/docs/domino.md for the models).
 * Uses: loadToile, analyseStructure, runDomino.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { analyseStructure, loadToile, runDomino, type DominoModel } from '@toile/sdk';

const SAMPLE = fileURLToPath(new URL('../data/port-estuaire.toile.json', import.meta.url));
const MODELS: readonly DominoModel[] = ['iim', 'cascade', 'diim'];
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    close: { type: 'string' },
    model: { type: 'string', default: 'iim' },
    out: { type: 'string', default: 'at-risk.csv' },
  },
});
const model = values.model as DominoModel;
/** Stops with a message (a usage error is not a bug: no stack trace). */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
if (!MODELS.includes(model)) fail(`--model must be one of ${MODELS.join(', ')}`);

const { data } = await loadToile(positionals[0] ?? SAMPLE);
if (!data) fail('not a Toile document');

// The biggest hub: most active flows in and out, among establishments inside the territory.
const hub = () =>
  analyseStructure(data)
    .establishments.filter((e) => !e.external)
    .reduce((best, e) => (e.inDegree + e.outDegree > best.inDegree + best.outDegree ? e : best)).id;
const closed = values.close ?? hub();

const outcome = runDomino(data, { model, shocks: [{ establishment: closed, fraction: 1 }] });
if (outcome.unknownShocks.length > 0) fail(`unknown establishment id: ${outcome.unknownShocks.join(', ')}`);

// Results come most affected first; the closed site itself is the cause, not a company at risk.
const atRisk = outcome.results.filter((r) => r.id !== closed);
const csv = Papa.unparse(
  atRisk.map((r) => ({
    id: r.id,
    name: r.name,
    inoperability: r.inoperability.toFixed(4),
    // One definition for every model: stopped = a cascade failure or q = 1; severe = q ≥ 0.5.
    state: r.state,
    jobs_at_risk: Math.round(r.jobsAtRisk),
    lost_flows: r.lostFlows,
    loss_eur_per_year: r.lossEur === undefined ? '' : Math.round(r.lossEur),
  })),
  { columns: ['id', 'name', 'inoperability', 'state', 'jobs_at_risk', 'lost_flows', 'loss_eur_per_year'] },
);
const out = resolve(values.out);
await writeFile(out, `${csv}\n`);

const name = data.establishments.find((e) => e.id === closed)?.name ?? closed;
const t = outcome.totals;
console.log(`Closing ${name} (${closed}), model ${model}:`);
console.log(
  `  ${atRisk.length} other establishments affected, ${t.establishmentsStopped} stopped, ${t.establishmentsSevere} severely affected (the closed one included)`,
);
console.log(
  `  ${Math.round(t.jobsAtRisk)} jobs at risk, ${t.lostFlows} flows lost, ${Math.round(t.valueAtRiskEur).toLocaleString('en')} €/yr of exchanges at risk`,
);
console.log(`CSV written to ${out}`);
