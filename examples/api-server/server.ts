/**
 * The reference Toile API server: serves a folder of Toile documents (`*.toile.json`, each under its
 * `territory.id`) over the paths of packages/schema/openapi.yaml, on 127.0.0.1. Routes come from that
 * document; query and path parameters and request bodies are checked against it (400 with problem
 * details when they do not match), and so is every response before it leaves (a response that does
 * not match is a bug of the server: logged, and answered 500). Writes need the bearer token; callers
 * without it see the document as published for the public. Agencies can start from it; the SDK's
 * client is tested against it over real HTTP.
 *
 * Built on h3 v2 (fetch-style handlers), served by node:http through h3's `toNodeHandler`.
 */
import { createServer } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { H3, HTTPError, assertBodySize, getQuery, getRouterParam, readBody, toNodeHandler, type H3Event } from 'h3';
import { validateToile } from '@toile/sdk';
import type { PathOf } from '@toile/sdk';
import { compileOperations, describeErrors, type OperationSpec } from './openapi-check.ts';
import { problem, toHttpResponse } from './problem.ts';
import { openStore, type TerritoryStore } from './store.ts';
import type { DominoRequest, DominoResult, Establishment, Flow, MaybePromise, OperationId, QueryOf, Reply, SynergyMatch, ToileDocument, ValidationReport } from './types.ts';

/** The parameters of a synergy search, after validation (defaults applied). */
export type SynergyParams = QueryOf<'listSynergies'>;

/**
 * Optional analysis engines — the synergy finder and the domino simulator of @toile/sdk, or any
 * other. Each receives the document as the caller may see it. An engine that throws an error with
 * a 4xx `status` gets that status back as problem details (its message as detail); any other throw
 * is logged and answered 500. Without an engine, its operation answers 501.
 */
export interface AnalysisEngines {
  /** Synergy candidates, best first (the server keeps the first `params.top`). */
  synergies?: (doc: ToileDocument, params: SynergyParams) => MaybePromise<SynergyMatch[]>;
  /** A domino simulation; the request has been checked against `DominoRequest` and its shocks name known establishments. */
  domino?: (doc: ToileDocument, request: DominoRequest) => MaybePromise<DominoResult>;
}

/** Options of {@link createToileServer}. */
export interface ToileServerOptions {
  /** Folder of `*.toile.json` documents; PUT writes new territories there as `<id>.toile.json`. */
  dataDir: string;
  /** Bearer token of the agency: required for writes; with it, reads see every record. */
  token: string;
  /** Port on 127.0.0.1 (0: any free port). Default: `$TOILE_PORT`, else `$PORT`, else 8787. */
  port?: number;
  /** The synergy finder and domino simulator, when available. */
  analysis?: AnalysisEngines;
  /** Largest request body accepted, in bytes (default 50 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Where problems are logged (default: console.error). */
  log?: (message: string, details?: unknown) => void;
  /** Test aid: answer the first N requests with 503, to exercise client retries. */
  failFirst?: number;
  /** Test aid: wait this many ms before answering each request, to exercise client timeouts. */
  latencyMs?: number;
}

/** A server listening on 127.0.0.1. */
export interface ListeningServer {
  /** Its root URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** A server, ready to listen. */
export interface ToileServer {
  /** The h3 app (to mount in another h3 app, say). */
  app: H3;
  /** Answers one request in-process, without a socket. */
  fetch(request: Request): Promise<Response>;
  /** Starts listening on 127.0.0.1 (port: the argument, else the options, else the environment, else 8787). */
  listen(port?: number): Promise<ListeningServer>;
  /** Requests received so far, refused ones included. */
  readonly requests: number;
}

type Params<Op extends OperationId> = PathOf<Op> & QueryOf<Op>;
interface Context<Op extends OperationId> {
  event: H3Event;
  params: Params<Op>;
  /** True when the caller holds the agency's token. */
  agency: boolean;
}
type Handlers = { [Op in OperationId]: (context: Context<Op>) => MaybePromise<Reply<Op>> };

const DEFAULT_PORT = 8787;
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const page = <T>(items: T[], params: { limit?: number; offset?: number }) => {
  const offset = params.offset ?? 0;
  return { total: items.length, items: items.slice(offset, offset + (params.limit ?? 100)) };
};
const digest = (s: string) => createHash('sha256').update(s).digest();

function defaultPort(): number {
  const text = process.env.TOILE_PORT ?? process.env.PORT;
  const port = text === undefined ? DEFAULT_PORT : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${text}`);
  return port;
}

/** A 4xx status carried by an error thrown by an engine or by h3 (400 bad JSON, 413 too large). */
function clientStatus(error: unknown): number | undefined {
  const status = HTTPError.isError(error) ? error.status : (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * Creates a Toile API server over the documents of `options.dataDir`; call `listen()` to serve.
 *
 * @example
 * ```ts
 * const server = await createToileServer({ dataDir: 'examples/data', token: process.env.TOILE_TOKEN! });
 * const { url, close } = await server.listen(0);
 * ```
 */
export async function createToileServer(options: ToileServerOptions): Promise<ToileServer> {
  const log = options.log ?? ((message: string, details?: unknown) => console.error(`[toile-server] ${message}`, ...(details === undefined ? [] : [details])));
  const specs = compileOperations();
  const store: TerritoryStore = await openStore(options.dataDir, log);
  const maxBodyBytes = options.maxBodyBytes ?? 50 * 1024 * 1024;
  const expected = digest(`Bearer ${options.token}`);
  let requests = 0;
  let failures = options.failFirst ?? 0;

  /** Constant-time check of the bearer token. */
  const isAgency = (event: H3Event) => timingSafeEqual(digest(event.req.headers.get('authorization') ?? ''), expected);
  const unauthorized = () => ({ ...problem(401, 'a bearer token is required to write'), headers: { 'www-authenticate': 'Bearer realm="toile"' } });
  const noTerritory = (id: string) => problem(404, `no territory ${id}`);

  /** The JSON body of a write, or the problem to answer. */
  async function readJson(event: H3Event): Promise<{ value: unknown } | { reply: ReturnType<typeof problem> }> {
    const type = (event.req.headers.get('content-type') ?? '').toLowerCase();
    if (!/^application\/([a-z0-9.+-]+\+)?json\b/.test(type)) return { reply: problem(415, 'send the body as application/json') };
    try {
      assertBodySize(event, maxBodyBytes);
      const value: unknown = await readBody(event);
      return value === undefined ? { reply: problem(400, 'a JSON body is required') } : { value };
    } catch (error) {
      const status = clientStatus(error);
      if (status === 413) return { reply: problem(413, `the body exceeds ${maxBodyBytes} bytes`) };
      if (status) return { reply: problem(status, 'the body is not valid JSON') };
      throw error;
    }
  }

  const handlers: Handlers = {
    listTerritories: () => ({
      status: 200,
      body: {
        territories: store.list().map((doc) => ({
          id: doc.territory.id,
          name: doc.territory.name,
          title: doc.meta.title,
          ...(doc.meta.updated ? { updated: doc.meta.updated } : {}),
          establishments: doc.establishments.length,
          flows: doc.flows.length,
        })),
      },
    }),

    getTerritory: ({ params, agency }) => {
      const doc = store.get(params.territoryId, agency);
      return doc ? { status: 200, body: doc } : noTerritory(params.territoryId);
    },

    putTerritory: async ({ event, params, agency }) => {
      if (!agency) return unauthorized();
      const body = await readJson(event);
      if ('reply' in body) return body.reply;
      const result = validateToile(body.value);
      const report: ValidationReport = { valid: result.valid, errors: result.errors, warnings: result.warnings, truncated: result.truncated, problems: result.problems };
      if (!result.valid || !result.data) return { status: 422, body: report };
      if (result.data.territory.id !== params.territoryId) {
        const said = result.data.territory.id;
        return {
          status: 422,
          body: {
            valid: false,
            errors: 1,
            warnings: 0,
            problems: [
              {
                pointer: '/territory/id',
                severity: 'error',
                code: 'territory-id-mismatch',
                message: { fr: `le document décrit « ${said} », l’adresse nomme « ${params.territoryId} »`, en: `the document describes "${said}", the path names "${params.territoryId}"` },
                params: { document: said, path: params.territoryId },
              },
            ],
          },
        };
      }
      await store.put(result.data);
      return { status: 200, body: report };
    },

    listEstablishments: ({ params, agency }) => {
      const doc = store.get(params.territoryId, agency);
      if (!doc) return noTerritory(params.territoryId);
      const q = params.q ? fold(params.q) : undefined;
      const sector = params.sector ? fold(params.sector) : undefined;
      const items = doc.establishments.filter(
        (e: Establishment) =>
          (!q || fold(`${e.name}\n${e.location?.city ?? ''}\n${e.description ?? ''}`).includes(q)) &&
          (!sector || (e.sectors ?? []).some((s) => fold(s) === sector)) &&
          (!params.naf || (e.naf ?? '').startsWith(params.naf)) &&
          (params.external === undefined || (e.external ?? false) === params.external) &&
          (!params.status || (e.status ?? 'active') === params.status),
      );
      return { status: 200, body: page(items, params) };
    },

    getEstablishment: ({ params, agency }) => {
      const doc = store.get(params.territoryId, agency);
      if (!doc) return noTerritory(params.territoryId);
      const id = params.establishmentId;
      const establishment = doc.establishments.find((e) => e.id === id);
      if (!establishment) return problem(404, `no establishment ${id} in territory ${params.territoryId}`);
      return {
        status: 200,
        body: {
          establishment,
          inflows: doc.flows.filter((f) => f.to === id),
          outflows: doc.flows.filter((f) => f.from === id),
          resources: (doc.resources ?? []).filter((r) => r.establishment === id),
        },
      };
    },

    listFlows: ({ params, agency }) => {
      const doc = store.get(params.territoryId, agency);
      if (!doc) return noTerritory(params.territoryId);
      const kinds = params.kind ? new Set<string>(params.kind) : undefined;
      const items = doc.flows.filter(
        (f: Flow) =>
          (!kinds || kinds.has(f.kind)) &&
          (!params.status || (f.status ?? 'active') === params.status) &&
          (!params.establishment || f.from === params.establishment || f.to === params.establishment) &&
          (!params.from || f.from === params.from) &&
          (!params.to || f.to === params.to) &&
          (!params.code || (f.item?.code ?? '').startsWith(params.code)) &&
          (!params.family || f.item?.family === params.family),
      );
      return { status: 200, body: page(items, params) };
    },

    listSynergies: async ({ params, agency }) => {
      const doc = store.get(params.territoryId, agency);
      if (!doc) return noTerritory(params.territoryId);
      if (!options.analysis?.synergies) return problem(501, 'this server has no synergy finder');
      const { territoryId: _, ...query } = params;
      const matches = await options.analysis.synergies(doc, query);
      return { status: 200, body: { matches: matches.slice(0, params.top ?? 50) } };
    },

    runDomino: async ({ event, params, agency }) => {
      const doc = store.get(params.territoryId, agency);
      if (!doc) return noTerritory(params.territoryId);
      const body = await readJson(event);
      if ('reply' in body) return body.reply;
      const errors = specs.get('runDomino')?.body?.(body.value);
      if (errors) return problem(400, `invalid domino request: ${describeErrors(errors, 'body')}`);
      const request = body.value as DominoRequest;
      const known = new Set(doc.establishments.map((e) => e.id));
      const unknown = request.shocks.map((s) => s.establishment).filter((id) => !known.has(id));
      if (unknown.length) return problem(400, `unknown establishment(s) in shocks: ${unknown.join(', ')}`);
      if (!options.analysis?.domino) return problem(501, 'this server has no domino simulator');
      return { status: 200, body: await options.analysis.domino(doc, request) };
    },
  };

  /** Runs one operation: parameters checked, handler called, reply checked against openapi.yaml. */
  const route = (spec: OperationSpec) => async (event: H3Event) => {
    const params: Record<string, unknown> = { ...getQuery(event) };
    for (const name of spec.pathParams) params[name] = getRouterParam(event, name, { decode: true });
    // `style: form, explode: false` arrays arrive as "a,b".
    for (const name of spec.csvParams) if (typeof params[name] === 'string') params[name] = (params[name] as string).split(',');
    const errors = spec.params(params);
    if (errors) {
      const { status, body } = problem(400, `invalid parameters: ${describeErrors(errors, 'query')}`);
      return toHttpResponse(status, body);
    }
    const handler = handlers[spec.operationId as OperationId] as (context: Context<OperationId>) => MaybePromise<Reply<OperationId>>;
    let reply: Reply<OperationId>;
    try {
      reply = await handler({ event, params: params as Params<OperationId>, agency: isAgency(event) });
    } catch (error) {
      const status = clientStatus(error);
      if (status) reply = problem(status, error instanceof Error ? error.message : undefined);
      else {
        log(`${spec.operationId} failed`, error);
        reply = problem(500, 'the server failed; the failure is logged');
      }
    }
    const responseErrors = spec.response(reply.status, reply.body);
    if (responseErrors) {
      // A reply that breaks the contract is the server's bug: never send it.
      log(`${spec.operationId}: ${reply.status} reply does not match openapi.yaml — ${describeErrors(responseErrors, 'response')}`);
      const { status, body } = problem(500, `the ${spec.operationId} response failed validation; the failure is logged`);
      return toHttpResponse(status, body);
    }
    return toHttpResponse(reply.status, reply.body, reply.headers);
  };

  const routes = [...specs.values()].map((spec) => ({ spec, pattern: new RegExp(`^${spec.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`) }));
  const app = new H3({
    // Unknown routes, wrong methods and anything thrown outside the handlers: problem details too.
    onError(error, event) {
      if (error.status === 404) {
        const allowed = routes.filter((r) => r.pattern.test(event.url.pathname)).map((r) => r.spec.method);
        if (allowed.length) {
          const { status, body } = problem(405, `${event.req.method} is not allowed here`);
          return toHttpResponse(status, body, { allow: allowed.join(', ') });
        }
        const { status, body } = problem(404, `no route ${event.url.pathname}`);
        return toHttpResponse(status, body);
      }
      if (error.unhandled) log('unhandled error', error.cause ?? error);
      const { status, body } = error.unhandled ? problem(500, 'the server failed; the failure is logged') : problem(error.status, error.message);
      return toHttpResponse(status, body);
    },
    silent: true,
  });

  app.use(async () => {
    requests++;
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (failures > 0) {
      failures--;
      const { status, body } = problem(503, 'simulated failure (failFirst)');
      return toHttpResponse(status, body);
    }
    return undefined;
  });
  for (const { spec } of routes) {
    if (!(spec.operationId in handlers)) throw new Error(`openapi.yaml has ${spec.operationId}, which the server does not implement`);
    app.on(spec.method, spec.route, route(spec));
  }

  return {
    app,
    fetch: async (request) => app.fetch(request),
    get requests() {
      return requests;
    },
    async listen(port = options.port ?? defaultPort()) {
      const server = createServer(toNodeHandler(app));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as { port: number };
      return {
        url: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            server.closeAllConnections();
          }),
      };
    },
  };
}
