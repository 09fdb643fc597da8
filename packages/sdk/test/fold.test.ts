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
        fc.pre(!/[œæß\u2018\u2019\u02bc`\s]/iu.test(s));
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
