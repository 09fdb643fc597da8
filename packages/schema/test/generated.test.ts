import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArtifacts, buildFacts, PACKAGE_DIR, readOpenApi } from '../scripts/artifacts.ts';
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
