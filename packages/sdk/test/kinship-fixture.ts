import type { ToileDocument } from '@toile/schema';

/**
 * A small valley of metalworkers for the kinship questions (distances from the centre 49.50, 0.10:
 * 0.01° of latitude = 1.112 km):
 *
 * - usi, machine shop 25.62A at the centre: machining din8580:3.2 making cpa:25.62 and hs:8483,
 *   10 000 h/yr, 25 % spare in 2026; buys hs:7208 (100 €) from outside, gives hs:8483 to tour;
 * - mai, maintenance 33.12Z, 1.1 km north: cutting din8580:3.1 making hs:848310 (50 % spare, no
 *   capacity) and maintenance (20 % spare from 2027);
 * - chau, boilermaker 25.29Z, 1.4 km east: welding din8580:4.6 making cpa:25.29; buys hs:7208 (300 €)
 *   and cpa:25.62 (100 €) from outside, hs:8482 (50 €) from outside, hs:8483 (50 €) from neg;
 *   needs hs:8483 (r1) and « Maintenance des presses » (r2);
 * - tour, bar turner 25.62B, 2.2 km north; meca, 25.61Z, not located; neg, wholesaler 46.69B, 5.6 km north;
 * - ext, outside 28.15Z, machining din8580:3.2 making hs:8482; ext2, outside steelworks 24.10Z.
 */
export function valley(): ToileDocument {
  return {
    toile: '1.0',
    territory: { id: 'valley', name: 'Vallée', center: { lat: 49.5, lon: 0.1 } },
    meta: { title: 'Vallée', fictional: true, sources: [] },
    establishments: [
      {
        id: 'usi',
        name: 'Usinage',
        naf: '25.62A',
        location: { lat: 49.5, lon: 0.1 },
        capabilities: [
          {
            id: 'u1',
            label: 'Tournage-fraisage',
            process: 'din8580:3.2',
            products: ['cpa:25.62', 'hs:8483'],
            capacity: { value: 10000, unit: 'h/yr' },
            spare: { share: 0.25, from: '2026-01-01', to: '2026-12-31' },
            certifications: ['ISO 9001'],
          },
        ],
      },
      {
        id: 'mai',
        name: 'Maintenance',
        naf: '33.12Z',
        location: { lat: 49.51, lon: 0.1 },
        capabilities: [
          { id: 'm1', process: 'din8580:3.1', products: ['hs:848310'], spare: { share: 0.5 } },
          { id: 'm2', process: 'maintenance', spare: { share: 0.2, from: '2027-01-01' } },
        ],
      },
      {
        id: 'chau',
        name: 'Chaudronnerie',
        naf: '25.29Z',
        location: { lat: 49.5, lon: 0.12 },
        capabilities: [{ id: 'c1', process: 'din8580:4.6', products: ['cpa:25.29'] }],
      },
      { id: 'tour', name: 'Décolletage', naf: '25.62B', location: { lat: 49.52, lon: 0.1 } },
      { id: 'meca', name: 'Mécanique', naf: '25.61Z' },
      { id: 'neg', name: 'Négoce', naf: '46.69B', location: { lat: 49.55, lon: 0.1 } },
      { id: 'ext', name: 'Roulements lointains', naf: '28.15Z', external: true, capabilities: [{ id: 'x1', process: 'din8580:3.2', products: ['hs:8482'] }] },
      { id: 'ext2', name: 'Aciérie lointaine', naf: '24.10Z', external: true },
    ],
    flows: [
      { id: 'f1', from: 'ext2', to: 'usi', kind: 'supply', item: { code: 'hs:7208' }, valueEur: 100 },
      { id: 'f2', from: 'ext2', to: 'chau', kind: 'supply', item: { code: 'hs:7208' }, valueEur: 300 },
      { id: 'f3', from: 'neg', to: 'chau', kind: 'supply', item: { code: 'hs:8483' }, valueEur: 50 },
      { id: 'f4', from: 'ext', to: 'chau', kind: 'supply', item: { code: 'hs:8482', label: 'Roulements' }, valueEur: 50 },
      { id: 'f5', from: 'usi', to: 'tour', kind: 'subcontracting', item: { code: 'hs:8483' }, quantity: { value: 10, unit: 't/yr' } },
      { id: 'f6', from: 'ext', to: 'chau', kind: 'supply', item: { code: 'cpa:25.62', label: 'Pièces usinées' }, valueEur: 100 },
    ],
    resources: [
      { id: 'r1', establishment: 'chau', direction: 'need', kind: 'supply', item: { code: 'hs:8483', label: 'Arbres de transmission' } },
      { id: 'r2', establishment: 'chau', direction: 'need', kind: 'service', item: { label: 'Maintenance des presses' } },
    ],
  };
}
