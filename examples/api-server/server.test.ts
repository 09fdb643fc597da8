import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createToileClient, ToileApiError } from '@toile/sdk';
import type { ToileDocument } from './types.ts';
import { createToileServer, type RunningServer } from './server.ts';

const TOKEN = 'test-token';

function territory(): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: 'estuaire', name: 'Estuaire (fictif)' },
    meta: { title: 'Toile de l’estuaire (fictive)', updated: '2026-11-01', fictional: true },
    establishments: [
      { id: 'acier', name: 'Aciérie du Port', naf: '24.10Z', employees: 800, sectors: ['métallurgie'], location: { lat: 49.4, lon: 0.2, city: 'Port-Rivière' } },
      { id: 'ciment', name: 'Cimenterie', naf: '23.51Z', employees: 120, location: { city: 'Écluse' } },
      { id: 'mine', name: 'Mine lointaine', external: true },
      { id: 'labo', name: 'Laboratoire <script>alert(1)</script>', naf: '72.19Z' },
    ],
    flows: [
      { id: 'f1', from: 'acier', to: 'ciment', kind: 'byproduct', item: { code: 'ewc:100202' }, quantity: { value: 200000, unit: 't/yr' } },
      { id: 'f2', from: 'mine', to: 'acier', kind: 'supply', confidentiality: 'confidential', valueEur: 987654 },
      { id: 'f3', from: 'labo', to: 'acier', kind: 'knowledge' },
    ],
    resources: [{ id: 'r1', establishment: 'acier', direction: 'offer', kind: 'energy', item: { family: 'heat' } }],
  };
}

let dir: string;
let server: RunningServer;
let flaky: RunningServer;
const api = () => createToileClient({ baseURL: server.url, token: TOKEN, retryDelay: 10 });
const anonymous = () => createToileClient({ baseURL: server.url, retryDelay: 10 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'toile-api-'));
  writeFileSync(join(dir, 'estuaire.toile.json'), JSON.stringify(territory()));
  server = await createToileServer({
    dataDir: dir,
    token: TOKEN,
    analysis: {
      synergies: (doc, params) => ({
        matches: doc.establishments.length > 1 ? [{ offer: 'r1', need: 'f1', from: 'acier', to: 'ciment', score: 0.5, parts: { item: 1 }, ...(params.top ? {} : {}) }] : [],
      }),
    },
  });
  flaky = await createToileServer({ dataDir: dir, token: TOKEN, failFirst: 2 });
});
afterAll(async () => {
  await server.close();
  await flaky.close();
});

describe('the typed client covers the OpenAPI document', () => {
  it('has one method per operationId', () => {
    const yaml = parseYaml(readFileSync(new URL('../../packages/schema/openapi.yaml', import.meta.url), 'utf8'));
    const operationIds = Object.values(yaml.paths as Record<string, Record<string, { operationId?: string }>>)
      .flatMap((item) => Object.values(item).map((op) => op.operationId))
      .filter(Boolean)
      .sort();
    expect(Object.keys(api()).sort()).toEqual(operationIds);
  });
});

describe('reads over HTTP', () => {
  it('lists territories', async () => {
    const { territories } = await api().listTerritories();
    expect(territories).toEqual([{ id: 'estuaire', name: 'Estuaire (fictif)', title: 'Toile de l’estuaire (fictive)', updated: '2026-11-01', establishments: 4, flows: 3 }]);
  });

  it('gets a territory as published for the caller: public without token, whole with it', async () => {
    const publicDoc = await anonymous().getTerritory('estuaire');
    expect(publicDoc.flows.map((f) => f.id)).toEqual(['f1', 'f3']);
    expect(JSON.stringify(publicDoc)).not.toContain('987654');
    const full = await api().getTerritory('estuaire');
    expect(full.flows).toHaveLength(3);
  });

  it('filters establishments (accent-insensitive search, NAF prefix, external) and pages', async () => {
    expect((await api().listEstablishments('estuaire', { q: 'ecluse' })).items.map((e) => e.id)).toEqual(['ciment']);
    expect((await api().listEstablishments('estuaire', { naf: '24' })).items.map((e) => e.id)).toEqual(['acier']);
    expect((await api().listEstablishments('estuaire', { external: true })).items.map((e) => e.id)).toEqual(['mine']);
    const page = await api().listEstablishments('estuaire', { limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 4 });
    expect(page.items.map((e) => e.id)).toEqual(['ciment', 'mine']);
  });

  it('gets one establishment with its flows; hostile names come back as plain data', async () => {
    const detail = await api().getEstablishment('estuaire', 'acier');
    expect(detail.inflows.map((f) => f.id)).toEqual(['f2', 'f3']);
    expect(detail.outflows.map((f) => f.id)).toEqual(['f1']);
    expect(detail.resources.map((r) => r.id)).toEqual(['r1']);
    expect((await api().getEstablishment('estuaire', 'labo')).establishment.name).toBe('Laboratoire <script>alert(1)</script>');
  });

  it('filters flows by kinds (array parameter) and code prefix', async () => {
    expect((await api().listFlows('estuaire', { kind: ['byproduct', 'knowledge'] })).items.map((f) => f.id)).toEqual(['f1', 'f3']);
    expect((await api().listFlows('estuaire', { code: 'ewc:10' })).items.map((f) => f.id)).toEqual(['f1']);
  });

  it('turns 404 problem details into a ToileApiError', async () => {
    const error = await api().getEstablishment('estuaire', 'ghost').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToileApiError);
    expect(error).toMatchObject({ status: 404, operation: 'getEstablishment', problem: { title: 'Not found', status: 404 } });
    await expect(api().getTerritory('nowhere')).rejects.toMatchObject({ status: 404 });
  });

  it('answers 400 to parameters outside the OpenAPI document', async () => {
    await expect(api().listFlows('estuaire', { limit: 0 })).rejects.toMatchObject({ status: 400, problem: { title: 'Invalid parameters' } });
    await expect(api().listFlows('estuaire', { kind: ['teleport' as 'supply'] })).rejects.toMatchObject({ status: 400 });
  });

  it('serves synergies through the analysis engine, and 501 without one', async () => {
    expect((await api().listSynergies('estuaire', { top: 5 })).matches[0]).toMatchObject({ from: 'acier', to: 'ciment' });
    await expect(api().runDomino('estuaire', { model: 'cascade', shocks: [{ establishment: 'acier', fraction: 1 }] })).rejects.toMatchObject({ status: 501 });
  });
});

describe('writes', () => {
  it('refuse a PUT without token (401)', async () => {
    await expect(anonymous().putTerritory('estuaire', territory())).rejects.toMatchObject({ status: 401 });
  });

  it('refuse an invalid document with its validation report (422)', async () => {
    const bad = territory();
    bad.flows.push({ id: 'f9', from: 'acier', to: 'ghost', kind: 'supply' });
    const error = (await api().putTerritory('estuaire', bad).catch((e: unknown) => e)) as ToileApiError;
    expect(error.status).toBe(422);
    expect((error.problem as { problems: { pointer: string }[] }).problems[0]?.pointer).toBe('/flows/3/to');
  });

  it('store a valid document atomically and serve it at once', async () => {
    const next = territory();
    next.establishments.push({ id: 'neo', name: 'Nouvelle usine', status: 'planned' });
    const report = await api().putTerritory('estuaire', next);
    expect(report.valid).toBe(true);
    expect((await api().listTerritories()).territories[0]?.establishments).toBe(5);
    expect(JSON.parse(readFileSync(join(dir, 'estuaire.toile.json'), 'utf8')).establishments).toHaveLength(5);
  });
});

describe('resilience', () => {
  it('retries idempotent calls after 503s (counted on the server)', async () => {
    const before = flaky.requests;
    const client = createToileClient({ baseURL: flaky.url, retry: 2, retryDelay: 10 });
    const { territories } = await client.listTerritories();
    expect(territories).toHaveLength(1);
    expect(flaky.requests - before).toBe(3);
  });

  it('gives up after the timeout, and on abort', async () => {
    const slow = createToileClient({ baseURL: server.url, timeout: 1, retry: 0 });
    // 1 ms is shorter than any answer, even on loopback.
    await expect(slow.getTerritory('estuaire')).rejects.toMatchObject({ status: 0 });
    const controller = new AbortController();
    controller.abort();
    await expect(api().listTerritories({ signal: controller.signal })).rejects.toBeInstanceOf(Error);
  });

  it('says when nothing listens', async () => {
    const gone = createToileClient({ baseURL: 'http://127.0.0.1:9', retry: 0, timeout: 2000 });
    await expect(gone.listTerritories()).rejects.toMatchObject({ status: 0, operation: 'listTerritories' });
  });
});
