/**
 * Issue #12.5: each token role reads exactly its audience, over real HTTP on 127.0.0.1. The bytes
 * of every response are searched for the secrets of the levels above the reader's audience.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToileDocument } from '../src/types.ts';
import { sdkEngines } from '../src/engines.ts';
import { createToileServer, type ListeningServer } from '../src/server.ts';

const AGENCY = 'agency-token-0123456789';
const PARTNERS = ['partner-one-abcdef', 'partner-two-ghijkl'];
/** Every string holding P-SECRET is partner-level; C-SECRET, confidential (or hidden behind such a record). */
const P = 'P-SECRET';
const C = 'C-SECRET';

function territory(): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: 'roles', name: 'Rôles (fictif)' },
    meta: { title: 'Territoire des rôles', fictional: true },
    establishments: [
      { id: 'pub1', name: 'Usine publique', location: { lat: 49.4, lon: 0.2 } },
      { id: 'pub2', name: 'Atelier public', location: { lat: 49.41, lon: 0.21 } },
      { id: 'part1', name: `Site ${P} 1`, description: `${P} description`, confidentiality: 'partners', location: { lat: 49.42, lon: 0.22 } },
      { id: 'conf1', name: `Site ${C} 1`, description: `${C} description`, confidentiality: 'confidential', employees: 4321 },
    ],
    flows: [
      { id: 'f-pub', from: 'pub1', to: 'pub2', kind: 'byproduct', item: { family: 'heat' }, description: 'chaleur publique' },
      { id: 'f-part', from: 'pub1', to: 'pub2', kind: 'supply', confidentiality: 'partners', description: `${P} flow` },
      { id: 'f-conf', from: 'pub2', to: 'pub1', kind: 'supply', confidentiality: 'confidential', description: `${C} flow`, valueEur: 987654 },
      { id: 'f-to-part', from: 'pub1', to: 'part1', kind: 'service', description: `${P} via its end` },
      { id: 'f-to-conf', from: 'conf1', to: 'pub2', kind: 'energy', description: `${C} via its end` },
    ],
    resources: [
      { id: 'r-pub', establishment: 'pub1', direction: 'offer', kind: 'energy', item: { family: 'heat' } },
      {
        id: 'r-part',
        establishment: 'pub2',
        direction: 'need',
        kind: 'energy',
        item: { family: 'heat' },
        confidentiality: 'partners',
        description: `${P} need`,
      },
      { id: 'r-conf', establishment: 'pub2', direction: 'need', kind: 'byproduct', confidentiality: 'confidential', description: `${C} need` },
      { id: 'r-on-conf', establishment: 'conf1', direction: 'offer', kind: 'byproduct', description: `${C} via its establishment` },
    ],
  };
}

let server: ListeningServer;
let url = '';
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toile-roles-'));
  writeFileSync(join(dir, 'roles.toile.json'), JSON.stringify(territory()));
  const toile = await createToileServer({ dataDir: dir, token: AGENCY, partnerTokens: PARTNERS, analysis: sdkEngines, log: () => undefined });
  server = await toile.listen(0);
  url = server.url;
});
afterAll(() => server.close());

const headers = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
const get = async (path: string, token?: string) => {
  const response = await fetch(`${url}${path}`, { headers: headers(token) });
  return { status: response.status, text: await response.text() };
};

/** Every read of the API, as one caller: the bytes of all answers, joined. */
async function everything(token?: string): Promise<string> {
  const paths = [
    '/territories',
    '/territories/roles',
    '/territories/roles/establishments?limit=10000',
    '/territories/roles/flows?limit=10000',
    '/territories/roles/synergies?top=1000&radiusKm=1000',
  ];
  paths.push(...territory().establishments.map((e) => `/territories/roles/establishments/${e.id}`));
  const texts = await Promise.all(paths.map(async (p) => (await get(p, token)).text));
  const domino = await fetch(`${url}/territories/roles/domino`, {
    method: 'POST',
    headers: { ...headers(token), 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'cascade', shocks: [{ establishment: 'pub1', fraction: 1 }] }),
  });
  expect(domino.status).toBe(200);
  return [...texts, await domino.text()].join('\n');
}

describe('token roles (issue #12.5)', () => {
  it('anonymous callers read public records only: no partner or confidential byte', async () => {
    const bytes = await everything();
    expect(bytes).not.toContain(P);
    expect(bytes).not.toContain(C);
    expect(bytes).not.toContain('987654');
    expect(bytes).not.toContain('4321');
    expect(bytes).toContain('Usine publique');
  });

  for (const token of PARTNERS) {
    it(`a partner token (${token.slice(0, 11)}…) reads partner records, never confidential ones`, async () => {
      const bytes = await everything(token);
      expect(bytes).toContain(`Site ${P} 1`);
      expect(bytes).toContain(`${P} flow`);
      expect(bytes).toContain(`${P} need`);
      expect(bytes).toContain(`${P} via its end`);
      expect(bytes).not.toContain(C);
      expect(bytes).not.toContain('987654');
    });
  }

  it('the agency reads every record', async () => {
    const bytes = await everything(AGENCY);
    for (const secret of [`Site ${P} 1`, `${P} flow`, `Site ${C} 1`, `${C} flow`, `${C} via its establishment`, '987654']) expect(bytes).toContain(secret);
  });

  it('/territories counts only the records the caller may see, and no withheld counts leak in the documents', async () => {
    const sizes = async (token?: string) => JSON.parse((await get('/territories', token)).text).territories[0];
    expect(await sizes()).toMatchObject({ id: 'roles', establishments: 2, flows: 1 });
    expect(await sizes(PARTNERS[0])).toMatchObject({ establishments: 3, flows: 3 });
    expect(await sizes(AGENCY)).toMatchObject({ establishments: 4, flows: 5 });
    const publicDoc = JSON.parse((await get('/territories/roles')).text) as ToileDocument;
    expect(publicDoc.meta.publication).toMatchObject({ audience: 'public' });
    expect(publicDoc.meta.publication?.withheld).toBeUndefined();
    expect(JSON.parse((await get('/territories/roles', PARTNERS[1])).text).meta.publication.audience).toBe('partners');
  });

  it('refuses a token that matches no role (401), on reads too, rather than serving it as anonymous', async () => {
    for (const token of ['guess', `${AGENCY}x`, PARTNERS[0]!.toUpperCase()]) {
      const answer = await fetch(`${url}/territories`, { headers: headers(token) });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toContain('invalid_token');
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await fetch(`${url}/territories`, { headers: { authorization: 'Basic YTpi' } })).status).toBe(401);
  });

  it('partners read but may not write (403); the agency writes', async () => {
    const put = (token?: string) =>
      fetch(`${url}/territories/roles`, {
        method: 'PUT',
        headers: { ...headers(token), 'content-type': 'application/json' },
        body: JSON.stringify(territory()),
      });
    const partner = await put(PARTNERS[0]);
    expect(partner.status).toBe(403);
    expect((await partner.json()).detail).toMatch(/partenaires.*partners/);
    const anonymous = await put();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="toile"');
    expect((await put(AGENCY)).status).toBe(200);
  });
});

describe('keys written twice (issue #12.4, server side)', () => {
  it('a level written twice counts as the stricter one, in a PUT body and in a file read at start', async () => {
    const text = (id: string) =>
      `{"toile":"1.0","territory":{"id":"${id}","name":"Doublons"},"meta":{"title":"Doublons"},"establishments":[` +
      `{"id":"a","name":"Public"},{"id":"a2","name":"Public 2"},{"id":"b","name":"${C} twice","confidentiality":"confidential","confidentiality":"public"}],` +
      `"flows":[{"id":"f","from":"a","to":"a2","kind":"supply","description":"${P} twice","confidentiality":"partners","confidentiality":"public"}]}`;
    const put = await fetch(`${url}/territories/doublons`, {
      method: 'PUT',
      headers: { ...headers(AGENCY), 'content-type': 'application/json' },
      body: text('doublons'),
    });
    expect(put.status).toBe(200);
    const report = await put.json();
    expect(report.problems.map((p: { pointer: string; code: string }) => `${p.pointer} ${p.code}`)).toEqual(
      expect.arrayContaining(['/establishments/2/confidentiality duplicate-confidentiality']),
    );
    const dir = mkdtempSync(join(tmpdir(), 'toile-roles-'));
    writeFileSync(join(dir, 'fichier.toile.json'), text('fichier'));
    const fromFile = await (await createToileServer({ dataDir: dir, token: AGENCY, log: () => undefined })).listen(0);
    try {
      for (const [base, id] of [
        [url, 'doublons'],
        [fromFile.url, 'fichier'],
      ] as const) {
        const anonymous = await (await fetch(`${base}/territories/${id}`)).text();
        expect(anonymous).toContain('Public');
        expect(anonymous).not.toContain(C);
        expect(anonymous).not.toContain(P);
      }
      expect(await (await fetch(`${url}/territories/doublons`, { headers: headers(PARTNERS[0]) })).text()).toContain(`${P} twice`);
    } finally {
      await fromFile.close();
    }
  });
});

describe('token configuration', () => {
  it('reads TOILE_TOKEN and the comma-separated TOILE_PARTNER_TOKENS; empty values are absent', async () => {
    const { tokensFromEnvironment } = await import('../src/auth.ts');
    expect(tokensFromEnvironment({ TOILE_TOKEN: ' a1 ', TOILE_PARTNER_TOKENS: 'p1, p2,,p3 ' })).toEqual({ agency: 'a1', partners: ['p1', 'p2', 'p3'] });
    expect(tokensFromEnvironment({ TOILE_TOKEN: '' })).toEqual({ agency: undefined, partners: [] });
  });

  it('refuses a partner token equal to the agency token, and tokens that cannot be sent as bearer tokens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toile-roles-'));
    await expect(createToileServer({ dataDir: dir, token: 'same-token', partnerTokens: ['same-token'], log: () => undefined })).rejects.toThrow(
      /agency token is also a partner token/,
    );
    await expect(createToileServer({ dataDir: dir, token: 'two words', log: () => undefined })).rejects.toThrow(/invalid token/);
  });
});
