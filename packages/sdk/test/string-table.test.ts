/**
 * StringIndex (the columnar paths' string lookup) against a `Map` over the same lists: same first
 * positions, same answers for strings never added, through regrowths, with repeats, empty strings,
 * surrogate pairs and strings whose hashes collide.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repeatedRows, StringIndex, StringSet, stringHash } from '../src/util/string-table.ts';
import { ByteCodes } from '../src/load/byte-codes.ts';

/** First position of each string, and the answers a `Map` gives. */
function againstMap(keys: string[], expected = 0): void {
  const index = new StringIndex(keys, expected);
  const first = new Map<string, number>();
  const expectedAnswers = keys.map((key, position) => {
    const known = first.get(key);
    if (known === undefined) first.set(key, position);
    return known ?? -1;
  });
  expect(keys.map((key, position) => index.firstOrAdd(key, position))).toEqual(expectedAnswers);
  expect(index.size).toBe(first.size);
  expect([...first.keys()].map((key) => index.find(key))).toEqual([...first.values()]);
  for (const absent of ['never added', `${keys[0] ?? ''}\u0000`]) if (!first.has(absent)) expect(index.find(absent)).toBe(-1);
}

describe('StringIndex', () => {
  it('gives the first position of each string, as a Map does (random lists, repeats, any size hint)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 300 }),
        fc.nat(400),
        (keys, expected) => {
          againstMap(keys, expected);
        },
      ),
      { seed: 16, numRuns: 300 },
    );
  });

  it('holds 200,000 ids through its regrowths', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `f${i % 150_000}`);
    againstMap(keys);
  });

  it('tells apart strings of the same hash (ids made to collide under any seed are still told apart)', () => {
    // "Aa" and "BB" collide in Java's hash; FNV tells them apart, but whatever collides, equal
    // hashes fall back on comparing the strings: a table of one slot's worth of keys proves it.
    const keys = ['', 'Aa', 'BB', 'AaAa', 'BBBB', 'AaBB', 'BBAa', '\u{1F600}', '\uD83D', '\uDE00'];
    againstMap([...keys, ...keys]);
  });

  it('adds a dictionary word before it is pushed (firstOrAdd then push)', () => {
    const dictionary: string[] = [];
    const index = new StringIndex(dictionary);
    const code = (word: string) => {
      const at = index.firstOrAdd(word, dictionary.length);
      return at >= 0 ? at + 1 : dictionary.push(word);
    };
    expect(['t/yr', 'MWh/yr', 't/yr', 'm3/yr', 'MWh/yr'].map(code)).toEqual([1, 2, 1, 3, 2]);
    expect(dictionary).toEqual(['t/yr', 'MWh/yr', 'm3/yr']);
  });

  it('finds a range of a text as it finds the same string (findRange, no string made)', () => {
    const words = ['e1', 'e12', 'é1', '', 'e1 ', 'a"b', 'e2'];
    const index = new StringIndex(words, words.length);
    words.forEach((w, i) => index.firstOrAdd(w, i));
    const text = 'xx e1 e12 é1  e1  e3 a"b e2';
    for (let start = 0; start <= text.length; start++)
      for (let end = start; end <= text.length; end++) expect(index.findRange(text, start, end)).toBe(index.find(text.slice(start, end)));
  });

  it('repeatedRows finds the rows of a string written twice, as counting with a Map does (any size, holes, a filter)', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 48271) + 11) % 2147483647) & 0xffff) / 0x10000;
    for (const n of [0, 1, 5, 1000, 40_000, 150_000]) {
      const values = Array.from({ length: n }, () => (random() < 0.05 ? undefined : `e${Math.floor(random() * n * 1.5)}`));
      const include = (v: string) => !v.endsWith('7');
      for (const filter of [undefined, include]) {
        const seen = new Map<string, number>();
        for (const v of values) if (v !== undefined && (!filter || filter(v))) seen.set(v, (seen.get(v) ?? 0) + 1);
        const expected = values.map((v) => (v !== undefined && (seen.get(v) ?? 0) > 1 ? 1 : 0));
        const got = repeatedRows(values, filter);
        expect(got ? [...got] : values.map(() => 0), `n ${n}`).toEqual(expected);
        expect(got === undefined).toBe(!expected.includes(1));
      }
    }
  });

  it('StringSet answers add, has and size as a Set does', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 200 }), fc.array(fc.string({ maxLength: 3 }), { maxLength: 20 }), (added, asked) => {
        const set = new StringSet();
        const reference = new Set<string>();
        expect(added.map((key) => set.add(key))).toEqual(added.map((key) => reference.size < reference.add(key).size));
        expect(set.size).toBe(reference.size);
        expect(asked.map((key) => set.has(key))).toEqual(asked.map((key) => reference.has(key)));
      }),
      { seed: 17, numRuns: 200 },
    );
  });

  it('StringSet keeps what is no string as a Set would (an id missing from unvalidated input)', () => {
    const set = new StringSet();
    const missing = undefined as unknown as string;
    expect([set.add(missing), set.add('a'), set.add(missing), set.has(missing), set.size]).toEqual([true, true, false, true, 2]);
  });
});

describe('hashes against chosen collisions', () => {
  // 2^12 keys of 24 code units, each pair "ab" or "\u8061\u8062" (bit 15 flipped in two units in a
  // row): FNV-1a alone gives them one and the same low 16 bits, whatever the seed.
  const crafted = Array.from({ length: 4096 }, (_, n) => Array.from({ length: 12 }, (_, bit) => ((n >> bit) & 1 ? '\u8061\u8062' : 'ab')).join(''));
  const distinct = (hashes: number[], mask: number) => new Set(hashes.map((h) => h & mask)).size;

  it('spreads such strings over the low bits (StringIndex picks its slot there)', () => {
    // As many distinct low halves as 4,096 random numbers give (≈ 3,970); without the mixer: 1.
    for (const seed of [1, 0x811c9dc5, 123456789])
      expect(
        distinct(
          crafted.map((k) => stringHash(k, seed)),
          0xffff,
        ),
      ).toBeGreaterThan(3600);
  });

  it('spreads such bytes over the low bits (ByteCodes picks its slot there)', () => {
    // In UTF-8 the flip is bit 7 of two bytes in a row: "ab" against "\xe1\xe2".
    const bytes = crafted.map((_, n) => Uint8Array.from(Array.from({ length: 12 }, (_, bit) => ((n >> bit) & 1 ? [0xe1, 0xe2] : [0x61, 0x62])).flat()));
    const codes = new ByteCodes();
    expect(
      distinct(
        bytes.map((b) => codes.hash(b, 0, b.length)),
        0xfff,
      ),
    ).toBeGreaterThan(2500);
  });
});
