/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import type { Establishment, FlowKind } from '@toile/schema';
import { chainStages } from './chain.ts';
import { BoxIndex, placeLabels } from './labels.ts';

const est = (id: string): Establishment => ({ id, name: id });
const flow = (from: string, to: string, kind: FlowKind = 'supply') => ({ from, to, kind });

describe('chainStages', () => {
  it('condenses cycles, ranks by longest path and sends by-product receivers to recovery', () => {
    const { stage, depth } = chainStages(['mine', 'a', 'b', 'c', 'user', 'recycler', 'consultant'].map(est), [
      flow('mine', 'a'),
      // a and b supply each other: one step of the chain.
      flow('a', 'b'),
      flow('b', 'a'),
      flow('b', 'c'),
      flow('mine', 'c'),
      flow('c', 'user', 'energy'),
      flow('c', 'recycler', 'byproduct'),
      flow('consultant', 'a', 'service'),
    ]);
    expect(Object.fromEntries(stage)).to.deep.equal({
      mine: 'source',
      a: 'processing',
      b: 'processing',
      c: 'processing',
      user: 'user',
      recycler: 'recovery',
      consultant: 'none',
    });
    expect(depth.get('a')).to.equal(depth.get('b'));
    // Longest path: mine → {a, b} → c → user, not mine → c.
    expect([depth.get('mine'), depth.get('a'), depth.get('c'), depth.get('user')]).to.deep.equal([0, 1, 2, 3]);
  });

  it('keeps a receiver of by-products out of recovery when they are the lesser part of what it receives', () => {
    const { stage } = chainStages(['s1', 's2', 's3', 'plant'].map(est), [flow('s1', 'plant'), flow('s2', 'plant'), flow('s3', 'plant', 'byproduct')]);
    expect(stage.get('plant')).to.equal('user');
  });
});

describe('placeLabels', () => {
  it('places by order, beside the point, and skips what would overlap or leave the view', () => {
    const measure = (text: string) => text.length * 7;
    const placed = placeLabels(
      [
        { text: 'first', x: 100, y: 100, r: 5, className: 'label' },
        { text: 'second', x: 102, y: 101, r: 5, className: 'label' },
        { text: 'third', x: 104, y: 102, r: 5, className: 'label' },
        { text: 'fourth', x: 101, y: 100, r: 5, className: 'label' },
        { text: 'fifth', x: 103, y: 99, r: 5, className: 'label' },
        { text: 'away', x: 2000, y: 100, r: 5, className: 'label' },
      ],
      measure,
      { width: 400, height: 300 },
      { lineHeight: 16, max: 10, index: new BoxIndex() },
    );
    // The first below its point, the second above (below is taken); the rest find no room; 'away' is out of view.
    expect(placed.map((p) => p.text)).to.deep.equal(['first', 'second']);
    expect(placed[0]!.y).to.be.greaterThan(100);
    expect(placed[1]!.y).to.be.lessThan(100);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const [a, b] = [placed[i]!.box, placed[j]!.box];
        expect(a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2).to.equal(false);
      }
  });
});
