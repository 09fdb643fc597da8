/**
 * publishColumns against publishToile: for every audience and both ways of hiding flows, the same
 * records, the same withheld counts and the same header; and the record-by-record JSON of the
 * columns is the document's JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTerritory, mulberry32 } from '@toile/testkit';
import type { ToileDocument } from '@toile/schema';
import { describe, expect, it } from 'vitest';
import { columnsFromDocument, documentFromColumns, jsonChunks, lazyDocument, publishColumns, publishToile } from '../src/index.ts';

const ROOT = join(import.meta.dirname, '../../..');
const SAMPLE = JSON.parse(readFileSync(join(ROOT, 'examples/data/port-estuaire.toile.json'), 'utf8')) as ToileDocument;
const LEVELS = [undefined, 'public', 'partners', 'confidential', 'Confidentiel', 'secret'];

/** A generated territory with every level (and unknown ones) on every kind of record. */
function levelled(seed: number): ToileDocument {
  const doc = generateTerritory({ establishments: 80, flowsPerEstablishment: 3, resourcesPerEstablishment: 1, capabilitiesPerEstablishment: 2, seed });
  const random = mulberry32(seed);
  const level = <T extends object>(r: T): T => {
    const l = LEVELS[Math.floor(random() * LEVELS.length)];
    const { confidentiality: _c, ...rest } = r as T & { confidentiality?: unknown };
    return (l === undefined ? rest : { ...rest, confidentiality: l }) as T;
  };
  doc.establishments = doc.establishments.map((e) => level({ ...e, ...(e.capabilities ? { capabilities: e.capabilities.map(level) } : {}) }));
  doc.flows = doc.flows.map(level);
  doc.resources = doc.resources?.map(level);
  return doc;
}

/** The document as the template columns hold it (what a CSV or Parquet package carries). */
const tabular = (doc: ToileDocument) => documentFromColumns(columnsFromDocument(doc));

describe('publishColumns', () => {
  for (const audience of ['public', 'partners', 'internal'] as const)
    for (const hiddenFlows of ['remove', 'existence'] as const)
      it(`withholds what publishToile withholds: ${audience}, hidden flows ${hiddenFlows}`, () => {
        for (const doc of [SAMPLE, levelled(1), levelled(2), levelled(3)]) {
          const options = { audience, hiddenFlows, date: '2026-12-05' };
          const expected = publishToile(tabular(doc), options);
          const got = publishColumns(columnsFromDocument(doc), options);
          expect(got.withheld).toEqual(expected.withheld);
          expect(documentFromColumns(got.data)).toEqual(expected.data);
        }
      });

  it('writes the same JSON record by record', () => {
    const columns = columnsFromDocument(levelled(4));
    const { data } = publishColumns(columns, { audience: 'public', date: '2026-12-05' });
    expect([...jsonChunks(lazyDocument(data), { indent: 2 })].join('')).toBe(JSON.stringify(documentFromColumns(data), null, 2));
  });

  it('never shows a record whose level is unknown, and leaves its input as it was', () => {
    const columns = columnsFromDocument(levelled(5));
    const before = structuredClone(columns.tables);
    const { data } = publishColumns(columns, { audience: 'partners', hiddenFlows: 'existence' });
    expect(columns.tables).toEqual(before);
    const shown = documentFromColumns(data);
    for (const e of shown.establishments) expect(['public', 'partners', undefined]).toContain(e.confidentiality);
    expect(shown.flows.filter((f) => f.confidentiality === 'confidential').every((f) => f.item === undefined && f.valueEur === undefined)).toBe(true);
  });
});
