/**
 * Issue #14: nothing is lost when many people write at once — 50 concurrent declarations, 50
 * concurrent moderation decisions, two agents editing two flows — and the audit log tells each.
 * Real HTTP on 127.0.0.1; PGlite, and a real PostgreSQL server in the `postgres` project (where the
 * requests really run in parallel on a pool of connections).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToileClient, type ToileClient } from '@toile/sdk';
import { createToileServer, type ListeningServer, type ToileServer } from '../src/server.ts';
import type { ToileDocument } from '../src/types.ts';
import { testDatabase } from './database.ts';

const AGENCY = 'agence-concurrence';
const T = 'vallee';
const N = 50;

const territory = (): ToileDocument => ({
  toile: '1.0',
  territory: { id: T, name: 'Vallée (fictive)' },
  meta: { title: 'Vallée' },
  establishments: [
    { id: 'a', name: 'Forge' },
    { id: 'b', name: 'Fonderie' },
  ],
  flows: [
    { id: 'f1', from: 'a', to: 'b', kind: 'supply' },
    { id: 'f2', from: 'b', to: 'a', kind: 'service' },
  ],
});

let server: ToileServer;
let listening: ListeningServer;
let agency: ToileClient;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toile-conc-'));
  writeFileSync(join(dir, 'vallee.toile.json'), JSON.stringify(territory()));
  server = await createToileServer({
    dataDir: dir,
    database: await testDatabase(),
    token: AGENCY,
    log: () => undefined,
    declarationLimits: { perAddressPerHour: 1000, perHour: 1000 },
  });
  listening = await server.listen(0);
  agency = createToileClient({ baseURL: listening.url, token: AGENCY, retry: 0, timeout: 60_000 });
});
afterAll(async () => {
  await listening.close();
  await server.shutdown();
});

describe('concurrent writers', () => {
  it(`${N} concurrent declarations and ${N} concurrent decisions lose nothing; the audit log tells each`, async () => {
    const anonymous = createToileClient({ baseURL: listening.url, retry: 0, timeout: 60_000 });
    const receipts = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        anonymous.submitDeclaration(T, {
          establishment: { id: `decl-e${i}`, name: `Entreprise ${i}`, confidentiality: i % 2 ? 'public' : 'confidential' },
          flows: [{ id: `decl-f${i}`, from: `decl-e${i}`, to: 'a', kind: 'supply', confidentiality: 'public' }],
        }),
      ),
    );
    expect(new Set(receipts.map((r) => r.id)).size).toBe(N);
    const queue = await agency.listDeclarations(T, { status: 'pending', limit: 200 });
    expect(queue.total).toBe(N);
    // Each declaration decided at once by its own request: even ones accepted, odd ones rejected.
    await Promise.all(
      receipts.map(({ id }, i) =>
        agency.decideDeclaration(T, id, {
          decisions: [
            { kind: 'establishment', id: `decl-e${i}`, decision: i % 2 === 0 ? 'accepted' : 'rejected', comment: `décision ${i}` },
            { kind: 'flow', id: `decl-f${i}`, decision: i % 2 === 0 ? 'accepted' : 'rejected' },
          ],
        }),
      ),
    );
    const doc = await agency.getTerritory(T);
    const accepted = Array.from({ length: N / 2 }, (_, k) => `decl-e${2 * k}`);
    expect(
      doc.establishments
        .map((e) => e.id)
        .filter((id) => id.startsWith('decl-'))
        .sort(),
    ).toEqual([...accepted].sort());
    expect(doc.flows.filter((f) => f.id.startsWith('decl-')).length).toBe(N / 2);
    expect((await agency.listDeclarations(T, { status: 'decided', limit: 200 })).total).toBe(N);
    for (const [i, { id }] of receipts.entries()) {
      const { entries } = await agency.getHistory(T, { origin: id });
      const ops = entries
        .filter((e) => e.kind !== 'territory')
        .map((e) => `${e.op}:${e.id}`)
        .sort();
      expect(ops).toEqual(i % 2 === 0 ? [`create:decl-e${i}`, `create:decl-f${i}`] : [`reject:decl-e${i}`, `reject:decl-f${i}`]);
      expect(entries.find((e) => e.id === `decl-e${i}`)?.comment).toBe(`décision ${i}`);
    }
  });

  it('two agents editing two flows at the same time never overwrite each other', async () => {
    const doc = await agency.getTerritory(T);
    const f1 = doc.flows.find((f) => f.id === 'f1')!;
    const f2 = doc.flows.find((f) => f.id === 'f2')!;
    // Each agent read the territory once, then edits its own flow 20 times, in parallel with the other.
    const edits = Array.from({ length: 20 }, (_, n) => [
      agency.putFlow(T, 'f1', { ...f1, valueEur: 1000 + n }, { comment: `agent 1, ${n}` }),
      agency.putFlow(T, 'f2', { ...f2, valueEur: 2000 + n }, { comment: `agent 2, ${n}` }),
    ]).flat();
    await Promise.all(edits);
    const after = await agency.getTerritory(T);
    expect(after.flows.find((f) => f.id === 'f1')?.valueEur).toBeGreaterThanOrEqual(1000);
    expect(after.flows.find((f) => f.id === 'f2')?.valueEur).toBeGreaterThanOrEqual(2000);
    // Everything else the declarations brought is still there.
    expect(after.flows.length).toBe(2 + N / 2);
    const history = (id: string) => agency.getHistory(T, { kind: 'flow', id, limit: 200 });
    // The value served is the one the last write of each flow left.
    for (const id of ['f1', 'f2']) expect(after.flows.find((f) => f.id === id)).toEqual((await history(id)).entries[0]?.after);
    expect((await history('f1')).entries.filter((e) => e.comment?.startsWith('agent 1')).length).toBe(20);
    expect((await history('f2')).entries.filter((e) => e.comment?.startsWith('agent 2')).length).toBe(20);
  });
});
