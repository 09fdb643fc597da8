import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createToileClient, ToileApiError, validateToile, type ToileClientOptions } from '@toile/sdk';
import type { DominoRequest, SynergyMatch, ToileDocument } from '../src/types.ts';
import { testDatabase } from './database.ts';
import { createToileServer, type ListeningServer, type SynergyParams, type ToileServer, type ToileServerOptions } from '../src/server.ts';

const TOKEN = 'test-token';
const HTML = 'Laboratoire <script>alert(1)</script> & <img src=x onerror=alert(2)>';
const JS_URL = 'javascript:alert(document.cookie)';
const CONTROL = 'ligne 1\nligne 2\u0000\u0007\u001b[31m rouge\u202e';

function territory(): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: 'estuaire', name: 'Estuaire (fictif)' },
    meta: { title: 'Toile de l’estuaire (fictive)', updated: '2026-11-01', fictional: true },
    establishments: [
      {
        id: 'acier',
        name: 'Aciérie du Port',
        naf: '24.10Z',
        employees: 800,
        sectors: ['Métallurgie', 'énergie'],
        location: { lat: 49.4, lon: 0.2, city: 'Port-Rivière' },
      },
      { id: 'ciment', name: 'Cimenterie', naf: '23.51Z', employees: 120, location: { city: 'Écluse' }, description: 'Four à clinker, laitier' },
      { id: 'mine', name: 'Mine lointaine', external: true },
      { id: 'labo', name: HTML, naf: '72.19Z', website: JS_URL, description: CONTROL },
      { id: 'site:nord.2', name: 'Site nord', status: 'planned', confidentiality: 'partners' },
    ],
    flows: [
      {
        id: 'f1',
        from: 'acier',
        to: 'ciment',
        kind: 'byproduct',
        item: { code: 'ewc:100202', family: 'mineral-waste' },
        quantity: { value: 200000, unit: 't/yr' },
      },
      { id: 'f2', from: 'mine', to: 'acier', kind: 'supply', confidentiality: 'confidential', valueEur: 987654 },
      { id: 'f3', from: 'labo', to: 'acier', kind: 'knowledge', status: 'potential' },
      { id: 'f4', from: 'acier', to: 'site:nord.2', kind: 'energy', item: { family: 'heat' }, status: 'planned' },
    ],
    resources: [{ id: 'r1', establishment: 'acier', direction: 'offer', kind: 'energy', item: { family: 'heat' } }],
  };
}

/** A fresh data folder with the territory, a file that does not parse, an invalid one and a stray file. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'toile-api-'));
  writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory()));
  writeFileSync(join(dir, 'garbage.toile.json'), '{ not json');
  writeFileSync(join(dir, 'invalid.toile.json'), JSON.stringify({ toile: '1.0', territory: { id: 'x' } }));
  writeFileSync(join(dir, 'notes.txt'), 'not a toile');
  return dir;
}

const synergyCalls: SynergyParams[] = [];
const dominoCalls: DominoRequest[] = [];
const match = (i: number): SynergyMatch => ({ offer: 'r1', need: `n${i}`, from: 'acier', to: 'ciment', score: 1 - i / 100, parts: { item: 1, distance: 0.5 } });

const running: ListeningServer[] = [];
/** Creates a server on its own data folder and a random port; closed after the tests. */
async function start(options: Partial<ToileServerOptions> = {}): Promise<{ server: ToileServer; url: string; dir: string; logs: string[] }> {
  const dir = options.dataDir ?? dataDir();
  const logs: string[] = [];
  const server = await createToileServer({ token: TOKEN, log: (m) => logs.push(m), ...options, dataDir: dir });
  const listening = await server.listen(0);
  running.push(listening);
  return { server, url: listening.url, dir, logs };
}
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

let main: Awaited<ReturnType<typeof start>>;
let bare: Awaited<ReturnType<typeof start>>;
const client = (url: string, options: Partial<ToileClientOptions> = {}) => createToileClient({ baseURL: url, retryDelay: 5, ...options });
const agency = () => client(main.url, { token: TOKEN });
const anonymous = () => client(main.url);
/** The ToileApiError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<ToileApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToileApiError);
  return error as ToileApiError;
}

beforeAll(async () => {
  main = await start({
    analysis: {
      synergies: (doc, params) => {
        synergyCalls.push(params);
        return doc.establishments.map((_, i) => match(i));
      },
      domino: (doc, request) => {
        dominoCalls.push(request);
        return {
          model: request.model,
          results: request.shocks.map((s) => ({ id: s.establishment, inoperability: s.fraction, failed: s.fraction >= 0.5, round: 0 })),
          totals: { establishments: doc.establishments.length },
        };
      },
    },
  });
  bare = await start({ maxBodyBytes: 2000 });
});

describe('the client and the server cover the OpenAPI document', () => {
  const yaml = parseYaml(readFileSync(new URL('../../schema/openapi.yaml', import.meta.url), 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const operationIds = Object.values(yaml.paths)
    .flatMap((item) => Object.values(item).map((op) => op.operationId))
    .filter((id): id is string => typeof id === 'string')
    .sort();

  it('has one client method per operationId, and nothing else', () => {
    expect(operationIds).toHaveLength(18);
    expect(Object.keys(agency()).sort()).toEqual(operationIds);
  });

  it('the server answers every operation (no 404/405 for any route of the document)', async () => {
    const seen = new Set<number>();
    for (const [path, item] of Object.entries(yaml.paths)) {
      for (const method of Object.keys(item).filter((m) => m !== 'parameters')) {
        const url = main.url + path.replace('{territoryId}', 'estuaire').replace('{establishmentId}', 'acier');
        const response = await fetch(url, {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: method === 'get' ? null : '{}',
        });
        seen.add(response.status);
        expect([404, 405]).not.toContain(response.status);
      }
    }
    expect(seen.has(200)).toBe(true);
  });
});

describe('reads', () => {
  it('lists the territories, skipping (and logging) files that do not parse or are invalid', async () => {
    const { territories } = await agency().listTerritories();
    expect(territories).toEqual([
      { id: 'estuaire', name: 'Estuaire (fictif)', title: 'Toile de l’estuaire (fictive)', updated: '2026-11-01', establishments: 5, flows: 4 },
    ]);
    expect(main.logs.some((l) => l.includes('garbage.toile.json'))).toBe(true);
    expect(main.logs.some((l) => l.includes('invalid.toile.json'))).toBe(true);
  });

  it('gets a territory as published for the caller: public without the token, whole with it', async () => {
    const publicDoc = await anonymous().getTerritory('estuaire');
    expect(publicDoc.flows.map((f) => f.id)).toEqual(['f1', 'f3']);
    expect(publicDoc.establishments.map((e) => e.id)).not.toContain('site:nord.2');
    expect(JSON.stringify(publicDoc)).not.toContain('987654');
    expect(validateToile(publicDoc).valid).toBe(true);
    const full = await agency().getTerritory('estuaire');
    expect(full.flows).toHaveLength(4);
    expect(full.establishments).toHaveLength(5);
  });

  it('gives hostile strings back verbatim, as JSON that browsers will not sniff as HTML', async () => {
    const labo = (await agency().getEstablishment('estuaire', 'labo')).establishment;
    expect(labo).toMatchObject({ name: HTML, website: JS_URL, description: CONTROL });
    const raw = await fetch(`${main.url}/territories/estuaire/establishments/labo`);
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await raw.json()).establishment.name).toBe(HTML);
  });

  it('filters establishments: accent- and case-insensitive search in names, cities and descriptions', async () => {
    const ids = async (query: Parameters<ReturnType<typeof agency>['listEstablishments']>[1]) =>
      (await agency().listEstablishments('estuaire', query)).items.map((e) => e.id);
    expect(await ids({ q: 'ECLUSE' })).toEqual(['ciment']);
    expect(await ids({ q: 'clinker' })).toEqual(['ciment']);
    expect(await ids({ q: 'acierie' })).toEqual(['acier']);
    expect(await ids({ q: '<script>' })).toEqual(['labo']);
    expect(await ids({ sector: 'metallurgie' })).toEqual(['acier']);
    expect(await ids({ naf: '24' })).toEqual(['acier']);
    expect(await ids({ naf: '2' })).toEqual(['acier', 'ciment']);
    expect(await ids({ external: true })).toEqual(['mine']);
    expect(await ids({ external: false })).toEqual(['acier', 'ciment', 'labo', 'site:nord.2']);
    expect(await ids({ status: 'planned' })).toEqual(['site:nord.2']);
    expect(await ids({ status: 'active', external: false, naf: '2' })).toEqual(['acier', 'ciment']);
    // No status filter unless asked: planned establishments are listed too.
    expect(await ids({})).toContain('site:nord.2');
  });

  it('pages establishments with limit and offset, total counting every match', async () => {
    const page = await agency().listEstablishments('estuaire', { limit: 2, offset: 1 });
    expect(page.total).toBe(5);
    expect(page.items.map((e) => e.id)).toEqual(['ciment', 'mine']);
    expect(await agency().listEstablishments('estuaire', { offset: 10 })).toEqual({ total: 5, items: [] });
    expect((await agency().listEstablishments('estuaire', { external: false, limit: 1 })).total).toBe(4);
  });

  it('gets one establishment with its flows and resources; ids with : and . are encoded in the path', async () => {
    const detail = await agency().getEstablishment('estuaire', 'acier');
    expect(detail.inflows.map((f) => f.id)).toEqual(['f2', 'f3']);
    expect(detail.outflows.map((f) => f.id)).toEqual(['f1', 'f4']);
    expect(detail.resources.map((r) => r.id)).toEqual(['r1']);
    const site = await agency().getEstablishment('estuaire', 'site:nord.2');
    expect(site.inflows.map((f) => f.id)).toEqual(['f4']);
    // Not public: unknown to anonymous callers.
    expect((await failure(anonymous().getEstablishment('estuaire', 'site:nord.2'))).status).toBe(404);
  });

  it('filters flows by kinds (a comma-separated array), status, ends, code prefix and family; pages them', async () => {
    const ids = async (query: Parameters<ReturnType<typeof agency>['listFlows']>[1]) => (await agency().listFlows('estuaire', query)).items.map((f) => f.id);
    expect(await ids({ kind: ['byproduct', 'knowledge'] })).toEqual(['f1', 'f3']);
    expect(await ids({ kind: ['energy'] })).toEqual(['f4']);
    expect(await ids({ status: 'potential' })).toEqual(['f3']);
    expect(await ids({ status: 'active' })).toEqual(['f1', 'f2']);
    expect(await ids({ establishment: 'acier' })).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(await ids({ from: 'acier' })).toEqual(['f1', 'f4']);
    expect(await ids({ to: 'acier', from: 'mine' })).toEqual(['f2']);
    expect(await ids({ code: 'ewc:10' })).toEqual(['f1']);
    expect(await ids({ family: 'heat' })).toEqual(['f4']);
    expect(await agency().listFlows('estuaire', { limit: 1, offset: 3 })).toMatchObject({ total: 4, items: [{ id: 'f4' }] });
    // Exploded arrays (kind=a&kind=b) are understood too.
    const raw = await (
      await fetch(`${main.url}/territories/estuaire/flows?kind=byproduct&kind=energy`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json();
    expect(raw.items.map((f: { id: string }) => f.id)).toEqual(['f1', 'f4']);
  });
});

describe('errors as problem details', () => {
  it('404 for an unknown territory or establishment, surfacing in ToileApiError', async () => {
    const error = await failure(agency().getEstablishment('estuaire', 'ghost'));
    expect(error).toMatchObject({
      kind: 'http',
      status: 404,
      statusText: 'Not Found',
      operation: 'getEstablishment',
      problem: { title: 'Not Found', status: 404 },
    });
    expect(error.problem?.detail).toContain('ghost');
    expect(error.message).toContain('getEstablishment');
    for (const call of [
      agency().getTerritory('nowhere'),
      agency().listEstablishments('nowhere'),
      agency().listFlows('nowhere'),
      agency().listSynergies('nowhere'),
      agency().runDomino('nowhere', { model: 'cascade', shocks: [{ establishment: 'acier', fraction: 1 }] }),
    ]) {
      expect((await failure(call)).status).toBe(404);
    }
  });

  it('400 for parameters outside the OpenAPI document', async () => {
    const bad = [
      agency().listFlows('estuaire', { limit: 0 }),
      agency().listFlows('estuaire', { limit: 10001 }),
      agency().listFlows('estuaire', { offset: -1 }),
      agency().listFlows('estuaire', { kind: ['teleport' as 'supply'] }),
      agency().listFlows('estuaire', { family: 'kryptonite' as 'glass' }),
      agency().listEstablishments('estuaire', { q: 'x'.repeat(201) }),
      agency().listEstablishments('estuaire', { naf: '24.10ZZ' }),
      agency().listSynergies('estuaire', { top: 0 }),
      agency().listSynergies('estuaire', { radiusKm: 0 }),
      agency().getEstablishment('estuaire', 'bad id'),
      agency().getTerritory('../../etc/passwd'),
    ];
    for (const call of bad) {
      const error = await failure(call);
      expect(error.status).toBe(400);
      expect(error.problem).toMatchObject({ title: 'Bad Request', status: 400 });
    }
    expect((await failure(agency().listFlows('estuaire', { limit: 0 }))).problem?.detail).toContain('limit');
  });

  it('400 for text that is not of the declared type, repeated scalars and undeclared parameters', async () => {
    for (const query of ['limit=abc', 'limit=1.5', 'external=maybe', 'limit=1&limit=2', 'colour=red', '__proto__=x']) {
      const response = await fetch(`${main.url}/territories/estuaire/establishments?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    }
  });

  it('404 for unknown routes and 405 (with Allow) for unknown methods, as problem details', async () => {
    const missing = await fetch(`${main.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const wrong = await fetch(`${main.url}/territories/estuaire`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, PUT');
    expect(await wrong.json()).toMatchObject({ status: 405 });
  });
});

describe('analysis', () => {
  it('serves synergies through the engine, with the parameters checked and defaulted, keeping the top ones', async () => {
    synergyCalls.length = 0;
    const { matches } = await agency().listSynergies('estuaire', { top: 2, family: 'heat', establishment: 'acier' });
    expect(matches.map((m) => m.need)).toEqual(['n0', 'n1']);
    expect(synergyCalls[0]).toEqual({ top: 2, radiusKm: 50, family: 'heat', establishment: 'acier' });
    await agency().listSynergies('estuaire');
    expect(synergyCalls[1]).toEqual({ top: 50, radiusKm: 50 });
  });

  it('runs domino simulations through the engine', async () => {
    const result = await agency().runDomino('estuaire', { model: 'cascade', shocks: [{ establishment: 'acier', fraction: 1 }], threshold: 0.4 });
    expect(result).toEqual({ model: 'cascade', results: [{ id: 'acier', inoperability: 1, failed: true, round: 0 }], totals: { establishments: 5 } });
    expect(dominoCalls.at(-1)).toEqual({ model: 'cascade', shocks: [{ establishment: 'acier', fraction: 1 }], threshold: 0.4 });
  });

  it('refuses a domino request outside DominoRequest, or shocking unknown establishments (400)', async () => {
    const before = dominoCalls.length;
    const bad: unknown[] = [
      { model: 'cascade', shocks: [] },
      { model: 'tsunami', shocks: [{ establishment: 'acier', fraction: 1 }] },
      { model: 'iim', shocks: [{ establishment: 'acier', fraction: 2 }] },
      { model: 'iim', shocks: [{ establishment: 'acier', fraction: 1 }], extra: 1 },
    ];
    for (const body of bad) expect((await failure(agency().runDomino('estuaire', body as DominoRequest))).status).toBe(400);
    const unknown = await failure(agency().runDomino('estuaire', { model: 'iim', shocks: [{ establishment: 'ghost', fraction: 1 }] }));
    expect(unknown).toMatchObject({ status: 400 });
    expect(unknown.problem?.detail).toContain('ghost');
    // The partner-only site is unknown to anonymous callers.
    expect((await failure(anonymous().runDomino('estuaire', { model: 'iim', shocks: [{ establishment: 'site:nord.2', fraction: 1 }] }))).status).toBe(400);
    expect(dominoCalls.length).toBe(before);
  });

  it('answers 501 without engines', async () => {
    const api = client(bare.url, { token: TOKEN });
    expect(await failure(api.listSynergies('estuaire'))).toMatchObject({ status: 501, problem: { status: 501, title: 'Not Implemented' } });
    expect((await failure(api.runDomino('estuaire', { model: 'iim', shocks: [{ establishment: 'acier', fraction: 0.5 }] }))).status).toBe(501);
  });

  it('never sends a response that breaks the OpenAPI document: 500, and a log line', async () => {
    const buggy = await start({
      analysis: {
        synergies: () => [{ offer: 'r1', need: 'f1', from: 'acier', to: 'ciment', score: 7, parts: {} }],
        domino: () => {
          throw new Error('engine exploded');
        },
      },
    });
    const api = client(buggy.url, { token: TOKEN, retry: 0 });
    const error = await failure(api.listSynergies('estuaire'));
    expect(error).toMatchObject({ status: 500, problem: { status: 500 } });
    expect(JSON.stringify(error.body)).not.toContain('"score":7');
    expect(buggy.logs.some((l) => l.includes('listSynergies') && l.includes('score'))).toBe(true);
    expect((await failure(api.runDomino('estuaire', { model: 'iim', shocks: [{ establishment: 'acier', fraction: 1 }] }))).status).toBe(500);
    expect(buggy.logs.some((l) => l.includes('runDomino failed'))).toBe(true);
    expect(JSON.stringify((await failure(api.runDomino('estuaire', { model: 'iim', shocks: [{ establishment: 'acier', fraction: 1 }] }))).body)).not.toContain(
      'exploded',
    );
  });
});

describe('writes', () => {
  it('refuse a PUT without the token, or with a wrong one (401, WWW-Authenticate)', async () => {
    expect(await failure(anonymous().putTerritory('estuaire', territory()))).toMatchObject({
      status: 401,
      kind: 'http',
      operation: 'putTerritory',
      problem: { status: 401 },
    });
    expect((await failure(client(main.url, { token: 'guess' }).putTerritory('estuaire', territory()))).status).toBe(401);
    const raw = await fetch(`${main.url}/territories/estuaire`, {
      method: 'PUT',
      body: JSON.stringify(territory()),
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.headers.get('www-authenticate')).toBe('Bearer realm="toile"');
  });

  it('refuse an invalid document with its validation report (422), storing nothing', async () => {
    const bad = territory();
    bad.flows.push({ id: 'f9', from: 'acier', to: 'ghost', kind: 'supply' });
    const error = await failure(agency().putTerritory('estuaire', bad));
    expect(error.status).toBe(422);
    expect(error.report).toMatchObject({ valid: false, errors: 1 });
    expect(error.report?.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ pointer: '/flows/4/to', code: expect.any(String), message: { fr: expect.any(String), en: expect.any(String) } }),
    ]);
    // The javascript: link of the laboratory is reported too (a warning: it is never shown as a link).
    expect(error.report?.problems.some((p) => p.pointer === '/establishments/3/website' && p.severity === 'warning')).toBe(true);
    expect(error.problem).toBeUndefined();
    expect((await agency().getTerritory('estuaire')).flows).toHaveLength(4);
  });

  it('refuse a document whose territory id differs from the path (422)', async () => {
    const error = await failure(agency().putTerritory('autre', territory()));
    expect(error.status).toBe(422);
    expect(error.report?.problems[0]).toMatchObject({ pointer: '/territory/id', code: 'territory-id-mismatch' });
  });

  it('refuse bodies that are not JSON (400), not declared as JSON (415), or too large (413)', async () => {
    const put = (body: string, type = 'application/json') =>
      fetch(`${bare.url}/territories/estuaire`, { method: 'PUT', body, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': type } });
    const notJson = await put('{ "toile": ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ status: 400 });
    expect((await put(JSON.stringify(territory()), 'text/plain')).status).toBe(415);
    expect((await put('')).status).toBe(400);
    const big = territory();
    big.meta.description = 'x'.repeat(5000);
    const tooLarge = await put(JSON.stringify(big));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('store a valid document in one transaction and serve it at once, to the public too; it is still there after a restart', async () => {
    const next = territory();
    next.establishments.push({ id: 'neo', name: 'Nouvelle usine', status: 'planned' });
    expect(await anonymous().getTerritory('estuaire')).toMatchObject({ establishments: expect.not.arrayContaining([expect.objectContaining({ id: 'neo' })]) });
    const report = await agency().putTerritory('estuaire', next);
    expect(report).toMatchObject({ valid: true, errors: 0 });
    expect((await agency().listTerritories()).territories[0]?.establishments).toBe(6);
    expect((await anonymous().getTerritory('estuaire')).establishments.map((e) => e.id)).toContain('neo');
    // The file is the import source; the database holds the territory: a second server on it serves the write.
    expect(JSON.parse(readFileSync(join(main.dir, 'estuaire.toile.json'), 'utf8')).establishments).toHaveLength(5);
    const again = await createToileServer({ dataDir: main.dir, database: main.server.store.db, token: TOKEN, log: () => undefined });
    expect((await again.store.get('estuaire', 'internal'))?.establishments.map((e) => e.id)).toContain('neo');
  });

  it('create a new territory; concurrent writes of the whole document all land, one after the other', async () => {
    const fresh = territory();
    fresh.territory = { id: 'vallee', name: 'Vallée' };
    await agency().putTerritory('vallee', fresh);
    const versions = [1, 2, 3, 4, 5].map((n) => {
      const doc = structuredClone(fresh);
      doc.meta.title = `Version ${n}`;
      return doc;
    });
    await Promise.all(versions.map((doc) => agency().putTerritory('vallee', doc)));
    const history = await main.server.store.history('vallee', { kind: 'territory' });
    // One creation and five changes of the title, each from the one before.
    expect(history.map((h) => h.op)).toEqual(['update', 'update', 'update', 'update', 'update', 'create']);
    expect(new Set(history.slice(0, 5).map((h) => (h.after as { meta: { title: string } }).meta.title)).size).toBe(5);
    expect((await agency().getTerritory('vallee')).meta.title).toBe((history[0]?.after as { meta: { title: string } }).meta.title);
  });
});

describe('resilience of the client', () => {
  it('retries idempotent calls after 503s, as counted by the server', async () => {
    const flaky = await start({ failFirst: 2 });
    const { territories } = await client(flaky.url, { retry: 2 }).listTerritories();
    expect(territories).toHaveLength(1);
    expect(flaky.server.requests).toBe(3);
  });

  it('retries PUT (idempotent) too', async () => {
    const flaky = await start({ failFirst: 1 });
    expect((await client(flaky.url, { token: TOKEN }).putTerritory('estuaire', territory())).valid).toBe(true);
    expect(flaky.server.requests).toBe(2);
  });

  it('never replays a POST', async () => {
    const flaky = await start({ failFirst: 1 });
    const error = await failure(client(flaky.url, { token: TOKEN }).runDomino('estuaire', { model: 'iim', shocks: [{ establishment: 'acier', fraction: 1 }] }));
    expect(error).toMatchObject({ status: 503, attempts: 1, operation: 'runDomino' });
    expect(flaky.server.requests).toBe(1);
  });

  it('gives up after `retry` retries, with the last problem details', async () => {
    const flaky = await start({ failFirst: 10 });
    const error = await failure(client(flaky.url, { retry: 2 }).getTerritory('estuaire'));
    expect(error).toMatchObject({ status: 503, attempts: 3, problem: { status: 503 } });
    expect(flaky.server.requests).toBe(3);
    await failure(client(flaky.url, { retry: 0 }).getTerritory('estuaire'));
    expect(flaky.server.requests).toBe(4);
  });

  it('does not retry errors that would fail again (404)', async () => {
    const before = main.server.requests;
    await failure(agency().getTerritory('nowhere'));
    expect(main.server.requests - before).toBe(1);
  });

  it('times out per attempt, and retries timeouts of idempotent calls', async () => {
    const slow = await start({ latencyMs: 400 });
    const error = await failure(client(slow.url, { timeout: 50, retry: 1 }).listTerritories());
    expect(error).toMatchObject({ kind: 'timeout', status: 0, attempts: 2 });
    expect(slow.server.requests).toBe(2);
    // A timeout long enough lets the answer through.
    expect((await client(slow.url, { timeout: 5000 }).listTerritories()).territories).toHaveLength(1);
  });

  it('stops at once on abort, before or during the call, and never retries it', async () => {
    const slow = await start({ latencyMs: 400 });
    const api = client(slow.url, { retry: 3 });
    const early = new AbortController();
    early.abort();
    expect(await failure(api.listTerritories({ signal: early.signal }))).toMatchObject({ kind: 'aborted', status: 0, attempts: 1 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    expect(await failure(api.getTerritory('estuaire', { signal: controller.signal }))).toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(Date.now() - started).toBeLessThan(350);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(slow.server.requests).toBeLessThanOrEqual(1);
  });

  it('stops waiting between retries on abort', async () => {
    const flaky = await start({ failFirst: 10 });
    const controller = new AbortController();
    const api = client(flaky.url, { retry: 5, retryDelay: 1000 });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    expect(await failure(api.listTerritories({ signal: controller.signal }))).toMatchObject({ kind: 'aborted' });
    expect(Date.now() - started).toBeLessThan(900);
    expect(flaky.server.requests).toBe(1);
  });

  it('says when nothing listens (network), after retrying', async () => {
    const probe = await createToileServer({ dataDir: dataDir(), token: TOKEN, log: () => undefined });
    const closed = await probe.listen(0);
    await closed.close();
    const error = await failure(client(closed.url, { retry: 1, timeout: 2000 }).listTerritories());
    expect(error).toMatchObject({ kind: 'network', status: 0, attempts: 2, operation: 'listTerritories' });
  });
});

describe('in-process use', () => {
  it('answers a Request without a socket, through the same checks', async () => {
    const ok = await main.server.fetch(
      new Request('http://toile.test/territories/estuaire/flows?kind=byproduct', { headers: { authorization: `Bearer ${TOKEN}` } }),
    );
    expect(ok.status).toBe(200);
    expect((await ok.json()).items.map((f: { id: string }) => f.id)).toEqual(['f1']);
    const bad = await main.server.fetch(new Request('http://toile.test/territories/estuaire/flows?limit=-5'));
    expect(bad.status).toBe(400);
  });
});

describe('the sample data of examples/data', () => {
  it('is served as it is in the files, with confidential records only for the agency', async () => {
    const data = fileURLToPath(new URL('../../../examples/data', import.meta.url));
    const served = await start({ dataDir: data, database: await testDatabase() });
    const { territories } = await client(served.url).listTerritories();
    const files = ['port-estuaire.toile.json', 'mini.toile.json'].map((n) => JSON.parse(readFileSync(join(data, n), 'utf8')) as ToileDocument);
    expect(territories.map((t) => t.id).sort()).toEqual(files.map((d) => d.territory.id).sort());
    const port = files[0]!;
    const full = await client(served.url, { token: TOKEN }).getTerritory(port.territory.id);
    expect(full).toEqual(port);
    const confidential = port.flows.filter((f) => (f.confidentiality ?? 'public') !== 'public').length;
    const publicFlows = await client(served.url).listFlows(port.territory.id, { limit: 10000 });
    expect(publicFlows.total).toBeLessThanOrEqual(port.flows.length - confidential);
    expect((await client(served.url, { token: TOKEN }).listFlows(port.territory.id)).total).toBe(port.flows.length);
    expect(served.logs).toEqual([]);
  });
});
