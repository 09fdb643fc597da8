/**
 * Request and response types of the Toile HTTP API, derived from the openapi-typescript
 * `operations` of @toile/schema — never written by hand, so they follow openapi.yaml.
 */
import type { components, operations } from '@toile/schema';

/** The operationIds of the OpenAPI document (`listTerritories`, `getTerritory`, …). */
export type OperationId = keyof operations;

type JsonContent<T> = T extends { content: { 'application/json': infer R } } ? R : never;

/** The JSON body of an operation's 200 response. */
export type ResponseOf<Op extends OperationId> = JsonContent<operations[Op]['responses'][200]>;

/** No parameters. */
type None = Record<never, never>;
type OrNone<T> = [T] extends [never] ? None : T;

/** The query parameters of an operation (an empty object type when it has none). */
export type QueryOf<Op extends OperationId> = operations[Op]['parameters'] extends { query?: infer Q } ? OrNone<NonNullable<Q>> : None;

/** The path parameters of an operation (an empty object type when it has none). */
export type PathOf<Op extends OperationId> = operations[Op]['parameters'] extends { path?: infer P } ? OrNone<NonNullable<P>> : None;

/** The JSON request body of an operation. */
export type BodyOf<Op extends OperationId> = operations[Op] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

/** RFC 9457 problem details, as the server sends them with every error. */
export type ProblemDetails = components['schemas']['ProblemDetails'];

/** The validation report of `putTerritory` (200 with warnings, 422 when invalid). */
export type ValidationReport = components['schemas']['ValidationReport'];

/** The id of a territory, as the path parameter types it. */
export type TerritoryId = PathOf<'getTerritory'>['territoryId'];

/** The id of an establishment, as the path parameter types it. */
export type EstablishmentId = PathOf<'getEstablishment'>['establishmentId'];
