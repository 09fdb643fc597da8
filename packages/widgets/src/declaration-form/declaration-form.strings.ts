/** The declaration form's words, in French and English. */
import type { Confidentiality } from '@toile/schema';
import type { Message, WidgetLang } from '../base/i18n.ts';

export const T = {
  title: { fr: 'Déclarer vos échanges, offres et besoins', en: 'Declare your exchanges, offers and needs' },
  intro: {
    fr: 'Décrivez votre établissement, ce que vous pourriez céder ou chercher, et vos principaux fournisseurs et clients. Tous les champs sont facultatifs sauf ceux marqués « obligatoire ».',
    en: 'Describe your establishment, what you could give or are looking for, and your main suppliers and customers. Every field is optional except those marked “required”.',
  },
  dataTitle: { fr: 'Ce que deviennent vos données', en: 'What happens to your data' },
  dataSent: {
    fr: 'Votre déclaration est envoyée à l’agence qui anime la toile industrielle du territoire (le serveur indiqué ci-dessous). Elle n’est jamais publiée telle quelle : l’agence relit chaque élément et l’accepte ou le refuse avant qu’il n’entre dans les données du territoire.',
    en: 'Your declaration is sent to the agency that runs the territory’s industrial web (the server named below). It is never published as it is: the agency reviews each item and accepts or rejects it before it enters the territory’s data.',
  },
  dataLevels: {
    fr: 'Chaque élément a son niveau de confidentialité, « Confidentiel » par défaut : c’est vous qui choisissez ce qui peut être partagé ou publié.',
    en: 'Each item has its own confidentiality level, “Confidential” by default: you choose what may be shared or published.',
  },
  dataDraft: {
    fr: 'En attendant l’envoi, un brouillon est gardé dans ce navigateur seulement (vous pouvez l’effacer à tout moment).',
    en: 'Until you send it, a draft is kept in this browser only (you can clear it at any time).',
  },
  dataServer: { fr: 'Serveur destinataire :', en: 'Sent to:' },
  privacy: { fr: 'Politique de confidentialité de l’agence', en: 'The agency’s privacy policy' },
  invited: { fr: 'Vous déclarez avec votre invitation personnelle.', en: 'You are declaring with your personal invitation.' },
  required: { fr: 'obligatoire', en: 'required' },
  // The establishment
  establishment: { fr: 'Votre établissement', en: 'Your establishment' },
  findSelf: { fr: 'Déjà dans la toile du territoire ? Cherchez votre établissement', en: 'Already in the territory’s web? Search for your establishment' },
  findSelfHint: { fr: 'Nom, commune ou activité. Vous pourrez corriger ce qui est connu.', en: 'Name, town or activity. You can correct what is known.' },
  search: { fr: 'Rechercher', en: 'Search' },
  searching: { fr: 'Recherche…', en: 'Searching…' },
  found: {
    fr: (n: number) => (n === 0 ? 'Aucun établissement trouvé.' : n === 1 ? '1 établissement trouvé.' : `${n} établissements trouvés.`),
    en: (n: number) => (n === 0 ? 'No establishment found.' : n === 1 ? '1 establishment found.' : `${n} establishments found.`),
  },
  searchFailed: { fr: 'La recherche a échoué :', en: 'The search failed:' },
  choose: { fr: 'Choisir', en: 'Choose' },
  results: { fr: 'Résultats', en: 'Results' },
  picked: { fr: 'Vous déclarez pour l’établissement de la toile', en: 'You are declaring for the web’s establishment' },
  notMe: { fr: 'Ce n’est pas moi : déclarer un nouvel établissement', en: 'Not me: declare a new establishment' },
  siret: { fr: 'SIRET (14 chiffres)', en: 'SIRET (14 digits)' },
  name: { fr: 'Nom de l’établissement', en: 'Name of the establishment' },
  naf: { fr: 'Activité (code NAF, recherche en français)', en: 'Activity (NAF code, search in French)' },
  nafList: { fr: 'Codes NAF', en: 'NAF codes' },
  nafClear: { fr: 'Effacer l’activité', en: 'Clear the activity' },
  nafNone: { fr: 'Aucune activité ne correspond.', en: 'No activity matches.' },
  nafInFrench: { fr: 'intitulé INSEE', en: 'INSEE label, in French' },
  location: { fr: 'Localisation', en: 'Location' },
  address: { fr: 'Adresse', en: 'Address' },
  geocode: { fr: 'Trouver l’adresse', en: 'Find the address' },
  geocodeResults: { fr: 'Adresses trouvées', en: 'Addresses found' },
  geocodeNone: { fr: 'Aucune adresse trouvée.', en: 'No address found.' },
  postcode: { fr: 'Code postal', en: 'Postcode' },
  city: { fr: 'Commune', en: 'Town' },
  lat: { fr: 'Latitude (degrés décimaux)', en: 'Latitude (decimal degrees)' },
  lon: { fr: 'Longitude (degrés décimaux)', en: 'Longitude (decimal degrees)' },
  mapOpen: { fr: 'Placer sur la carte', en: 'Place on the map' },
  mapClose: { fr: 'Fermer la carte', en: 'Close the map' },
  mapLabel: { fr: 'Carte : cliquez sur votre établissement', en: 'Map: click on your establishment' },
  mapHelp: {
    fr: 'Cliquez sur la carte, ou déplacez-la avec les flèches et appuyez sur Entrée pour placer le point au centre (+ et − pour zoomer).',
    en: 'Click on the map, or move it with the arrow keys and press Enter to place the point at the centre (+ and − to zoom).',
  },
  mapPlaced: { fr: (lat: string, lon: string) => `Point placé : ${lat}, ${lon}.`, en: (lat: string, lon: string) => `Point placed: ${lat}, ${lon}.` },
  zoomIn: { fr: 'Zoomer', en: 'Zoom in' },
  zoomOut: { fr: 'Dézoomer', en: 'Zoom out' },
  mapFailed: { fr: 'La carte n’a pas pu être chargée ; saisissez les coordonnées.', en: 'The map could not be loaded; type the coordinates.' },
  // Confidentiality
  confidentiality: { fr: 'Confidentialité', en: 'Confidentiality' },
  levelsTitle: { fr: 'Les trois niveaux de confidentialité', en: 'The three confidentiality levels' },
  // Offers and needs
  resources: { fr: 'Vos offres et vos besoins', en: 'Your offers and needs' },
  resourcesHint: {
    fr: 'Ce que vous pourriez céder (coproduits, déchets, chaleur, capacités…) ou ce que vous cherchez.',
    en: 'What you could give (by-products, waste, heat, capacity…) or what you are looking for.',
  },
  resource: { fr: (n: number) => `Offre ou besoin n° ${n}`, en: (n: number) => `Offer or need no. ${n}` },
  addOffer: { fr: 'Ajouter une offre', en: 'Add an offer' },
  addNeed: { fr: 'Ajouter un besoin', en: 'Add a need' },
  direction: { fr: 'Sens', en: 'Direction' },
  offer: { fr: 'Offre (je peux céder)', en: 'Offer (I can give)' },
  need: { fr: 'Besoin (je cherche)', en: 'Need (I am looking for)' },
  kind: { fr: 'Type d’échange', en: 'Kind of exchange' },
  chooseKind: { fr: 'Choisir…', en: 'Choose…' },
  what: { fr: 'Quoi (en vos mots)', en: 'What (in your words)' },
  material: { fr: 'Matière (code déchet ou famille, en français ou en anglais)', en: 'Material (waste code or family, in French or English)' },
  materials: { fr: 'Matières', en: 'Materials' },
  clearMaterial: { fr: 'Effacer la matière', en: 'Clear the material' },
  noMaterial: { fr: 'Aucune matière ne correspond.', en: 'No material matches.' },
  family: { fr: 'famille', en: 'family' },
  entry: { fr: 'déchet', en: 'waste' },
  hazardous: { fr: 'dangereux', en: 'hazardous' },
  quantity: { fr: 'Quantité', en: 'Quantity' },
  unit: { fr: 'Unité', en: 'Unit' },
  noUnit: { fr: '—', en: '—' },
  availability: { fr: 'Disponibilité', en: 'Availability' },
  availabilityNone: { fr: 'Non précisée', en: 'Not given' },
  continuous: { fr: 'En continu', en: 'Continuous' },
  seasonal: { fr: 'Saisonnière', en: 'Seasonal' },
  batch: { fr: 'Par lots', en: 'In batches' },
  occasional: { fr: 'Occasionnelle', en: 'Occasional' },
  remove: { fr: 'Retirer', en: 'Remove' },
  removed: { fr: 'Élément retiré.', en: 'Item removed.' },
  // Suppliers and customers
  flows: { fr: 'Vos fournisseurs et vos clients', en: 'Your suppliers and customers' },
  flowsHint: {
    fr: 'Choisissez-les dans la toile du territoire, ou nommez-les s’ils n’y sont pas.',
    en: 'Pick them from the territory’s web, or name them if they are not in it.',
  },
  flow: { fr: (n: number) => `Fournisseur ou client n° ${n}`, en: (n: number) => `Supplier or customer no. ${n}` },
  addSupplier: { fr: 'Ajouter un fournisseur', en: 'Add a supplier' },
  addCustomer: { fr: 'Ajouter un client', en: 'Add a customer' },
  role: { fr: 'Il est votre', en: 'They are your' },
  supplier: { fr: 'Fournisseur (il vous livre)', en: 'Supplier (they deliver to you)' },
  customer: { fr: 'Client (vous lui livrez)', en: 'Customer (you deliver to them)' },
  partner: { fr: 'Partenaire', en: 'Partner' },
  findPartner: { fr: 'Chercher dans la toile du territoire', en: 'Search the territory’s web' },
  partnerPicked: { fr: 'Partenaire choisi :', en: 'Partner chosen:' },
  partnerChange: { fr: 'Changer de partenaire', en: 'Change partner' },
  orName: { fr: 'Ou nommez-le s’il n’y est pas :', en: 'Or name them if they are not there:' },
  partnerName: { fr: 'Nom du partenaire', en: 'Partner’s name' },
  partnerCity: { fr: 'Commune du partenaire', en: 'Partner’s town' },
  partnerNote: {
    fr: 'Un partenaire nommé est transmis avec le même niveau de confidentialité que l’échange.',
    en: 'A named partner is sent with the same confidentiality level as the exchange.',
  },
  // Note and actions
  note: { fr: 'Message à l’agence (facultatif)', en: 'Message to the agency (optional)' },
  submit: { fr: 'Envoyer la déclaration', en: 'Send the declaration' },
  clearDraft: { fr: 'Effacer le brouillon', en: 'Clear the draft' },
  clearConfirm: { fr: 'Effacer tout ce qui a été saisi ?', en: 'Clear everything typed so far?' },
  clearYes: { fr: 'Oui, tout effacer', en: 'Yes, clear everything' },
  clearNo: { fr: 'Non, garder', en: 'No, keep it' },
  draftCleared: { fr: 'Brouillon effacé.', en: 'Draft cleared.' },
  draftRestored: { fr: 'Brouillon repris : vous pouvez continuer là où vous en étiez.', en: 'Draft restored: you can carry on where you left off.' },
  draftSaved: { fr: 'Brouillon enregistré dans ce navigateur.', en: 'Draft saved in this browser.' },
  draftUnavailable: {
    fr: 'Ce navigateur ne garde pas de brouillon : envoyez avant de fermer la page.',
    en: 'This browser keeps no draft: send before closing the page.',
  },
  // Errors
  errorsTitle: { fr: 'La déclaration n’a pas pu être envoyée', en: 'The declaration could not be sent' },
  errorsCount: {
    fr: (n: number) => (n === 1 ? '1 problème à corriger.' : `${n} problèmes à corriger.`),
    en: (n: number) => (n === 1 ? '1 problem to fix.' : `${n} problems to fix.`),
  },
  sending: { fr: 'Envoi de la déclaration…', en: 'Sending the declaration…' },
  sent: {
    fr: (id: string, n: number) =>
      `Déclaration reçue (n° ${id}, ${n} élément${n > 1 ? 's' : ''}). L’agence va la relire ; rien n’est publié avant sa validation.`,
    en: (id: string, n: number) =>
      `Declaration received (no. ${id}, ${n} item${n > 1 ? 's' : ''}). The agency will review it; nothing is published before it does.`,
  },
  again: { fr: 'Faire une autre déclaration', en: 'Make another declaration' },
  noApi: {
    fr: 'Formulaire non configuré : l’adresse du serveur (api) ou le territoire manque ou est invalide.',
    en: 'Form not configured: the server address (api) or the territory is missing or invalid.',
  },
  // Field errors
  errName: { fr: 'Indiquez le nom de l’établissement.', en: 'Give the name of the establishment.' },
  errTooLong: { fr: (n: number) => `${n} caractères au plus.`, en: (n: number) => `${n} characters at most.` },
  errSiretDigits: { fr: 'Le SIRET compte 14 chiffres.', en: 'A SIRET has 14 digits.' },
  errSiretSum: {
    fr: 'Ce SIRET n’existe pas (sa clé de contrôle est fausse) : vérifiez les chiffres.',
    en: 'This SIRET does not exist (its check digit is wrong): check the digits.',
  },
  errNaf: { fr: 'Choisissez un code NAF de la liste (sous-classe, comme 24.10Z).', en: 'Choose a NAF code from the list (a sub-class such as 24.10Z).' },
  errLatLon: { fr: 'Latitude et longitude vont ensemble : indiquez les deux.', en: 'Latitude and longitude go together: give both.' },
  errLat: { fr: 'Une latitude entre −90 et 90.', en: 'A latitude between −90 and 90.' },
  errLon: { fr: 'Une longitude entre −180 et 180.', en: 'A longitude between −180 and 180.' },
  errKind: { fr: 'Choisissez le type d’échange.', en: 'Choose the kind of exchange.' },
  errWhat: { fr: 'Dites de quoi il s’agit, en vos mots ou par une matière.', en: 'Say what it is, in your words or by a material.' },
  errValue: { fr: 'Une quantité positive (chiffres, virgule décimale acceptée).', en: 'A positive quantity (digits, a decimal comma is fine).' },
  errUnit: { fr: 'Choisissez l’unité de la quantité.', en: 'Choose the unit of the quantity.' },
  errPartner: { fr: 'Choisissez le partenaire dans la toile, ou nommez-le.', en: 'Pick the partner from the web, or name them.' },
  errSelfPartner: { fr: 'Votre propre établissement ne peut pas être votre partenaire.', en: 'Your own establishment cannot be your partner.' },
  errServerField: { fr: 'Refusé par le serveur :', en: 'Refused by the server:' },
  // Server answers
  failInvalid: { fr: 'Le serveur a refusé la déclaration.', en: 'The server refused the declaration.' },
  failForbidden: {
    fr: 'L’invitation n’est pas acceptée (inconnue, expirée, révoquée, ou prévue pour un autre établissement).',
    en: 'The invitation is not accepted (unknown, expired, revoked, or meant for another establishment).',
  },
  failRate: {
    fr: (s: number) => `Trop de déclarations envoyées d’ici ; réessayez dans ${s} s.`,
    en: (s: number) => `Too many declarations sent from here; try again in ${s} s.`,
  },
  failRateNoDelay: { fr: 'Trop de déclarations envoyées d’ici ; réessayez plus tard.', en: 'Too many declarations sent from here; try again later.' },
  failNetwork: {
    fr: 'Le serveur n’a pas répondu. Votre brouillon est gardé dans ce navigateur : réessayez.',
    en: 'The server did not answer. Your draft is kept in this browser: try again.',
  },
  failServer: { fr: 'Le serveur a échoué. Votre brouillon est gardé : réessayez plus tard.', en: 'The server failed. Your draft is kept: try again later.' },
  failNotFound: { fr: 'Ce territoire est inconnu du serveur.', en: 'The server does not know this territory.' },
  failTooLarge: { fr: 'La déclaration est trop volumineuse.', en: 'The declaration is too large.' },
} as const;

/** What each confidentiality level means, for the select and its explanation. */
export const LEVELS: Readonly<Record<Confidentiality, { readonly name: Message; readonly means: Message }>> = {
  public: {
    name: { fr: 'Public', en: 'Public' },
    means: {
      fr: 'Public : peut être publié, sur la carte et dans les données ouvertes du territoire, après relecture par l’agence.',
      en: 'Public: may be published, on the map and in the territory’s open data, once the agency has reviewed it.',
    },
  },
  partners: {
    name: { fr: 'Partenaires', en: 'Partners' },
    means: {
      fr: 'Partenaires : partagé avec les seuls partenaires de la démarche (collectivités, chambres consulaires…) qui y ont accès ; jamais publié.',
      en: 'Partners: shared only with the project’s partners (local authorities, chambers…) who have access; never published.',
    },
  },
  confidential: {
    name: { fr: 'Confidentiel (par défaut)', en: 'Confidential (default)' },
    means: {
      fr: 'Confidentiel : ne quitte jamais l’agence ; ni publié, ni partagé. Il l’aide seulement à repérer des synergies qu’elle vous proposera.',
      en: 'Confidential: never leaves the agency; neither published nor shared. It only helps the agency spot synergies it will suggest to you.',
    },
  },
};

/** A Message, or a function of one argument in both languages, read in a language. */
export function say(message: Message, lang: WidgetLang): string {
  return message[lang];
}
