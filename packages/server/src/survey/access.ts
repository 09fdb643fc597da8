/** What the handlers share: who may call them, how their bodies are read and checked. */
import { createHash } from 'node:crypto';
import type { H3Event } from 'h3';
import { validateToile } from '@toile/sdk';
import type { Role } from '../auth.ts';
import { readJson, type ProblemReply } from '../body.ts';
import { describeErrors, type OperationSpec } from '../openapi-check.ts';
import { problem } from '../problem.ts';
import type { ToileDocument, ValidationReport } from '../types.ts';

export type { ProblemReply };

/** Why a server refuses every write: it has no agency token. */
export const READ_ONLY = {
  fr: 'serveur en lecture seule : aucun jeton d’agence (TOILE_TOKEN) n’est configuré',
  en: 'read-only server: no agency token (TOILE_TOKEN) is configured',
} as const;

/** The key of a record among all kinds: `kind\0id`. */
export const recordKey = (kind: string, id: string) => `${kind}\u0000${id}`;

/** The SHA-256 of a text, in hexadecimal. */
export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The reason a caller may not use an agency operation, or undefined when it may. */
export function refuseUnlessAgency(role: Role, writable: boolean, what: 'read' | 'write'): ProblemReply | undefined {
  if (what === 'write' && !writable) return problem(403, READ_ONLY);
  if (role === 'partner')
    return problem(
      403,
      what === 'write'
        ? { fr: 'les partenaires lisent ; seule l’agence écrit', en: 'partners read; only the agency writes' }
        : { fr: 'réservé à l’agence', en: 'for the agency only' },
    );
  if (role !== 'agency') {
    return {
      ...problem(401, { fr: 'le jeton de l’agence est requis', en: 'the agency’s bearer token is required' }),
      headers: { 'www-authenticate': 'Bearer realm="toile"' },
    };
  }
  return undefined;
}

/** 404 for a territory the server does not hold. */
export const noTerritory = (id: string) => problem(404, { fr: `aucun territoire ${id}`, en: `no territory ${id}` });

/** Reads a JSON body of at most `limit` bytes and checks it against the operation's request schema (400 with the places otherwise). */
export async function readCheckedBody(event: H3Event, spec: OperationSpec | undefined, limit: number): Promise<{ value: unknown } | { reply: ProblemReply }> {
  const body = await readJson(event, limit);
  if ('reply' in body) return body;
  const errors = spec?.body?.(body.value);
  if (errors) {
    const where = describeErrors(errors, 'body');
    return { reply: problem(400, { fr: `corps de requête invalide : ${where}`, en: `invalid request body: ${where}` }) };
  }
  return body;
}

/** The SDK's validation report of a document, as the API gives it. */
export function reportOf(doc: ToileDocument): ValidationReport & { ok: boolean } {
  const result = validateToile(doc);
  return { ok: result.valid, valid: result.valid, errors: result.errors, warnings: result.warnings, truncated: result.truncated, problems: result.problems };
}

/** A report without the helper field. */
export const bareReport = ({ ok: _ok, ...report }: ValidationReport & { ok: boolean }): ValidationReport => report;
