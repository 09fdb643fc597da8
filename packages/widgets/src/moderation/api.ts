/**
 * What the moderation and workshop elements share: the SDK's typed client for the agency, the API's
 * types, and the reading of a failed call in the reader's language. The server writes its messages in
 * both languages, « français — English »: only the reader's half is shown.
 */
import { createToileClient, ToileApiError, type ResponseOf, type ToileClient } from '@toile/sdk';
import type { Message, WidgetLang } from '../base/i18n.ts';

/** One declaration of the moderation queue, record by record against the territory. */
export type DeclarationReview = ResponseOf<'listDeclarations'>['items'][number];
/** One declared record, compared with the territory. */
export type DeclaredRecord = DeclarationReview['records'][number];
/** One entry of the audit log. */
export type ChangeEntry = ResponseOf<'getHistory'>['entries'][number];
/** A territory as the agency reads it (every record). */
export type TerritoryDocument = ResponseOf<'getTerritory'>;

/**
 * The agency's client. The token is only ever put in the `Authorization` header of the calls: it is
 * never written to an attribute, a URL, the console or an event.
 */
export function agencyClient(api: string, token: string | null): ToileClient {
  return createToileClient({ baseURL: api.replace(/\/+$/, ''), ...(token ? { token } : {}), retry: 1 });
}

/** A server message in both languages: « fr — en » split in two (the same text for both when it is not). */
export function bilingual(text: string): Message {
  const first = text.indexOf(' — ');
  if (first < 0) return { fr: text, en: text };
  const last = text.lastIndexOf(' — ');
  return { fr: text.slice(0, first).trim(), en: text.slice(last + 3).trim() };
}

/** Why a call failed, in general terms. */
export type FailureKind = 'invalid' | 'conflict' | 'unauthorized' | 'not-found' | 'bad-request' | 'network' | 'server';

/** A failed call, read for the reader. */
export interface Failure {
  readonly kind: FailureKind;
  /** HTTP status (0: no answer). */
  readonly status: number;
  /** The server's own words (its problem detail), in both languages; absent when it gave none. */
  readonly detail?: Message;
  /** The validation report's errors (422), in both languages. */
  readonly problems: readonly Message[];
}

function kindOf(status: number): FailureKind {
  if (status === 0) return 'network';
  if (status === 422) return 'invalid';
  if (status === 409) return 'conflict';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'server';
}

/** Reads any error thrown by a client call. */
export function failureOf(error: unknown): Failure {
  if (!(error instanceof ToileApiError)) return { kind: 'network', status: 0, problems: [] };
  const problems = (error.report?.problems ?? error.problem?.problems ?? []).filter((p) => p.severity === 'error').map((p) => p.message);
  const text = error.problem?.detail;
  return { kind: kindOf(error.status), status: error.status, ...(text ? { detail: bilingual(text) } : {}), problems };
}

/** The first words of a failure, by kind. */
export const FAILURE_TEXT: Readonly<Record<FailureKind, Message>> = {
  invalid: {
    fr: 'Refusé : le territoire ne serait plus valide. Rien n’a été écrit.',
    en: 'Refused: the territory would no longer be valid. Nothing was written.',
  },
  conflict: {
    fr: 'Conflit : une décision a déjà été prise entre-temps (par une autre personne ?). La liste a été rechargée.',
    en: 'Conflict: a decision was already made meanwhile (by someone else?). The list was reloaded.',
  },
  unauthorized: {
    fr: 'Accès refusé : le jeton de l’agence manque ou n’est pas reconnu.',
    en: 'Access refused: the agency token is missing or not recognised.',
  },
  'not-found': { fr: 'Introuvable sur le serveur.', en: 'Not found on the server.' },
  'bad-request': { fr: 'Demande refusée par le serveur.', en: 'Request refused by the server.' },
  network: { fr: 'Le serveur ne répond pas. Réessayez.', en: 'The server does not answer. Try again.' },
  server: { fr: 'Le serveur a échoué. Réessayez plus tard.', en: 'The server failed. Try again later.' },
};

/** A failure as one sentence in the reader's language (first words, then the server's own). */
export function failureText(f: Failure, lang: WidgetLang): string {
  const head = FAILURE_TEXT[f.kind][lang];
  return f.detail ? `${head} ${f.detail[lang]}` : head;
}

const NUMBER = { fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }) };

/** A number in the reader's language. */
export function formatNumber(value: number, lang: WidgetLang): string {
  return NUMBER[lang].format(value);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Any record value as plain text (never markup): numbers in the language, a quantity as « 180 000 t/yr »,
 * an item by its label and code, other objects as `key: value` pairs.
 */
export function valueText(value: unknown, lang: WidgetLang): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') return formatNumber(value, lang);
  if (typeof value === 'boolean') return value ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => valueText(v, lang)).join(', ');
  if (isObject(value)) {
    if (typeof value.value === 'number' && typeof value.unit === 'string' && Object.keys(value).length === 2)
      return `${formatNumber(value.value, lang)} ${value.unit}`;
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${valueText(v, lang)}`)
      .join(' · ');
  }
  return String(value);
}
