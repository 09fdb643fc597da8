/** RFC 9457 problem details, the body of every error of the server. */
import { STATUS_CODES } from 'node:http';
import type { ProblemDetails } from './types.ts';

/** Standard titles, by status. */
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** A problem reply: `{ status, body }` with `type: about:blank` and the standard title of the status. */
export function problem(status: number, detail?: string, extra: Partial<ProblemDetails> = {}): { status: number; body: ProblemDetails } {
  return { status, body: { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extra } };
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
