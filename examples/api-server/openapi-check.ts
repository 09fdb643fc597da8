/**
 * Request and response validation against the same OpenAPI document the client is typed from:
 * each operation's query/path parameters and JSON bodies are compiled once with ajv, against the
 * standalone JSON Schema of @toile/schema (so `$ref`s resolve to one definition).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import { SCHEMA_ID } from '@toile/schema';

const SCHEMA_DIR = new URL('../../packages/schema/', import.meta.url);

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
}

/** Compiled checks of one operation. */
export interface OperationCheck {
  /** Coerces and checks query and path parameters; returns the errors, or null when valid. */
  params(values: Record<string, unknown>): ErrorObject[] | null;
  body?: ValidateFunction;
  response(status: number, body: unknown): ErrorObject[] | null;
}

/** Rewrites `#/components/schemas/X` into references to the standalone JSON Schema. */
function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', `${SCHEMA_ID}#/$defs/`) : rewrite(v)]),
    );
  }
  return value;
}

/** Loads openapi.yaml and compiles a check for every operation, by operationId. */
export function compileOperationChecks(): Map<string, OperationCheck> {
  const openapi = parseYaml(readFileSync(fileURLToPath(new URL('openapi.yaml', SCHEMA_DIR)), 'utf8')) as {
    paths: Record<string, Record<string, Operation | Parameter[]>>;
    components: { parameters: Record<string, Parameter>; responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> };
  };
  const jsonSchema = JSON.parse(readFileSync(fileURLToPath(new URL('generated/toile.schema.json', SCHEMA_DIR)), 'utf8'));
  // Query strings are text: ajv coerces "5" → 5, "true" → true, a lone value → [value].
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: 'array', useDefaults: true });
  const bodies = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(jsonSchema);
  bodies.addSchema(jsonSchema);
  const resolveParam = (p: Parameter | { $ref: string }): Parameter =>
    '$ref' in p ? (openapi.components.parameters[p.$ref.split('/').pop() as string] as Parameter) : p;

  const checks = new Map<string, OperationCheck>();
  for (const item of Object.values(openapi.paths)) {
    const shared = ((item.parameters as (Parameter | { $ref: string })[] | undefined) ?? []).map(resolveParam);
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const operation = op as Operation;
      const params = [...shared, ...(operation.parameters ?? []).map(resolveParam)];
      const paramSchema = {
        type: 'object',
        properties: Object.fromEntries(params.map((p) => [p.name, rewrite(p.schema)])),
        required: params.filter((p) => p.required).map((p) => p.name),
        additionalProperties: false,
      };
      const validateParams = ajv.compile(paramSchema);
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const responses = new Map<string, ValidateFunction>();
      for (const [status, response] of Object.entries(operation.responses)) {
        const resolved = response.$ref ? openapi.components.responses[response.$ref.split('/').pop() as string] : response;
        const content = resolved?.content ?? {};
        const schema = (content['application/json'] ?? content['application/problem+json'])?.schema;
        if (schema) responses.set(status, bodies.compile(rewrite(schema) as object));
      }
      checks.set(operation.operationId, {
        params: (values) => (validateParams(values) ? null : (validateParams.errors ?? [])),
        ...(bodySchema ? { body: bodies.compile(rewrite(bodySchema) as object) } : {}),
        response: (status, body) => {
          const validate = responses.get(String(status)) ?? responses.get('default');
          if (!validate) return null;
          return validate(body) ? null : (validate.errors ?? []);
        },
      });
    }
  }
  return checks;
}
