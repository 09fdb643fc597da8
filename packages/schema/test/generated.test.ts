import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArtifacts, PACKAGE_DIR } from '../scripts/artifacts.ts';

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
