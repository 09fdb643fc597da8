/**
 * Sending a declaration with the SDK's client, and reading the server's answer back into the form:
 * the problems of a 400 or 422 (JSON pointers into the declaration, `/flows/2/quantity/value`) put
 * on the fields they name, 403, 429 and the rest as one message each. The server writes its messages
 * in both languages, « français — English »: the form shows the part in its own language.
 */
import { createToileClient, ToileApiError, type ProblemDetails, type ValidationReport } from '@toile/sdk';
import type { Message } from '../base/i18n.ts';
import type { Built } from './model.ts';
import { EST, fieldId, type FieldProblem } from './validate.ts';
import { T } from './declaration-form.strings.ts';

/** Why a submission failed. */
export type DeclarationErrorKind = 'invalid' | 'forbidden' | 'rate-limited' | 'not-found' | 'network' | 'server';

/** A failed submission, read. */
export interface SubmitFailure {
  readonly kind: DeclarationErrorKind;
  /** HTTP status (0: no answer, or the form refused to send). */
  readonly status: number;
  /** What to say first, in both languages. */
  readonly message: Message;
  /** The problems, each on its field when the pointer names one. */
  readonly problems: readonly (FieldProblem & { readonly pointer?: string })[];
  /** Seconds to wait before trying again (429). */
  readonly retryAfter?: number;
}

/** The answer of a successful submission. */
export interface SubmitResult {
  readonly id: string;
  readonly status: 'pending';
  readonly records: number;
}

/** A server message in both languages: « fr — en » split in two (the same text for both when it is not). */
export function bilingual(text: string): Message {
  const at = text.indexOf(' — ');
  if (at < 0) return { fr: text, en: text };
  const last = text.lastIndexOf(' — ');
  return { fr: text.slice(0, at).trim(), en: text.slice(last + 3).trim() };
}

const ITEM_FIELDS: readonly [RegExp, string][] = [
  [/^\/item(\/(code|family))?$/, 'material'],
  [/^\/item\/label/, 'label'],
  [/^\/quantity\/unit/, 'unit'],
  [/^\/quantity/, 'value'],
  [/^\/kind/, 'kind'],
  [/^\/direction/, 'direction'],
  [/^\/availability/, 'availability'],
  [/^\/confidentiality/, 'conf'],
  [/^\/(from|to)/, 'partner'],
];

const ESTABLISHMENT_FIELDS: readonly [RegExp, string][] = [
  [/^\/siret/, EST.siret],
  [/^\/naf/, EST.naf],
  [/^\/location\/lon/, EST.lon],
  [/^\/location\/(lat)?$/, EST.lat],
  [/^\/location\/address/, EST.address],
  [/^\/location\/postcode/, EST.postcode],
  [/^\/location\/(city|insee)/, EST.city],
  [/^\/confidentiality/, EST.confidentiality],
];

const first = (rules: readonly [RegExp, string][], rest: string): string | undefined => rules.find(([re]) => re.test(rest))?.[1];

/** The form field a JSON pointer into the declaration names, or null for the declaration as a whole. */
export function fieldOfPointer(pointer: string, built: Built): string | null {
  const m = /^\/(establishment|resources|flows|partners|note)(?:\/(\d+))?(\/.*)?$/.exec(pointer);
  if (!m) return null;
  const [, list, index, rest = ''] = m;
  if (list === 'note') return 'note';
  if (list === 'establishment') return first(ESTABLISHMENT_FIELDS, `${index === undefined ? '' : `/${index}`}${rest}`) ?? EST.name;
  const keys = list === 'resources' ? built.resourceKeys : list === 'flows' ? built.flowKeys : built.partnerKeys;
  const key = index === undefined ? undefined : keys[Number(index)];
  if (!key) return null;
  if (list === 'partners') return fieldId(key, /^\/location/.test(rest) ? 'partner-city' : 'partner-name');
  return fieldId(key, first(ITEM_FIELDS, rest) ?? 'kind');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The problems of a validation report or of problem details that list some. */
function listedProblems(body: unknown, built: Built): SubmitFailure['problems'] {
  const problems = isObject(body) && Array.isArray(body.problems) ? (body.problems as ValidationReport['problems']) : [];
  return problems
    .filter((p) => isObject(p) && p.severity !== 'warning' && typeof p.pointer === 'string')
    .map((p) => ({
      pointer: p.pointer,
      field: fieldOfPointer(p.pointer, built),
      message: isObject(p.message) && typeof p.message.fr === 'string' ? { fr: p.message.fr, en: String(p.message.en) } : { fr: p.code, en: p.code },
    }));
}

/** A 400's detail names the places in the body it refuses (`body/flows/0/quantity/value must be >= 0`): each on its field. */
function detailProblems(problem: ProblemDetails | undefined, built: Built): SubmitFailure['problems'] {
  if (!problem?.detail) return [];
  const words = bilingual(problem.detail);
  const parts = (text: string) => text.replace(/^[^:]*:\s*/, '').split('; ');
  const fr = parts(words.fr);
  const en = parts(words.en);
  return en.map((part, i) => {
    const pointer = /\bbody(\/[^\s]*)/.exec(part)?.[1];
    return { ...(pointer ? { pointer } : {}), field: pointer ? fieldOfPointer(pointer, built) : null, message: { fr: fr[i] ?? part, en: part } };
  });
}

/** `Retry-After` of the answer, in seconds, when the client's error carries the response. */
function retryAfterOf(error: ToileApiError): number | undefined {
  const cause = error.cause;
  const headers = isObject(cause) && isObject(cause.response) ? (cause.response as { headers?: Headers }).headers : undefined;
  const value = headers && typeof headers.get === 'function' ? headers.get('retry-after') : null;
  if (value && /^\d+$/.test(value.trim())) return Number(value);
  const said = /(\d+)\s*s\b/.exec(error.problem?.detail ?? '');
  return said ? Number(said[1]) : undefined;
}

/** What a failed call means for the form. */
export function readFailure(error: unknown, built: Built): SubmitFailure {
  if (!(error instanceof ToileApiError) || error.kind !== 'http') return { kind: 'network', status: 0, message: T.failNetwork, problems: [] };
  const { status, problem, report } = error;
  const detail = problem?.detail ? bilingual(problem.detail) : undefined;
  const said = detail ? [{ field: null, message: detail }] : [];
  switch (status) {
    case 400:
    case 422: {
      const listed = listedProblems(report ?? problem, built);
      return { kind: 'invalid', status, message: T.failInvalid, problems: listed.length ? listed : detailProblems(problem, built) };
    }
    case 403:
      return { kind: 'forbidden', status, message: T.failForbidden, problems: said };
    case 429: {
      const seconds = retryAfterOf(error);
      const message = seconds === undefined ? T.failRateNoDelay : { fr: T.failRate.fr(seconds), en: T.failRate.en(seconds) };
      return { kind: 'rate-limited', status, message, problems: [], ...(seconds === undefined ? {} : { retryAfter: seconds }) };
    }
    case 404:
      return { kind: 'not-found', status, message: T.failNotFound, problems: said };
    case 413:
      return { kind: 'invalid', status, message: T.failTooLarge, problems: said };
    default:
      return { kind: 'server', status, message: T.failServer, problems: said };
  }
}

/** Sends the declaration; resolves to the server's receipt or rejects with a {@link SubmitFailure}. */
export async function sendDeclaration(api: string, territory: string, built: Built, invitation: string | null, signal: AbortSignal): Promise<SubmitResult> {
  const client = createToileClient({ baseURL: api });
  try {
    return await client.submitDeclaration(territory, built.declaration, { signal, ...(invitation ? { invitation } : {}) });
  } catch (error) {
    throw readFailure(error, built);
  }
}
