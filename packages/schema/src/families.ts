/**
 * The material-family vocabulary: the waste-material categories of the European List of Waste
 * mapping (Data Commons Scotland, CC BY 4.0) under short kebab-case ids, plus energy and utility
 * families. The ids must equal the `Family` enum of `openapi.yaml` (a test checks it).
 */

/** Which part of the vocabulary a family belongs to. */
export type FamilyGroup = 'material' | 'energy' | 'utility';

/** One material family with its labels and its links to the reference tables. */
export interface FamilyInfo {
  /** Kebab-case id, as written in `item.family`. */
  readonly id: string;
  readonly group: FamilyGroup;
  readonly label: { readonly fr: string; readonly en: string };
  /** Waste-material categories of `vocab/source/ewc-code.csv` gathered under this family. */
  readonly ewcMaterials: readonly string[];
  /** Row of `vocab/source/co2e-multiplier.csv` (a relative carbon weighting, not t CO2e per t), when one fits. */
  readonly co2eMaterial?: string;
}

const m = (id: string, fr: string, en: string, ewcMaterials: string[], co2eMaterial?: string): FamilyInfo => ({
  id,
  group: 'material',
  label: { fr, en },
  ewcMaterials,
  ...(co2eMaterial ? { co2eMaterial } : {}),
});
const u = (id: string, group: FamilyGroup, fr: string, en: string): FamilyInfo => ({
  id,
  group,
  label: { fr, en },
  ewcMaterials: [],
});

/** Every family of the vocabulary, materials first. */
export const FAMILIES: readonly FamilyInfo[] = [
  m('acid-alkaline-saline', 'Déchets acides, alcalins ou salins', 'Acid, alkaline or saline wastes', ['Acid, alkaline or saline wastes']),
  m('animal-food-waste', 'Déchets alimentaires et animaux', 'Animal and mixed food waste', ['Animal and mixed food waste'], 'Food and Drink Waste (wet AD)'),
  m('animal-manure', 'Effluents d’élevage', 'Animal faeces, urine and manure', ['Animal faeces, urine and manure']),
  m('batteries', 'Piles et accumulateurs', 'Batteries and accumulators', ['Batteries and accumulators wastes'], 'Batteries (Post Consumer Non Automotive)'),
  m('chemicals', 'Produits et déchets chimiques', 'Chemicals and chemical wastes', ['Chemical wastes']),
  m('combustion-residues', 'Résidus de combustion', 'Combustion residues', ['Combustion wastes']),
  m('common-sludges', 'Boues courantes', 'Common sludges', ['Common sludges']),
  m(
    'construction-demolition',
    'Déchets minéraux du BTP',
    'Construction and demolition mineral waste',
    ['Mineral waste from construction and demolition'],
    'Aggregates (Rubble)',
  ),
  m(
    'discarded-equipment',
    'Équipements usagés (DEEE)',
    'Discarded equipment (WEEE)',
    ['Discarded equipment (excluding discarded vehicles, batteries and accumulators wastes)'],
    'WEEE - Mixed',
  ),
  m('discarded-vehicles', 'Véhicules hors d’usage', 'Discarded vehicles', ['Discarded vehicles']),
  m('dredging-spoils', 'Sédiments de dragage', 'Dredging spoils', ['Dredging spoils']),
  m('effluent-sludges', 'Boues d’effluents industriels', 'Industrial effluent sludges', ['Industrial effluent sludges']),
  m('ferrous-metals', 'Métaux ferreux', 'Ferrous metals', ['Metallic wastes, ferrous'], 'Scrap Metal'),
  m('glass', 'Verre', 'Glass', ['Glass wastes'], 'Glass (mixed colours)'),
  m('health-care-waste', 'Déchets de soins et biologiques', 'Health care and biological waste', ['Health care and biological wastes']),
  m('household-waste', 'Déchets ménagers et assimilés', 'Household and similar waste', ['Household and similar wastes']),
  m('mineral-waste', 'Matières minérales', 'Mineral materials', ['Other mineral wastes'], 'Aggregates (Rubble)'),
  m('mixed-materials', 'Matières mélangées', 'Mixed and undifferentiated materials', ['Mixed and undifferentiated materials']),
  m(
    'mixed-metals',
    'Métaux ferreux et non ferreux mélangés',
    'Mixed ferrous and non-ferrous metals',
    ['Metallic wastes, mixed ferrous and non-ferrous'],
    'Scrap Metal',
  ),
  m('non-ferrous-metals', 'Métaux non ferreux', 'Non-ferrous metals', ['Metallic wastes, non-ferrous'], 'Scrap Metal'),
  m('paper-cardboard', 'Papiers et cartons', 'Paper and cardboard', ['Paper and cardboard wastes'], 'Mixed paper and board'),
  m('pcb-waste', 'Déchets contenant des PCB', 'Waste containing PCB', ['Waste containing PCB']),
  m('plastics', 'Plastiques', 'Plastics', ['Plastic wastes'], 'Average Plastics'),
  m('rubber', 'Caoutchouc', 'Rubber', ['Rubber wastes']),
  m('soils', 'Terres', 'Soils', ['Soils']),
  m('sorting-residues', 'Refus de tri', 'Sorting residues', ['Sorting residues']),
  m('spent-solvents', 'Solvants usés', 'Spent solvents', ['Spent solvents']),
  m('textiles', 'Textiles', 'Textiles', ['Textile wastes'], 'Textiles'),
  m('treatment-mineral-waste', 'Déchets minéraux de traitement', 'Mineral waste from waste treatment', [
    'Mineral wastes from waste treatment and stabilised wastes',
  ]),
  m('treatment-sludges', 'Boues et liquides de traitement des déchets', 'Sludges and liquid wastes from waste treatment', [
    'Sludges and liquid wastes from waste treatment',
  ]),
  m('used-oils', 'Huiles usagées', 'Used oils', ['Used oils'], 'Mineral Oil'),
  m('vegetal-waste', 'Matières végétales', 'Vegetal materials', ['Vegetal wastes'], 'Mixed Food and Garden Waste (Composting)'),
  m('wood', 'Bois', 'Wood', ['Wood wastes'], 'Wood'),
  m('other', 'Autres matières', 'Other materials', ['Uncategorised']),
  u('steam', 'energy', 'Vapeur', 'Steam'),
  u('heat', 'energy', 'Chaleur (chaleur fatale)', 'Heat (waste heat)'),
  u('cold', 'energy', 'Froid', 'Cold'),
  u('electricity', 'energy', 'Électricité', 'Electricity'),
  u('fuel-gas', 'energy', 'Gaz combustible', 'Fuel gas'),
  u('hydrogen', 'energy', 'Hydrogène', 'Hydrogen'),
  u('compressed-air', 'utility', 'Air comprimé', 'Compressed air'),
  u('water', 'utility', 'Eau', 'Water'),
  u('process-water', 'utility', 'Eau de process', 'Process water'),
  u('wastewater', 'utility', 'Eaux usées', 'Wastewater'),
  u('co2', 'utility', 'CO2', 'CO2'),
  u('industrial-gases', 'utility', 'Gaz industriels', 'Industrial gases'),
];

/** Family ids, in vocabulary order. */
export const FAMILY_IDS: readonly string[] = FAMILIES.map((f) => f.id);
