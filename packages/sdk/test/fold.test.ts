import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldText, normaliseLabel, normaliseName, readAudience, readConfidentiality } from '../src/index.ts';

describe('foldText, the one text folding of the kit', () => {
  it('drops case and accents, spells ligatures out, plains apostrophes and collapses spaces', () => {
    expect(foldText('Aciérie du PORT')).toBe('acierie du port');
    expect(foldText('Cœur, Æther, Straße')).toBe('coeur, aether, strasse');
    expect(foldText('l’usine l‘atelier l`eau')).toBe("l'usine l'atelier l'eau");
    expect(foldText('a\u00a0\u00a0b\t\nc')).toBe('a b c');
    expect(foldText('Ça İstanbul Ñandú')).toBe('ca istanbul nandu');
    // A ligature under a mark is spelled out too (fast-check found "Ǣ" folding to "æ", then "ae").
    expect(foldText('Ǣ ǽ')).toBe('ae ae');
  });

  it('is idempotent on every single code point of the first three planes', () => {
    const broken: string[] = [];
    for (let cp = 0; cp < 0x30000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue; // lone surrogates are no text
      const folded = foldText(String.fromCodePoint(cp));
      if (foldText(folded) !== folded) broken.push(`U+${cp.toString(16)}`);
    }
    expect(broken).toEqual([]);
  });

  it('is idempotent and leaves plain lower-case ASCII untouched', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9 ,.;:!?'-]{0,30}$/), (s) => {
        expect(foldText(s)).toBe(s.replace(/ {2,}/g, ' '));
      }),
    );
  });

  it('agrees with NFD without marks on text with no ligature, apostrophe nor space run', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const bare = s
          .toLowerCase()
          .normalize('NFD')
          .replace(/\p{M}+/gu, '');
        fc.pre(!/[œæß\u2018\u2019\u02bc`\s]/iu.test(s) && !/[œæß\u2018\u2019\u02bc`\s]/iu.test(bare));
        expect(foldText(s)).toBe(
          s
            .toLowerCase()
            .normalize('NFD')
            .replace(/\p{M}+/gu, ''),
        );
      }),
    );
  });

  it('is the folding of names, labels, publication levels and audiences', () => {
    expect(normaliseName('Cœur de Ville S.A.S.')).toBe(normaliseName('COEUR DE VILLE'));
    expect(normaliseName('Aciérie du Port S.A.S.')).toBe('acierie du port');
    expect(normaliseLabel('« Bœuf haché »')).toBe('boeuf hache');
    expect(readConfidentiality(' Partenaires ')).toBe('partners');
    expect(readConfidentiality('CONFIDENTIELLE')).toBe('confidential');
    expect(readAudience('Interne')).toBe('internal');
  });
});
