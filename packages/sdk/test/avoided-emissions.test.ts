import { describe, expect, it } from 'vitest';
import {
  avoidedEmissions,
  avoidedEmissionsOfExchange,
  co2eOrderOfMagnitude,
  describeAvoidedEmissions,
  formatCo2eOrder,
  type ExchangeSide,
} from '../src/index.ts';

// French number formatting separates thousands with a narrow no-break space (U+202F).
const NNBSP = '\u202f';

describe('avoided emissions per tonne recycled (FEDEREC 2017 via the ADEME Base Carbone®)', () => {
  it('reproduces the source: a tonne of ferrous scrap avoids 2 211 − 938 = 1 273 kg CO2e, « ≈ 1,3 t CO2e »', () => {
    const one = avoidedEmissions('ferrous-metals', 1);
    expect(one).toBeDefined();
    expect(one!.factor).toMatchObject({ virginKgCo2ePerT: 2211, recycledKgCo2ePerT: 938, avoidedKgCo2ePerT: 1273 });
    expect(one!.tonnesCo2e).toBeCloseTo(1.273, 10);
    expect(formatCo2eOrder(one!.tonnesCo2e, 'fr')).toBe('≈ 1,3 t CO2e');
    expect(formatCo2eOrder(one!.tonnesCo2e, 'en')).toBe('≈ 1.3 t CO2e');
    expect(one!.basis.fr).toBe(
      `acier de recyclage (ferrailles) vs. acier primaire : 1${NNBSP}273 kg CO2e évités par t (2${NNBSP}211 − 938) — FEDEREC 2017, valeurs retenues par la Base Carbone® (ADEME)`,
    );
    expect(one!.basis.en).toBe(
      'recycled steel (scrap) vs. primary steel: 1,273 kg CO2e avoided per t (2,211 − 938) — FEDEREC 2017, values retained by the ADEME Base Carbone®',
    );
  });

  it('40 000 t/yr of scrap: 50 920 t CO2e a year, shown as « ≈ 51 000 t CO2e/an » with its basis', () => {
    const a = avoidedEmissions('ferrous-metals', 40_000)!;
    expect(a.tonnesCo2e).toBe(50_920);
    expect(co2eOrderOfMagnitude(a.tonnesCo2e)).toBe(51_000);
    expect(formatCo2eOrder(a.tonnesCo2e, 'fr', { perYear: true })).toBe(`≈ 51${NNBSP}000 t CO2e/an`);
    expect(formatCo2eOrder(a.tonnesCo2e, 'en', { perYear: true })).toBe('≈ 51,000 t CO2e/yr');
    expect(formatCo2eOrder(a.tonnesCo2e, 'fr', { perYear: true, bare: true })).toBe(`≈ 51${NNBSP}000 t/an`);
    expect(describeAvoidedEmissions(a, 'fr', { perYear: true })).toMatch(
      /^≈ 51\u202f000 t CO2e\/an, acier de recyclage \(ferrailles\) vs\. acier primaire : .* FEDEREC 2017/,
    );
  });

  it('gives no figure for a family without a sound factor, nor for a bad amount', () => {
    expect(avoidedEmissions('plastics', 1000)).toBeUndefined();
    expect(avoidedEmissions('textiles', 1000)).toBeUndefined();
    expect(avoidedEmissions('paper-cardboard', 1000)).toBeUndefined();
    expect(avoidedEmissions('non-ferrous-metals', 1000)).toBeUndefined();
    expect(avoidedEmissions(undefined, 1000)).toBeUndefined();
    expect(avoidedEmissions('ferrous-metals', Number.NaN)).toBeUndefined();
    expect(avoidedEmissions('ferrous-metals', -1)).toBeUndefined();
    expect(formatCo2eOrder(Number.NaN, 'fr')).toBe('—');
  });

  it('of an exchange: the smaller mass in t/yr, only when the need is for the offer’s material, its code’s route first', () => {
    const scrap: ExchangeSide = { item: { code: 'ewc:191202', family: 'ferrous-metals' }, quantity: { value: 40_000, unit: 't/yr' } };
    const need: ExchangeSide = { item: { code: 'ewc:191202' }, quantity: { value: 60_000, unit: 't/yr' } };
    expect(avoidedEmissionsOfExchange(scrap, need)).toMatchObject({ tonnes: 40_000, tonnesCo2e: 50_920 });
    // Units are converted: 100 t/month is 1 200 t/yr.
    expect(avoidedEmissionsOfExchange({ item: scrap.item, quantity: { value: 100, unit: 't/month' } }, { item: need.item })?.tonnes).toBe(1200);
    // Scrap substituting iron ore at a steelworks: the same family, the same route.
    expect(
      avoidedEmissionsOfExchange(scrap, { item: { code: 'hs:2601', family: 'ferrous-metals' }, quantity: { value: 4_200_000, unit: 't/yr' } })?.tonnesCo2e,
    ).toBe(50_920);
    // Scrap matched to waste paper (same EWC sub-chapter 19 12) or to a need of unknown family: no figure.
    expect(avoidedEmissionsOfExchange(scrap, { item: { code: 'ewc:191201' }, quantity: { value: 80_000, unit: 't/yr' } })).toBeUndefined();
    expect(avoidedEmissionsOfExchange(scrap, { item: { label: 'Ferrailles' } })).toBeUndefined();
    // No mass on either side: no figure (a volume or energy is not tonnes recycled).
    expect(avoidedEmissionsOfExchange({ item: scrap.item, quantity: { value: 5, unit: 'm3/yr' } }, { item: need.item })).toBeUndefined();
    // Copper, bronze, brass (17 04 01) has its own route inside the non-ferrous family; aluminium has none.
    const copper = avoidedEmissionsOfExchange(
      { item: { code: 'ewc:170401' }, quantity: { value: 1000, unit: 't/yr' } },
      { item: { family: 'non-ferrous-metals' } },
    );
    expect(copper).toMatchObject({ tonnesCo2e: 141, factor: { id: 'copper', virginKgCo2ePerT: 1445, recycledKgCo2ePerT: 1304 } });
    expect(
      avoidedEmissionsOfExchange({ item: { code: 'ewc:170402' }, quantity: { value: 1000, unit: 't/yr' } }, { item: { family: 'non-ferrous-metals' } }),
    ).toBeUndefined();
    // Cardboard: the study gives recycling more emissions than virgin production — no « avoided » figure.
    expect(
      avoidedEmissionsOfExchange({ item: { code: 'ewc:150101' }, quantity: { value: 2000, unit: 't/yr' } }, { item: { code: 'ewc:150101' } }),
    ).toBeUndefined();
  });
});
