import { describe, expect, it } from 'vitest';
import type { Establishment, Flow, Resource, ToileDocument } from '@toile/schema';
import { findAlternativeSources, findGaps, haversineKm } from '../src/index.ts';

const est = (id: string, extra: Partial<Establishment> = {}): Establishment => ({ id, name: `Site ${id}`, ...extra });
const flow = (id: string, from: string, to: string, extra: Partial<Flow> = {}): Flow => ({ id, from, to, kind: 'supply', ...extra });
function doc(establishments: Establishment[], flows: Flow[], resources: Resource[] = []): ToileDocument {
  return { toile: '1.0', territory: { id: 't', name: 'T' }, meta: { title: 'T' }, establishments, flows, resources };
}
/** A point `km` kilometres north of (49, 0), along the meridian (exact for the haversine). */
const north = (km: number) => ({ lat: 49 + (km / 6371.0088) * (180 / Math.PI), lon: 0 });

describe('findGaps', () => {
  // a, b, c inside; x, y outside.
  const d = doc(
    [est('a'), est('b'), est('c'), est('x', { external: true }), est('y', { external: true })],
    [
      // Ore: a and b buy it, only from x → missing input, 150 € and 3 t.
      flow('f1', 'x', 'a', { item: { code: 'hs:2601', label: 'Minerai' }, valueEur: 100, quantity: { value: 1, unit: 't/yr' } }),
      flow('f2', 'x', 'b', { item: { code: 'hs:2601' }, valueEur: 50, quantity: { value: 2000, unit: 'kg/yr' } }),
      // Chemicals: a buys from y, but b buys from c inside → not a gap.
      flow('f3', 'y', 'a', { item: { code: 'cpa:20.14' }, valueEur: 1000 }),
      flow('f4', 'c', 'b', { item: { code: 'cpa:20.14' } }),
      // Steam from outside, larger in value than the ore → ranked first by value.
      flow('f5', 'y', 'c', { kind: 'energy', item: { family: 'steam' }, valueEur: 500 }),
      // Slag: c only sells it outside → exported output; b needs it (resource).
      flow('f6', 'c', 'y', { kind: 'byproduct', item: { code: 'ewc:100202' }, valueEur: 10 }),
      // Ore also leaves: c sells it to y → a local producer of a missing input.
      flow('f7', 'c', 'y', { item: { code: 'hs:2601' } }),
      // Without code or family: cannot be grouped.
      flow('f8', 'y', 'a', { kind: 'service' }),
      // An ended flow is not looked at.
      flow('f9', 'y', 'b', { item: { code: 'hs:9999' }, status: 'ended' }),
    ],
    [
      { id: 'r1', establishment: 'b', direction: 'need', kind: 'byproduct', item: { code: 'ewc:100202' } },
      { id: 'r2', establishment: 'c', direction: 'offer', kind: 'supply', item: { code: 'hs:2601' } },
    ],
  );

  it('lists inputs received only from outside, by value, with local leads', () => {
    const r = findGaps(d);
    expect(r.missingInputs.map((g) => g.key)).toEqual(['family:steam', 'code:hs:2601']);
    const ore = r.missingInputs[1]!;
    expect(ore).toMatchObject({
      code: 'hs:2601',
      label: 'Minerai',
      kinds: ['supply'],
      establishments: ['a', 'b'],
      partners: ['x'],
      flows: 2,
      valueEur: 150,
      quantity: { value: 3, unit: 't/yr' },
      localCounterparts: ['c'],
      resources: ['r2'],
    });
    expect(r.unkeyedFlows).toBe(1);
  });

  it('lists local outputs that only leave the territory', () => {
    const r = findGaps(d);
    // c gives slag and ore only to y; chemicals and steam are not given inside.
    expect(r.exportedOutputs.map((g) => g.key)).toEqual(['code:ewc:100202', 'code:hs:2601']);
    expect(r.exportedOutputs[0]).toMatchObject({ establishments: ['c'], partners: ['y'], valueEur: 10, resources: ['r1'], localCounterparts: [] });
    // b and a buy ore from outside: they are the local leads for c's ore.
    expect(r.exportedOutputs[1]!.localCounterparts).toEqual(['a', 'b']);
  });

  it('ranks by number of buyers on request', () => {
    expect(findGaps(d, { sortBy: 'establishments' }).missingInputs.map((g) => g.key)).toEqual(['code:hs:2601', 'family:steam']);
  });
});

describe('findAlternativeSources', () => {
  const d = doc(
    [
      est('a', { location: north(0) }),
      est('x', { external: true }),
      est('b', { location: north(5) }),
      est('c', { location: north(2) }),
      est('dd', { location: north(1) }),
      est('e'),
      est('z', { external: true, location: north(0.5) }),
    ],
    [
      flow('f1', 'x', 'a', { item: { code: 'hs:2601', family: 'ferrous-metals' } }),
      // b supplies the same code to someone else.
      flow('f2', 'b', 'x', { item: { code: 'hs:2601' } }),
      // dd supplies scrap (same family) to b.
      flow('f3', 'dd', 'b', { item: { code: 'ewc:170405' } }),
      // z is outside the territory: never a candidate.
      flow('f4', 'z', 'b', { item: { code: 'hs:2601' } }),
      // An ended flow is no evidence.
      flow('f5', 'e', 'b', { item: { code: 'hs:2601' }, status: 'ended' }),
    ],
    [
      // c declares the ore as an offer; e (unlocated) too.
      { id: 'r1', establishment: 'c', direction: 'offer', kind: 'supply', item: { code: 'hs:2601' } },
      { id: 'r2', establishment: 'e', direction: 'offer', kind: 'supply', item: { code: 'hs:2601' } },
      { id: 'r3', establishment: 'b', direction: 'need', kind: 'supply', item: { code: 'hs:2601' } },
      // c also offers ferrous metals in general.
      { id: 'r4', establishment: 'c', direction: 'offer', kind: 'byproduct', item: { family: 'ferrous-metals' } },
    ],
  );

  it('ranks same-code sources by distance, then same-family ones; unlocated last', () => {
    const r = findAlternativeSources(d, { establishment: 'a', input: 'hs:2601' });
    expect(r).toMatchObject({ found: true, validInput: true, receives: true, currentSuppliers: ['x'], input: { code: 'hs:2601', family: 'ferrous-metals' } });
    expect(r.candidates.map((c) => [c.id, c.match, c.distanceKm])).toEqual([
      ['c', 'code', 2],
      ['b', 'code', 5],
      ['e', 'code', null],
      ['dd', 'family', 1],
    ]);
    expect(r.candidates[0]).toMatchObject({ offers: ['r1', 'r4'], flows: [] });
    expect(r.candidates[1]).toMatchObject({ flows: ['f2'], offers: [] });
    expect(haversineKm(north(0).lat, 0, north(5).lat, 0)).toBeCloseTo(5, 9);
  });

  it('accepts a family as input (codes count through their family when they have one)', () => {
    const r = findAlternativeSources(d, { establishment: 'a', input: 'ferrous-metals' });
    expect(r.currentSuppliers).toEqual(['x']);
    // dd gives EWC 17 04 05 (iron and steel: ferrous metals); c offers the family; b's ore has no family.
    expect(r.candidates.map((c) => [c.id, c.match, c.distanceKm])).toEqual([
      ['dd', 'family', 1],
      ['c', 'family', 2],
    ]);
  });

  it('reports an unknown establishment or an invalid input instead of throwing', () => {
    expect(findAlternativeSources(d, { establishment: 'ghost', input: 'hs:2601' })).toMatchObject({ found: false, candidates: [] });
    expect(findAlternativeSources(d, { establishment: 'a', input: 'not-a-family' })).toMatchObject({ found: true, validInput: false, candidates: [] });
    expect(findAlternativeSources(d, { establishment: 'a', input: 'hs:2601', limit: 1 }).candidates).toHaveLength(1);
  });
});
