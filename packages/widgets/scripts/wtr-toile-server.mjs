// The real Toile API server (@toile/server, on PGlite) for the widgets' browser tests: a test asks for
// one with the `startToileServer` command (`executeServerCommand('startToileServer', { name })` from
// @web/test-runner-commands) and gets back where it answers: `api`, `/toile-api/<name>` on the test
// page's own origin (this plugin forwards those requests to the server on 127.0.0.1, as a site's
// reverse proxy would), and `url`, the server itself — another origin, for tests of CORS (the server
// allows the origins given as `corsOrigins`). Servers start on first request for them (PGlite and the
// sample territory's import take a few seconds on two cores) and share one database, but each name
// has its own copy of the sample territory (`territory`: `estuaire-vire-marine` for `default`,
// `estuaire-vire-marine-<name>` otherwise) — its own declarations, invitations, history — and its own
// server, so its own in-memory rate limits (`declarationLimits`). Everything stops with the test run.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SAMPLE = fileURLToPath(new URL('../../../examples/data/port-estuaire.toile.json', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../../../tsconfig.base.json', import.meta.url));
const TERRITORY = 'estuaire-vire-marine';
/** The agency's bearer token of the test servers (tests create invitations with it). */
export const AGENCY_TOKEN = 'wtr-agency-token';

/** Hop-by-hop and length headers, never forwarded as they are. */
const SKIPPED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding', 'keep-alive', 'accept-encoding']);

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function toileServerPlugin() {
  /** name → Promise<{ url, close }> */
  const servers = new Map();
  let shared;

  async function database() {
    shared ??= (async () => {
      const { tsImport } = await import('tsx/esm/api');
      const mod = await tsImport('@toile/server', { parentURL: import.meta.url, tsconfig: TSCONFIG });
      const dir = mkdtempSync(join(tmpdir(), 'toile-wtr-'));
      const db = await mod.openPglite(join(dir, 'db'));
      return { mod, dir, db };
    })();
    return shared;
  }

  /** A server for `name`, over its own copy of the sample territory. */
  async function start(name, options) {
    const { mod, dir, db } = await database();
    const territory = name === 'default' ? TERRITORY : `${TERRITORY}-${name}`;
    const data = join(dir, `data-${name}`);
    mkdirSync(data);
    const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    sample.territory.id = territory;
    writeFileSync(join(data, 'port-estuaire.toile.json'), JSON.stringify(sample));
    const quiet = () => {};
    const server = await mod.createToileServer({ dataDir: data, database: db, token: AGENCY_TOKEN, log: quiet, ...options });
    const listening = await server.listen(0);
    return { url: listening.url, territory, close: () => listening.close() };
  }

  async function proxy(ctx, next) {
    const match = /^\/toile-api\/([a-z0-9-]+)(\/.*)?$/.exec(ctx.path);
    if (!match) return next();
    const server = servers.get(match[1]);
    if (!server) {
      ctx.status = 503;
      ctx.body = `no Toile server "${match[1]}": call the startToileServer command first`;
      return undefined;
    }
    const { url } = await server;
    const headers = {};
    for (const [k, v] of Object.entries(ctx.request.headers)) if (!SKIPPED.has(k) && typeof v === 'string') headers[k] = v;
    const body = ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : await readBody(ctx.req);
    const answer = await fetch(`${url}${match[2] ?? '/'}${ctx.querystring ? `?${ctx.querystring}` : ''}`, {
      method: ctx.method,
      headers,
      body,
      redirect: 'manual',
    });
    ctx.status = answer.status;
    answer.headers.forEach((value, key) => {
      if (!SKIPPED.has(key)) ctx.set(key, value);
    });
    ctx.body = Buffer.from(await answer.arrayBuffer());
    return undefined;
  }

  return {
    /** Koa middleware: `/toile-api/<name>/…` to the named server. */
    middleware: proxy,
    plugin: {
      name: 'toile-server',
      async executeCommand({ command, payload }) {
        if (command !== 'startToileServer') return undefined;
        const name = typeof payload?.name === 'string' && /^[a-z0-9-]{1,40}$/.test(payload.name) ? payload.name : 'default';
        const options = {
          ...(Array.isArray(payload?.corsOrigins) ? { corsOrigins: payload.corsOrigins.map(String) } : {}),
          ...(payload?.declarationLimits ? { declarationLimits: payload.declarationLimits } : {}),
        };
        if (!servers.has(name)) servers.set(name, start(name, options));
        // The test runner gives a command 20 s to answer; on two loaded cores a server may take longer
        // to start: answer `pending` after 12 s, and the test asks again (src/base/toile-server.fixture.ts).
        const ready = await Promise.race([servers.get(name), new Promise((resolve) => setTimeout(() => resolve(undefined), 12_000))]);
        if (!ready) return { pending: true };
        return { api: `/toile-api/${name}`, url: ready.url, token: AGENCY_TOKEN, territory: ready.territory };
      },
      serverStart() {
        // Warm up while the browsers start: the server module (compiled by tsx) and PGlite's first start.
        database().catch(() => undefined);
      },
      async serverStop() {
        for (const pending of servers.values()) await (await pending.catch(() => undefined))?.close();
        if (shared) {
          const { db, dir } = await shared;
          await db.close();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    },
  };
}

/**
 * An address geocoder answering as the French national address API (BAN) does — a GeoJSON
 * FeatureCollection — for the declaration form's tests: `/geocoder/search?q=…` (on the test page's
 * origin, as the form must call only what the page configured).
 */
export async function geocoderFixture(ctx, next) {
  if (ctx.path !== '/geocoder/search') return next();
  const q = (ctx.query.q ?? '').toString().toLowerCase();
  const features = q.includes('quai des docks')
    ? [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [0.18812, 49.43917] },
          properties: { label: '47 Quai des Docks 76990 Port-Vire', postcode: '76990', city: 'Port-Vire', citycode: '76991' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [0.2, 49.44] },
          properties: { label: '<img src=x onerror=alert(1)> Quai des Docks', city: 'Ailleurs' },
        },
      ]
    : [];
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ type: 'FeatureCollection', features });
  return undefined;
}
