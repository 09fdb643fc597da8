import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndex, FLOW_STATUSES, validateToile } from '../src/index.ts';
import { FLOW_KINDS } from '@toile/schema';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../examples/data/${name}`, import.meta.url), 'utf8'));

describe('sample territories', () => {
  for (const name of ['port-estuaire.toile.json', 'mini.toile.json']) {
    it(`${name} is valid, fictional, and uses every flow kind`, () => {
      const doc = load(name);
      const r = validateToile(doc);
      expect(r.problems).toEqual([]);
      expect(doc.meta.fictional).toBe(true);
      expect(new Set(doc.flows.map((f: { kind: string }) => f.kind))).toEqual(new Set(FLOW_KINDS));
      expect(buildIndex(r.data!).edgeCount).toBe(doc.flows.length);
    });
  }

  it('the port territory has what demos need: 60–150 establishments, externals, confidential flows, offers and needs, several sources', () => {
    const doc = load('port-estuaire.toile.json');
    expect(doc.establishments.length).toBeGreaterThanOrEqual(60);
    expect(doc.establishments.length).toBeLessThanOrEqual(150);
    expect(doc.establishments.filter((e: { external?: boolean }) => e.external).length).toBeGreaterThanOrEqual(10);
    expect(doc.flows.filter((f: { confidentiality?: string }) => f.confidentiality === 'confidential').length).toBeGreaterThan(0);
    expect(new Set(doc.resources.map((r: { direction: string }) => r.direction))).toEqual(new Set(['offer', 'need']));
    expect(doc.meta.sources.length).toBeGreaterThanOrEqual(3);
    expect(new Set(doc.flows.map((f: { status?: string }) => f.status ?? 'active')).size).toBe(FLOW_STATUSES.length);
  });

  it('the mini territory stays small', () => {
    expect(load('mini.toile.json').establishments.length).toBeLessThanOrEqual(15);
  });
});
