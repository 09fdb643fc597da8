/**
 * The resources of the sample territory (examples/data/port-estuaire.toile.json), all FICTIONAL: the
 * offers and needs declared at the October 2025 workshop, in the order they are added (the order
 * numbers them and draws their source, so it must not change). Built by build-port-estuaire.ts.
 */
import type { components } from '@toile/schema';

type Resource = components['schemas']['Resource'];
type FlowKind = components['schemas']['FlowKind'];
type Unit = components['schemas']['Unit'];
type Family = components['schemas']['Family'];

/** A resource: the arguments of the builder's `res`. */
export type ResourceRow = [
  establishment: string,
  direction: 'offer' | 'need',
  kind: FlowKind,
  label: string,
  code?: string,
  family?: Family,
  q?: number,
  unit?: Unit,
  availability?: string,
  conf?: Resource['confidentiality'],
];

export const OFFERS: ResourceRow[] = [
  ['acierie', 'offer', 'energy', 'Chaleur fatale 90 °C (eaux de refroidissement)', undefined, 'heat', 120_000, 'MWh/yr'],
  ['acierie', 'offer', 'byproduct', 'Laitier d’aciérie (excédent)', 'ewc:100202', 'mineral-waste', 60_000, 't/yr'],
  ['acierie', 'offer', 'byproduct', 'Poussières de haut fourneau', 'ewc:100208', 'mineral-waste', 8000, 't/yr', 'continuous', 'partners'],
  ['acierie', 'offer', 'byproduct', 'CO2 des gaz de haut fourneau', undefined, 'co2', 3_000_000, 't/yr'],
  ['raffinerie', 'offer', 'byproduct', 'Soufre liquide (excédent)', 'ewc:050116', 'chemicals', 50_000, 't/yr'],
  ['raffinerie', 'offer', 'energy', 'Vapeur basse pression excédentaire', undefined, 'steam', 20, 't/h'],
  ['raffinerie', 'offer', 'byproduct', 'CO2 concentré de l’unité d’hydrogène', undefined, 'co2', 400_000, 't/yr', 'continuous', 'partners'],
  ['raffinerie', 'offer', 'energy', 'Chaleur fatale des fumées', undefined, 'heat', 90_000, 'MWh/yr', 'continuous', 'confidential'],
  ['centrale', 'offer', 'byproduct', 'Cendres volantes (stock)', 'ewc:100102', 'combustion-residues', 4000, 't/yr', 'batch'],
  ['incinerateur', 'offer', 'energy', 'Chaleur non valorisée l’été', undefined, 'heat', 40_000, 'MWh/yr', 'seasonal'],
  ['incinerateur', 'offer', 'byproduct', 'Ferreux extraits des mâchefers', 'ewc:190102', undefined, 3500, 't/yr'],
  ['papeterie', 'offer', 'byproduct', 'Cendres de chaudière biomasse', 'ewc:100101', undefined, 5000, 't/yr'],
  ['papeterie', 'offer', 'byproduct', 'Boues fibreuses', 'ewc:030311', undefined, 12_000, 't/yr'],
  ['sucrerie', 'offer', 'byproduct', 'Terres de lavage des betteraves', 'ewc:020401', 'soils', 80_000, 't/yr', 'seasonal'],
  ['sucrerie', 'offer', 'byproduct', 'CO2 de fermentation', undefined, 'co2', 15_000, 't/yr', 'seasonal'],
  ['laiterie', 'offer', 'water', 'Eaux de condensation du lait', undefined, 'process-water', 120_000, 'm3/yr'],
  ['brasserie', 'offer', 'byproduct', 'Levures usagées', 'ewc:020799', undefined, 150, 't/yr'],
  ['terminal-conteneurs', 'offer', 'byproduct', 'Palettes bois usagées', 'ewc:150103', undefined, 900, 't/yr'],
  ['verrerie', 'offer', 'energy', 'Chaleur des fumées du four', undefined, 'heat', 35_000, 'MWh/yr'],
  ['petrochimie', 'offer', 'byproduct', 'Rebuts de polyéthylène', 'ewc:070213', undefined, 1200, 't/yr'],
  ['eolien', 'offer', 'byproduct', 'Chutes de composite verre-résine', 'ewc:070213', undefined, 800, 't/yr'],
  ['chantier-naval', 'offer', 'byproduct', 'Chutes d’acier', 'ewc:120101', undefined, 600, 't/yr'],
  ['fonderie', 'offer', 'byproduct', 'Sables de fonderie (excédent)', 'ewc:100908', 'mineral-waste', 3000, 't/yr'],
  ['huilerie', 'offer', 'byproduct', 'Résidus de trituration déclassés', 'ewc:020304', undefined, 1500, 't/yr', 'batch'],
  ['emballages', 'offer', 'byproduct', 'Chutes de carton ondulé', 'ewc:150101', undefined, 2000, 't/yr'],
  ['recyclage-metaux', 'offer', 'byproduct', 'Ferrailles triées qualité E3', 'ewc:191202', undefined, 40_000, 't/yr'],
  ['gaz-indus', 'offer', 'byproduct', 'CO2 liquéfié disponible', undefined, 'co2', 5000, 't/yr', 'continuous', 'partners'],
  ['ancienne-raffinerie', 'offer', 'pooling', 'Terrain et cuves disponibles', undefined, undefined, 120_000, 'm2', 'from 2026'],
  ['geiq', 'offer', 'pooling', 'Électricien industriel à temps partagé', undefined, undefined, 1, 'FTE'],
  ['formation', 'offer', 'pooling', 'Plateau technique de soudage', undefined, undefined, 60, 'day/yr', 'occasional'],
  ['location-engins', 'offer', 'pooling', 'Nacelles et chariots en location partagée', undefined, undefined, 12, 'unit'],
];

export const NEEDS: ResourceRow[] = [
  ['cimenterie', 'need', 'byproduct', 'Matières de substitution au clinker', 'ewc:100202', 'mineral-waste', 100_000, 't/yr'],
  ['cimenterie', 'need', 'energy', 'Combustibles solides de récupération', 'ewc:191210', undefined, 50_000, 't/yr'],
  ['cimenterie', 'need', 'byproduct', 'Cendres pour ciments composés', 'ewc:100102', 'combustion-residues', 15_000, 't/yr'],
  ['cimenterie', 'need', 'byproduct', 'Sables correcteurs de silice', 'ewc:100906', 'mineral-waste', 5000, 't/yr'],
  ['serres', 'need', 'energy', 'Chaleur basse température', undefined, 'heat', 30_000, 'MWh/yr', 'seasonal'],
  ['serres', 'need', 'byproduct', 'CO2 pour l’enrichissement des serres', undefined, 'co2', 3000, 't/yr', 'seasonal'],
  ['conserverie', 'need', 'byproduct', 'CO2 alimentaire', undefined, 'co2', 1500, 't/yr'],
  ['reseau-chaleur', 'need', 'energy', 'Chaleur de récupération supplémentaire', undefined, 'heat', 80_000, 'MWh/yr'],
  ['engrais', 'need', 'byproduct', 'Soufre pour acide sulfurique', 'ewc:050116', 'chemicals', 40_000, 't/yr'],
  ['tuiles', 'need', 'byproduct', 'Cendres et fines minérales', 'ewc:100102', 'combustion-residues', 3000, 't/yr'],
  ['palettes', 'need', 'byproduct', 'Palettes à reconditionner', 'ewc:150103', undefined, 2000, 't/yr'],
  ['acierie', 'need', 'byproduct', 'Ferrailles de qualité', 'ewc:191202', undefined, 60_000, 't/yr'],
  ['recyclage-plastiques', 'need', 'byproduct', 'Plastiques industriels propres', 'ewc:070213', undefined, 4000, 't/yr'],
  ['methanisation', 'need', 'byproduct', 'Biodéchets agroalimentaires', 'ewc:020304', undefined, 10_000, 't/yr'],
  ['aliments-betail', 'need', 'byproduct', 'Coproduits végétaux pour l’alimentation animale', 'ewc:020304', undefined, 5000, 't/yr'],
  ['granulats', 'need', 'byproduct', 'Déchets minéraux inertes', 'ewc:170107', undefined, 50_000, 't/yr'],
  ['papeterie', 'need', 'byproduct', 'Cartons de récupération', 'ewc:150101', undefined, 10_000, 't/yr'],
  ['compostage', 'need', 'byproduct', 'Boues fibreuses pour co-compostage', 'ewc:030311', undefined, 4000, 't/yr'],
  ['hydrogene', 'need', 'water', 'Eau déminéralisée', undefined, 'process-water', 300_000, 'm3/yr', 'from 2028'],
  ['hydrogene', 'need', 'energy', 'Électricité bas carbone', undefined, 'electricity', 700_000, 'MWh/yr', 'from 2028', 'partners'],
  ['acierie', 'need', 'energy', 'Hydrogène pour la réduction directe', undefined, 'hydrogen', 50_000, 't/yr', 'from 2030', 'confidential'],
  ['papeterie', 'need', 'water', 'Eau de process recyclée', undefined, 'process-water', 500_000, 'm3/yr'],
  ['biscuiterie', 'need', 'water', 'Eau de nettoyage non potable', undefined, 'process-water', 30_000, 'm3/yr'],
  ['laiterie', 'need', 'energy', 'Vapeur basse pression', undefined, 'steam', 8, 't/h'],
  ['peintures', 'need', 'pooling', 'Achats groupés de solvants', undefined, undefined, 300, 't/yr'],
  ['detergents', 'need', 'pooling', 'Achats groupés de solvants', undefined, undefined, 200, 't/yr'],
  ['usinage', 'need', 'pooling', 'Formation sécurité mutualisée', undefined, undefined, 20, 'day/yr', 'occasional'],
  ['chaudronnerie', 'need', 'pooling', 'Formation sécurité mutualisée', undefined, undefined, 30, 'day/yr', 'occasional'],
  ['fonderie', 'need', 'pooling', 'Formation sécurité mutualisée', undefined, undefined, 25, 'day/yr', 'occasional'],
  ['usinage', 'need', 'pooling', 'Électricien industriel à temps partagé', undefined, undefined, 0.5, 'FTE'],
  ['brasserie', 'need', 'pooling', 'Transport mutualisé vers l’Île-de-France', undefined, undefined, 150, 'trip/yr'],
  ['conserverie', 'need', 'pooling', 'Transport mutualisé vers l’Île-de-France', undefined, undefined, 300, 'trip/yr'],
  ['laiterie', 'need', 'pooling', 'Transport mutualisé vers l’Île-de-France', undefined, undefined, 800, 'trip/yr'],
  ['scierie', 'need', 'pooling', 'Maintenance mutualisée des chariots', undefined, undefined, 2, 'unit'],
  ['palettes', 'need', 'pooling', 'Maintenance mutualisée des chariots', undefined, undefined, 3, 'unit'],
  ['chantier-naval', 'need', 'pooling', 'Plateau technique de soudage', undefined, undefined, 20, 'day/yr', 'occasional'],
  ['batterie', 'need', 'pooling', 'Terrain industriel de 5 ha', undefined, undefined, 50_000, 'm2', 'from 2027', 'confidential'],
];
