/**
 * Company declarations and their moderation. A declaration is kept as sent (never written into the
 * territory by itself); the agency reads it record by record against the territory (review.ts) and
 * accepts or rejects each record. Accepted records enter the territory with the declaration as
 * their source and `validated: false`; every decision is in the audit log.
 */
import { randomBytes } from 'node:crypto';
import { getRequestIP, type H3Event } from 'h3';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { validateToile } from '@toile/sdk';
import type { HandlerDeps, Handlers } from '../handlers.ts';
import { problem } from '../problem.ts';
import type { StoredRecord } from '../store/records.ts';
import type { ToileDocument, ValidationReport } from '../types.ts';
import { readJson } from '../body.ts';
import { describeErrors } from '../openapi-check.ts';
import { noTerritory, refuseUnlessAgency, type ProblemReply } from './access.ts';
import { decideDeclaration, loadReview } from './decide.ts';
import { checkInvitation } from './invitations.ts';
import { declaredRecords, type Declaration } from './review.ts';

/** Limits of anonymous declarations (those with an invitation are not limited). */
export interface DeclarationLimits {
  /** Anonymous declarations accepted per client address and hour (default 20). */
  perAddressPerHour: number;
  /** Anonymous declarations accepted per hour in all (default 500). */
  perHour: number;
}

export const DEFAULT_DECLARATION_LIMITS: Readonly<DeclarationLimits> = { perAddressPerHour: 20, perHour: 500 };

/** Every record of the declaration gets a confidentiality level: confidential when it says none. */
function confidentialByDefault(declaration: Declaration): Declaration {
  const level = <T extends { confidentiality?: unknown }>(r: T): T => (r.confidentiality === undefined ? { ...r, confidentiality: 'confidential' } : r);
  return {
    ...declaration,
    establishment: level(declaration.establishment),
    ...(declaration.partners ? { partners: declaration.partners.map(level) } : {}),
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

/** The SDK's validation of the declared records (with the territory's establishments they name), pointers into the declaration. */
function checkDeclaration(territory: ToileDocument, declaration: Declaration): ValidationReport {
  const known = new Set(territory.establishments.map((e) => e.id));
  const own = ownershipProblems(declaration, known);
  const named = new Set([declaration.establishment.id, ...(declaration.partners ?? []).map((p) => p.id)]);
  const referenced = new Set((declaration.flows ?? []).flatMap((f) => [f.from, f.to]).filter((id) => !named.has(id) && known.has(id)));
  const result = validateToile({
    toile: '1.0',
    territory: territory.territory,
    meta: { title: 'declaration' },
    establishments: [declaration.establishment, ...(declaration.partners ?? []), ...territory.establishments.filter((e) => referenced.has(e.id))],
    flows: declaration.flows ?? [],
    ...(declaration.resources?.length ? { resources: declaration.resources } : {}),
  });
  const problems = [...own, ...result.problems.map((p) => ({ ...p, pointer: declarationPointer(p.pointer, declaration.partners?.length ?? 0) }))];
  const errors = own.length + result.errors;
  return { valid: errors === 0, errors, warnings: result.warnings, truncated: result.truncated, problems };
}

/** The anonymous rate limits: per address, and in all. */
function limiters(limits: DeclarationLimits) {
  return {
    address: new RateLimiterMemory({ points: limits.perAddressPerHour, duration: 3600 }),
    all: new RateLimiterMemory({ points: limits.perHour, duration: 3600 }),
  };
}

/** A 429 when an anonymous caller is over its limit, else undefined (and one declaration counted). */
async function overLimit(event: H3Event, limit: ReturnType<typeof limiters>): Promise<ProblemReply | undefined> {
  try {
    await limit.address.consume(getRequestIP(event) ?? 'unknown');
    await limit.all.consume('all');
    return undefined;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    return {
      ...problem(429, {
        fr: `trop de déclarations sans invitation ; réessayez dans ${seconds} s`,
        en: `too many declarations without an invitation; try again in ${seconds} s`,
      }),
      headers: { 'retry-after': String(seconds) },
    };
  }
}

/** The caller's invitation (from the `Toile-Invitation` header), none, or the reply that refuses it. */
async function invitationOf(deps: HandlerDeps, event: H3Event, territoryId: string, declaration: Declaration) {
  const token = event.req.headers.get('toile-invitation');
  if (!token) return { id: null };
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

function submitDeclaration(deps: HandlerDeps, limit: ReturnType<typeof limiters>): Handlers['submitDeclaration'] {
  return async ({ event, params }) => {
    // Nobody could moderate it: a read-only server takes no declaration.
    if (!deps.writable)
      return problem(403, {
        fr: 'serveur en lecture seule : il ne reçoit pas de déclarations',
        en: 'read-only server: it takes no declarations',
      });
    const territory = await deps.store.get(params.territoryId, 'internal');
    if (!territory) return noTerritory(params.territoryId);
    const body = await readDeclaration(deps, event);
    if ('reply' in body) return body.reply;
    const declaration = confidentialByDefault(body.value);
    const invitation = await invitationOf(deps, event, params.territoryId, declaration);
    if ('reply' in invitation) return invitation.reply as ProblemReply;
    if (!invitation.id) {
      const refused = await overLimit(event, limit);
      if (refused) return refused;
    }
    const report = checkDeclaration(territory, declaration);
    if (!report.valid) return { status: 422, body: report };
    const id = `decl-${randomBytes(6).toString('hex')}`;
    await deps.store.db.query('INSERT INTO declarations (id, territory_id, invitation_id, body) VALUES ($1, $2, $3, $4::json)', [
      id,
      params.territoryId,
      invitation.id,
      JSON.stringify(declaration),
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
      [params.territoryId, params.status ?? null, params.limit ?? 100, params.offset ?? 0],
    );
    const items = [];
    for (const { id } of ids) items.push(await loadReview(deps.store.db, territory, id));
    return { status: 200, body: { total: Number(total), items: items.filter((i) => i !== undefined) } };
  };
}

/** The declaration and moderation handlers. */
export function declarationHandlers(
  deps: HandlerDeps,
  limits: DeclarationLimits = DEFAULT_DECLARATION_LIMITS,
): Pick<Handlers, 'submitDeclaration' | 'listDeclarations' | 'decideDeclaration'> {
  return { submitDeclaration: submitDeclaration(deps, limiters(limits)), listDeclarations: listDeclarations(deps), decideDeclaration: decideDeclaration(deps) };
}

export type { StoredRecord };
