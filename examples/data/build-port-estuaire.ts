/**
 * Builds examples/data/port-estuaire.toile.json: a FICTIONAL industrial-port territory ("Estuaire
 * de la Vire-Marine" — no such place), deterministic, for demos, docs and tests.
 * Run: `npx tsx examples/data/build-port-estuaire.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getEwcEntry, type components } from '@toile/schema';

type Doc = components['schemas']['ToileDocument'];
type Establishment = components['schemas']['Establishment'];
type Flow = components['schemas']['Flow'];
type Resource = components['schemas']['Resource'];
type FlowKind = components['schemas']['FlowKind'];
type Unit = components['schemas']['Unit'];
type Family = components['schemas']['Family'];

/** Seeded PRNG (mulberry32) so that the file is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(2026);

function siret(n: number): string {
  const digits = String(400000000000 + n * 7919013).slice(0, 13).padStart(13, '4');
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

// Invented communes of the estuary (INSEE-like codes in an unused range).
const COMMUNES = {
  port: { city: 'Port-Vire', postcode: '76990', insee: '76991', lat: 49.452, lon: 0.182 },
  darse: { city: 'La Darse-sur-Vire', postcode: '76991', insee: '76992', lat: 49.468, lon: 0.245 },
  marais: { city: 'Saint-Ouen-des-Marais', postcode: '76992', insee: '76993', lat: 49.49, lon: 0.31 },
  plateau: { city: 'Bléville-le-Plateau', postcode: '76993', insee: '76994', lat: 49.515, lon: 0.145 },
  rive: { city: 'Rive-Sud-en-Caux', postcode: '76994', insee: '76995', lat: 49.421, lon: 0.29 },
} as const;
type Commune = keyof typeof COMMUNES;

const e: Establishment[] = [];
let n = 0;
/** Adds an internal establishment. */
function add(id: string, name: string, naf: string, employees: number, where: Commune, sectors: string[], extra: Partial<Establishment> = {}) {
  const c = COMMUNES[where];
  n++;
  e.push({
    id,
    name,
    siret: siret(n),
    naf,
    employees,
    location: {
      lat: Math.round((c.lat + (rand() - 0.5) * 0.03) * 1e5) / 1e5,
      lon: Math.round((c.lon + (rand() - 0.5) * 0.05) * 1e5) / 1e5,
      address: `${1 + Math.floor(rand() * 120)} ${['quai', 'route', 'rue', 'avenue', 'chemin'][Math.floor(rand() * 5)]} ${['des Docks', 'de l’Estuaire', 'du Marais', 'des Forges', 'de la Darse', 'Industrielle'][Math.floor(rand() * 6)]}`,
      postcode: c.postcode,
      city: c.city,
      insee: c.insee,
    },
    sectors,
    sources: ['itw-2025'],
    validated: rand() < 0.7,
    ...extra,
  });
}
/** Adds an external partner. */
function ext(id: string, name: string, naf: string, city: string, lat: number, lon: number, country = 'FR') {
  e.push({ id, name, naf, external: true, location: { lat, lon, city, country }, sectors: ['partenaire extérieur'], sources: ['open-2025'] });
}

// ---- Hubs of the port
add('raffinerie', 'Raffinerie de la Vire-Marine', '19.20Z', 1100, 'darse', ['énergie', 'chimie'], { website: 'https://raffinerie-vire.example', description: 'Raffinage de pétrole brut, 8 Mt/an (fictif).' });
add('acierie', 'Aciérie de l’Estuaire', '24.10Z', 1450, 'port', ['métallurgie'], { website: 'https://acierie-estuaire.example', description: 'Site sidérurgique intégré : haut fourneau, aciérie, laminoir.' });
add('petrochimie', 'Vire Polymères', '20.16Z', 620, 'darse', ['chimie', 'plasturgie']);
add('engrais', 'Engrais de la Côte', '20.15Z', 310, 'marais', ['chimie', 'agriculture']);
add('cimenterie', 'Ciments de la Vire', '23.51Z', 180, 'rive', ['matériaux', 'BTP']);
add('port-autorite', 'Grand Port de la Vire-Marine', '52.22Z', 950, 'port', ['logistique portuaire']);
add('papeterie', 'Papeterie des Marais', '17.12Z', 420, 'marais', ['bois-papier']);
add('incinerateur', 'Valoris Énergie (UVE)', '38.21Z', 85, 'rive', ['déchets', 'énergie'], { description: 'Unité de valorisation énergétique, alimente le réseau de chaleur.' });
add('reseau-chaleur', 'Réseau de chaleur de Port-Vire', '35.30Z', 24, 'port', ['énergie']);
add('eau-vire', 'Eaux de la Vire (régie)', '36.00Z', 140, 'plateau', ['eau']);
add('step', 'Station d’épuration de l’Estuaire', '37.00Z', 38, 'rive', ['eau']);
add('centrale', 'Centrale à cycle combiné de la Darse', '35.11Z', 60, 'darse', ['énergie']);
add('gaz-indus', 'Air & Gaz de l’Estuaire', '20.11Z', 70, 'darse', ['chimie']);
add('hydrogene', 'H2 Vire (projet)', '20.11Z', 0, 'darse', ['énergie', 'hydrogène'], { status: 'planned', description: 'Électrolyseur de 100 MW en projet.' });
// ---- Food and agriculture
add('sucrerie', 'Sucrerie du Plateau', '10.81Z', 260, 'plateau', ['agroalimentaire']);
add('laiterie', 'Laiterie Coopérative de Caux', '10.51C', 340, 'plateau', ['agroalimentaire'], { ess: true });
add('huilerie', 'Huilerie de l’Estuaire', '10.41A', 120, 'port', ['agroalimentaire']);
add('brasserie', 'Brasserie des Docks', '11.05Z', 35, 'port', ['agroalimentaire']);
add('methanisation', 'Biogaz du Marais', '35.21Z', 12, 'marais', ['énergie', 'agriculture']);
add('serres', 'Serres de la Rive', '01.13Z', 45, 'rive', ['agriculture']);
add('cooperative', 'Coopérative Agricole Caux-Estuaire', '46.21Z', 90, 'plateau', ['agriculture'], { ess: true });
// ---- Waste and recycling
add('recyclage-metaux', 'Ferrailles & Métaux Vire', '38.32Z', 75, 'port', ['déchets', 'métallurgie']);
add('recyclage-plastiques', 'RePlast Estuaire', '38.32Z', 48, 'rive', ['déchets', 'plasturgie']);
add('dechets-dangereux', 'Trédi-Vire (traitement des déchets dangereux)', '38.22Z', 66, 'darse', ['déchets', 'chimie']);
add('collecte', 'Collecte Propre Estuaire', '38.11Z', 210, 'plateau', ['déchets']);
add('ressourcerie', 'Ressourcerie Les Mains Vertes', '38.32Z', 28, 'plateau', ['déchets', 'réemploi'], { ess: true });
add('palettes', 'Palettes Réemploi Solidaires', '16.24Z', 22, 'marais', ['bois-papier', 'réemploi'], { ess: true });
add('granulats', 'Granulats de la Rive', '08.12Z', 40, 'rive', ['matériaux', 'BTP']);
// ---- Logistics
add('terminal-conteneurs', 'Terminal Conteneurs Vire', '52.24A', 380, 'port', ['logistique portuaire']);
add('transports-leroux', 'Transports Leroux', '49.41A', 160, 'plateau', ['logistique']);
add('manutention', 'Manutention Portuaire Réunie', '52.24A', 240, 'port', ['logistique portuaire']);
add('entrepot', 'Entrepôts de la Darse', '52.10B', 95, 'darse', ['logistique']);
add('ferroviaire', 'Fret Rail Estuaire', '49.20Z', 55, 'port', ['logistique']);
add('remorquage', 'Remorquage de la Vire', '50.20Z', 48, 'port', ['logistique portuaire']);
add('vrac', 'Vrac Solides Services', '52.24A', 70, 'darse', ['logistique portuaire']);
// ---- Materials and manufacturing
add('beton', 'Béton Prêt Estuaire', '23.63Z', 30, 'rive', ['matériaux', 'BTP']);
add('tuiles', 'Briqueterie du Marais', '23.32Z', 58, 'marais', ['matériaux', 'BTP']);
add('laminage', 'Profilés de la Darse', '24.33Z', 110, 'darse', ['métallurgie']);
add('fonderie', 'Fonderie Normande de Précision', '24.51Z', 140, 'plateau', ['métallurgie']);
add('chaudronnerie', 'Chaudronnerie Marais-Industrie', '25.29Z', 65, 'marais', ['métallurgie', 'maintenance']);
add('usinage', 'Usinage Mécanique du Plateau', '25.62B', 48, 'plateau', ['métallurgie']);
add('emballages', 'Emballages Carton de Caux', '17.21A', 130, 'plateau', ['bois-papier']);
add('plasturgie', 'Injection Plastique Estuaire', '22.29A', 95, 'rive', ['plasturgie']);
add('peintures', 'Peintures & Vernis de la Vire', '20.30Z', 72, 'darse', ['chimie']);
add('detergents', 'Détergents Océane', '20.41Z', 55, 'darse', ['chimie']);
add('verrerie', 'Verrerie de la Côte', '23.13Z', 160, 'marais', ['matériaux']);
add('scierie', 'Scierie du Plateau', '16.10A', 25, 'plateau', ['bois-papier']);
add('cables', 'Câbles Marins de la Vire', '27.32Z', 210, 'port', ['électrotechnique', 'énergie']);
add('eolien', 'Pales Éoliennes de l’Estuaire', '28.11Z', 380, 'port', ['énergie', 'composites'], { since: undefined } as Partial<Establishment>);
// ---- Maintenance, engineering, services
add('maintenance', 'Maintenance Industrielle Vire', '33.12Z', 180, 'darse', ['maintenance']);
add('echafaudages', 'Échafaudages de l’Ouest', '43.99B', 90, 'rive', ['maintenance', 'BTP']);
add('electricite', 'Électricité Industrielle Estuaire', '43.21A', 120, 'plateau', ['maintenance', 'énergie']);
add('ingenierie', 'Ingénierie Process Vire', '71.12B', 75, 'port', ['ingénierie']);
add('controle', 'Contrôles & Essais Estuaire', '71.20B', 40, 'darse', ['ingénierie']);
add('nettoyage', 'Nettoyage Industriel Océane', '81.22Z', 150, 'rive', ['services']);
add('securite', 'Sécurité Sites Portuaires', '80.10Z', 110, 'port', ['services']);
add('interim', 'Intérim Estuaire Emploi', '78.20Z', 30, 'plateau', ['services', 'emploi']);
add('insertion', 'Chantier d’insertion Vire Solidaire', '88.99B', 35, 'marais', ['emploi', 'réemploi'], { ess: true });
add('restauration', 'Restauration Collective des Docks', '56.29A', 85, 'port', ['services'], { ess: true });
add('formation', 'Centre de Formation Industrielle de la Vire', '85.32Z', 45, 'plateau', ['formation']);
add('universite', 'Laboratoire Procédés & Environnement (Université de la Vire)', '72.19Z', 60, 'plateau', ['recherche', 'formation'], { website: 'https://lpe-univ-vire.example' });
add('cfa', 'CFA des Métiers Portuaires', '85.31Z', 30, 'port', ['formation']);
add('laboratoire', 'Analyses Environnement Estuaire', '71.20B', 22, 'rive', ['ingénierie', 'eau']);
add('informatique', 'Numérique Industriel de Caux', '62.02A', 40, 'plateau', ['numérique']);
add('bureau-etudes', 'Bureau d’études Énergie Vire', '71.12B', 18, 'marais', ['ingénierie', 'énergie']);
add('location-engins', 'Location d’Engins de l’Estuaire', '77.32Z', 35, 'rive', ['maintenance', 'BTP']);
add('gardiennage', 'Surveillance Portuaire Océane', '80.10Z', 60, 'port', ['services']);
add('transit', 'Transitaire Vire Maritime', '52.29A', 45, 'port', ['logistique portuaire']);
add('chantier-naval', 'Chantier Naval de la Darse', '33.15Z', 130, 'darse', ['maintenance', 'maritime']);
add('avitaillement', 'Avitaillement des Navires Vire', '46.71Z', 20, 'port', ['maritime', 'énergie']);
add('mareyage', 'Marée de l’Estuaire', '10.20Z', 65, 'port', ['agroalimentaire', 'maritime']);
add('conserverie', 'Conserverie de la Côte', '10.20Z', 110, 'rive', ['agroalimentaire']);
add('ancienne-raffinerie', 'Dépôt pétrolier de la Rive (fermé)', '52.10A', 0, 'rive', ['énergie'], { status: 'closed', description: 'Dépôt fermé en 2024 ; le terrain est à reconvertir.' });
add('batterie', 'Recyclage Batteries Estuaire (projet)', '38.32Z', 0, 'darse', ['déchets', 'électromobilité'], { status: 'planned' });
add('peinture-navale', 'Revêtements Navals de la Vire', '20.30Z', 40, 'darse', ['chimie', 'maritime']);
add('cartonnerie', 'Cartonnerie Solidaire du Marais', '17.21B', 26, 'marais', ['bois-papier'], { ess: true });
// ---- External partners (suppliers, markets, ports elsewhere)
ext('mine-minerai', 'Iron Ore Export Terminal (Pilbara, fictif)', '07.10Z', 'Port Hedland', -20.31, 118.58, 'AU');
ext('charbon', 'Coking Coal Shipping (fictif)', '05.10Z', 'Newcastle', -32.93, 151.78, 'AU');
ext('brut', 'North Sea Crude Trading (fictif)', '06.10Z', 'Aberdeen', 57.15, -2.09, 'GB');
ext('port-anvers', 'Port d’Anvers (partenaire, fictif)', '52.22Z', 'Antwerpen', 51.26, 4.4, 'BE');
ext('constructeur-auto', 'Usine automobile de Flins (client, fictif)', '29.10Z', 'Flins', 48.97, 1.87);
ext('btp-paris', 'Grands Travaux Île-de-France (client, fictif)', '42.11Z', 'Paris', 48.86, 2.35);
ext('chimie-lyon', 'Chimie du Rhône (client, fictif)', '20.14Z', 'Lyon', 45.74, 4.82);
ext('papier-recycle', 'Négoce Papier Recyclé Nord (fictif)', '46.77Z', 'Lille', 50.63, 3.06);
ext('solvants', 'Solvants Régénérés de l’Est (fictif)', '38.32Z', 'Strasbourg', 48.57, 7.75);
ext('distribution', 'Grande distribution — centrale d’achat (fictif)', '46.39B', 'Rungis', 48.75, 2.35);
ext('gaz-naturel', 'Réseau de transport de gaz (fictif)', '35.22Z', 'Paris', 48.85, 2.3);
ext('electricite-reseau', 'Gestionnaire du réseau électrique (fictif)', '35.12Z', 'Paris', 48.89, 2.24);
ext('equipementier', 'Turbines & Compresseurs Rhénans (fictif)', '28.13Z', 'Mannheim', 49.49, 8.47, 'DE');
ext('engrais-export', 'Négoce Engrais Europe (fictif)', '46.75Z', 'Rotterdam', 51.92, 4.48, 'NL');
ext('sucre-export', 'Sucre & Éthanol Négoce (fictif)', '46.36Z', 'Hambourg', 53.55, 9.99, 'DE');

// ---- Flows
const flows: Flow[] = [];
let f = 0;
interface FlowSpec {
  label?: string;
  code?: string;
  family?: Family;
  q?: number;
  unit?: Unit;
  eur?: number;
  up?: number;
  down?: number;
  status?: Flow['status'];
  conf?: Flow['confidentiality'];
  source?: string;
  since?: string;
}
const SOURCES = ['itw-2025', 'atelier-2025', 'enquete-2024', 'open-2025'];
function flow(from: string, to: string, kind: FlowKind, s: FlowSpec = {}) {
  f++;
  const record: Flow = { id: `f${String(f).padStart(3, '0')}`, from, to, kind };
  // A waste code decides the family, as the reference mapping says.
  if (s.code?.startsWith('ewc:')) s.family = (getEwcEntry(s.code.slice(4))?.family as Family | null) ?? s.family;
  if (s.label || s.code || s.family) record.item = { ...(s.label ? { label: s.label } : {}), ...(s.code ? { code: s.code } : {}), ...(s.family ? { family: s.family } : {}) };
  if (s.q !== undefined && s.unit) record.quantity = { value: s.q, unit: s.unit };
  if (s.eur !== undefined) record.valueEur = s.eur;
  if (s.up !== undefined || s.down !== undefined) record.dependency = { ...(s.up !== undefined ? { upstream: s.up } : {}), ...(s.down !== undefined ? { downstream: s.down } : {}) };
  if (s.status) record.status = s.status;
  record.confidentiality = s.conf ?? (rand() < 0.08 ? 'partners' : 'public');
  record.source = s.source ?? SOURCES[Math.floor(rand() * SOURCES.length)]!;
  record.validated = rand() < 0.6;
  record.since = s.since ?? String(2005 + Math.floor(rand() * 19));
  flows.push(record);
}

// Raw materials from outside
flow('mine-minerai', 'acierie', 'supply', { label: 'Minerai de fer', code: 'hs:2601', family: 'ferrous-metals', q: 4_200_000, unit: 't/yr', eur: 420_000_000, up: 0.45, down: 0.02, conf: 'confidential' });
flow('charbon', 'acierie', 'supply', { label: 'Charbon à coke', code: 'hs:2701', q: 1_600_000, unit: 't/yr', eur: 310_000_000, up: 0.3, down: 0.01, conf: 'confidential' });
flow('brut', 'raffinerie', 'supply', { label: 'Pétrole brut', code: 'hs:2709', q: 8_000_000, unit: 't/yr', eur: 4_100_000_000, up: 0.85, down: 0.05, conf: 'confidential' });
flow('gaz-naturel', 'centrale', 'energy', { label: 'Gaz naturel', family: 'fuel-gas', q: 3_200_000, unit: 'MWh/yr', eur: 96_000_000, up: 0.9 });
flow('gaz-naturel', 'engrais', 'supply', { label: 'Gaz naturel (matière première ammoniac)', family: 'fuel-gas', q: 2_100_000, unit: 'MWh/yr', eur: 63_000_000, up: 0.6 });
flow('electricite-reseau', 'acierie', 'energy', { label: 'Électricité', family: 'electricity', q: 1_200_000, unit: 'MWh/yr', eur: 84_000_000, up: 0.15 });
flow('equipementier', 'centrale', 'service', { label: 'Maintenance des turbines', q: 6000, unit: 'h/yr', eur: 3_500_000, up: 0.05 });
flow('port-anvers', 'terminal-conteneurs', 'logistics', { label: 'Feedering conteneurs', q: 120_000, unit: 'TEU/yr', eur: 18_000_000, up: 0.25 });
// Local products and markets
flow('acierie', 'laminage', 'supply', { label: 'Brames d’acier', code: 'cpa:24.10', family: 'ferrous-metals', q: 450_000, unit: 't/yr', eur: 270_000_000, up: 0.8, down: 0.12 });
flow('acierie', 'constructeur-auto', 'supply', { label: 'Tôles laminées', code: 'cpa:24.10', q: 900_000, unit: 't/yr', eur: 610_000_000, down: 0.35 });
flow('laminage', 'btp-paris', 'supply', { label: 'Profilés acier', code: 'cpa:24.33', q: 300_000, unit: 't/yr', eur: 240_000_000, down: 0.6 });
flow('laminage', 'chaudronnerie', 'supply', { label: 'Profilés et tôles', code: 'cpa:24.33', q: 6000, unit: 't/yr', eur: 5_000_000, up: 0.5, down: 0.02 });
flow('acierie', 'fonderie', 'supply', { label: 'Fonte', code: 'cpa:24.10', q: 25_000, unit: 't/yr', eur: 12_000_000, up: 0.4, down: 0.01 });
flow('raffinerie', 'petrochimie', 'supply', { label: 'Naphta', code: 'cpa:19.20', q: 900_000, unit: 't/yr', eur: 520_000_000, up: 0.75, down: 0.15 });
flow('raffinerie', 'avitaillement', 'supply', { label: 'Fioul de soute', code: 'cpa:19.20', q: 250_000, unit: 't/yr', eur: 130_000_000, up: 0.9, down: 0.04 });
flow('raffinerie', 'distribution', 'supply', { label: 'Carburants', code: 'cpa:19.20', q: 5_000_000, unit: 't/yr', eur: 3_900_000_000, down: 0.6 });
flow('raffinerie', 'gaz-indus', 'supply', { label: 'Hydrogène de raffinage (excédent)', family: 'hydrogen', q: 4000, unit: 't/yr', eur: 8_000_000, up: 0.3, down: 0.002 });
flow('petrochimie', 'plasturgie', 'supply', { label: 'Granulés de polyéthylène', code: 'cpa:20.16', family: 'plastics', q: 18_000, unit: 't/yr', eur: 25_000_000, up: 0.7, down: 0.03 });
flow('petrochimie', 'chimie-lyon', 'supply', { label: 'Polymères', code: 'cpa:20.16', q: 400_000, unit: 't/yr', eur: 560_000_000, down: 0.55 });
flow('petrochimie', 'peintures', 'supply', { label: 'Résines et solvants', code: 'cpa:20.14', q: 5000, unit: 't/yr', eur: 9_000_000, up: 0.45, down: 0.01 });
flow('petrochimie', 'detergents', 'supply', { label: 'Tensioactifs de base', code: 'cpa:20.14', q: 7000, unit: 't/yr', eur: 11_000_000, up: 0.5, down: 0.015 });
flow('engrais', 'cooperative', 'supply', { label: 'Engrais azotés', code: 'cpa:20.15', q: 60_000, unit: 't/yr', eur: 24_000_000, up: 0.3, down: 0.15 });
flow('engrais', 'engrais-export', 'supply', { label: 'Ammonitrates', code: 'cpa:20.15', q: 300_000, unit: 't/yr', eur: 120_000_000, down: 0.7 });
flow('gaz-indus', 'acierie', 'supply', { label: 'Oxygène', family: 'industrial-gases', q: 900_000, unit: 't/yr', eur: 45_000_000, up: 0.2, down: 0.5 });
flow('gaz-indus', 'petrochimie', 'supply', { label: 'Azote', family: 'industrial-gases', q: 80_000, unit: 't/yr', eur: 6_000_000, up: 0.1, down: 0.1 });
flow('gaz-indus', 'conserverie', 'supply', { label: 'CO2 alimentaire', family: 'co2', q: 2000, unit: 't/yr', eur: 400_000, up: 0.05, down: 0.01 });
flow('cooperative', 'sucrerie', 'supply', { label: 'Betteraves', code: 'cpa:01.13', family: 'vegetal-waste', q: 900_000, unit: 't/yr', eur: 27_000_000, up: 0.85, down: 0.4 });
flow('cooperative', 'huilerie', 'supply', { label: 'Graines de colza', code: 'cpa:01.11', q: 120_000, unit: 't/yr', eur: 55_000_000, up: 0.7, down: 0.2 });
flow('cooperative', 'laiterie', 'supply', { label: 'Lait collecté', code: 'cpa:01.41', q: 180_000, unit: 'm3/yr', eur: 70_000_000, up: 0.95, down: 0.3 });
flow('sucrerie', 'sucre-export', 'supply', { label: 'Sucre blanc', code: 'cpa:10.81', q: 140_000, unit: 't/yr', eur: 80_000_000, down: 0.75 });
flow('sucrerie', 'brasserie', 'supply', { label: 'Sucre', code: 'cpa:10.81', q: 300, unit: 't/yr', eur: 200_000, up: 0.1 });
flow('laiterie', 'distribution', 'supply', { label: 'Produits laitiers', code: 'cpa:10.51', q: 150_000, unit: 't/yr', eur: 160_000_000, down: 0.8 });
flow('mareyage', 'conserverie', 'supply', { label: 'Poisson frais', code: 'cpa:10.20', q: 8000, unit: 't/yr', eur: 20_000_000, up: 0.6, down: 0.4 });
flow('conserverie', 'distribution', 'supply', { label: 'Conserves de poisson', code: 'cpa:10.20', q: 12_000, unit: 't/yr', eur: 45_000_000, down: 0.85 });
flow('emballages', 'laiterie', 'supply', { label: 'Emballages carton', code: 'cpa:17.21', family: 'paper-cardboard', q: 4000, unit: 't/yr', eur: 6_000_000, up: 0.1, down: 0.25 });
flow('emballages', 'conserverie', 'supply', { label: 'Cartons', code: 'cpa:17.21', family: 'paper-cardboard', q: 1500, unit: 't/yr', eur: 2_200_000, up: 0.1, down: 0.1 });
flow('papeterie', 'emballages', 'supply', { label: 'Papier pour carton ondulé', code: 'cpa:17.12', family: 'paper-cardboard', q: 60_000, unit: 't/yr', eur: 36_000_000, up: 0.6, down: 0.3 });
flow('plasturgie', 'eolien', 'subcontracting', { label: 'Pièces injectées', q: 200_000, unit: 'unit/yr', eur: 4_000_000, up: 0.08, down: 0.2 });
flow('usinage', 'eolien', 'subcontracting', { label: 'Usinage de moyeux', q: 800, unit: 'unit/yr', eur: 6_000_000, up: 0.1, down: 0.4 });
flow('fonderie', 'eolien', 'subcontracting', { label: 'Pièces de fonderie', q: 1200, unit: 'unit/yr', eur: 9_000_000, up: 0.12, down: 0.35 });
flow('chaudronnerie', 'raffinerie', 'subcontracting', { label: 'Tuyauteries et réservoirs', q: 40_000, unit: 'h/yr', eur: 4_500_000, down: 0.45 });
flow('chaudronnerie', 'petrochimie', 'subcontracting', { label: 'Chaudronnerie d’arrêt technique', q: 25_000, unit: 'h/yr', eur: 2_800_000, down: 0.3 });
flow('cables', 'eolien', 'supply', { label: 'Câbles d’export', code: 'cpa:27.32', q: 150, unit: 'unit/yr', eur: 30_000_000, up: 0.15, down: 0.3 });
flow('verrerie', 'brasserie', 'supply', { label: 'Bouteilles', code: 'cpa:23.13', family: 'glass', q: 2000, unit: 't/yr', eur: 1_500_000, up: 0.15, down: 0.02 });
flow('peintures', 'chantier-naval', 'supply', { label: 'Peintures marines', code: 'cpa:20.30', q: 300, unit: 't/yr', eur: 1_800_000, up: 0.1, down: 0.05 });
flow('peinture-navale', 'chantier-naval', 'subcontracting', { label: 'Revêtement des coques', q: 12_000, unit: 'h/yr', eur: 900_000, up: 0.1, down: 0.5 });
// By-products and wastes reused (industrial ecology)
flow('acierie', 'cimenterie', 'byproduct', { label: 'Laitier de haut fourneau', code: 'ewc:100202', family: 'mineral-waste', q: 380_000, unit: 't/yr', eur: 7_600_000, up: 0.35, down: 0.01, since: '1998' });
flow('acierie', 'granulats', 'byproduct', { label: 'Scories d’aciérie', code: 'ewc:100202', family: 'mineral-waste', q: 220_000, unit: 't/yr', eur: 1_100_000, up: 0.4, down: 0.002 });
flow('acierie', 'recyclage-metaux', 'byproduct', { label: 'Battitures et chutes', code: 'ewc:100210', family: 'ferrous-metals', q: 45_000, unit: 't/yr', eur: 4_000_000, up: 0.3, down: 0.004 });
flow('recyclage-metaux', 'acierie', 'byproduct', { label: 'Ferrailles triées', code: 'ewc:191202', family: 'ferrous-metals', q: 160_000, unit: 't/yr', eur: 48_000_000, up: 0.08, down: 0.7 });
flow('centrale', 'cimenterie', 'byproduct', { label: 'Cendres volantes', code: 'ewc:100102', family: 'combustion-residues', q: 12_000, unit: 't/yr', eur: 240_000, up: 0.05 });
flow('incinerateur', 'granulats', 'byproduct', { label: 'Mâchefers d’incinération', code: 'ewc:190112', family: 'treatment-mineral-waste', q: 40_000, unit: 't/yr', eur: 200_000, up: 0.2, down: 0.05 });
flow('raffinerie', 'incinerateur', 'byproduct', { label: 'Boues de fond de bac', code: 'ewc:050103', family: 'chemicals', q: 3000, unit: 't/yr', eur: 1_200_000, down: 0.04, conf: 'confidential' });
flow('raffinerie', 'dechets-dangereux', 'byproduct', { label: 'Catalyseurs usés', code: 'ewc:160802', family: 'chemicals', q: 800, unit: 't/yr', eur: 900_000, down: 0.06, conf: 'confidential' });
flow('petrochimie', 'dechets-dangereux', 'byproduct', { label: 'Solvants usés', code: 'ewc:070104', family: 'spent-solvents', q: 1500, unit: 't/yr', eur: 600_000, down: 0.08 });
flow('dechets-dangereux', 'solvants', 'byproduct', { label: 'Solvants à régénérer', code: 'ewc:070104', family: 'spent-solvents', q: 900, unit: 't/yr', eur: 150_000, down: 0.1 });
flow('sucrerie', 'methanisation', 'byproduct', { label: 'Pulpes et écumes', code: 'ewc:020401', family: 'vegetal-waste', q: 30_000, unit: 't/yr', eur: 300_000, up: 0.5, down: 0.003 });
flow('laiterie', 'methanisation', 'byproduct', { label: 'Lactosérum', code: 'ewc:020501', family: 'animal-food-waste', q: 15_000, unit: 't/yr', eur: 150_000, up: 0.25 });
flow('brasserie', 'cooperative', 'byproduct', { label: 'Drêches de brasserie', code: 'ewc:020702', family: 'vegetal-waste', q: 800, unit: 't/yr', eur: 40_000, down: 0.01 });
flow('huilerie', 'cooperative', 'byproduct', { label: 'Tourteaux de colza', code: 'cpa:10.41', family: 'vegetal-waste', q: 70_000, unit: 't/yr', eur: 21_000_000, down: 0.25 });
flow('mareyage', 'methanisation', 'byproduct', { label: 'Déchets de poisson', code: 'ewc:020202', family: 'animal-food-waste', q: 1200, unit: 't/yr', eur: 12_000, up: 0.05 });
flow('methanisation', 'cooperative', 'byproduct', { label: 'Digestat', code: 'ewc:190606', family: 'vegetal-waste', q: 40_000, unit: 't/yr', eur: 80_000, down: 0.05 });
flow('papeterie', 'tuiles', 'byproduct', { label: 'Boues de désencrage', code: 'ewc:030305', family: 'effluent-sludges', q: 9000, unit: 't/yr', eur: 45_000, up: 0.1, down: 0.01 });
flow('collecte', 'papeterie', 'byproduct', { label: 'Papiers-cartons de collecte', code: 'ewc:200101', family: 'paper-cardboard', q: 45_000, unit: 't/yr', eur: 4_500_000, up: 0.4, down: 0.2 });
flow('collecte', 'incinerateur', 'byproduct', { label: 'Ordures ménagères résiduelles', code: 'ewc:200301', family: 'household-waste', q: 160_000, unit: 't/yr', eur: 14_000_000, up: 0.85, down: 0.45 });
flow('collecte', 'recyclage-plastiques', 'byproduct', { label: 'Emballages plastiques', code: 'ewc:150102', family: 'plastics', q: 9000, unit: 't/yr', eur: 900_000, up: 0.5, down: 0.05 });
flow('recyclage-plastiques', 'plasturgie', 'byproduct', { label: 'Granulés recyclés', code: 'ewc:191204', family: 'plastics', q: 3000, unit: 't/yr', eur: 2_400_000, up: 0.06, down: 0.4 });
flow('plasturgie', 'recyclage-plastiques', 'byproduct', { label: 'Carottes et rebuts d’injection', code: 'ewc:070213', family: 'plastics', q: 600, unit: 't/yr', eur: 60_000, up: 0.05 });
flow('scierie', 'palettes', 'byproduct', { label: 'Chutes de sciage', code: 'ewc:030105', family: 'wood', q: 2500, unit: 't/yr', eur: 100_000, up: 0.3, down: 0.05 });
flow('palettes', 'terminal-conteneurs', 'supply', { label: 'Palettes reconditionnées', q: 40_000, unit: 'pallet/yr', eur: 320_000, up: 0.01, down: 0.45 });
flow('terminal-conteneurs', 'palettes', 'byproduct', { label: 'Palettes cassées', code: 'ewc:150103', family: 'wood', q: 1800, unit: 't/yr', eur: 0, up: 0.35 });
flow('ressourcerie', 'insertion', 'byproduct', { label: 'Mobilier à réparer', code: 'ewc:200307', family: 'mixed-materials', q: 300, unit: 't/yr', eur: 0, up: 0.4, down: 0.2 });
flow('verrerie', 'beton', 'byproduct', { label: 'Calcin non refondable', code: 'ewc:101112', family: 'glass', q: 1500, unit: 't/yr', eur: 15_000, up: 0.05 });
flow('granulats', 'beton', 'supply', { label: 'Granulats recyclés', code: 'cpa:08.12', family: 'mineral-waste', q: 150_000, unit: 't/yr', eur: 2_250_000, up: 0.5, down: 0.3 });
flow('cimenterie', 'beton', 'supply', { label: 'Ciment', code: 'cpa:23.51', q: 60_000, unit: 't/yr', eur: 6_000_000, up: 0.35, down: 0.08 });
flow('cimenterie', 'btp-paris', 'supply', { label: 'Ciment', code: 'cpa:23.51', q: 500_000, unit: 't/yr', eur: 50_000_000, down: 0.7 });
flow('step', 'methanisation', 'byproduct', { label: 'Boues d’épuration', code: 'ewc:190805', family: 'common-sludges', q: 6000, unit: 't/yr', eur: 60_000, up: 0.15, down: 0.3 });
flow('batterie', 'recyclage-metaux', 'byproduct', { label: 'Métaux de batteries', code: 'ewc:191203', family: 'non-ferrous-metals', q: 2000, unit: 't/yr', status: 'planned' });
flow('ancienne-raffinerie', 'raffinerie', 'logistics', { label: 'Stockage de produits finis', q: 400_000, unit: 't/yr', eur: 6_000_000, status: 'ended', since: '1987' });
// Energy, waste heat and water
flow('incinerateur', 'reseau-chaleur', 'energy', { label: 'Chaleur de récupération', family: 'heat', q: 180_000, unit: 'MWh/yr', eur: 5_400_000, up: 0.75, down: 0.55 });
flow('acierie', 'reseau-chaleur', 'energy', { label: 'Chaleur fatale du laminoir', family: 'heat', q: 60_000, unit: 'MWh/yr', eur: 1_200_000, up: 0.2, status: 'potential' });
flow('raffinerie', 'engrais', 'energy', { label: 'Vapeur haute pression', family: 'steam', q: 80, unit: 't/h', eur: 11_000_000, up: 0.25, down: 0.01 });
flow('raffinerie', 'petrochimie', 'energy', { label: 'Vapeur', family: 'steam', q: 120, unit: 't/h', eur: 16_000_000, up: 0.15, down: 0.02 });
flow('centrale', 'electricite-reseau', 'energy', { label: 'Électricité injectée', family: 'electricity', q: 2_800_000, unit: 'MWh/yr', eur: 230_000_000, down: 0.95 });
flow('centrale', 'serres', 'energy', { label: 'Chaleur basse température', family: 'heat', q: 25_000, unit: 'MWh/yr', eur: 250_000, up: 0.6, down: 0.01 });
flow('methanisation', 'gaz-naturel', 'energy', { label: 'Biométhane injecté', family: 'fuel-gas', q: 30_000, unit: 'MWh/yr', eur: 3_000_000, down: 0.9 });
flow('reseau-chaleur', 'papeterie', 'energy', { label: 'Chaleur', family: 'heat', q: 70_000, unit: 'MWh/yr', eur: 3_500_000, up: 0.25, down: 0.35 });
flow('reseau-chaleur', 'laiterie', 'energy', { label: 'Chaleur', family: 'heat', q: 30_000, unit: 'MWh/yr', eur: 1_500_000, up: 0.15, down: 0.15 });
flow('reseau-chaleur', 'restauration', 'energy', { label: 'Chaleur', family: 'heat', q: 2000, unit: 'MWh/yr', eur: 120_000, up: 0.3, down: 0.01 });
flow('hydrogene', 'raffinerie', 'energy', { label: 'Hydrogène renouvelable', family: 'hydrogen', q: 15_000, unit: 't/yr', status: 'planned', conf: 'partners' });
flow('raffinerie', 'hydrogene', 'water', { label: 'Eau déminéralisée', family: 'process-water', q: 200_000, unit: 'm3/yr', status: 'planned' });
flow('eau-vire', 'acierie', 'water', { label: 'Eau industrielle', family: 'water', q: 9_000_000, unit: 'm3/yr', eur: 4_500_000, up: 0.2, down: 0.3 });
flow('eau-vire', 'raffinerie', 'water', { label: 'Eau industrielle', family: 'water', q: 6_000_000, unit: 'm3/yr', eur: 3_000_000, up: 0.1, down: 0.2 });
flow('eau-vire', 'papeterie', 'water', { label: 'Eau de process', family: 'process-water', q: 3_500_000, unit: 'm3/yr', eur: 1_750_000, up: 0.2, down: 0.12 });
flow('eau-vire', 'laiterie', 'water', { label: 'Eau potable', family: 'water', q: 900_000, unit: 'm3/yr', eur: 1_300_000, up: 0.1, down: 0.04 });
flow('eau-vire', 'sucrerie', 'water', { label: 'Eau de process', family: 'process-water', q: 700_000, unit: 'm3/yr', eur: 400_000, up: 0.05, down: 0.03 });
flow('papeterie', 'step', 'water', { label: 'Effluents prétraités', family: 'wastewater', q: 3_000_000, unit: 'm3/yr', eur: 1_500_000, down: 0.35 });
flow('laiterie', 'step', 'water', { label: 'Eaux blanches', family: 'wastewater', q: 700_000, unit: 'm3/yr', eur: 500_000, down: 0.1 });
flow('step', 'serres', 'water', { label: 'Eaux usées traitées (réutilisation)', family: 'process-water', q: 150_000, unit: 'm3/yr', eur: 30_000, up: 0.25, status: 'potential' });
flow('sucrerie', 'serres', 'water', { label: 'Eaux de condensation', family: 'process-water', q: 200_000, unit: 'm3/yr', up: 0.2, status: 'potential' });
// Logistics
for (const [shipper, label, q] of [
  ['acierie', 'Manutention vrac minerai et charbon', 5_800_000],
  ['raffinerie', 'Appontement pétrolier', 8_000_000],
  ['engrais', 'Expédition engrais', 300_000],
  ['cimenterie', 'Expédition ciment par barge', 400_000],
  ['sucrerie', 'Export sucre', 140_000],
] as const) {
  flow('port-autorite', shipper, 'logistics', { label, q, unit: 't/yr', eur: Math.round(q * 1.5), up: 0.12, down: 0.08 });
}
flow('vrac', 'acierie', 'logistics', { label: 'Déchargement vrac', q: 5_800_000, unit: 't/yr', eur: 23_000_000, up: 0.1, down: 0.6 });
flow('manutention', 'terminal-conteneurs', 'logistics', { label: 'Manutention conteneurs', q: 350_000, unit: 'TEU/yr', eur: 28_000_000, up: 0.3, down: 0.8 });
flow('terminal-conteneurs', 'constructeur-auto', 'logistics', { label: 'Pièces automobiles importées', q: 40_000, unit: 'TEU/yr', eur: 12_000_000, down: 0.12 });
flow('ferroviaire', 'acierie', 'logistics', { label: 'Trains de tôles', q: 2400, unit: 'trip/yr', eur: 9_000_000, up: 0.05, down: 0.55 });
flow('ferroviaire', 'cimenterie', 'logistics', { label: 'Trains de ciment', q: 700, unit: 'trip/yr', eur: 2_000_000, up: 0.1, down: 0.15 });
flow('transports-leroux', 'laiterie', 'logistics', { label: 'Collecte et livraisons', q: 12_000, unit: 'trip/yr', eur: 4_000_000, up: 0.08, down: 0.3 });
flow('transports-leroux', 'sucrerie', 'logistics', { label: 'Transport de betteraves', q: 900_000, unit: 't/yr', eur: 6_000_000, up: 0.1, down: 0.35 });
flow('entrepot', 'detergents', 'logistics', { label: 'Stockage produits finis', q: 5000, unit: 'pallet/yr', eur: 500_000, up: 0.05, down: 0.05 });
flow('entrepot', 'peintures', 'logistics', { label: 'Stockage produits finis', q: 3000, unit: 'pallet/yr', eur: 300_000, up: 0.05, down: 0.03 });
flow('remorquage', 'port-autorite', 'service', { label: 'Remorquage des navires', q: 9000, unit: 'h/yr', eur: 8_000_000, up: 0.04, down: 0.9 });
flow('transit', 'engrais', 'service', { label: 'Formalités douanières', q: 400, unit: 'day/yr', eur: 350_000, down: 0.1 });
flow('avitaillement', 'port-autorite', 'service', { label: 'Avitaillement des escales', q: 3000, unit: 'h/yr', eur: 200_000, down: 0.05 });
// Services, maintenance, knowledge: the fabric of SMEs around the hubs
const serviceProviders: [string, string, Unit, number][] = [
  ['maintenance', 'Maintenance mécanique', 'h/yr', 45],
  ['echafaudages', 'Échafaudages d’arrêt technique', 'h/yr', 40],
  ['electricite', 'Maintenance électrique', 'h/yr', 55],
  ['nettoyage', 'Nettoyage industriel', 'h/yr', 35],
  ['securite', 'Gardiennage', 'h/yr', 30],
  ['controle', 'Contrôles réglementaires', 'day/yr', 700],
  ['ingenierie', 'Ingénierie de procédés', 'day/yr', 800],
  ['restauration', 'Restauration du personnel', 'unit/yr', 8],
  ['interim', 'Personnel intérimaire', 'FTE', 48_000],
  ['informatique', 'Informatique industrielle', 'day/yr', 650],
  ['laboratoire', 'Analyses d’effluents', 'unit/yr', 45],
  ['location-engins', 'Location d’engins', 'day/yr', 400],
  ['gardiennage', 'Surveillance des quais', 'h/yr', 28],
];
const clients = ['raffinerie', 'acierie', 'petrochimie', 'engrais', 'cimenterie', 'papeterie', 'port-autorite', 'centrale', 'sucrerie', 'laiterie', 'incinerateur', 'eolien', 'terminal-conteneurs'];
for (const [provider, label, unit, rate] of serviceProviders) {
  for (const client of clients) {
    if (rand() < 0.45) {
      const q = Math.round((unit === 'FTE' ? 5 + rand() * 60 : unit === 'h/yr' ? 2000 + rand() * 40_000 : 20 + rand() * 600) * 1) / 1;
      flow(provider, client, 'service', { label, q, unit, eur: Math.round(q * rate), down: Math.round(rand() * 15) / 100, up: Math.round(rand() * 4) / 100 });
    }
  }
}
flow('chaudronnerie', 'chantier-naval', 'subcontracting', { label: 'Tôlerie navale', q: 8000, unit: 'h/yr', eur: 600_000, up: 0.1, down: 0.08 });
flow('usinage', 'maintenance', 'subcontracting', { label: 'Pièces de rechange usinées', q: 3000, unit: 'unit/yr', eur: 700_000, up: 0.1, down: 0.15 });
flow('fonderie', 'raffinerie', 'supply', { label: 'Pièces de robinetterie', code: 'cpa:24.51', q: 800, unit: 't/yr', eur: 3_000_000, down: 0.15 });
flow('universite', 'acierie', 'knowledge', { label: 'Thèse CIFRE : captage du CO2', q: 220, unit: 'day/yr', eur: 120_000, down: 0.05 });
flow('universite', 'engrais', 'knowledge', { label: 'Recherche : ammoniac bas carbone', q: 150, unit: 'day/yr', eur: 90_000, down: 0.04 });
flow('universite', 'methanisation', 'knowledge', { label: 'Suivi de digesteur', q: 40, unit: 'day/yr', eur: 20_000, down: 0.01 });
flow('formation', 'raffinerie', 'knowledge', { label: 'Formation sécurité', q: 600, unit: 'day/yr', eur: 300_000, down: 0.2 });
flow('formation', 'petrochimie', 'knowledge', { label: 'Formation conduite de procédés', q: 300, unit: 'day/yr', eur: 150_000, down: 0.1 });
flow('cfa', 'port-autorite', 'knowledge', { label: 'Apprentis portuaires', q: 40, unit: 'FTE', eur: 400_000, down: 0.25 });
flow('cfa', 'manutention', 'knowledge', { label: 'Apprentis grutiers', q: 25, unit: 'FTE', eur: 250_000, down: 0.15 });
flow('bureau-etudes', 'reseau-chaleur', 'knowledge', { label: 'Étude d’extension du réseau', q: 60, unit: 'day/yr', eur: 48_000, down: 0.1 });
flow('laboratoire', 'step', 'service', { label: 'Autosurveillance', q: 1500, unit: 'unit/yr', eur: 60_000, down: 0.08 });
// Pooling (mutualisation)
flow('port-autorite', 'engrais', 'pooling', { label: 'Poste de secours mutualisé', q: 1, unit: 'unit', eur: 120_000 });
flow('port-autorite', 'petrochimie', 'pooling', { label: 'Poste de secours mutualisé', q: 1, unit: 'unit', eur: 120_000 });
flow('raffinerie', 'petrochimie', 'pooling', { label: 'Centre d’intervention incendie commun', q: 1, unit: 'unit', eur: 900_000 });
flow('entrepot', 'emballages', 'pooling', { label: 'Entrepôt partagé', q: 4000, unit: 'm2', eur: 160_000 });
flow('restauration', 'transports-leroux', 'pooling', { label: 'Restaurant inter-entreprises', q: 3, unit: 'FTE', eur: 90_000, conf: 'public' });
flow('insertion', 'ressourcerie', 'pooling', { label: 'Encadrants techniques partagés', q: 2, unit: 'FTE', eur: 70_000 });

// ---- Resources: declared offers and needs
const resources: Resource[] = [];
let r = 0;
function res(establishment: string, direction: 'offer' | 'need', kind: FlowKind, label: string, item: { code?: string; family?: Family }, q?: number, unit?: Unit, availability = 'continuous', conf: Resource['confidentiality'] = 'public') {
  r++;
  if (item.code?.startsWith('ewc:')) item = { ...item, family: (getEwcEntry(item.code.slice(4))?.family as Family | null) ?? item.family };
  resources.push({
    id: `r${String(r).padStart(3, '0')}`,
    establishment,
    direction,
    kind,
    item: { label, ...item },
    ...(q !== undefined && unit ? { quantity: { value: q, unit } } : {}),
    availability,
    confidentiality: conf,
    source: 'atelier-2025',
  });
}
res('acierie', 'offer', 'energy', 'Chaleur fatale 90 °C (eaux de refroidissement)', { family: 'heat' }, 120_000, 'MWh/yr');
res('acierie', 'offer', 'byproduct', 'Laitier d’aciérie (excédent)', { code: 'ewc:100202', family: 'mineral-waste' }, 60_000, 't/yr');
res('acierie', 'offer', 'byproduct', 'Poussières de haut fourneau', { code: 'ewc:100208' }, 8000, 't/yr', 'continuous', 'partners');
res('acierie', 'offer', 'byproduct', 'CO2 de hauts fourneaux', { family: 'co2' }, 3_000_000, 't/yr');
res('raffinerie', 'offer', 'byproduct', 'Soufre liquide', { code: 'ewc:050116', family: 'chemicals' }, 90_000, 't/yr');
res('raffinerie', 'offer', 'energy', 'Vapeur basse pression excédentaire', { family: 'steam' }, 20, 't/h');
res('raffinerie', 'offer', 'byproduct', 'CO2 concentré', { family: 'co2' }, 400_000, 't/yr', 'continuous', 'partners');
res('centrale', 'offer', 'byproduct', 'Cendres volantes (excédent)', { code: 'ewc:100102', family: 'combustion-residues' }, 4000, 't/yr');
res('incinerateur', 'offer', 'energy', 'Chaleur non valorisée l’été', { family: 'heat' }, 40_000, 'MWh/yr', 'seasonal');
res('incinerateur', 'offer', 'byproduct', 'Ferreux extraits des mâchefers', { code: 'ewc:190102', family: 'ferrous-metals' }, 3500, 't/yr');
res('papeterie', 'offer', 'byproduct', 'Cendres de chaudière biomasse', { code: 'ewc:100101', family: 'combustion-residues' }, 5000, 't/yr');
res('papeterie', 'offer', 'byproduct', 'Boues fibreuses', { code: 'ewc:030311', family: 'effluent-sludges' }, 12_000, 't/yr');
res('sucrerie', 'offer', 'byproduct', 'Terres de lavage des betteraves', { code: 'ewc:020401', family: 'vegetal-waste' }, 80_000, 't/yr', 'seasonal');
res('sucrerie', 'offer', 'byproduct', 'CO2 de fermentation', { family: 'co2' }, 15_000, 't/yr', 'seasonal');
res('laiterie', 'offer', 'water', 'Eaux de condensation du lait', { family: 'process-water' }, 120_000, 'm3/yr');
res('brasserie', 'offer', 'byproduct', 'Levures usagées', { code: 'ewc:020799', family: 'vegetal-waste' }, 150, 't/yr');
res('terminal-conteneurs', 'offer', 'byproduct', 'Palettes bois usagées', { code: 'ewc:150103', family: 'wood' }, 900, 't/yr');
res('verrerie', 'offer', 'energy', 'Chaleur des fumées du four', { family: 'heat' }, 35_000, 'MWh/yr');
res('petrochimie', 'offer', 'byproduct', 'Rebuts de polyéthylène', { code: 'ewc:070213', family: 'plastics' }, 1200, 't/yr');
res('eolien', 'offer', 'byproduct', 'Chutes de composite verre-résine', { code: 'ewc:070213', family: 'plastics' }, 800, 't/yr');
res('chantier-naval', 'offer', 'byproduct', 'Chutes d’acier', { code: 'ewc:120101', family: 'ferrous-metals' }, 600, 't/yr');
res('ancienne-raffinerie', 'offer', 'pooling', 'Terrain et cuves disponibles', {}, 120_000, 'm2', 'from 2026');
res('cimenterie', 'need', 'byproduct', 'Matières de substitution au clinker', { code: 'ewc:100202', family: 'mineral-waste' }, 100_000, 't/yr');
res('cimenterie', 'need', 'energy', 'Combustibles solides de récupération', { code: 'ewc:191210' }, 50_000, 't/yr');
res('cimenterie', 'need', 'byproduct', 'Cendres pour ciments composés', { code: 'ewc:100102', family: 'combustion-residues' }, 15_000, 't/yr');
res('serres', 'need', 'energy', 'Chaleur basse température', { family: 'heat' }, 30_000, 'MWh/yr', 'seasonal');
res('serres', 'need', 'byproduct', 'CO2 pour enrichissement des serres', { family: 'co2' }, 3000, 't/yr', 'seasonal');
res('conserverie', 'need', 'byproduct', 'CO2 alimentaire', { family: 'co2' }, 1500, 't/yr');
res('reseau-chaleur', 'need', 'energy', 'Chaleur de récupération supplémentaire', { family: 'heat' }, 80_000, 'MWh/yr');
res('engrais', 'need', 'byproduct', 'Soufre pour acide sulfurique', { code: 'ewc:050116', family: 'chemicals' }, 40_000, 't/yr');
res('tuiles', 'need', 'byproduct', 'Fines minérales et cendres', { code: 'ewc:100101', family: 'combustion-residues' }, 3000, 't/yr');
res('palettes', 'need', 'byproduct', 'Palettes à reconditionner', { code: 'ewc:150103', family: 'wood' }, 2000, 't/yr');
res('recyclage-metaux', 'need', 'byproduct', 'Ferrailles', { code: 'ewc:191202', family: 'ferrous-metals' }, 30_000, 't/yr');
res('recyclage-plastiques', 'need', 'byproduct', 'Plastiques industriels propres', { code: 'ewc:070213', family: 'plastics' }, 4000, 't/yr');
res('methanisation', 'need', 'byproduct', 'Biodéchets agro-alimentaires', { code: 'ewc:020304', family: 'animal-food-waste' }, 10_000, 't/yr');
res('granulats', 'need', 'byproduct', 'Déchets minéraux inertes', { code: 'ewc:170107', family: 'construction-demolition' }, 50_000, 't/yr');
res('hydrogene', 'need', 'water', 'Eau déminéralisée', { family: 'process-water' }, 300_000, 'm3/yr', 'from 2027');
res('hydrogene', 'need', 'energy', 'Électricité bas carbone', { family: 'electricity' }, 700_000, 'MWh/yr', 'from 2027', 'partners');
res('acierie', 'need', 'energy', 'Hydrogène pour réduction directe', { family: 'hydrogen' }, 50_000, 't/yr', 'from 2030', 'confidential');
res('papeterie', 'need', 'water', 'Eau de process recyclée', { family: 'process-water' }, 500_000, 'm3/yr');
res('laiterie', 'need', 'energy', 'Vapeur basse pression', { family: 'steam' }, 8, 't/h');
res('peintures', 'need', 'pooling', 'Achats groupés de solvants', {}, undefined, undefined, 'continuous');
res('detergents', 'need', 'pooling', 'Achats groupés de solvants', {}, undefined, undefined, 'continuous');
res('usinage', 'need', 'pooling', 'Formation sécurité mutualisée', {}, 20, 'day/yr', 'occasional');
res('chaudronnerie', 'need', 'pooling', 'Formation sécurité mutualisée', {}, 30, 'day/yr', 'occasional');
res('fonderie', 'need', 'pooling', 'Formation sécurité mutualisée', {}, 25, 'day/yr', 'occasional');
res('brasserie', 'need', 'pooling', 'Transport mutualisé vers Paris', {}, 150, 'trip/yr');
res('conserverie', 'need', 'pooling', 'Transport mutualisé vers Paris', {}, 300, 'trip/yr');
res('laiterie', 'need', 'pooling', 'Transport mutualisé vers Paris', {}, 800, 'trip/yr');
res('scierie', 'need', 'pooling', 'Maintenance mutualisée des chariots', {}, 2, 'unit');
res('palettes', 'need', 'pooling', 'Maintenance mutualisée des chariots', {}, 3, 'unit');

// Interviews overestimate: scale each establishment's upstream shares so that they add up to at most 0.95.
const upstreamSum = new Map<string, number>();
for (const fl of flows) if ((fl.status ?? 'active') === 'active' && fl.dependency?.upstream) upstreamSum.set(fl.to, (upstreamSum.get(fl.to) ?? 0) + fl.dependency.upstream);
for (const fl of flows) {
  const sum = upstreamSum.get(fl.to) ?? 0;
  if (sum > 0.95 && fl.dependency?.upstream) fl.dependency.upstream = Math.floor((fl.dependency.upstream * 0.95 * 100) / sum) / 100;
}

const doc: Doc = {
  $schema: 'https://toile.dev/schema/1/toile.schema.json',
  toile: '1.0',
  territory: {
    id: 'estuaire-vire-marine',
    name: 'Estuaire de la Vire-Marine (territoire fictif)',
    description: 'Territoire industrialo-portuaire FICTIF, inventé pour les exemples et les tests de Toile. Toute ressemblance avec un lieu réel est fortuite.',
    country: 'FR',
    communes: Object.values(COMMUNES).map((c) => c.insee),
    center: { lat: 49.47, lon: 0.23 },
    outline: {
      type: 'Polygon',
      coordinates: [
        [
          [0.08, 49.4],
          [0.38, 49.39],
          [0.4, 49.52],
          [0.22, 49.56],
          [0.07, 49.53],
          [0.08, 49.4],
        ],
      ],
    },
  },
  meta: {
    title: 'Toile industrielle de l’Estuaire de la Vire-Marine (données fictives)',
    description: 'Jeu de données d’exemple : établissements, flux et ressources entièrement inventés. Ne décrit aucune entreprise réelle.',
    publisher: 'Agence d’urbanisme fictive de la Vire-Marine',
    license: 'etalab-2.0',
    created: '2025-03-01',
    updated: '2026-11-01',
    language: 'fr',
    fictional: true,
    sources: [
      { id: 'itw-2025', label: 'Entretiens en entreprise 2025', date: '2025-06', method: 'interview', publisher: 'CCI fictive de l’Estuaire' },
      { id: 'atelier-2025', label: 'Atelier d’écologie industrielle du 14 octobre 2025', date: '2025-10-14', method: 'workshop' },
      { id: 'enquete-2024', label: 'Enquête flux et dépendances 2024', date: '2024-11', method: 'survey' },
      { id: 'open-2025', label: 'Données ouvertes (registres, bilans publiés)', date: '2025-01', method: 'open-data' },
    ],
  },
  establishments: e,
  flows,
  resources,
};

const out = fileURLToPath(new URL('port-estuaire.toile.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${out}: ${e.length} establishments (${e.filter((x) => x.external).length} external), ${flows.length} flows, ${resources.length} resources`);
