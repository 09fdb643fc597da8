import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FLOW_KINDS,
  type Establishment,
  type Flow,
  type FlowKind,
  type Item,
  type Quantity,
  type Resource,
  type ToileDocument,
  type Unit,
} from '@toile/schema';
import { findSynergies, haversineKm, parseItem, prepareSynergies, scoreSynergy, type SynergyMatch, type SynergyOptions } from '../src/index.ts';
import { mulberry32 } from '../src/analysis/random.ts';
import { generateTerritory } from '@toile/testkit';

const est = (id: string, extra: Partial<Establishment> = {}): Establishment => ({ id, name: `Site ${id}`, ...extra });
function doc(establishments: Establishment[], resources: Resource[], flows: Flow[] = []): ToileDocument {
  return { toile: '1.0', territory: { id: 't', name: 'T' }, meta: { title: 'T' }, establishments, flows, resources };
}
const res = (id: string, establishment: string, direction: 'offer' | 'need', kind: FlowKind, item: Item, quantity?: Quantity): Resource => ({
  id,
  establishment,
  direction,
  kind,
  item,
  ...(quantity ? { quantity } : {}),
});
/** A point `km` kilometres north of (49, 0), along the meridian (exact for the haversine). */
const north = (km: number) => ({ lat: 49 + (km / 6371.0088) * (180 / Math.PI), lon: 0 });

describe('synergy scores, checked by hand', () => {
  it('same EWC entry 10 km apart, 1000 t offered for 800 t needed', () => {
    // item 1 (same code); distance: 800 t/yr is below the bulk threshold, so road: 0.0552 €/t·km
    // (CNR) × 10 km = 0.552 €/t against 30 €/t (no value known: the default) → 30 / 30.552 = 0.981932;
    // quantity 800/1000 = 0.8; kind 1 (both by-products).
    // score = 0.4·1 + 0.25·0.981932 + 0.2·0.8 + 0.15·1 = 0.955483 → 0.9555.
    // EWC 17 04 05 is iron and steel (ferrous metals, Scottish Carbon Metric weighting 16.07, a relative
    // index, textiles = 100): 800 t × 16.07 = 12,856 — an index, not t CO2e.
    const d = doc(
      [est('a', { location: north(0) }), est('b', { location: north(10) })],
      [
        res('o1', 'a', 'offer', 'byproduct', { code: 'ewc:170405' }, { value: 1000, unit: 't/yr' }),
        res('n1', 'b', 'need', 'byproduct', { code: 'ewc:170405' }, { value: 800, unit: 't/yr' }),
      ],
    );
    const { matches } = findSynergies(d);
    expect(matches).toEqual([
      {
        offer: 'o1',
        need: 'n1',
        from: 'a',
        to: 'b',
        score: 0.9555,
        parts: { item: 1, distance: 0.9819, quantity: 0.8, kind: 1 },
        itemMatch: 'code',
        distanceKm: 10,
        transport: { mode: 'road', costPerTonne: 0.55, valuePerTonne: 30, valueBasis: 'assumed', tonnes: 800 },
        hazardous: false,
        carbonIndex: 12856,
        needSource: 'resource',
      },
    ]);
  });

  it('same sub-chapter, same place, quantities unknown', () => {
    // EWC 10 02 02 (unprocessed slag) vs 10 02 01 (slag processing wastes): sub-chapter 10 02 → 0.7.
    // distance 0: road costs nothing over 0 km → 30/30 = 1; quantity unknown → 0.5; kind 1.
    // score = 0.28 + 0.25·1 + 0.1 + 0.15 = 0.78.
    const r = scoreSynergy(
      { kind: 'byproduct', item: { code: 'ewc:100202' }, location: north(0) },
      { kind: 'byproduct', item: { code: 'ewc:100201' }, location: north(0) },
    );
    expect(r).toEqual({
      score: 0.78,
      parts: { item: 0.7, distance: 1, quantity: 0.5, kind: 1 },
      itemMatch: 'code-prefix-4',
      distanceKm: 0,
      transport: { mode: 'road', costPerTonne: 0, valuePerTonne: 30, valueBasis: 'assumed' },
      hazardous: false,
    });
  });

  it('same material family only, related kinds, tonnes against kilograms', () => {
    // Plastic packaging (15 01 02) and plastic from waste treatment (19 12 04): no shared prefix,
    // same family (plastics, a material: 0.5). by-product vs supply: related kinds, 0.5.
    // 2 t offered vs 4,000 kg needed: 2/4 = 0.5. Unlocated: distance 0.
    // score = 0.2 + 0 + 0.1 + 0.075 = 0.375; carbon index (relative): 2 t × 8.57 = 17.14.
    const r = scoreSynergy(
      { kind: 'byproduct', item: { code: 'ewc:150102' }, quantity: { value: 2, unit: 't/yr' } },
      { kind: 'supply', item: { code: 'ewc:191204' }, quantity: { value: 4000, unit: 'kg/yr' } },
    );
    expect(r).toEqual({ score: 0.375, parts: { item: 0.5, distance: 0, quantity: 0.5, kind: 0.5 }, itemMatch: 'family', hazardous: false, carbonIndex: 17.14 });
  });

  it('utility families are the whole item; units convert (1 MW continuous = 8,760 MWh/yr)', () => {
    // heat = heat → 1; 1 MW vs 17,520 MWh/yr → 8,760 / 17,520 = 0.5; 5 km → 2^(−5/25) = 0.870551.
    // score = 0.4 + 0.25·0.870551 + 0.1 + 0.15 = 0.867638 → 0.8676.
    const r = scoreSynergy(
      { kind: 'energy', item: { family: 'heat' }, quantity: { value: 1, unit: 'MW' }, location: north(0) },
      { kind: 'energy', item: { family: 'heat' }, quantity: { value: 17520, unit: 'MWh/yr' }, location: north(5) },
    );
    expect(r).toMatchObject({ score: 0.8676, parts: { item: 1, quantity: 0.5, kind: 1 }, itemMatch: 'family', distanceKm: 5 });
  });

  it('flags hazardous wastes (asterisk in the list) and leaves out what is too far or unrelated', () => {
    // Lead batteries 16 06 01* against a need for batteries: family match, hazardous.
    expect(scoreSynergy({ kind: 'byproduct', item: { code: 'ewc:160601' } }, { kind: 'byproduct', item: { family: 'batteries' } })).toMatchObject({
      itemMatch: 'family',
      hazardous: true,
    });
    expect(
      scoreSynergy(
        { kind: 'byproduct', item: { code: 'ewc:170405' }, location: north(0) },
        { kind: 'byproduct', item: { code: 'ewc:170405' }, location: north(60) },
      ),
    ).toBeUndefined();
    expect(
      scoreSynergy(
        { kind: 'byproduct', item: { code: 'ewc:170405' }, location: north(0) },
        { kind: 'byproduct', item: { code: 'ewc:170405' }, location: north(60) },
        { radiusKm: 100 },
      ),
    ).toBeDefined();
    expect(scoreSynergy({ kind: 'supply', item: { code: 'hs:2601' } }, { kind: 'supply', item: { code: 'cpa:24.10' } })).toBeUndefined();
  });

  it('follows the code hierarchy across HS and CN, and across NAF and CPA', () => {
    // CN extends HS: cn:72041000 and hs:720410 share 6 digits → 0.85.
    expect(scoreSynergy({ kind: 'supply', item: { code: 'cn:72041000' } }, { kind: 'supply', item: { code: 'hs:720410' } })).toMatchObject({
      itemMatch: 'code-prefix-6',
      parts: { item: 0.85 },
    });
    // NAF 24.10Z and CPA 24.10 share the NACE class 24.10 → 0.7.
    expect(scoreSynergy({ kind: 'supply', item: { code: 'naf:24.10Z' } }, { kind: 'supply', item: { code: 'cpa:24.10' } })).toMatchObject({
      itemMatch: 'code-prefix-4',
      parts: { item: 0.7 },
    });
    // Same chapter only (EWC 10): 0.4.
    expect(scoreSynergy({ kind: 'byproduct', item: { code: 'ewc:100202' } }, { kind: 'byproduct', item: { code: 'ewc:101201' } })).toMatchObject({
      itemMatch: 'code-prefix-2',
      parts: { item: 0.4 },
    });
    // Free-text labels, when neither side has a code or a family: 0.8.
    expect(scoreSynergy({ kind: 'pooling', item: { label: 'Formation sécurité' } }, { kind: 'pooling', item: { label: 'formation  SECURITE' } })).toMatchObject(
      { itemMatch: 'label', parts: { item: 0.8 } },
    );
  });
});

describe('findSynergies', () => {
  const base = () =>
    doc(
      [est('a', { location: north(0) }), est('b', { location: north(2) }), est('c', { location: north(4) }), est('x', { external: true, location: north(1) })],
      [
        res('o1', 'a', 'offer', 'byproduct', { code: 'hs:7204' }, { value: 100, unit: 't/yr' }),
        res('o2', 'x', 'offer', 'byproduct', { code: 'hs:7204' }),
        res('n1', 'a', 'need', 'byproduct', { code: 'hs:7204' }),
        res('n2', 'c', 'need', 'byproduct', { code: 'hs:7204' }, { value: 100, unit: 't/yr' }),
      ],
      [
        { id: 'f1', from: 'x', to: 'b', kind: 'supply', item: { code: 'hs:7204' }, quantity: { value: 50, unit: 't/yr' } },
        { id: 'f2', from: 'x', to: 'b', kind: 'supply', item: { code: 'hs:7204' }, status: 'ended' },
      ],
    );

  it('matches offers to needs and to inputs bought outside; never an establishment with itself, never an outside offer', () => {
    const r = findSynergies(base());
    expect(r.matches.map((m) => [m.offer, m.need, m.from, m.to, m.needSource])).toEqual([
      ['o1', 'n2', 'a', 'c', 'resource'],
      ['o1', 'f1', 'a', 'b', 'flow'],
    ]);
    expect(r.considered).toEqual({ offers: 1, needs: 2, flowNeeds: 1 });
    expect(findSynergies(base(), { flowNeeds: false }).matches.map((m) => m.need)).toEqual(['n2']);
  });

  it('keeps the best offers per need, and the best candidates overall', () => {
    const d = doc(
      [est('n', { location: north(0) }), ...[1, 2, 3, 4, 5].map((k) => est(`s${k}`, { location: north(k) }))],
      [res('need', 'n', 'need', 'energy', { family: 'steam' }), ...[1, 2, 3, 4, 5].map((k) => res(`o${k}`, `s${k}`, 'offer', 'energy', { family: 'steam' }))],
    );
    expect(findSynergies(d).matches.map((m) => m.offer)).toEqual(['o1', 'o2', 'o3']);
    expect(findSynergies(d, { perNeed: 10, top: 4 }).matches.map((m) => m.offer)).toEqual(['o1', 'o2', 'o3', 'o4']);
    expect(findSynergies(d, { perNeed: 10, minScore: 0.87 }).matches.every((m) => m.score >= 0.87)).toBe(true);
  });

  it('filters by establishment (giver or receiver) and reports an unknown one', () => {
    const r = findSynergies(base(), { establishment: 'c' });
    expect(r.matches.map((m) => [m.from, m.to])).toEqual([['a', 'c']]);
    expect(findSynergies(base(), { establishment: 'ghost' })).toMatchObject({ unknownEstablishment: true, matches: [] });
  });

  it('filters by family', () => {
    const d = base();
    d.resources!.push(res('o3', 'b', 'offer', 'energy', { family: 'heat' }), res('n3', 'c', 'need', 'energy', { family: 'heat' }));
    expect(findSynergies(d, { family: 'heat' }).matches.map((m) => m.offer)).toEqual(['o3']);
  });

  it('a prepared document gives the same answer, query after query', () => {
    const d = base();
    const p = prepareSynergies(d);
    expect(findSynergies(p, { radiusKm: 20 })).toEqual(findSynergies(d, { radiusKm: 20 }));
    expect(findSynergies(p, { radiusKm: 20 })).toEqual(findSynergies(p, { radiusKm: 20 }));
  });
});

describe('pooling candidates', () => {
  // p1, p2 (twice), p3 need the same safety training; p4 too, but 100 km away. p1 and p3 need heat.
  const d = doc(
    [
      est('p1', { location: north(0) }),
      est('p2', { location: north(3) }),
      est('p3', { location: north(5) }),
      est('p4', { location: north(100) }),
      est('q', { location: north(1) }),
    ],
    [
      res('n1', 'p1', 'need', 'pooling', { label: 'Formation sécurité' }, { value: 10, unit: 'day/yr' }),
      res('n2', 'p2', 'need', 'pooling', { label: 'formation securite' }, { value: 5, unit: 'day/yr' }),
      res('n2b', 'p2', 'need', 'pooling', { label: 'Formation Sécurité' }),
      res('n3', 'p3', 'need', 'pooling', { label: 'Formation sécurité' }, { value: 5, unit: 'day/yr' }),
      res('n4', 'p4', 'need', 'pooling', { label: 'Formation sécurité' }),
      res('n5', 'q', 'need', 'service', { label: 'Maintenance' }),
      res('h1', 'p1', 'need', 'energy', { family: 'heat' }),
      res('h3', 'p3', 'need', 'energy', { family: 'heat' }),
    ],
  );

  it('groups establishments within the radius of the first one declaring the same need', () => {
    const { pooling } = findSynergies(d, { radiusKm: 20 });
    expect(pooling).toEqual([
      {
        key: 'label:formation securite',
        item: { label: 'Formation sécurité' },
        leader: 'p1',
        size: 3,
        establishments: ['p1', 'p2', 'p3'],
        needs: ['n1', 'n2', 'n2b', 'n3'],
        maxDistanceKm: 5,
        quantity: { value: 20, unit: 'day/yr' },
      },
      { key: 'family:heat', item: { family: 'heat' }, leader: 'p1', size: 2, establishments: ['p1', 'p3'], needs: ['h1', 'h3'], maxDistanceKm: 5 },
    ]);
  });

  it('with many groups (past 32 leaders the leaders are looked up by cell)', () => {
    // 60 sites 10 km apart along a meridian, each with a partner 1 km north: 60 pairs, radius 2 km.
    const sites = Array.from({ length: 60 }, (_, k) => [est(`a${k}`, { location: north(10 * k) }), est(`b${k}`, { location: north(10 * k + 1) })]).flat();
    const needs = sites.map((s, k) => res(`h${k}`, s.id, 'need', 'energy', { family: 'heat' }));
    const { pooling } = findSynergies(doc(sites, needs), { radiusKm: 2, top: Infinity });
    expect(pooling).toHaveLength(60);
    expect(pooling.map((g) => g.establishments.join('+')).sort()).toEqual(Array.from({ length: 60 }, (_, k) => `a${k}+b${k}`).sort());
  });

  it('around one establishment, and within a smaller radius', () => {
    const around = findSynergies(d, { radiusKm: 20, establishment: 'p3' }).pooling;
    expect(around.map((g) => [g.leader, g.establishments])).toEqual([
      ['p3', ['p3', 'p2', 'p1']],
      ['p3', ['p3', 'p1']],
    ]);
    expect(findSynergies(d, { radiusKm: 4 }).pooling.map((g) => g.establishments)).toEqual([['p1', 'p2']]);
    expect(findSynergies(d, { radiusKm: 20, poolingMembers: 2 }).pooling[0]).toMatchObject({
      size: 3,
      establishments: ['p1', 'p2'],
      needs: ['n1', 'n2', 'n2b'],
    });
  });
});

describe('pooling equals a plain leader clustering', () => {
  it('on random territories, including many leaders (small radius)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0.5, 2, 10, 40), (seed, radiusKm) => {
        const d = randomTerritory(seed, 300);
        const byId = new Map(d.establishments.map((e) => [e.id, e]));
        // Reference: needs by identical item in document order; each joins the earliest leader in reach.
        const groups = new Map<string, { leader: string; at: string; needs: string[] }[]>();
        for (const r of d.resources ?? []) {
          const e = byId.get(r.establishment)!;
          const p = parseItem(r.item);
          if (r.direction !== 'need' || e.external || !e.location || !(p.code || p.family || p.label)) continue;
          const key = p.code ? `c:${p.scheme}:${p.digits}` : p.family ? `f:${p.family}` : `l:${p.label}`;
          const list = groups.get(key) ?? [];
          groups.set(key, list);
          const near = list.find(
            (g) => haversineKm(byId.get(g.at)!.location!.lat!, byId.get(g.at)!.location!.lon!, e.location!.lat!, e.location!.lon!) <= radiusKm,
          );
          if (near) near.needs.push(r.id);
          else list.push({ leader: r.id, at: r.establishment, needs: [r.id] });
        }
        const site = new Map((d.resources ?? []).map((r) => [r.id, r.establishment]));
        const expected = [...groups.values()]
          .flat()
          .filter((g) => new Set(g.needs.map((n) => site.get(n))).size > 1)
          .map((g) => `${g.at}:${[...g.needs].sort().join(',')}`)
          .sort();
        const found = findSynergies(d, { radiusKm, top: Infinity, poolingMembers: Infinity })
          .pooling.map((g) => `${g.leader}:${[...g.needs].sort().join(',')}`)
          .sort();
        expect(found).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });
});

// ------------------------------------------------------------------ exhaustive reference and properties

const CODES = [
  'ewc:100202',
  'ewc:100201',
  'ewc:100208',
  'ewc:101201',
  'ewc:170405',
  'ewc:150102',
  'ewc:191204',
  'ewc:160601',
  'hs:7204',
  'hs:720410',
  'cn:72041000',
  'cpa:24.10',
  'naf:24.10Z',
  'x-test:ab',
  'x-test:a',
];
const FAMILIES = ['heat', 'steam', 'plastics', 'ferrous-metals', 'batteries', 'process-water'] as const;
const LABELS = ['Formation', 'formation ', 'Maintenance', 'Achats groupés'];
const UNITS: Unit[] = ['t/yr', 'kg/yr', 't/h', 'MWh/yr', 'm3/yr'];

/** A random territory for a seed: clustered sites, some outside, some unlocated; random items. */
function randomTerritory(seed: number, size = 40): ToileDocument {
  const r = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const item = (): Item => {
    const roll = r();
    if (roll < 0.5) return { code: pick(CODES), ...(r() < 0.3 ? { family: pick(FAMILIES) } : {}) };
    if (roll < 0.8) return { family: pick(FAMILIES) };
    return { label: pick(LABELS) };
  };
  const quantity = (): Quantity | undefined => (r() < 0.6 ? { value: Math.round(r() * 1000), unit: pick(UNITS) } : undefined);
  const establishments: Establishment[] = [];
  for (let i = 0; i < size; i++) {
    const roll = r();
    const location = roll < 0.85 ? { lat: 49.3 + r() * 0.3, lon: 0.1 + r() * 0.4 } : undefined;
    establishments.push(est(`e${i}`, { ...(location ? { location } : {}), ...(r() < 0.1 ? { external: true } : {}) }));
  }
  const resources: Resource[] = [];
  for (let i = 0; i < size * 3; i++) {
    const q = quantity();
    resources.push(res(`r${i}`, `e${Math.floor(r() * size)}`, r() < 0.45 ? 'offer' : 'need', pick(FLOW_KINDS), item(), q));
  }
  const flows: Flow[] = [];
  for (let i = 0; i < size; i++) {
    const q = quantity();
    flows.push({
      id: `f${i}`,
      from: `e${Math.floor(r() * size)}`,
      to: `e${Math.floor(r() * size)}`,
      kind: pick(FLOW_KINDS),
      item: item(),
      ...(q ? { quantity: q } : {}),
      ...(r() < 0.2 ? { status: 'planned' as const } : {}),
    });
  }
  return doc(establishments, resources, flows);
}

/** Every pair scored with the public scoreSynergy, ranked like the finder. No pruning, no grid. */
function reference(d: ToileDocument, options: SynergyOptions): { offer: string; need: string; score: number; distanceKm?: number }[] {
  const byId = new Map(d.establishments.map((e) => [e.id, e]));
  const inside = (id: string) => byId.has(id) && !byId.get(id)!.external;
  const usable = (item: Item | undefined) => Boolean(item && (item.code || item.family || item.label));
  const offers = (d.resources ?? []).filter((x) => x.direction === 'offer' && inside(x.establishment) && usable(x.item));
  const needs = [
    ...(d.resources ?? [])
      .filter((x) => x.direction === 'need' && inside(x.establishment) && usable(x.item))
      .map((x) => ({ id: x.id, at: x.establishment, side: x })),
    ...d.flows
      .filter((f) => (f.status ?? 'active') === 'active' && byId.get(f.from)?.external && inside(f.to) && usable(f.item))
      .map((f) => ({ id: f.id, at: f.to, side: f })),
  ];
  type Row = { offer: string; need: string; score: number; distanceKm?: number; o: number; n: number };
  const order = (a: Row, b: Row) => b.score - a.score || (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.o - b.o || a.n - b.n;
  const all: Row[] = [];
  const target = options.establishment;
  const family = (item: Item | undefined) => parseItem(item).family;
  needs.forEach((need, n) => {
    if (options.family !== undefined && family(need.side.item) !== options.family) return;
    const rows: Row[] = [];
    offers.forEach((offer, o) => {
      if (offer.establishment === need.at) return;
      if (options.family !== undefined && family(offer.item) !== options.family) return;
      // Around one establishment: its needs against every offer, others' needs against its offers.
      if (target !== undefined && need.at !== target && offer.establishment !== target) return;
      const s = scoreSynergy(
        {
          kind: offer.kind,
          ...(offer.item ? { item: offer.item } : {}),
          ...(offer.quantity ? { quantity: offer.quantity } : {}),
          ...(byId.get(offer.establishment)!.location ? { location: byId.get(offer.establishment)!.location! } : {}),
        },
        {
          kind: need.side.kind,
          ...(need.side.item ? { item: need.side.item } : {}),
          ...(need.side.quantity ? { quantity: need.side.quantity } : {}),
          ...(byId.get(need.at)!.location ? { location: byId.get(need.at)!.location! } : {}),
        },
        options,
      );
      if (s && s.score >= (options.minScore ?? 0))
        rows.push({ offer: offer.id, need: need.id, score: s.score, ...(s.distanceKm !== undefined ? { distanceKm: s.distanceKm } : {}), o, n });
    });
    // NaN-safe order: Infinity − Infinity is NaN, which counts as a tie (falls through to ids).
    rows.sort((a, b) => order(a, b) || 0);
    all.push(...rows.slice(0, options.perNeed ?? 3));
  });
  all.sort((a, b) => order(a, b) || 0);
  return all.slice(0, options.top ?? 50).map(({ o: _o, n: _n, ...rest }) => rest);
}

const strip = (m: SynergyMatch) => ({ offer: m.offer, need: m.need, score: m.score, ...(m.distanceKm !== undefined ? { distanceKm: m.distanceKm } : {}) });

describe('distance as transport economics', () => {
  // A steelworks' slag: a fly-ash-like bulk by-product worth little per tonne.
  const slag = { code: 'ewc:100202' };
  const t = (value: number): Quantity => ({ value, unit: 't/yr' });
  const pair = (km: number, offered: number, needed: number, valuePerTonne?: number) =>
    scoreSynergy(
      { kind: 'byproduct', item: slag, quantity: t(offered), location: north(0), ...(valuePerTonne !== undefined ? { valuePerTonne } : {}) },
      { kind: 'byproduct', item: slag, quantity: t(needed), location: north(km) },
      { radiusKm: 400 },
    )!;

  it('a large bulk exchange at 300 km (by rail) outranks a marginal one at 10 km; a small one at 300 km does not', () => {
    // Bulk: 120 000 t/yr offered, 100 000 t/yr needed, 300 km. Rail (KiM): 1.66 €/t of pre- and
    // post-carriage + 0.0383 × 300 = 13.15 €/t (road would be 0.0552 × 300 = 16.56 €/t);
    // 30 / 43.15 = 0.695249. Quantity 100/120 = 0.833333.
    // score = 0.4 + 0.25·0.695249 + 0.2·0.833333 + 0.15 = 0.890479 → 0.8905.
    const bulk = pair(300, 120_000, 100_000);
    expect(bulk.transport).toEqual({ mode: 'rail', costPerTonne: 13.15, valuePerTonne: 30, valueBasis: 'assumed', tonnes: 100_000 });
    expect(bulk.parts.distance).toBe(0.6952);
    expect(bulk.score).toBe(0.8905);
    // Marginal: 500 t/yr offered against 100 000 t/yr needed, 10 km. Road 0.552 €/t → 30/30.552 =
    // 0.981932; quantity 0.005. score = 0.4 + 0.245483 + 0.001 + 0.15 = 0.796483 → 0.7965.
    const marginal = pair(10, 500, 100_000);
    expect(marginal.transport?.mode).toBe('road');
    expect(marginal.score).toBe(0.7965);
    expect(bulk.score).toBeGreaterThan(marginal.score);
    // Small: the same 500 t/yr, 300 km away: below the bulk threshold, road 16.56 €/t → 30/46.56 =
    // 0.644330. score = 0.4 + 0.161082 + 0.001 + 0.15 = 0.712082 → 0.7121: below the marginal exchange nearby.
    const small = pair(300, 500, 100_000);
    expect(small.transport).toMatchObject({ mode: 'road', costPerTonne: 16.56 });
    expect(small.score).toBe(0.7121);
    expect(small.score).toBeLessThan(marginal.score);
    // The same ranking from the finder.
    const d = doc(
      [est('works', { location: north(0) }), est('near', { location: north(290) }), est('far', { location: north(300) })],
      [
        res('big', 'works', 'offer', 'byproduct', slag, t(120_000)),
        res('tiny', 'near', 'offer', 'byproduct', slag, t(500)),
        res('plant', 'far', 'need', 'byproduct', slag, t(100_000)),
      ],
    );
    expect(findSynergies(d, { radiusKm: 400 }).matches.map((m) => [m.offer, m.score])).toEqual([
      ['big', 0.8905],
      ['tiny', 0.7965],
    ]);
  });

  it('a valuable material travels farther than a cheap one; the value comes from the flow, the document or the default', () => {
    const cheap = pair(200, 500, 500);
    const dear = pair(200, 500, 500, 300);
    // Road 0.0552 × 200 = 11.04 €/t: 30/41.04 = 0.730994 for the default; 300/311.04 = 0.964506 for 300 €/t.
    expect(cheap.parts.distance).toBe(0.731);
    expect(dear.parts.distance).toBe(0.9645);
    expect(dear.transport).toMatchObject({ valuePerTonne: 300, valueBasis: 'flow' });
    // An input bought outside at 150 €/t (valueEur / tonnes) gives its value to the pair; an offer of
    // the same code elsewhere in the document takes the median of the document's flows.
    const d = doc(
      [est('ext', { external: true }), est('mill', { location: north(0) }), est('user', { location: north(40) })],
      [res('o', 'mill', 'offer', 'byproduct', slag, t(1000)), res('n', 'user', 'need', 'byproduct', slag, t(1000))],
      [{ id: 'in', from: 'ext', to: 'user', kind: 'supply', item: slag, quantity: t(1000), valueEur: 150_000 }],
    );
    const { matches } = findSynergies(d);
    const m = matches.find((x) => x.need === 'in');
    expect(matches.find((x) => x.need === 'n')?.transport).toMatchObject({ valuePerTonne: 150, valueBasis: 'document' });
    // Road 0.0552 × 40 = 2.208 €/t against 150 €/t: 150 / 152.208 = 0.985494.
    expect(m).toMatchObject({
      need: 'in',
      parts: { distance: 0.9855 },
      transport: { mode: 'road', costPerTonne: 2.21, valuePerTonne: 150, valueBasis: 'flow' },
    });
  });

  it('energy and utilities keep a network decay (pipe or wire), without a per-tonne explanation', () => {
    const r = scoreSynergy(
      { kind: 'energy', item: { family: 'steam' }, location: north(0) },
      { kind: 'energy', item: { family: 'steam' }, location: north(10) },
      { radiusKm: 50 },
    )!;
    expect(r.parts.distance).toBe(0.7579); // 2^(−10/25)
    expect(r.transport).toBeUndefined();
  });
});

describe('the pruned search equals an exhaustive one', () => {
  it('on random territories, for any radius, top and per-need limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(1, 2, 3, 10, Infinity),
        fc.constantFrom(1, 3, 5, 20, Infinity),
        fc.constantFrom(0, 0.5, 0.8),
        (seed, radiusKm, perNeed, top, minScore) => {
          const d = randomTerritory(seed);
          const options: SynergyOptions = { radiusKm, perNeed, top, minScore, pooling: false };
          expect(findSynergies(d, options).matches.map(strip)).toEqual(reference(d, options));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('on larger territories, where each material spans many cells and rings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(2, 8, 25), fc.constantFrom(1, 3), (seed, radiusKm, perNeed) => {
        const d = randomTerritory(seed, 300);
        const options: SynergyOptions = { radiusKm, perNeed, top: 40, pooling: false };
        expect(findSynergies(d, options).matches.map(strip)).toEqual(reference(d, options));
      }),
      { numRuns: 4 },
    );
  });

  it('around one establishment, and for one family', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(39), fc.constantFrom(undefined, 'heat', 'plastics', 'ferrous-metals'), (seed, who, family) => {
        const d = randomTerritory(seed);
        const options: SynergyOptions = { radiusKm: 25, perNeed: 2, top: 10, establishment: `e${who}`, pooling: false, ...(family ? { family } : {}) };
        expect(findSynergies(d, options).matches.map(strip)).toEqual(reference(d, options));
      }),
      { numRuns: 80 },
    );
  });

  it('with other weights and transport settings (values, bulk threshold, modes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10), fc.nat(10)),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 1200 }),
        fc.constantFrom<('rail' | 'waterway')[]>([], ['rail'], ['rail', 'waterway']),
        fc.integer({ min: 1, max: 40 }),
        (seed, [i, dd, q, k], value, bulk, bulkModes, half) => {
          const d = randomTerritory(seed, 30);
          const options: SynergyOptions = {
            radiusKm: 30,
            halfDistanceKm: half,
            transport: { defaultValuePerTonne: value, bulkTonnes: bulk, bulkModes },
            weights: { item: i, distance: dd, quantity: q, kind: k },
            top: 8,
            perNeed: 2,
            pooling: false,
          };
          expect(findSynergies(d, options).matches.map(strip)).toEqual(reference(d, options));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('properties of the scores', () => {
  it('every score and part lies in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.tuple(
          fc.double({ min: 0, max: 5, noNaN: true }),
          fc.double({ min: 0, max: 5, noNaN: true }),
          fc.double({ min: 0, max: 5, noNaN: true }),
          fc.double({ min: 0, max: 5, noNaN: true }),
        ),
        (seed, [i, dd, q, k]) => {
          const r = findSynergies(randomTerritory(seed), { top: Infinity, perNeed: Infinity, weights: { item: i, distance: dd, quantity: q, kind: k } });
          for (const m of r.matches) {
            expect(m.score).toBeGreaterThanOrEqual(0);
            expect(m.score).toBeLessThanOrEqual(1);
            for (const part of Object.values(m.parts)) {
              expect(part).toBeGreaterThanOrEqual(0);
              expect(part).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  const side = fc.record({
    kind: fc.constantFrom(...FLOW_KINDS),
    item: fc.oneof(
      fc.record({ code: fc.constantFrom(...CODES) }),
      fc.record({ family: fc.constantFrom(...FAMILIES) }),
      fc.record({ label: fc.constantFrom(...LABELS) }),
    ),
    quantity: fc.option(fc.record({ value: fc.integer({ min: 0, max: 5000 }), unit: fc.constantFrom(...UNITS) }), { nil: undefined }),
    location: fc.option(fc.record({ lat: fc.double({ min: 48, max: 50, noNaN: true }), lon: fc.double({ min: -1, max: 1, noNaN: true }) }), { nil: undefined }),
  });

  it('symmetric inputs give symmetric scores: A gives B what B gives A', () => {
    fc.assert(
      fc.property(side, side, (a, b) => {
        const strip2 = (s: typeof a) => ({
          kind: s.kind,
          item: s.item as Item,
          ...(s.quantity ? { quantity: s.quantity as Quantity } : {}),
          ...(s.location ? { location: s.location } : {}),
        });
        expect(scoreSynergy(strip2(a), strip2(b), { radiusKm: 500 })).toEqual(scoreSynergy(strip2(b), strip2(a), { radiusKm: 500 }));
        // Through the finder, mirrored: A offers a and B needs b; B offers b and A needs a.
        const d = doc(
          [est('A', a.location ? { location: a.location } : {}), est('B', b.location ? { location: b.location } : {})],
          [
            res('A-offer', 'A', 'offer', a.kind, a.item as Item, a.quantity as Quantity | undefined),
            res('A-need', 'A', 'need', a.kind, a.item as Item, a.quantity as Quantity | undefined),
            res('B-offer', 'B', 'offer', b.kind, b.item as Item, b.quantity as Quantity | undefined),
            res('B-need', 'B', 'need', b.kind, b.item as Item, b.quantity as Quantity | undefined),
          ],
        );
        const found = findSynergies(d, { radiusKm: 500 }).matches;
        const ab = found.find((m) => m.from === 'A');
        const ba = found.find((m) => m.from === 'B');
        expect(ab?.score).toBe(ba?.score);
        expect(ab?.parts).toEqual(ba?.parts);
      }),
      { numRuns: 300 },
    );
  });

  it('adding an establishment never changes existing scores (and an unrelated one changes nothing)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), side, fc.boolean(), (seed, extra, related) => {
        const d = randomTerritory(seed, 25);
        const before = findSynergies(d, { top: Infinity, perNeed: Infinity, pooling: false }).matches;
        const d2 = structuredClone(d);
        d2.establishments.push(est('zz', extra.location ? { location: extra.location } : {}));
        const item: Item = related ? (extra.item as Item) : { code: 'zz-unrelated:42', label: 'nothing alike' };
        d2.resources!.push(res('zz-offer', 'zz', 'offer', extra.kind, item), res('zz-need', 'zz', 'need', extra.kind, item));
        const after = findSynergies(d2, { top: Infinity, perNeed: Infinity, pooling: false }).matches;
        const key = (m: SynergyMatch) => `${m.offer}|${m.need}`;
        const old = new Map(before.map((m) => [key(m), m]));
        for (const m of after) if (old.has(key(m))) expect(m).toEqual(old.get(key(m)));
        if (!related) expect(after).toEqual(before);
        else expect(after.filter((m) => m.from !== 'zz' && m.to !== 'zz')).toEqual(before);
      }),
      { numRuns: 80 },
    );
  });
});

// ------------------------------------------------------------------ filters applied inside the search

/** The best `perNeed` of each need, then the best `top`, from a ranking given best first. */
function cut(ranking: SynergyMatch[], perNeed: number, top: number): SynergyMatch[] {
  const seen = new Map<string, number>();
  const kept = ranking.filter((m) => {
    const k = (seen.get(m.need) ?? 0) + 1;
    seen.set(m.need, k);
    return k <= perNeed;
  });
  return kept.slice(0, top);
}

/** Whether a code is `filter` or falls under it (same scheme, digits starting with the filter's). */
function underCode(code: string | undefined, filter: string): boolean {
  if (!code) return false;
  const a = parseItem({ code });
  const f = parseItem({ code: filter });
  return a.scheme === f.scheme && (a.digits ?? '').startsWith(f.digits ?? '');
}

/** The codes of the offer and the need of a match, as the document writes them. */
function matchCodes(d: ToileDocument): (m: SynergyMatch) => [string | undefined, string | undefined] {
  const resources = new Map((d.resources ?? []).map((r) => [r.id, r]));
  const flows = new Map(d.flows.map((f) => [f.id, f]));
  return (m) => [resources.get(m.offer)?.item?.code, (m.needSource === 'flow' ? flows.get(m.need) : resources.get(m.need))?.item?.code];
}

interface Filters {
  code?: string;
  need?: string;
  excludeHazardous?: boolean;
}

/** Every candidate without the filters (no top, no per-need limit; `full` when given), filtered, then cut. */
function filteredThenCut(
  d: ToileDocument,
  options: SynergyOptions,
  filters: Filters,
  full = findSynergies(d, { ...options, top: Infinity, perNeed: Infinity, pooling: false }).matches,
): SynergyMatch[] {
  const codes = matchCodes(d);
  const kept = full.filter((m) => {
    if (filters.need !== undefined && m.need !== filters.need) return false;
    if (filters.excludeHazardous && m.hazardous) return false;
    if (filters.code === undefined) return true;
    const [offer, need] = codes(m);
    return underCode(offer, filters.code) || underCode(need, filters.code);
  });
  return cut(kept, options.perNeed ?? 3, options.top ?? 50);
}

const FILTER_CODES = ['ewc:10', 'ewc:1002', 'ewc:100202', 'ewc:16', 'ewc:1606', 'hs:72', 'hs:7204', 'nace:2410', 'x-test:a'];

describe('the code, need and hazard filters are applied before ranking: the same as filtering every candidate, then cutting', () => {
  const filters = fc.record(
    {
      code: fc.constantFrom(...FILTER_CODES),
      need: fc.oneof(
        fc.nat(119).map((k) => `r${k}`),
        fc.nat(39).map((k) => `f${k}`),
      ),
      excludeHazardous: fc.boolean(),
    },
    { requiredKeys: [] },
  );

  it('on random territories, for any radius, top and per-need limit, around an establishment or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(1, 2, 3, Infinity),
        fc.constantFrom(1, 3, 10, Infinity),
        fc.option(fc.nat(39), { nil: undefined }),
        filters,
        (seed, radiusKm, perNeed, top, who, f) => {
          const d = randomTerritory(seed);
          const options: SynergyOptions = { radiusKm, perNeed, top, ...(who !== undefined ? { establishment: `e${who}` } : {}) };
          expect(findSynergies(d, { ...options, ...f, pooling: false }).matches).toEqual(filteredThenCut(d, options, f));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('each filter alone, and with a family, on larger territories', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom<Filters>({ code: 'ewc:10' }, { code: 'ewc:1606' }, { code: 'hs:72' }, { excludeHazardous: true }, { need: 'r7' }, { need: 'f3' }),
        fc.constantFrom(undefined, 'ferrous-metals', 'batteries'),
        (seed, f, family) => {
          const d = randomTerritory(seed, 300);
          const options: SynergyOptions = { radiusKm: 15, perNeed: 2, top: 30, ...(family ? { family } : {}) };
          expect(findSynergies(d, { ...options, ...f, pooling: false }).matches).toEqual(filteredThenCut(d, options, f));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('on a seeded generated territory (EWC entries of every chapter, hazardous ones included)', () => {
    const d = generateTerritory({ establishments: 1000, resourcesPerEstablishment: true, seed: 7 });
    const p = prepareSynergies(d);
    const options: SynergyOptions = { radiusKm: 10, perNeed: 3, top: 40 };
    const full = findSynergies(p, { ...options, top: Infinity, perNeed: Infinity, pooling: false }).matches;
    // A hazardous candidate: its need, and the EWC chapter of its hazardous side.
    const hazardous = full.find((m) => m.hazardous)!;
    expect(hazardous).toBeDefined();
    const chapter = `ewc:${parseItem({ code: matchCodes(d)(hazardous).find((c) => c && parseItem({ code: c }).hazardous) }).digits!.slice(0, 2)}`;
    const single: Filters[] = [{ excludeHazardous: true }, { code: chapter }, { need: hazardous.need }];
    for (const f of [
      ...single,
      { need: hazardous.need, excludeHazardous: true },
      { code: chapter, excludeHazardous: true },
      { code: 'ewc:19', need: hazardous.need },
    ]) {
      const expected = filteredThenCut(d, options, f, full);
      if (single.includes(f)) expect(expected.length).toBeGreaterThan(0);
      expect(findSynergies(p, { ...options, ...f, pooling: false }).matches).toEqual(expected);
    }
  });

  it('pooling: the code keeps the groups of its codes, the need the groups that list it; hazard leaves pooling alone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(2, 10, 40),
        fc.constantFrom(1, 2, 5, Infinity),
        fc.option(fc.nat(39), { nil: undefined }),
        filters,
        (seed, radiusKm, top, who, f) => {
          const d = randomTerritory(seed, 120);
          const options: SynergyOptions = { radiusKm, ...(who !== undefined ? { establishment: `e${who}` } : {}) };
          const all = findSynergies(d, { ...options, top: Infinity }).pooling;
          const expected = all
            .filter((g) => (f.need === undefined || g.needs.includes(f.need)) && (f.code === undefined || underCode(g.item.code, f.code)))
            .slice(0, top);
          expect(findSynergies(d, { ...options, ...f, top }).pooling).toEqual(expected);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('counts what took part; reads bare EWC digits as EWC codes', () => {
    const d = randomTerritory(11, 60);
    const need = (d.resources ?? []).find((r) => r.direction === 'need' && r.item && (r.item.code || r.item.family || r.item.label))!;
    expect(findSynergies(d, { need: need.id }).considered).toMatchObject({ needs: 1, flowNeeds: 0 });
    expect(findSynergies(d, { need: 'nobody' })).toMatchObject({ matches: [], considered: { needs: 0, flowNeeds: 0 } });
    const all = findSynergies(d, { top: Infinity }).considered;
    const safe = findSynergies(d, { top: Infinity, excludeHazardous: true }).considered;
    expect(safe.offers + safe.needs + safe.flowNeeds).toBeLessThan(all.offers + all.needs + all.flowNeeds);
    expect(findSynergies(d, { code: '10 02', top: Infinity })).toEqual(findSynergies(d, { code: 'ewc:1002', top: Infinity }));
  });
});
