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
  // The mode switch.
  mode: { fr: 'Rechercher', en: 'Search for' },
  modeSynergies: { fr: 'Synergies (offres et besoins)', en: 'Synergies (offers and needs)' },
  modeCapabilities: { fr: 'Capacités (qui pourrait le faire)', en: 'Capabilities (who could make it)' },
  loadingCapabilities: { fr: 'Chargement de la recherche de capacités…', en: 'Loading the capabilities search…' },
  // The capabilities mode.
  capability: {
    fr: 'Procédé ou produit (en français ou en anglais, ou un code cpa:, hs:, naf:)',
    en: 'Process or product (in French or English, or a cpa:, hs:, naf: code)',
  },
  capabilityList: { fr: 'Procédés et produits', en: 'Processes and products' },
  clearCapability: { fr: 'Effacer le procédé ou le produit', en: 'Clear the process or product' },
  noCapability: { fr: 'Aucun procédé ni produit ne correspond.', en: 'No process or product matches.' },
  process: { fr: 'procédé', en: 'process' },
  product: { fr: 'produit', en: 'product' },
  activity: { fr: 'activité', en: 'activity' },
  near: { fr: 'Distances depuis', en: 'Distances from' },
  centre: { fr: 'Le centre du territoire', en: 'The territory’s centre' },
  capabilityRadius: { fr: 'Rayon (km, facultatif)', en: 'Radius (km, optional)' },
  ask: {
    fr: 'Choisissez un procédé ou un produit : la liste dira qui, dans le territoire, pourrait le faire et qui a de la capacité disponible.',
    en: 'Choose a process or a product: the list will tell who in the territory could make it and who has spare capacity for it.',
  },
  unknownProcess: { fr: 'Procédé inconnu', en: 'Unknown process' },
  unknownProduct: { fr: 'Code produit non reconnu', en: 'Product code not recognised' },
  makersCaption: { fr: 'Qui pourrait le faire, le plus probable d’abord', en: 'Who could make it, most likely first' },
  fromCentre: { fr: 'distances depuis le centre du territoire', en: 'distances from the territory’s centre' },
  from2: { fr: 'distances depuis', en: 'distances from' },
  noDistances: { fr: 'distances inconnues', en: 'distances unknown' },
  already: { fr: 'le font déjà', en: 'already make it' },
  evidence: { fr: 'Preuves', en: 'Evidence' },
  capabilityColumn: { fr: 'Capacité', en: 'Capability' },
  spare: { fr: 'Capacité disponible', en: 'Spare capacity' },
  partCapability: { fr: 'Capacité déclarée', en: 'Declared capability' },
  partFlow: { fr: 'Flux fournis', en: 'Flows given' },
  partKin: { fr: 'Activité voisine', en: 'Kin activity' },
  gave: { fr: 'a fourni', en: 'gave' },
  kinOf: { fr: 'Activité voisine de', en: 'Activity kin to' },
  others: { fr: 'autre(s)', en: 'more' },
  free: { fr: 'libre', en: 'spare' },
  makersNote: {
    fr: 'Score : 1 − (1 − capacité) × (1 − flux) × (1 − activité), sur la meilleure preuve de chaque sorte. Capacité déclarée : même procédé ou même code 100 %, procédé plus précis 85 %, code plus fin 90 %, groupe du procédé 60 %, procédé voisin 40 %, 6, 4 ou 2 premiers caractères du code 85, 70, 40 %. Flux déjà fournis du code : 0,9 × la correspondance du code. Activité NAF voisine de ceux qui le font déjà : 0,5 × (même sous-classe 1, classe 0,8, groupe 0,6).',
    en: 'Score: 1 − (1 − capability) × (1 − flows) × (1 − activity), over the best evidence of each kind. Declared capability: same process or same code 100%, narrower process 85%, narrower code 90%, the process’s group 60%, sibling process 40%, first 6, 4 or 2 characters of the code 85, 70, 40%. Flows of the code already given: 0.9 × the code match. NAF activity kin to those who already make it: 0.5 × (same sub-class 1, class 0.8, group 0.6).',
  },
  noMakers: {
    fr: 'Personne dans le territoire ne semble pouvoir le faire avec ces paramètres. Essayez sans rayon, un procédé plus large ou un autre code.',
    en: 'Nobody in the territory seems able to make it with these settings. Try without a radius, a broader process or another code.',
  },
  makersFound: { fr: 'établissements pourraient le faire', en: 'establishments could make it' },
  makersFoundOne: { fr: 'établissement pourrait le faire', en: 'establishment could make it' },
  spareTitle: { fr: 'Capacités disponibles pour cette demande', en: 'Spare capacity for it' },
  spareCaption: {
    fr: 'Parts de capacité laissées libres, la plus proche de la demande d’abord, et les besoins qu’elles pourraient servir',
    en: 'Shares of capacity left idle, the closest match first, and the needs they could serve',
  },
  spareShare: { fr: 'Part libre', en: 'Spare share' },
  period: { fr: 'Période', en: 'Period' },
  amount: { fr: 'Disponible', en: 'Available' },
  couldServe: { fr: 'Pourrait servir', en: 'Could serve' },
  noSpare: { fr: 'Aucune capacité disponible déclarée pour cette demande.', en: 'No spare capacity declared for it.' },
  always: { fr: 'sans période fixée', en: 'no set period' },
  since: { fr: 'dès le', en: 'from' },
  until: { fr: 'jusqu’au', en: 'until' },
  boughtOutsideBy: { fr: 'acheté hors territoire par', en: 'bought outside by' },
  namesProcess: { fr: 'nomme le procédé', en: 'names the process' },
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

/** A day written `YYYY-MM-DD`, in the language's way (`1 janv. 2026`, `1 Jan 2026`); the text itself when it is not a day. */
export function day(iso: string, lang: WidgetLang): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A period of spare capacity: `1 janv. 2026 → 31 déc. 2026`, `dès le 1 mars 2026`, `jusqu’au …`, or no set period. */
export function period(from: string | undefined, to: string | undefined, lang: WidgetLang): string {
  if (from && to) return `${day(from, lang)} → ${day(to, lang)}`;
  if (from) return `${T.since[lang]} ${day(from, lang)}`;
  if (to) return `${T.until[lang]} ${day(to, lang)}`;
  return T.always[lang];
}
