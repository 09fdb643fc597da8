/**
 * mergeToile finds flows and resources by numbered ends instead of one key string per record, and
 * compares values without JSON text where it can: the result must be what the earlier
 * implementation (kept in merge-reference.ts) gives, byte for byte, on varied generated documents.
 */
import { describe, expect, it } from 'vitest';
import { mergeToile } from '../src/index.ts';
import { mergeToile as referenceMerge } from './merge-reference.ts';
import { mergeOrders, sharedEnds } from './support/merge-views.ts';

describe('mergeToile agrees with the reference implementation', () => {
  for (const seed of [1, 2, 3, 5, 8, 13, 21, 34]) {
    it(`seed ${seed}: same document, conflicts, matches and counts`, () => {
      const { a, b, orders } = mergeOrders(seed);
      for (const docs of orders) {
        const before = JSON.stringify(docs);
        const result = mergeToile(docs);
        expect(JSON.stringify(result)).toBe(JSON.stringify(referenceMerge(docs)));
        expect(JSON.stringify(docs)).toBe(before);
      }
      const { conflicts, counts } = mergeToile([a, b]);
      expect(conflicts.length).toBeGreaterThan(0);
      expect(counts.renamed).toBeGreaterThan(0);
      expect(counts.merged).toBeGreaterThan(0);
    });
  }

  it('flows sharing both ends but not their kind or item stay apart, then match their own', () => {
    const [doc, other] = sharedEnds();
    expect(JSON.stringify(mergeToile([doc, other]))).toBe(JSON.stringify(referenceMerge([doc, other])));
  });

  it('records without an id (input not validated) merge as the reference merges them, without throwing', () => {
    const { a, b } = mergeOrders(3);
    const [x, y] = [structuredClone(a), structuredClone(b)];
    delete (x.flows[0] as { id?: string }).id;
    delete (y.flows[1] as { id?: string }).id;
    expect(JSON.stringify(mergeToile([x, y]))).toBe(JSON.stringify(referenceMerge([x, y])));
  });
});
