import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { appendErrorsInPlace, buildArtifacts, buildFacts, PACKAGE_DIR, readOpenApi } from '../scripts/artifacts.ts';
import { validateDocument } from '../generated/validators-full.js';
import { AUDIENCES, BASE_UNITS, CONFIDENTIALITY_LEVELS, DIMENSIONS, FLOW_KINDS, FLOW_STATUSES, getUnit, UNITS } from '../src/index.ts';

describe('generated files', () => {
  it('are fresh: rebuilding them from openapi.yaml and the vocabularies changes nothing (run `pnpm generate`)', async () => {
    const files = await buildArtifacts();
    expect(files.size).toBeGreaterThanOrEqual(12);
    for (const [path, content] of files) {
      const onDisk = readFileSync(join(PACKAGE_DIR, path), 'utf8');
      expect(onDisk, `${path} is stale: run pnpm generate`).toBe(content);
    }
  });

  it('precompiled validators never need eval or require', () => {
    for (const name of ['validators-fast.js', 'validators-full.js']) {
      const code = readFileSync(join(PACKAGE_DIR, 'generated', name), 'utf8');
      expect(code).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(/);
      expect(code).toMatch(/export const validateDocument/);
    }
  });
});

describe('the full validator gathers errors in place (no quadratic concat)', () => {
  const sample = JSON.parse(readFileSync(join(PACKAGE_DIR, '../../examples/data/mini.toile.json'), 'utf8')) as {
    establishments: Record<string, unknown>[];
    flows: Record<string, unknown>[];
  };
  /** 400 establishments and 400 flows, each failing: the case whose errors ajv's concat copied n² times. */
  const broken = () => {
    const doc = structuredClone(sample);
    const [e, f] = [doc.establishments[0]!, doc.flows[0]!];
    doc.establishments = Array.from({ length: 400 }, (_, i) => ({ ...e, id: `bad id ${i}`, employees: -i - 1 }));
    doc.flows = Array.from({ length: 400 }, (_, i) => ({ ...f, id: `f ${i}`, kind: i % 2 ? 'gift' : f['kind'] }));
    return doc;
  };

  it('has no concat left in the generated code, and refuses a form it does not know', () => {
    for (const name of ['validators-fast.js', 'validators-full.js'])
      expect(readFileSync(join(PACKAGE_DIR, 'generated', name), 'utf8')).not.toContain('vErrors.concat(');
    expect(appendErrorsInPlace('vErrors = vErrors === null ? validate7.errors : vErrors.concat(validate7.errors);')).toBe(
      'if(vErrors === null){vErrors = validate7.errors;}else{for(const e of validate7.errors){vErrors.push(e);}}',
    );
    expect(() => appendErrorsInPlace('vErrors = vErrors.concat(other);')).toThrow(/appendErrorsInPlace/);
  });

  it('gives the errors ajv gives, in the same order, on a document whose every record fails', () => {
    const schema = JSON.parse(readFileSync(join(PACKAGE_DIR, 'generated/toile.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true, inlineRefs: false, unicode: false, unicodeRegExp: false, logger: false });
    const reference = ajv.compile(schema);
    const doc = broken();
    expect(reference(doc)).toBe(false);
    expect(validateDocument(doc)).toBe(false);
    const shape = (errors: readonly { instancePath: string; keyword: string; params: unknown }[] | null | undefined) =>
      (errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
    expect(shape(validateDocument.errors).length).toBeGreaterThan(800);
    expect(shape(validateDocument.errors)).toEqual(shape(reference.errors));
  });
});

describe('generated facts (generated/facts.ts)', () => {
  type Schemas = Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
  const schemas = (readOpenApi().components as { schemas: Schemas }).schemas;

  it('are the enums of openapi.yaml, in its order', () => {
    expect(FLOW_KINDS).toEqual(schemas.FlowKind?.enum);
    expect(FLOW_STATUSES).toEqual(schemas.FlowStatus?.enum);
    expect(CONFIDENTIALITY_LEVELS).toEqual(schemas.Confidentiality?.enum);
    expect(AUDIENCES).toEqual(schemas.Publication?.properties?.audience?.enum);
  });

  it('give each dimension of the unit vocabulary its base unit, of factor 1', () => {
    expect(DIMENSIONS).toEqual([...new Set(UNITS.map((u) => u.dimension))]);
    for (const d of DIMENSIONS) expect(getUnit(BASE_UNITS[d]), d).toMatchObject({ dimension: d, factor: 1 });
    expect(Object.keys(BASE_UNITS)).toEqual([...DIMENSIONS]);
  });

  it('refuse to generate when openapi.yaml and the vocabularies disagree', () => {
    const openapi = readOpenApi() as { components: { schemas: Schemas } };
    openapi.components.schemas.Unit!.enum = [...openapi.components.schemas.Unit!.enum!, 'furlong/yr'];
    expect(() => buildFacts(openapi)).toThrow(/Unit enum differs/);
    const families = readOpenApi() as { components: { schemas: Schemas } };
    families.components.schemas.Family!.enum = families.components.schemas.Family!.enum!.slice(1);
    expect(() => buildFacts(families)).toThrow(/Family enum differs/);
  });
});
