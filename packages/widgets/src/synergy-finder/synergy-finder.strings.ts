/** The synergy finder's words, in French and English, and how it writes numbers and transport costs. */
import type { ItemMatch, TransportEstimate, TransportMode, ValueBasis } from '@toile/sdk';
import type { Message, WidgetLang } from '../base/i18n.ts';

export const T = {
  label: { fr: 'Recherche de synergies', en: 'Synergy finder' },
  params: { fr: 'Paramètres de la recherche', en: 'Search settings' },
  company: { fr: 'Établissement', en: 'Establishment' },
  anyCompany: { fr: 'Toute la toile', en: 'The whole territory' },
  material: {
    fr: 'Matière (code déchet ou famille, en français ou en anglais)',
    en: 'Material (waste code or family, in French or English)',
  },
  materials: { fr: 'Matières', en: 'Materials' },
  clearMaterial: { fr: 'Effacer la matière', en: 'Clear the material' },
  noMaterial: { fr: 'Aucune matière ne correspond.', en: 'No material matches.' },
  inData: { fr: 'dans les données :', en: 'in the data:' },
  family: { fr: 'famille', en: 'family' },
  chapter: { fr: 'chapitre', en: 'chapter' },
  subchapter: { fr: 'sous-chapitre', en: 'sub-chapter' },
  entry: { fr: 'déchet', en: 'waste' },
  need: { fr: 'Besoin', en: 'Need' },
  anyNeed: { fr: 'Tous les besoins', en: 'Every need' },
  radius: { fr: 'Rayon (km)', en: 'Radius (km)' },
  top: { fr: 'Résultats au plus', en: 'Results at most' },
  outside: { fr: 'Inclure les intrants achetés hors territoire', en: 'Include inputs bought outside the territory' },
  hideHazardous: { fr: 'Masquer les déchets dangereux', en: 'Hide hazardous waste' },
  caption: { fr: 'Synergies candidates, la meilleure d’abord', en: 'Candidate synergies, best first' },
  within: { fr: 'rayon', en: 'radius' },
  offerNeed: { fr: 'Offre → besoin', en: 'Offer → need' },
  from: { fr: 'De', en: 'From' },
  to: { fr: 'Vers', en: 'To' },
  distance: { fr: 'Distance', en: 'Distance' },
  score: { fr: 'Score', en: 'Score' },
  parts: { fr: 'Détail du score', en: 'Score breakdown' },
  co2e: { fr: 'Indice carbone relatif*', en: 'Relative carbon index*' },
  action: { fr: 'Action', en: 'Action' },
  show: { fr: 'Voir', en: 'Show' },
  partItem: { fr: 'Matière', en: 'Item' },
  partDistance: { fr: 'Proximité', en: 'Proximity' },
  perTonneFor: { fr: '€/t pour', en: '€/t for' },
  partQuantity: { fr: 'Quantité', en: 'Quantity' },
  partKind: { fr: 'Type de flux', en: 'Flow kind' },
  hazardous: { fr: 'Dangereux', en: 'Hazardous' },
  boughtOutside: { fr: 'acheté hors territoire', en: 'bought outside' },
  unlocated: { fr: 'non localisé', en: 'not located' },
  avoided: { fr: 'CO2e évité (ordre de grandeur)**', en: 'Avoided CO2e (order of magnitude)**' },
  avoidedNote: {
    fr: '** Émissions évitées, ordre de grandeur à deux chiffres : t/an échangées × kg CO2e évités par tonne recyclée (production vierge − recyclage, par tonne de déchets collectée, triée et transformée ; France). « — » : aucun chiffre — pas de facteur ouvert et sûr pour la matière, ou le besoin n’est pas la même matière.',
    en: '** Avoided emissions, an order of magnitude to two figures: t/yr exchanged × kg CO2e avoided per tonne recycled (virgin production − recycling, per tonne of waste collected, sorted and processed; France). “—”: no figure — no sound openly licensed factor for the material, or the need is not for the same material.',
  },
  co2eNote: {
    fr: '* Indice relatif, pas des tonnes de CO2e : t/an échangées × pondération carbone de la matière (Scottish Carbon Metric, textiles = 100). Sert seulement à comparer les candidates entre elles.',
    en: '* A relative index, not tonnes of CO2e: t/yr exchanged × the material’s carbon weighting (Scottish Carbon Metric, textiles = 100). Only for comparing candidates with each other.',
  },
  pooling: { fr: 'Mutualisations possibles', en: 'Pooling candidates' },
  poolingCaption: { fr: 'Établissements proches déclarant le même besoin', en: 'Nearby establishments declaring the same need' },
  poolingNeed: { fr: 'Besoin commun', en: 'Shared need' },
  poolingMembers: { fr: 'Établissements', en: 'Establishments' },
  poolingSpread: { fr: 'Écart max. (km)', en: 'Max. spread (km)' },
  poolingQuantity: { fr: 'Quantité totale', en: 'Total quantity' },
  noPooling: { fr: 'Aucune mutualisation dans ce rayon.', en: 'No pooling candidate within this radius.' },
  export: { fr: 'Exporter en CSV', en: 'Export as CSV' },
  loading: { fr: 'Chargement des données…', en: 'Loading the data…' },
  failed: { fr: 'Données indisponibles.', en: 'The data is unavailable.' },
  noProvider: {
    fr: 'Aucune source de données : placez l’élément dans <toile-data> ou indiquez source="…".',
    en: 'No data source: put the element inside <toile-data> or give source="…".',
  },
  unknownCompany: { fr: 'Établissement introuvable', en: 'Establishment not found' },
  unknownNeed: { fr: 'Besoin introuvable', en: 'Need not found' },
  unknownMaterial: { fr: 'Matière non reconnue', en: 'Material not recognised' },
  none: {
    fr: 'Aucune synergie candidate avec ces paramètres. Essayez un rayon plus grand ou une autre matière.',
    en: 'No candidate synergy with these settings. Try a larger radius or another material.',
  },
  found: { fr: 'synergies candidates', en: 'candidate synergies' },
  foundOne: { fr: 'synergie candidate', en: 'candidate synergy' },
  shown: { fr: 'Affichés :', en: 'Shown:' },
  and: { fr: 'et', en: 'and' },
} satisfies Record<string, Message>;

export const MODE_LABELS: Readonly<Record<TransportMode, Message>> = {
  road: { fr: 'route', en: 'road' },
  rail: { fr: 'rail', en: 'rail' },
  waterway: { fr: 'voie d’eau', en: 'waterway' },
};

export const VALUE_BASIS_LABELS: Readonly<Record<ValueBasis, Message>> = {
  flow: { fr: 'valeur du flux', en: 'value of the flow' },
  document: { fr: 'valeur médiane des flux du même code', en: 'median value of the flows of the same code' },
  assumed: { fr: 'valeur supposée, inconnue', en: 'assumed value, unknown' },
};

export const MATCH_LABELS: Readonly<Record<ItemMatch, Message>> = {
  code: { fr: 'même code', en: 'same code' },
  'code-prefix-6': { fr: 'même code à 6 caractères', en: 'same 6-character code' },
  'code-prefix-4': { fr: 'même sous-chapitre', en: 'same sub-chapter' },
  'code-prefix-2': { fr: 'même chapitre', en: 'same chapter' },
  family: { fr: 'même famille', en: 'same family' },
  label: { fr: 'même libellé', en: 'same label' },
};

/** A share as a whole percentage, in the language's way (`85 %`, `85%`). */
export function percent(value: number, lang: WidgetLang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** A number with at most `digits` decimals, in the language's way. */
export function number(value: number, lang: WidgetLang, digits = 0): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

/** The distance part's explanation: « rail : 20 €/t pour 30 €/t (valeur supposée, inconnue) ». */
export function transportText(t: TransportEstimate, lang: WidgetLang): string {
  const eur = (x: number) => x.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: x < 10 ? 2 : 0 });
  return `${MODE_LABELS[t.mode][lang]}${lang === 'fr' ? ' :' : ':'} ${eur(t.costPerTonne)} ${T.perTonneFor[lang]} ${eur(t.valuePerTonne)} €/t, ${VALUE_BASIS_LABELS[t.valueBasis][lang]}`;
}
