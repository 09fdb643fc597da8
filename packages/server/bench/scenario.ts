/**
 * One benchmark scenario: a Toile server on a fresh database (PGlite in a temp folder, or a new
 * database on a throwaway PostgreSQL cluster) serving copies of one territory, listening on
 * 127.0.0.1, beside a baseline server on the same stack (h3 on node:http, same database).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { H3, toNodeHandler } from 'h3';
import pg from 'pg';
import type { BodyOf } from '@toile/sdk';
import { createToileServer, type ListeningServer, type ToileServer } from '../src/server.ts';
import type { ToileDocument } from '../src/types.ts';

export const AGENCY = 'agence-bench';

/** Where a scenario stores its territories. */
export type Engine = { kind: 'pglite' } | { kind: 'postgres'; adminUrl: string };

/** A running scenario. */
export interface Scenario {
  server: ToileServer;
  listening: ListeningServer;
  /** Root URL of the baseline server (`POST /echo/{territoryId}`). */
  baselineUrl: string;
  /**
   * The territory ids served, two copies of the same document: the throughput batches go to the
   * first, whose queue is then emptied ({@link clearQueue}) for the sequential moderation; the
   * concurrent moderation has the second.
   */
  ids: Record<'throughput' | 'sequential' | 'concurrent', string>;
  /** How long the start (database, migrations, import of the copies) took, in ms. */
  startMs: number;
  close(): Promise<void>;
}

/** A `database` option naming a new, empty database on the engine. */
async function freshDatabase(engine: Engine): Promise<{ target: string; dir?: string }> {
  if (engine.kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'toile-bench-db-'));
    return { target: join(dir, 'pglite'), dir };
  }
  const name = `toile_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: engine.adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(engine.adminUrl);
  url.pathname = `/${name}`;
  return { target: url.toString() };
}

/**
 * The baseline: the same HTTP stack (h3 v2 through node:http's `toNodeHandler`) and the same
 * INSERT into the same `declarations` table of the same database, and nothing else — no OpenAPI
 * check, no SDK validation, no rate limit, no territory lookup.
 */
async function listenBaseline(server: ToileServer): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new H3();
  app.post('/echo/:territory', async (event) => {
    const body: unknown = await event.req.json();
    const id = `decl-${randomBytes(6).toString('hex')}`;
    await server.store.db.query('INSERT INTO declarations (id, territory_id, invitation_id, body) VALUES ($1, $2, $3, $4::json)', [
      id,
      event.context.params?.territory ?? '',
      null,
      JSON.stringify(body),
    ]);
    return { id, status: 'pending', records: 3 };
  });
  const http = createServer(toNodeHandler(app));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        http.closeAllConnections();
      }),
  };
}

/**
 * Runs `start` with ajv's "unknown format … ignored" warnings (the OpenAPI checks compiled at start,
 * once per format and schema path) counted instead of printed, so that the tables stay readable.
 */
async function quietly<T>(start: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  let silenced = 0;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('unknown format')) silenced++;
    else warn(...args);
  };
  try {
    return await start();
  } finally {
    console.warn = warn;
    if (silenced) console.log(`(${silenced} ajv "unknown format" warnings of the server's OpenAPI checks not shown)`);
  }
}

/** Marks every declaration of `territory` decided, without touching the territory (the next queue starts empty). */
export async function clearQueue(s: Scenario, territory: string): Promise<void> {
  await s.server.store.db.query("UPDATE declarations SET status = 'decided' WHERE territory_id = $1", [territory]);
}

/** Starts a server on a fresh database of `engine`, serving two copies of `doc`. */
export async function startScenario(engine: Engine, doc: ToileDocument): Promise<Scenario> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'toile-bench-data-'));
  const base = doc.territory.id;
  const ids = { throughput: `${base}-sequence`, sequential: `${base}-sequence`, concurrent: `${base}-concurrence` };
  for (const id of new Set(Object.values(ids)))
    writeFileSync(join(dataDir, `${id}.toile.json`), JSON.stringify({ ...doc, territory: { ...doc.territory, id } }));
  const db = await freshDatabase(engine);
  const server = await quietly(() =>
    createToileServer({
      dataDir,
      database: db.target,
      token: AGENCY,
      log: (message, details) => console.error(`[bench server] ${message}`, details ?? ''),
      declarationLimits: { perAddressPerHour: 1e9, perHour: 1e9 },
    }),
  );
  const listening = await server.listen(0);
  const baseline = await listenBaseline(server);
  return {
    server,
    listening,
    baselineUrl: baseline.url,
    ids,
    startMs: performance.now() - started,
    async close() {
      await baseline.close();
      await listening.close();
      await server.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
      if (db.dir) rmSync(db.dir, { recursive: true, force: true });
    },
  };
}

export type DeclarationBody = BodyOf<'submitDeclaration'>;

/**
 * Declaration `i` of a batch `tag`: a new establishment, its by-product flow to an establishment of
 * the territory, and its offer — three records, each with its own id.
 */
export function declaration(doc: ToileDocument, tag: string, i: number): DeclarationBody {
  const to = doc.establishments[(i * 7) % doc.establishments.length]?.id ?? 'none';
  const id = `bench-${tag}-${i}`;
  return {
    establishment: { id: `${id}-e`, name: `Entreprise ${tag} ${i}`, naf: '25.62A', location: { lat: 49.42, lon: 0.22 } },
    flows: [{ id: `${id}-f`, from: `${id}-e`, to, kind: 'byproduct', item: { code: 'ewc:100202', family: 'mineral-waste' }, confidentiality: 'public' }],
    resources: [{ id: `${id}-r`, establishment: `${id}-e`, direction: 'offer', kind: 'byproduct', item: { label: 'Copeaux d’acier', code: 'ewc:120101' } }],
    note: 'Déclaration du banc d’essai',
  };
}

/** POSTs a JSON text to `url`; throws unless the answer is 200. */
export async function postJson(url: string, text: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`POST ${url}: ${response.status} ${body.slice(0, 300)}`);
}
