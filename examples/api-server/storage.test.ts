/**
 * Issues #12.6 and #12.13: storage keyed by territory id (a PUT never reaches another territory's
 * file), temporary files of interrupted writes removed at start, no built-in token (read-only
 * without one). Real files in a temporary folder, real HTTP on 127.0.0.1, the real entry point.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ToileDocument } from './types.ts';
import { READ_ONLY_NOTICE, createToileServer, type ListeningServer, type ToileServerOptions } from './server.ts';

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
  const server = await createToileServer({ dataDir: dir, token: TOKEN, log: (m) => logs.push(m), ...options });
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
const readDoc = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ToileDocument;

describe('storage keyed by territory id (issue #12.6)', () => {
  it('a new territory named like another territory’s file does not replace it, before or after a restart', async () => {
    // Files are named freely: the sample's port-estuaire.toile.json holds estuaire-vire-marine. On
    // the old code, PUT /territories/port-estuaire wrote port-estuaire.toile.json over it.
    const dir = folder('toile-collide-');
    writeFileSync(join(dir, 'port-estuaire.toile.json'), JSON.stringify(territory('estuaire')));
    const first = await start(dir);
    expect((await put(first.url, 'port-estuaire', territory('port-estuaire'))).status).toBe(200);
    expect(readDoc(dir, 'port-estuaire.toile.json').territory.id).toBe('estuaire');
    expect(await ids(first.url)).toEqual(['estuaire', 'port-estuaire']);
    // Updating each one writes its own file.
    expect((await put(first.url, 'estuaire', territory('estuaire', 'Estuaire, version 2'))).status).toBe(200);
    expect((await put(first.url, 'port-estuaire', territory('port-estuaire', 'Port, version 2'))).status).toBe(200);
    const restarted = await start(dir);
    expect(await ids(restarted.url)).toEqual(['estuaire', 'port-estuaire']);
    expect(restarted.logs).toEqual([]);
    const titles = readdirSync(dir)
      .map((n) => readDoc(dir, n).meta.title)
      .sort();
    expect(titles).toEqual(['Estuaire, version 2', 'Port, version 2']);
  });

  it('never writes over a file that did not load, nor over a name that differs only by case', async () => {
    const dir = folder('toile-collide-');
    writeFileSync(join(dir, 'brouillon.toile.json'), '{ "toile": "1.0", "territory": ');
    writeFileSync(join(dir, 'vallee.toile.json'), JSON.stringify(territory('vallee')));
    const { url } = await start(dir);
    expect((await put(url, 'brouillon', territory('brouillon'))).status).toBe(200);
    expect(readFileSync(join(dir, 'brouillon.toile.json'), 'utf8')).toBe('{ "toile": "1.0", "territory": ');
    expect((await put(url, 'Vallee', territory('Vallee'))).status).toBe(200);
    const names = readdirSync(dir);
    // One file per territory, none equal to another when case is ignored (case-insensitive disks).
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.map((n) => (n === 'brouillon.toile.json' ? 'draft' : readDoc(dir, n).territory.id)).sort()).toEqual([
      'Vallee',
      'brouillon',
      'draft',
      'vallee',
    ]);
    expect(await ids((await start(dir)).url)).toEqual(['Vallee', 'brouillon', 'vallee']);
  });

  it('encodes characters that are not file name characters everywhere (`:`)', async () => {
    const dir = folder('toile-names-');
    const { url, server } = await start(dir);
    expect(server.writable).toBe(true);
    expect((await put(url, 'cci:76.nord', territory('cci:76.nord'))).status).toBe(200);
    expect(readdirSync(dir)).toEqual(['cci%3A76.nord.toile.json']);
  });
});

describe('server defaults (issue #12.13)', () => {
  it('removes the temporary files of interrupted writes at start, and nothing else', async () => {
    const dir = folder('toile-tmp-');
    writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory('estuaire')));
    const leftover = 'estuaire.toile.json.4242.0123456789ab.tmp';
    writeFileSync(join(dir, leftover), '{ "toile": "1.0", "terr');
    writeFileSync(join(dir, 'notes.tmp'), 'the agency’s own file');
    const { logs } = await start(dir);
    expect(existsSync(join(dir, leftover))).toBe(false);
    expect(logs.some((l) => l.includes(leftover))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['estuaire.toile.json', 'notes.tmp']);
  });

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
    for (const token of ['dev-token', '', 'undefined'])
      expect([401, 403]).toContain((await put(url, 'estuaire', territory('estuaire', 'écrasé'), token)).status);
    expect(readFileSync(join(dir, 'estuaire.toile.json'), 'utf8')).toBe(before);
    // Reads still work.
    expect(await (await fetch(`${url}/territories/estuaire`)).json()).toMatchObject({ territory: { id: 'estuaire' } });
  });

  it('the entry point (main.ts) has no built-in token: without TOILE_TOKEN it is read-only and says so', async () => {
    const dir = folder('toile-main-');
    writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory('estuaire')));
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const env: NodeJS.ProcessEnv = { ...process.env, TOILE_PORT: '0', TOILE_DATA_DIR: dir };
    delete env.TOILE_TOKEN;
    delete env.TOILE_PARTNER_TOKENS;
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'examples/api-server/main.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /Toile API: (http:\/\/127\.0\.0\.1:\d+)\/territories/.exec(out);
          if (found && out.includes('read-only')) resolve(found[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`main.ts exited (${code}): ${out}${err}`)));
      });
      expect(out).toContain('lecture seule');
      expect(err).toContain('read-only: no agency token');
      for (const token of ['dev-token', null]) expect([401, 403]).toContain((await put(url, 'estuaire', territory('estuaire', 'écrasé'), token)).status);
      expect(readDoc(dir, 'estuaire.toile.json').meta.title).toBe('Territoire estuaire');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
