/**
 * Issue #14: invitations, company declarations, moderation record by record, workshops and the
 * audit log — over real HTTP on 127.0.0.1, through the SDK's typed client, on PGlite and (in the
 * `postgres` project) on a real PostgreSQL server.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToileClient, ToileApiError, type BodyOf, type ToileClient } from '@toile/sdk';
import { createToileServer, type ListeningServer, type ToileServer } from '../src/server.ts';
import type { ToileDocument } from '../src/types.ts';
import { testDatabase } from './database.ts';

const AGENCY = 'agence-declarations';
const T = 'estuaire';

function territory(): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: T, name: 'Estuaire (fictif)' },
    meta: { title: 'Estuaire', fictional: true },
    establishments: [
      { id: 'acier', name: 'Aciérie du Port', siret: '73282932000074', naf: '24.10Z', location: { lat: 49.4, lon: 0.2, postcode: '76600' } },
      { id: 'ciment', name: 'Cimenterie', naf: '23.51Z', location: { lat: 49.41, lon: 0.21 } },
      { id: 'chaudronnerie', name: 'Chaudronnerie Vire', naf: '25.29Z', confidentiality: 'public' },
    ],
    flows: [{ id: 'f1', from: 'acier', to: 'ciment', kind: 'byproduct', item: { code: 'ewc:100202', family: 'mineral-waste' }, confidentiality: 'public' }],
  };
}

let server: ToileServer;
let listening: ListeningServer;
let agency: ToileClient;
let anonymous: ToileClient;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toile-decl-'));
  writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory()));
  server = await createToileServer({
    dataDir: dir,
    database: await testDatabase(),
    token: AGENCY,
    log: () => undefined,
    declarationLimits: { perAddressPerHour: 100, perHour: 100 },
  });
  listening = await server.listen(0);
  agency = createToileClient({ baseURL: listening.url, token: AGENCY, retry: 0 });
  anonymous = createToileClient({ baseURL: listening.url, retry: 0 });
});
afterAll(async () => {
  await listening.close();
  await server.shutdown();
});

/** The status and detail of a refused call. */
async function refusal(call: Promise<unknown>): Promise<{ status?: number; detail?: string; body?: unknown }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ToileApiError) return { status: error.status, detail: (error.body as { detail?: string })?.detail, body: error.body };
    throw error;
  }
  throw new Error('the call was not refused');
}

/** A new company's declaration: itself, a named outside supplier, a flow from it, an offer. */
const newcomer = (): BodyOf<'submitDeclaration'> & Required<Pick<BodyOf<'submitDeclaration'>, 'flows' | 'resources'>> => ({
  establishment: { id: 'decl-usinage', name: 'Usinage du Quai', siret: '35600000000048', naf: '25.62A', location: { lat: 49.42, lon: 0.22 } },
  partners: [{ id: 'decl-fournisseur', name: 'Aciers de Lorraine', external: true }],
  flows: [
    { id: 'decl-f1', from: 'decl-fournisseur', to: 'decl-usinage', kind: 'supply', item: { code: 'cpa:24.10', family: 'ferrous-metals' } },
    { id: 'decl-f2', from: 'decl-usinage', to: 'acier', kind: 'service', confidentiality: 'public', item: { label: 'Usinage de pièces' } },
  ],
  resources: [{ id: 'decl-r1', establishment: 'decl-usinage', direction: 'offer', kind: 'byproduct', item: { label: 'Copeaux d’acier', code: 'ewc:120101' } }],
  note: 'Bonjour, voici nos flux.',
});

describe('invitations', () => {
  it('issues a token shown once, lists invitations without it, and refuses unknown, revoked-by-expiry or misused tokens', async () => {
    const invitation = await agency.createInvitation(T, { establishment: 'chaudronnerie', label: 'Chaudronnerie — atelier de mars' });
    expect(invitation.token).toMatch(/^inv_[A-Za-z0-9_-]{43}$/);
    const { invitations } = await agency.listInvitations(T);
    expect(invitations.find((i) => i.id === invitation.id)).toMatchObject({ establishment: 'chaudronnerie', declarations: 0 });
    expect(JSON.stringify(invitations)).not.toContain(invitation.token);
    const stored = await server.store.db.query<Record<string, unknown>>('SELECT * FROM invitations WHERE id = $1', [invitation.id]);
    expect(JSON.stringify(stored)).not.toContain(invitation.token);
    // For another establishment: 403.
    expect(await refusal(anonymous.submitDeclaration(T, newcomer(), { invitation: invitation.token }))).toMatchObject({
      status: 403,
      detail: expect.stringContaining('chaudronnerie'),
    });
    expect(await refusal(anonymous.submitDeclaration(T, newcomer(), { invitation: 'inv_nope' }))).toMatchObject({ status: 403 });
    const own = { establishment: { id: 'chaudronnerie', name: 'Chaudronnerie Vire', employees: 35 } };
    const receipt = await anonymous.submitDeclaration(T, own, { invitation: invitation.token });
    expect(receipt).toMatchObject({ status: 'pending', records: 1 });
    await server.store.db.query("UPDATE invitations SET expires_at = now() - interval '1 day' WHERE id = $1", [invitation.id]);
    expect(await refusal(anonymous.submitDeclaration(T, own, { invitation: invitation.token }))).toMatchObject({
      status: 403,
      detail: expect.stringMatching(/expirée.*expired/),
    });
    // Only the agency issues or lists invitations.
    expect(await refusal(anonymous.createInvitation(T, {}))).toMatchObject({ status: 401 });
    expect(await refusal(anonymous.listInvitations(T))).toMatchObject({ status: 401 });
  });
});

describe('declarations', () => {
  it('a declaration waits for moderation: the territory does not change, every level left out becomes confidential', async () => {
    const before = await agency.getTerritory(T);
    const receipt = await anonymous.submitDeclaration(T, newcomer());
    expect(receipt).toMatchObject({ status: 'pending', records: 5 });
    expect(await agency.getTerritory(T)).toEqual(before);
    const { items } = await agency.listDeclarations(T, { status: 'pending' });
    const review = items.find((d) => d.id === receipt.id);
    expect(review?.note).toBe('Bonjour, voici nos flux.');
    const level = (id: string) => review?.records.find((r) => r.id === id)?.proposed.confidentiality;
    expect([level('decl-usinage'), level('decl-fournisseur'), level('decl-f1'), level('decl-r1')]).toEqual([
      'confidential',
      'confidential',
      'confidential',
      'confidential',
    ]);
    expect(level('decl-f2')).toBe('public');
    expect(review?.records.map((r) => `${r.kind}:${r.id}:${r.change}`)).toEqual([
      'establishment:decl-usinage:new',
      'establishment:decl-fournisseur:new',
      'flow:decl-f1:new',
      'flow:decl-f2:new',
      'resource:decl-r1:new',
    ]);
  });

  it('shows changed records and duplicates with the fields that differ (the SDK merge: SIRET, name and postcode, flow keys)', async () => {
    const receipt = await anonymous.submitDeclaration(T, {
      establishment: {
        id: 'acier',
        name: 'Aciérie du Port',
        siret: '73282932000074',
        naf: '24.10Z',
        employees: 950,
        location: { lat: 49.4, lon: 0.2, postcode: '76600' },
      },
      partners: [{ id: 'decl-dup', name: 'Cimenterie bis', siret: '73282932000074' }],
      flows: [
        {
          id: 'decl-slag',
          from: 'acier',
          to: 'ciment',
          kind: 'byproduct',
          item: { code: 'ewc:100202', family: 'mineral-waste' },
          quantity: { value: 180000, unit: 't/yr' },
        },
      ],
    });
    const { items } = await agency.listDeclarations(T);
    const records = items.find((d) => d.id === receipt.id)?.records ?? [];
    expect(records[0]).toMatchObject({ id: 'acier', change: 'changed', matchedBy: 'id' });
    // The company said nothing of its level: confidential by default, which the moderator sees as a change.
    expect(records[0]?.conflicts).toEqual([
      { field: 'employees', proposed: 950 },
      { field: 'confidentiality', proposed: 'confidential' },
    ]);
    expect(records[1]).toMatchObject({ id: 'decl-dup', target: 'acier', change: 'duplicate', matchedBy: 'siret' });
    expect(records[2]).toMatchObject({ id: 'decl-slag', target: 'f1', change: 'duplicate', matchedBy: 'key' });
    expect(records[2]?.conflicts).toEqual([
      { field: 'confidentiality', current: 'public', proposed: 'confidential' },
      { field: 'quantity', proposed: { value: 180000, unit: 't/yr' } },
    ]);
  });

  it('refuses a declaration whose records are not the company’s, naming each place (JSON pointers into the declaration)', async () => {
    const bad = newcomer();
    bad.flows.push({ id: 'decl-f3', from: 'acier', to: 'ciment', kind: 'service', confidentiality: 'public', item: { label: 'x' } });
    bad.resources[0]!.establishment = 'acier';
    (bad.establishment as { location: { lat: number } }).location.lat = 123;
    const refused = await refusal(anonymous.submitDeclaration(T, bad));
    expect(refused.status).toBe(422);
    const pointers = (refused.body as { problems: { pointer: string; severity: string; message: { fr: string; en: string } }[] }).problems
      .filter((p) => p.severity === 'error')
      .map((p) => p.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/flows/2', '/resources/0/establishment', '/establishment/location/lat']));
  });
});

describe('moderation', () => {
  it('accepts two records and rejects one: accepted records enter with the declaration as source, the public sees only public ones, the audit log tells each', async () => {
    const declaration = newcomer();
    const invitation = await agency.createInvitation(T, { label: 'Usinage du Quai' });
    const { id } = await anonymous.submitDeclaration(T, declaration, { invitation: invitation.token });
    // A flow whose end is not accepted cannot enter: 422, nothing written.
    const dangling = await refusal(agency.decideDeclaration(T, id, { decisions: [{ kind: 'flow', id: 'decl-f2', decision: 'accepted' }] }));
    expect(dangling.status).toBe(422);
    const review = await agency.decideDeclaration(T, id, {
      decisions: [
        { kind: 'establishment', id: 'decl-usinage', decision: 'accepted', comment: 'SIRET vérifié' },
        { kind: 'flow', id: 'decl-f2', decision: 'accepted' },
        { kind: 'resource', id: 'decl-r1', decision: 'rejected', comment: 'déjà déclaré ailleurs' },
      ],
    });
    expect(review.status).toBe('pending');
    expect(review.records.filter((r) => r.decision).map((r) => `${r.id}:${r.decision}`)).toEqual([
      'decl-usinage:accepted',
      'decl-f2:accepted',
      'decl-r1:rejected',
    ]);
    const doc = await agency.getTerritory(T);
    expect(doc.establishments.find((e) => e.id === 'decl-usinage')).toMatchObject({ sources: [id], validated: false, confidentiality: 'confidential' });
    expect(doc.flows.find((f) => f.id === 'decl-f2')).toMatchObject({ source: id, validated: false, from: 'decl-usinage', to: 'acier' });
    expect(doc.resources ?? []).toEqual([]);
    expect(doc.meta.sources).toContainEqual(expect.objectContaining({ id, method: 'declaration' }));
    // The public: the public flow, not its confidential end.
    const published = await anonymous.getTerritory(T);
    expect(published.flows.map((f) => f.id)).not.toContain('decl-f2');
    expect(JSON.stringify(published)).not.toContain('Usinage du Quai');
    // Decided once.
    expect(await refusal(agency.decideDeclaration(T, id, { decisions: [{ kind: 'resource', id: 'decl-r1', decision: 'accepted' }] }))).toMatchObject({
      status: 409,
    });
    const { entries } = await agency.getHistory(T, { origin: id });
    expect(entries.map((e) => `${e.op}:${e.kind}:${e.id}:${e.comment ?? ''}`).sort()).toEqual([
      'create:establishment:decl-usinage:SIRET vérifié',
      'create:flow:decl-f2:',
      'reject:resource:decl-r1:déjà déclaré ailleurs',
      'update:territory:estuaire:',
    ]);
    expect(entries.every((e) => e.actor === 'declaration')).toBe(true);
    // Only the agency moderates or reads the history.
    expect(await refusal(anonymous.listDeclarations(T))).toMatchObject({ status: 401 });
    expect(await refusal(anonymous.getHistory(T))).toMatchObject({ status: 401 });
  });
});

describe('workshops', () => {
  it('confirms and corrects flows in a workshop: validated, with the workshop as source, listed by the history of the workshop', async () => {
    const workshop = await agency.createWorkshop(T, { label: 'Atelier filière métaux', date: '2026-12-04' });
    expect(workshop).toMatchObject({ method: 'workshop', date: '2026-12-04', id: expect.stringMatching(/^atelier-2026-12-04-/) });
    const doc = await agency.getTerritory(T);
    const f1 = doc.flows.find((f) => f.id === 'f1')!;
    const confirmed = { ...f1, quantity: { value: 210000, unit: 't/yr' as const }, validated: true, source: workshop.id };
    expect(await agency.putFlow(T, 'f1', confirmed, { workshop: workshop.id, comment: 'quantité corrigée en séance' })).toMatchObject({ op: 'update' });
    expect(await agency.putFlow(T, 'f1', confirmed, { workshop: workshop.id })).toMatchObject({ op: 'unchanged' });
    const added = { id: 'f-new', from: 'ciment', to: 'acier', kind: 'service' as const, validated: true, source: workshop.id };
    expect(await agency.putFlow(T, 'f-new', added, { workshop: workshop.id })).toMatchObject({ op: 'create' });
    const { entries } = await agency.getHistory(T, { origin: workshop.id });
    expect(entries.map((e) => `${e.op}:${e.id}:${e.actor}`)).toEqual(['create:f-new:workshop', 'update:f1:workshop']);
    expect(entries[1]).toMatchObject({ comment: 'quantité corrigée en séance', before: f1, after: confirmed });
    // A flow that would break the territory, an id that differs from the path, an unknown workshop: refused, nothing written.
    expect(await refusal(agency.putFlow(T, 'f-bad', { ...added, id: 'f-bad', to: 'nowhere' }))).toMatchObject({ status: 422 });
    expect(await refusal(agency.putFlow(T, 'f-x', added))).toMatchObject({ status: 400 });
    expect(await refusal(agency.putFlow(T, 'f1', confirmed, { workshop: 'atelier-inconnu' }))).toMatchObject({ status: 400 });
    expect(await refusal(anonymous.putFlow(T, 'f1', confirmed))).toMatchObject({ status: 401 });
    expect((await agency.getTerritory(T)).flows.map((f) => f.id)).toEqual(['f1', 'decl-f2', 'f-new']);
  });

  it('serves the territory as it stood before the workshop (the agency only)', async () => {
    const { entries } = await agency.getHistory(T, { kind: 'flow', id: 'f1' });
    const beforeWorkshop = new Date(new Date(entries[0]!.at).getTime() - 1).toISOString();
    const then = await agency.getTerritory(T, { at: beforeWorkshop });
    expect(then.flows.find((f) => f.id === 'f1')?.quantity).toBeUndefined();
    expect(then.flows.map((f) => f.id)).not.toContain('f-new');
    expect(await refusal(anonymous.getTerritory(T, { at: beforeWorkshop }))).toMatchObject({ status: 401 });
  });
});
