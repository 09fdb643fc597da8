import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadToile, ToileLoadError, ToileRequestError } from '../src/index.ts';
import { exportCsvPackage } from '../src/csv.ts';
import { baseDocument } from './fixtures.ts';

// A real HTTP server on 127.0.0.1: no mocked fetch.
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/toile.json') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(baseDocument()));
    } else if (req.url?.startsWith('/pkg/')) {
      // A CSV package exported from the fixture, its flows moved to a sub-folder by the descriptor.
      const files = exportCsvPackage(baseDocument());
      const descriptor = JSON.parse(files.get('datapackage.json') as string) as { resources: { name: string; path: string }[] };
      for (const r of descriptor.resources) if (r.name === 'flows') r.path = 'tables/flows.csv';
      if (req.url === '/pkg/evil/datapackage.json') for (const r of descriptor.resources) if (r.name === 'flows') r.path = 'http://example.org/flows.csv';
      const name = req.url.replace(/^\/pkg\/(evil\/)?/, '').replace('tables/', '');
      const body =
        name === 'datapackage.json'
          ? JSON.stringify(descriptor)
          : req.url.endsWith('/flows.csv') && !req.url.includes('/tables/')
            ? undefined
            : files.get(name);
      if (body === undefined) {
        res.statusCode = 404;
        res.end('not here');
      } else res.end(body);
    } else if (req.url === '/broken.json') {
      res.end('{"toile": "1.0", "territory"');
    } else if (req.url === '/slow.json') {
      setTimeout(() => res.end('{}'), 2000);
    } else if (req.url === '/stalled.json') {
      // Never answers.
    } else if (req.url === '/stalled-body.json') {
      // Answers the headers and the start of the body, then nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"toile": "1.0", ');
    } else {
      res.statusCode = 404;
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

describe('loadToile', () => {
  it("loads a CSV data package over HTTP, following the descriptor's paths", async () => {
    const r = await loadToile(`${base}/pkg/datapackage.json`);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.data?.establishments.length).toBe(baseDocument().establishments.length);
    expect(r.data?.flows.length).toBe(baseDocument().flows.length);
  });

  it('never follows a descriptor to another host: the table is refused, located', async () => {
    const r = await loadToile(`${base}/pkg/evil/datapackage.json`);
    expect(r.problems.some((p) => p.code === 'file-outside-package' && p.location?.file === 'flows.csv')).toBe(true);
    expect(r.data?.establishments.length).toBe(baseDocument().establishments.length);
  });

  it('loads and validates a document over HTTP', async () => {
    const r = await loadToile(`${base}/toile.json`);
    expect(r.valid).toBe(true);
    expect(r.data?.establishments).toHaveLength(4);
    expect(r.source).toBe(`${base}/toile.json`);
  });

  it('reports malformed JSON fetched over HTTP as a problem, not an exception', async () => {
    const r = await loadToile(`${base}/broken.json`);
    expect(r.valid).toBe(false);
    expect(r.problems[0]).toMatchObject({ code: 'invalid-json', params: { line: 1 } });
  });

  it('throws a clear HTTP error with the status', async () => {
    const error = await loadToile(`${base}/missing.json`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToileLoadError);
    expect(error).toMatchObject({ kind: 'http', status: 404 });
    expect((error as Error).message).toContain('404');
  });

  it('gives up after the timeout, and on abort', async () => {
    await expect(loadToile(`${base}/slow.json`, { timeout: 200 })).rejects.toMatchObject({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = loadToile(`${base}/slow.json`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('times out on a server that never answers even when a signal is given, in French and English', async () => {
    const started = Date.now();
    const error = await loadToile(`${base}/stalled.json`, { signal: new AbortController().signal, timeout: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToileLoadError);
    expect(error).toBeInstanceOf(ToileRequestError);
    expect(error).toMatchObject({ kind: 'timeout', source: `${base}/stalled.json`, status: undefined });
    expect((error as ToileLoadError).message).toBe(`no answer from ${base}/stalled.json within 200 ms`);
    expect((error as ToileLoadError).en).toBe((error as ToileLoadError).message);
    expect((error as ToileLoadError).fr).toBe(`pas de réponse de ${base}/stalled.json en 200 ms`);
    // One attempt and one retry of 200 ms each, far from the 30 s default.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out on a body that stops coming, with or without a signal', async () => {
    await expect(loadToile(`${base}/stalled-body.json`, { timeout: 200 })).rejects.toMatchObject({ kind: 'timeout' });
    await expect(loadToile(`${base}/stalled-body.json`, { signal: new AbortController().signal, timeout: 200 })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('says an abort and an HTTP status in French too', async () => {
    const controller = new AbortController();
    const pending = loadToile(`${base}/stalled.json`, { signal: controller.signal, timeout: 10_000 });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted', fr: `le chargement de ${base}/stalled.json a été interrompu` });
    await expect(loadToile(`${base}/missing.json`)).rejects.toMatchObject({ kind: 'http', status: 404, fr: `HTTP 404 Not Found pour ${base}/missing.json` });
  });

  it('says when nothing listens', async () => {
    await expect(loadToile('http://127.0.0.1:9/none.json', { timeout: 2000 })).rejects.toMatchObject({ kind: 'network' });
  });

  it('loads a file, a CSV package folder, JSON text and an object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toile-load-'));
    writeFileSync(join(dir, 'doc.json'), JSON.stringify(baseDocument()));
    expect((await loadToile(join(dir, 'doc.json'))).valid).toBe(true);
    const pkg = join(dir, 'pkg');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(pkg);
    for (const [name, content] of exportCsvPackage(baseDocument())) writeFileSync(join(pkg, name), content);
    expect((await loadToile(pkg)).data?.flows).toHaveLength(3);
    expect((await loadToile(JSON.stringify(baseDocument()))).valid).toBe(true);
    expect((await loadToile(baseDocument())).valid).toBe(true);
    await expect(loadToile(join(dir, 'nope.json'))).rejects.toMatchObject({ kind: 'file' });
  });
});
