/**
 * The reference Toile API server: serves a folder of Toile documents (`*.toile.json`, each under its
 * `territory.id`) over the paths of packages/schema/openapi.yaml, on 127.0.0.1. Routes come from that
 * document; query and path parameters and request bodies are checked against it (400 with problem
 * details when they do not match), and so is every response before it leaves (a response that does
 * not match is a bug of the server: logged, and answered 500).
 *
 * Callers have roles (auth.ts): the agency's token reads everything and writes, partners' tokens read
 * up to the `partners` level, anyone else reads what is `public`; without an agency token the server
 * is read-only. Bodies have limits (body.ts): 1 MiB for analyses, 50 MiB for a document by default.
 * Agencies can start from it; the SDK's client is tested against it over real HTTP.
 *
 * Built on h3 v2 (fetch-style handlers), served by node:http through h3's `toNodeHandler`.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { H3, getQuery, getRouterParam, handleCors, toNodeHandler, type H3Event, type HTTPError } from 'h3';
import { AUDIENCE_OF_ROLE, createAuthenticator } from './auth.ts';
import { DEFAULT_BODY_LIMITS, clientStatus } from './body.ts';
import { createHandlers, type AnalysisEngines, type Context, type Handlers, type Params } from './handlers.ts';
import { compileOperations, describeErrors, type OperationSpec } from './openapi-check.ts';
import { problem, toHttpResponse, type Bilingual } from './problem.ts';
import { openDatabase, type Database } from './db/database.ts';
import { importFolder, type ImportReport } from './store/import.ts';
import { TerritoryStore } from './store/store.ts';
import type { DeclarationLimits } from './survey/declarations.ts';
import type { MaybePromise, OperationId, Reply } from './types.ts';

export type { AnalysisEngines, SynergyParams } from './handlers.ts';
export type { Role, TokenConfig } from './auth.ts';
export { tokensFromEnvironment } from './auth.ts';

/** Options of {@link createToileServer}. */
export interface ToileServerOptions {
  /**
   * Folder of `*.toile.json` documents imported at start (store/import.ts: new or changed files
   * only). Optional: a server may start from its database alone.
   */
  dataDir?: string | undefined;
  /**
   * Where territories are stored: an open {@link Database}, a `postgres://…` URL, or a folder for
   * the embedded PostgreSQL (PGlite). Default: `<dataDir>/.toile-db` (PGlite).
   */
  database?: Database | string | undefined;
  /**
   * Bearer token of the agency: with it, reads see every record and writes are allowed. There is
   * no default: without it the server is read-only (writes answer 403) and says so at start.
   */
  token?: string | undefined;
  /** Bearer tokens of partners: with one, reads see records up to the `partners` level. */
  partnerTokens?: readonly string[] | undefined;
  /** Port on 127.0.0.1 (0: any free port). Default: `$TOILE_PORT`, else `$PORT`, else 8787. */
  port?: number;
  /** The synergy finder and domino simulator, when available. */
  analysis?: AnalysisEngines;
  /** Largest document accepted by `PUT /territories/{id}`, in bytes (default 50 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Hourly limits of declarations (default: 20 anonymous ones per address, 500 in all, 20 per invitation). */
  declarationLimits?: DeclarationLimits | undefined;
  /**
   * Behind a reverse proxy the agency runs: read the client's address (for the limits of anonymous
   * declarations) from `X-Forwarded-For`. Off by default (the header can be forged by anyone else).
   */
  trustProxy?: boolean | undefined;
  /** Largest analysis request (`POST …/domino`), in bytes (default 1 MiB); larger ones get 413. */
  maxAnalysisBodyBytes?: number;
  /** Where problems and notices are logged (default: console.error). */
  log?: (message: string, details?: unknown) => void;
  /**
   * Origins of the web pages allowed to call this server from a browser (CORS), e.g. the CCI's site
   * that embeds `<toile-declaration-form>`: exact origins such as `https://www.cci-estuaire.fr`.
   * Default: none (no CORS headers: pages must be on the server's own origin, or behind a proxy).
   */
  corsOrigins?: readonly string[] | undefined;
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
  /** The store (territories, records, history). */
  readonly store: TerritoryStore;
  /** What the start-up import of `dataDir` did. */
  readonly imported: ImportReport | undefined;
  /** Closes the database (after `close()` of every listening server). */
  shutdown(): Promise<void>;
  /** False when no agency token is configured: every write is refused. */
  readonly writable: boolean;
}

const DEFAULT_PORT = 8787;

/** The notice logged at start by a server without an agency token. */
export const READ_ONLY_NOTICE =
  'lecture seule : aucun jeton d’agence (TOILE_TOKEN), les écritures sont refusées — read-only: no agency token (TOILE_TOKEN), writes are refused';

function defaultPort(): number {
  const text = process.env.TOILE_PORT ?? process.env.PORT;
  const port = text === undefined ? DEFAULT_PORT : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${text}`);
  return port;
}

const FAILED = { fr: 'le serveur a échoué ; l’échec est journalisé', en: 'the server failed; the failure is logged' };

/** The answer to a bearer token that matches no role. */
function invalidToken(): Response {
  const { status, body } = problem(401, { fr: 'jeton inconnu', en: 'unknown bearer token' });
  return toHttpResponse(status, body, { 'www-authenticate': 'Bearer realm="toile", error="invalid_token"' });
}

type Log = (message: string, details?: unknown) => void;

/** What every route needs: who the caller is, the handlers, where to log. */
interface RouteDeps {
  auth: ReturnType<typeof createAuthenticator>;
  handlers: Handlers;
  log: Log;
}

/** The query and path parameters of a request, arrays of `style: form, explode: false` split. */
function paramsOf(spec: OperationSpec, event: H3Event): Record<string, unknown> {
  const params: Record<string, unknown> = { ...getQuery(event) };
  for (const name of spec.pathParams) params[name] = getRouterParam(event, name, { decode: true });
  // `style: form, explode: false` arrays arrive as "a,b".
  for (const name of spec.csvParams) if (typeof params[name] === 'string') params[name] = (params[name] as string).split(',');
  return params;
}

/** A library's message (English) as a detail in both languages; a message already in both is kept. */
function refusedWith(message: string): string | Bilingual {
  if (message.includes(' — ')) return message;
  return { fr: `requête refusée${message ? ` (${message})` : ''}`, en: `request refused${message ? ` (${message})` : ''}` };
}

/** The handler's reply; a thrown error with a 4xx status answers that status, anything else is logged and answers 500. */
async function replyOf(spec: OperationSpec, deps: RouteDeps, context: Context<OperationId>): Promise<Reply<OperationId>> {
  const handler = deps.handlers[spec.operationId as OperationId] as (context: Context<OperationId>) => MaybePromise<Reply<OperationId>>;
  try {
    return await handler(context);
  } catch (error) {
    const status = clientStatus(error);
    if (status) return problem(status, refusedWith(error instanceof Error ? error.message : ''));
    deps.log(`${spec.operationId} failed`, error);
    return problem(500, FAILED);
  }
}

/** Runs one operation: parameters checked, handler called, reply checked against openapi.yaml. */
function route(spec: OperationSpec, deps: RouteDeps) {
  return async (event: H3Event) => {
    const params = paramsOf(spec, event);
    const errors = spec.params(params);
    if (errors) {
      const { status, body } = problem(400, {
        fr: `paramètres invalides : ${describeErrors(errors, 'query')}`,
        en: `invalid parameters: ${describeErrors(errors, 'query')}`,
      });
      return toHttpResponse(status, body);
    }
    const role = deps.auth.identify(event.req.headers.get('authorization'));
    if (role === 'invalid') return invalidToken();
    const reply = await replyOf(spec, deps, { event, params: params as Params<OperationId>, role, audience: AUDIENCE_OF_ROLE[role] });
    const responseErrors = spec.response(reply.status, reply.body);
    if (responseErrors) {
      // A reply that breaks the contract is the server's bug: never send it.
      deps.log(`${spec.operationId}: ${reply.status} reply does not match openapi.yaml — ${describeErrors(responseErrors, 'response')}`);
      const { status, body } = problem(500, {
        fr: `la réponse de ${spec.operationId} ne respecte pas openapi.yaml ; l’échec est journalisé`,
        en: `the ${spec.operationId} response failed validation; the failure is logged`,
      });
      return toHttpResponse(status, body);
    }
    return toHttpResponse(reply.status, reply.body, reply.headers);
  };
}

/** Unknown routes (404, or 405 with `allow` when the path exists), wrong methods and anything thrown outside the handlers: problem details too. */
function errorHandler(routes: readonly { spec: OperationSpec; pattern: RegExp }[], log: Log) {
  return (error: HTTPError, event: H3Event) => {
    if (error.status === 404) {
      const allowed = routes.filter((r) => r.pattern.test(event.url.pathname)).map((r) => r.spec.method);
      if (allowed.length) {
        const { status, body } = problem(405, { fr: `${event.req.method} n’est pas permis ici`, en: `${event.req.method} is not allowed here` });
        return toHttpResponse(status, body, { allow: allowed.join(', ') });
      }
      const { status, body } = problem(404, { fr: `aucune route ${event.url.pathname}`, en: `no route ${event.url.pathname}` });
      return toHttpResponse(status, body);
    }
    if (error.unhandled) log('unhandled error', error.cause ?? error);
    const { status, body } = error.unhandled ? problem(500, FAILED) : problem(error.status, refusedWith(error.message));
    return toHttpResponse(status, body);
  };
}

/** Starts serving `app` on 127.0.0.1. */
async function listenOn(app: H3, port: number): Promise<ListeningServer> {
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
}

/** The database the options name; `owned` when the server opened it (and so closes it). */
async function databaseOf(options: ToileServerOptions): Promise<{ db: Database; owned: boolean }> {
  if (typeof options.database === 'object') return { db: options.database, owned: false };
  const target = options.database ?? (options.dataDir ? join(options.dataDir, '.toile-db') : undefined);
  if (!target) throw new Error('createToileServer needs `database` or `dataDir`');
  return { db: await openDatabase(target), owned: true };
}

/**
 * Creates a Toile API server over the documents of `options.dataDir`; call `listen()` to serve.
 *
 * @example
 * ```ts
 * const { agency, partners } = tokensFromEnvironment();
 * const server = await createToileServer({ dataDir: 'examples/data', token: agency, partnerTokens: partners });
 * const { url, close } = await server.listen(0);
 * ```
 */
export async function createToileServer(options: ToileServerOptions): Promise<ToileServer> {
  const log = options.log ?? ((message: string, details?: unknown) => console.error(`[toile-server] ${message}`, ...(details === undefined ? [] : [details])));
  const auth = createAuthenticator({ agency: options.token, partners: options.partnerTokens });
  const specs = compileOperations();
  const { db, owned } = await databaseOf(options);
  const store = await TerritoryStore.open(db);
  const imported = options.dataDir ? await importFolder(store, options.dataDir, log) : undefined;
  if (!auth.writable) log(READ_ONLY_NOTICE);
  const handlers = createHandlers({
    store,
    specs,
    writable: auth.writable,
    analysis: options.analysis,
    declarationLimits: options.declarationLimits,
    trustProxy: options.trustProxy,
    limits: { document: options.maxBodyBytes ?? DEFAULT_BODY_LIMITS.document, analysis: options.maxAnalysisBodyBytes ?? DEFAULT_BODY_LIMITS.analysis },
  });
  let requests = 0;
  let failures = options.failFirst ?? 0;

  const routes = [...specs.values()].map((spec) => ({ spec, pattern: new RegExp(`^${spec.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`) }));
  const app = new H3({ onError: errorHandler(routes, log), silent: true });

  const origins = (options.corsOrigins ?? []).filter(Boolean);
  if (origins.length) {
    // Exact origins only (no patterns); no cookies are used, the token travels in `Authorization`.
    const cors = {
      origin: [...origins],
      methods: ['GET', 'PUT', 'POST'],
      allowHeaders: ['authorization', 'content-type', 'toile-invitation'],
      exposeHeaders: ['retry-after', 'www-authenticate'],
      maxAge: '600',
    };
    app.use((event) => handleCors(event, cors) || undefined);
  }
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
    app.on(spec.method, spec.route, route(spec, { auth, handlers, log }));
  }

  return {
    app,
    fetch: async (request) => app.fetch(request),
    get requests() {
      return requests;
    },
    writable: auth.writable,
    store,
    imported,
    shutdown: () => (owned ? db.close() : Promise.resolve()),
    listen(port = options.port ?? defaultPort()) {
      return listenOn(app, port);
    },
  };
}
