/**
 * mergeToile finds flows and resources by numbered ends instead of one key string per record, and
 * compares values without JSON text where it can: the result must be what the earlier
 * implementation (kept in merge-reference.ts) gives, byte for byte, on varied generated documents.
 */
import { describe, expect, it } from 'vitest';
import type { ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit/node';
import { mergeToile } from '../src/index.ts';
import { mergeToile as referenceMerge } from './merge-reference.ts';

/** A small seeded random in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
}

/** Another agency's view of `doc`: shared SIRET, names and postcodes, renamed and dangling references, sources, conflicts. */
function otherView(doc: ToileDocument, seed: number): ToileDocument {
  const r = random(seed);
  const other = generateTerritory({
    establishments: doc.establishments.length,
    flowsPerEstablishment: 3,
    resourcesPerEstablishment: 2,
    capabilitiesPerEstablishment: true,
    seed,
  });
  other.territory = { id: `agency-${seed}`, name: 'Agence' };
  other.meta.sources = [...(other.meta.sources ?? []), { id: 'itw', label: 'Enquête', method: 'survey' }];
  other.establishments.forEach((e, i) => {
    const same = doc.establishments[i]!;
    const roll = r();
    if (roll < 0.3 && same.siret) e.siret = same.siret;
    else if (roll < 0.5) {
      e.name = `${same.name} S.A.S.`;
      e.location = { ...e.location, postcode: '76600' };
    } else if (roll < 0.6) e.id = `x${i}`;
    if (r() < 0.3) e.sources = ['itw', 'generator'];
    if (r() < 0.2) e.sectors = ['chimie', 'acier'];
  });
  other.flows.forEach((f, k) => {
    if (r() < 0.1) f.from = doc.flows[k % doc.flows.length]!.from;
    if (r() < 0.05) f.to = `missing${k % 7}`;
    if (r() < 0.2) f.source = 'itw';
    if (r() < 0.1) f.item = { label: `Palettes ${k % 3}` };
  });
  return other;
}

function firstView(seed: number): ToileDocument {
  const doc = generateTerritory({ establishments: 120, flowsPerEstablishment: 4, resourcesPerEstablishment: 2, capabilitiesPerEstablishment: true, seed });
  const r = random(seed + 1);
  doc.establishments.forEach((e) => {
    if (r() < 0.3) e.location = { ...e.location, postcode: '76600' };
    if (r() < 0.2) e.sectors = ['acier'];
  });
  // A duplicated flow, and a duplicated establishment id, inside one document.
  doc.flows.push({ ...doc.flows[0]!, id: 'dup-flow' });
  doc.establishments.push({ ...doc.establishments[3]!, name: 'Autre nom' });
  return doc;
}

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
