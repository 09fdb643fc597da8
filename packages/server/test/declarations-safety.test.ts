/**
 * Issue #14, what a declaration may not do and what moderation may not lose: hourly limits counted
 * in the database, nothing of a confidential record revealed to a declarer, capabilities
 * confidential by default, participation sources kept from the public, a decision taken on what
 * the moderator saw, a workshop's confirmation never undone by a declaration saying the same, and
 * a whole-document write that cannot undo newer work (If-Match). Real HTTP, PGlite and PostgreSQL.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToileClient, ToileApiError, type ToileClient } from '@toile/sdk';
import { createToileServer, type ListeningServer, type ToileServer, type ToileServerOptions } from '../src/server.ts';
import type { ToileDocument } from '../src/types.ts';
import { testDatabase } from './database.ts';

const AGENCY = 'agence-surete';
const PARTNER = 'partenaire-surete';
const T = 'rive';

const territory = (): ToileDocument => ({
  toile: '1.0',
  territory: { id: T, name: 'Rive (fictive)' },
  meta: { title: 'Rive' },
  establishments: [
    { id: 'forge', name: 'Forge de la Rive', siret: '73282932000074', confidentiality: 'public' },
    { id: 'secret-co', name: 'Société Secrète', siret: '44306184100047', naf: '20.59Z', confidentiality: 'confidential' },
    { id: 'atelier', name: 'Atelier', confidentiality: 'public' },
  ],
  flows: [{ id: 'f1', from: 'atelier', to: 'forge', kind: 'supply', confidentiality: 'public' }],
});

interface Started {
  server: ToileServer;
  listening: ListeningServer;
  agency: ToileClient;
  anonymous: ToileClient;
  partner: ToileClient;
}
const started: Started[] = [];
afterAll(async () => {
  for (const s of started) {
    await s.listening.close();
    await s.server.shutdown();
  }
});

async function start(options: Partial<ToileServerOptions> = {}): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'toile-safety-'));
  writeFileSync(join(dir, 'rive.toile.json'), JSON.stringify(territory()));
  const server = await createToileServer({
    dataDir: dir,
    database: await testDatabase(),
    token: AGENCY,
    partnerTokens: [PARTNER],
    log: () => undefined,
    ...options,
  });
  const listening = await server.listen(0);
  const client = (token?: string) => createToileClient({ baseURL: listening.url, retry: 0, ...(token ? { token } : {}) });
  const s = { server, listening, agency: client(AGENCY), anonymous: client(), partner: client(PARTNER) };
  started.push(s);
  return s;
}

async function refusal(call: Promise<unknown>): Promise<{ status?: number; detail?: string; body?: unknown; headers?: Headers }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ToileApiError) return { status: error.status, detail: (error.body as { detail?: string })?.detail, body: error.body };
    throw error;
  }
  throw new Error('the call was not refused');
}

describe('hourly limits, counted in the database', () => {
  it('anonymous declarations per address: 429 with Retry-After, still after a restart; an invitation has its own cap; a revoked one is refused', async () => {
    const s = await start({ declarationLimits: { perAddressPerHour: 2, perHour: 100, perInvitationPerHour: 3 } });
    for (const i of [1, 2]) await s.anonymous.submitDeclaration(T, { establishment: { id: `decl-a${i}`, name: `A${i}` } });
    const refused = await refusal(s.anonymous.submitDeclaration(T, { establishment: { id: 'decl-a3', name: 'A3' } }));
    expect(refused).toMatchObject({ status: 429, detail: expect.stringMatching(/réessayez dans \d+ s.*try again in \d+ s/) });
    // The count is in the database: a second server on it refuses too.
    const again = await createToileServer({
      database: s.server.store.db,
      token: AGENCY,
      log: () => undefined,
      declarationLimits: { perAddressPerHour: 2, perHour: 100 },
    });
    const second = await again.listen(0);
    try {
      const raw = await fetch(`${second.url}/territories/${T}/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"establishment":{"id":"decl-a4","name":"A4"}}',
      });
      expect(raw.status).toBe(429);
      expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(3500);
    } finally {
      await second.close();
    }
    const invitation = await s.agency.createInvitation(T, {});
    for (const i of [1, 2, 3]) await s.anonymous.submitDeclaration(T, { establishment: { id: `decl-i${i}`, name: `I${i}` } }, { invitation: invitation.token });
    expect(await refusal(s.anonymous.submitDeclaration(T, { establishment: { id: 'decl-i4', name: 'I4' } }, { invitation: invitation.token }))).toMatchObject({
      status: 429,
      detail: expect.stringMatching(/cette invitation.*this invitation/),
    });
    const other = await s.agency.createInvitation(T, { label: 'lien perdu' });
    expect(await s.agency.revokeInvitation(T, other.id)).toMatchObject({ id: other.id, revokedAt: expect.any(String) });
    expect(await refusal(s.anonymous.submitDeclaration(T, { establishment: { id: 'decl-r', name: 'R' } }, { invitation: other.token }))).toMatchObject({
      status: 403,
      detail: expect.stringMatching(/révoquée.*revoked/),
    });
    expect(await refusal(s.partner.revokeInvitation(T, other.id))).toMatchObject({ status: 403 });
  });
});

describe('what a declarer may learn or slip in', () => {
  it('a flow to a confidential establishment is "unknown", exactly as one to an id that does not exist; nothing of it comes back', async () => {
    const s = await start();
    const probe = async (to: string) => {
      const refused = await refusal(
        s.anonymous.submitDeclaration(T, {
          establishment: { id: 'decl-me', name: 'Moi', location: { lat: 123, lon: 0 } },
          flows: [{ id: 'decl-f', from: 'decl-me', to, kind: 'supply' }],
        }),
      );
      return JSON.stringify(refused.body).replaceAll(to, 'X');
    };
    const secret = await probe('secret-co');
    expect(secret).toEqual(await probe('nope'));
    expect(secret).toContain('/flows/0/to');
    expect(secret).not.toMatch(/Secrète|20\.59Z|44306184100047|\/establishments\//);
  });

  it('declared capabilities without a level are confidential, and stay out of the public view once accepted', async () => {
    const s = await start();
    const { id } = await s.anonymous.submitDeclaration(T, {
      establishment: {
        id: 'decl-usine',
        name: 'Usine',
        confidentiality: 'public',
        capabilities: [{ id: 'cap1', label: 'Soudage orbital', process: 'din8580:4.6' }],
      },
    });
    const [review] = (await s.agency.listDeclarations(T)).items.filter((d) => d.id === id);
    expect((review?.records[0]?.proposed as { capabilities: { confidentiality: string }[] }).capabilities[0]?.confidentiality).toBe('confidential');
    await s.agency.decideDeclaration(T, id, { decisions: [{ kind: 'establishment', id: 'decl-usine', decision: 'accepted' }] });
    const published = await s.anonymous.getTerritory(T);
    expect(published.establishments.find((e) => e.id === 'decl-usine')).toBeTruthy();
    expect(JSON.stringify(published)).not.toContain('Soudage orbital');
  });

  it('a declaration whose accepted records the public cannot see leaves no trace in the public sources; a visible one names its declaration', async () => {
    const s = await start();
    const hidden = await s.anonymous.submitDeclaration(T, { establishment: { id: 'decl-h', name: 'Cachée' } });
    await s.agency.decideDeclaration(T, hidden.id, { decisions: [{ kind: 'establishment', id: 'decl-h', decision: 'accepted' }] });
    const shown = await s.anonymous.submitDeclaration(T, { establishment: { id: 'decl-v', name: 'Visible', confidentiality: 'public' } });
    await s.agency.decideDeclaration(T, shown.id, { decisions: [{ kind: 'establishment', id: 'decl-v', decision: 'accepted' }] });
    const sources = (await s.anonymous.getTerritory(T)).meta.sources?.map((x) => x.id) ?? [];
    expect(sources).toContain(shown.id);
    expect(sources).not.toContain(hidden.id);
    expect((await s.agency.getTerritory(T)).meta.sources?.map((x) => x.id)).toEqual(expect.arrayContaining([hidden.id, shown.id]));
  });
});

describe('decisions on what the moderator saw', () => {
  it('two records becoming one (same SIRET) cannot both be accepted; a target that moved since the review is refused (409)', async () => {
    const s = await start();
    const { id } = await s.anonymous.submitDeclaration(T, {
      establishment: { id: 'decl-x', name: 'X' },
      partners: [
        { id: 'decl-p1', name: 'Forge A', siret: '73282932000074' },
        { id: 'decl-p2', name: 'Forge B', siret: '73282932000074' },
      ],
    });
    const twice = await refusal(
      s.agency.decideDeclaration(T, id, {
        decisions: [
          { kind: 'establishment', id: 'decl-p1', decision: 'accepted' },
          { kind: 'establishment', id: 'decl-p2', decision: 'accepted' },
        ],
      }),
    );
    expect(twice).toMatchObject({ status: 409, detail: expect.stringMatching(/forge.*accept only one/) });
    const moved = await refusal(
      s.agency.decideDeclaration(T, id, { decisions: [{ kind: 'establishment', id: 'decl-p1', decision: 'accepted', target: 'decl-p1' }] }),
    );
    expect(moved).toMatchObject({ status: 409, detail: expect.stringContaining('forge') });
    // Nothing of either refusal was recorded.
    const [review] = (await s.agency.listDeclarations(T)).items.filter((d) => d.id === id);
    expect(review?.records.every((r) => r.decision === undefined)).toBe(true);
  });

  it('accepting a record the territory already holds as declared changes nothing: a workshop’s confirmation stays', async () => {
    const s = await start();
    const workshop = await s.agency.createWorkshop(T, { label: 'Atelier' });
    const confirmed = {
      id: 'f1',
      from: 'atelier',
      to: 'forge',
      kind: 'supply' as const,
      confidentiality: 'public' as const,
      validated: true,
      source: workshop.id,
    };
    await s.agency.putFlow(T, 'f1', confirmed, { workshop: workshop.id });
    const { id } = await s.anonymous.submitDeclaration(T, {
      establishment: { id: 'atelier', name: 'Atelier', confidentiality: 'public' },
      flows: [{ ...confirmed }],
    });
    const review = await s.agency.decideDeclaration(T, id, {
      decisions: [
        { kind: 'establishment', id: 'atelier', decision: 'accepted' },
        { kind: 'flow', id: 'f1', decision: 'accepted' },
      ],
    });
    expect(review.records.map((r) => `${r.id}:${r.change}:${r.decision}`)).toEqual(['atelier:same:accepted', 'f1:same:accepted']);
    expect((await s.agency.getTerritory(T)).flows.find((f) => f.id === 'f1')).toEqual(confirmed);
  });
});

describe('whole-document writes and past states', () => {
  it('If-Match: a document made from an older revision is refused (412), nothing written; the current ETag passes', async () => {
    const s = await start();
    const url = `${s.listening.url}/territories/${T}`;
    const auth = { authorization: `Bearer ${AGENCY}` };
    const first = await fetch(url, { headers: auth });
    const etag = first.headers.get('etag')!;
    const doc = (await first.json()) as ToileDocument;
    await s.agency.putFlow(T, 'f2', { id: 'f2', from: 'forge', to: 'atelier', kind: 'service' });
    const put = (tag: string) =>
      fetch(url, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/json', 'if-match': tag },
        body: JSON.stringify({ ...doc, meta: { title: 'Rive v2' } }),
      });
    const stale = await put(etag);
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { detail: string }).detail).toMatch(/a changé.*changed/);
    expect((await s.agency.getTerritory(T)).flows.map((f) => f.id)).toEqual(['f1', 'f2']);
    const fresh = (await fetch(url, { headers: auth })).headers.get('etag')!;
    expect(fresh).not.toBe(etag);
    expect((await put(fresh)).status).toBe(200);
  });

  it('every entry of one write has one instant: the state at that instant has all of the write, just before none of it', async () => {
    const s = await start();
    const doc = await s.agency.getTerritory(T);
    const next = {
      ...doc,
      meta: { ...doc.meta, title: 'Rive, après' },
      flows: [...doc.flows, { id: 'f9', from: 'forge', to: 'atelier', kind: 'service' as const }],
    };
    await s.agency.putTerritory(T, next);
    const { entries } = await s.agency.getHistory(T, { limit: 10 });
    const write = entries.filter((e) => e.at === entries[0]!.at);
    expect(write.map((e) => `${e.kind}:${e.id}`).sort()).toEqual([`flow:f9`, `territory:${T}`]);
    const at = await s.agency.getTerritory(T, { at: entries[0]!.at });
    expect(at.meta.title).toBe('Rive, après');
    expect(at.flows.map((f) => f.id)).toContain('f9');
    const before = await s.agency.getTerritory(T, { at: new Date(Date.parse(entries[0]!.at) - 1).toISOString() });
    expect(before.meta.title).toBe('Rive');
    expect(before.flows.map((f) => f.id)).not.toContain('f9');
  });

  it('partners may read the public and partner views but none of the survey’s agency paths', async () => {
    const s = await start();
    for (const call of [
      () => s.partner.getHistory(T),
      () => s.partner.listDeclarations(T),
      () => s.partner.listInvitations(T),
      () => s.partner.createInvitation(T, {}),
      () => s.partner.createWorkshop(T, { label: 'x' }),
      () => s.partner.getTerritory(T, { at: new Date().toISOString() }),
      () => s.partner.putFlow(T, 'f1', { id: 'f1', from: 'atelier', to: 'forge', kind: 'supply' }),
    ])
      expect((await refusal(call())).status).toBe(403);
  });
});
