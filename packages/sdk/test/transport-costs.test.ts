import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSPORT, TRANSPORT_COST_SOURCES, cheapestCost, type TransportMode } from '../src/index.ts';

describe('the default transport costs are the sources’ figures, recomputed (#19.8)', () => {
  it('road: CNR 1.13 €/km ÷ (25 t × (1 − 18.1 % empty)) = 0.0552 €/t·km, no fixed part', () => {
    expect(TRANSPORT_COST_SOURCES.road.published).toContain('1.13 €/km');
    expect(DEFAULT_TRANSPORT.costs.road).toEqual({ perTonneKm: Number((1.13 / (25 * 0.819)).toFixed(4)), perTonne: 0 });
    expect(DEFAULT_TRANSPORT.costs.road.perTonneKm).toBe(0.0552);
  });

  it('rail and waterway: KiM €/t over a 165 km trip ÷ 165, plus 2 × 15 km of road at each end', () => {
    expect(TRANSPORT_COST_SOURCES.rail.published).toContain('6.32 €/t');
    expect(TRANSPORT_COST_SOURCES.waterway.published).toContain('2.76 €/t');
    expect(DEFAULT_TRANSPORT.costs.rail).toEqual({ perTonneKm: 0.0383, perTonne: 1.66 });
    expect(DEFAULT_TRANSPORT.costs.waterway).toEqual({ perTonneKm: 0.0167, perTonne: 1.66 });
    expect(Number((30 * (1.13 / (25 * 0.819))).toFixed(2))).toBe(1.66);
  });

  it('every mode names its source, year, scope and derivation, with an https address', () => {
    for (const mode of ['road', 'rail', 'waterway'] as TransportMode[]) {
      const s = TRANSPORT_COST_SOURCES[mode];
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.year).toBeGreaterThanOrEqual(2015);
      expect(s.scope).toMatch(/excluded/);
      expect(s.derivation).toMatch(/=/);
    }
  });

  it('rail starts to pay against road from about 98 km for bulk exchanges; never below the bulk threshold', () => {
    // 0.0552 d = 1.66 + 0.0383 d → d = 98.2 km.
    expect(cheapestCost(DEFAULT_TRANSPORT, 97, 50_000).mode).toBe('road');
    expect(cheapestCost(DEFAULT_TRANSPORT, 100, 50_000).mode).toBe('rail');
    expect(cheapestCost(DEFAULT_TRANSPORT, 500, 9_999).mode).toBe('road');
  });
});
