/**
 * A typed client of the Toile HTTP API, over ofetch. Request and response types come from the
 * openapi-typescript types of @toile/schema (see ./types.ts) — nothing hand-written — so the client
 * cannot drift from openapi.yaml; a test checks that every operationId has a method.
 *
 * Retries: GET and PUT are idempotent by HTTP semantics (RFC 9110 §9.2.2) — PUT replaces the whole
 * document, so sending it twice leaves the server as sending it once — and are retried on network
 * errors, timeouts and 408/425/429/500/502/503/504, with exponential backoff (and `Retry-After` when
 * the server gives one). POST (`runDomino`, declarations, decisions, invitations, workshops) is never replayed. A caller's abort is never retried.
 */
import { ofetch, type $Fetch } from 'ofetch';
import { httpRequest } from '../io/http.ts';
import { ToileApiError } from './error.ts';
import type { BodyOf, EstablishmentId, OperationId, QueryOf, ResponseOf, TerritoryId } from './types.ts';

export * from './types.ts';
export * from './error.ts';

/** Options of {@link createToileClient}. */
export interface ToileClientOptions {
  /** Root of the API, e.g. `http://127.0.0.1:8787`. */
  baseURL: string;
  /** Bearer token: required for writes; sent with reads too, so that the agency sees its own non-public data. */
  token?: string;
  /** Milliseconds allowed per attempt (default 15 000). */
  timeout?: number;
  /** Retries of idempotent calls (GET, PUT) after a retryable failure (default 2; 0 turns retries off). */
  retry?: number;
  /** First delay between retries in ms, doubled at each retry (default 300). */
  retryDelay?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call (and any retry still to come). */
  signal?: AbortSignal;
}

/**
 * The Toile API, one method per operation of openapi.yaml, named by its operationId. Every method
 * resolves to the operation's 200 response body and rejects with a {@link ToileApiError}.
 */
export interface ToileClient {
  /** `GET /territories` — the territories served, with their size. */
  listTerritories(options?: CallOptions): Promise<ResponseOf<'listTerritories'>>;
  /** `GET /territories/{territoryId}` — a whole Toile document, as published for the caller; `at`: as it stood then (the agency only). */
  getTerritory(territoryId: TerritoryId, options?: CallOptions & QueryOf<'getTerritory'>): Promise<ResponseOf<'getTerritory'>>;
  /** `PUT /territories/{territoryId}` — stores a document (token required); resolves to its validation report. */
  putTerritory(territoryId: TerritoryId, document: BodyOf<'putTerritory'>, options?: CallOptions): Promise<ResponseOf<'putTerritory'>>;
  /** `GET /territories/{territoryId}/establishments` — one page of establishments, filtered. */
  listEstablishments(territoryId: TerritoryId, query?: QueryOf<'listEstablishments'>, options?: CallOptions): Promise<ResponseOf<'listEstablishments'>>;
  /** `GET /territories/{territoryId}/establishments/{establishmentId}` — one establishment, its flows and resources. */
  getEstablishment(territoryId: TerritoryId, establishmentId: EstablishmentId, options?: CallOptions): Promise<ResponseOf<'getEstablishment'>>;
  /** `GET /territories/{territoryId}/flows` — one page of flows, filtered. */
  listFlows(territoryId: TerritoryId, query?: QueryOf<'listFlows'>, options?: CallOptions): Promise<ResponseOf<'listFlows'>>;
  /** `GET /territories/{territoryId}/synergies` — synergy candidates, best first. */
  listSynergies(territoryId: TerritoryId, query?: QueryOf<'listSynergies'>, options?: CallOptions): Promise<ResponseOf<'listSynergies'>>;
  /** `POST /territories/{territoryId}/domino` — a domino simulation (never retried). */
  runDomino(territoryId: TerritoryId, request: BodyOf<'runDomino'>, options?: CallOptions): Promise<ResponseOf<'runDomino'>>;
  /** `PUT /territories/{territoryId}/establishments/{establishmentId}` — writes one establishment (the agency; `workshop`: made in that workshop). */
  putEstablishment(
    territoryId: TerritoryId,
    establishmentId: EstablishmentId,
    establishment: BodyOf<'putEstablishment'>,
    query?: QueryOf<'putEstablishment'>,
    options?: CallOptions,
  ): Promise<ResponseOf<'putEstablishment'>>;
  /** `PUT /territories/{territoryId}/flows/{flowId}` — writes one flow (the agency; `workshop`: confirmed or corrected in that workshop). */
  putFlow(territoryId: TerritoryId, flowId: string, flow: BodyOf<'putFlow'>, query?: QueryOf<'putFlow'>, options?: CallOptions): Promise<ResponseOf<'putFlow'>>;
  /** `POST /territories/{territoryId}/workshops` — opens a workshop (a `workshop` source). Never retried. */
  createWorkshop(territoryId: TerritoryId, workshop: BodyOf<'createWorkshop'>, options?: CallOptions): Promise<ResponseOf<'createWorkshop'>>;
  /** `GET /territories/{territoryId}/history` — the audit log, newest first (the agency). */
  getHistory(territoryId: TerritoryId, query?: QueryOf<'getHistory'>, options?: CallOptions): Promise<ResponseOf<'getHistory'>>;
  /** `GET /territories/{territoryId}/invitations` — the invitations issued (the agency). */
  listInvitations(territoryId: TerritoryId, options?: CallOptions): Promise<ResponseOf<'listInvitations'>>;
  /** `POST /territories/{territoryId}/invitations` — issues an invitation; its token is in the answer only. Never retried. */
  createInvitation(territoryId: TerritoryId, invitation: BodyOf<'createInvitation'>, options?: CallOptions): Promise<ResponseOf<'createInvitation'>>;
  /** `DELETE /territories/{territoryId}/invitations/{invitationId}` — revokes an invitation (the agency). */
  revokeInvitation(territoryId: TerritoryId, invitationId: string, options?: CallOptions): Promise<ResponseOf<'revokeInvitation'>>;
  /** `POST /territories/{territoryId}/declarations` — a company's declaration, with its invitation token if it has one. Never retried. */
  submitDeclaration(
    territoryId: TerritoryId,
    declaration: BodyOf<'submitDeclaration'>,
    options?: CallOptions & { invitation?: string },
  ): Promise<ResponseOf<'submitDeclaration'>>;
  /** `GET /territories/{territoryId}/declarations` — the moderation queue, each record against the territory (the agency). */
  listDeclarations(territoryId: TerritoryId, query?: QueryOf<'listDeclarations'>, options?: CallOptions): Promise<ResponseOf<'listDeclarations'>>;
  /** `POST /territories/{territoryId}/declarations/{declarationId}/decisions` — accepts or rejects records (the agency). Never retried. */
  decideDeclaration(
    territoryId: TerritoryId,
    declarationId: string,
    decisions: BodyOf<'decideDeclaration'>,
    options?: CallOptions,
  ): Promise<ResponseOf<'decideDeclaration'>>;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
/** Compile-time guarantee that {@link ToileClient} has exactly the operations of the OpenAPI document. */
export type ClientCoversEveryOperation = AssertTrue<Same<keyof ToileClient, OperationId>>;

const enc = encodeURIComponent;

/** Query values as strings; arrays comma-separated (OpenAPI `style: form, explode: false`). */
function toQuery(query: object | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) out[k] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

/**
 * Creates a client of a Toile API server.
 *
 * @example
 * ```ts
 * const api = createToileClient({ baseURL: 'http://127.0.0.1:8787', token: process.env.TOILE_TOKEN });
 * const { items } = await api.listFlows('estuaire', { kind: ['byproduct'], limit: 50 });
 * await api.putTerritory('estuaire', doc); // rejects with error.report when the document is invalid
 * ```
 */
export function createToileClient(options: ToileClientOptions): ToileClient {
  const base: $Fetch = ofetch.create({ baseURL: options.baseURL, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const timeout = options.timeout ?? 15_000;
  const retries = Math.max(0, options.retry ?? 2);
  const retryDelay = options.retryDelay ?? 300;
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  async function call<T>(
    operation: OperationId,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    init: CallOptions & { query?: object | undefined; body?: object; headers?: Record<string, string> },
  ): Promise<T> {
    const query = toQuery(init.query);
    const response = await httpRequest<T>(
      path,
      {
        fetcher: base,
        method,
        headers: init.headers ? { ...headers, ...init.headers } : headers,
        timeout,
        signal: init.signal,
        // POST is not idempotent: a replay could run the work twice.
        retries: method === 'POST' ? 0 : retries,
        retryDelay,
        ...(query ? { query } : {}),
        ...(init.body !== undefined ? { body: init.body } : {}),
      },
      (f) =>
        new ToileApiError({
          operation,
          kind: f.kind,
          ...(f.kind === 'http' ? { status: f.status, statusText: f.statusText, body: f.body } : {}),
          attempts: f.attempts,
          cause: f.cause,
        }),
    );
    return response.data;
  }

  const territory = (id: TerritoryId) => `/territories/${enc(id)}`;
  return {
    listTerritories: (o = {}) => call('listTerritories', 'GET', '/territories', o),
    getTerritory: (territoryId, { at, ...o } = {}) => call('getTerritory', 'GET', territory(territoryId), { ...o, query: at ? { at } : undefined }),
    putTerritory: (territoryId, document, o = {}) => call('putTerritory', 'PUT', territory(territoryId), { ...o, body: document }),
    listEstablishments: (territoryId, query, o = {}) => call('listEstablishments', 'GET', `${territory(territoryId)}/establishments`, { ...o, query }),
    getEstablishment: (territoryId, establishmentId, o = {}) =>
      call('getEstablishment', 'GET', `${territory(territoryId)}/establishments/${enc(establishmentId)}`, o),
    listFlows: (territoryId, query, o = {}) => call('listFlows', 'GET', `${territory(territoryId)}/flows`, { ...o, query }),
    listSynergies: (territoryId, query, o = {}) => call('listSynergies', 'GET', `${territory(territoryId)}/synergies`, { ...o, query }),
    runDomino: (territoryId, request, o = {}) => call('runDomino', 'POST', `${territory(territoryId)}/domino`, { ...o, body: request }),
    putEstablishment: (territoryId, establishmentId, establishment, query, o = {}) =>
      call('putEstablishment', 'PUT', `${territory(territoryId)}/establishments/${enc(establishmentId)}`, { ...o, query, body: establishment }),
    putFlow: (territoryId, flowId, flow, query, o = {}) =>
      call('putFlow', 'PUT', `${territory(territoryId)}/flows/${enc(flowId)}`, { ...o, query, body: flow }),
    createWorkshop: (territoryId, workshop, o = {}) => call('createWorkshop', 'POST', `${territory(territoryId)}/workshops`, { ...o, body: workshop }),
    getHistory: (territoryId, query, o = {}) => call('getHistory', 'GET', `${territory(territoryId)}/history`, { ...o, query }),
    listInvitations: (territoryId, o = {}) => call('listInvitations', 'GET', `${territory(territoryId)}/invitations`, o),
    createInvitation: (territoryId, invitation, o = {}) =>
      call('createInvitation', 'POST', `${territory(territoryId)}/invitations`, { ...o, body: invitation }),
    revokeInvitation: (territoryId, invitationId, o = {}) =>
      call('revokeInvitation', 'DELETE', `${territory(territoryId)}/invitations/${enc(invitationId)}`, o),
    submitDeclaration: (territoryId, declaration, { invitation, ...o } = {}) =>
      call('submitDeclaration', 'POST', `${territory(territoryId)}/declarations`, {
        ...o,
        body: declaration,
        ...(invitation ? { headers: { 'toile-invitation': invitation } } : {}),
      }),
    listDeclarations: (territoryId, query, o = {}) => call('listDeclarations', 'GET', `${territory(territoryId)}/declarations`, { ...o, query }),
    decideDeclaration: (territoryId, declarationId, decisions, o = {}) =>
      call('decideDeclaration', 'POST', `${territory(territoryId)}/declarations/${enc(declarationId)}/decisions`, { ...o, body: decisions }),
  };
}
