/**
 * The productive capabilities of the sample territory's manufacturers and subcontractors
 * (examples/data/port-estuaire.toile.json), all FICTIONAL: what each can make or do (a process of the
 * vocabulary of @toile/schema, `vocab/processes.json`), with which product codes, how much, and the
 * share of it left idle for others. build-port-estuaire.ts attaches them to their establishments
 * after every draw of the PRNG, from this table alone: nothing else in the file changes.
 *
 * Kin pairs a reader can check by hand — two establishments that share a process AND product codes:
 * - `usinage` (Usinage Mécanique du Plateau) and `maintenance` (Maintenance Industrielle Vire):
 *   machining with defined cutting edges, `din8580:3.2`, products `cpa:25.62` and `hs:8483`;
 * - `chaudronnerie` (Chaudronnerie Marais-Industrie) and `tuyauterie` (Tuyauterie & Montage de la
 *   Darse): welding, `din8580:4.6`, products `cpa:25.29` and `hs:7309`;
 * - `peinture-navale` (Revêtements Navals de la Vire) and `chantier-naval` (Chantier Naval de la
 *   Darse): painting, `din8580:5.1`, products `cpa:25.61` and `naf:25.61Z`;
 * - `controle` (Contrôles & Essais Estuaire) and `laboratoire` (Analyses Environnement Estuaire):
 *   testing laboratory, `testing:laboratory`, products `cpa:71.20` and `naf:71.20B`.
 * Other establishments share a process without a product (welding at the shipyard, bending at
 * `laminage` and `chaudronnerie`) or a product without a process: near, not kin.
 */
import type { components } from '@toile/schema';

type Capability = components['schemas']['Capability'];

/** Capabilities by establishment id, in the order they are listed in the establishment. */
export const CAPABILITIES: Readonly<Record<string, readonly Capability[]>> = {
  acierie: [
    { id: 'acierie-laminage-chaud', label: 'Laminage à chaud de bobines et tôles fortes', process: 'din8580:2.1', products: ['cpa:24.10', 'hs:7208'], capacity: { value: 3_200_000, unit: 't/yr' }, certifications: ['ISO 9001', 'ISO 14001', 'ISO 50001'] },
  ],
  laminage: [
    { id: 'laminage-profilage', label: 'Profilage à froid de profilés ouverts et fermés', process: 'din8580:2.4', products: ['cpa:24.33', 'hs:7216'], capacity: { value: 45_000, unit: 't/yr' }, spare: { share: 0.15, from: '2026-01-01', to: '2026-12-31' }, certifications: ['ISO 9001', 'EN 1090-1'] },
  ],
  fonderie: [
    { id: 'fonderie-moulage', label: 'Fonderie de fonte et d’acier au sable, pièces de 1 à 800 kg', process: 'din8580:1.1', products: ['cpa:24.51', 'hs:7325'], capacity: { value: 6_500, unit: 't/yr' }, spare: { share: 0.1, from: '2026-03-01' }, certifications: ['ISO 9001'] },
    { id: 'fonderie-traitement-thermique', label: 'Recuit et trempe des pièces moulées', process: 'din8580:6.2', products: ['hs:7325'], capacity: { value: 4_000, unit: 'h/yr' }, confidentiality: 'partners' },
  ],
  chaudronnerie: [
    { id: 'chaudronnerie-soudage', label: 'Chaudronnerie soudée : cuves, réservoirs et charpentes (MIG/MAG, TIG)', process: 'din8580:4.6', products: ['cpa:25.29', 'hs:7309', 'hs:7308'], capacity: { value: 52_000, unit: 'h/yr' }, spare: { share: 0.2, from: '2026-01-01', to: '2026-06-30' }, certifications: ['ISO 3834-2', 'ISO 9001'] },
    { id: 'chaudronnerie-roulage', label: 'Roulage et pliage de tôles jusqu’à 40 mm', process: 'din8580:2.4', products: ['cpa:25.29'], capacity: { value: 8_000, unit: 'h/yr' } },
  ],
  usinage: [
    { id: 'usinage-tournage-fraisage', label: 'Tournage et fraisage CN 5 axes, arbres et pièces de transmission', process: 'din8580:3.2', products: ['cpa:25.62', 'hs:8483', 'hs:8487'], capacity: { value: 38_000, unit: 'h/yr' }, spare: { share: 0.25, from: '2026-01-01', to: '2026-12-31' }, certifications: ['ISO 9001', 'EN 9100'] },
    { id: 'usinage-rectification', label: 'Rectification cylindrique et plane', process: 'din8580:3.3', products: ['cpa:25.62'], capacity: { value: 6_000, unit: 'h/yr' }, confidentiality: 'partners' },
    { id: 'usinage-metrologie', label: 'Contrôle dimensionnel sur machine tridimensionnelle', process: 'testing:metrology', capacity: { value: 1_500, unit: 'h/yr' } },
  ],
  plasturgie: [
    { id: 'plasturgie-injection', label: 'Injection de pièces techniques de 5 g à 2 kg (presses 50 à 800 t)', process: 'din8580:1.2', products: ['cpa:22.29', 'hs:3926'], capacity: { value: 2_400, unit: 't/yr' }, spare: { share: 0.3, from: '2026-04-01', to: '2026-09-30' }, certifications: ['ISO 9001', 'IATF 16949'] },
  ],
  cables: [
    { id: 'cables-trefilage', label: 'Tréfilage du cuivre et câblage de conducteurs', process: 'din8580:2.2', products: ['cpa:27.32', 'hs:8544'], capacity: { value: 18_000, unit: 't/yr' }, certifications: ['ISO 9001'] },
    { id: 'cables-essais-ht', label: 'Essais haute tension des câbles', process: 'testing:laboratory', products: ['hs:8544'], capacity: { value: 3_000, unit: 'h/yr' }, confidentiality: 'partners' },
  ],
  eolien: [
    { id: 'eolien-collage', label: 'Collage structural des coques de pales', process: 'din8580:4.8', products: ['cpa:28.11', 'hs:8503'], capacity: { value: 450, unit: 'unit/yr' }, confidentiality: 'confidential' },
    { id: 'eolien-assemblage', label: 'Assemblage et finition de pales de 80 à 110 m', process: 'assembly', products: ['cpa:28.11', 'hs:8503'], capacity: { value: 450, unit: 'unit/yr' }, certifications: ['ISO 9001', 'DNV-ST-0376'] },
  ],
  'peinture-navale': [
    { id: 'peinture-navale-anticorrosion', label: 'Peinture anticorrosion de coques et de structures marines', process: 'din8580:5.1', products: ['cpa:25.61', 'naf:25.61Z'], capacity: { value: 20_000, unit: 'h/yr' }, spare: { share: 0.35, from: '2026-10-01', to: '2027-03-31' }, certifications: ['ACQPA', 'ISO 12944'] },
    { id: 'peinture-navale-metallisation', label: 'Métallisation zinc-aluminium par projection thermique', process: 'din8580:5.4', products: ['cpa:25.61'], capacity: { value: 5_000, unit: 'h/yr' } },
  ],
  'chantier-naval': [
    { id: 'chantier-naval-soudage', label: 'Soudage de tôles de bordé et de structures de navires', process: 'din8580:4.6', products: ['cpa:33.15'], capacity: { value: 60_000, unit: 'h/yr' }, certifications: ['ISO 3834-2', 'Bureau Veritas'] },
    { id: 'chantier-naval-peinture', label: 'Peinture de carènes en cale sèche', process: 'din8580:5.1', products: ['cpa:25.61', 'naf:25.61Z'], capacity: { value: 15_000, unit: 'h/yr' }, spare: { share: 0.2 } },
  ],
  maintenance: [
    { id: 'maintenance-usinage', label: 'Atelier d’usinage de pièces de rechange (arbres, paliers)', process: 'din8580:3.2', products: ['cpa:25.62', 'hs:8483'], capacity: { value: 12_000, unit: 'h/yr' }, spare: { share: 0.15 }, certifications: ['ISO 9001', 'MASE'] },
    { id: 'maintenance-machines', label: 'Maintenance et réparation de machines tournantes', process: 'maintenance', products: ['cpa:33.12'], capacity: { value: 140_000, unit: 'h/yr' }, certifications: ['MASE'] },
  ],
  tuyauterie: [
    { id: 'tuyauterie-soudage', label: 'Préfabrication soudée de tuyauteries et de réservoirs sous pression', process: 'din8580:4.6', products: ['cpa:25.29', 'hs:7309', 'hs:7307'], capacity: { value: 70_000, unit: 'h/yr' }, spare: { share: 0.1, from: '2026-07-01', to: '2026-08-31' }, certifications: ['ISO 3834-2', 'MASE'], confidentiality: 'partners' },
    { id: 'tuyauterie-montage', label: 'Montage de tuyauteries et d’équipements sur site', process: 'assembly', products: ['naf:33.20A'], capacity: { value: 90_000, unit: 'h/yr' } },
  ],
  electricite: [
    { id: 'electricite-maintenance', label: 'Maintenance électrique des installations industrielles', process: 'maintenance', products: ['cpa:33.14'], capacity: { value: 150_000, unit: 'h/yr' }, certifications: ['Qualifelec', 'MASE'] },
  ],
  ingenierie: [
    { id: 'ingenierie-etudes', label: 'Études de procédés et ingénierie de détail', process: 'design', products: ['cpa:71.12'], capacity: { value: 95_000, unit: 'h/yr' }, spare: { share: 0.1 } },
  ],
  controle: [
    { id: 'controle-cnd', label: 'Contrôle non destructif : ultrasons, radiographie, magnétoscopie, ressuage', process: 'testing:ndt', products: ['cpa:71.20', 'naf:71.20B'], capacity: { value: 45_000, unit: 'h/yr' }, spare: { share: 0.3, from: '2026-01-01', to: '2026-12-31' }, certifications: ['ISO 9712', 'ISO/IEC 17020'] },
    { id: 'controle-essais-mecaniques', label: 'Essais mécaniques : traction, résilience, dureté', process: 'testing:laboratory', products: ['cpa:71.20', 'naf:71.20B'], capacity: { value: 8_000, unit: 'h/yr' }, certifications: ['ISO/IEC 17025'] },
  ],
  laboratoire: [
    { id: 'laboratoire-analyses', label: 'Analyses d’eaux, de sols et de rejets industriels', process: 'testing:laboratory', products: ['cpa:71.20', 'naf:71.20B'], capacity: { value: 12_000, unit: 'h/yr' }, spare: { share: 0.2 }, certifications: ['ISO/IEC 17025'] },
  ],
  entrepot: [
    { id: 'entrepot-stockage', label: 'Stockage et préparation de commandes sous douane', process: 'logistics', products: ['naf:52.10B'], capacity: { value: 120_000, unit: 'pallet/yr' }, spare: { share: 0.4, from: '2026-01-01', to: '2026-03-31' }, certifications: ['OEA'] },
  ],
};
