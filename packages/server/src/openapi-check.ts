/**
 * Request and response checks from the same OpenAPI document the client is typed from: for each
 * operation of packages/schema/openapi.yaml, its route, its query and path parameters and JSON
 * bodies are compiled once with ajv, against the standalone JSON Schema of @toile/schema (so every
 * `$ref` resolves to the one definition of the format).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SCHEMA_ID } from '@toile/schema';

/** The schema package's files, found the way Node finds the package (workspace or node_modules). */
const schemaFile = (name: string) => createRequire(import.meta.url).resolve(`@toile/schema/${name}`);

type JsonSchema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  style?: string;
  explode?: boolean;
  schema: JsonSchema;
}
type Ref = { $ref: string };
interface Operation {
  operationId: string;
  parameters?: (Parameter | Ref)[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, Ref | { content?: Record<string, { schema: JsonSchema }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation | (Parameter | Ref)[]>>;
  components: { parameters: Record<string, Parameter>; responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> };
}

/** Compiled checks of one operation. */
export interface OperationSpec {
  operationId: string;
  /** Upper-case HTTP method. */
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  /** The OpenAPI path (`/territories/{territoryId}`). */
  path: string;
  /** The same path in the router's syntax (`/territories/:territoryId`). */
  route: string;
  /** Names of the path parameters. */
  pathParams: string[];
  /** Names of the array query parameters sent comma-separated (`style: form, explode: false`). */
  csvParams: string[];
  /**
   * Applies the parameters' own defaults, coerces query text to the declared types ("5" → 5,
   * "true" → true) in place, and checks them: the errors, or null when valid. Parameters the
   * operation does not declare are errors.
   */
  params(values: Record<string, unknown>): ErrorObject[] | null;
  /** Checks the JSON request body, when the operation has one: the errors, or null when valid. */
  body?: (value: unknown) => ErrorObject[] | null;
  /** Checks a response body against the schema of its status (or `default`): the errors, or null. */
  response(status: number, body: unknown): ErrorObject[] | null;
}

/** Rewrites `#/components/schemas/X` into references to the standalone JSON Schema. */
function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', `${SCHEMA_ID}#/$defs/`) : rewrite(v),
      ]),
    );
  }
  return value;
}

const lastSegment = (ref: string) => ref.split('/').pop() as string;

/** One line per ajv error, for problem details and logs. */
export function describeErrors(errors: readonly ErrorObject[], root = ''): string {
  return errors
    .slice(0, 10)
    .map(
      (e) =>
        `${root}${e.instancePath || ''}${e.instancePath || root ? ' ' : ''}${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : ''}`,
    )
    .join('; ');
}

let compiled: ReadonlyMap<string, OperationSpec> | undefined;

/** Loads openapi.yaml and compiles a spec for every operation, by operationId (once per process: every server shares them). */
export function compileOperations(): ReadonlyMap<string, OperationSpec> {
  compiled ??= compile();
  return compiled;
}

function compile(): Map<string, OperationSpec> {
  const openapi = parseYaml(readFileSync(schemaFile('openapi.yaml'), 'utf8')) as OpenApi;
  const jsonSchema = JSON.parse(readFileSync(schemaFile('toile.schema.json'), 'utf8')) as JsonSchema;
  // Query strings are text: this instance coerces "5" → 5, "true" → true, a lone value → [value].
  const paramAjv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: 'array' });
  const bodyAjv = new Ajv2020({ strict: false, allErrors: true });
  // `date-time` and the other formats openapi.yaml uses are checked, not ignored with a warning.
  addFormats.default(paramAjv);
  addFormats.default(bodyAjv);
  paramAjv.addSchema(jsonSchema);
  bodyAjv.addSchema(jsonSchema);
  const resolveParam = (p: Parameter | Ref): Parameter => ('$ref' in p ? (openapi.components.parameters[lastSegment(p.$ref)] as Parameter) : p);

  const specs = new Map<string, OperationSpec>();
  for (const [path, item] of Object.entries(openapi.paths)) {
    const shared = ((item.parameters as (Parameter | Ref)[] | undefined) ?? []).map(resolveParam);
    for (const [method, value] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const operation = value as Operation;
      const params = [...shared, ...(operation.parameters ?? []).map(resolveParam)].filter((p) => p.in === 'query' || p.in === 'path');
      const validateParams = paramAjv.compile({
        type: 'object',
        properties: Object.fromEntries(params.map((p) => [p.name, rewrite(p.schema)])),
        required: params.filter((p) => p.required).map((p) => p.name),
        additionalProperties: false,
      });
      // Only a parameter's own default (not one inside a $ref'd schema such as a status enum's:
      // a filter must stay off when it is not given).
      const defaults = params.filter((p) => p.schema.default !== undefined).map((p) => [p.name, p.schema.default] as const);
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const validateBody = bodySchema ? bodyAjv.compile(rewrite(bodySchema) as JsonSchema) : undefined;
      const responses = new Map<string, ReturnType<typeof bodyAjv.compile>>();
      for (const [status, response] of Object.entries(operation.responses)) {
        const resolved = '$ref' in response ? openapi.components.responses[lastSegment(response.$ref)] : response;
        const content = resolved?.content ?? {};
        const schema = (content['application/json'] ?? content['application/problem+json'])?.schema;
        if (schema) responses.set(status, bodyAjv.compile(rewrite(schema) as JsonSchema));
      }
      specs.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase() as OperationSpec['method'],
        path,
        route: path.replace(/\{([^}]+)\}/g, ':$1'),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        csvParams: params.filter((p) => p.in === 'query' && p.schema.type === 'array' && p.explode === false).map((p) => p.name),
        params: (values) => {
          for (const [name, fallback] of defaults) if (values[name] === undefined) values[name] = structuredClone(fallback);
          return validateParams(values) ? null : (validateParams.errors ?? []);
        },
        ...(validateBody ? { body: (body: unknown) => (validateBody(body) ? null : (validateBody.errors ?? [])) } : {}),
        response: (status, body) => {
          const validate = responses.get(String(status)) ?? responses.get(`${String(status)[0]}XX`) ?? responses.get('default');
          if (!validate)
            return [{ instancePath: '', schemaPath: '', keyword: 'status', params: { status }, message: `status ${status} is not in openapi.yaml` }];
          return validate(body) ? null : (validate.errors ?? []);
        },
      });
    }
  }
  return specs;
}
