/**
 * Storage in PostgreSQL (issue #14): territories survive a restart, a folder is imported once,
 * every change is in the audit log, a territory can be read as it stood at a date; no built-in
 * token (read-only without one, issue #12.13). Run on PGlite and on a real PostgreSQL server (the
 * `postgres` project), over real HTTP on 127.0.0.1, and through the real `toile serve` command.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ToileDocument } from '../src/types.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrate, MIGRATIONS, schemaVersion } from '../src/db/migrations.ts';
import { testDatabase } from './database.ts';
import { READ_ONLY_NOTICE, createToileServer, type ListeningServer, type ToileServerOptions } from '../src/server.ts';

const TOKEN = 'storage-test-token';

function territory(id: string, name = `Territoire ${id}`): ToileDocument {
  return {
    toile: '1.0',
    territory: { id, name },
    meta: { title: name, fictional: true },
    establishments: [
      { id: 'a', name: `Usine de ${id}` },
      { id: 'b', name: 'Atelier' },
    ],
    flows: [{ id: 'f1', from: 'a', to: 'b', kind: 'supply' }],
  };
}

const running: ListeningServer[] = [];
afterAll(() => Promise.all(running.map((s) => s.close())));

async function start(dir: string, options: Partial<ToileServerOptions> = {}) {
  const logs: string[] = [];
  const server = await createToileServer({ dataDir: dir, database: await testDatabase(), token: TOKEN, log: (m) => logs.push(m), ...options });
  const listening = await server.listen(0);
  running.push(listening);
  return { url: listening.url, logs, server };
}

/** A PUT as the agency, or with another token (`null`: no Authorization header). */
const put = (url: string, id: string, doc: unknown, token: string | null = TOKEN) =>
  fetch(`${url}/territories/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(doc),
  });
const ids = async (url: string) =>
  ((await (await fetch(`${url}/territories`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { territories: { id: string }[] }).territories
    .map((t) => t.id)
    .sort();
const folder = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const get = async (url: string, id: string, token: string | null = TOKEN) =>
  (await (await fetch(`${url}/territories/${encodeURIComponent(id)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).json()) as ToileDocument;

describe('territories in the database (issue #14)', () => {
  it('migrates a new database once; a second start applies nothing', async () => {
    const db = await openDatabase(await testDatabase());
    try {
      expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(db)).toEqual([]);
      expect(await schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    } finally {
      await db.close();
    }
  });

  it('keeps what was written through the API across a restart, as rows (not a file)', async () => {
    const dir = folder('toile-restart-');
    const database = await testDatabase();
    writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory('estuaire')));
    const first = await start(dir, { database });
    const next = territory('estuaire', 'Estuaire, après l’atelier');
    next.flows.push({ id: 'f2', from: 'b', to: 'a', kind: 'service', confidentiality: 'confidential' });
    expect((await put(first.url, 'estuaire', next)).status).toBe(200);
    expect((await put(first.url, 'vallee', territory('vallee'))).status).toBe(200);
    const rows = await first.server.store.db.query<{ kind: string; n: string }>(
      "SELECT kind, count(*) AS n FROM records WHERE territory_id = 'estuaire' GROUP BY kind ORDER BY kind",
    );
    expect(rows.map((r) => [r.kind, Number(r.n)])).toEqual([
      ['establishment', 2],
      ['flow', 2],
    ]);
    await running.pop()?.close();
    await first.server.shutdown();
    const second = await start(dir, { database });
    expect(await get(second.url, 'estuaire')).toEqual(next);
    expect(await ids(second.url)).toEqual(['estuaire', 'vallee']);
    // The public still never sees the confidential flow.
    expect((await get(second.url, 'estuaire', null)).flows.map((f) => f.id)).toEqual(['f1']);
    expect(second.server.imported).toMatchObject({ imported: [], unchanged: ['estuaire.toile.json'] });
  });

  it('imports a changed file again, replacing the territory, and the history says what it replaced', async () => {
    const dir = folder('toile-import-');
    const database = await testDatabase();
    writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory('estuaire')));
    const first = await start(dir, { database });
    expect(first.server.imported?.imported).toEqual(['estuaire.toile.json']);
    await running.pop()?.close();
    await first.server.shutdown();
    const changed = territory('estuaire', 'Estuaire 2027');
    changed.establishments[1] = { id: 'b', name: 'Atelier agrandi', employees: 40 };
    writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(changed));
    const second = await start(dir, { database });
    expect(second.server.imported?.imported).toEqual(['estuaire.toile.json']);
    expect(second.logs.some((l) => l.includes('changed since it was imported'))).toBe(true);
    expect(await get(second.url, 'estuaire')).toEqual(changed);
    const history = await second.server.store.history('estuaire', { kind: 'establishment', id: 'b' });
    expect(history.map((h) => [h.op, h.actor, h.origin])).toEqual([
      ['update', 'import', 'estuaire.toile.json'],
      ['create', 'import', 'estuaire.toile.json'],
    ]);
    expect(history[0]?.before).toEqual({ id: 'b', name: 'Atelier' });
    expect(history[0]?.after).toEqual({ id: 'b', name: 'Atelier agrandi', employees: 40 });
  });

  it('rebuilds a territory as it stood at a date from the audit log', async () => {
    const dir = folder('toile-at-');
    writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory('estuaire')));
    const { url, server } = await start(dir);
    const before = await get(url, 'estuaire');
    await new Promise((r) => setTimeout(r, 20));
    const instant = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const next = territory('estuaire', 'Plus tard');
    next.establishments.push({ id: 'c', name: 'Nouvelle usine' });
    next.flows = [];
    expect((await put(url, 'estuaire', next)).status).toBe(200);
    expect(await server.store.at('estuaire', instant, 'internal')).toEqual(before);
    expect(await server.store.at('estuaire', new Date().toISOString(), 'internal')).toEqual(next);
    expect(await server.store.at('estuaire', '2000-01-01T00:00:00Z', 'internal')).toBeUndefined();
  });
});

describe('server defaults (issue #12.13)', () => {
  it('without a token, is read-only, says so at start, and refuses writes with problem details in both languages', async () => {
    const dir = folder('toile-ro-');
    writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory('estuaire')));
    const before = readFileSync(join(dir, 'estuaire.toile.json'), 'utf8');
    const { url, logs, server } = await start(dir, { token: undefined });
    expect(server.writable).toBe(false);
    expect(logs).toContain(READ_ONLY_NOTICE);
    const refused = await put(url, 'estuaire', territory('estuaire', 'écrasé'), null);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await refused.json()).detail).toMatch(/lecture seule.*read-only/);
    const declaration = await fetch(`${url}/territories/estuaire/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ establishment: { id: 'x', name: 'X' } }),
    });
    expect(declaration.status).toBe(403);
    expect((await declaration.json()).detail).toMatch(/lecture seule.*read-only/);
    for (const token of ['dev-token', '', 'undefined'])
      expect([401, 403]).toContain((await put(url, 'estuaire', territory('estuaire', 'écrasé'), token)).status);
    expect(readFileSync(join(dir, 'estuaire.toile.json'), 'utf8')).toBe(before);
    // Reads still work.
    expect(await (await fetch(`${url}/territories/estuaire`)).json()).toMatchObject({ territory: { id: 'estuaire' } });
  });

  it('`toile serve` has no built-in token: without TOILE_TOKEN it is read-only and says so', async () => {
    const dir = folder('toile-main-');
    writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory('estuaire')));
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'fr_FR.UTF-8' };
    delete env.TOILE_TOKEN;
    delete env.TOILE_PARTNER_TOKENS;
    const child = spawn(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'packages/sdk/src/cli/bin.ts'), 'serve', dir, '--db', await testDatabase(), '--port', '0'],
      {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /Toile API: (http:\/\/127\.0\.0\.1:\d+)\/territories/.exec(out);
          if (found && out.includes('lecture seule')) resolve(found[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`toile serve exited (${code}): ${out}${err}`)));
      });
      expect(out).toContain('lecture seule');
      expect(err).toContain('read-only: no agency token');
      expect(out).toMatch(/importés : 1, inchangés : 0, ignorés : 0/);
      for (const token of ['dev-token', null]) expect([401, 403]).toContain((await put(url, 'estuaire', territory('estuaire', 'écrasé'), token)).status);
      expect(((await (await fetch(`${url}/territories/estuaire`)).json()) as ToileDocument).meta.title).toBe('Territoire estuaire');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
