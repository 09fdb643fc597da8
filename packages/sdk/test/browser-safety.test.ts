import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

/** Every module reachable from the main entry by static imports. */
function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    staticGraph(join(entry, '..', match[1] as string), seen);
  }
  return seen;
}

describe('the main entry is browser-safe', () => {
  it('reaches no node: module through static imports (widgets import it)', () => {
    const graph = staticGraph(join(SRC, 'index.ts'));
    expect(graph.size).toBeGreaterThan(5);
    const offenders = [...graph].filter((file) => /from\s+'node:/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps the CLI out of the main entry', () => {
    const graph = [...staticGraph(join(SRC, 'index.ts'))];
    expect(graph.some((f) => f.includes(`${join('src', 'cli')}/`))).toBe(false);
  });

  it('sees the CLI and node: modules where they are (the node entry), so the two checks above can fail', () => {
    const graph = [...staticGraph(join(SRC, 'node.ts'))];
    expect(graph).toContain(join(SRC, 'cli', 'main.ts'));
    expect(graph.some((file) => /from\s+'node:/.test(readFileSync(file, 'utf8')))).toBe(true);
  });
});

describe('the main entry stays small', () => {
  it('does not pull the CSV parser (papaparse) — it lives in @toile/sdk/csv', () => {
    const graph = [...staticGraph(join(SRC, 'index.ts'))];
    expect(graph.filter((file) => /from\s+'papaparse'/.test(readFileSync(file, 'utf8')))).toEqual([]);
  });
});
