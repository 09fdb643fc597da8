/**
 * Company declarations and their moderation. A declaration is kept as sent (never written into the
 * territory by itself); the agency reads it record by record against the territory (review.ts) and
 * accepts or rejects each record. Accepted records enter the territory with the declaration as
 * their source and `validated: false`; every decision is in the audit log.
 */
import { randomBytes } from 'node:crypto';
import { getRequestIP, type H3Event } from 'h3';
import { validateToile } from '@toile/sdk';
import type { HandlerDeps, Handlers } from '../handlers.ts';
import { problem } from '../problem.ts';
import type { StoredRecord } from '../store/records.ts';
import type { ToileDocument, ValidationReport } from '../types.ts';
import { readJson } from '../body.ts';
import { describeErrors } from '../openapi-check.ts';
import { noTerritory, READ_ONLY, refuseUnlessAgency, sha256Hex, type ProblemReply } from './access.ts';
import { decideDeclaration, loadReview } from './decide.ts';
import { checkInvitation } from './invitations.ts';
import { declarationDocument, declaredRecords, type Declaration } from './review.ts';

/** How many declarations a territory takes per hour (counted in the database: across restarts and servers). */
export interface DeclarationLimits {
  /** Anonymous declarations per client address, territory and hour (default 20). */
  perAddressPerHour: number;
  /** Anonymous declarations per territory and hour, from all addresses (default 500). */
  perHour: number;
  /** Declarations per invitation and hour (default 20): a leaked link cannot flood the queue. */
  perInvitationPerHour?: number;
}

/** The default {@link DeclarationLimits}. */
export const DEFAULT_DECLARATION_LIMITS: Readonly<Required<DeclarationLimits>> = { perAddressPerHour: 20, perHour: 500, perInvitationPerHour: 20 };

/** A level for every record and capability the declaration holds: confidential when it says none. */
function confidentialByDefault(declaration: Declaration): Declaration {
  const level = <T extends { confidentiality?: unknown }>(r: T): T => (r.confidentiality === undefined ? { ...r, confidentiality: 'confidential' } : r);
  // Capabilities have levels of their own, read as public when absent by the SDK: never here.
  const establishment = <T extends Declaration['establishment']>(e: T): T => ({
    ...level(e),
    ...(e.capabilities ? { capabilities: e.capabilities.map(level) } : {}),
  });
  return {
    ...declaration,
    establishment: establishment(declaration.establishment),
    ...(declaration.partners ? { partners: declaration.partners.map(establishment) } : {}),
    ...(declaration.flows ? { flows: declaration.flows.map(level) } : {}),
    ...(declaration.resources ? { resources: declaration.resources.map(level) } : {}),
  };
}

/** A pointer into the checked document, as a pointer into the declaration. */
function declarationPointer(pointer: string, partners: number): string {
  const m = /^\/establishments\/(\d+)(.*)$/.exec(pointer);
  if (!m) return pointer;
  const index = Number(m[1]);
  if (index === 0) return `/establishment${m[2]}`;
  return index <= partners ? `/partners/${index - 1}${m[2]}` : pointer;
}

/** A semantic problem of the declaration itself (its flows and resources must be its establishment's). */
function ownershipProblems(declaration: Declaration, known: ReadonlySet<string>): ValidationReport['problems'] {
  const self = declaration.establishment.id;
  const named = new Set([self, ...(declaration.partners ?? []).map((p) => p.id)]);
  const problems: ValidationReport['problems'] = [];
  const add = (pointer: string, code: string, fr: string, en: string) => problems.push({ pointer, severity: 'error', code, message: { fr, en }, params: {} });
  (declaration.flows ?? []).forEach((f, i) => {
    if (f.from !== self && f.to !== self)
      add(`/flows/${i}`, 'declaration-not-own-flow', `le flux ne part ni n’arrive à ${self}`, `the flow neither starts nor ends at ${self}`);
    for (const end of ['from', 'to'] as const)
      if (!named.has(f[end]) && !known.has(f[end]))
        add(
          `/flows/${i}/${end}`,
          'unknown-establishment',
          `${f[end]} n’est ni dans le territoire ni parmi les partenaires`,
          `${f[end]} is neither in the territory nor among the partners`,
        );
  });
  (declaration.resources ?? []).forEach((r, i) => {
    if (r.establishment !== self)
      add(`/resources/${i}/establishment`, 'declaration-not-own-resource', `la ressource n’est pas celle de ${self}`, `the resource is not ${self}'s`);
  });
  return problems;
}

/**
 * The SDK's validation of the declared records, pointers into the declaration. The territory is
 * read as the public sees it: a declaration can neither reveal nor reach a record the public may
 * not see (a flow to a confidential establishment is "unknown"), and problems found in the
 * territory's own records are not reported.
 */
function checkDeclaration(published: ToileDocument, declaration: Declaration): ValidationReport {
  const known = new Set(published.establishments.map((e) => e.id));
  const own = ownershipProblems(declaration, known);
  const named = new Set([declaration.establishment.id, ...(declaration.partners ?? []).map((p) => p.id)]);
  const referenced = new Set((declaration.flows ?? []).flatMap((f) => [f.from, f.to]).filter((id) => !named.has(id) && known.has(id)));
  const result = validateToile(
    declarationDocument(
      published,
      declaration,
      published.establishments.filter((e) => referenced.has(e.id)),
    ),
  );
  const partners = declaration.partners?.length ?? 0;
  const inside = result.problems.map((p) => ({ ...p, pointer: declarationPointer(p.pointer, partners) })).filter((p) => !/^\/establishments\//.test(p.pointer));
  const problems = [...own, ...inside];
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { valid: errors === 0, errors, warnings: problems.length - errors, truncated: result.truncated, problems };
}

/** Declarations of the last hour matching a condition, and when the oldest of them leaves the hour. */
async function lastHour(deps: HandlerDeps, where: string, params: readonly (string | null)[]): Promise<{ count: number; retryAfter: number }> {
  const [row] = await deps.store.db.query<{ n: string | number; oldest: string | Date | null }>(
    `SELECT count(*) AS n, min(submitted_at) AS oldest FROM declarations WHERE submitted_at > now() - interval '1 hour' AND ${where}`,
    params,
  );
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : Date.now();
  return { count: Number(row?.n ?? 0), retryAfter: Math.max(1, Math.ceil((oldest + 3_600_000 - Date.now()) / 1000)) };
}

/** The 429 of a limit reached. */
function tooMany(retryAfter: number, invited: boolean): ProblemReply {
  const fr = invited ? 'trop de déclarations avec cette invitation' : 'trop de déclarations sans invitation';
  const en = invited ? 'too many declarations with this invitation' : 'too many declarations without an invitation';
  return {
    ...problem(429, { fr: `${fr} ; réessayez dans ${retryAfter} s`, en: `${en}; try again in ${retryAfter} s` }),
    headers: { 'retry-after': String(retryAfter) },
  };
}

/**
 * A 429 when the caller is over its hourly limit, else undefined. Counted from the declarations
 * table (a concurrent burst may pass a limit by the few requests in flight).
 */
async function overLimit(deps: HandlerDeps, territory: string, client: string, invitation: string | null): Promise<ProblemReply | undefined> {
  const limits = { ...DEFAULT_DECLARATION_LIMITS, ...deps.declarationLimits };
  if (invitation) {
    const used = await lastHour(deps, 'invitation_id = $1', [invitation]);
    return used.count >= limits.perInvitationPerHour ? tooMany(used.retryAfter, true) : undefined;
  }
  // Each territory's queue is protected on its own: a survey elsewhere on the server does not use it up.
  const mine = await lastHour(deps, 'territory_id = $1 AND invitation_id IS NULL AND client_sha256 = $2', [territory, client]);
  if (mine.count >= limits.perAddressPerHour) return tooMany(mine.retryAfter, false);
  const all = await lastHour(deps, 'territory_id = $1 AND invitation_id IS NULL', [territory]);
  return all.count >= limits.perHour ? tooMany(all.retryAfter, false) : undefined;
}

/** The caller's invitation (from the `Toile-Invitation` header), none, or the reply that refuses it. */
async function invitationOf(deps: HandlerDeps, event: H3Event, territoryId: string, declaration: Declaration) {
  const token = event.req.headers.get('toile-invitation');
  if (!token) return { id: null };
  if (token.length > 200) return { reply: problem(400, { fr: 'en-tête Toile-Invitation trop long', en: 'Toile-Invitation header too long' }) };
  const invitation = await checkInvitation(deps.store.db, token, territoryId);
  if ('status' in invitation) return { reply: invitation };
  if (invitation.establishment_id && invitation.establishment_id !== declaration.establishment.id) {
    const id = invitation.establishment_id;
    return { reply: problem(403, { fr: `cette invitation est celle de l’établissement ${id}`, en: `this invitation is for establishment ${id}` }) };
  }
  return { id: invitation.id };
}

/**
 * The declaration of the request: its shape checked against `Declaration` (400 otherwise); errors
 * inside its records are left to {@link checkDeclaration}, which names them by JSON pointer in
 * both languages (422).
 */
async function readDeclaration(deps: HandlerDeps, event: H3Event): Promise<{ value: Declaration } | { reply: ProblemReply }> {
  const body = await readJson(event, deps.limits.analysis);
  if ('reply' in body) return body;
  const errors = deps.specs.get('submitDeclaration')?.body?.(body.value) ?? [];
  const inRecords = (path: string) => /^\/(establishment|partners\/\d+|flows\/\d+|resources\/\d+)\//.test(path);
  const value = body.value as Declaration;
  const shaped = typeof value?.establishment === 'object' && value.establishment !== null;
  if (errors.length && !(shaped && errors.every((e) => inRecords(e.instancePath)))) {
    const where = describeErrors(errors, 'body');
    return { reply: problem(400, { fr: `déclaration invalide : ${where}`, en: `invalid declaration: ${where}` }) };
  }
  return { value };
}

function submitDeclaration(deps: HandlerDeps): Handlers['submitDeclaration'] {
  return async ({ event, params }) => {
    // Nobody could moderate it: a read-only server takes no declaration.
    if (!deps.writable) return problem(403, READ_ONLY);
    const published = await deps.store.get(params.territoryId, 'public');
    if (!published) return noTerritory(params.territoryId);
    const body = await readDeclaration(deps, event);
    if ('reply' in body) return body.reply;
    const declaration = confidentialByDefault(body.value);
    const invitation = await invitationOf(deps, event, params.territoryId, declaration);
    if ('reply' in invitation) return invitation.reply as ProblemReply;
    // The address is kept as a digest only, for the hourly limits.
    const client = sha256Hex(getRequestIP(event, { xForwardedFor: deps.trustProxy === true }) ?? 'unknown');
    const refused = await overLimit(deps, params.territoryId, client, invitation.id);
    if (refused) return refused;
    const report = checkDeclaration(published, declaration);
    if (!report.valid) return { status: 422, body: report };
    const id = `decl-${randomBytes(6).toString('hex')}`;
    await deps.store.db.query('INSERT INTO declarations (id, territory_id, invitation_id, body, client_sha256) VALUES ($1, $2, $3, $4::json, $5)', [
      id,
      params.territoryId,
      invitation.id,
      JSON.stringify(declaration),
      client,
    ]);
    return { status: 200, body: { id, status: 'pending' as const, records: declaredRecords(declaration).length } };
  };
}

function listDeclarations(deps: HandlerDeps): Handlers['listDeclarations'] {
  return async ({ params, role }) => {
    const refused = refuseUnlessAgency(role, deps.writable, 'read');
    if (refused) return refused;
    const territory = await deps.store.get(params.territoryId, 'internal');
    if (!territory) return noTerritory(params.territoryId);
    const [{ total } = { total: 0 }] = await deps.store.db.query<{ total: string | number }>(
      'SELECT count(*) AS total FROM declarations WHERE territory_id = $1 AND ($2::text IS NULL OR status = $2)',
      [params.territoryId, params.status ?? null],
    );
    const ids = await deps.store.db.query<{ id: string }>(
      `SELECT id FROM declarations WHERE territory_id = $1 AND ($2::text IS NULL OR status = $2)
       ORDER BY submitted_at, id LIMIT $3 OFFSET $4`,
      [params.territoryId, params.status ?? null, params.limit ?? 50, params.offset ?? 0],
    );
    const items = [];
    for (const { id } of ids) items.push(await loadReview(deps.store.db, territory, id));
    return { status: 200, body: { total: Number(total), items: items.filter((i) => i !== undefined) } };
  };
}

/** The declaration and moderation handlers. */
export function declarationHandlers(deps: HandlerDeps): Pick<Handlers, 'submitDeclaration' | 'listDeclarations' | 'decideDeclaration'> {
  return { submitDeclaration: submitDeclaration(deps), listDeclarations: listDeclarations(deps), decideDeclaration: decideDeclaration(deps) };
}

export type { StoredRecord };
