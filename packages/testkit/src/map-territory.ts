/**
 * A generated territory with a geography, for the network view's tests and benchmarks at 5k–100k
 * establishments, in the browser and in Node (no node: imports). Deterministic for a seed:
 * communes of Zipf-like sizes scattered over a fictional estuary-sized box, establishments around
 * their commune's centre, sectors, suppliers mostly nearby (hubs among the first), a few outside
 * partners far away. Not a model of any real place.
 */
import type { ToileDocument } from '@toile/schema';
import { mulberry32 } from '@toile/sdk';

const SECTORS = [
  'métallurgie',
  'chimie',
  'énergie',
  'logistique',
  'agroalimentaire',
  'bâtiment',
  'plasturgie',
  'mécanique',
  'services',
  'bois',
  'textile',
  'recyclage',
];
const KINDS = ['supply', 'supply', 'supply', 'service', 'subcontracting', 'byproduct', 'logistics'] as const;
const FAR = [
  { city: 'Paris', lat: 48.85, lon: 2.35 },
  { city: 'Rotterdam', lat: 51.92, lon: 4.48 },
  { city: 'Lyon', lat: 45.76, lon: 4.83 },
  { city: 'Anvers', lat: 51.22, lon: 4.4 },
];
/** The box the communes are scattered over (≈ 65 × 65 km). */
const BOX = { lon: [-0.25, 0.65] as const, lat: [49.2, 49.78] as const };

/** Options of {@link generateMapTerritory}. */
export interface MapTerritoryOptions {
  seed?: number;
  /** Suppliers per establishment (about; default 4). */
  suppliers?: number;
  /** Share of outside partners (default 0.01). */
  externalShare?: number;
}

/** About one commune per 150 establishments (at least 6), Zipf-like weights, scattered in {@link BOX}. */
function scatterCommunes(count: number, rand: () => number) {
  const communeCount = Math.max(6, Math.round(count / 150));
  return Array.from({ length: communeCount }, (_, k) => ({
    name: `Commune ${k + 1}`,
    lon: BOX.lon[0] + 0.05 + rand() * (BOX.lon[1] - BOX.lon[0] - 0.1),
    lat: BOX.lat[0] + 0.04 + rand() * (BOX.lat[1] - BOX.lat[0] - 0.08),
    weight: 1 / (k + 1),
  }));
}

/** `count` establishments (`e0`, `e1`, …) with coordinates, cities, sectors and flows, on an outline with places. */
export function generateMapTerritory(count: number, options: MapTerritoryOptions = {}): ToileDocument {
  const rand = mulberry32(options.seed ?? 13);
  const suppliers = options.suppliers ?? 4;
  const communes = scatterCommunes(count, rand);
  const totalWeight = communes.reduce((s, c) => s + c.weight, 0);
  const pickCommune = (): number => {
    let r = rand() * totalWeight;
    for (let k = 0; k < communes.length; k++) if ((r -= communes[k]!.weight) <= 0) return k;
    return communes.length - 1;
  };
  const gauss = () => (rand() + rand() + rand() - 1.5) / 1.5;
  const establishments: Record<string, unknown>[] = [];
  const communeOf: number[] = [];
  const members: number[][] = communes.map(() => []);
  for (let i = 0; i < count; i++) {
    const external = i > 20 && rand() < (options.externalShare ?? 0.01);
    const c = pickCommune();
    const commune = communes[c]!;
    const spread = 0.004 + 0.02 * Math.sqrt(commune.weight);
    const far = FAR[i % FAR.length]!;
    const location = external
      ? { lat: far.lat, lon: far.lon, city: far.city, country: far.city === 'Paris' || far.city === 'Lyon' ? 'FR' : far.city === 'Anvers' ? 'BE' : 'NL' }
      : { lat: round(commune.lat + gauss() * spread), lon: round(commune.lon + gauss() * spread * 1.5), city: commune.name };
    establishments.push({
      id: `e${i}`,
      name: `Établissement ${i}`,
      employees: 3 + Math.floor(rand() * rand() * 800),
      sectors: [SECTORS[Math.floor(rand() * rand() * SECTORS.length)]!],
      location,
      ...(external ? { external: true } : {}),
    });
    communeOf.push(c);
    if (!external) members[c]!.push(i);
  }
  const flows: Record<string, unknown>[] = [];
  for (let i = 1; i < count; i++) {
    const seen = new Set<number>();
    for (let k = 0; k < suppliers; k++) {
      // Half the suppliers in the same commune, the others anywhere, early establishments (hubs) more often.
      const local = members[communeOf[i]!]!;
      const j = rand() < 0.5 && local.length > 1 ? local[Math.floor(rand() * local.length)]! : Math.floor(rand() * rand() * count);
      if (j === i || seen.has(j)) continue;
      seen.add(j);
      flows.push({
        id: `f${flows.length}`,
        from: `e${j}`,
        to: `e${i}`,
        kind: KINDS[Math.floor(rand() * KINDS.length)]!,
        valueEur: 5_000 + Math.floor(rand() * rand() * 2_000_000),
        dependency: { upstream: Math.round((0.1 + rand() * 0.3) * 100) / 100 },
      });
    }
  }
  const [lon0, lon1] = BOX.lon;
  const [lat0, lat1] = BOX.lat;
  return {
    toile: '1.0',
    territory: {
      id: `generated-${count}`,
      name: `Territoire généré (${count.toLocaleString('fr')})`,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lon0, lat0],
            [lon1, lat0 + 0.03],
            [lon1 - 0.04, lat1],
            [lon0 + 0.06, lat1 - 0.02],
            [lon0, lat0],
          ],
        ],
      },
      places: communes.slice(0, 24).map((c) => ({ name: c.name, lat: round(c.lat), lon: round(c.lon) })),
    },
    meta: { title: `Réseau généré (${count.toLocaleString('fr')})` },
    establishments,
    flows,
  } as unknown as ToileDocument;
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;
