/**
 * The reference Toile API server: serves a folder of Toile documents (`*.toile.json`) over the paths
 * of packages/schema/openapi.yaml, on 127.0.0.1. Requests and responses are checked against that
 * same document; writes need the bearer token. Agencies can start from it; the SDK's client is
 * tested against it over real HTTP.
 */
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { H3, getQuery, getRouterParam, readBody, toNodeHandler, type H3Event } from 'h3';
import type { DominoRequest, Establishment, Flow, ToileDocument } from './types.ts';
import { publishToile, validateToile } from '@toile/sdk';
import { compileOperationChecks } from './openapi-check.ts';

/** Optional analysis engines: the synergy finder and the domino simulator of @toile/sdk. */
export interface AnalysisEngines {
  synergies?: (doc: ToileDocument, params: { establishment?: string; top?: number; radiusKm?: number; family?: string }) => unknown;
  domino?: (doc: ToileDocument, request: DominoRequest) => unknown;
}

/** Options of {@link createToileServer}. */
export interface ToileServerOptions {
  /** Folder of `*.toile.json` documents; the territory id of each is its `territory.id`. */
  dataDir: string;
  /** Bearer token for writes; with it, reads also see partner-level and confidential data. */
  token: string;
  /** Port on 127.0.0.1 (0: any free port). */
  port?: number;
  analysis?: AnalysisEngines;
  /** Test aid: answer the first N requests with 503, to exercise client retries. */
  failFirst?: number;
}

/** A running server. */
export interface RunningServer {
  url: string;
  /** Requests received so far (including refused ones). */
  readonly requests: number;
  close(): Promise<void>;
}

const problem = (status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Starts the server; resolves when it listens. */
export async function createToileServer(options: ToileServerOptions): Promise<RunningServer> {
  const checks = compileOperationChecks();
  const territories = new Map<string, { doc: ToileDocument; file: string }>();
  for (const name of readdirSync(options.dataDir)) {
    if (!name.endsWith('.toile.json')) continue;
    const file = join(options.dataDir, name);
    const result = validateToile(JSON.parse(readFileSync(file, 'utf8')));
    if (result.data) territories.set(result.data.territory.id, { doc: result.data, file });
  }
  let requests = 0;
  let failures = options.failFirst ?? 0;

  const authorised = (event: H3Event) => event.req.headers.get('authorization') === `Bearer ${options.token}`;
  /** The document as the caller may see it: public, unless the caller holds the token. */
  const visible = (event: H3Event, doc: ToileDocument) => (authorised(event) ? doc : publishToile(doc, { audience: 'public', date: doc.meta.updated ?? '1970' }).data);

  /** Runs an operation: checks its parameters, calls the handler, checks the response. */
  const operation = (operationId: string, handler: (event: H3Event, params: Record<string, unknown>) => Promise<unknown> | unknown) => async (event: H3Event) => {
    const check = checks.get(operationId);
    if (!check) return problem(500, 'Unknown operation', operationId);
    const params: Record<string, unknown> = { ...getQuery(event) };
    for (const name of ['territoryId', 'establishmentId']) {
      const value = getRouterParam(event, name, { decode: true });
      if (value !== undefined) params[name] = value;
    }
    // `style: form, explode: false` arrays arrive as "a,b".
    if (typeof params.kind === 'string') params.kind = params.kind.split(',');
    const errors = check.params(params);
    if (errors) {
      return problem(400, 'Invalid parameters', errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; '));
    }
    const result = await handler(event, params);
    if (result instanceof Response) return result;
    const responseErrors = check.response(200, result);
    if (responseErrors) {
      // A response that breaks the contract is the server's bug: never send it.
      console.error(`[toile-server] ${operationId} response does not match openapi.yaml`, responseErrors.slice(0, 3));
      return problem(500, 'Response failed validation', operationId);
    }
    return result;
  };

  const territoryOf = (params: Record<string, unknown>) => territories.get(String(params.territoryId));
  const notFound = (what: string) => problem(404, 'Not found', what);
  const page = <T>(items: T[], params: Record<string, unknown>) => {
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 100);
    return { total: items.length, items: items.slice(offset, offset + limit) };
  };

  const app = new H3();
  app.use(() => {
    requests++;
    if (failures > 0) {
      failures--;
      return problem(503, 'Service unavailable', 'simulated failure (failFirst)');
    }
    return undefined;
  });

  app.get(
    '/territories',
    operation('listTerritories', () => ({
      territories: [...territories.values()].map(({ doc }) => ({
        id: doc.territory.id,
        name: doc.territory.name,
        title: doc.meta.title,
        ...(doc.meta.updated ? { updated: doc.meta.updated } : {}),
        establishments: doc.establishments.length,
        flows: doc.flows.length,
      })),
    })),
  );

  app.get(
    '/territories/:territoryId',
    operation('getTerritory', (event, params) => {
      const t = territoryOf(params);
      return t ? visible(event, t.doc) : notFound(`territory ${String(params.territoryId)}`);
    }),
  );

  app.put(
    '/territories/:territoryId',
    operation('putTerritory', async (event, params) => {
      if (!authorised(event)) return problem(401, 'Unauthorized', 'a bearer token is required to write');
      const body = await readBody(event).catch(() => undefined);
      const result = validateToile(body);
      const report = { valid: result.valid, errors: result.errors, warnings: result.warnings, truncated: result.truncated, problems: result.problems };
      if (!result.valid || !result.data) return new Response(JSON.stringify(report), { status: 422, headers: { 'content-type': 'application/json' } });
      const id = String(params.territoryId);
      if (result.data.territory.id !== id) {
        return problem(422, 'Territory id mismatch', `the document describes ${result.data.territory.id}, the path names ${id}`);
      }
      const file = territories.get(id)?.file ?? join(options.dataDir, `${id}.toile.json`);
      // Write then rename: a reader never sees half a file.
      writeFileSync(`${file}.tmp`, JSON.stringify(result.data, null, 2));
      renameSync(`${file}.tmp`, file);
      territories.set(id, { doc: result.data, file });
      return report;
    }),
  );

  app.get(
    '/territories/:territoryId/establishments',
    operation('listEstablishments', (event, params) => {
      const t = territoryOf(params);
      if (!t) return notFound(`territory ${String(params.territoryId)}`);
      const q = params.q ? fold(String(params.q)) : undefined;
      const items = visible(event, t.doc).establishments.filter(
        (e: Establishment) =>
          (!q || fold(`${e.name} ${e.location?.city ?? ''} ${e.description ?? ''}`).includes(q)) &&
          (!params.sector || (e.sectors ?? []).includes(String(params.sector))) &&
          (!params.naf || (e.naf ?? '').startsWith(String(params.naf))) &&
          (params.external === undefined || Boolean(e.external) === params.external) &&
          (!params.status || (e.status ?? 'active') === params.status),
      );
      return page(items, params);
    }),
  );

  app.get(
    '/territories/:territoryId/establishments/:establishmentId',
    operation('getEstablishment', (event, params) => {
      const t = territoryOf(params);
      if (!t) return notFound(`territory ${String(params.territoryId)}`);
      const doc = visible(event, t.doc);
      const id = String(params.establishmentId);
      const establishment = doc.establishments.find((e) => e.id === id);
      if (!establishment) return notFound(`establishment ${id}`);
      return {
        establishment,
        inflows: doc.flows.filter((f) => f.to === id),
        outflows: doc.flows.filter((f) => f.from === id),
        resources: (doc.resources ?? []).filter((r) => r.establishment === id),
      };
    }),
  );

  app.get(
    '/territories/:territoryId/flows',
    operation('listFlows', (event, params) => {
      const t = territoryOf(params);
      if (!t) return notFound(`territory ${String(params.territoryId)}`);
      const kinds = params.kind as string[] | undefined;
      const items = visible(event, t.doc).flows.filter(
        (f: Flow) =>
          (!kinds || kinds.includes(f.kind)) &&
          (!params.status || (f.status ?? 'active') === params.status) &&
          (!params.establishment || f.from === params.establishment || f.to === params.establishment) &&
          (!params.from || f.from === params.from) &&
          (!params.to || f.to === params.to) &&
          (!params.code || (f.item?.code ?? '').startsWith(String(params.code))) &&
          (!params.family || f.item?.family === params.family),
      );
      return page(items, params);
    }),
  );

  app.get(
    '/territories/:territoryId/synergies',
    operation('listSynergies', (event, params) => {
      const t = territoryOf(params);
      if (!t) return notFound(`territory ${String(params.territoryId)}`);
      if (!options.analysis?.synergies) return problem(501, 'Not implemented', 'this server has no synergy finder');
      return options.analysis.synergies(visible(event, t.doc), params as never);
    }),
  );

  app.post(
    '/territories/:territoryId/domino',
    operation('runDomino', async (event, params) => {
      const t = territoryOf(params);
      if (!t) return notFound(`territory ${String(params.territoryId)}`);
      const body = await readBody(event).catch(() => undefined);
      const check = checks.get('runDomino')?.body;
      if (check && !check(body)) return problem(400, 'Invalid domino request', check.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; '));
      if (!options.analysis?.domino) return problem(501, 'Not implemented', 'this server has no domino simulator');
      return options.analysis.domino(visible(event, t.doc), body as DominoRequest);
    }),
  );

  const server: Server = createServer(toNodeHandler(app));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
