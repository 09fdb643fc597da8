/** CORS (issue #14): a CCI's site on another origin may call the server only when it is listed. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToileServer, type ListeningServer, type ToileServer } from '../src/server.ts';
import { testDatabase } from './database.ts';

const SITE = 'https://www.cci-estuaire.example';
let server: ToileServer;
let listening: ListeningServer;
let closed: ToileServer;
let closedListening: ListeningServer;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toile-cors-'));
  writeFileSync(
    join(dir, 'x.toile.json'),
    JSON.stringify({ toile: '1.0', territory: { id: 'x', name: 'X' }, meta: { title: 'X' }, establishments: [], flows: [] }),
  );
  const database = await testDatabase();
  server = await createToileServer({ dataDir: dir, database, token: 't', corsOrigins: [SITE], log: () => undefined });
  listening = await server.listen(0);
  closed = await createToileServer({ database: server.store.db, token: 't', log: () => undefined });
  closedListening = await closed.listen(0);
});
afterAll(async () => {
  await closedListening.close();
  await listening.close();
  await server.shutdown();
});

const preflight = (url: string, origin: string) =>
  fetch(`${url}/territories/x/declarations`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, toile-invitation' },
  });

describe('CORS', () => {
  it('answers the preflight of a listed origin, with the headers a declaration needs', async () => {
    const response = await preflight(listening.url, SITE);
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/toile-invitation/);
    const get = await fetch(`${listening.url}/territories`, { headers: { origin: SITE } });
    expect(get.headers.get('access-control-allow-origin')).toBe(SITE);
  });

  it('gives no CORS header to any other origin, nor by default', async () => {
    for (const [url, origin] of [
      [listening.url, 'https://evil.example'],
      [listening.url, `${SITE}.evil.example`],
      [closedListening.url, SITE],
    ] as const) {
      const response = await fetch(`${url}/territories`, { headers: { origin } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
