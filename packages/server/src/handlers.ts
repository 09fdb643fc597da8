/**
 * One small handler per operation of openapi.yaml. Each reads the store as the caller's audience
 * may see it (the store publishes through @toile/sdk's one audience rule) and answers a reply that
 * server.ts checks against the OpenAPI document before sending it.
 */
import type { H3Event } from 'h3';
import { foldText, readToileText, type Audience, type PathOf } from '@toile/sdk';
import type { Role } from './auth.ts';
import { readJson, readJsonText, type BodyLimits } from './body.ts';
import { describeErrors, type OperationSpec } from './openapi-check.ts';
import { problem } from './problem.ts';
import type { TerritoryStore } from './store/store.ts';
import { noTerritory, refuseUnlessAgency } from './survey/access.ts';
import { declarationHandlers, type DeclarationLimits } from './survey/declarations.ts';
import { invitationHandlers } from './survey/invitations.ts';
import { recordHandlers } from './survey/records-api.ts';
import type {
  DominoRequest,
  DominoResult,
  Establishment,
  Flow,
  MaybePromise,
  OperationId,
  QueryOf,
  Reply,
  SynergyMatch,
  ToileDocument,
  ValidationReport,
} from './types.ts';

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

/** The parameters of an operation, after validation. */
export type Params<Op extends OperationId> = PathOf<Op> & QueryOf<Op>;

/** What a handler knows of one request. */
export interface Context<Op extends OperationId> {
  event: H3Event;
  params: Params<Op>;
  /** The caller's role (an unknown token never reaches a handler: it is refused first). */
  role: Role;
  /** What the caller may read. */
  audience: Audience;
}

/** One handler per operation. */
export type Handlers = { [Op in OperationId]: (context: Context<Op>) => MaybePromise<Reply<Op>> };

/** What the handlers need from the server. */
export interface HandlerDeps {
  store: TerritoryStore;
  specs: ReadonlyMap<string, OperationSpec>;
  limits: BodyLimits;
  /** True when an agency token is configured. */
  writable: boolean;
  analysis?: AnalysisEngines | undefined;
  /** Hourly limits of declarations (default: 20 per address, 500 in all, 20 per invitation). */
  declarationLimits?: DeclarationLimits | undefined;
  /** Read the client's address from `X-Forwarded-For` (behind a reverse proxy the agency runs). */
  trustProxy?: boolean | undefined;
}

/** The kit's one text folding (case, accents, ligatures, apostrophes, spaces), trimmed. */
const fold = (s: string) => foldText(s).trim();
const page = <T>(items: T[], params: { limit?: number; offset?: number }) => {
  const offset = params.offset ?? 0;
  return { total: items.length, items: items.slice(offset, offset + (params.limit ?? 100)) };
};

/** The 422 report of a document that describes another territory than the path names. */
function idMismatch(said: string, path: string): Reply<'putTerritory'> {
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
          message: { fr: `le document décrit « ${said} », l’adresse nomme « ${path} »`, en: `the document describes "${said}", the path names "${path}"` },
          params: { document: said, path },
        },
      ],
    },
  };
}

/** The handler of one operation. */
type Handler<Op extends OperationId> = Handlers[Op];

/** The territories the caller may see; sizes are those of the caller's view (hidden records are not counted). */
function listTerritories(store: TerritoryStore): Handler<'listTerritories'> {
  return async ({ audience }) => ({
    status: 200,
    body: {
      territories: (await store.list(audience)).map((doc) => ({
        id: doc.territory.id,
        name: doc.territory.name,
        title: doc.meta.title,
        ...(doc.meta.updated ? { updated: doc.meta.updated } : {}),
        establishments: doc.establishments.length,
        flows: doc.flows.length,
      })),
    },
  });
}

function getTerritory(deps: HandlerDeps): Handler<'getTerritory'> {
  const { store } = deps;
  return async ({ params, audience, role }) => {
    if (params.at) {
      // A past state may hold what was confidential then: the agency only.
      const refused = refuseUnlessAgency(role, deps.writable, 'read');
      if (refused) return refused;
      const then = await store.at(params.territoryId, params.at, audience);
      if (then) return { status: 200, body: then };
      const exists = await store.get(params.territoryId, 'internal');
      return exists
        ? problem(404, { fr: `le territoire n’existait pas encore le ${params.at}`, en: `the territory did not exist yet at ${params.at}` })
        : noTerritory(params.territoryId);
    }
    const read = await store.read(params.territoryId, audience);
    return read ? { status: 200, body: read.doc, headers: { etag: etagOf(read.revision) } } : noTerritory(params.territoryId);
  };
}

/** The `ETag` of a territory at a revision (weak: the same revision is the same document for one audience). */
const etagOf = (revision: number) => `W/"r${revision}"`;

/** 412: the document was made from a revision that is no longer the territory's. */
const preconditionFailed = (given: string, revision: number) =>
  problem(412, {
    fr: `le territoire a changé depuis ${given} (il est à ${etagOf(revision)}) : relisez-le, rien n’a été écrit`,
    en: `the territory changed since ${given} (it is at ${etagOf(revision)}): read it again, nothing was written`,
  });

/** Writes a territory (the agency only): read, validated, and stored when valid and under its own id. */
function putTerritory(deps: HandlerDeps): Handler<'putTerritory'> {
  const { store, limits } = deps;
  return async ({ event, params, role }) => {
    const refused = refuseUnlessAgency(role, deps.writable, 'write');
    if (refused) return refused;
    const body = await readJsonText(event, limits.document);
    if ('reply' in body) return body.reply;
    // The SDK's reader: a key written twice is reported, and for `confidentiality` the strictest value wins.
    const result = readToileText(body.text);
    if (result.data === null && result.problems[0]?.code === 'invalid-json') {
      return problem(400, { fr: 'le corps n’est pas du JSON valide', en: 'the body is not valid JSON' }, { problems: result.problems });
    }
    const report: ValidationReport = {
      valid: result.valid,
      errors: result.errors,
      warnings: result.warnings,
      truncated: result.truncated,
      problems: result.problems,
    };
    if (!result.valid || !result.data) return { status: 422, body: report };
    if (result.data.territory.id !== params.territoryId) return idMismatch(result.data.territory.id, params.territoryId);
    const next = result.data;
    // With If-Match, the whole document replaces only the revision it was made from.
    const ifMatch = event.req.headers.get('if-match')?.trim();
    const { result: stale } = await store.write<Reply<'putTerritory'> | undefined>(next.territory.id, { actor: 'agency' }, (_, __, revision) =>
      ifMatch && ifMatch !== '*' && ifMatch !== etagOf(revision) ? { refused: preconditionFailed(ifMatch, revision) } : { next, result: undefined },
    );
    if (stale) return stale;
    return { status: 200, body: report };
  };
}

function listEstablishments(store: TerritoryStore): Handler<'listEstablishments'> {
  return async ({ params, audience }) => {
    const doc = await store.get(params.territoryId, audience);
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
  };
}

function getEstablishment(store: TerritoryStore): Handler<'getEstablishment'> {
  return async ({ params, audience }) => {
    const doc = await store.get(params.territoryId, audience);
    if (!doc) return noTerritory(params.territoryId);
    const id = params.establishmentId;
    const establishment = doc.establishments.find((e) => e.id === id);
    if (!establishment)
      return problem(404, {
        fr: `aucun établissement ${id} dans le territoire ${params.territoryId}`,
        en: `no establishment ${id} in territory ${params.territoryId}`,
      });
    return {
      status: 200,
      body: {
        establishment,
        inflows: doc.flows.filter((f) => f.to === id),
        outflows: doc.flows.filter((f) => f.from === id),
        resources: (doc.resources ?? []).filter((r) => r.establishment === id),
      },
    };
  };
}

function listFlows(store: TerritoryStore): Handler<'listFlows'> {
  return async ({ params, audience }) => {
    const doc = await store.get(params.territoryId, audience);
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
  };
}

function listSynergies(store: TerritoryStore, analysis: AnalysisEngines | undefined): Handler<'listSynergies'> {
  return async ({ params, audience }) => {
    const doc = await store.get(params.territoryId, audience);
    if (!doc) return noTerritory(params.territoryId);
    if (!analysis?.synergies) return problem(501, { fr: 'ce serveur n’a pas de recherche de synergies', en: 'this server has no synergy finder' });
    const { territoryId: _, ...query } = params;
    const matches = await analysis.synergies(doc, query);
    return { status: 200, body: { matches: matches.slice(0, params.top ?? 50) } };
  };
}

/** A domino simulation on the caller's view: the request checked against `DominoRequest`, its shocks on known establishments. */
function runDomino(deps: HandlerDeps): Handler<'runDomino'> {
  const { store, specs, limits, analysis } = deps;
  return async ({ event, params, audience }) => {
    const doc = await store.get(params.territoryId, audience);
    if (!doc) return noTerritory(params.territoryId);
    const body = await readJson(event, limits.analysis);
    if ('reply' in body) return body.reply;
    const errors = specs.get('runDomino')?.body?.(body.value);
    if (errors)
      return problem(400, {
        fr: `requête domino invalide : ${describeErrors(errors, 'body')}`,
        en: `invalid domino request: ${describeErrors(errors, 'body')}`,
      });
    const request = body.value as DominoRequest;
    const known = new Set(doc.establishments.map((e) => e.id));
    const unknown = [...new Set(request.shocks.map((s) => s.establishment).filter((id) => !known.has(id)))];
    if (unknown.length) {
      const list = `${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` (+${unknown.length - 10})` : ''}`;
      return problem(400, { fr: `établissement(s) inconnu(s) dans les chocs : ${list}`, en: `unknown establishment(s) in shocks: ${list}` });
    }
    if (!analysis?.domino) return problem(501, { fr: 'ce serveur n’a pas de simulateur domino', en: 'this server has no domino simulator' });
    return { status: 200, body: await analysis.domino(doc, request) };
  };
}

/** Builds the handlers of every operation. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, analysis } = deps;
  return {
    listTerritories: listTerritories(store),
    getTerritory: getTerritory(deps),
    putTerritory: putTerritory(deps),
    listEstablishments: listEstablishments(store),
    getEstablishment: getEstablishment(store),
    listFlows: listFlows(store),
    listSynergies: listSynergies(store, analysis),
    runDomino: runDomino(deps),
    ...recordHandlers(deps),
    ...invitationHandlers(deps),
    ...declarationHandlers(deps),
  };
}
