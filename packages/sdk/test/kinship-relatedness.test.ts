import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Capability, Establishment, Flow, ToileDocument } from '@toile/schema';
import { activityProximity, buildColocation, colocationOf, parseNaf, prepareKinship, relatedness } from '../src/index.ts';
import { nafLevel } from '../src/analysis/kinship/naf.ts';

const doc = (establishments: Establishment[], flows: Flow[] = []): ToileDocument => ({
  toile: '1.0',
  territory: { id: 't', name: 'T' },
  meta: { title: 'T', sources: [] },
  establishments,
  flows,
});

/**
 * Two machine shops of the same NAF class (25.62A, 25.62B), a boilermaker of the same division, a
 * steelworks of the same section, a wholesaler, an establishment without NAF, an outside mill.
 */
function shops(): ToileDocument {
  return doc(
    [
      { id: 'a', name: 'A', naf: '25.62A', capabilities: [{ id: 'a1', process: 'din8580:3.2', products: ['cpa:25.62', 'hs:8483'] }] },
      { id: 'b', name: 'B', naf: '25.62B', capabilities: [{ id: 'b1', process: 'din8580:3.1', products: ['cpa:25.62'] }] },
      { id: 'c', name: 'C', naf: '25.11Z' },
      { id: 'd', name: 'D', naf: '24.10Z' },
      { id: 'e', name: 'E', naf: '46.72Z' },
      { id: 'f', name: 'F' },
      { id: 'x', name: 'X', naf: '24.10Z', external: true },
    ],
    [
      // a buys 300 € of hs:7208 and 100 € of hs:7216: every input has a value, so values weigh.
      { id: 'i1', from: 'x', to: 'a', kind: 'supply', item: { code: 'hs:7208' }, valueEur: 300 },
      { id: 'i2', from: 'x', to: 'a', kind: 'supply', item: { code: 'hs:7216' }, valueEur: 100 },
      // b buys 50 € of hs:7208 and 50 € of electricity (a family).
      { id: 'i3', from: 'x', to: 'b', kind: 'supply', item: { code: 'hs:7208' }, valueEur: 50 },
      { id: 'i4', from: 'x', to: 'b', kind: 'energy', item: { family: 'electricity' }, valueEur: 50 },
      // a sells hs:8483, 12 t/yr and 4 t/yr (no values: quantities weigh) and hs:8487, 4 t/yr.
      { id: 'o1', from: 'a', to: 'c', kind: 'supply', item: { code: 'hs:8483' }, quantity: { value: 12, unit: 't/yr' } },
      { id: 'o2', from: 'a', to: 'd', kind: 'supply', item: { code: 'hs:8483' }, quantity: { value: 4000, unit: 'kg/yr' } },
      { id: 'o3', from: 'a', to: 'd', kind: 'supply', item: { code: 'hs:8487' }, quantity: { value: 4, unit: 't/yr' } },
      // b sells hs:8483 once with a quantity, hs:8487 once without: flows are counted.
      { id: 'o4', from: 'b', to: 'c', kind: 'supply', item: { code: 'hs:8483' }, quantity: { value: 1, unit: 't/yr' } },
      { id: 'o5', from: 'b', to: 'd', kind: 'supply', item: { code: 'hs:8487' } },
      // Not active: not read.
      { id: 'o6', from: 'b', to: 'c', kind: 'supply', item: { code: 'hs:9999' }, status: 'ended' },
      // No code, no family: not keyed.
      { id: 'o7', from: 'b', to: 'c', kind: 'service', item: { label: 'conseil' } },
    ],
  );
}

describe('NAF proximity', () => {
  it('reads the levels of a code written in any usual form', () => {
    expect(parseNaf('24.10Z')).toEqual({ subclass: '24.10Z', class: '24.10', group: '24.1', division: '24', section: 'C' });
    expect(parseNaf('2410z')).toEqual(parseNaf('24.10Z'));
    expect(parseNaf('naf:46.72Z')?.section).toBe('G');
    expect(parseNaf('24.10')).toEqual({ class: '24.10', group: '24.1', division: '24', section: 'C' });
    expect(parseNaf('ewc:100202')).toBeUndefined();
    expect(parseNaf(undefined)).toBeUndefined();
  });

  it('scores the deepest shared level: sub-class 1 > class 0.8 > group 0.6 > division 0.4 > section 0.2 > none 0', () => {
    const p = (a: string, b: string) => activityProximity(parseNaf(a), parseNaf(b));
    expect(p('25.62A', '25.62A')).toBe(1);
    expect(p('25.62A', '25.62B')).toBe(0.8);
    expect(p('25.61Z', '25.62A')).toBe(0.6);
    expect(p('25.11Z', '25.62A')).toBe(0.4);
    expect(p('24.10Z', '25.62A')).toBe(0.2);
    expect(p('24.10Z', '46.72Z')).toBe(0);
    // A class written without its letter shares the class, never the sub-class.
    expect(p('24.10', '24.10Z')).toBe(0.8);
    expect(nafLevel(parseNaf('24.10Z'), undefined)).toBe('none');
  });
});

describe('relatedness, part by part', () => {
  const ctx = prepareKinship(shops());

  it('activity: the NAF proximity', () => {
    expect(relatedness('a', 'b', ctx)!.parts.activity).toBe(0.8);
    expect(relatedness('a', 'b', ctx)!.activityLevel).toBe('class');
    expect(relatedness('a', 'c', ctx)!.parts.activity).toBe(0.4);
    expect(relatedness('a', 'd', ctx)!.parts.activity).toBe(0.2);
    expect(relatedness('a', 'e', ctx)!.parts.activity).toBe(0);
  });

  it('inputs: cosine of values by item key', () => {
    // a = (hs:7208 300, hs:7216 100), b = (hs:7208 50, electricity 50):
    // 300·50 / (√(300² + 100²) · √(50² + 50²)) = 15 000 / (316.228 · 70.711) = 0.67082
    expect(relatedness('a', 'b', ctx)!.parts.inputs).toBeCloseTo(0.6708, 4);
  });

  it('outputs: quantities in base units when every flow has one, else counts', () => {
    // a: every output has a mass → hs:8483 12 + 4 = 16 t/yr, hs:8487 4 t/yr.
    // b: one output without quantity → counted: hs:8483 1, hs:8487 1 (the ended flow is left out).
    // (16 + 4) / (√(16² + 4²) · √2) = 20 / (16.492 · 1.41421) = 0.85749
    expect(relatedness('a', 'b', ctx)!.parts.outputs).toBeCloseTo(0.8575, 4);
  });

  it('capabilities: weighted Jaccard of processes (shared DIN 8580 group counts half), averaged with product Jaccard', () => {
    // a: din8580:3.2 (1) + group din8580:3 (0.5); b: din8580:3.1 (1) + din8580:3 (0.5)
    // processes: min 0.5 / max (1 + 1 + 0.5) = 0.2; products {cpa:25.62, hs:8483} vs {cpa:25.62}: 1/2
    // (0.2 + 0.5) / 2 = 0.35
    expect(relatedness('a', 'b', ctx)!.parts.capabilities).toBe(0.35);
  });

  it('the score: Σ weight × part, weights rescaled over the parts in play, shown', () => {
    const r = relatedness('a', 'b', ctx)!;
    // No other territory: no co-location; 0.3, 0.2, 0.2, 0.2 over 0.9.
    const expected = { activity: 0.3 / 0.9, inputs: 0.2 / 0.9, outputs: 0.2 / 0.9, capabilities: 0.2 / 0.9, colocation: 0 };
    for (const [part, w] of Object.entries(expected)) expect(r.weights[part as keyof typeof expected]).toBeCloseTo(w, 12);
    // (0.3·0.8 + 0.2·0.67082 + 0.2·0.85749 + 0.2·0.35) / 0.9 = (0.24 + 0.13416 + 0.17150 + 0.07) / 0.9 = 0.68407
    expect(r.score).toBe(0.6841);
    expect(r.withData).toEqual(['activity', 'inputs', 'outputs', 'capabilities']);
    expect(r.evidence).toBe(1);
    expect(r.parts).not.toHaveProperty('colocation');
  });

  it('missing data counts 0, lowers the evidence and never stands for resemblance', () => {
    // c: a NAF code and one input (hs:8483 from a), no outputs, no capabilities.
    const ac = relatedness('a', 'c', ctx)!;
    expect(ac.withData).toEqual(['activity', 'inputs']);
    expect(ac.parts.capabilities).toBe(0);
    // inputs of a (7208, 7216) and c (8483) share nothing: 0. (0.3·0.4) / 0.9 = 0.13333
    expect(ac.score).toBe(0.1333);
    expect(ac.evidence).toBe(0.5556);
    // f has no NAF and e no flows: two establishments with nothing known are not alike.
    const ef = relatedness('e', 'f', ctx)!;
    expect(ef).toMatchObject({ score: 0, withData: [], evidence: 0, activityLevel: 'none' });
    expect(relatedness('a', 'ghost', ctx)).toBeUndefined();
  });

  it('a document without capabilities leaves the part out of play', () => {
    const plain = shops();
    for (const e of plain.establishments) delete e.capabilities;
    const r = relatedness('a', 'b', prepareKinship(plain))!;
    expect(r.weights.capabilities).toBe(0);
    expect(r.weights.activity).toBeCloseTo(0.3 / 0.7, 12);
    // (0.3·0.8 + 0.2·0.67082 + 0.2·0.85749) / 0.7 = 0.54566 / 0.7 = 0.77952
    expect(r.score).toBe(0.7795);
  });
});

describe('co-location across territories', () => {
  // Six territories; 25.62 in T1–T5, 24.10 in T1–T4 and T6, 46.72 in T1 only.
  const territory = (i: number, codes: string[]) => doc(codes.map((naf, k) => ({ id: `t${i}e${k}`, name: 'E', naf })));
  const six = [
    territory(1, ['25.62A', '24.10Z', '46.72Z']),
    territory(2, ['25.62B', '24.10Z']),
    territory(3, ['25.62A', '24.10Z']),
    territory(4, ['25.62A', '24.10Z']),
    territory(5, ['25.62A']),
    territory(6, ['24.10Z']),
  ];

  it('φ = territories with both ÷ territories with the more widespread, only with enough support', () => {
    const table = buildColocation(six);
    // 25.62: 5 territories, 24.10: 5, both: 4 → 4/5.
    expect(colocationOf(table, parseNaf('25.62A'), parseNaf('24.10Z'))).toEqual({ value: 0.8, support: 5 });
    // 46.72 in 1 territory, 25.62 in 5: 1/5 — resting on 5 territories.
    expect(colocationOf(table, parseNaf('46.72Z'), parseNaf('25.62B'))).toEqual({ value: 0.2, support: 5 });
    // Four territories are not enough.
    expect(colocationOf(buildColocation(six.slice(0, 4)), parseNaf('25.62A'), parseNaf('24.10Z'))).toBeUndefined();
    expect(colocationOf(buildColocation(six.slice(0, 4), 4), parseNaf('25.62A'), parseNaf('24.10Z'))).toEqual({ value: 1, support: 4 });
    // The same document given twice counts once.
    expect(buildColocation([six[0]!, six[0]!]).territories).toBe(1);
  });

  it('joins relatedness with its weight when supported, and is absent otherwise', () => {
    // The shops' document is a seventh territory: 25.62 in 6, 24.10 in 6, both 5 → 5/6.
    const ctx = prepareKinship(shops(), { territories: six });
    const ad = relatedness('a', 'd', ctx)!;
    expect(ad.parts.colocation).toBe(0.8333);
    expect(ad.colocationSupport).toBe(6);
    expect(ad.weights.colocation).toBeCloseTo(0.1, 12);
    expect(ad.withData).toContain('colocation');
    // Without enough territories the part is absent and its weight redistributed.
    const few = relatedness('a', 'd', prepareKinship(shops(), { territories: six.slice(0, 2) }))!;
    expect(few.parts).not.toHaveProperty('colocation');
    expect(few.weights.colocation).toBe(0);
    expect(few.weights.activity).toBeCloseTo(0.3 / 0.9, 12);
  });
});

// ------------------------------------------------------------------ properties

const NAFS = ['25.62A', '25.62B', '25.61Z', '25.11Z', '24.10Z', '46.72Z', undefined];
const CODES = ['hs:7208', 'hs:7216', 'hs:8483', 'ewc:100202', undefined];
const FAMILIES = ['electricity', 'heat', undefined] as const;
const PROCESSES = ['din8580:3.2', 'din8580:3.1', 'din8580:4.6', 'din8580:4', 'testing:ndt', 'testing', 'assembly'];
const PRODUCTS = ['cpa:25.62', 'hs:8483', 'cpa:25.29', 'naf:71.20B'];

const capabilityArb = fc.record({
  process: fc.constantFrom(...PROCESSES),
  products: fc.subarray(PRODUCTS),
});

/** Small random documents: 2–6 establishments, NAF or not, capabilities or not, keyed flows with or without value and quantity. */
const docArb = fc
  .record({
    nafs: fc.array(fc.constantFrom(...NAFS), { minLength: 2, maxLength: 6 }),
    caps: fc.array(fc.array(capabilityArb, { maxLength: 3 }), { minLength: 6, maxLength: 6 }),
    flows: fc.array(
      fc.record({
        from: fc.nat(5),
        to: fc.nat(5),
        code: fc.constantFrom(...CODES),
        family: fc.constantFrom(...FAMILIES),
        value: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
        tonnes: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
      }),
      { maxLength: 14 },
    ),
  })
  .map(({ nafs, caps, flows }) => {
    const n = nafs.length;
    const establishments: Establishment[] = nafs.map((naf, i) => ({
      id: `e${i}`,
      name: `E${i}`,
      ...(naf ? { naf } : {}),
      ...(caps[i]!.length ? { capabilities: caps[i]!.map((c, k): Capability => ({ id: `c${i}-${k}`, ...c })) } : {}),
    }));
    return doc(
      establishments,
      flows.map((f, k) => ({
        id: `f${k}`,
        from: `e${f.from % n}`,
        to: `e${f.to % n}`,
        kind: 'supply',
        item: { ...(f.code ? { code: f.code } : {}), ...(f.family ? { family: f.family } : {}) },
        ...(f.value !== undefined ? { valueEur: f.value } : {}),
        ...(f.tonnes !== undefined ? { quantity: { value: f.tonnes, unit: 't/yr' } } : {}),
      })),
    );
  });

describe('relatedness properties (fast-check, seeded)', () => {
  it('is symmetric, in [0, 1], and adding a shared capability never lowers it', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.nat(), capabilityArb, (d, i, j, shared) => {
        const n = d.establishments.length;
        const a = `e${i % n}`;
        const b = `e${(i + 1 + (j % (n - 1))) % n}`;
        const ctx = prepareKinship(d);
        const ab = relatedness(a, b, ctx)!;
        const ba = relatedness(b, a, ctx)!;
        expect(ba).toEqual(ab);
        for (const v of [ab.score, ab.evidence, ...Object.values(ab.parts)]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        const more = structuredClone(d);
        for (const e of more.establishments.filter((x) => x.id === a || x.id === b)) {
          e.capabilities = [...(e.capabilities ?? []), { id: `shared-${e.id}`, ...shared }];
        }
        const after = relatedness(a, b, prepareKinship(more))!;
        expect(after.score).toBeGreaterThanOrEqual(ab.score);
        expect(after.parts.capabilities).toBeGreaterThanOrEqual(ab.parts.capabilities);
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
