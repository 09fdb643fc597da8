import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToileClient } from '@toile/sdk';
import { createToileServer } from '../src/server.ts';
import { sdkEngines } from '../src/engines.ts';
import { testDatabase } from './database.ts';

// The sample data served read-only over real HTTP, with the SDK's engines plugged in.
let close: () => Promise<void>;
let url = '';
beforeAll(async () => {
  const server = await createToileServer({
    dataDir: fileURLToPath(new URL('../../../examples/data', import.meta.url)),
    database: await testDatabase(),
    token: 't',
    analysis: sdkEngines,
    log: () => undefined,
  });
  ({ url, close } = await server.listen(0));
});
afterAll(() => close());

describe('the domino endpoint with the SDK simulator', () => {
  it('runs a cascade on the sample territory; the response passes the OpenAPI check', async () => {
    const api = createToileClient({ baseURL: url });
    const out = await api.runDomino('estuaire-vire-marine', { model: 'cascade', shocks: [{ establishment: 'acierie', fraction: 1 }] });
    expect(out.model).toBe('cascade');
    expect(out.results[0]).toMatchObject({ id: 'acierie', inoperability: 1, failed: true, round: 0 });
    expect(out.totals.establishmentsFailed).toBeGreaterThan(1);
  });

  it('runs the dynamic IIM with a trajectory', async () => {
    const api = createToileClient({ baseURL: url });
    const out = await api.runDomino('estuaire-vire-marine', {
      model: 'diim',
      shocks: [{ establishment: 'raffinerie', fraction: 0.6 }],
      recoveryDays: 20,
      steps: 10,
    });
    expect(out.results.find((r) => r.id === 'raffinerie')?.trajectory).toHaveLength(11);
  });

  it('refuses an unknown establishment with problem details', async () => {
    const api = createToileClient({ baseURL: url, retry: 0 });
    await expect(api.runDomino('estuaire-vire-marine', { model: 'iim', shocks: [{ establishment: 'ghost', fraction: 1 }] })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('the synergies endpoint with the SDK synergy finder', () => {
  it('lists candidates best first, each passing the OpenAPI check', async () => {
    const api = createToileClient({ baseURL: url });
    const { matches } = await api.listSynergies('estuaire-vire-marine', { top: 10, radiusKm: 30 });
    expect(matches.length).toBeGreaterThan(0);
    for (let k = 1; k < matches.length; k++) expect(matches[k - 1]!.score).toBeGreaterThanOrEqual(matches[k]!.score);
    expect(matches[0]!.score).toBeGreaterThan(0);
  });
});
