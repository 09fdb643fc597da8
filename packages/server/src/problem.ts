/** RFC 9457 problem details, the body of every error of the server. */
import { STATUS_CODES } from 'node:http';
import type { ProblemDetails } from './types.ts';

/** Standard titles, by status. */
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** A message in the kit's two languages. */
export interface Bilingual {
  fr: string;
  en: string;
}

/** The `detail` of a bilingual message: French first (the kit's first language), then English. */
export const bilingual = (message: Bilingual): string => `${message.fr} — ${message.en}`;

/**
 * A problem reply: `{ status, body }` with `type: about:blank` and the standard title of the status.
 * A bilingual detail is written French first, then English.
 */
export function problem(status: number, detail?: string | Bilingual, extra: Partial<ProblemDetails> = {}): { status: number; body: ProblemDetails } {
  const text = typeof detail === 'object' ? bilingual(detail) : detail;
  return {
    status,
    body: { type: 'about:blank', title: TITLES[status] ?? STATUS_CODES[status] ?? 'Error', status, ...(text ? { detail: text } : {}), ...extra },
  };
}

/** The HTTP response of a reply; problem details go out as `application/problem+json`. */
export function toHttpResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 && status !== 422 ? 'application/problem+json' : 'application/json';
  // nosniff: names are data, never markup, whatever they contain.
  return new Response(JSON.stringify(body), {
    status,
    statusText: STATUS_CODES[status] ?? '',
    headers: { 'content-type': `${type}; charset=utf-8`, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...headers },
  });
}
