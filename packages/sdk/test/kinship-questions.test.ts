import { describe, expect, it } from 'vitest';
import { generateTerritory } from '@toile/testkit';
import { findKin, findLeaps, findMakers, prepareKinship, relatedness, spareCapacity, type KinshipContext } from '../src/index.ts';
import { compareStrings } from '../src/analysis/compare.ts';
import { valley } from './kinship-fixture.ts';

const ctx = prepareKinship(valley());

describe('findMakers', () => {
  it('ranks capability, flow and kin evidence for a product code (noisy-or), ties by distance', () => {
    const r = findMakers(ctx, { product: 'hs:8483' });
    expect(r).toMatchObject({ validQuery: true, origin: 'territory', knownMakers: 3, candidates: 5, beyondRadius: 0 });
    // usi: capability u1 hs:8483 (1) and flow f5 (0.9): 1 − 0 · 0.1 = 1.
    // mai: capability m1 hs:848310, within the code asked: 0.9. neg: flow f3 of hs:8483: 0.9 × 1.
    // tour: kin of usi (same NAF class 25.62): 0.5 × 0.8; meca: same group 25.6: 0.5 × 0.6.
    expect(r.makers.map((m) => [m.id, m.score])).toEqual([
      ['usi', 1],
      ['mai', 0.9],
      ['neg', 0.9],
      ['tour', 0.4],
      ['meca', 0.3],
    ]);
    // mai (1.1 km) before neg (5.6 km) at the same score; meca is not located.
    expect(r.makers.map((m) => m.distanceKm)).toEqual([0, 1.112, 5.56, 2.224, null]);
    expect(r.makers[0]!.evidence).toEqual([
      { kind: 'capability', match: 'code', strength: 1, ref: 'u1', detail: 'hs:8483', count: 1 },
      { kind: 'flow', match: 'code', strength: 0.9, ref: 'f5', detail: 'hs:8483', count: 1 },
    ]);
    expect(r.makers[3]!.evidence).toEqual([{ kind: 'kin', match: 'class', strength: 0.4, ref: 'usi', detail: '25.62A', count: 1 }]);
  });

  it('ranks holders of the process, then siblings and kin; outside partners only when asked', () => {
    const r = findMakers(ctx, { process: 'din8580:3.2' });
    // usi: the process (1); mai: din8580:3.1, a sibling under din8580:3 (0.4), 1.1 km;
    // tour: kin of usi (0.4), 2.2 km; meca: 0.3. The outside ext masters it too: a known maker, not a candidate.
    expect(r.makers.map((m) => [m.id, m.score, m.evidence[0]!.match])).toEqual([
      ['usi', 1, 'process'],
      ['mai', 0.4, 'sibling'],
      ['tour', 0.4, 'class'],
      ['meca', 0.3, 'group'],
    ]);
    expect(r.knownMakers).toBe(2);
    const all = findMakers(ctx, { process: 'din8580:3.2', includeExternal: true });
    expect(all.makers.map((m) => m.id)).toEqual(['usi', 'ext', 'mai', 'tour', 'meca']);
    // The group asked: its narrower processes count 0.85, and make their holders known makers.
    expect(findMakers(ctx, { process: 'din8580:3' }).makers.map((m) => [m.id, m.score])).toEqual([
      ['usi', 0.85],
      ['mai', 0.85],
      ['tour', 0.4],
      ['meca', 0.3],
    ]);
  });

  it('measures from an establishment, cuts at the radius and says what it left out', () => {
    const r = findMakers(ctx, { product: 'hs:8483', radiusKm: 2 });
    expect(r.makers.map((m) => m.id)).toEqual(['usi', 'mai']);
    // tour 2.2 km and neg 5.6 km are farther; meca has no location.
    expect(r.beyondRadius).toBe(3);
    const near = findMakers(ctx, { product: 'hs:8483', near: 'neg', top: 2 });
    expect(near).toMatchObject({
      origin: 'establishment',
      makers: [
        { id: 'usi', distanceKm: 5.56 },
        { id: 'neg', distanceKm: 0 },
      ],
    });
    expect(findMakers(ctx, { product: 'hs:8483', near: 'ghost' }).unknownNear).toBe(true);
  });

  it('says when the query cannot be read', () => {
    expect(findMakers(ctx, { product: '8483' }).validQuery).toBe(false);
    expect(findMakers(ctx, { process: 'welding' }).validQuery).toBe(false);
    expect(findMakers(ctx, {}).validQuery).toBe(false);
  });
});

describe('findKin', () => {
  it('lists the nearest kin with their explained parts', () => {
    const r = findKin(ctx, 'usi');
    // chau: division 25 (0.4); inputs usi (hs:7208 100 €) · chau (7208 300, 8483 50, 8482 50, cpa:25.62 100):
    //   300 / √105 000 = 0.92582; (0.3 · 0.4 + 0.2 · 0.92582) / 0.9 = 0.33907
    // tour: same class (0.8), nothing else shared: 0.3 · 0.8 / 0.9 = 0.26667
    // neg: no NAF level shared, both give hs:8483 only: 0.2 · 1 / 0.9 = 0.22222
    // meca: same group (0.6): 0.3 · 0.6 / 0.9 = 0.2
    // mai: section C (0.2); processes {3.2: 1, 3: 0.5} · {3.1: 1, 3: 0.5, maintenance: 1}: 0.5 / 3.5,
    //   products share nothing: 0 → capabilities 0.07143; (0.06 + 0.2 · 0.07143) / 0.9 = 0.08254
    expect(r.kin.map((k) => [k.id, k.score])).toEqual([
      ['chau', 0.3391],
      ['tour', 0.2667],
      ['neg', 0.2222],
      ['meca', 0.2],
      ['mai', 0.0825],
    ]);
    expect(r.kin[0]).toMatchObject({ name: 'Chaudronnerie', distanceKm: 1.444, activityLevel: 'division', parts: { inputs: 0.9258 } });
    expect(r.kin.find((k) => k.id === 'mai')!.parts.capabilities).toBe(0.0714);
    // Outside partners are left out unless asked.
    expect(r.kin.map((k) => k.id)).not.toContain('ext');
    expect(findKin(ctx, 'usi', { includeExternal: true }).kin.map((k) => k.id)).toContain('ext');
    expect(findKin(ctx, 'usi', { top: 2 }).kin.map((k) => k.id)).toEqual(['chau', 'tour']);
    expect(findKin(ctx, 'ghost')).toEqual({ found: false, establishment: 'ghost', kin: [] });
  });
});

/** Every establishment scored one by one, sorted by score then id: what findKin must return. */
function bruteKin(c: KinshipContext, id: string, top: number) {
  return c.doc.establishments
    .filter((e) => e.id !== id && !e.external)
    .map((e) => ({ id: e.id, score: relatedness(id, e.id, c)!.score }))
    .filter((k) => k.score > 0)
    .sort((a, b) => b.score - a.score || compareStrings(a.id, b.id))
    .slice(0, top);
}

describe('findKin against every establishment scored', () => {
  it('gives the same kin on a generated territory with capabilities', () => {
    const doc = generateTerritory({ establishments: 3000, capabilitiesPerEstablishment: true, seed: 7 });
    const c = prepareKinship(doc);
    for (const id of ['e0', 'e17', 'e123', 'e999', 'e2500']) {
      expect(findKin(c, id, { top: 15 }).kin.map((k) => ({ id: k.id, score: k.score }))).toEqual(bruteKin(c, id, 15));
    }
  });
});

describe('findLeaps', () => {
  it('lists the inputs bought outside within reach, with the strongest evidence of each kind', () => {
    const r = findLeaps(ctx, 'usi');
    expect(r.missingInputs).toBe(3);
    // cpa:25.62: usi declares it (capability u1, same code): 1.
    // hs:8482: u1's hs:8483 shares 2 characters (0.4); ext makes it with din8580:3.2, usi's process (0.8 × 1);
    //   usi gives hs:8483 (0.9 × 0.4): 1 − 0.6 · 0.2 · 0.64 = 0.9232. hs:7208: no evidence, left out.
    expect(r.leaps.map((l) => [l.key, l.score])).toEqual([
      ['code:cpa:25.62', 1],
      ['code:hs:8482', 0.9232],
    ]);
    expect(r.leaps[1]!.evidence).toEqual([
      { kind: 'capability-process', strength: 0.8, ref: 'u1', detail: 'din8580:3.2 ~ din8580:3.2 (x1)' },
      { kind: 'capability-product', strength: 0.4, ref: 'u1', detail: 'hs:8483' },
      { kind: 'own-output', strength: 0.36, ref: 'f5', detail: 'hs:8483' },
    ]);
    expect(r.leaps[1]).toMatchObject({ label: 'Roulements', valueEur: 50, establishments: ['chau'], partners: ['ext'], buysIt: false });
    // chau buys cpa:25.62 itself; its cpa:25.29 shares 2 characters with it.
    expect(findLeaps(ctx, 'chau').leaps).toMatchObject([{ key: 'code:cpa:25.62', score: 0.4, buysIt: true }]);
    expect(findLeaps(ctx, 'ghost').found).toBe(false);
  });
});

describe('spareCapacity', () => {
  it('lists spare capacity by process and period with the needs it could serve', () => {
    const r = spareCapacity(valley());
    expect(r.offers).toBe(3);
    // r1 (hs:8483), the missing input cpa:25.62, r2 (« Maintenance des presses »).
    expect(r.servedNeeds).toBe(3);
    expect(r.processes.map((p) => p.process)).toEqual(['din8580:3.1', 'din8580:3.2', 'maintenance']);
    const machining = r.processes[1]!;
    expect(machining.label).toEqual({ fr: 'Usinage par outil à arête de coupe définie', en: 'Machining with geometrically defined cutting edges' });
    // 10 000 h/yr × 25 % = 2 500 h/yr.
    expect(machining.totals).toEqual([{ value: 2500, unit: 'h/yr' }]);
    expect(machining.offers[0]).toMatchObject({
      establishment: 'usi',
      capability: 'u1',
      share: 0.25,
      from: '2026-01-01',
      to: '2026-12-31',
      spare: { value: 2500, unit: 'h/yr' },
    });
    expect(machining.offers[0]!.serves).toEqual([
      { source: 'need', ref: 'r1', establishments: ['chau'], code: 'hs:8483', label: 'Arbres de transmission', match: 'code', product: 'hs:8483' },
      {
        source: 'missing-input',
        ref: 'code:cpa:25.62',
        establishments: ['chau'],
        code: 'cpa:25.62',
        label: 'Pièces usinées',
        match: 'code',
        product: 'cpa:25.62',
      },
    ]);
    // m1 makes hs:848310, within the hs:8483 chau needs; m2 serves the need that names maintenance.
    expect(r.processes[0]!.offers[0]!.serves).toMatchObject([{ ref: 'r1', match: 'within', product: 'hs:848310' }]);
    expect(r.processes[2]!.offers[0]!.serves).toMatchObject([{ ref: 'r2', match: 'process' }]);
  });

  it('keeps only what is available on a day', () => {
    const r = spareCapacity(valley(), { on: '2026-06-01' });
    // m2's spare starts in 2027.
    expect(r.processes.map((p) => p.process)).toEqual(['din8580:3.1', 'din8580:3.2']);
    expect(r.servedNeeds).toBe(2);
    expect(spareCapacity(valley(), { on: '2027-02-01' }).processes.map((p) => p.process)).toEqual(['din8580:3.1', 'maintenance']);
  });

  it('keeps only the spare capacity that meets a process or a product, as findMakers matches them', () => {
    const offers = (r: ReturnType<typeof spareCapacity>) => r.processes.flatMap((p) => p.offers.map((o) => [o.capability, o.match]));
    // Machining din8580:3.2: u1 declares it (1); m1's cutting din8580:3.1 is a sibling under din8580:3 (0.4); m2 (maintenance) does not meet it.
    const machining = spareCapacity(valley(), { process: 'din8580:3.2' });
    expect(offers(machining)).toEqual([
      ['m1', { match: 'sibling', strength: 0.4, detail: 'din8580:3.1' }],
      ['u1', { match: 'process', strength: 1, detail: 'din8580:3.2' }],
    ]);
    expect(machining.offers).toBe(2);
    // r1 (hs:8483) and the missing input cpa:25.62; r2 names maintenance, which is left out.
    expect(machining.servedNeeds).toBe(2);
    expect(offers(spareCapacity(valley(), { process: 'din8580:3' })).map(([c, m]) => [c, (m as { match: string }).match])).toEqual([
      ['m1', 'narrower'],
      ['u1', 'narrower'],
    ]);
    // hs:8483: u1 lists the code (1); m1's hs:848310 is within it (0.9), its strongest product.
    expect(offers(spareCapacity(valley(), { product: 'hs:8483' }))).toEqual([
      ['m1', { match: 'within', strength: 0.9, detail: 'hs:848310' }],
      ['u1', { match: 'code', strength: 1, detail: 'hs:8483' }],
    ]);
    // cpa:25.29 shares its first 2 characters with u1's cpa:25.62 (0.4); the period filter still applies.
    expect(offers(spareCapacity(valley(), { product: 'cpa:25.29', on: '2026-06-01' }))).toEqual([
      ['u1', { match: 'code-prefix-2', strength: 0.4, detail: 'cpa:25.62' }],
    ]);
    expect(spareCapacity(valley(), { product: 'cpa:25.29', on: '2027-06-01' }).offers).toBe(0);
    // Without a query no offer carries a match; a query that is no code or no process keeps nothing.
    expect(spareCapacity(valley()).processes.every((p) => p.offers.every((o) => o.match === undefined))).toBe(true);
    expect(spareCapacity(valley(), { product: '8483' })).toEqual({ processes: [], offers: 0, servedNeeds: 0 });
    expect(spareCapacity(valley(), { process: 'welding' }).offers).toBe(0);
  });
});
