/**
 * The builder of the sample territory (examples/data/port-estuaire.toile.json): the seeded PRNG that
 * fills minor details, and `add`, `ext`, `flow` and `res`, which turn one row of the tables
 * (port-estuaire-establishments.ts, port-estuaire-flows.ts, port-estuaire-resources.ts) into a record.
 * Every call draws from the one PRNG: build-port-estuaire.ts calls them in a fixed order, so the
 * output is the same on every run.
 */
import { getEwcEntry, type components } from '@toile/schema';
import { mulberry32 } from '@toile/sdk';
import { COMMUNES, STREETS, type Commune } from './port-estuaire-establishments.ts';
import { SOURCES, type FlowSpec } from './port-estuaire-flows.ts';

type Establishment = components['schemas']['Establishment'];
type Flow = components['schemas']['Flow'];
type Resource = components['schemas']['Resource'];
type FlowKind = components['schemas']['FlowKind'];
type Unit = components['schemas']['Unit'];
type Family = components['schemas']['Family'];

// Seeded (the SDK's mulberry32): Math.random cannot be seeded, and the file must not change between runs.
const rand = mulberry32(2026);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** A fictional SIRET: random SIREN (never La Poste's 356 000 000) + NIC, completed by its Luhn digit. */
const usedSirens = new Set<string>();
function siret(): string {
  let siren: string;
  do siren = String(300_000_000 + Math.floor(rand() * 600_000_000));
  while (siren === '356000000' || usedSirens.has(siren));
  usedSirens.add(siren);
  // NIC of a head office or first site (0001x): four digits here, the fifth is the check digit.
  const digits = `${siren}000${1 + Math.floor(rand() * 9)}`;
  let sum = 0;
  for (let i = 0; i < 13; i++) {
    let d = digits.charCodeAt(12 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/** The records built so far, in order. */
export const establishments: Establishment[] = [];
/** Adds an internal establishment. */
export function add(id: string, name: string, naf: string, employees: number, where: Commune, sectors: string[], extra: Partial<Establishment> = {}) {
  const c = COMMUNES[where];
  establishments.push({
    id,
    name,
    siret: siret(),
    naf,
    employees,
    location: {
      lat: Math.round((c.lat + (rand() - 0.5) * 0.03) * 1e5) / 1e5,
      lon: Math.round((c.lon + (rand() - 0.5) * 0.05) * 1e5) / 1e5,
      address: `${1 + Math.floor(rand() * 120)} ${pick(STREETS[where])}`,
      postcode: c.postcode,
      city: c.city,
      insee: c.insee,
    },
    sectors,
    sources: [rand() < 0.75 ? 'itw-2025' : 'enquete-2024'],
    validated: rand() < 0.7,
    ...extra,
  });
}
/** Adds an external partner (supplier, market, port elsewhere). French ones get a SIRET. */
export function ext(id: string, name: string, naf: string, city: string, lat: number, lon: number, country = 'FR', sectors = ['partenaire extérieur']) {
  establishments.push({
    id,
    name,
    ...(country === 'FR' ? { siret: siret() } : {}),
    naf,
    external: true,
    location: { lat, lon, city, country },
    sectors,
    sources: ['open-2025'],
  });
}

/** A waste code decides the family, as the reference mapping says; other items keep theirs. */
function item(label?: string, code?: string, family?: Family) {
  if (code?.startsWith('ewc:')) {
    const entry = getEwcEntry(code.slice(4));
    if (!entry || entry.level !== 'entry') throw new Error(`unknown EWC entry ${code}`);
    family = (entry.family as Family | null) ?? family;
  }
  if (!label && !code && !family) return undefined;
  return { ...(label ? { label } : {}), ...(code ? { code } : {}), ...(family ? { family } : {}) };
}
export const flows: Flow[] = [];
export function flow(from: string, to: string, kind: FlowKind, s: FlowSpec = {}) {
  const record: Flow = { id: `f${String(flows.length + 1).padStart(3, '0')}`, from, to, kind };
  const it = item(s.label, s.code, s.family);
  if (it) record.item = it;
  if (s.q !== undefined && s.unit) record.quantity = { value: s.q, unit: s.unit };
  if (s.eur !== undefined) record.valueEur = s.eur;
  if (s.up !== undefined || s.down !== undefined)
    record.dependency = { ...(s.up !== undefined ? { upstream: s.up } : {}), ...(s.down !== undefined ? { downstream: s.down } : {}) };
  if (s.status) record.status = s.status;
  // Business data: most flows public, some shared with the partners only, about one in ten confidential.
  const roll = rand();
  record.confidentiality = s.conf ?? (roll < 0.07 ? 'confidential' : roll < 0.17 ? 'partners' : 'public');
  record.source = s.source ?? pick(SOURCES);
  record.validated = s.validated ?? (s.status === 'potential' || s.status === 'planned' ? false : rand() < 0.65);
  if (s.since) record.since = s.since;
  else if (s.status === 'planned') record.since = String(2027 + Math.floor(rand() * 3));
  else if (s.status !== 'potential') record.since = String(2002 + Math.floor(rand() * 22));
  flows.push(record);
}

/** The services of each provider to each client, drawn by the PRNG: about four clients in ten, volumes at random. */
export function serviceFlows(providers: readonly [provider: string, label: string, unit: Unit, rate: number][], clients: readonly string[]) {
  for (const [provider, label, unit, rate] of providers) {
    for (const client of clients) {
      if (rand() < 0.42) {
        const q = Math.round(unit === 'FTE' ? 5 + rand() * 60 : unit === 'h/yr' ? 2000 + rand() * 40_000 : 20 + rand() * 600);
        // The service is coded by the provider's activity (`naf:33.12Z` for industrial maintenance…).
        const code = `naf:${establishments.find((x) => x.id === provider)!.naf}`;
        flow(provider, client, 'service', {
          label,
          code,
          q,
          unit,
          eur: Math.round(q * rate),
          down: Math.round(rand() * 15) / 100,
          up: Math.round(rand() * 4) / 100,
        });
      }
    }
  }
}

export const resources: Resource[] = [];
export function res(
  establishment: string,
  direction: 'offer' | 'need',
  kind: FlowKind,
  label: string,
  code?: string,
  family?: Family,
  q?: number,
  unit?: Unit,
  availability = 'continuous',
  conf: Resource['confidentiality'] = 'public',
) {
  resources.push({
    id: `r${String(resources.length + 1).padStart(3, '0')}`,
    establishment,
    direction,
    kind,
    item: item(label, code, family)!,
    ...(q !== undefined && unit ? { quantity: { value: q, unit } } : {}),
    availability,
    confidentiality: conf,
    source: rand() < 0.8 ? 'atelier-2025' : 'itw-2025',
  });
}

/**
 * Interviews overestimate: scale each establishment's shares so that they add up to at most 0.95 —
 * upstream over the flows it receives, downstream over the flows it gives, whatever their status
 * (a planned flow must not push an establishment above 1 once it starts). Two decimals, rounded down.
 */
export function capShares(side: 'upstream' | 'downstream', key: 'to' | 'from') {
  const sum = new Map<string, number>();
  for (const fl of flows) {
    const v = fl.dependency?.[side];
    if (v) sum.set(fl[key], (sum.get(fl[key]) ?? 0) + v);
  }
  for (const fl of flows) {
    const s = sum.get(fl[key]) ?? 0;
    const v = fl.dependency?.[side];
    if (v && s > 0.95) fl.dependency![side] = Math.floor((v * 95) / s) / 100;
  }
}
