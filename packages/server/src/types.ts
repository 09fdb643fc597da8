/** Types of the reference server, all derived from the OpenAPI document through @toile/schema and @toile/sdk. */
import type { components } from '@toile/schema';
import type { OperationId, ProblemDetails, QueryOf, ResponseOf } from '@toile/sdk';

export type { OperationId, ProblemDetails, QueryOf, ResponseOf };
/** A whole Toile document. */
export type ToileDocument = components['schemas']['ToileDocument'];
/** An establishment. */
export type Establishment = components['schemas']['Establishment'];
/** A flow. */
export type Flow = components['schemas']['Flow'];
/** The body of `runDomino`. */
export type DominoRequest = components['schemas']['DominoRequest'];
/** The result of `runDomino`. */
export type DominoResult = components['schemas']['DominoResult'];
/** One synergy candidate. */
export type SynergyMatch = components['schemas']['SynergyMatch'];
/** The report of `putTerritory`. */
export type ValidationReport = components['schemas']['ValidationReport'];

/** A value, or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * What a handler answers: the operation's 200 body, a validation report (422 of `putTerritory`),
 * or problem details. The server checks every reply against openapi.yaml before sending it.
 */
export type Reply<Op extends OperationId> =
  | { status: 200; body: ResponseOf<Op>; headers?: Record<string, string> }
  | { status: 422; body: ValidationReport; headers?: Record<string, string> }
  | { status: number; body: ProblemDetails; headers?: Record<string, string> };
