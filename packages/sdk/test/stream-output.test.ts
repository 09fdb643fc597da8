/**
 * Issue #16: `export` (every one-file format), `publish` and `merge` write as streams, never as one
 * string. The bytes are those of the one-string functions the SDK still exports (`toGexf`,
 * `toGraphml`, `JSON.stringify(toGeoJson(doc) | toJgf(doc), null, 2)`), for the sample, a generated
 * territory and a document with hostile ids; the writer only ever gets chunks of bounded size, and
 * waits for a slow reader.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTerritory } from '@toile/testkit';
import type { ToileDocument } from '@toile/schema';
import {
  CHUNK_CHARS,
  LazyJsonArray,
  LazyJsonObject,
  batchChunks,
  geoJsonChunks,
  gexfChunks,
  graphmlChunks,
  jgfChunks,
  jsonChunks,
  mergeToile,
  publishToile,
  toGeoJson,
  toGexf,
  toGraphml,
  toJgf,
} from '../src/index.ts';
import { writeChunks } from '../src/node.ts';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/context.ts';

const SAMPLE = fileURLToPath(new URL('../../../examples/data/port-estuaire.toile.json', import.meta.url));
const sample = JSON.parse(readFileSync(SAMPLE, 'utf8')) as ToileDocument;
const generated = generateTerritory({ establishments: 1500, flowsPerEstablishment: 5, seed: 7 }) as ToileDocument;
const hostile = structuredClone(sample);
hostile.establishments[0]!.id = '42';
hostile.establishments[1]!.id = '__proto__';
hostile.establishments[2]!.id = '7';
hostile.establishments[3]!.id = hostile.establishments[4]!.id;
hostile.establishments[5]!.name = `a<b>&"'\u0001\n\t\uD800 ]]> 😀`;
const DOCS: Record<string, ToileDocument> = { sample, generated, hostile };

/** The old one-string output of each format, and its streamed chunks. */
const FORMATS: Record<string, { old: (doc: ToileDocument) => string; chunks: (doc: ToileDocument) => Iterable<string> }> = {
  'gexf 1.3': { old: (d) => toGexf(d), chunks: (d) => gexfChunks(d) },
  'gexf 1.2': { old: (d) => toGexf(d, { version: '1.2' }), chunks: (d) => gexfChunks(d, { version: '1.2' }) },
  graphml: { old: toGraphml, chunks: graphmlChunks },
  geojson: { old: (d) => `${JSON.stringify(toGeoJson(d), null, 2)}\n`, chunks: geoJsonChunks },
  jgf: { old: (d) => `${JSON.stringify(toJgf(d), null, 2)}\n`, chunks: jgfChunks },
};

/** The longest line of a text: a chunk holds at most 64 KiB and one more record's line. */
const longestLine = (text: string) => text.split('\n').reduce((n, l) => Math.max(n, l.length), 0);

const dir = mkdtempSync(join(tmpdir(), 'toile-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A slow stdout that records each write and checks the producer never runs far ahead. */
function slowStdout(): { stream: Writable; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    highWaterMark: 1024,
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      writes.push(String(chunk));
      setImmediate(done);
    },
  });
  return { stream, writes };
}

const ioWith = (stdoutStream?: Writable): CliIO => ({
  stdout: () => {
    throw new Error('stdout written as text while a stream is given');
  },
  stderr: () => {},
  stderrIsTTY: false,
  env: {},
  cwd: dir,
  ...(stdoutStream ? { stdoutStream } : {}),
});

describe('streamed exports give the old bytes', () => {
  for (const [docName, doc] of Object.entries(DOCS)) {
    for (const [format, { old, chunks }] of Object.entries(FORMATS)) {
      it(`${format}, ${docName}: chunks joined = the one-string export; no chunk above 64 KiB + a line`, () => {
        const expected = old(doc);
        const parts = [...chunks(doc)];
        expect(parts.join('')).toBe(expected);
        const bound = CHUNK_CHARS + longestLine(expected) + 1;
        expect(parts.reduce((n, p) => Math.max(n, p.length), 0)).toBeLessThanOrEqual(bound);
        if (expected.length > 4 * CHUNK_CHARS) expect(parts.length).toBeGreaterThan(expected.length / (2 * CHUNK_CHARS));
      });
    }
  }

  it('gexfChunks refuses an unknown version at once, as toGexf', () => {
    expect(() => gexfChunks(sample, { version: '2.0' as '1.3' })).toThrow(RangeError);
  });
});

describe('lazy containers in jsonChunks', () => {
  it('write what their items make, as JSON.stringify does for the array or object, at any indent', () => {
    const items = [{ a: 1, u: undefined }, undefined, [], {}, 'x', new Date(0)];
    const entries: [string, unknown][] = [
      ['a', 1],
      ['skip', undefined],
      ['k42', { deep: [1, 2] }],
      ['f', () => 1],
    ];
    for (const indent of [0, 2, 4]) {
      const lazy = {
        list: new LazyJsonArray(items),
        record: new LazyJsonObject(entries),
        none: new LazyJsonArray([]),
        empty: new LazyJsonObject([['u', undefined]]),
      };
      const plain = { list: items, record: Object.fromEntries(entries), none: [], empty: { u: undefined } };
      expect([...jsonChunks(lazy, { indent, chunkSize: 7 })].join('')).toBe(JSON.stringify(plain, null, indent));
    }
  });

  it('pull one item at a time: a generator of 100 000 items is never held whole', () => {
    let pulled = 0;
    function* items(): Generator<number> {
      for (let i = 0; i < 100_000; i++) {
        pulled++;
        yield i;
      }
    }
    const chunks = jsonChunks(new LazyJsonArray(items()), { indent: 0, chunkSize: 1000 });
    chunks.next();
    expect(pulled).toBeLessThan(400);
  });

  it('batchChunks gathers pieces into chunks of at least the size asked', () => {
    expect([...batchChunks(['ab', 'c', 'de', 'f'], 3)]).toEqual(['abc', 'def']);
    expect([...batchChunks([], 3)]).toEqual([]);
  });
});

describe('the CLI writes its outputs as streams', () => {
  const generatedFile = join(dir, 'generated.json');

  it('writeChunks waits for a slow reader and leaves the stream open', async () => {
    const { stream, writes } = slowStdout();
    let produced = 0;
    function* chunks(): Generator<string> {
      for (let i = 0; i < 200; i++) {
        produced++;
        // The producer is paused while the reader is behind: never more than a few chunks ahead
        // (Readable.from buffers 16, the writable a 1 KB chunk).
        expect(produced - writes.length).toBeLessThanOrEqual(20);
        yield `${i},`.padEnd(1000, ' ');
      }
    }
    await writeChunks(stream, chunks());
    expect(writes.join('')).toBe(Array.from({ length: 200 }, (_, i) => `${i},`.padEnd(1000, ' ')).join(''));
    expect(stream.writable).toBe(true);
  });

  it('toile export --to each format, to a file and to stdout: the old bytes, in bounded writes', async () => {
    await writeChunks(generatedFile, jsonChunks(generated));
    const shown = publishToile(generated, { audience: 'public', hiddenFlows: 'remove' }).data;
    const cases: [string[], string][] = [
      [['--to', 'gexf'], toGexf(shown)],
      [['--to', 'gexf', '--gexf-version', '1.2'], toGexf(shown, { version: '1.2' })],
      [['--to', 'graphml'], toGraphml(shown)],
      [['--to', 'geojson'], `${JSON.stringify(toGeoJson(shown), null, 2)}\n`],
      [['--to', 'jgf'], `${JSON.stringify(toJgf(shown), null, 2)}\n`],
    ];
    for (const [args, expected] of cases) {
      const out = join(dir, `out-${args.join('')}`);
      expect(await runCli(['export', generatedFile, ...args, '--out', out, '--lang', 'en'], ioWith())).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(expected);
      const { stream, writes } = slowStdout();
      expect(await runCli(['export', generatedFile, ...args, '--lang', 'en'], ioWith(stream))).toBe(0);
      expect(writes.join('')).toBe(expected);
      expect(writes.reduce((n, w) => Math.max(n, w.length), 0)).toBeLessThanOrEqual(CHUNK_CHARS + longestLine(expected) + 1);
      expect(writes.length).toBeGreaterThan(expected.length / (2 * CHUNK_CHARS));
    }
  });

  it('toile publish and toile merge to stdout: the old bytes, in bounded writes', async () => {
    const { stream, writes } = slowStdout();
    expect(await runCli(['publish', generatedFile, '--lang', 'en'], ioWith(stream))).toBe(0);
    const published = `${JSON.stringify(publishToile(generated, { audience: 'public' }).data, null, 2)}\n`;
    expect(writes.join('')).toBe(published);
    const merge = slowStdout();
    expect(await runCli(['merge', generatedFile, SAMPLE, '--lang', 'en'], ioWith(merge.stream))).toBe(0);
    expect(merge.writes.join('')).toBe(`${JSON.stringify(mergeToile([generated, sample]).data, null, 2)}\n`);
    expect([...writes, ...merge.writes].reduce((n, w) => Math.max(n, w.length), 0)).toBeLessThanOrEqual(2 * CHUNK_CHARS);
  });
});
