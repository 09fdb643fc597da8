import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Item } from '@toile/schema';
import { itemSearchText, matchesItemQuery, parseEwcCode } from '../src/index.ts';

const SAMPLE = fileURLToPath(new URL('../../../examples/data/port-estuaire.toile.json', import.meta.url));

/** Every item of the sample territory (flows, offers, needs…), with its label. */
function sampleItems(): Item[] {
  const out: Item[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.item && typeof o.item === 'object') out.push(o.item as Item);
      Object.values(o).forEach(walk);
    }
  };
  walk(JSON.parse(readFileSync(SAMPLE, 'utf8')));
  return out;
}

describe('EWC codes in any written form', () => {
  it('reads the list’s, the format’s and bare forms, with or without the hazard star', () => {
    for (const text of ['100202', '10 02 02', 'ewc:100202', 'EWC 10 02 02', '10-02-02', ' 10 02 02* ', 'ewc:100202*']) {
      expect(parseEwcCode(text)?.digits, text).toBe('100202');
    }
    expect(parseEwcCode('10 02 07*')).toEqual({ digits: '100207', star: true });
    expect(parseEwcCode('10 02')?.digits).toBe('1002');
    expect(parseEwcCode('10020')).toBeUndefined();
    expect(parseEwcCode('laitier')).toBeUndefined();
    expect(parseEwcCode('1002020')).toBeUndefined();
  });
});

describe('item search', () => {
  const items = sampleItems();
  const labelsFor = (q: string): string[] => items.filter((i) => matchesItemQuery(i, q)).map((i) => i.label ?? '');

  it('finds the sample’s own items by French words, accents and case folded', () => {
    expect(labelsFor('laitier')).toContain('Laitier d’aciérie (excédent)');
    expect(labelsFor('LAITIER')).toContain('Laitier de haut fourneau granulé');
    expect(labelsFor('scories')).toContain('Scories d’aciérie');
    expect(labelsFor('ferraille')).toContain('Ferrailles triées');
    expect(labelsFor('acierie')).toContain('Laitier d’aciérie (excédent)');
  });

  it('finds items by the official French and English EWC labels of their code', () => {
    // 10 02 02: « laitiers non traités » / « unprocessed slag ».
    const item: Item = { code: 'ewc:100202', label: 'Matières de substitution au clinker' };
    expect(itemSearchText(item)).toContain('laitiers non traites');
    expect(matchesItemQuery(item, 'laitiers non traités')).toBe(true);
    expect(matchesItemQuery(item, 'unprocessed slag')).toBe(true);
    expect(matchesItemQuery(item, 'bois')).toBe(false);
  });

  it('finds items by code in any written form, sub-chapters included', () => {
    const slag = (q: string) => labelsFor(q).filter((l) => l === 'Scories d’aciérie');
    for (const q of ['100202', '10 02 02', 'ewc:100202', '10 02 02*', '1002']) expect(slag(q), q).toHaveLength(1);
    expect(labelsFor('10 02 02')).not.toContain('Ferrailles triées');
  });
});
