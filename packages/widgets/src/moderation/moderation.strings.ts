/** The moderation queue's words, in French and English. */
import type { Message } from '../base/i18n.ts';

export const T = {
  label: { fr: 'Modération des déclarations', en: 'Moderation of declarations' },
  filter: { fr: 'Afficher', en: 'Show' },
  pending: { fr: 'En attente', en: 'Pending' },
  decided: { fr: 'Décidées', en: 'Decided' },
  reload: { fr: 'Recharger', en: 'Reload' },
  loading: { fr: 'Chargement de la file…', en: 'Loading the queue…' },
  missing: {
    fr: 'Indiquez l’adresse de l’API (api), le territoire (territory) et le jeton de l’agence (token).',
    en: 'Set the API address (api), the territory (territory) and the agency token (token).',
  },
  emptyPending: { fr: 'Aucune déclaration en attente.', en: 'No declaration waiting.' },
  emptyDecided: { fr: 'Aucune déclaration décidée.', en: 'No decided declaration.' },
  count: { fr: 'déclaration(s)', en: 'declaration(s)' },
  shownOf: { fr: 'affichées sur', en: 'shown of' },
  declaration: { fr: 'Déclaration', en: 'Declaration' },
  received: { fr: 'reçue le', en: 'received on' },
  invitation: { fr: 'invitation', en: 'invitation' },
  note: { fr: 'Message de l’entreprise :', en: 'Message from the company:' },
  records: { fr: 'Enregistrements déclarés', en: 'Declared records' },
  acceptAll: { fr: 'Tout accepter', en: 'Accept all' },
  rejectAll: { fr: 'Tout rejeter', en: 'Reject all' },
  send: { fr: 'Envoyer les décisions', en: 'Send the decisions' },
  sending: { fr: 'Envoi…', en: 'Sending…' },
  nothingChosen: {
    fr: 'Choisissez d’abord « Accepter » ou « Rejeter » pour au moins un enregistrement.',
    en: 'First choose “Accept” or “Reject” for at least one record.',
  },
  accept: { fr: 'Accepter', en: 'Accept' },
  reject: { fr: 'Rejeter', en: 'Reject' },
  undecided: { fr: 'À décider', en: 'To decide' },
  decision: { fr: 'Décision', en: 'Decision' },
  comment: { fr: 'Commentaire (gardé dans l’historique)', en: 'Comment (kept in the history)' },
  accepted: { fr: 'accepté', en: 'accepted' },
  rejected: { fr: 'rejeté', en: 'rejected' },
  decidedOn: { fr: 'le', en: 'on' },
  level: { fr: 'Confidentialité proposée', en: 'Proposed confidentiality' },
  field: { fr: 'Champ', en: 'Field' },
  current: { fr: 'Dans le territoire', en: 'In the territory' },
  proposed: { fr: 'Proposé', en: 'Proposed' },
  differences: { fr: 'Différences avec le territoire', en: 'Differences with the territory' },
  proposedFields: { fr: 'Contenu proposé', en: 'Proposed content' },
  sameText: { fr: 'Le territoire dit déjà la même chose.', en: 'The territory already says the same.' },
  matchedBy: { fr: 'reconnu par', en: 'matched by' },
  sent: { fr: 'Décisions enregistrées', en: 'Decisions recorded' },
  fullyDecided: { fr: 'Déclaration entièrement décidée.', en: 'Declaration fully decided.' },
  refusedFor: { fr: 'Déclaration', en: 'Declaration' },
} as const satisfies Record<string, Message>;

/** « nouveau », « identique », « modifié », « doublon de » */
export const CHANGE: Readonly<Record<'new' | 'same' | 'changed' | 'duplicate', Message>> = {
  new: { fr: 'nouveau', en: 'new' },
  same: { fr: 'identique', en: 'identical' },
  changed: { fr: 'modifié', en: 'changed' },
  duplicate: { fr: 'doublon de', en: 'duplicate of' },
};

export const RECORD_KIND: Readonly<Record<'establishment' | 'flow' | 'resource', Message>> = {
  establishment: { fr: 'Établissement', en: 'Establishment' },
  flow: { fr: 'Flux', en: 'Flow' },
  resource: { fr: 'Ressource', en: 'Resource' },
};

export const LEVEL: Readonly<Record<'public' | 'partners' | 'confidential', Message>> = {
  public: { fr: 'public', en: 'public' },
  partners: { fr: 'partenaires', en: 'partners' },
  confidential: { fr: 'confidentiel', en: 'confidential' },
};

export const MATCHED_BY: Readonly<Record<'id' | 'siret' | 'name-postcode' | 'key', Message>> = {
  id: { fr: 'identifiant', en: 'id' },
  siret: { fr: 'SIRET', en: 'SIRET' },
  'name-postcode': { fr: 'nom et code postal', en: 'name and postcode' },
  key: { fr: 'extrémités, type et objet', en: 'ends, kind and item' },
};

/** Names of the record fields a moderator sees; any other field shows its own name. */
export const FIELD: Readonly<Record<string, Message>> = {
  name: { fr: 'Nom', en: 'Name' },
  siret: { fr: 'SIRET', en: 'SIRET' },
  naf: { fr: 'Code NAF', en: 'NAF code' },
  employees: { fr: 'Effectif', en: 'Employees' },
  location: { fr: 'Localisation', en: 'Location' },
  external: { fr: 'Hors territoire', en: 'Outside the territory' },
  sectors: { fr: 'Secteurs', en: 'Sectors' },
  confidentiality: { fr: 'Confidentialité', en: 'Confidentiality' },
  from: { fr: 'De', en: 'From' },
  to: { fr: 'Vers', en: 'To' },
  kind: { fr: 'Type', en: 'Kind' },
  item: { fr: 'Objet', en: 'Item' },
  quantity: { fr: 'Quantité', en: 'Quantity' },
  valueEur: { fr: 'Valeur (€/an)', en: 'Value (€/yr)' },
  dependency: { fr: 'Dépendance', en: 'Dependency' },
  status: { fr: 'Statut', en: 'Status' },
  establishment: { fr: 'Établissement', en: 'Establishment' },
  direction: { fr: 'Sens', en: 'Direction' },
  availability: { fr: 'Disponibilité', en: 'Availability' },
  description: { fr: 'Description', en: 'Description' },
  since: { fr: 'Depuis', en: 'Since' },
  capabilities: { fr: 'Capacités', en: 'Capabilities' },
};

/** « 2 acceptés, 1 rejeté » */
export function tally(accepted: number, rejected: number, lang: 'fr' | 'en'): string {
  if (lang === 'en') return `${accepted} accepted, ${rejected} rejected`;
  return `${accepted} accepté${accepted > 1 ? 's' : ''}, ${rejected} rejeté${rejected > 1 ? 's' : ''}`;
}
