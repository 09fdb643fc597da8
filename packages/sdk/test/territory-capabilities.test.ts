/**
 * The synthetic territories of @toile/testkit with capabilities: off by default (benchmarks and
 * tests get the documents they always had), drawn from their own PRNG when on (nothing else
 * changes), valid, and with establishments that share processes and product codes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProcessId } from '@toile/schema';
import { generateTerritory } from '@toile/testkit';
import { writeTerritory } from '@toile/testkit/node';
import { validateToile } from '../src/index.ts';

describe('generateTerritory with capabilities', () => {
  const options = { establishments: 2000, flowsPerEstablishment: 3, resourcesPerEstablishment: true, seed: 7 };
  const plain = generateTerritory(options);
  const withCapabilities = generateTerritory({ ...options, capabilitiesPerEstablishment: true });

  it('are off by default, and turning them on changes nothing else', () => {
    expect(plain.establishments.some((e) => e.capabilities)).toBe(false);
    const stripped = structuredClone(withCapabilities);
    for (const e of stripped.establishments) delete e.capabilities;
    expect(JSON.stringify(stripped)).toBe(JSON.stringify(plain));
  });

  it('give valid capabilities, on internal establishments only, with processes of the vocabulary', () => {
    const r = validateToile(withCapabilities);
    expect(r.problems).toEqual([]);
    const all = withCapabilities.establishments.flatMap((e) => e.capabilities ?? []);
    expect(all.length).toBeGreaterThan(1000);
    for (const c of all) expect(isProcessId(c.process), c.process).toBe(true);
    expect(withCapabilities.establishments.filter((e) => e.external && e.capabilities)).toEqual([]);
    expect(all.some((c) => c.spare?.from && c.spare.to)).toBe(true);
    expect(new Set(all.map((c) => c.confidentiality ?? 'public'))).toEqual(new Set(['public', 'partners', 'confidential']));
  });

  it('make kin: many establishments share a process and a product code with another', () => {
    const byKey = new Map<string, Set<string>>();
    for (const e of withCapabilities.establishments) {
      for (const c of e.capabilities ?? []) {
        for (const p of c.products ?? []) {
          const key = `${c.process} ${p}`;
          byKey.set(key, (byKey.get(key) ?? new Set()).add(e.id));
        }
      }
    }
    const kin = new Set([...byKey.values()].filter((ids) => ids.size > 1).flatMap((ids) => [...ids]));
    expect(kin.size).toBeGreaterThan(500);
  });

  it('writeTerritory writes the same document, byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toile-territory-capabilities-'));
    try {
      const small = { establishments: 300, seed: 3, capabilitiesPerEstablishment: 2 };
      await writeTerritory(join(dir, 't.json'), small);
      expect(readFileSync(join(dir, 't.json'), 'utf8')).toBe(JSON.stringify(generateTerritory(small)));
      expect(generateTerritory(small).establishments.every((e) => (e.capabilities?.length ?? 0) <= 2)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
