import { describe, expect, it } from 'vitest';
import { BASE_UNITS, DIMENSIONS, convertQuantity, UNITS } from '@toile/schema';
import { buildIndex, edgeBaseQuantities, edgeMask, edgeQuantities, toBaseQuantity } from '../src/index.ts';
import { baseDocument } from './fixtures.ts';

describe('buildIndex', () => {
  const index = buildIndex(baseDocument());

  it('maps ids to nodes and flows to edges in document order', () => {
    expect(index.nodeCount).toBe(4);
    expect(index.edgeCount).toBe(3);
    expect(index.ids).toEqual(['acier', 'ciment', 'port', 'fournisseur']);
    expect(index.nodeOf.get('port')).toBe(2);
    expect([...index.edgeSource]).toEqual([0, 3, 2]);
    expect([...index.edgeTarget]).toEqual([1, 0, 0]);
    expect([...index.external]).toEqual([0, 0, 0, 1]);
  });

  it('stores CSR adjacency in both directions', () => {
    const outOf = (n: number) => [...index.outEdges.subarray(index.outOffsets[n], index.outOffsets[n + 1])];
    const inOf = (n: number) => [...index.inEdges.subarray(index.inOffsets[n], index.inOffsets[n + 1])];
    expect(outOf(0)).toEqual([0]);
    expect(inOf(0)).toEqual([1, 2]);
    expect(inOf(1)).toEqual([0]);
    expect(outOf(3)).toEqual([1]);
    expect(inOf(3)).toEqual([]);
  });

  it('keeps shares and values, NaN when unknown', () => {
    expect(index.edgeUpstream[0]).toBeCloseTo(0.4);
    expect(index.edgeDownstream[1]).toBeNaN();
    expect(index.employees[3]).toBeNaN();
  });

  it('converts the quantity of each flow once per index to the base unit of its dimension (NaN / -1 when unknown)', () => {
    const doc = baseDocument();
    doc.flows[2]!.quantity = { value: 3, unit: 'furlong/yr' as 't/yr' };
    const i = buildIndex(doc);
    const q = edgeBaseQuantities(doc, i);
    expect([...q.amount.subarray(0, 2)]).toEqual([200000, 5 * 8760]);
    expect([...q.dimension]).toEqual([DIMENSIONS.indexOf('mass'), DIMENSIONS.indexOf('mass'), -1]);
    expect(q.amount[2]).toBeNaN();
    expect(edgeBaseQuantities(baseDocument(), index).dimension[2]).toBe(DIMENSIONS.indexOf('containers'));
    // Once per index: every analysis of this index reads the same arrays.
    expect(edgeBaseQuantities(doc, i)).toBe(q);
    expect(edgeQuantities(doc, i).amount).toBe(q.amount);
  });

  it('skips flows whose ends are unknown, and counts them', () => {
    const doc = baseDocument();
    doc.flows.push({ id: 'x', from: 'acier', to: 'ghost', kind: 'supply' });
    const i = buildIndex(doc);
    expect(i.edgeCount).toBe(3);
    expect(i.skippedFlows).toBe(1);
  });

  it('filters edges by kind, status and scope without copying', () => {
    const doc = baseDocument();
    doc.flows[2]!.status = 'ended';
    const i = buildIndex(doc);
    expect([...edgeMask(i)]).toEqual([1, 1, 1]);
    expect([...edgeMask(i, { kinds: ['supply', 'logistics'] })]).toEqual([0, 1, 1]);
    expect([...edgeMask(i, { statuses: ['active'] })]).toEqual([1, 1, 0]);
    expect([...edgeMask(i, { scope: 'internal' })]).toEqual([1, 0, 1]);
    expect([...edgeMask(i, { scope: 'crossing' })]).toEqual([0, 1, 0]);
  });
});

describe('toBaseQuantity', () => {
  it('agrees with convertQuantity for every unit of the vocabulary', () => {
    for (const u of UNITS) {
      const base = toBaseQuantity({ value: 7, unit: u.id });
      expect(base, u.id).toEqual({ value: convertQuantity(7, u.id, BASE_UNITS[u.dimension]), unit: BASE_UNITS[u.dimension], dimension: u.dimension });
    }
  });

  it('is undefined without a quantity or for an unknown unit', () => {
    expect(toBaseQuantity(undefined)).toBeUndefined();
    expect(toBaseQuantity({ value: 1, unit: 'furlong' })).toBeUndefined();
    expect(toBaseQuantity({ value: 2, unit: 't/day' })).toEqual({ value: 730, unit: 't/yr', dimension: 'mass' });
  });
});
