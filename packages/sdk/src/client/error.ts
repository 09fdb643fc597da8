import { ToileRequestError, type HttpErrorKind } from '../io/http.ts';
import type { OperationId, ProblemDetails, ValidationReport } from './types.ts';

/**
 * What went wrong: `http` the server answered with an error status; `network` no answer (refused,
 * reset, DNS); `timeout` no answer in time; `aborted` the caller's AbortSignal fired.
 */
export type ToileApiErrorKind = HttpErrorKind;

/** What {@link ToileApiError} is built from. */
export interface ToileApiErrorInit {
  operation: OperationId;
  kind: ToileApiErrorKind;
  status?: number;
  statusText?: string;
  body?: unknown;
  attempts: number;
  cause?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a body is RFC 9457 problem details (a `title` and a numeric `status`). */
export function isProblemDetails(body: unknown): body is ProblemDetails {
  return isObject(body) && typeof body.title === 'string' && typeof body.status === 'number';
}

/** True when a body is a Toile validation report. */
export function isValidationReport(body: unknown): body is ValidationReport {
  return isObject(body) && typeof body.valid === 'boolean' && Array.isArray(body.problems) && typeof body.errors === 'number';
}

/** What went wrong in both languages, without the operation: `HTTP 404 Not Found`, `no answer in time`… */
function failureWords(init: ToileApiErrorInit, status: number): { fr: string; en: string } {
  switch (init.kind) {
    case 'http': {
      const what = `HTTP ${status}${init.statusText ? ` ${init.statusText}` : ''}`;
      return { fr: what, en: what };
    }
    case 'timeout':
      return { fr: 'pas de réponse à temps', en: 'no answer in time' };
    case 'aborted':
      return { fr: 'interrompu', en: 'aborted' };
    case 'network': {
      const reason = init.cause instanceof Error ? ` (${init.cause.message})` : '';
      return { fr: `erreur réseau${reason}`, en: `network error${reason}` };
    }
  }
}

/**
 * A call to the Toile API failed. Carries the operation, the HTTP status (0 when no answer came),
 * the server's problem details or validation report, and how many attempts were made. A
 * {@link ToileRequestError}, like the errors of `loadToile`.
 *
 * @example
 * ```ts
 * try {
 *   await api.getEstablishment('estuaire', 'acierie');
 * } catch (error) {
 *   if (error instanceof ToileApiError && error.status === 404) console.log(error.problem?.detail);
 * }
 * ```
 */
export class ToileApiError extends ToileRequestError {
  override readonly name: string = 'ToileApiError';
  /** operationId of the OpenAPI document. */
  readonly operation: OperationId;
  /** What kind of failure this is. */
  override readonly kind: ToileApiErrorKind;
  /** HTTP status; 0 when no answer came (network, timeout, abort). */
  readonly status: number;
  /** HTTP status text ('' when none). */
  readonly statusText: string;
  /** The server's RFC 9457 problem details, when it sent some. */
  readonly problem: ProblemDetails | undefined;
  /** The validation report of a refused document (`putTerritory`, 422). */
  readonly report: ValidationReport | undefined;
  /** The raw response body, parsed when it was JSON. */
  readonly body: unknown;
  /** Attempts made, retries included. */
  readonly attempts: number;

  constructor(init: ToileApiErrorInit) {
    const status = init.status ?? 0;
    const problem = isProblemDetails(init.body) ? init.body : undefined;
    const report = isValidationReport(init.body) ? init.body : undefined;
    const what = failureWords(init, status);
    const detail = problem ? ` — ${problem.detail ?? problem.title}` : '';
    super({
      kind: init.kind,
      fr: `${init.operation} : ${what.fr}${detail || (report ? ` — ${report.errors} erreur(s) dans le document` : '')}`,
      en: `${init.operation}: ${what.en}${detail || (report ? ` — ${report.errors} error(s) in the document` : '')}`,
      cause: init.cause,
    });
    this.operation = init.operation;
    this.kind = init.kind;
    this.status = status;
    this.statusText = init.statusText ?? '';
    this.problem = problem;
    this.report = report;
    this.body = init.body;
    this.attempts = init.attempts;
  }
}
