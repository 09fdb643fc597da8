/**
 * @toile/schema — the Toile flow format: generated types, the standalone JSON Schema id,
 * precompiled (CSP-safe) validators and the reference vocabularies.
 *
 * @example
 * ```ts
 * import { validateDocument, type ToileDocument } from '@toile/schema';
 * if (!validateDocument(data)) console.log(validateDocument.errors);
 * ```
 */
import type { components } from '../generated/toile.d.ts';

export type { components, paths, operations } from '../generated/toile.d.ts';
export type { ErrorObject } from '../generated/ajv-error.d.ts';
export type { StandaloneValidator } from '../generated/validators-fast.d.ts';
export * as fastValidators from '../generated/validators-fast.js';
export * as fullValidators from '../generated/validators-full.js';

type Schemas = components['schemas'];
/** A whole Toile document. */
export type ToileDocument = Schemas['ToileDocument'];
/** The territory a document describes. */
export type Territory = Schemas['Territory'];
/** Document metadata: title, publisher, licence, sources… */
export type Meta = Schemas['Meta'];
/** A data source that records point to. */
export type Source = Schemas['Source'];
/** An establishment (node). */
export type Establishment = Schemas['Establishment'];
/** An establishment's location. */
export type Location = Schemas['Location'];
/** A flow (link) between two establishments. */
export type Flow = Schemas['Flow'];
/** What a flow or resource carries. */
export type Item = Schemas['Item'];
/** A value with its unit. */
export type Quantity = Schemas['Quantity'];
/** A productive capability of an establishment (a process, its products, capacity and spare capacity). */
export type Capability = Schemas['Capability'];
/** Idle capacity of a capability offered to others. */
export type SpareCapacity = Schemas['SpareCapacity'];
/** A declared offer or need. */
export type Resource = Schemas['Resource'];
/** One of the nine flow kinds. */
export type FlowKind = Schemas['FlowKind'];
/** Status of a flow. */
export type FlowStatus = Schemas['FlowStatus'];
/** Status of an establishment. */
export type EstablishmentStatus = Schemas['EstablishmentStatus'];
/** Publication level of a record. */
export type Confidentiality = Schemas['Confidentiality'];
/** A material family id. */
export type Family = Schemas['Family'];
/** A unit id. */
export type Unit = Schemas['Unit'];
/** A saved domino scenario. */
export type Scenario = Schemas['Scenario'];
/** One problem found by validation. */
export type ValidationProblem = Schemas['ValidationProblem'];
/** The validation report served by the API. */
export type ValidationReport = Schemas['ValidationReport'];

/** Format version written by this package. */
export const FORMAT_VERSION = '1.0';

export * from '../generated/facts.ts';
export * from './families.ts';
export * from './processes.ts';
export * from './units.ts';
export * from './vocab.ts';
export * from './csv-columns.ts';
export * from './parquet-columns.ts';
export * from './labels.ts';
