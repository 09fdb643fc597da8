/**
 * Builds examples/data/port-estuaire.toile.json: a FICTIONAL industrial-port territory, the "Estuaire
 * de la Vire-Marine" (no such place: every company, commune, SIRET and figure is invented), for demos,
 * docs and tests. The lists below are curated by hand; a seeded PRNG only fills minor details
 * (street numbers, SIRETs, service volumes), so the output is the same on every run.
 *
 * Run: `npx tsx examples/data/build-port-estuaire.ts` (writes the JSON next to this script).
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

/** Seeded PRNG (mulberry32): Math.random cannot be seeded, and the file must not change between runs. */
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

// Invented communes of the estuary; INSEE-like codes in a range no real commune uses.
const COMMUNES = {
  port: { city: 'Port-Vire', postcode: '76990', insee: '76991', lat: 49.452, lon: 0.182 },
  darse: { city: 'La Darse-sur-Vire', postcode: '76991', insee: '76992', lat: 49.468, lon: 0.245 },
  marais: { city: 'Les Marais-de-Vire', postcode: '76992', insee: '76993', lat: 49.49, lon: 0.31 },
  plateau: { city: 'Hautvire-le-Plateau', postcode: '76993', insee: '76994', lat: 49.515, lon: 0.145 },
  rive: { city: 'Rive-Sud-sur-Vire', postcode: '76994', insee: '76995', lat: 49.421, lon: 0.29 },
  bois: { city: 'Quillebois-sur-Vire', postcode: '76995', insee: '76996', lat: 49.535, lon: 0.235 },
} as const;
type Commune = keyof typeof COMMUNES;
const STREETS: Record<Commune, readonly string[]> = {
  port: ['quai des Docks', 'quai de l’Estuaire', 'boulevard de la Marine', 'rue des Forges', 'route du Môle'],
  darse: ['route de la Darse', 'chemin des Raffineurs', 'rue des Appontements', 'avenue de la Chimie'],
  marais: ['chemin du Marais', 'route des Roselières', 'rue du Vieux Canal'],
  plateau: ['rue de l’Industrie', 'avenue du Plateau', 'rue des Tisserands', 'boulevard de l’Université'],
  rive: ['route de la Rive Sud', 'chemin du Bac', 'rue des Carriers'],
  bois: ['route de Quillebois', 'rue des Scieurs', 'allée des Chênes'],
};

const e: Establishment[] = [];
/** Adds an internal establishment. */
function add(id: string, name: string, naf: string, employees: number, where: Commune, sectors: string[], extra: Partial<Establishment> = {}) {
  const c = COMMUNES[where];
  e.push({
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
function ext(id: string, name: string, naf: string, city: string, lat: number, lon: number, country = 'FR', sectors = ['partenaire extérieur']) {
  e.push({
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

// ---- Hubs of the port
add('raffinerie', 'Raffinerie de la Vire-Marine', '19.20Z', 1100, 'darse', ['énergie', 'chimie'], { website: 'https://raffinerie-vire-marine.example', description: 'Raffinage de pétrole brut, 8 Mt/an (fictif). Premier employeur de la Darse.' });
add('acierie', 'Aciérie de l’Estuaire', '24.10Z', 1450, 'port', ['métallurgie'], { website: 'https://acierie-du-port.example', description: 'Site sidérurgique intégré : haut fourneau, aciérie à oxygène, laminoir à chaud.' });
add('petrochimie', 'Vire Polymères', '20.16Z', 620, 'darse', ['chimie', 'plasturgie'], { website: 'https://vire-polymeres.example' });
add('engrais', 'Engrais de la Côte d’Albâtre-Vire', '20.15Z', 310, 'marais', ['chimie', 'agriculture']);
add('cimenterie', 'Ciments de la Vire-Marine', '23.51Z', 180, 'rive', ['matériaux', 'BTP'], { website: 'https://ciments-vire.example' });
add('port-autorite', 'Grand Port de la Vire-Marine', '52.22Z', 950, 'port', ['logistique portuaire'], { website: 'https://port-vire-marine.example', description: 'Autorité portuaire : accès nautiques, dragage, domaine industriel.' });
add('papeterie', 'Papeterie des Marais', '17.12Z', 420, 'marais', ['bois-papier']);
add('incinerateur', 'Valoris Énergie — unité de valorisation énergétique', '38.21Z', 85, 'rive', ['déchets', 'énergie'], { description: 'Incinère les ordures ménagères de l’estuaire et alimente le réseau de chaleur.' });
add('reseau-chaleur', 'Réseau de chaleur de Port-Vire', '35.30Z', 24, 'port', ['énergie'], { website: 'https://chaleur-port-vire.example' });
add('eau-vire', 'Eaux de la Vire-Marine (régie)', '36.00Z', 140, 'plateau', ['eau'], { description: 'Régie publique : production d’eau potable et d’eau industrielle.' });
add('step', 'Station d’épuration de l’Estuaire', '37.00Z', 38, 'rive', ['eau']);
add('centrale', 'Centrale à cycle combiné de la Darse', '35.11Z', 60, 'darse', ['énergie']);
add('gaz-indus', 'Air & Gaz de l’Estuaire', '20.11Z', 70, 'darse', ['chimie']);
add('hydrogene', 'H2 Vire-Marine (projet)', '20.11Z', 0, 'darse', ['énergie', 'hydrogène'], { status: 'planned', description: 'Électrolyseur de 100 MW en projet, mise en service visée en 2028.' });
// ---- Food and agriculture
add('sucrerie', 'Sucrerie du Plateau', '10.81Z', 260, 'plateau', ['agroalimentaire']);
add('laiterie', 'Laiterie Coopérative du Plateau', '10.51A', 340, 'plateau', ['agroalimentaire'], { ess: true });
add('huilerie', 'Huilerie de l’Estuaire', '10.41A', 120, 'port', ['agroalimentaire']);
add('brasserie', 'Brasserie des Docks', '11.05Z', 35, 'port', ['agroalimentaire'], { website: 'https://brasserie-des-docks.example' });
add('methanisation', 'Biogaz du Marais', '35.21Z', 12, 'marais', ['énergie', 'agriculture']);
add('serres', 'Serres de la Rive', '01.13Z', 45, 'rive', ['agriculture']);
add('cooperative', 'Coopérative Agricole Plateau-Estuaire', '46.21Z', 90, 'plateau', ['agriculture'], { ess: true });
add('minoterie', 'Minoterie du Môle', '10.61A', 55, 'port', ['agroalimentaire']);
add('aliments-betail', 'Aliments du Bétail de l’Estuaire', '10.91Z', 40, 'bois', ['agroalimentaire', 'agriculture']);
add('biscuiterie', 'Biscuiterie de la Darse', '10.72Z', 150, 'darse', ['agroalimentaire']);
add('mareyage', 'Marée de l’Estuaire', '10.20Z', 65, 'port', ['agroalimentaire', 'maritime']);
add('conserverie', 'Conserverie de la Côte', '10.20Z', 110, 'rive', ['agroalimentaire']);
add('silo', 'Silos Portuaires Céréaliers', '52.10B', 28, 'port', ['logistique portuaire', 'agriculture']);
// ---- Waste and recycling
add('recyclage-metaux', 'Ferrailles & Métaux Vire', '38.32Z', 75, 'port', ['déchets', 'métallurgie']);
add('recyclage-plastiques', 'RePlast Estuaire', '38.32Z', 48, 'rive', ['déchets', 'plasturgie']);
add('dechets-dangereux', 'Trévire — traitement des déchets dangereux', '38.22Z', 66, 'darse', ['déchets', 'chimie']);
add('collecte', 'Collecte Propre Estuaire', '38.11Z', 210, 'plateau', ['déchets']);
add('ressourcerie', 'Ressourcerie Les Mains Vertes', '38.32Z', 28, 'plateau', ['déchets', 'réemploi'], { ess: true, website: 'https://mains-vertes.example' });
add('palettes', 'Palettes Réemploi Solidaires', '16.24Z', 22, 'marais', ['bois-papier', 'réemploi'], { ess: true });
add('granulats', 'Granulats de la Rive', '08.12Z', 40, 'rive', ['matériaux', 'BTP']);
add('compostage', 'Compost des Marais', '38.21Z', 14, 'marais', ['déchets', 'agriculture']);
add('dragage', 'Dragages de la Vire-Marine', '42.91Z', 60, 'port', ['logistique portuaire', 'BTP']);
// ---- Logistics
add('terminal-conteneurs', 'Terminal Conteneurs Vire', '52.24A', 380, 'port', ['logistique portuaire']);
add('transports-leroux', 'Transports Leroux', '49.41A', 160, 'plateau', ['logistique']);
add('manutention', 'Manutention Portuaire Réunie', '52.24A', 240, 'port', ['logistique portuaire']);
add('entrepot', 'Entrepôts de la Darse', '52.10B', 95, 'darse', ['logistique']);
add('ferroviaire', 'Fret Rail Estuaire', '49.20Z', 55, 'port', ['logistique']);
add('remorquage', 'Remorquage de la Vire', '50.20Z', 48, 'port', ['logistique portuaire']);
add('vrac', 'Vrac Solides Services', '52.24A', 70, 'darse', ['logistique portuaire']);
add('transit', 'Transitaire Vire Maritime', '52.29A', 45, 'port', ['logistique portuaire']);
// ---- Materials and manufacturing
add('beton', 'Béton Prêt Estuaire', '23.63Z', 30, 'rive', ['matériaux', 'BTP']);
add('enrobes', 'Enrobés de la Rive Sud', '23.99Z', 25, 'rive', ['matériaux', 'BTP']);
add('tuiles', 'Briqueterie du Marais', '23.32Z', 58, 'marais', ['matériaux', 'BTP']);
add('laminage', 'Profilés de la Darse', '24.33Z', 110, 'darse', ['métallurgie']);
add('fonderie', 'Fonderie de Précision du Plateau', '24.51Z', 140, 'plateau', ['métallurgie']);
add('chaudronnerie', 'Chaudronnerie Marais-Industrie', '25.29Z', 65, 'marais', ['métallurgie', 'maintenance']);
add('usinage', 'Usinage Mécanique du Plateau', '25.62B', 48, 'plateau', ['métallurgie']);
add('emballages', 'Emballages Carton du Plateau', '17.21A', 130, 'plateau', ['bois-papier']);
add('plasturgie', 'Injection Plastique Estuaire', '22.29A', 95, 'rive', ['plasturgie']);
add('peintures', 'Peintures & Vernis de la Vire', '20.30Z', 72, 'darse', ['chimie']);
add('detergents', 'Détergents Océane', '20.41Z', 55, 'darse', ['chimie']);
add('verrerie', 'Verrerie de la Côte', '23.13Z', 160, 'marais', ['matériaux']);
add('scierie', 'Scierie de Quillebois', '16.10A', 25, 'bois', ['bois-papier']);
add('cables', 'Câbles Marins de la Vire', '27.32Z', 210, 'port', ['électrotechnique', 'énergie']);
add('eolien', 'Pales Éoliennes de l’Estuaire', '28.11Z', 380, 'port', ['énergie', 'composites'], { website: 'https://pales-estuaire.example' });
add('peinture-navale', 'Revêtements Navals de la Vire', '20.30Z', 40, 'darse', ['chimie', 'maritime']);
add('cartonnerie', 'Cartonnerie Solidaire du Marais', '17.21B', 26, 'marais', ['bois-papier'], { ess: true });
// ---- Maintenance, engineering, services
add('maintenance', 'Maintenance Industrielle Vire', '33.12Z', 180, 'darse', ['maintenance']);
add('tuyauterie', 'Tuyauterie & Montage de la Darse', '33.20A', 85, 'darse', ['maintenance', 'métallurgie']);
add('echafaudages', 'Échafaudages de l’Ouest-Estuaire', '43.99B', 90, 'rive', ['maintenance', 'BTP']);
add('electricite', 'Électricité Industrielle Estuaire', '43.21A', 120, 'plateau', ['maintenance', 'énergie']);
add('ingenierie', 'Ingénierie Process Vire', '71.12B', 75, 'port', ['ingénierie'], { website: 'https://ingenierie-process-vire.example' });
add('controle', 'Contrôles & Essais Estuaire', '71.20B', 40, 'darse', ['ingénierie']);
add('nettoyage', 'Nettoyage Industriel Océane', '81.22Z', 150, 'rive', ['services']);
add('securite', 'Sécurité Sites Portuaires', '80.10Z', 110, 'port', ['services']);
add('interim', 'Intérim Estuaire Emploi', '78.20Z', 30, 'plateau', ['services', 'emploi']);
add('geiq', 'Groupement d’employeurs Estuaire Compétences', '78.30Z', 18, 'plateau', ['emploi', 'maintenance'], { ess: true, description: 'Salariés à temps partagé entre PME (électriciens, soudeurs, préventeurs).' });
add('insertion', 'Chantier d’insertion Vire Solidaire', '88.99B', 35, 'marais', ['emploi', 'réemploi'], { ess: true });
add('restauration', 'Restauration Collective des Docks', '56.29A', 85, 'port', ['services'], { ess: true });
add('formation', 'Centre de Formation Industrielle de la Vire-Marine', '85.32Z', 45, 'plateau', ['formation']);
add('universite', 'Laboratoire Procédés & Environnement (Université de la Vire-Marine)', '72.19Z', 60, 'plateau', ['recherche', 'formation'], { website: 'https://lpe.univ-vire-marine.example' });
add('cfa', 'CFA des Métiers Portuaires', '85.31Z', 30, 'port', ['formation']);
add('laboratoire', 'Analyses Environnement Estuaire', '71.20B', 22, 'rive', ['ingénierie', 'eau']);
add('informatique', 'Numérique Industriel de la Vire', '62.02A', 40, 'plateau', ['numérique']);
add('bureau-etudes', 'Bureau d’études Énergie Vire', '71.12B', 18, 'marais', ['ingénierie', 'énergie']);
add('location-engins', 'Location d’Engins de l’Estuaire', '77.32Z', 35, 'rive', ['maintenance', 'BTP']);
add('gardiennage', 'Surveillance Portuaire Océane', '80.10Z', 60, 'port', ['services']);
add('chantier-naval', 'Chantier Naval de la Darse', '33.15Z', 130, 'darse', ['maintenance', 'maritime']);
add('avitaillement', 'Avitaillement des Navires Vire', '46.71Z', 20, 'port', ['maritime', 'énergie']);
add('club-eit', 'Club d’écologie industrielle de l’Estuaire', '94.11Z', 3, 'port', ['écologie industrielle'], { ess: true, website: 'https://club-eit-estuaire.example', description: 'Association des entreprises de la zone : anime les ateliers de synergies et les achats groupés.' });
// ---- Closed or planned sites
add('ancienne-raffinerie', 'Dépôt pétrolier de la Rive (fermé)', '52.10A', 0, 'rive', ['énergie'], { status: 'closed', description: 'Dépôt fermé en 2024 ; le terrain est à reconvertir.' });
add('teillage', 'Teillage de lin de Quillebois (fermé)', '13.10Z', 0, 'bois', ['textile', 'agriculture'], { status: 'closed', description: 'Usine de teillage fermée en 2023.' });
add('batterie', 'Recyclage Batteries Estuaire (projet)', '38.32Z', 0, 'darse', ['déchets', 'électromobilité'], { status: 'planned' });
// ---- External partners (suppliers, markets, ports elsewhere)
ext('mine-minerai', 'Ore Export Terminal Pilbara (fictif)', '07.10Z', 'Port Hedland', -20.31, 118.58, 'AU');
ext('charbon', 'Coking Coal Shipping Co. (fictif)', '05.10Z', 'Newcastle', -32.93, 151.78, 'AU');
ext('brut', 'North Sea Crude Trading (fictif)', '06.10Z', 'Aberdeen', 57.15, -2.09, 'GB');
ext('phosphates', 'Phosphates de l’Atlantique (fictif)', '08.91Z', 'Jorf Lasfar', 33.12, -8.63, 'MA');
ext('port-anvers', 'Feeder Lines Antwerpen (fictif)', '52.22Z', 'Antwerpen', 51.26, 4.4, 'BE');
ext('constructeur-auto', 'Carrosseries Automobiles de Seine (client, fictif)', '29.10Z', 'Poissy', 48.93, 2.05);
ext('btp-paris', 'Grands Travaux d’Île-de-France (client, fictif)', '42.11Z', 'Nanterre', 48.89, 2.2);
ext('chimie-lyon', 'Chimie du Couloir Rhodanien (client, fictif)', '20.14Z', 'Saint-Fons', 45.7, 4.85);
ext('papier-recycle', 'Négoce Papiers Recyclés du Nord (fictif)', '46.77Z', 'Lille', 50.63, 3.06);
ext('solvants', 'Solvants Régénérés de l’Est (fictif)', '38.32Z', 'Strasbourg', 48.57, 7.75);
ext('distribution', 'Centrale d’achat de la grande distribution (fictif)', '46.39B', 'Rungis', 48.75, 2.35);
ext('gaz-naturel', 'Transport de gaz de l’Ouest (fictif)', '35.22Z', 'Rouen', 49.44, 1.1);
ext('electricite-reseau', 'Réseau électrique régional (fictif)', '35.12Z', 'Caen', 49.18, -0.37);
ext('equipementier', 'Turbinen & Kompressoren Rhein (fictif)', '28.13Z', 'Mannheim', 49.49, 8.47, 'DE');
ext('engrais-export', 'Fertiliser Trading Europe (fictif)', '46.75Z', 'Rotterdam', 51.92, 4.48, 'NL');
ext('sucre-export', 'Zucker & Ethanol Handel (fictif)', '46.36Z', 'Hamburg', 53.55, 9.99, 'DE');

// ---- Flows
const SOURCES = ['itw-2025', 'atelier-2025', 'enquete-2024', 'open-2025'] as const;
type SourceId = (typeof SOURCES)[number];
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
  source?: SourceId;
  since?: string;
  validated?: boolean;
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
const flows: Flow[] = [];
function flow(from: string, to: string, kind: FlowKind, s: FlowSpec = {}) {
  const record: Flow = { id: `f${String(flows.length + 1).padStart(3, '0')}`, from, to, kind };
  const it = item(s.label, s.code, s.family);
  if (it) record.item = it;
  if (s.q !== undefined && s.unit) record.quantity = { value: s.q, unit: s.unit };
  if (s.eur !== undefined) record.valueEur = s.eur;
  if (s.up !== undefined || s.down !== undefined) record.dependency = { ...(s.up !== undefined ? { upstream: s.up } : {}), ...(s.down !== undefined ? { downstream: s.down } : {}) };
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

// Raw materials and energy from outside the territory
flow('mine-minerai', 'acierie', 'supply', { label: 'Minerai de fer', code: 'hs:2601', family: 'ferrous-metals', q: 4_200_000, unit: 't/yr', eur: 420_000_000, up: 0.4, down: 0.02, conf: 'confidential', source: 'itw-2025' });
flow('charbon', 'acierie', 'supply', { label: 'Charbon à coke', code: 'hs:2701', q: 1_600_000, unit: 't/yr', eur: 310_000_000, up: 0.25, down: 0.01, conf: 'confidential', source: 'itw-2025' });
flow('brut', 'raffinerie', 'supply', { label: 'Pétrole brut', code: 'hs:2709', q: 8_000_000, unit: 't/yr', eur: 4_100_000_000, up: 0.7, down: 0.05, conf: 'confidential', source: 'itw-2025' });
flow('phosphates', 'engrais', 'supply', { label: 'Roche phosphatée', code: 'hs:2510', q: 250_000, unit: 't/yr', eur: 40_000_000, up: 0.3, down: 0.01, conf: 'partners' });
flow('gaz-naturel', 'centrale', 'energy', { label: 'Gaz naturel', family: 'fuel-gas', q: 3_200_000, unit: 'MWh/yr', eur: 96_000_000, up: 0.6 });
flow('gaz-naturel', 'engrais', 'supply', { label: 'Gaz naturel (matière première de l’ammoniac)', family: 'fuel-gas', q: 2_100_000, unit: 'MWh/yr', eur: 63_000_000, up: 0.45, conf: 'confidential' });
flow('gaz-naturel', 'papeterie', 'energy', { label: 'Gaz naturel', family: 'fuel-gas', q: 180_000, unit: 'MWh/yr', eur: 7_200_000, up: 0.15 });
flow('gaz-naturel', 'verrerie', 'energy', { label: 'Gaz naturel pour le four', family: 'fuel-gas', q: 220_000, unit: 'MWh/yr', eur: 8_800_000, up: 0.4 });
flow('gaz-naturel', 'tuiles', 'energy', { label: 'Gaz naturel pour la cuisson', family: 'fuel-gas', q: 60_000, unit: 'MWh/yr', eur: 2_400_000, up: 0.35 });
flow('gaz-naturel', 'sucrerie', 'energy', { label: 'Gaz naturel', family: 'fuel-gas', q: 240_000, unit: 'MWh/yr', eur: 9_600_000, up: 0.2 });
flow('electricite-reseau', 'acierie', 'energy', { label: 'Électricité', family: 'electricity', q: 1_200_000, unit: 'MWh/yr', eur: 84_000_000, up: 0.1, conf: 'partners' });
flow('electricite-reseau', 'petrochimie', 'energy', { label: 'Électricité', family: 'electricity', q: 400_000, unit: 'MWh/yr', eur: 28_000_000, up: 0.08 });
flow('electricite-reseau', 'papeterie', 'energy', { label: 'Électricité', family: 'electricity', q: 250_000, unit: 'MWh/yr', eur: 17_500_000, up: 0.1 });
flow('electricite-reseau', 'eolien', 'energy', { label: 'Électricité', family: 'electricity', q: 35_000, unit: 'MWh/yr', eur: 2_450_000, up: 0.05 });
flow('electricite-reseau', 'terminal-conteneurs', 'energy', { label: 'Électricité des portiques', family: 'electricity', q: 28_000, unit: 'MWh/yr', eur: 1_960_000, up: 0.1 });
flow('electricite-reseau', 'eau-vire', 'energy', { label: 'Électricité de pompage', family: 'electricity', q: 18_000, unit: 'MWh/yr', eur: 1_260_000, up: 0.3 });
flow('equipementier', 'centrale', 'service', { label: 'Maintenance des turbines', q: 6000, unit: 'h/yr', eur: 3_500_000, up: 0.05 });
flow('equipementier', 'gaz-indus', 'service', { label: 'Révision des compresseurs', q: 2500, unit: 'h/yr', eur: 1_400_000, up: 0.04 });
flow('port-anvers', 'terminal-conteneurs', 'logistics', { label: 'Feedering conteneurs', q: 120_000, unit: 'TEU/yr', eur: 18_000_000, up: 0.2 });
// Steel cluster: the mill feeds half the metalworking of the estuary
flow('acierie', 'laminage', 'supply', { label: 'Brames d’acier', code: 'cpa:24.10', family: 'ferrous-metals', q: 450_000, unit: 't/yr', eur: 270_000_000, up: 0.8, down: 0.12 });
flow('acierie', 'constructeur-auto', 'supply', { label: 'Tôles laminées à chaud', code: 'cpa:24.10', q: 900_000, unit: 't/yr', eur: 610_000_000, down: 0.35, conf: 'confidential' });
flow('acierie', 'fonderie', 'supply', { label: 'Fonte de moulage', code: 'cpa:24.10', q: 25_000, unit: 't/yr', eur: 12_000_000, up: 0.4, down: 0.01 });
flow('acierie', 'chaudronnerie', 'supply', { label: 'Tôles fortes', code: 'cpa:24.10', q: 4000, unit: 't/yr', eur: 3_200_000, up: 0.25, down: 0.003 });
flow('acierie', 'chantier-naval', 'supply', { label: 'Tôles navales', code: 'cpa:24.10', q: 6000, unit: 't/yr', eur: 5_000_000, up: 0.3, down: 0.005 });
flow('acierie', 'usinage', 'supply', { label: 'Barres et ronds', code: 'cpa:24.10', q: 1500, unit: 't/yr', eur: 1_500_000, up: 0.2, down: 0.001 });
flow('laminage', 'btp-paris', 'supply', { label: 'Profilés acier', code: 'cpa:24.33', q: 300_000, unit: 't/yr', eur: 240_000_000, down: 0.6 });
flow('laminage', 'chaudronnerie', 'supply', { label: 'Profilés et tôles', code: 'cpa:24.33', q: 6000, unit: 't/yr', eur: 5_000_000, up: 0.3, down: 0.02 });
flow('laminage', 'beton', 'supply', { label: 'Armatures pour béton', code: 'cpa:24.33', q: 3000, unit: 't/yr', eur: 2_400_000, up: 0.15, down: 0.01 });
flow('laminage', 'eolien', 'supply', { label: 'Viroles de mâts', code: 'cpa:24.33', q: 8000, unit: 't/yr', eur: 9_600_000, up: 0.2, down: 0.03 });
flow('fonderie', 'raffinerie', 'supply', { label: 'Pièces de robinetterie', code: 'cpa:24.51', q: 800, unit: 't/yr', eur: 3_000_000, down: 0.15 });
flow('gaz-indus', 'acierie', 'supply', { label: 'Oxygène', family: 'industrial-gases', q: 900_000, unit: 't/yr', eur: 45_000_000, up: 0.12, down: 0.5, conf: 'partners' });
flow('gaz-indus', 'petrochimie', 'supply', { label: 'Azote', family: 'industrial-gases', q: 80_000, unit: 't/yr', eur: 6_000_000, up: 0.1, down: 0.1 });
flow('gaz-indus', 'conserverie', 'supply', { label: 'CO2 alimentaire', family: 'co2', q: 2000, unit: 't/yr', eur: 400_000, up: 0.05, down: 0.01 });
flow('gaz-indus', 'brasserie', 'supply', { label: 'CO2 alimentaire', family: 'co2', q: 300, unit: 't/yr', eur: 60_000, up: 0.05, down: 0.002 });
flow('gaz-indus', 'chantier-naval', 'supply', { label: 'Gaz de soudage', family: 'industrial-gases', q: 400, unit: 't/yr', eur: 350_000, up: 0.05, down: 0.004 });
// Refinery and chemistry: the refinery is the other hub
flow('raffinerie', 'petrochimie', 'supply', { label: 'Naphta', code: 'cpa:19.20', q: 900_000, unit: 't/yr', eur: 520_000_000, up: 0.65, down: 0.15, conf: 'confidential' });
flow('raffinerie', 'avitaillement', 'supply', { label: 'Fioul de soute', code: 'cpa:19.20', q: 250_000, unit: 't/yr', eur: 130_000_000, up: 0.9, down: 0.04 });
flow('raffinerie', 'distribution', 'supply', { label: 'Carburants', code: 'cpa:19.20', q: 5_000_000, unit: 't/yr', eur: 3_900_000_000, down: 0.6, conf: 'confidential' });
flow('raffinerie', 'gaz-indus', 'supply', { label: 'Hydrogène de raffinage (excédent)', family: 'hydrogen', q: 4000, unit: 't/yr', eur: 8_000_000, up: 0.3, down: 0.002 });
flow('raffinerie', 'enrobes', 'supply', { label: 'Bitume routier', code: 'cpa:19.20', q: 35_000, unit: 't/yr', eur: 17_500_000, up: 0.6, down: 0.004 });
flow('raffinerie', 'cimenterie', 'supply', { label: 'Coke de pétrole', code: 'hs:2713', q: 60_000, unit: 't/yr', eur: 9_000_000, up: 0.25, down: 0.002 });
flow('raffinerie', 'peintures', 'supply', { label: 'Solvants pétroliers', code: 'cpa:19.20', q: 3000, unit: 't/yr', eur: 3_300_000, up: 0.2, down: 0.001 });
flow('raffinerie', 'detergents', 'supply', { label: 'Paraffines', code: 'cpa:19.20', q: 4000, unit: 't/yr', eur: 4_000_000, up: 0.15, down: 0.001 });
flow('raffinerie', 'centrale', 'energy', { label: 'Gaz de raffinerie', family: 'fuel-gas', q: 400_000, unit: 'MWh/yr', eur: 10_000_000, up: 0.2, down: 0.01 });
flow('petrochimie', 'plasturgie', 'supply', { label: 'Granulés de polyéthylène', code: 'cpa:20.16', family: 'plastics', q: 18_000, unit: 't/yr', eur: 25_000_000, up: 0.55, down: 0.03 });
flow('petrochimie', 'chimie-lyon', 'supply', { label: 'Polymères', code: 'cpa:20.16', q: 400_000, unit: 't/yr', eur: 560_000_000, down: 0.55, conf: 'confidential' });
flow('petrochimie', 'peintures', 'supply', { label: 'Résines et solvants', code: 'cpa:20.14', q: 5000, unit: 't/yr', eur: 9_000_000, up: 0.35, down: 0.01 });
flow('petrochimie', 'detergents', 'supply', { label: 'Tensioactifs de base', code: 'cpa:20.14', q: 7000, unit: 't/yr', eur: 11_000_000, up: 0.4, down: 0.015 });
flow('petrochimie', 'emballages', 'supply', { label: 'Colles et films', code: 'cpa:20.16', q: 800, unit: 't/yr', eur: 1_600_000, up: 0.08, down: 0.002 });
flow('petrochimie', 'eolien', 'supply', { label: 'Résines époxy', code: 'cpa:20.16', q: 6000, unit: 't/yr', eur: 24_000_000, up: 0.25, down: 0.02, conf: 'partners' });
flow('engrais', 'cooperative', 'supply', { label: 'Engrais azotés', code: 'cpa:20.15', q: 60_000, unit: 't/yr', eur: 24_000_000, up: 0.3, down: 0.15 });
flow('engrais', 'engrais-export', 'supply', { label: 'Ammonitrates', code: 'cpa:20.15', q: 300_000, unit: 't/yr', eur: 120_000_000, down: 0.65 });
flow('engrais', 'step', 'supply', { label: 'Réactifs de traitement (acide)', code: 'cpa:20.13', q: 600, unit: 't/yr', eur: 180_000, up: 0.1, down: 0.002 });
flow('detergents', 'nettoyage', 'supply', { label: 'Produits de nettoyage industriel', code: 'cpa:20.41', q: 400, unit: 't/yr', eur: 700_000, up: 0.15, down: 0.03 });
flow('detergents', 'distribution', 'supply', { label: 'Lessives', code: 'cpa:20.41', q: 30_000, unit: 't/yr', eur: 36_000_000, down: 0.6 });
flow('peintures', 'chantier-naval', 'supply', { label: 'Peintures marines', code: 'cpa:20.30', q: 300, unit: 't/yr', eur: 1_800_000, up: 0.1, down: 0.05 });
flow('peintures', 'peinture-navale', 'supply', { label: 'Peintures antisalissures', code: 'cpa:20.30', q: 250, unit: 't/yr', eur: 1_500_000, up: 0.35, down: 0.04 });
flow('peintures', 'btp-paris', 'supply', { label: 'Peintures pour ouvrages d’art', code: 'cpa:20.30', q: 2500, unit: 't/yr', eur: 9_000_000, down: 0.5 });
// Agri-food
flow('cooperative', 'sucrerie', 'supply', { label: 'Betteraves', code: 'cpa:01.13', q: 900_000, unit: 't/yr', eur: 27_000_000, up: 0.8, down: 0.4 });
flow('cooperative', 'huilerie', 'supply', { label: 'Graines de colza', code: 'cpa:01.11', q: 120_000, unit: 't/yr', eur: 55_000_000, up: 0.7, down: 0.2 });
flow('cooperative', 'laiterie', 'supply', { label: 'Lait collecté', code: 'cpa:01.41', q: 180_000, unit: 'm3/yr', eur: 70_000_000, up: 0.9, down: 0.3 });
flow('cooperative', 'silo', 'supply', { label: 'Blé tendre', code: 'cpa:01.11', q: 400_000, unit: 't/yr', eur: 80_000_000, up: 0.7, down: 0.05 });
flow('silo', 'minoterie', 'supply', { label: 'Blé meunier', code: 'cpa:01.11', q: 70_000, unit: 't/yr', eur: 15_000_000, up: 0.75, down: 0.2 });
flow('minoterie', 'biscuiterie', 'supply', { label: 'Farine', code: 'cpa:10.61', q: 12_000, unit: 't/yr', eur: 4_800_000, up: 0.3, down: 0.2 });
flow('sucrerie', 'biscuiterie', 'supply', { label: 'Sucre', code: 'cpa:10.81', q: 4000, unit: 't/yr', eur: 2_400_000, up: 0.15, down: 0.02 });
flow('laiterie', 'biscuiterie', 'supply', { label: 'Beurre', code: 'cpa:10.51', q: 1500, unit: 't/yr', eur: 7_500_000, up: 0.15, down: 0.04 });
flow('biscuiterie', 'distribution', 'supply', { label: 'Biscuits', code: 'cpa:10.72', q: 25_000, unit: 't/yr', eur: 75_000_000, down: 0.85 });
flow('sucrerie', 'sucre-export', 'supply', { label: 'Sucre blanc', code: 'cpa:10.81', q: 140_000, unit: 't/yr', eur: 80_000_000, down: 0.7 });
flow('sucrerie', 'brasserie', 'supply', { label: 'Sucre', code: 'cpa:10.81', q: 300, unit: 't/yr', eur: 200_000, up: 0.1 });
flow('laiterie', 'distribution', 'supply', { label: 'Produits laitiers', code: 'cpa:10.51', q: 150_000, unit: 't/yr', eur: 160_000_000, down: 0.75 });
flow('mareyage', 'conserverie', 'supply', { label: 'Poisson frais', code: 'cpa:10.20', q: 8000, unit: 't/yr', eur: 20_000_000, up: 0.6, down: 0.4 });
flow('conserverie', 'distribution', 'supply', { label: 'Conserves de poisson', code: 'cpa:10.20', q: 12_000, unit: 't/yr', eur: 45_000_000, down: 0.85 });
flow('aliments-betail', 'cooperative', 'supply', { label: 'Aliments pour bovins', code: 'cpa:10.91', q: 45_000, unit: 't/yr', eur: 13_500_000, up: 0.1, down: 0.8 });
flow('emballages', 'laiterie', 'supply', { label: 'Emballages carton', code: 'cpa:17.21', family: 'paper-cardboard', q: 4000, unit: 't/yr', eur: 6_000_000, up: 0.1, down: 0.25 });
flow('emballages', 'conserverie', 'supply', { label: 'Cartons', code: 'cpa:17.21', family: 'paper-cardboard', q: 1500, unit: 't/yr', eur: 2_200_000, up: 0.1, down: 0.1 });
flow('emballages', 'biscuiterie', 'supply', { label: 'Étuis carton', code: 'cpa:17.21', family: 'paper-cardboard', q: 2500, unit: 't/yr', eur: 3_500_000, up: 0.1, down: 0.15 });
flow('papeterie', 'emballages', 'supply', { label: 'Papier pour carton ondulé', code: 'cpa:17.12', family: 'paper-cardboard', q: 60_000, unit: 't/yr', eur: 36_000_000, up: 0.6, down: 0.3 });
flow('papeterie', 'cartonnerie', 'supply', { label: 'Papier kraft', code: 'cpa:17.12', family: 'paper-cardboard', q: 3000, unit: 't/yr', eur: 1_800_000, up: 0.5, down: 0.02 });
flow('verrerie', 'brasserie', 'supply', { label: 'Bouteilles', code: 'cpa:23.13', family: 'glass', q: 2000, unit: 't/yr', eur: 1_500_000, up: 0.15, down: 0.02 });
flow('verrerie', 'conserverie', 'supply', { label: 'Bocaux', code: 'cpa:23.13', family: 'glass', q: 3000, unit: 't/yr', eur: 2_100_000, up: 0.1, down: 0.03 });
flow('cables', 'eolien', 'supply', { label: 'Câbles d’export', code: 'cpa:27.32', q: 150, unit: 'unit/yr', eur: 30_000_000, up: 0.15, down: 0.3 });
flow('plasturgie', 'cables', 'supply', { label: 'Gaines isolantes', code: 'cpa:22.29', family: 'plastics', q: 900, unit: 't/yr', eur: 2_700_000, up: 0.1, down: 0.1 });
flow('scierie', 'palettes', 'supply', { label: 'Bois de palette', code: 'cpa:16.10', family: 'wood', q: 3000, unit: 't/yr', eur: 450_000, up: 0.3, down: 0.15 });
flow('palettes', 'terminal-conteneurs', 'supply', { label: 'Palettes reconditionnées', q: 40_000, unit: 'pallet/yr', eur: 320_000, up: 0.01, down: 0.45 });
flow('palettes', 'biscuiterie', 'supply', { label: 'Palettes reconditionnées', q: 15_000, unit: 'pallet/yr', eur: 120_000, up: 0.01, down: 0.2 });
flow('granulats', 'beton', 'supply', { label: 'Granulats recyclés', code: 'cpa:08.12', family: 'mineral-waste', q: 150_000, unit: 't/yr', eur: 2_250_000, up: 0.4, down: 0.3 });
flow('granulats', 'enrobes', 'supply', { label: 'Granulats routiers', code: 'cpa:08.12', family: 'mineral-waste', q: 100_000, unit: 't/yr', eur: 1_500_000, up: 0.25, down: 0.2 });
flow('cimenterie', 'beton', 'supply', { label: 'Ciment', code: 'cpa:23.51', q: 60_000, unit: 't/yr', eur: 6_000_000, up: 0.35, down: 0.08 });
flow('cimenterie', 'btp-paris', 'supply', { label: 'Ciment', code: 'cpa:23.51', q: 500_000, unit: 't/yr', eur: 50_000_000, down: 0.65 });
flow('beton', 'port-autorite', 'supply', { label: 'Béton pour travaux de quai', code: 'cpa:23.63', q: 20_000, unit: 'm3/yr', eur: 2_000_000, down: 0.25 });
flow('enrobes', 'port-autorite', 'supply', { label: 'Enrobés pour voiries portuaires', code: 'cpa:23.99', q: 15_000, unit: 't/yr', eur: 1_200_000, down: 0.2 });
// Subcontracting
flow('plasturgie', 'eolien', 'subcontracting', { label: 'Pièces injectées', q: 200_000, unit: 'unit/yr', eur: 4_000_000, up: 0.08, down: 0.2 });
flow('usinage', 'eolien', 'subcontracting', { label: 'Usinage de moyeux', q: 800, unit: 'unit/yr', eur: 6_000_000, up: 0.1, down: 0.4 });
flow('fonderie', 'eolien', 'subcontracting', { label: 'Pièces de fonderie', q: 1200, unit: 'unit/yr', eur: 9_000_000, up: 0.12, down: 0.35 });
flow('chaudronnerie', 'raffinerie', 'subcontracting', { label: 'Tuyauteries et réservoirs', q: 40_000, unit: 'h/yr', eur: 4_500_000, down: 0.4 });
flow('chaudronnerie', 'petrochimie', 'subcontracting', { label: 'Chaudronnerie d’arrêt technique', q: 25_000, unit: 'h/yr', eur: 2_800_000, down: 0.25 });
flow('chaudronnerie', 'chantier-naval', 'subcontracting', { label: 'Tôlerie navale', q: 8000, unit: 'h/yr', eur: 600_000, up: 0.1, down: 0.08 });
flow('tuyauterie', 'raffinerie', 'subcontracting', { label: 'Montage de tuyauteries en grand arrêt', q: 60_000, unit: 'h/yr', eur: 5_400_000, down: 0.55, conf: 'partners' });
flow('tuyauterie', 'engrais', 'subcontracting', { label: 'Remplacement de lignes vapeur', q: 12_000, unit: 'h/yr', eur: 1_100_000, down: 0.12 });
flow('tuyauterie', 'centrale', 'subcontracting', { label: 'Montage de tuyauteries', q: 6000, unit: 'h/yr', eur: 540_000, down: 0.06 });
flow('usinage', 'maintenance', 'subcontracting', { label: 'Pièces de rechange usinées', q: 3000, unit: 'unit/yr', eur: 700_000, up: 0.1, down: 0.15 });
flow('usinage', 'acierie', 'subcontracting', { label: 'Rectification de cylindres de laminoir', q: 400, unit: 'unit/yr', eur: 1_200_000, down: 0.2 });
flow('fonderie', 'acierie', 'subcontracting', { label: 'Lingotières et pièces d’usure', q: 900, unit: 't/yr', eur: 2_700_000, down: 0.2 });
flow('peinture-navale', 'chantier-naval', 'subcontracting', { label: 'Revêtement des coques', q: 12_000, unit: 'h/yr', eur: 900_000, up: 0.1, down: 0.5 });
flow('chantier-naval', 'port-autorite', 'subcontracting', { label: 'Carénage des dragues et vedettes', q: 15_000, unit: 'h/yr', eur: 1_800_000, down: 0.25 });
flow('chantier-naval', 'remorquage', 'subcontracting', { label: 'Entretien des remorqueurs', q: 9000, unit: 'h/yr', eur: 1_000_000, up: 0.2, down: 0.15 });
flow('insertion', 'cartonnerie', 'subcontracting', { label: 'Façonnage et conditionnement', q: 30_000, unit: 'unit/yr', eur: 90_000, up: 0.1, down: 0.3 });
flow('cartonnerie', 'brasserie', 'subcontracting', { label: 'Coffrets carton sur mesure', q: 40_000, unit: 'unit/yr', eur: 60_000, up: 0.02, down: 0.1 });
flow('ingenierie', 'hydrogene', 'subcontracting', { label: 'Ingénierie de base de l’électrolyseur', q: 2500, unit: 'day/yr', eur: 2_000_000, status: 'planned', conf: 'confidential', source: 'itw-2025' });
// By-products and wastes reused (industrial ecology)
flow('acierie', 'cimenterie', 'byproduct', { label: 'Laitier de haut fourneau granulé', code: 'ewc:100202', family: 'mineral-waste', q: 380_000, unit: 't/yr', eur: 7_600_000, up: 0.35, down: 0.01, since: '1998', source: 'itw-2025' });
flow('acierie', 'granulats', 'byproduct', { label: 'Scories d’aciérie', code: 'ewc:100202', family: 'mineral-waste', q: 220_000, unit: 't/yr', eur: 1_100_000, up: 0.4, down: 0.002 });
flow('acierie', 'recyclage-metaux', 'byproduct', { label: 'Battitures et chutes de laminage', code: 'ewc:100210', q: 45_000, unit: 't/yr', eur: 4_000_000, up: 0.25, down: 0.004 });
flow('acierie', 'dechets-dangereux', 'byproduct', { label: 'Poussières d’aciérie', code: 'ewc:100207', family: 'chemicals', q: 12_000, unit: 't/yr', eur: 1_800_000, up: 0.15, down: 0.001, conf: 'confidential' });
flow('acierie', 'enrobes', 'byproduct', { label: 'Scories d’aciérie pour enrobés', code: 'ewc:100202', family: 'mineral-waste', q: 20_000, unit: 't/yr', eur: 100_000, up: 0.05, status: 'potential' });
flow('recyclage-metaux', 'acierie', 'byproduct', { label: 'Ferrailles triées', code: 'ewc:191202', q: 160_000, unit: 't/yr', eur: 48_000_000, up: 0.08, down: 0.6 });
flow('laminage', 'recyclage-metaux', 'byproduct', { label: 'Chutes de profilés', code: 'ewc:120101', q: 9000, unit: 't/yr', eur: 2_200_000, up: 0.05, down: 0.01 });
flow('chaudronnerie', 'recyclage-metaux', 'byproduct', { label: 'Chutes de tôles', code: 'ewc:120101', q: 500, unit: 't/yr', eur: 120_000, up: 0.01, down: 0.01 });
flow('usinage', 'recyclage-metaux', 'byproduct', { label: 'Copeaux d’acier', code: 'ewc:120101', q: 300, unit: 't/yr', eur: 60_000, up: 0.01, down: 0.005 });
flow('fonderie', 'recyclage-metaux', 'byproduct', { label: 'Copeaux d’aluminium', code: 'ewc:120103', q: 200, unit: 't/yr', eur: 240_000, up: 0.01, down: 0.005 });
flow('fonderie', 'cimenterie', 'byproduct', { label: 'Sables de fonderie usagés', code: 'ewc:100908', family: 'mineral-waste', q: 6000, unit: 't/yr', eur: 30_000, up: 0.02, down: 0.01 });
flow('centrale', 'cimenterie', 'byproduct', { label: 'Cendres volantes', code: 'ewc:100102', family: 'combustion-residues', q: 12_000, unit: 't/yr', eur: 240_000, up: 0.05, status: 'ended', since: '2009' });
flow('incinerateur', 'granulats', 'byproduct', { label: 'Mâchefers d’incinération', code: 'ewc:190112', q: 40_000, unit: 't/yr', eur: 200_000, up: 0.15, down: 0.05 });
flow('incinerateur', 'recyclage-metaux', 'byproduct', { label: 'Ferreux extraits des mâchefers', code: 'ewc:190102', q: 3500, unit: 't/yr', eur: 350_000, up: 0.02, down: 0.01 });
flow('raffinerie', 'incinerateur', 'byproduct', { label: 'Boues de fond de bac', code: 'ewc:050103', q: 3000, unit: 't/yr', eur: 1_200_000, down: 0.04, conf: 'confidential' });
flow('raffinerie', 'dechets-dangereux', 'byproduct', { label: 'Catalyseurs usés', code: 'ewc:160802', q: 800, unit: 't/yr', eur: 900_000, down: 0.06, conf: 'confidential' });
flow('raffinerie', 'engrais', 'byproduct', { label: 'Soufre de désulfuration', code: 'ewc:050116', family: 'chemicals', q: 40_000, unit: 't/yr', eur: 2_400_000, up: 0.15, down: 0.01 });
flow('petrochimie', 'dechets-dangereux', 'byproduct', { label: 'Solvants usés', code: 'ewc:070104', q: 1500, unit: 't/yr', eur: 600_000, down: 0.08 });
flow('petrochimie', 'recyclage-plastiques', 'byproduct', { label: 'Rebuts de polyéthylène', code: 'ewc:070213', q: 900, unit: 't/yr', eur: 270_000, up: 0.1, down: 0.01 });
flow('peintures', 'dechets-dangereux', 'byproduct', { label: 'Eaux de lavage de cuves', code: 'ewc:070101', q: 1200, unit: 'm3/yr', eur: 360_000, down: 0.02 });
flow('dechets-dangereux', 'solvants', 'byproduct', { label: 'Solvants à régénérer', code: 'ewc:070104', q: 900, unit: 't/yr', eur: 150_000, down: 0.1 });
flow('dechets-dangereux', 'cimenterie', 'byproduct', { label: 'Combustibles liquides de substitution', code: 'ewc:190208', family: 'chemicals', q: 15_000, unit: 't/yr', eur: 750_000, up: 0.08, down: 0.3, conf: 'partners' });
flow('chantier-naval', 'dechets-dangereux', 'byproduct', { label: 'Huiles de vidange', code: 'ewc:130208', q: 120, unit: 't/yr', eur: 24_000, down: 0.02 });
flow('avitaillement', 'dechets-dangereux', 'byproduct', { label: 'Huiles usagées des navires', code: 'ewc:130208', q: 600, unit: 't/yr', eur: 60_000, down: 0.05 });
flow('maintenance', 'dechets-dangereux', 'byproduct', { label: 'Chiffons et absorbants souillés', code: 'ewc:150202', q: 80, unit: 't/yr', eur: 40_000, down: 0.01 });
flow('sucrerie', 'methanisation', 'byproduct', { label: 'Pulpes de betteraves surpressées', code: 'ewc:020499', family: 'vegetal-waste', q: 30_000, unit: 't/yr', eur: 300_000, up: 0.4, down: 0.003 });
flow('sucrerie', 'cooperative', 'byproduct', { label: 'Écumes de carbonatation', code: 'ewc:020402', family: 'mineral-waste', q: 25_000, unit: 't/yr', eur: 50_000, down: 0.002 });
flow('sucrerie', 'aliments-betail', 'byproduct', { label: 'Mélasse', code: 'ewc:020499', family: 'vegetal-waste', q: 18_000, unit: 't/yr', eur: 2_700_000, up: 0.25, down: 0.03 });
flow('laiterie', 'methanisation', 'byproduct', { label: 'Lactosérum déclassé', code: 'ewc:020501', q: 15_000, unit: 't/yr', eur: 150_000, up: 0.2 });
flow('brasserie', 'aliments-betail', 'byproduct', { label: 'Drêches de brasserie', code: 'ewc:020704', q: 800, unit: 't/yr', eur: 40_000, up: 0.05, down: 0.01 });
flow('huilerie', 'aliments-betail', 'byproduct', { label: 'Tourteaux de colza', code: 'cpa:10.41', family: 'vegetal-waste', q: 70_000, unit: 't/yr', eur: 21_000_000, up: 0.45, down: 0.25 });
flow('minoterie', 'aliments-betail', 'byproduct', { label: 'Sons de blé', code: 'cpa:10.61', family: 'vegetal-waste', q: 14_000, unit: 't/yr', eur: 2_100_000, up: 0.1, down: 0.06 });
flow('biscuiterie', 'aliments-betail', 'byproduct', { label: 'Biscuits déclassés', code: 'ewc:020601', q: 900, unit: 't/yr', eur: 90_000, up: 0.02, down: 0.001 });
flow('biscuiterie', 'methanisation', 'byproduct', { label: 'Boues de station interne', code: 'ewc:020603', q: 1200, unit: 't/yr', eur: 12_000, up: 0.03 });
flow('mareyage', 'methanisation', 'byproduct', { label: 'Déchets de poisson', code: 'ewc:020202', q: 1200, unit: 't/yr', eur: 12_000, up: 0.05 });
flow('conserverie', 'methanisation', 'byproduct', { label: 'Têtes et arêtes', code: 'ewc:020202', q: 2000, unit: 't/yr', eur: 20_000, up: 0.05, down: 0.001 });
flow('methanisation', 'cooperative', 'byproduct', { label: 'Digestat', code: 'ewc:190606', q: 40_000, unit: 't/yr', eur: 80_000, down: 0.05 });
flow('restauration', 'compostage', 'byproduct', { label: 'Biodéchets de restauration', code: 'ewc:200108', q: 150, unit: 't/yr', eur: 15_000, up: 0.05 });
flow('collecte', 'compostage', 'byproduct', { label: 'Déchets verts', code: 'ewc:200201', q: 9000, unit: 't/yr', eur: 270_000, up: 0.6, down: 0.03 });
flow('compostage', 'serres', 'byproduct', { label: 'Compost normé', code: 'cpa:20.15', family: 'vegetal-waste', q: 2000, unit: 't/yr', eur: 20_000, up: 0.05, down: 0.3 });
flow('papeterie', 'tuiles', 'byproduct', { label: 'Boues de désencrage', code: 'ewc:030305', family: 'effluent-sludges', q: 9000, unit: 't/yr', eur: 45_000, up: 0.1, down: 0.01 });
flow('papeterie', 'cimenterie', 'byproduct', { label: 'Refus de pulpage', code: 'ewc:030307', q: 8000, unit: 't/yr', eur: 40_000, up: 0.02, down: 0.005 });
flow('collecte', 'papeterie', 'byproduct', { label: 'Papiers-cartons de collecte', code: 'ewc:200101', q: 45_000, unit: 't/yr', eur: 4_500_000, up: 0.35, down: 0.2 });
flow('emballages', 'papeterie', 'byproduct', { label: 'Chutes de carton ondulé', code: 'ewc:150101', q: 5000, unit: 't/yr', eur: 500_000, up: 0.05, down: 0.01 });
flow('cartonnerie', 'papeterie', 'byproduct', { label: 'Rognures de carton', code: 'ewc:150101', q: 300, unit: 't/yr', eur: 30_000, up: 0.01, down: 0.02 });
flow('papier-recycle', 'papeterie', 'byproduct', { label: 'Vieux papiers triés', code: 'ewc:191201', family: 'paper-cardboard', q: 80_000, unit: 't/yr', eur: 8_000_000, up: 0.3 });
flow('collecte', 'incinerateur', 'byproduct', { label: 'Ordures ménagères résiduelles', code: 'ewc:200301', q: 160_000, unit: 't/yr', eur: 14_000_000, up: 0.85, down: 0.45 });
flow('collecte', 'recyclage-plastiques', 'byproduct', { label: 'Emballages plastiques', code: 'ewc:150102', q: 9000, unit: 't/yr', eur: 900_000, up: 0.4, down: 0.05 });
flow('collecte', 'recyclage-metaux', 'byproduct', { label: 'Métaux de déchèterie', code: 'ewc:200140', q: 4000, unit: 't/yr', eur: 800_000, up: 0.03, down: 0.02 });
flow('collecte', 'ressourcerie', 'byproduct', { label: 'Encombrants réemployables', code: 'ewc:200307', q: 600, unit: 't/yr', eur: 0, up: 0.5, down: 0.01 });
flow('recyclage-plastiques', 'plasturgie', 'byproduct', { label: 'Granulés recyclés', code: 'ewc:191204', q: 3000, unit: 't/yr', eur: 2_400_000, up: 0.06, down: 0.4 });
flow('plasturgie', 'recyclage-plastiques', 'byproduct', { label: 'Carottes et rebuts d’injection', code: 'ewc:070213', q: 600, unit: 't/yr', eur: 60_000, up: 0.05 });
flow('scierie', 'palettes', 'byproduct', { label: 'Chutes de sciage', code: 'ewc:030105', q: 2500, unit: 't/yr', eur: 100_000, up: 0.2, down: 0.05 });
flow('scierie', 'papeterie', 'byproduct', { label: 'Plaquettes et sciures', code: 'ewc:030105', q: 12_000, unit: 't/yr', eur: 600_000, up: 0.05, down: 0.2 });
flow('terminal-conteneurs', 'palettes', 'byproduct', { label: 'Palettes cassées', code: 'ewc:150103', q: 1800, unit: 't/yr', eur: 0, up: 0.3, down: 0.001 });
flow('ressourcerie', 'insertion', 'byproduct', { label: 'Mobilier à réparer', code: 'ewc:200307', q: 300, unit: 't/yr', eur: 0, up: 0.4, down: 0.2 });
flow('verrerie', 'beton', 'byproduct', { label: 'Calcin non refondable', code: 'ewc:101112', q: 1500, unit: 't/yr', eur: 15_000, up: 0.05 });
flow('tuiles', 'granulats', 'byproduct', { label: 'Tuiles et briques cassées', code: 'ewc:101208', family: 'construction-demolition', q: 2000, unit: 't/yr', eur: 10_000, up: 0.02, down: 0.01 });
flow('step', 'methanisation', 'byproduct', { label: 'Boues d’épuration', code: 'ewc:190805', q: 6000, unit: 't/yr', eur: 60_000, up: 0.15, down: 0.3 });
flow('port-autorite', 'granulats', 'byproduct', { label: 'Sédiments de dragage valorisables', code: 'ewc:170506', q: 50_000, unit: 't/yr', up: 0.05, status: 'potential' });
flow('dragage', 'port-autorite', 'service', { label: 'Dragage d’entretien des chenaux', q: 700, unit: 'day/yr', eur: 14_000_000, up: 0.1, down: 0.8 });
flow('eolien', 'recyclage-plastiques', 'byproduct', { label: 'Chutes de composite verre-résine', code: 'ewc:070213', q: 800, unit: 't/yr', status: 'potential' });
flow('batterie', 'recyclage-metaux', 'byproduct', { label: 'Métaux de batteries', code: 'ewc:191203', q: 2000, unit: 't/yr', status: 'planned' });
flow('teillage', 'aliments-betail', 'byproduct', { label: 'Anas de lin', code: 'ewc:020103', family: 'vegetal-waste', q: 3000, unit: 't/yr', eur: 60_000, status: 'ended', since: '2011' });
flow('teillage', 'cooperative', 'supply', { label: 'Fibres de lin teillées', code: 'cpa:13.10', q: 4000, unit: 't/yr', eur: 8_000_000, status: 'ended', since: '2005' });
flow('ancienne-raffinerie', 'raffinerie', 'logistics', { label: 'Stockage de produits finis', q: 400_000, unit: 't/yr', eur: 6_000_000, status: 'ended', since: '1987' });
// Energy, waste heat and water
flow('incinerateur', 'reseau-chaleur', 'energy', { label: 'Chaleur de récupération', family: 'heat', q: 180_000, unit: 'MWh/yr', eur: 5_400_000, up: 0.65, down: 0.55 });
flow('incinerateur', 'electricite-reseau', 'energy', { label: 'Électricité injectée', family: 'electricity', q: 45_000, unit: 'MWh/yr', eur: 3_600_000, down: 0.2 });
flow('acierie', 'reseau-chaleur', 'energy', { label: 'Chaleur fatale du laminoir', family: 'heat', q: 60_000, unit: 'MWh/yr', eur: 1_200_000, up: 0.2, status: 'potential' });
flow('acierie', 'centrale', 'energy', { label: 'Gaz de haut fourneau', family: 'fuel-gas', q: 900_000, unit: 'MWh/yr', eur: 9_000_000, up: 0.25, down: 0.01, conf: 'partners' });
flow('verrerie', 'reseau-chaleur', 'energy', { label: 'Chaleur des fumées du four', family: 'heat', q: 25_000, unit: 'MWh/yr', up: 0.08, status: 'planned' });
flow('raffinerie', 'engrais', 'energy', { label: 'Vapeur haute pression', family: 'steam', q: 80, unit: 't/h', eur: 11_000_000, up: 0.2, down: 0.01 });
flow('raffinerie', 'petrochimie', 'energy', { label: 'Vapeur', family: 'steam', q: 120, unit: 't/h', eur: 16_000_000, up: 0.1, down: 0.02 });
flow('raffinerie', 'serres', 'byproduct', { label: 'CO2 capté pour les serres', family: 'co2', q: 3000, unit: 't/yr', up: 0.1, status: 'potential' });
flow('centrale', 'electricite-reseau', 'energy', { label: 'Électricité injectée', family: 'electricity', q: 2_800_000, unit: 'MWh/yr', eur: 230_000_000, down: 0.85 });
flow('centrale', 'raffinerie', 'energy', { label: 'Électricité en secours', family: 'electricity', q: 150_000, unit: 'MWh/yr', eur: 10_500_000, up: 0.05, down: 0.04 });
flow('centrale', 'serres', 'energy', { label: 'Chaleur basse température', family: 'heat', q: 25_000, unit: 'MWh/yr', eur: 250_000, up: 0.5, down: 0.01 });
flow('methanisation', 'gaz-naturel', 'energy', { label: 'Biométhane injecté', family: 'fuel-gas', q: 30_000, unit: 'MWh/yr', eur: 3_000_000, down: 0.9 });
flow('papeterie', 'reseau-chaleur', 'energy', { label: 'Vapeur basse pression (chaudière biomasse)', family: 'steam', q: 15_000, unit: 'MWh/yr', eur: 450_000, up: 0.05, down: 0.02 });
flow('reseau-chaleur', 'papeterie', 'energy', { label: 'Chaleur', family: 'heat', q: 70_000, unit: 'MWh/yr', eur: 3_500_000, up: 0.2, down: 0.35 });
flow('reseau-chaleur', 'laiterie', 'energy', { label: 'Chaleur', family: 'heat', q: 30_000, unit: 'MWh/yr', eur: 1_500_000, up: 0.15, down: 0.15 });
flow('reseau-chaleur', 'biscuiterie', 'energy', { label: 'Chaleur', family: 'heat', q: 12_000, unit: 'MWh/yr', eur: 600_000, up: 0.1, down: 0.06 });
flow('reseau-chaleur', 'restauration', 'energy', { label: 'Chaleur', family: 'heat', q: 2000, unit: 'MWh/yr', eur: 120_000, up: 0.3, down: 0.01 });
flow('reseau-chaleur', 'universite', 'energy', { label: 'Chauffage des bâtiments', family: 'heat', q: 4000, unit: 'MWh/yr', eur: 240_000, up: 0.1, down: 0.02 });
flow('reseau-chaleur', 'formation', 'energy', { label: 'Chauffage des ateliers', family: 'heat', q: 900, unit: 'MWh/yr', eur: 54_000, up: 0.05, down: 0.005 });
flow('gaz-indus', 'minoterie', 'supply', { label: 'Azote pour l’inertage des silos', family: 'industrial-gases', q: 150, unit: 't/yr', eur: 30_000, up: 0.02, down: 0.001 });
flow('avitaillement', 'remorquage', 'supply', { label: 'Gazole marin', code: 'cpa:19.20', q: 3000, unit: 't/yr', eur: 2_400_000, up: 0.2, down: 0.01 });
flow('hydrogene', 'raffinerie', 'energy', { label: 'Hydrogène renouvelable', family: 'hydrogen', q: 15_000, unit: 't/yr', status: 'planned', conf: 'partners' });
flow('hydrogene', 'transports-leroux', 'energy', { label: 'Hydrogène pour poids lourds', family: 'hydrogen', q: 300, unit: 't/yr', status: 'planned' });
flow('raffinerie', 'hydrogene', 'water', { label: 'Eau déminéralisée', family: 'process-water', q: 200_000, unit: 'm3/yr', status: 'planned' });
flow('eau-vire', 'acierie', 'water', { label: 'Eau industrielle', family: 'water', q: 9_000_000, unit: 'm3/yr', eur: 4_500_000, up: 0.15, down: 0.3 });
flow('eau-vire', 'raffinerie', 'water', { label: 'Eau industrielle', family: 'water', q: 6_000_000, unit: 'm3/yr', eur: 3_000_000, up: 0.1, down: 0.2 });
flow('eau-vire', 'petrochimie', 'water', { label: 'Eau industrielle', family: 'water', q: 2_500_000, unit: 'm3/yr', eur: 1_250_000, up: 0.1, down: 0.08 });
flow('eau-vire', 'engrais', 'water', { label: 'Eau industrielle', family: 'water', q: 1_800_000, unit: 'm3/yr', eur: 900_000, up: 0.1, down: 0.06 });
flow('eau-vire', 'centrale', 'water', { label: 'Eau d’appoint des tours', family: 'water', q: 1_200_000, unit: 'm3/yr', eur: 600_000, up: 0.1, down: 0.04 });
flow('eau-vire', 'papeterie', 'water', { label: 'Eau de process', family: 'process-water', q: 3_500_000, unit: 'm3/yr', eur: 1_750_000, up: 0.15, down: 0.12 });
flow('eau-vire', 'laiterie', 'water', { label: 'Eau potable', family: 'water', q: 900_000, unit: 'm3/yr', eur: 1_300_000, up: 0.1, down: 0.04 });
flow('eau-vire', 'sucrerie', 'water', { label: 'Eau de process', family: 'process-water', q: 700_000, unit: 'm3/yr', eur: 400_000, up: 0.05, down: 0.03 });
flow('eau-vire', 'brasserie', 'water', { label: 'Eau potable', family: 'water', q: 120_000, unit: 'm3/yr', eur: 180_000, up: 0.15, down: 0.005 });
flow('eau-vire', 'conserverie', 'water', { label: 'Eau potable', family: 'water', q: 200_000, unit: 'm3/yr', eur: 300_000, up: 0.1, down: 0.01 });
flow('eau-vire', 'biscuiterie', 'water', { label: 'Eau potable', family: 'water', q: 60_000, unit: 'm3/yr', eur: 90_000, up: 0.05, down: 0.003 });
flow('papeterie', 'step', 'water', { label: 'Effluents prétraités', family: 'wastewater', q: 3_000_000, unit: 'm3/yr', eur: 1_500_000, up: 0.05, down: 0.3 });
flow('laiterie', 'step', 'water', { label: 'Eaux blanches', family: 'wastewater', q: 700_000, unit: 'm3/yr', eur: 500_000, up: 0.03, down: 0.08 });
flow('sucrerie', 'step', 'water', { label: 'Eaux de lavage des betteraves', family: 'wastewater', q: 500_000, unit: 'm3/yr', eur: 350_000, up: 0.02, down: 0.06 });
flow('conserverie', 'step', 'water', { label: 'Eaux de cuisson', family: 'wastewater', q: 150_000, unit: 'm3/yr', eur: 120_000, up: 0.01, down: 0.02 });
flow('mareyage', 'step', 'water', { label: 'Eaux de lavage', family: 'wastewater', q: 50_000, unit: 'm3/yr', eur: 40_000, down: 0.005 });
flow('step', 'serres', 'water', { label: 'Eaux usées traitées (réutilisation)', family: 'process-water', q: 150_000, unit: 'm3/yr', eur: 30_000, up: 0.15, status: 'potential' });
flow('step', 'acierie', 'water', { label: 'Eaux usées traitées pour le refroidissement', family: 'process-water', q: 1_000_000, unit: 'm3/yr', up: 0.02, status: 'potential' });
flow('sucrerie', 'serres', 'water', { label: 'Eaux de condensation', family: 'process-water', q: 200_000, unit: 'm3/yr', up: 0.15, status: 'potential' });
flow('laiterie', 'biscuiterie', 'water', { label: 'Eaux de condensation du lait', family: 'process-water', q: 40_000, unit: 'm3/yr', up: 0.03, status: 'potential' });
// Logistics
for (const [shipper, label, q] of [
  ['acierie', 'Accueil des vraquiers minerai et charbon', 5_800_000],
  ['raffinerie', 'Appontement pétrolier', 8_000_000],
  ['engrais', 'Expédition d’engrais', 300_000],
  ['cimenterie', 'Expédition de ciment par barge', 400_000],
  ['sucrerie', 'Export de sucre', 140_000],
  ['silo', 'Export de céréales', 320_000],
  ['petrochimie', 'Expédition de polymères', 250_000],
] as const) {
  flow('port-autorite', shipper, 'logistics', { label, q, unit: 't/yr', eur: Math.round(q * 1.5), up: 0.1, down: 0.06 });
}
flow('vrac', 'acierie', 'logistics', { label: 'Déchargement vrac', q: 5_800_000, unit: 't/yr', eur: 23_000_000, up: 0.1, down: 0.55 });
flow('vrac', 'engrais', 'logistics', { label: 'Déchargement de roche phosphatée', q: 250_000, unit: 't/yr', eur: 1_000_000, up: 0.1, down: 0.1 });
flow('vrac', 'silo', 'logistics', { label: 'Chargement de céréales', q: 320_000, unit: 't/yr', eur: 1_300_000, up: 0.15, down: 0.1 });
flow('manutention', 'terminal-conteneurs', 'logistics', { label: 'Manutention conteneurs', q: 350_000, unit: 'TEU/yr', eur: 28_000_000, up: 0.3, down: 0.75 });
flow('terminal-conteneurs', 'constructeur-auto', 'logistics', { label: 'Pièces automobiles importées', q: 40_000, unit: 'TEU/yr', eur: 12_000_000, down: 0.12 });
flow('terminal-conteneurs', 'laiterie', 'logistics', { label: 'Export de poudre de lait', q: 3000, unit: 'TEU/yr', eur: 900_000, up: 0.05, down: 0.01 });
flow('terminal-conteneurs', 'eolien', 'logistics', { label: 'Import de composants', q: 2500, unit: 'TEU/yr', eur: 750_000, up: 0.05, down: 0.01 });
flow('terminal-conteneurs', 'biscuiterie', 'logistics', { label: 'Export de biscuits', q: 1500, unit: 'TEU/yr', eur: 450_000, up: 0.03, down: 0.005 });
flow('ferroviaire', 'acierie', 'logistics', { label: 'Trains de tôles', q: 2400, unit: 'trip/yr', eur: 9_000_000, up: 0.05, down: 0.5 });
flow('ferroviaire', 'cimenterie', 'logistics', { label: 'Trains de ciment', q: 700, unit: 'trip/yr', eur: 2_000_000, up: 0.1, down: 0.15 });
flow('ferroviaire', 'terminal-conteneurs', 'logistics', { label: 'Navettes ferroviaires de conteneurs', q: 1500, unit: 'trip/yr', eur: 4_500_000, up: 0.08, down: 0.25 });
flow('transports-leroux', 'laiterie', 'logistics', { label: 'Collecte et livraisons', q: 12_000, unit: 'trip/yr', eur: 4_000_000, up: 0.08, down: 0.25 });
flow('transports-leroux', 'sucrerie', 'logistics', { label: 'Transport de betteraves', q: 900_000, unit: 't/yr', eur: 6_000_000, up: 0.1, down: 0.3 });
flow('transports-leroux', 'papeterie', 'logistics', { label: 'Livraison de bobines', q: 60_000, unit: 't/yr', eur: 1_800_000, up: 0.05, down: 0.1 });
flow('transports-leroux', 'conserverie', 'logistics', { label: 'Livraisons frigorifiques', q: 2000, unit: 'trip/yr', eur: 900_000, up: 0.05, down: 0.05 });
flow('transports-leroux', 'biscuiterie', 'logistics', { label: 'Livraisons aux plateformes', q: 18_000, unit: 'pallet/yr', eur: 700_000, up: 0.05, down: 0.05 });
flow('entrepot', 'detergents', 'logistics', { label: 'Stockage de produits finis', q: 5000, unit: 'pallet/yr', eur: 500_000, up: 0.05, down: 0.05 });
flow('entrepot', 'peintures', 'logistics', { label: 'Stockage de produits finis', q: 3000, unit: 'pallet/yr', eur: 300_000, up: 0.05, down: 0.03 });
flow('entrepot', 'eolien', 'logistics', { label: 'Stockage de pales', q: 20_000, unit: 'm2', eur: 1_200_000, up: 0.05, down: 0.2 });
flow('remorquage', 'port-autorite', 'service', { label: 'Remorquage des navires', q: 9000, unit: 'h/yr', eur: 8_000_000, up: 0.04, down: 0.85 });
flow('transit', 'engrais', 'service', { label: 'Formalités douanières', q: 400, unit: 'day/yr', eur: 350_000, down: 0.1 });
flow('transit', 'huilerie', 'service', { label: 'Formalités douanières', q: 250, unit: 'day/yr', eur: 220_000, down: 0.06 });
flow('transit', 'terminal-conteneurs', 'service', { label: 'Commission de transport', q: 800, unit: 'day/yr', eur: 700_000, down: 0.2 });
flow('avitaillement', 'port-autorite', 'service', { label: 'Avitaillement des escales', q: 3000, unit: 'h/yr', eur: 200_000, down: 0.05 });
// Services, maintenance: the fabric of SMEs around the hubs (volumes drawn from the seeded PRNG)
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
    if (rand() < 0.42) {
      const q = Math.round(unit === 'FTE' ? 5 + rand() * 60 : unit === 'h/yr' ? 2000 + rand() * 40_000 : 20 + rand() * 600);
      // The service is coded by the provider's activity (`naf:33.12Z` for industrial maintenance…).
      const code = `naf:${e.find((x) => x.id === provider)!.naf}`;
      flow(provider, client, 'service', { label, code, q, unit, eur: Math.round(q * rate), down: Math.round(rand() * 15) / 100, up: Math.round(rand() * 4) / 100 });
    }
  }
}
flow('laboratoire', 'step', 'service', { label: 'Autosurveillance des rejets', q: 1500, unit: 'unit/yr', eur: 60_000, down: 0.08 });
flow('laboratoire', 'eau-vire', 'service', { label: 'Analyses d’eau potable', q: 4000, unit: 'unit/yr', eur: 160_000, up: 0.05, down: 0.15 });
flow('controle', 'chantier-naval', 'service', { label: 'Contrôle non destructif des soudures', q: 120, unit: 'day/yr', eur: 96_000, down: 0.05 });
flow('nettoyage', 'biscuiterie', 'service', { label: 'Nettoyage des lignes', q: 6000, unit: 'h/yr', eur: 210_000, up: 0.03, down: 0.04 });
flow('geiq', 'usinage', 'service', { label: 'Électricien à temps partagé', q: 0.5, unit: 'FTE', eur: 30_000, up: 0.03, down: 0.1 });
flow('geiq', 'chaudronnerie', 'service', { label: 'Soudeurs à temps partagé', q: 2, unit: 'FTE', eur: 110_000, up: 0.05, down: 0.3 });
flow('geiq', 'fonderie', 'service', { label: 'Préventeur à temps partagé', q: 0.4, unit: 'FTE', eur: 28_000, up: 0.01, down: 0.08 });
flow('insertion', 'collecte', 'service', { label: 'Tri et démantèlement', q: 12_000, unit: 'h/yr', eur: 180_000, up: 0.03, down: 0.3 });
flow('dragage', 'terminal-conteneurs', 'service', { label: 'Dragage des souilles', q: 300, unit: 'day/yr', eur: 1_500_000, up: 0.05, down: 0.1 });
// Knowledge: research, training, apprentices
flow('universite', 'acierie', 'knowledge', { label: 'Thèse CIFRE : captage du CO2', q: 220, unit: 'day/yr', eur: 120_000, down: 0.05, conf: 'confidential' });
flow('universite', 'engrais', 'knowledge', { label: 'Recherche : ammoniac bas carbone', q: 150, unit: 'day/yr', eur: 90_000, down: 0.04 });
flow('universite', 'methanisation', 'knowledge', { label: 'Suivi biologique du digesteur', q: 40, unit: 'day/yr', eur: 20_000, down: 0.01 });
flow('universite', 'cimenterie', 'knowledge', { label: 'Ciments au laitier bas carbone', q: 120, unit: 'day/yr', eur: 80_000, down: 0.03 });
flow('universite', 'papeterie', 'knowledge', { label: 'Valorisation des boues fibreuses', q: 60, unit: 'day/yr', eur: 35_000, down: 0.02 });
flow('universite', 'hydrogene', 'knowledge', { label: 'Modélisation de l’électrolyseur', q: 90, unit: 'day/yr', eur: 70_000, status: 'planned' });
flow('formation', 'raffinerie', 'knowledge', { label: 'Formation sécurité', q: 600, unit: 'day/yr', eur: 300_000, down: 0.2 });
flow('formation', 'petrochimie', 'knowledge', { label: 'Formation conduite de procédés', q: 300, unit: 'day/yr', eur: 150_000, down: 0.1 });
flow('formation', 'acierie', 'knowledge', { label: 'Formation pontiers et caristes', q: 400, unit: 'day/yr', eur: 200_000, down: 0.12 });
flow('formation', 'chaudronnerie', 'knowledge', { label: 'Qualification soudage', q: 80, unit: 'day/yr', eur: 40_000, down: 0.02 });
flow('cfa', 'port-autorite', 'knowledge', { label: 'Apprentis portuaires', q: 40, unit: 'FTE', eur: 400_000, down: 0.25 });
flow('cfa', 'manutention', 'knowledge', { label: 'Apprentis grutiers', q: 25, unit: 'FTE', eur: 250_000, up: 0.03, down: 0.15 });
flow('cfa', 'terminal-conteneurs', 'knowledge', { label: 'Apprentis agents de quai', q: 15, unit: 'FTE', eur: 150_000, down: 0.1 });
flow('bureau-etudes', 'reseau-chaleur', 'knowledge', { label: 'Étude d’extension du réseau', q: 60, unit: 'day/yr', eur: 48_000, down: 0.1 });
flow('bureau-etudes', 'acierie', 'knowledge', { label: 'Étude de récupération de chaleur fatale', q: 45, unit: 'day/yr', eur: 40_000, down: 0.08 });
flow('raffinerie', 'formation', 'knowledge', { label: 'Formateurs détachés', q: 2, unit: 'FTE', eur: 0, up: 0.1, down: 0.001 });
flow('club-eit', 'serres', 'knowledge', { label: 'Accompagnement du projet chaleur-CO2', q: 15, unit: 'day/yr', status: 'potential' });
// Pooling (mutualisation)
flow('port-autorite', 'engrais', 'pooling', { label: 'Poste de secours mutualisé', q: 1, unit: 'unit', eur: 120_000 });
flow('port-autorite', 'petrochimie', 'pooling', { label: 'Poste de secours mutualisé', q: 1, unit: 'unit', eur: 120_000 });
flow('raffinerie', 'petrochimie', 'pooling', { label: 'Centre d’intervention incendie commun', q: 1, unit: 'unit', eur: 900_000, up: 0.05 });
flow('raffinerie', 'gaz-indus', 'pooling', { label: 'Centre d’intervention incendie commun', q: 1, unit: 'unit', eur: 300_000, up: 0.05 });
flow('raffinerie', 'peintures', 'pooling', { label: 'Centre d’intervention incendie commun', q: 1, unit: 'unit', eur: 150_000, up: 0.03 });
flow('entrepot', 'emballages', 'pooling', { label: 'Entrepôt partagé', q: 4000, unit: 'm2', eur: 160_000 });
flow('restauration', 'transports-leroux', 'pooling', { label: 'Restaurant inter-entreprises', q: 3, unit: 'FTE', eur: 90_000, up: 0.01, down: 0.03, conf: 'public' });
flow('insertion', 'ressourcerie', 'pooling', { label: 'Encadrants techniques partagés', q: 2, unit: 'FTE', eur: 70_000, up: 0.05, down: 0.1 });
flow('club-eit', 'fonderie', 'pooling', { label: 'Achats groupés d’électricité', q: 12_000, unit: 'MWh/yr', eur: 15_000, up: 0.02, down: 0.3 });
flow('club-eit', 'usinage', 'pooling', { label: 'Achats groupés d’électricité', q: 2500, unit: 'MWh/yr', eur: 4000, up: 0.01, down: 0.1 });
flow('club-eit', 'chaudronnerie', 'pooling', { label: 'Achats groupés d’électricité', q: 1800, unit: 'MWh/yr', eur: 3000, up: 0.01, down: 0.1 });
flow('club-eit', 'brasserie', 'pooling', { label: 'Collecte mutualisée des cartons', q: 26, unit: 'trip/yr', eur: 2600, up: 0.01, down: 0.05 });
flow('club-eit', 'mareyage', 'pooling', { label: 'Collecte mutualisée des cartons', q: 52, unit: 'trip/yr', eur: 5200, up: 0.01, down: 0.05 });
flow('transports-leroux', 'eolien', 'pooling', { label: 'Navette des salariés', q: 500, unit: 'trip/yr', eur: 60_000, status: 'planned' });
flow('location-engins', 'granulats', 'pooling', { label: 'Chargeuse partagée', q: 1, unit: 'unit', eur: 45_000 });
flow('gaz-indus', 'raffinerie', 'pooling', { label: 'Réseau d’azote partagé', q: 20_000_000, unit: 'Nm3/yr', eur: 400_000, up: 0.03 });

// ---- Resources: declared offers and needs (from the October 2025 workshop)
const resources: Resource[] = [];
function res(establishment: string, direction: 'offer' | 'need', kind: FlowKind, label: string, code?: string, family?: Family, q?: number, unit?: Unit, availability = 'continuous', conf: Resource['confidentiality'] = 'public') {
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
// Offers
res('acierie', 'offer', 'energy', 'Chaleur fatale 90 °C (eaux de refroidissement)', undefined, 'heat', 120_000, 'MWh/yr');
res('acierie', 'offer', 'byproduct', 'Laitier d’aciérie (excédent)', 'ewc:100202', 'mineral-waste', 60_000, 't/yr');
res('acierie', 'offer', 'byproduct', 'Poussières de haut fourneau', 'ewc:100208', 'mineral-waste', 8000, 't/yr', 'continuous', 'partners');
res('acierie', 'offer', 'byproduct', 'CO2 des gaz de haut fourneau', undefined, 'co2', 3_000_000, 't/yr');
res('raffinerie', 'offer', 'byproduct', 'Soufre liquide (excédent)', 'ewc:050116', 'chemicals', 50_000, 't/yr');
res('raffinerie', 'offer', 'energy', 'Vapeur basse pression excédentaire', undefined, 'steam', 20, 't/h');
res('raffinerie', 'offer', 'byproduct', 'CO2 concentré de l’unité d’hydrogène', undefined, 'co2', 400_000, 't/yr', 'continuous', 'partners');
res('raffinerie', 'offer', 'energy', 'Chaleur fatale des fumées', undefined, 'heat', 90_000, 'MWh/yr', 'continuous', 'confidential');
res('centrale', 'offer', 'byproduct', 'Cendres volantes (stock)', 'ewc:100102', 'combustion-residues', 4000, 't/yr', 'batch');
res('incinerateur', 'offer', 'energy', 'Chaleur non valorisée l’été', undefined, 'heat', 40_000, 'MWh/yr', 'seasonal');
res('incinerateur', 'offer', 'byproduct', 'Ferreux extraits des mâchefers', 'ewc:190102', undefined, 3500, 't/yr');
res('papeterie', 'offer', 'byproduct', 'Cendres de chaudière biomasse', 'ewc:100101', undefined, 5000, 't/yr');
res('papeterie', 'offer', 'byproduct', 'Boues fibreuses', 'ewc:030311', undefined, 12_000, 't/yr');
res('sucrerie', 'offer', 'byproduct', 'Terres de lavage des betteraves', 'ewc:020401', 'soils', 80_000, 't/yr', 'seasonal');
res('sucrerie', 'offer', 'byproduct', 'CO2 de fermentation', undefined, 'co2', 15_000, 't/yr', 'seasonal');
res('laiterie', 'offer', 'water', 'Eaux de condensation du lait', undefined, 'process-water', 120_000, 'm3/yr');
res('brasserie', 'offer', 'byproduct', 'Levures usagées', 'ewc:020799', undefined, 150, 't/yr');
res('terminal-conteneurs', 'offer', 'byproduct', 'Palettes bois usagées', 'ewc:150103', undefined, 900, 't/yr');
res('verrerie', 'offer', 'energy', 'Chaleur des fumées du four', undefined, 'heat', 35_000, 'MWh/yr');
res('petrochimie', 'offer', 'byproduct', 'Rebuts de polyéthylène', 'ewc:070213', undefined, 1200, 't/yr');
res('eolien', 'offer', 'byproduct', 'Chutes de composite verre-résine', 'ewc:070213', undefined, 800, 't/yr');
res('chantier-naval', 'offer', 'byproduct', 'Chutes d’acier', 'ewc:120101', undefined, 600, 't/yr');
res('fonderie', 'offer', 'byproduct', 'Sables de fonderie (excédent)', 'ewc:100908', 'mineral-waste', 3000, 't/yr');
res('huilerie', 'offer', 'byproduct', 'Résidus de trituration déclassés', 'ewc:020304', undefined, 1500, 't/yr', 'batch');
res('emballages', 'offer', 'byproduct', 'Chutes de carton ondulé', 'ewc:150101', undefined, 2000, 't/yr');
res('recyclage-metaux', 'offer', 'byproduct', 'Ferrailles triées qualité E3', 'ewc:191202', undefined, 40_000, 't/yr');
res('gaz-indus', 'offer', 'byproduct', 'CO2 liquéfié disponible', undefined, 'co2', 5000, 't/yr', 'continuous', 'partners');
res('ancienne-raffinerie', 'offer', 'pooling', 'Terrain et cuves disponibles', undefined, undefined, 120_000, 'm2', 'from 2026');
res('geiq', 'offer', 'pooling', 'Électricien industriel à temps partagé', undefined, undefined, 1, 'FTE');
res('formation', 'offer', 'pooling', 'Plateau technique de soudage', undefined, undefined, 60, 'day/yr', 'occasional');
res('location-engins', 'offer', 'pooling', 'Nacelles et chariots en location partagée', undefined, undefined, 12, 'unit');
// Needs
res('cimenterie', 'need', 'byproduct', 'Matières de substitution au clinker', 'ewc:100202', 'mineral-waste', 100_000, 't/yr');
res('cimenterie', 'need', 'energy', 'Combustibles solides de récupération', 'ewc:191210', undefined, 50_000, 't/yr');
res('cimenterie', 'need', 'byproduct', 'Cendres pour ciments composés', 'ewc:100102', 'combustion-residues', 15_000, 't/yr');
res('cimenterie', 'need', 'byproduct', 'Sables correcteurs de silice', 'ewc:100906', 'mineral-waste', 5000, 't/yr');
res('serres', 'need', 'energy', 'Chaleur basse température', undefined, 'heat', 30_000, 'MWh/yr', 'seasonal');
res('serres', 'need', 'byproduct', 'CO2 pour l’enrichissement des serres', undefined, 'co2', 3000, 't/yr', 'seasonal');
res('conserverie', 'need', 'byproduct', 'CO2 alimentaire', undefined, 'co2', 1500, 't/yr');
res('reseau-chaleur', 'need', 'energy', 'Chaleur de récupération supplémentaire', undefined, 'heat', 80_000, 'MWh/yr');
res('engrais', 'need', 'byproduct', 'Soufre pour acide sulfurique', 'ewc:050116', 'chemicals', 40_000, 't/yr');
res('tuiles', 'need', 'byproduct', 'Cendres et fines minérales', 'ewc:100102', 'combustion-residues', 3000, 't/yr');
res('palettes', 'need', 'byproduct', 'Palettes à reconditionner', 'ewc:150103', undefined, 2000, 't/yr');
res('acierie', 'need', 'byproduct', 'Ferrailles de qualité', 'ewc:191202', undefined, 60_000, 't/yr');
res('recyclage-plastiques', 'need', 'byproduct', 'Plastiques industriels propres', 'ewc:070213', undefined, 4000, 't/yr');
res('methanisation', 'need', 'byproduct', 'Biodéchets agroalimentaires', 'ewc:020304', undefined, 10_000, 't/yr');
res('aliments-betail', 'need', 'byproduct', 'Coproduits végétaux pour l’alimentation animale', 'ewc:020304', undefined, 5000, 't/yr');
res('granulats', 'need', 'byproduct', 'Déchets minéraux inertes', 'ewc:170107', undefined, 50_000, 't/yr');
res('papeterie', 'need', 'byproduct', 'Cartons de récupération', 'ewc:150101', undefined, 10_000, 't/yr');
res('compostage', 'need', 'byproduct', 'Boues fibreuses pour co-compostage', 'ewc:030311', undefined, 4000, 't/yr');
res('hydrogene', 'need', 'water', 'Eau déminéralisée', undefined, 'process-water', 300_000, 'm3/yr', 'from 2028');
res('hydrogene', 'need', 'energy', 'Électricité bas carbone', undefined, 'electricity', 700_000, 'MWh/yr', 'from 2028', 'partners');
res('acierie', 'need', 'energy', 'Hydrogène pour la réduction directe', undefined, 'hydrogen', 50_000, 't/yr', 'from 2030', 'confidential');
res('papeterie', 'need', 'water', 'Eau de process recyclée', undefined, 'process-water', 500_000, 'm3/yr');
res('biscuiterie', 'need', 'water', 'Eau de nettoyage non potable', undefined, 'process-water', 30_000, 'm3/yr');
res('laiterie', 'need', 'energy', 'Vapeur basse pression', undefined, 'steam', 8, 't/h');
res('peintures', 'need', 'pooling', 'Achats groupés de solvants', undefined, undefined, 300, 't/yr');
res('detergents', 'need', 'pooling', 'Achats groupés de solvants', undefined, undefined, 200, 't/yr');
res('usinage', 'need', 'pooling', 'Formation sécurité mutualisée', undefined, undefined, 20, 'day/yr', 'occasional');
res('chaudronnerie', 'need', 'pooling', 'Formation sécurité mutualisée', undefined, undefined, 30, 'day/yr', 'occasional');
res('fonderie', 'need', 'pooling', 'Formation sécurité mutualisée', undefined, undefined, 25, 'day/yr', 'occasional');
res('usinage', 'need', 'pooling', 'Électricien industriel à temps partagé', undefined, undefined, 0.5, 'FTE');
res('brasserie', 'need', 'pooling', 'Transport mutualisé vers l’Île-de-France', undefined, undefined, 150, 'trip/yr');
res('conserverie', 'need', 'pooling', 'Transport mutualisé vers l’Île-de-France', undefined, undefined, 300, 'trip/yr');
res('laiterie', 'need', 'pooling', 'Transport mutualisé vers l’Île-de-France', undefined, undefined, 800, 'trip/yr');
res('scierie', 'need', 'pooling', 'Maintenance mutualisée des chariots', undefined, undefined, 2, 'unit');
res('palettes', 'need', 'pooling', 'Maintenance mutualisée des chariots', undefined, undefined, 3, 'unit');
res('chantier-naval', 'need', 'pooling', 'Plateau technique de soudage', undefined, undefined, 20, 'day/yr', 'occasional');
res('batterie', 'need', 'pooling', 'Terrain industriel de 5 ha', undefined, undefined, 50_000, 'm2', 'from 2027', 'confidential');

/**
 * Interviews overestimate: scale each establishment's shares so that they add up to at most 0.95 —
 * upstream over the flows it receives, downstream over the flows it gives, whatever their status
 * (a planned flow must not push an establishment above 1 once it starts). Two decimals, rounded down.
 */
function capShares(side: 'upstream' | 'downstream', key: 'to' | 'from') {
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
capShares('upstream', 'to');
capShares('downstream', 'from');

const doc: Doc = {
  $schema: 'https://toile.dev/schema/1/toile.schema.json',
  toile: '1.0',
  territory: {
    id: 'estuaire-vire-marine',
    name: 'Estuaire de la Vire-Marine (territoire fictif)',
    description:
      'Territoire industrialo-portuaire FICTIF, inventé pour les exemples et les tests de Toile : raffinerie, aciérie, chimie, port, agroalimentaire et tissu de PME autour. Toute ressemblance avec un lieu ou une entreprise réels est fortuite.',
    country: 'FR',
    communes: Object.values(COMMUNES).map((c) => c.insee),
    center: { lat: 49.47, lon: 0.23 },
    // A plausible, invented outline: the six communes around the Vire's mouth, open on the estuary to
    // the west (counter-clockwise, closed, as RFC 7946 asks).
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0.075, 49.405],
          [0.13, 49.392],
          [0.2, 49.388],
          [0.27, 49.383],
          [0.335, 49.39],
          [0.392, 49.41],
          [0.41, 49.447],
          [0.398, 49.49],
          [0.405, 49.522],
          [0.372, 49.552],
          [0.318, 49.572],
          [0.262, 49.578],
          [0.2, 49.571],
          [0.142, 49.561],
          [0.098, 49.545],
          [0.068, 49.52],
          [0.079, 49.493],
          [0.112, 49.472],
          [0.074, 49.455],
          [0.062, 49.43],
          [0.075, 49.405],
        ],
      ],
    },
    places: [
      ...Object.values(COMMUNES).map((c) => ({ name: c.city, kind: 'town' as const, lat: c.lat, lon: c.lon, insee: c.insee })),
      { name: 'Port de la Vire-Marine', kind: 'port', lat: 49.441, lon: 0.158 },
      { name: 'Estuaire de la Vire', kind: 'landmark', lat: 49.463, lon: 0.085 },
    ],
  },
  meta: {
    title: 'Toile industrielle de l’Estuaire de la Vire-Marine (données fictives)',
    description:
      'Jeu de données d’exemple FICTIF : établissements, SIRET, flux, quantités et ressources entièrement inventés. Ne décrit aucune entreprise réelle. Régénéré par examples/data/build-port-estuaire.ts.',
    publisher: 'Agence d’urbanisme de la Vire-Marine (fictive)',
    license: 'etalab-2.0',
    created: '2025-03-01',
    updated: '2026-11-01',
    language: 'fr',
    fictional: true,
    sources: [
      { id: 'itw-2025', label: 'Entretiens en entreprise (42 établissements), printemps 2025', date: '2025-06', method: 'interview', publisher: 'CCI de l’Estuaire (fictive)' },
      { id: 'atelier-2025', label: 'Atelier d’écologie industrielle du 14 octobre 2025 (offres et besoins)', date: '2025-10-14', method: 'workshop', publisher: 'Club d’écologie industrielle de l’Estuaire (fictif)' },
      { id: 'enquete-2024', label: 'Enquête en ligne flux et dépendances 2024', date: '2024-11', method: 'survey', publisher: 'Agence d’urbanisme de la Vire-Marine (fictive)' },
      { id: 'open-2025', label: 'Données ouvertes : registre des émissions, bilans publiés, répertoire des entreprises (extraits fictifs)', date: '2025-01', method: 'open-data' },
    ],
  },
  establishments: e,
  flows,
  resources,
};

const out = fileURLToPath(new URL('port-estuaire.toile.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
const kinds = new Map<string, number>();
for (const fl of flows) kinds.set(fl.kind, (kinds.get(fl.kind) ?? 0) + 1);
console.log(
  `wrote ${out}: ${e.length} establishments (${e.filter((x) => x.external).length} external), ${flows.length} flows ` +
    `(${[...kinds].map(([k, c]) => `${k} ${c}`).join(', ')}), ${resources.length} resources`,
);
