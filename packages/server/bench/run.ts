/**
 * `pnpm bench` for @toile/server (issue #14): declarations accepted per second and the time to
 * moderate a queue of declarations, over real HTTP on 127.0.0.1, on the embedded PostgreSQL
 * (PGlite, in a temp folder) and on a throwaway PostgreSQL server when one is installed (started
 * as the `postgres` test project starts it: @toile/testkit's postgres.ts), on the sample territory
 * (examples/data/port-estuaire.toile.json, 103 establishments) and on a generated one (~5k).
 *
 * The client and the server share this one Node process (and the machine's cores): the numbers are
 * what one small host does, not a load test. No timed assertion: the tables are for reading.
 *
 * Default sizes keep the run near three minutes on two cores: batches of 500 declarations (3 on the
 * sample, 1 on the large territory), 1,000 declarations moderated per mode on the sample but 20 on
 * the large one, where a decision costs ~250 ms (1,000 would take minutes per mode). `--full` runs
 * 1,000 everywhere; `--quick` much less; `--n`, `--runs`, `--moderate`, `--moderate-large` and
 * `--large` (establishments of the generated territory) set each size. `pnpm bench pglite` or
 * `pnpm bench postgres` runs one engine.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateTerritory } from '@toile/testkit';
import type { ToileDocument } from '../src/types.ts';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from '@toile/testkit/postgres';
import { benchDeclarations } from './declarations.ts';
import { int, ms, peakRssMb, table } from './harness.ts';
import { benchModeration, type ModerationResult } from './moderation.ts';
import { startScenario, type Engine } from './scenario.ts';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    n: { type: 'string' },
    runs: { type: 'string' },
    moderate: { type: 'string' },
    'moderate-large': { type: 'string' },
    large: { type: 'string' },
  },
  allowPositionals: true,
});
const [quick, full] = [values.quick === true, values.full === true];
const SIZES = {
  declarations: Number(values.n ?? (full ? 1000 : quick ? 200 : 500)),
  runs: Number(values.runs ?? (quick ? 1 : 3)),
  moderate: Number(values.moderate ?? (quick ? 100 : 1000)),
  moderateLarge: Number(values['moderate-large'] ?? (full ? 1000 : quick ? 10 : 20)),
  large: Number(values.large ?? 5000),
};

interface Territory {
  label: string;
  doc: ToileDocument;
  /** Declarations moderated per mode on this territory. */
  moderate: number;
  /** Timed batches of declarations per case. */
  runs: number;
  partRuns: number;
}

function territories(): Territory[] {
  const sample = JSON.parse(readFileSync(new URL('../../../examples/data/port-estuaire.toile.json', import.meta.url), 'utf8')) as ToileDocument;
  const large = generateTerritory({ establishments: SIZES.large, flowsPerEstablishment: 4, seed: 42 }) as ToileDocument;
  const describe = (doc: ToileDocument) =>
    `${int(doc.establishments.length)} establishments / ${int(doc.flows.length)} flows / ${int(doc.resources?.length ?? 0)} resources`;
  return [
    { label: `sample port-estuaire (${describe(sample)})`, doc: sample, moderate: SIZES.moderate, runs: SIZES.runs, partRuns: 20 },
    { label: `generated (${describe(large)})`, doc: large, moderate: SIZES.moderateLarge, runs: full ? SIZES.runs : 1, partRuns: 5 },
  ];
}

interface Summary {
  engine: string;
  territory: Territory;
  rates: Map<number, number>;
  moderation: ModerationResult;
  startMs: number;
}

/** Both benchmarks on one engine and territory. */
async function scenario(engineLabel: string, engine: Engine, territory: Territory): Promise<Summary> {
  console.log(`\n## ${engineLabel} — ${territory.label}`);
  const s = await startScenario(engine, territory.doc);
  try {
    console.log(`server started, 2 copies of the territory imported: ${ms(s.startMs)} ms`);
    const rates = await benchDeclarations(s, territory.doc, { n: SIZES.declarations, runs: territory.runs, concurrency: [1, 10, 50] });
    const moderation = await benchModeration(s, territory.doc, { n: territory.moderate, concurrency: 10, partRuns: territory.partRuns });
    console.log(`\npeak RSS so far: ${int(peakRssMb())} MB`);
    return { engine: engineLabel, territory, rates, moderation, startMs: s.startMs };
  } finally {
    await s.close();
  }
}

function printSummary(summaries: readonly Summary[]): void {
  console.log('\n## Summary — how moderation grows with the territory');
  table(
    [
      'engine',
      'establishments',
      'declarations/s (1 / 10 / 50 in flight)',
      'decision p50 ms (sequential)',
      'SDK validation ms (at start)',
      'review ms (at start)',
    ],
    summaries.map((s) => {
      const seq = s.moderation.runs[0];
      return [
        s.engine,
        int(s.territory.doc.establishments.length),
        [1, 10, 50].map((c) => int(s.rates.get(c) ?? Number.NaN)).join(' / '),
        seq ? ms(seq.p50) : '',
        ms(s.moderation.parts.start.validate),
        ms(s.moderation.parts.start.review),
      ];
    }),
    ['l', 'r', 'l', 'r', 'r', 'r'],
  );
  console.log(`\npeak RSS: ${int(peakRssMb())} MB`);
}

async function main(): Promise<void> {
  const engines = positionals.length ? positionals : ['pglite', 'postgres'];
  console.log(`# @toile/server — declarations and moderation (issue #14), Node ${process.version}`);
  console.log(
    `${int(SIZES.declarations)} declarations per batch; ${int(SIZES.moderate)} moderated per mode on the sample, ${int(SIZES.moderateLarge)} on the generated territory; client and server in one process`,
  );
  const summaries: Summary[] = [];
  if (engines.includes('pglite')) for (const t of territories()) summaries.push(await scenario('PGlite', { kind: 'pglite' }, t));
  if (engines.includes('postgres')) {
    if (!findPostgresBin()) {
      console.log('\n## PostgreSQL server — skipped: not installed (apt-get install postgresql, or TOILE_PG_BIN) — non installé, ignoré');
    } else {
      const cluster: PostgresCluster = await startPostgresCluster();
      try {
        for (const t of territories()) summaries.push(await scenario('PostgreSQL', { kind: 'postgres', adminUrl: cluster.url }, t));
      } finally {
        cluster.stop();
      }
    }
  }
  printSummary(summaries);
}

await main();
