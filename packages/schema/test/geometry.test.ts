import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastValidators, fullValidators } from '../src/index.ts';
import { PACKAGE_DIR } from '../scripts/artifacts.ts';

const sample = JSON.parse(readFileSync(join(PACKAGE_DIR, '../../examples/data/mini.toile.json'), 'utf8')) as { territory: Record<string, unknown> };
const ring = [
  [0.1, 49.4],
  [0.3, 49.4],
  [0.3, 49.5],
  [0.1, 49.4],
];
const withTerritory = (extra: Record<string, unknown>) => ({ ...sample, territory: { ...sample.territory, ...extra } });

describe('territory.geometry and territory.places', () => {
  for (const [name, validate] of [
    ['fast', fastValidators.validateDocument],
    ['full', fullValidators.validateDocument],
  ] as const) {
    it(`${name} validator accepts a Polygon, a MultiPolygon and named places`, () => {
      expect(validate(withTerritory({ geometry: { type: 'Polygon', coordinates: [ring] } })), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(withTerritory({ geometry: { type: 'MultiPolygon', coordinates: [[ring], [ring.map(([x, y]) => [x! + 1, y!, 12])]] } }))).toBe(true);
      expect(validate(withTerritory({ places: [{ name: 'Port-Vire', kind: 'port', lat: 49.45, lon: 0.18 }] }))).toBe(true);
    });

    it(`${name} validator refuses a broken geometry with the pointer of the fault`, () => {
      const cases: [unknown, string][] = [
        [{ type: 'Point', coordinates: [0.1, 49.4] }, '/territory/geometry'],
        [{ type: 'Polygon', coordinates: [ring.slice(0, 3)] }, '/territory/geometry/coordinates/0'],
        [
          {
            type: 'Polygon',
            coordinates: [
              [
                [0.1, 49.4],
                [0.3, 95],
                [0.3, 49.5],
                [0.1, 49.4],
              ],
            ],
          },
          '/territory/geometry/coordinates/0/1',
        ],
        [
          {
            type: 'Polygon',
            coordinates: [
              [
                [200, 49.4],
                [0.3, 49.4],
                [0.3, 49.5],
                [200, 49.4],
              ],
            ],
          },
          '/territory/geometry/coordinates/0/0',
        ],
        [
          {
            type: 'Polygon',
            coordinates: [
              [
                ['0.1', 49.4],
                [0.3, 49.4],
                [0.3, 49.5],
                [0.1, 49.4],
              ],
            ],
          },
          '/territory/geometry/coordinates/0/0',
        ],
      ];
      for (const [geometry, pointer] of cases) {
        expect(validate(withTerritory({ geometry })), JSON.stringify(geometry)).toBe(false);
        expect(
          validate.errors!.some((e) => e.instancePath.startsWith(pointer)),
          `${pointer} in ${JSON.stringify(validate.errors)}`,
        ).toBe(true);
      }
      expect(validate(withTerritory({ places: [{ name: '', lat: 49, lon: 0 }] }))).toBe(false);
      expect(validate(withTerritory({ places: [{ name: 'Nulle part', lat: 120, lon: 0 }] }))).toBe(false);
    });
  }
});
