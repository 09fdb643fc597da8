/**
 * Issue #12.8 (writing side): documents are written as a stream of chunks, never as one string, so
 * `publish`, `merge` and `import` of a national document do not die with `Invalid string length`.
 * Writing a real document beyond V8's longest string would take minutes: these tests prove the
 * writer gives `JSON.stringify`'s exact bytes in bounded chunks, and that the CLI writes through it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ToileDocument } from '@toile/schema';
import { jsonChunks, publishToile } from '../src/index.ts';
import { writeCsvPackage, writeJsonFile } from '../src/node.ts';
import { csvTableChunks, exportCsvPackage, importCsvPackage } from '../src/csv.ts';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/context.ts';

const SAMPLE = fileURLToPath(new URL('../../../examples/data/port-estuaire.toile.json', import.meta.url));
const sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as ToileDocument;
const dir = mkdtempSync(join(tmpdir(), 'toile-json-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jsonChunks', () => {
  it('gives the bytes of JSON.stringify(doc, null, 2) for the sample, in many chunks of bounded size', () => {
    const chunkSize = 16_384;
    const chunks = [...jsonChunks(sample, { chunkSize })];
    const expected = JSON.stringify(sample, null, 2);
    expect(chunks.join('')).toBe(expected);
    expect(chunks.length).toBeGreaterThan(Math.floor(expected.length / (2 * chunkSize)));
    // A chunk is flushed as soon as it reaches chunkSize: at most one value's text more.
    const longestString = Math.max(
      ...JSON.stringify(sample)
        .match(/"(?:[^"\\]|\\.)*"/g)!
        .map((s) => s.length),
    );
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(chunkSize + longestString + 200);
  });

  it('matches JSON.stringify on any JSON value, indent 0, 2 and 4 (property test, 500 cases, seeded)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, 4), fc.integer({ min: 1, max: 64 }), (value, indent, chunkSize) => {
        expect([...jsonChunks(value, { indent, chunkSize })].join('')).toBe(JSON.stringify(value, null, indent));
      }),
      { numRuns: 500, seed: 1208 },
    );
  });

  it('follows JSON.stringify on what JSON cannot hold: undefined, functions, toJSON, NaN, wrappers', () => {
    const odd = {
      a: undefined,
      f: () => 1,
      d: new Date(0),
      n: Number.NaN,
      i: -Infinity,
      z: -0,
      w: [new Number(3), new String('x'), undefined, Symbol('s')],
      e: {},
      l: [],
    };
    for (const indent of [0, 2]) expect([...jsonChunks(odd, { indent })].join('')).toBe(JSON.stringify(odd, null, indent));
    expect([...jsonChunks(undefined)]).toEqual([]);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => [...jsonChunks(cycle)]).toThrow(TypeError);
    expect(() => [...jsonChunks({ big: 1n })]).toThrow(TypeError);
  });

  it('writes 100 000 levels of nesting without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const text = [...jsonChunks(deep, { indent: 0 })].join('');
    expect(text).toBe(`${'['.repeat(100_001)}${']'.repeat(100_001)}`);
  });
});

describe('writeJsonFile and the CLI write documents through the stream writer', () => {
  it('writeJsonFile writes JSON.stringify(doc, null, 2) and a line break', async () => {
    const out = join(dir, 'sample.json');
    await writeJsonFile(out, sample);
    expect(readFileSync(out, 'utf8')).toBe(`${JSON.stringify(sample, null, 2)}\n`);
  });

  it('toile publish --out and publish to stdout give the same bytes as before, in several writes', async () => {
    const writes: string[] = [];
    const io: CliIO = { stdout: (t) => void writes.push(t), stderr: () => {}, stderrIsTTY: false, env: {}, cwd: dir };
    const out = join(dir, 'public.json');
    expect(await runCli(['publish', SAMPLE, '--audience', 'public', '--out', out, '--lang', 'en'], io)).toBe(0);
    const expected = `${JSON.stringify(publishToile(sample, { audience: 'public' }).data, null, 2)}\n`;
    expect(readFileSync(out, 'utf8')).toBe(expected);
    expect(await runCli(['publish', SAMPLE, '--audience', 'public', '--lang', 'en'], io)).toBe(0);
    expect(writes.join('')).toBe(expected);
    expect(writes.length).toBeGreaterThan(2);
  });

  it('toile merge --out writes through the same writer', async () => {
    const io: CliIO = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, env: {}, cwd: dir };
    const out = join(dir, 'merged.json');
    expect(await runCli(['merge', SAMPLE, SAMPLE, '--out', out, '--lang', 'en'], io)).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n`).toBe(text);
  });
});

describe('CSV tables written in chunks', () => {
  const big = structuredClone(sample);
  const template = big.flows[0]!;
  big.flows = Array.from({ length: 10_000 }, (_, i) => ({ ...template, id: `flow-${i}` }));

  it("csvTableChunks gives exportCsvPackage's file in chunks of a few thousand rows; the file reads back whole", () => {
    for (const delimiter of [',', ';'] as const) {
      const chunks = [...csvTableChunks(big, 'flows', { delimiter })];
      expect(chunks.length).toBe(Math.ceil(10_001 / 4096));
      const text = chunks.join('');
      expect(text).toBe(exportCsvPackage(big, { delimiter }).get('flows.csv'));
      expect(text.split('\r\n')).toHaveLength(10_002);
      const back = importCsvPackage({ establishments: exportCsvPackage(big, { delimiter }).get('establishments.csv'), flows: text });
      expect(back.data!.flows.map((f) => f.id)).toEqual(big.flows.map((f) => f.id));
    }
  });

  it('writeCsvPackage writes the same files as exportCsvPackage', async () => {
    const out = join(dir, 'csv-package');
    const written = await writeCsvPackage(out, big, { delimiter: ';' });
    const expected = exportCsvPackage(big, { delimiter: ';' });
    expect(written.map((p) => p.slice(out.length + 1))).toEqual([...expected.keys()]);
    for (const [name, content] of expected) expect(readFileSync(join(out, name), 'utf8')).toBe(content);
  });
});
