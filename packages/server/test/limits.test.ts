/**
 * Issue #12.8, server side: request bodies are limited (1 MiB for analyses, 50 MiB for a document
 * by default) and refused with 413 problem details in both languages before they are read whole;
 * request arrays have `maxItems` in openapi.yaml (10,000 shocks). Real HTTP on 127.0.0.1.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToileDocument } from '../src/types.ts';
import { createToileServer, type ListeningServer } from '../src/server.ts';

const TOKEN = 'limits-test-token';
const doc: ToileDocument = {
  toile: '1.0',
  territory: { id: 'estuaire', name: 'Estuaire' },
  meta: { title: 'Estuaire' },
  establishments: [
    { id: 'acier', name: 'Aciérie' },
    { id: 'ciment', name: 'Cimenterie' },
  ],
  flows: [{ id: 'f1', from: 'acier', to: 'ciment', kind: 'byproduct' }],
};

let server: ListeningServer;
let domino = 0;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toile-limits-'));
  writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(doc));
  const toile = await createToileServer({
    dataDir: dir,
    token: TOKEN,
    log: () => undefined,
    analysis: {
      domino: (_, r) => {
        domino++;
        return { model: r.model, results: [], totals: {} };
      },
    },
  });
  server = await toile.listen(0);
});
afterAll(() => server.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends a request whose headers may announce more than is sent: `send` writes (part of) the body
 * and leaves the request open. Resolves with the first answer; a server that waited for the whole
 * body would never answer, and the test would time out.
 */
function partial(method: string, path: string, headers: Record<string, string>, send: (write: (chunk: string) => boolean) => void): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        req.destroy();
      });
    });
    // The server may close the socket while the body is still being sent: the answer is what counts.
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    send((chunk) => req.write(chunk));
  });
}
const json = { 'content-type': 'application/json' };
const shocks = (n: number) => JSON.stringify({ model: 'cascade', shocks: Array.from({ length: n }, () => ({ establishment: 'acier', fraction: 1 })) });

describe('request body limits (issue #12.8)', () => {
  it('a 45 MB domino request (1.1M shocks, as in the issue) is refused with 413 before its body is read', async () => {
    const head = '{"model":"cascade","shocks":[';
    const answer = await partial('POST', '/territories/estuaire/domino', { ...json, 'content-length': String(45 * 1024 * 1024) }, (write) => write(head));
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(answer.body) as { status: number; detail: string };
    expect(problem.status).toBe(413);
    expect(problem.detail).toContain('dépasse la limite de 1048576 octets');
    expect(problem.detail).toContain('exceeds the limit of 1048576 bytes');
    expect(domino).toBe(0);
  });

  it('a chunked domino request (no Content-Length) is cut off at the limit', async () => {
    const answer = await partial('POST', '/territories/estuaire/domino', { ...json, 'transfer-encoding': 'chunked' }, (write) => {
      write('{"model":"cascade","shocks":[');
      const chunk = `${'{"establishment":"acier","fraction":1},'.repeat(1000)}`;
      // 2 MiB in all, then the request stays open: only the limit can end it.
      for (let i = 0; i < 55; i++) write(chunk);
    });
    expect(answer.status).toBe(413);
    expect(domino).toBe(0);
  });

  it('the server still answers after refusing large bodies', async () => {
    const response = await fetch(`${server.url}/territories/estuaire/domino`, { method: 'POST', headers: json, body: shocks(3) });
    expect(response.status).toBe(200);
    expect(domino).toBe(1);
  });

  it('more than 10,000 shocks (under 1 MiB) is refused with 400 naming the limit (maxItems in openapi.yaml)', async () => {
    const body = shocks(10_001);
    expect(body.length).toBeLessThan(1024 * 1024);
    const response = await fetch(`${server.url}/territories/estuaire/domino`, { method: 'POST', headers: json, body });
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toContain('10000');
    expect((await fetch(`${server.url}/territories/estuaire/domino`, { method: 'POST', headers: json, body: shocks(10_000) })).status).toBe(200);
    const statuses = JSON.stringify({
      model: 'cascade',
      shocks: [{ establishment: 'acier', fraction: 1 }],
      includeStatuses: ['active', 'active', 'planned', 'potential', 'ended'],
    });
    expect((await fetch(`${server.url}/territories/estuaire/domino`, { method: 'POST', headers: json, body: statuses })).status).toBe(400);
  });

  it('a document over the documented 50 MiB is refused with 413 before it is read; without the token, with 401 first', async () => {
    const announced = { ...json, 'content-length': String(60 * 1024 * 1024) };
    const agency = await partial('PUT', '/territories/estuaire', { ...announced, authorization: `Bearer ${TOKEN}` }, (write) => write('{"toile":"1.0",'));
    expect(agency.status).toBe(413);
    expect(JSON.parse(agency.body).detail).toContain('52428800');
    const anonymous = await partial('PUT', '/territories/estuaire', announced, (write) => write('{"toile":"1.0",'));
    expect(anonymous.status).toBe(401);
  });

  it('query arrays have a maximum too (10 flow kinds for 9 kinds: 400)', async () => {
    const kinds = ['supply', 'subcontracting', 'service', 'byproduct', 'energy', 'water', 'knowledge', 'logistics', 'pooling'];
    expect((await fetch(`${server.url}/territories/estuaire/flows?kind=${kinds.join(',')}`)).status).toBe(200);
    expect((await fetch(`${server.url}/territories/estuaire/flows?kind=${[...kinds, 'supply'].join(',')}`)).status).toBe(400);
  });
});
