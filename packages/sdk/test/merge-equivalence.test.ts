/**
 * mergeToile finds flows and resources by numbered ends instead of one key string per record, and
 * compares values without JSON text where it can: the result must be what the earlier
 * implementation (kept in merge-reference.ts) gives, byte for byte, on varied generated documents.
 */
import { describe, expect, it } from 'vitest';
import { mergeToile } from '../src/index.ts';
import { mergeToile as referenceMerge } from './merge-reference.ts';
import { firstView, otherView } from './support/merge-views.ts';

describe('mergeToile agrees with the reference implementation', () => {
  for (const seed of [1, 2, 3, 5, 8, 13, 21, 34]) {
    it(`seed ${seed}: same document, conflicts, matches and counts`, () => {
      const a = firstView(seed);
      const b = otherView(a, seed + 100);
      const c = otherView(b, seed + 200);
      for (const docs of [
        [a, b],
        [a, b, c],
        [b, a],
        [a, a],
        [c, b, a],
      ]) {
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
    const doc = firstView(4);
    const f = doc.flows[0]!;
    doc.flows.push({ ...f, id: 'k1', kind: 'energy', item: { family: 'heat' } }, { ...f, id: 'k2', kind: 'energy', item: { family: 'steam' } });
    const other = structuredClone(doc);
    other.flows.forEach((g) => (g.valueEur = (g.valueEur ?? 0) + 1));
    expect(JSON.stringify(mergeToile([doc, other]))).toBe(JSON.stringify(referenceMerge([doc, other])));
  });
});
