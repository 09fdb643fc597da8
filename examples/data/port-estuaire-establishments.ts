/**
 * The establishments of the sample territory (examples/data/port-estuaire.toile.json), all FICTIONAL:
 * the communes they stand in, then one row per establishment in the order they are added (the order
 * sets the seeded SIRETs and street numbers, so it must not change). Built by build-port-estuaire.ts.
 */
import type { components } from '@toile/schema';

type Establishment = components['schemas']['Establishment'];

// Invented communes of the estuary; INSEE-like codes in a range no real commune uses.
export const COMMUNES = {
  port: { city: 'Port-Vire', postcode: '76990', insee: '76991', lat: 49.452, lon: 0.182 },
  darse: { city: 'La Darse-sur-Vire', postcode: '76991', insee: '76992', lat: 49.468, lon: 0.245 },
  marais: { city: 'Les Marais-de-Vire', postcode: '76992', insee: '76993', lat: 49.49, lon: 0.31 },
  plateau: { city: 'Hautvire-le-Plateau', postcode: '76993', insee: '76994', lat: 49.515, lon: 0.145 },
  rive: { city: 'Rive-Sud-sur-Vire', postcode: '76994', insee: '76995', lat: 49.421, lon: 0.29 },
  bois: { city: 'Quillebois-sur-Vire', postcode: '76995', insee: '76996', lat: 49.535, lon: 0.235 },
} as const;
export type Commune = keyof typeof COMMUNES;
export const STREETS: Record<Commune, readonly string[]> = {
  port: ['quai des Docks', 'quai de l’Estuaire', 'boulevard de la Marine', 'rue des Forges', 'route du Môle'],
  darse: ['route de la Darse', 'chemin des Raffineurs', 'rue des Appontements', 'avenue de la Chimie'],
  marais: ['chemin du Marais', 'route des Roselières', 'rue du Vieux Canal'],
  plateau: ['rue de l’Industrie', 'avenue du Plateau', 'rue des Tisserands', 'boulevard de l’Université'],
  rive: ['route de la Rive Sud', 'chemin du Bac', 'rue des Carriers'],
  bois: ['route de Quillebois', 'rue des Scieurs', 'allée des Chênes'],
};

/** An establishment of the territory: the arguments of the builder's `add`. */
export type EstablishmentRow = [id: string, name: string, naf: string, employees: number, where: Commune, sectors: string[], extra?: Partial<Establishment>];

/** An outside partner (supplier, market, port elsewhere): the arguments of the builder's `ext`. */
export type PartnerRow = [id: string, name: string, naf: string, city: string, lat: number, lon: number, country?: string, sectors?: string[]];

export const ESTABLISHMENTS: EstablishmentRow[] = [
  // ---- Hubs of the port
  ['raffinerie', 'Raffinerie de la Vire-Marine', '19.20Z', 1100, 'darse', ['énergie', 'chimie'], { website: 'https://raffinerie-vire-marine.example', description: 'Raffinage de pétrole brut, 8 Mt/an (fictif). Premier employeur de la Darse.' }],
  ['acierie', 'Aciérie de l’Estuaire', '24.10Z', 1450, 'port', ['métallurgie'], { website: 'https://acierie-du-port.example', description: 'Site sidérurgique intégré : haut fourneau, aciérie à oxygène, laminoir à chaud.' }],
  ['petrochimie', 'Vire Polymères', '20.16Z', 620, 'darse', ['chimie', 'plasturgie'], { website: 'https://vire-polymeres.example' }],
  ['engrais', 'Engrais de la Côte d’Albâtre-Vire', '20.15Z', 310, 'marais', ['chimie', 'agriculture']],
  ['cimenterie', 'Ciments de la Vire-Marine', '23.51Z', 180, 'rive', ['matériaux', 'BTP'], { website: 'https://ciments-vire.example' }],
  ['port-autorite', 'Grand Port de la Vire-Marine', '52.22Z', 950, 'port', ['logistique portuaire'], { website: 'https://port-vire-marine.example', description: 'Autorité portuaire : accès nautiques, dragage, domaine industriel.' }],
  ['papeterie', 'Papeterie des Marais', '17.12Z', 420, 'marais', ['bois-papier']],
  ['incinerateur', 'Valoris Énergie — unité de valorisation énergétique', '38.21Z', 85, 'rive', ['déchets', 'énergie'], { description: 'Incinère les ordures ménagères de l’estuaire et alimente le réseau de chaleur.' }],
  ['reseau-chaleur', 'Réseau de chaleur de Port-Vire', '35.30Z', 24, 'port', ['énergie'], { website: 'https://chaleur-port-vire.example' }],
  ['eau-vire', 'Eaux de la Vire-Marine (régie)', '36.00Z', 140, 'plateau', ['eau'], { description: 'Régie publique : production d’eau potable et d’eau industrielle.' }],
  ['step', 'Station d’épuration de l’Estuaire', '37.00Z', 38, 'rive', ['eau']],
  ['centrale', 'Centrale à cycle combiné de la Darse', '35.11Z', 60, 'darse', ['énergie']],
  ['gaz-indus', 'Air & Gaz de l’Estuaire', '20.11Z', 70, 'darse', ['chimie']],
  ['hydrogene', 'H2 Vire-Marine (projet)', '20.11Z', 0, 'darse', ['énergie', 'hydrogène'], { status: 'planned', description: 'Électrolyseur de 100 MW en projet, mise en service visée en 2028.' }],
  // ---- Food and agriculture
  ['sucrerie', 'Sucrerie du Plateau', '10.81Z', 260, 'plateau', ['agroalimentaire']],
  ['laiterie', 'Laiterie Coopérative du Plateau', '10.51A', 340, 'plateau', ['agroalimentaire'], { ess: true }],
  ['huilerie', 'Huilerie de l’Estuaire', '10.41A', 120, 'port', ['agroalimentaire']],
  ['brasserie', 'Brasserie des Docks', '11.05Z', 35, 'port', ['agroalimentaire'], { website: 'https://brasserie-des-docks.example' }],
  ['methanisation', 'Biogaz du Marais', '35.21Z', 12, 'marais', ['énergie', 'agriculture']],
  ['serres', 'Serres de la Rive', '01.13Z', 45, 'rive', ['agriculture']],
  ['cooperative', 'Coopérative Agricole Plateau-Estuaire', '46.21Z', 90, 'plateau', ['agriculture'], { ess: true }],
  ['minoterie', 'Minoterie du Môle', '10.61A', 55, 'port', ['agroalimentaire']],
  ['aliments-betail', 'Aliments du Bétail de l’Estuaire', '10.91Z', 40, 'bois', ['agroalimentaire', 'agriculture']],
  ['biscuiterie', 'Biscuiterie de la Darse', '10.72Z', 150, 'darse', ['agroalimentaire']],
  ['mareyage', 'Marée de l’Estuaire', '10.20Z', 65, 'port', ['agroalimentaire', 'maritime']],
  ['conserverie', 'Conserverie de la Côte', '10.20Z', 110, 'rive', ['agroalimentaire']],
  ['silo', 'Silos Portuaires Céréaliers', '52.10B', 28, 'port', ['logistique portuaire', 'agriculture']],
  // ---- Waste and recycling
  ['recyclage-metaux', 'Ferrailles & Métaux Vire', '38.32Z', 75, 'port', ['déchets', 'métallurgie']],
  ['recyclage-plastiques', 'RePlast Estuaire', '38.32Z', 48, 'rive', ['déchets', 'plasturgie']],
  ['dechets-dangereux', 'Trévire — traitement des déchets dangereux', '38.22Z', 66, 'darse', ['déchets', 'chimie']],
  ['collecte', 'Collecte Propre Estuaire', '38.11Z', 210, 'plateau', ['déchets']],
  ['ressourcerie', 'Ressourcerie Les Mains Vertes', '38.32Z', 28, 'plateau', ['déchets', 'réemploi'], { ess: true, website: 'https://mains-vertes.example' }],
  ['palettes', 'Palettes Réemploi Solidaires', '16.24Z', 22, 'marais', ['bois-papier', 'réemploi'], { ess: true }],
  ['granulats', 'Granulats de la Rive', '08.12Z', 40, 'rive', ['matériaux', 'BTP']],
  ['compostage', 'Compost des Marais', '38.21Z', 14, 'marais', ['déchets', 'agriculture']],
  ['dragage', 'Dragages de la Vire-Marine', '42.91Z', 60, 'port', ['logistique portuaire', 'BTP']],
  // ---- Logistics
  ['terminal-conteneurs', 'Terminal Conteneurs Vire', '52.24A', 380, 'port', ['logistique portuaire']],
  ['transports-leroux', 'Transports Leroux', '49.41A', 160, 'plateau', ['logistique']],
  ['manutention', 'Manutention Portuaire Réunie', '52.24A', 240, 'port', ['logistique portuaire']],
  ['entrepot', 'Entrepôts de la Darse', '52.10B', 95, 'darse', ['logistique']],
  ['ferroviaire', 'Fret Rail Estuaire', '49.20Z', 55, 'port', ['logistique']],
  ['remorquage', 'Remorquage de la Vire', '50.20Z', 48, 'port', ['logistique portuaire']],
  ['vrac', 'Vrac Solides Services', '52.24A', 70, 'darse', ['logistique portuaire']],
  ['transit', 'Transitaire Vire Maritime', '52.29A', 45, 'port', ['logistique portuaire']],
  // ---- Materials and manufacturing
  ['beton', 'Béton Prêt Estuaire', '23.63Z', 30, 'rive', ['matériaux', 'BTP']],
  ['enrobes', 'Enrobés de la Rive Sud', '23.99Z', 25, 'rive', ['matériaux', 'BTP']],
  ['tuiles', 'Briqueterie du Marais', '23.32Z', 58, 'marais', ['matériaux', 'BTP']],
  ['laminage', 'Profilés de la Darse', '24.33Z', 110, 'darse', ['métallurgie']],
  ['fonderie', 'Fonderie de Précision du Plateau', '24.51Z', 140, 'plateau', ['métallurgie']],
  ['chaudronnerie', 'Chaudronnerie Marais-Industrie', '25.29Z', 65, 'marais', ['métallurgie', 'maintenance']],
  ['usinage', 'Usinage Mécanique du Plateau', '25.62B', 48, 'plateau', ['métallurgie']],
  ['emballages', 'Emballages Carton du Plateau', '17.21A', 130, 'plateau', ['bois-papier']],
  ['plasturgie', 'Injection Plastique Estuaire', '22.29A', 95, 'rive', ['plasturgie']],
  ['peintures', 'Peintures & Vernis de la Vire', '20.30Z', 72, 'darse', ['chimie']],
  ['detergents', 'Détergents Océane', '20.41Z', 55, 'darse', ['chimie']],
  ['verrerie', 'Verrerie de la Côte', '23.13Z', 160, 'marais', ['matériaux']],
  ['scierie', 'Scierie de Quillebois', '16.10A', 25, 'bois', ['bois-papier']],
  ['cables', 'Câbles Marins de la Vire', '27.32Z', 210, 'port', ['électrotechnique', 'énergie']],
  ['eolien', 'Pales Éoliennes de l’Estuaire', '28.11Z', 380, 'port', ['énergie', 'composites'], { website: 'https://pales-estuaire.example' }],
  ['peinture-navale', 'Revêtements Navals de la Vire', '20.30Z', 40, 'darse', ['chimie', 'maritime']],
  ['cartonnerie', 'Cartonnerie Solidaire du Marais', '17.21B', 26, 'marais', ['bois-papier'], { ess: true }],
  // ---- Maintenance, engineering, services
  ['maintenance', 'Maintenance Industrielle Vire', '33.12Z', 180, 'darse', ['maintenance']],
  ['tuyauterie', 'Tuyauterie & Montage de la Darse', '33.20A', 85, 'darse', ['maintenance', 'métallurgie']],
  ['echafaudages', 'Échafaudages de l’Ouest-Estuaire', '43.99B', 90, 'rive', ['maintenance', 'BTP']],
  ['electricite', 'Électricité Industrielle Estuaire', '43.21A', 120, 'plateau', ['maintenance', 'énergie']],
  ['ingenierie', 'Ingénierie Process Vire', '71.12B', 75, 'port', ['ingénierie'], { website: 'https://ingenierie-process-vire.example' }],
  ['controle', 'Contrôles & Essais Estuaire', '71.20B', 40, 'darse', ['ingénierie']],
  ['nettoyage', 'Nettoyage Industriel Océane', '81.22Z', 150, 'rive', ['services']],
  ['securite', 'Sécurité Sites Portuaires', '80.10Z', 110, 'port', ['services']],
  ['interim', 'Intérim Estuaire Emploi', '78.20Z', 30, 'plateau', ['services', 'emploi']],
  ['geiq', 'Groupement d’employeurs Estuaire Compétences', '78.30Z', 18, 'plateau', ['emploi', 'maintenance'], { ess: true, description: 'Salariés à temps partagé entre PME (électriciens, soudeurs, préventeurs).' }],
  ['insertion', 'Chantier d’insertion Vire Solidaire', '88.99B', 35, 'marais', ['emploi', 'réemploi'], { ess: true }],
  ['restauration', 'Restauration Collective des Docks', '56.29A', 85, 'port', ['services'], { ess: true }],
  ['formation', 'Centre de Formation Industrielle de la Vire-Marine', '85.32Z', 45, 'plateau', ['formation']],
  ['universite', 'Laboratoire Procédés & Environnement (Université de la Vire-Marine)', '72.19Z', 60, 'plateau', ['recherche', 'formation'], { website: 'https://lpe.univ-vire-marine.example' }],
  ['cfa', 'CFA des Métiers Portuaires', '85.31Z', 30, 'port', ['formation']],
  ['laboratoire', 'Analyses Environnement Estuaire', '71.20B', 22, 'rive', ['ingénierie', 'eau']],
  ['informatique', 'Numérique Industriel de la Vire', '62.02A', 40, 'plateau', ['numérique']],
  ['bureau-etudes', 'Bureau d’études Énergie Vire', '71.12B', 18, 'marais', ['ingénierie', 'énergie']],
  ['location-engins', 'Location d’Engins de l’Estuaire', '77.32Z', 35, 'rive', ['maintenance', 'BTP']],
  ['gardiennage', 'Surveillance Portuaire Océane', '80.10Z', 60, 'port', ['services']],
  ['chantier-naval', 'Chantier Naval de la Darse', '33.15Z', 130, 'darse', ['maintenance', 'maritime']],
  ['avitaillement', 'Avitaillement des Navires Vire', '46.71Z', 20, 'port', ['maritime', 'énergie']],
  ['club-eit', 'Club d’écologie industrielle de l’Estuaire', '94.11Z', 3, 'port', ['écologie industrielle'], { ess: true, website: 'https://club-eit-estuaire.example', description: 'Association des entreprises de la zone : anime les ateliers de synergies et les achats groupés.' }],
  // ---- Closed or planned sites
  ['ancienne-raffinerie', 'Dépôt pétrolier de la Rive (fermé)', '52.10A', 0, 'rive', ['énergie'], { status: 'closed', description: 'Dépôt fermé en 2024 ; le terrain est à reconvertir.' }],
  ['teillage', 'Teillage de lin de Quillebois (fermé)', '13.10Z', 0, 'bois', ['textile', 'agriculture'], { status: 'closed', description: 'Usine de teillage fermée en 2023.' }],
  ['batterie', 'Recyclage Batteries Estuaire (projet)', '38.32Z', 0, 'darse', ['déchets', 'électromobilité'], { status: 'planned' }],
];

// External partners (suppliers, markets, ports elsewhere)
export const PARTNERS: PartnerRow[] = [
  ['mine-minerai', 'Ore Export Terminal Pilbara (fictif)', '07.10Z', 'Port Hedland', -20.31, 118.58, 'AU'],
  ['charbon', 'Coking Coal Shipping Co. (fictif)', '05.10Z', 'Newcastle', -32.93, 151.78, 'AU'],
  ['brut', 'North Sea Crude Trading (fictif)', '06.10Z', 'Aberdeen', 57.15, -2.09, 'GB'],
  ['phosphates', 'Phosphates de l’Atlantique (fictif)', '08.91Z', 'Jorf Lasfar', 33.12, -8.63, 'MA'],
  ['port-anvers', 'Feeder Lines Antwerpen (fictif)', '52.22Z', 'Antwerpen', 51.26, 4.4, 'BE'],
  ['constructeur-auto', 'Carrosseries Automobiles de Seine (client, fictif)', '29.10Z', 'Poissy', 48.93, 2.05],
  ['btp-paris', 'Grands Travaux d’Île-de-France (client, fictif)', '42.11Z', 'Nanterre', 48.89, 2.2],
  ['chimie-lyon', 'Chimie du Couloir Rhodanien (client, fictif)', '20.14Z', 'Saint-Fons', 45.7, 4.85],
  ['papier-recycle', 'Négoce Papiers Recyclés du Nord (fictif)', '46.77Z', 'Lille', 50.63, 3.06],
  ['solvants', 'Solvants Régénérés de l’Est (fictif)', '38.32Z', 'Strasbourg', 48.57, 7.75],
  ['distribution', 'Centrale d’achat de la grande distribution (fictif)', '46.39B', 'Rungis', 48.75, 2.35],
  ['gaz-naturel', 'Transport de gaz de l’Ouest (fictif)', '35.22Z', 'Rouen', 49.44, 1.1],
  ['electricite-reseau', 'Réseau électrique régional (fictif)', '35.12Z', 'Caen', 49.18, -0.37],
  ['equipementier', 'Turbinen & Kompressoren Rhein (fictif)', '28.13Z', 'Mannheim', 49.49, 8.47, 'DE'],
  ['engrais-export', 'Fertiliser Trading Europe (fictif)', '46.75Z', 'Rotterdam', 51.92, 4.48, 'NL'],
  ['sucre-export', 'Zucker & Ethanol Handel (fictif)', '46.36Z', 'Hamburg', 53.55, 9.99, 'DE'],
];
