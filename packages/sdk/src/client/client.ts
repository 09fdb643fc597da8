/**
 * A typed client of the Toile HTTP API, over ofetch. Request and response types come from the
 * openapi-typescript `paths` of @toile/schema — nothing hand-written — so the client cannot drift
 * from the OpenAPI document. Idempotent calls (GET, PUT) are retried; errors carry the status and
 * the server's RFC 9457 problem details.
 */
import { FetchError, ofetch, type $Fetch } from 'ofetch';
import type { components, operations } from '@toile/schema';

type JsonOf<T> = T extends { content: { 'application/json': infer R } } ? R : T extends { content: { 'application/problem+json': infer R } } ? R : never;
/** The JSON body of an operation's 200 response. */
export type ResponseOf<Op extends keyof operations> = JsonOf<operations[Op]['responses'][200]>;
/** The query parameters of an operation. */
export type QueryOf<Op extends keyof operations> = operations[Op]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;
/** The JSON request body of an operation. */
export type BodyOf<Op extends keyof operations> = operations[Op] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
/** RFC 9457 problem details, as the server sends them. */
export type ProblemDetails = components['schemas']['ProblemDetails'];

/** An HTTP call to the Toile API failed. */
export class ToileApiError extends Error {
  override readonly name = 'ToileApiError';
  constructor(
    message: string,
    /** operationId of the OpenAPI document. */
    readonly operation: keyof operations,
    /** HTTP status, 0 when no answer came (network, timeout, abort). */
    readonly status: number,
    readonly statusText: string,
    /** The server's problem details or body (a validation report for 422). */
    readonly problem: unknown,
  ) {
    super(message);
  }
}

/** Options of {@link createToileClient}. */
export interface ToileClientOptions {
  baseURL: string;
  /** Bearer token: required for writes; the server may show more data to its holder. */
  token?: string;
  /** Milliseconds per attempt (default 15 000). */
  timeout?: number;
  /** Retries of idempotent calls (GET, PUT) on network errors and 408/425/429/5xx (default 2). */
  retry?: number;
  /** Delay between retries in ms (default 300). */
  retryDelay?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
}

const enc = encodeURIComponent;

/** Query values as strings; arrays comma-separated (OpenAPI `style: form, explode: false`). */
function toQuery(query: object | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

/**
 * Creates a client. Every operation of the OpenAPI document has a method named by its operationId.
 *
 * @example
 * ```ts
 * const api = createToileClient({ baseURL: 'http://127.0.0.1:8787', token });
 * const { items } = await api.listFlows('estuaire', { kind: ['byproduct'], limit: 50 });
 * ```
 */
export function createToileClient(options: ToileClientOptions) {
  const base: $Fetch = ofetch.create({
    baseURL: options.baseURL,
    timeout: options.timeout ?? 15_000,
    retryDelay: options.retryDelay ?? 300,
    retryStatusCodes: [408, 425, 429, 500, 502, 503, 504],
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const retry = options.retry ?? 2;

  async function call<T>(operation: keyof operations, method: 'GET' | 'PUT' | 'POST', path: string, init: { query?: object; body?: unknown } & CallOptions): Promise<T> {
    try {
      return await base<T>(path, {
        method,
        // POST is not idempotent by HTTP semantics: never replayed.
        retry: method === 'POST' ? 0 : retry,
        ...(init.query ? { query: toQuery(init.query) } : {}),
        ...(init.body !== undefined ? { body: init.body as Record<string, unknown> } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
        // Writes need the token; reads send it too, so that an agency sees its own non-public data.
        ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
      });
    } catch (error) {
      if (error instanceof FetchError) {
        const status = error.statusCode ?? 0;
        const problem = error.data;
        const title = (problem as { title?: string; detail?: string } | undefined)?.detail ?? (problem as { title?: string } | undefined)?.title;
        throw new ToileApiError(`${operation}: ${status ? `HTTP ${status}` : error.message}${title ? ` — ${title}` : ''}`, operation, status, error.statusText ?? '', problem);
      }
      throw error;
    }
  }

  return {
    /** GET /territories */
    listTerritories: (o: CallOptions = {}) => call<ResponseOf<'listTerritories'>>('listTerritories', 'GET', '/territories', o),
    /** GET /territories/{territoryId} */
    getTerritory: (territoryId: string, o: CallOptions = {}) => call<ResponseOf<'getTerritory'>>('getTerritory', 'GET', `/territories/${enc(territoryId)}`, o),
    /** PUT /territories/{territoryId} (bearer token) */
    putTerritory: (territoryId: string, document: BodyOf<'putTerritory'>, o: CallOptions = {}) =>
      call<ResponseOf<'putTerritory'>>('putTerritory', 'PUT', `/territories/${enc(territoryId)}`, { ...o, body: document }),
    /** GET /territories/{territoryId}/establishments */
    listEstablishments: (territoryId: string, query?: QueryOf<'listEstablishments'>, o: CallOptions = {}) =>
      call<ResponseOf<'listEstablishments'>>('listEstablishments', 'GET', `/territories/${enc(territoryId)}/establishments`, { ...o, ...(query ? { query } : {}) }),
    /** GET /territories/{territoryId}/establishments/{establishmentId} */
    getEstablishment: (territoryId: string, establishmentId: string, o: CallOptions = {}) =>
      call<ResponseOf<'getEstablishment'>>('getEstablishment', 'GET', `/territories/${enc(territoryId)}/establishments/${enc(establishmentId)}`, o),
    /** GET /territories/{territoryId}/flows */
    listFlows: (territoryId: string, query?: QueryOf<'listFlows'>, o: CallOptions = {}) =>
      call<ResponseOf<'listFlows'>>('listFlows', 'GET', `/territories/${enc(territoryId)}/flows`, { ...o, ...(query ? { query } : {}) }),
    /** GET /territories/{territoryId}/synergies */
    listSynergies: (territoryId: string, query?: QueryOf<'listSynergies'>, o: CallOptions = {}) =>
      call<ResponseOf<'listSynergies'>>('listSynergies', 'GET', `/territories/${enc(territoryId)}/synergies`, { ...o, ...(query ? { query } : {}) }),
    /** POST /territories/{territoryId}/domino */
    runDomino: (territoryId: string, request: BodyOf<'runDomino'>, o: CallOptions = {}) =>
      call<ResponseOf<'runDomino'>>('runDomino', 'POST', `/territories/${enc(territoryId)}/domino`, { ...o, body: request }),
  } satisfies Record<keyof operations, unknown>;
}

/** A client made by {@link createToileClient}. */
export type ToileClient = ReturnType<typeof createToileClient>;
