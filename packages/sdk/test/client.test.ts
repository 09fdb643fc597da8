/**
 * The typed client over real HTTP, against a small recording server (node:http on 127.0.0.1): what
 * goes on the wire. The client against the reference API server is tested in examples/api-server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { Flow, ToileDocument } from '@toile/schema';
import {
  createToileClient,
  ToileApiError,
  ToileRequestError,
  isProblemDetails,
  type OperationId,
  type ResponseOf,
  type QueryOf,
  type BodyOf,
} from '../src/index.ts';
import { baseDocument } from './fixtures.ts';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

const seen: Seen[] = [];
/** What the next requests get: by default 200 with an empty object. */
let answer: (req: IncomingMessage, res: ServerResponse, n: number) => void = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
};
let baseURL = '';
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
    answer(req, res, seen.length);
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);
const reset = (handler?: typeof answer) => {
  seen.length = 0;
  answer =
    handler ??
    ((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
};

describe('createToileClient', () => {
  it('has a method for every operationId of openapi.yaml', () => {
    const yaml = readFileSync(new URL('../../schema/openapi.yaml', import.meta.url), 'utf8');
    const operationIds = [...yaml.matchAll(/^\s+operationId:\s*(\w+)\s*$/gm)].map((m) => m[1]).sort();
    expect(operationIds.length).toBeGreaterThanOrEqual(8);
    const api = createToileClient({ baseURL: 'http://127.0.0.1:1' });
    expect(Object.keys(api).sort()).toEqual(operationIds);
    for (const id of operationIds) expect(typeof api[id as OperationId]).toBe('function');
  });

  it('derives its types from the OpenAPI types', () => {
    expectTypeOf<ResponseOf<'listFlows'>['items'][number]>().toEqualTypeOf<Flow>();
    expectTypeOf<ResponseOf<'getTerritory'>>().toEqualTypeOf<ToileDocument>();
    expectTypeOf<BodyOf<'putTerritory'>>().toEqualTypeOf<ToileDocument>();
    expectTypeOf<QueryOf<'listFlows'>['kind']>().toEqualTypeOf<Flow['kind'][] | undefined>();
    expectTypeOf<QueryOf<'listEstablishments'>['external']>().toEqualTypeOf<boolean | undefined>();
  });

  it('encodes path parameters with encodeURIComponent and sends query parameters as the document says', async () => {
    reset();
    const api = createToileClient({ baseURL });
    await api.getEstablishment('a b/c', 'é?#&..');
    await api.listFlows('t', { kind: ['byproduct', 'energy'], limit: 5, from: undefined });
    await api.listEstablishments('t', { external: false, q: 'Tôle & fils' });
    await api.getTerritory('../admin');
    expect(seen.map((s) => s.url)).toEqual([
      '/territories/a%20b%2Fc/establishments/%C3%A9%3F%23%26..',
      expect.stringMatching(/^\/territories\/t\/flows\?kind=byproduct(%2C|,)energy&limit=5$/),
      expect.stringMatching(/^\/territories\/t\/establishments\?external=false&q=T%C3%B4le(\+|%20)%26(\+|%20)fils$/),
      '/territories/..%2Fadmin',
    ]);
  });

  it('sends the bearer token when it has one, and documents as JSON', async () => {
    reset();
    await createToileClient({ baseURL, token: 's3cret' }).putTerritory('test', baseDocument());
    await createToileClient({ baseURL }).listTerritories();
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/territories/test', authorization: 'Bearer s3cret', contentType: 'application/json' });
    expect(JSON.parse(seen[0]!.body)).toEqual(baseDocument());
    expect(seen[1]).toMatchObject({ method: 'GET', authorization: undefined });
  });

  it('posts domino requests, and never retries them', async () => {
    reset((_req, res) => res.writeHead(503, { 'content-type': 'application/problem+json' }).end('{"title":"Busy","status":503}'));
    const error = await createToileClient({ baseURL, retry: 3, retryDelay: 1 })
      .runDomino('t', { model: 'cascade', shocks: [{ establishment: 'a', fraction: 1 }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToileApiError);
    expect(error).toMatchObject({ status: 503, attempts: 1, operation: 'runDomino', problem: { title: 'Busy' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/territories/t/domino' });
  });

  it('waits as long as Retry-After says before retrying', async () => {
    reset((_req, res, n) => {
      if (n === 1) res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/problem+json' }).end('{"title":"Slow down","status":429}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"territories":[]}');
    });
    const started = Date.now();
    expect(await createToileClient({ baseURL, retryDelay: 1 }).listTerritories()).toEqual({ territories: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
  });

  it('keeps a body that is not problem details (a proxy page, say) as `body`', async () => {
    reset((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'));
    const error = (await createToileClient({ baseURL, retry: 0 })
      .getTerritory('t')
      .catch((e: unknown) => e)) as ToileApiError;
    expect(error).toMatchObject({
      kind: 'http',
      status: 502,
      statusText: 'Bad Gateway',
      problem: undefined,
      report: undefined,
      body: '<h1>Bad gateway</h1>',
      attempts: 1,
    });
    expect(error.message).toBe('getTerritory: HTTP 502 Bad Gateway');
  });

  it('times out per attempt on a server that never answers, a signal given or not, in French and English', async () => {
    reset(() => undefined);
    const api = createToileClient({ baseURL, timeout: 200, retry: 1, retryDelay: 1 });
    const error = (await api.listTerritories({ signal: new AbortController().signal }).catch((e: unknown) => e)) as ToileApiError;
    expect(error).toBeInstanceOf(ToileApiError);
    expect(error).toBeInstanceOf(ToileRequestError);
    expect(error).toMatchObject({ kind: 'timeout', status: 0, attempts: 2, en: error.message, fr: 'listTerritories : pas de réponse à temps' });
    expect(error.message).toBe('listTerritories: no answer in time');
    expect(seen).toHaveLength(2);
  });

  it('recognises problem details', () => {
    expect(isProblemDetails({ title: 'Not Found', status: 404 })).toBe(true);
    expect(isProblemDetails({ title: 'Not Found' })).toBe(false);
    expect(isProblemDetails('Not Found')).toBe(false);
  });
});
