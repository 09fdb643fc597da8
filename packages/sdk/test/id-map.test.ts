import { describe, expect, it } from 'vitest';
import { generateTerritory } from '@toile/testkit';
import { buildIndex, buildIndexFromColumns, columnsFromDocument } from '../src/index.ts';
import { IdMap } from '../src/graph/id-map.ts';

describe('IdMap: the id → node map built on first need', () => {
  it('answers as a Map set in row order, before and after it is built', () => {
    const ids = ['a', 'b', 'c', 'b', 'd'];
    const reference = new Map<string, number>();
    ids.forEach((id, i) => reference.set(id, i));
    const lazy = new IdMap(ids);
    // The first lookups scan, the 17th builds the map: the answers never change.
    for (let round = 0; round < 20; round++)
      for (const id of ['a', 'b', 'd', 'zz']) {
        expect(lazy.get(id)).toBe(reference.get(id));
        expect(lazy.has(id)).toBe(reference.has(id));
      }
    expect(lazy.size).toBe(reference.size);
    expect([...lazy]).toEqual([...reference]);
    expect([...lazy.keys()]).toEqual([...reference.keys()]);
    expect([...lazy.values()]).toEqual([...reference.values()]);
    const seen: [string, number][] = [];
    lazy.forEach((v, k, map) => {
      seen.push([k, v]);
      expect(map).toBe(lazy);
    });
    expect(seen).toEqual([...reference]);
  });

  it('gives the columnar index the same ids as the document index', () => {
    const doc = generateTerritory({ establishments: 300, flowsPerEstablishment: 3, seed: 4 });
    const columnar = buildIndexFromColumns(columnsFromDocument(doc));
    const document = buildIndex(doc);
    expect([...columnar.nodeOf]).toEqual([...document.nodeOf]);
    for (const e of doc.establishments.slice(0, 40)) expect(columnar.nodeOf.get(e.id)).toBe(document.nodeOf.get(e.id));
  });
});
