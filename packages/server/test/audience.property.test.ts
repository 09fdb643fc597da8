/**
 * Issue #12, property test (server part): documents with random publication levels — the format's
 * words, French words, case variants, typos, numbers, keys written twice — are stored through the
 * server as the agency (raw JSON text, so keys written twice reach the server), then read back as
 * anonymous and as a partner over real HTTP. No byte of any answer (listing, territory,
 * establishments, flows, each establishment) may hold a value of a level above the reader's
 * audience, and the listing counts exactly the records the reader may see.
 *
 * The expected level of each written value is this file's own table (the rule of the issue: the
 * French words and case variants are their level, anything else is `confidential`), not the SDK's.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToileServer, type ListeningServer } from '../src/server.ts';

type Level = 'public' | 'partners' | 'confidential';
type Reader = 'public' | 'partners';
const RANK: Record<Level, number> = { public: 0, partners: 1, confidential: 2 };
const stricter = (a: Level, b: Level): Level => (RANK[a] >= RANK[b] ? a : b);

/** Written values and the level each must count as. `undefined`: the key is absent. */
const WRITTEN: readonly (readonly [unknown, Level])[] = [
  [undefined, 'public'],
  ['public', 'public'],
  ['partners', 'partners'],
  ['confidential', 'confidential'],
  ['Public', 'public'],
  ['PUBLIC', 'public'],
  ['publique', 'public'],
  ['PARTNERS', 'partners'],
  ['Partners', 'partners'],
  ['partenaires', 'partners'],
  ['Partenaires', 'partners'],
  ['Confidential', 'confidential'],
  ['CONFIDENTIAL', 'confidential'],
  ['confidentiel', 'confidential'],
  ['Confidentielle', 'confidential'],
  ['privé', 'confidential'],
  ['secret', 'confidential'],
  ['confidental', 'confidential'],
  ['partner-only', 'confidential'],
  ['internal', 'confidential'],
  ['', 'confidential'],
  [0, 'confidential'],
  [1, 'confidential'],
  [2, 'confidential'],
  [true, 'confidential'],
  [null, 'confidential'],
  [['public'], 'confidential'],
  [{ level: 'public' }, 'confidential'],
];
/** Markers written in records' text, by the level the record must count as (its own or an end's). */
const MARKER: Record<Level, string> = { public: 'LVLPUB', partners: 'LVLPART', confidential: 'LVLCONF' };
/** Producer extensions are never published, whatever the level. */
const EXT_MARKER = 'LVLEXT';

/** A level as written: once, or twice in the same object (the key repeated). */
interface Written {
  values: unknown[];
  level: Level;
}
const writtenLevel: fc.Arbitrary<Written> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WRITTEN).map(([value, level]) => ({ values: value === undefined ? [] : [value], level })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...WRITTEN.filter(([v]) => v !== undefined)), fc.constantFrom(...WRITTEN.filter(([v]) => v !== undefined)))
      .map(([[a, la], [b, lb]]) => ({ values: [a, b], level: stricter(la, lb) })),
  },
);

/** One record's JSON text, with its level key written as many times as asked. */
function recordText(fields: Record<string, unknown>, written: Written): string {
  const body = JSON.stringify(fields).slice(1, -1);
  return `{${[body, ...written.values.map((v) => `"confidentiality":${JSON.stringify(v)}`)].join(',')}}`;
}

interface Case {
  text: string;
  establishments: Level[];
  flows: Level[];
  resources: Level[];
}

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    establishments: fc.array(fc.record({ level: writtenLevel, ext: fc.boolean() }), { minLength: 1, maxLength: 6 }),
    flows: fc.array(fc.record({ level: writtenLevel, from: fc.nat(), step: fc.nat(), kind: fc.constantFrom('supply', 'byproduct', 'energy') }), {
      maxLength: 8,
    }),
    resources: fc.array(fc.record({ level: writtenLevel, at: fc.nat(), direction: fc.constantFrom('offer', 'need') }), { maxLength: 4 }),
  })
  .map(({ establishments, flows, resources }) => {
    const n = establishments.length;
    const eLevels = establishments.map((e) => e.level.level);
    const eTexts = establishments.map((e, i) => {
      const marker = MARKER[e.level.level];
      return recordText(
        { id: `e${i}`, name: `${marker} ${i}`, description: `${marker} description`, ...(e.ext ? { ext: { note: EXT_MARKER } } : {}) },
        e.level,
      );
    });
    // Flows need two distinct ends.
    const usable = n > 1 ? flows : [];
    const fLevels: Level[] = [];
    const fTexts = usable.map((f, i) => {
      const from = f.from % n;
      const to = (from + 1 + (f.step % (n - 1))) % n;
      const level = stricter(f.level.level, stricter(eLevels[from] as Level, eLevels[to] as Level));
      fLevels.push(level);
      return recordText({ id: `f${i}`, from: `e${from}`, to: `e${to}`, kind: f.kind, description: `${MARKER[level]} flow` }, f.level);
    });
    const rLevels: Level[] = [];
    const rTexts = resources.map((r, i) => {
      const at = r.at % n;
      const level = stricter(r.level.level, eLevels[at] as Level);
      rLevels.push(level);
      return recordText(
        { id: `r${i}`, establishment: `e${at}`, direction: r.direction, kind: 'byproduct', item: { family: 'heat' }, description: `${MARKER[level]} resource` },
        r.level,
      );
    });
    const text =
      `{"toile":"1.0","territory":{"id":"prop","name":"Propriété"},"meta":{"title":"Cas","fictional":true},` +
      `"establishments":[${eTexts.join(',')}],"flows":[${fTexts.join(',')}],"resources":[${rTexts.join(',')}]}`;
    return { text, establishments: eLevels, flows: fLevels, resources: rLevels };
  });

const AGENCY = 'property-agency-token';
const PARTNER = 'property-partner-token';
const RUNS = Number(process.env.TOILE_PROPERTY_RUNS ?? 2000);
const SEED = 20_261_204;

// Durability is tested elsewhere (storage.test.ts): this test writes to memory when it can, as 2,000 fsyncs on a busy disk take minutes.
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

let server: ListeningServer;
beforeAll(async () => {
  const toile = await createToileServer({
    dataDir: mkdtempSync(join(SCRATCH, 'toile-property-')),
    token: AGENCY,
    partnerTokens: [PARTNER],
    log: () => undefined,
  });
  server = await toile.listen(0);
});
afterAll(() => server.close());

const visible = (level: Level, reader: Reader) => RANK[level] <= RANK[reader];
const TOKEN_OF: Record<Reader, string | undefined> = { public: undefined, partners: PARTNER };

// node:http with a keep-alive agent: a real socket to 127.0.0.1, at a third of fetch's cost per request.
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
afterAll(() => agent.destroy());
/** One request over HTTP: status and body text. */
function call(method: string, path: string, token: string | undefined, body?: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
  };
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Every read of territory `prop` as one reader — listing, territory, establishments, flows and
 * two establishments' details (the first and the last; hidden ones answer 404) — the answers'
 * bytes, and the listing's counts.
 */
async function readAll(reader: Reader, establishments: number): Promise<{ bytes: string; counts: { establishments: number; flows: number } }> {
  const token = TOKEN_OF[reader];
  const paths = ['/territories', '/territories/prop', '/territories/prop/establishments?limit=10000', '/territories/prop/flows?limit=10000'];
  for (const i of new Set([0, establishments - 1])) paths.push(`/territories/prop/establishments/e${i}`);
  const answers = await Promise.all(paths.map((path) => call('GET', path, token)));
  for (const answer of answers) expect([200, 404]).toContain(answer.status);
  const listing = JSON.parse(answers[0]?.text as string) as { territories: { establishments: number; flows: number }[] };
  return { bytes: answers.map((a) => a.text).join('\n'), counts: listing.territories[0] as { establishments: number; flows: number } };
}

describe('no value above the reader’s audience leaves the server (property, seeded)', () => {
  it(`holds for ${RUNS} random documents, read as anonymous and as a partner`, { timeout: 600_000 }, async () => {
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const put = await call('PUT', '/territories/prop', AGENCY, c.text);
        expect(put.status, put.text).toBe(200);
        stored++;
        for (const reader of ['public', 'partners'] as const) {
          const { bytes, counts } = await readAll(reader, c.establishments.length);
          for (const level of ['partners', 'confidential'] as const) if (!visible(level, reader)) expect(bytes).not.toContain(MARKER[level]);
          expect(bytes).not.toContain(EXT_MARKER);
          // Exactly its level: nothing hidden is counted, nothing visible is lost.
          expect(counts).toMatchObject({
            establishments: c.establishments.filter((l) => visible(l, reader)).length,
            flows: c.flows.filter((l) => visible(l, reader)).length,
          });
          for (const level of new Set(c.establishments)) if (visible(level, reader)) expect(bytes).toContain(MARKER[level]);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(stored).toBeGreaterThanOrEqual(RUNS);
  });
});
