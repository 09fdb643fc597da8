import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Validator } from '@cfworker/json-schema';
import { PACKAGE_DIR, readOpenApi } from '../scripts/artifacts.ts';
import { FAMILY_IDS, UNIT_IDS, SCHEMA_ID } from '../src/index.ts';

const schema = JSON.parse(readFileSync(join(PACKAGE_DIR, 'generated/toile.schema.json'), 'utf8'));
const samples = ['port-estuaire.toile.json', 'mini.toile.json'].map((name) => ({
  name,
  doc: JSON.parse(readFileSync(join(PACKAGE_DIR, '../../examples/data', name), 'utf8')),
}));

describe('openapi.yaml', () => {
  it('passes the Redocly OpenAPI linter (recommended rules) with no error', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const source = readFileSync(join(PACKAGE_DIR, 'openapi.yaml'), 'utf8');
    const problems = await lintFromString({ source, absoluteRef: join(PACKAGE_DIR, 'openapi.yaml'), config });
    const errors = problems; // warnings too: the document is kept lint-clean
    expect(errors.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('declares bearer security for every write and every survey operation of the agency, and only for those', () => {
    const paths = readOpenApi().paths as Record<string, Record<string, { security?: unknown[]; tags?: string[]; operationId?: string }>>;
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters') continue;
        const isWrite = method === 'put' || method === 'patch' || method === 'delete';
        // Companies declare with an invitation token (a header of its own) or anonymously.
        const agencyOnly = isWrite || (op.tags?.includes('survey') === true && op.operationId !== 'submitDeclaration');
        expect(Boolean(op.security?.length), `${method} ${path}`).toBe(agencyOnly);
      }
    }
  });

  it('has the family and unit enums of the shipped vocabularies', () => {
    const schemas = (readOpenApi().components as { schemas: Record<string, { enum: string[] }> }).schemas;
    expect(schemas.Family?.enum).toEqual([...FAMILY_IDS]);
    expect(schemas.Unit?.enum).toEqual([...UNIT_IDS]);
  });
});

describe('toile.schema.json', () => {
  it('is a JSON Schema 2020-12 with a stable $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(SCHEMA_ID);
  });

  it('compiles under ajv (2020-12, strict) and accepts both sample documents', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const validate = ajv.compile(schema);
    for (const { name, doc } of samples) {
      expect(validate(doc), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    expect(validate({ toile: '1.0' })).toBe(false);
  });

  it('compiles under an independent 2020-12 validator (@cfworker/json-schema) with the same verdicts', () => {
    const validator = new Validator(schema, '2020-12', false);
    for (const { name, doc } of samples) {
      const result = validator.validate(doc);
      expect(result.valid, `${name}: ${JSON.stringify(result.errors.slice(0, 3))}`).toBe(true);
    }
    const broken = structuredClone(samples[1]!.doc);
    broken.flows[0].kind = 'teleportation';
    expect(validator.validate(broken).valid).toBe(false);
  });
});
