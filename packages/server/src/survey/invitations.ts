/**
 * Invitations: a personal link the agency sends a company, carrying a token that lets it declare
 * without an account (optionally for one establishment). Only the token's SHA-256 is stored; the
 * token is shown once, when it is issued.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import type { HandlerDeps, Handlers } from '../handlers.ts';
import { problem } from '../problem.ts';
import { noTerritory, readCheckedBody, refuseUnlessAgency, sha256Hex, type ProblemReply } from './access.ts';

/** A stored invitation. */
export interface InvitationRow {
  id: string;
  territory_id: string;
  establishment_id: string | null;
  label: string | null;
  created_at: string | Date;
  expires_at: string | Date;
  revoked_at: string | Date | null;
}

const iso = (value: string | Date) => new Date(value).toISOString();

/** The invitation a token opens, or the 403 that refuses it (unknown, revoked, expired, or for another territory). */
export async function checkInvitation(db: Queryable, token: string, territoryId: string): Promise<InvitationRow | ProblemReply> {
  const [row] = await db.query<InvitationRow>('SELECT * FROM invitations WHERE token_sha256 = $1', [sha256Hex(token)]);
  if (!row || row.territory_id !== territoryId) return problem(403, { fr: 'invitation inconnue', en: 'unknown invitation' });
  if (row.revoked_at) return problem(403, { fr: 'invitation révoquée', en: 'revoked invitation' });
  if (new Date(row.expires_at).getTime() < Date.now()) return problem(403, { fr: 'invitation expirée', en: 'expired invitation' });
  return row;
}

/** An invitation as the API shows it (never its token). */
function view(row: InvitationRow & { declarations?: string | number }) {
  return {
    id: row.id,
    ...(row.establishment_id ? { establishment: row.establishment_id } : {}),
    ...(row.label ? { label: row.label } : {}),
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    ...(row.revoked_at ? { revokedAt: iso(row.revoked_at) } : {}),
    ...(row.declarations !== undefined ? { declarations: Number(row.declarations) } : {}),
  };
}

function createInvitation(deps: HandlerDeps): Handlers['createInvitation'] {
  return async (context) => {
    const refused = refuseUnlessAgency(context.role, deps.writable, 'write');
    if (refused) return refused;
    const body = await readCheckedBody(context.event, deps.specs.get('createInvitation'), deps.limits.analysis);
    if ('reply' in body) return body.reply;
    const { establishment, label, expiresInDays = 60 } = body.value as { establishment?: string; label?: string; expiresInDays?: number };
    const { territoryId } = context.params;
    const doc = await deps.store.get(territoryId, 'internal');
    if (!doc) return noTerritory(territoryId);
    if (establishment && !doc.establishments.some((e) => e.id === establishment))
      return problem(400, { fr: `aucun établissement ${establishment} dans ce territoire`, en: `no establishment ${establishment} in this territory` });
    const token = `inv_${randomBytes(32).toString('base64url')}`;
    const id = `inv-${randomBytes(6).toString('hex')}`;
    const [row] = await deps.store.db.query<InvitationRow>(
      `INSERT INTO invitations (id, token_sha256, territory_id, establishment_id, label, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6::int)) RETURNING *`,
      [id, sha256Hex(token), territoryId, establishment ?? null, label ?? null, expiresInDays],
    );
    return { status: 200, body: { ...view(row as InvitationRow), token } };
  };
}

function listInvitations(deps: HandlerDeps): Handlers['listInvitations'] {
  return async ({ params, role }) => {
    const refused = refuseUnlessAgency(role, deps.writable, 'read');
    if (refused) return refused;
    if (!(await deps.store.get(params.territoryId, 'internal'))) return noTerritory(params.territoryId);
    const rows = await deps.store.db.query<InvitationRow & { declarations: string }>(
      `SELECT i.*, (SELECT count(*) FROM declarations d WHERE d.invitation_id = i.id) AS declarations
       FROM invitations i WHERE territory_id = $1 ORDER BY created_at DESC, id`,
      [params.territoryId],
    );
    return { status: 200, body: { invitations: rows.map(view) } };
  };
}

/** Revokes an invitation: its token is refused from then on (a link that leaked). */
function revokeInvitation(deps: HandlerDeps): Handlers['revokeInvitation'] {
  return async ({ params, role }) => {
    const refused = refuseUnlessAgency(role, deps.writable, 'write');
    if (refused) return refused;
    const [row] = await deps.store.db.query<InvitationRow>(
      'UPDATE invitations SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND territory_id = $2 RETURNING *',
      [params.invitationId, params.territoryId],
    );
    if (!row) return problem(404, { fr: `aucune invitation ${params.invitationId}`, en: `no invitation ${params.invitationId}` });
    return { status: 200, body: view(row) };
  };
}

/** The invitation handlers. */
export function invitationHandlers(deps: HandlerDeps): Pick<Handlers, 'createInvitation' | 'listInvitations' | 'revokeInvitation'> {
  return { createInvitation: createInvitation(deps), listInvitations: listInvitations(deps), revokeInvitation: revokeInvitation(deps) };
}
