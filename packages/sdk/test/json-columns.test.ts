/**
 * readJsonColumns against the document path (readToileText): on generated territories, the
 * example and broken documents, the same valid part (row by row) and the same problems on the
 * template's fields; syntax errors and keys written twice at the same line and column.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit';
import { cliIn } from '@toile/testkit/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsFromDocument, documentFromColumns, readToileText, recordAt, type Problem } from '../src/index.ts';
import { readJsonColumns, type JsonColumnsOptions } from '../src/node.ts';
import { breakable } from './support/broken.ts';

const ROOT = join(import.meta.dirname, '../../..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'examples/data/port-estuaire.toile.json'), 'utf8');
const TABLES = ['establishments', 'flows', 'resources', 'capabilities'] as const;
/** Codes about what the columnar form does not hold (properties outside the template). */
const OUTSIDE_TEMPLATE = new Set(['unknown-property', 'unknown-source', 'unsafe-url']);

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'toile-json-columns-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to a file and reads it both ways (small reads: records and strings cut between pieces). */
async function readBoth(text: string, options: JsonColumnsOptions = { readBytes: 1024, window: 16 }) {
  const file = join(dir, `doc-${n++}.json`);
  writeFileSync(file, text);
  return { got: await readJsonColumns(file, { maxProblems: 100_000, ...options }), expected: readToileText(text, { maxProblems: 100_000 }) };
}

const key = (p: Problem) => `${p.severity} ${p.code} ${p.pointer}`;
const templateOnly = (list: Problem[], got: Problem[]) => {
  // A problem outside the template is one the columns cannot see: compared only where the columns hold the field.
  const pointers = new Set(got.map((p) => p.pointer));
  return list.filter((p) => !OUTSIDE_TEMPLATE.has(p.code) || pointers.has(p.pointer));
};

async function expectSameAsDocument(text: string, options?: JsonColumnsOptions): Promise<void> {
  const { got, expected } = await readBoth(text, options);
  expect(got.data).not.toBeNull();
  expect(got.problems.map(key).sort()).toEqual(templateOnly(expected.problems, got.problems).map(key).sort());
  const data = columnsFromDocument(expected.data!);
  expect(got.data!.toile).toBe(data.toile);
  expect(got.data!.territory).toEqual(data.territory);
  expect(got.data!.meta).toEqual(data.meta);
  for (const table of TABLES) {
    expect(got.data!.tables[table].rows, table).toBe(data.tables[table].rows);
    for (let r = 0; r < data.tables[table].rows; r++) expect(recordAt(table, got.data!.tables[table], r)).toEqual(recordAt(table, data.tables[table], r));
  }
}

/** A generated territory broken in the template's fields (kinds, ends, ids, levels, types). */
function broken(seed: number): ToileDocument {
  const { doc, establishments: e, flows: f, resources: r, pick } = breakable(seed);
  pick(e).confidentiality = 'secret';
  pick(e).confidentiality = 'Partenaires';
  pick(e).naf = '99.99Z';
  pick(e).employees = 'many';
  pick(e).name = 5;
  const { capabilities: _c, ...rest } = e[3]!;
  e.push({ ...rest, name: 'Doublon' });
  pick(f).kind = 'gift';
  pick(f).kind = 7;
  pick(f).to = 'nobody';
  pick(f).quantity = { value: 'x', unit: 't' };
  pick(f).quantity = '5 t';
  pick(f).confidentiality = 42;
  f.push({ ...f[2]! });
  pick(r).establishment = 'ghost';
  pick(r).direction = 'both';
  return doc;
}

describe('readJsonColumns', () => {
  it('reads a generated territory as the document path does (pretty and compact, any piece size)', async () => {
    const doc = generateTerritory({
      establishments: 60,
      flowsPerEstablishment: 4,
      resourcesPerEstablishment: true,
      capabilitiesPerEstablishment: true,
      seed: 7,
    });
    await expectSameAsDocument(JSON.stringify(doc, null, 2));
    await expectSameAsDocument(JSON.stringify(doc), { readBytes: 1024, window: 7 });
    await expectSameAsDocument(JSON.stringify(doc), {});
  });

  it('reads the example territory as the document path does', async () => {
    await expectSameAsDocument(SAMPLE_TEXT);
    // A byte-order mark and non-ASCII text cut between pieces.
    await expectSameAsDocument(`\ufeff${SAMPLE_TEXT}`, { readBytes: 1031 });
  });

  it('finds in broken territories what the document path finds', async () => {
    for (const seed of [1, 2, 3]) await expectSameAsDocument(JSON.stringify(broken(seed), null, 1));
  });

  it('reports keys written twice at their line and column, the strictest level kept', async () => {
    const doc = generateTerritory({ establishments: 30, flowsPerEstablishment: 2, seed: 3 });
    const text = JSON.stringify(doc, null, 2)
      .replace('"name": "', '"name": "Premier", "name": "')
      .replace(/("confidentiality": "public")/, '"confidentiality": "confidential", $1')
      .replace('"meta": {', '"meta": { "licence": "x", "licence": "y",');
    const { got, expected } = await readBoth(text);
    const dup = (list: Problem[]) => list.filter((p) => p.code.startsWith('duplicate-'));
    expect(dup(got.problems).length).toBeGreaterThan(1);
    expect(dup(got.problems).sort((a, b) => a.pointer.localeCompare(b.pointer))).toEqual(
      dup(expected.problems).sort((a, b) => a.pointer.localeCompare(b.pointer)),
    );
    await expectSameAsDocument(text);
  });

  it('reports a syntax error at its line and column, as the document path does', async () => {
    const text = JSON.stringify(generateTerritory({ establishments: 50, flowsPerEstablishment: 2, seed: 5 }), null, 2);
    const lastFlow = text.lastIndexOf('"from"');
    const cases = [
      text.slice(0, text.length - 40), // truncated in the last records
      text.replace('},\n    {\n      "id": "f3"', '}\n    {\n      "id": "f3"'), // a comma missing between records
      text.slice(0, lastFlow) + '"from" "x", ' + text.slice(lastFlow + 6), // a colon missing
      text.replace('"meta": {', '"meta": {,'), // outside the lists
      text.replace(/\}\n {2}\],\n {2}"flows"/, '},\n  ],\n  "flows"'), // a trailing comma
      `${text} {}`, // after the document
    ];
    for (const broken of cases) {
      const { got, expected } = await readBoth(broken);
      expect(expected.problems[0]!.code).toBe('invalid-json');
      expect(got.data).toBeNull();
      expect(got.problems).toHaveLength(1);
      const [problem] = got.problems;
      expect(problem!.code).toBe('invalid-json');
      expect([problem!.params!['line'], problem!.params!['column']]).toEqual([expected.problems[0]!.params!['line'], expected.problems[0]!.params!['column']]);
      expect(problem!.message.en).toMatch(/line/);
    }
  });

  it('finds each list by its whole key, wherever the pieces cut it and however long the key before it', async () => {
    const doc = generateTerritory({ establishments: 30, flowsPerEstablishment: 3, seed: 11 });
    const text = JSON.stringify(doc, null, 1);
    const at = Buffer.byteLength(text.slice(0, text.indexOf('"flows"')));
    // The general path, with pieces that end at each character of `"flows": [`.
    for (let k = 0; k <= '"flows": ['.length; k++) await expectSameAsDocument(text, { scan: false, readBytes: at + k });
    // After the flows, a longer key that ends as theirs: no list of records, an unknown property.
    const long = text.replace(/\n\}$/, `,\n "${'a'.repeat(300)}\\"flows": [{"id": "x"}]\n}`);
    expect(JSON.parse(long)).toHaveProperty(`${'a'.repeat(300)}"flows`);
    await expectSameAsDocument(long, { scan: false });
  });

  it('keeps the last of a list written twice, as JSON.parse does', async () => {
    const doc = generateTerritory({ establishments: 10, flowsPerEstablishment: 2, seed: 9 });
    const text = JSON.stringify(doc).replace(/\}$/, `,"flows":${JSON.stringify(doc.flows.slice(0, 3))}}`);
    await expectSameAsDocument(text);
  });
});

describe('CLI on a JSON file above the streaming threshold', () => {
  const SAMPLE = JSON.parse(SAMPLE_TEXT) as ToileDocument;
  const hub = () => SAMPLE.establishments.find((e) => !e.external)!.id;
  const write = (name: string, doc: unknown) => writeFileSync(join(dir, name), JSON.stringify(doc, null, 2));
  beforeAll(() => {
    // What the columns hold (the template's fields): the document path then says the same.
    write('twin.toile.json', documentFromColumns(columnsFromDocument(SAMPLE)));
    const twin = documentFromColumns(columnsFromDocument(SAMPLE));
    write('broken.toile.json', { ...twin, flows: twin.flows.map((f, i) => (i === 3 ? { ...f, to: 'nulle-part', kind: 'gift' } : f)) });
  });
  const cases: [string, () => string[]][] = [
    ['validate', () => ['validate', 'twin.toile.json']],
    ['validate --json (broken)', () => ['validate', 'broken.toile.json', '--json']],
    ['stats', () => ['stats', 'twin.toile.json']],
    ['gaps --json', () => ['gaps', 'twin.toile.json', '--json']],
    ['domino cascade', () => ['domino', 'twin.toile.json', '--model', 'cascade', '--shock', `${hub()}=1`]],
    ['systemic', () => ['systemic', 'twin.toile.json', '--top', '5']],
    ['publish', () => ['publish', 'twin.toile.json', '--audience', 'public']],
  ];
  for (const [name, args] of cases)
    for (const lang of ['fr', 'en'])
      it(`${name} (${lang}) prints what the document path prints`, async () => {
        const streamed = await cliIn(dir, { TOILE_JSON_STREAM_BYTES: '1' })(...args(), '--lang', lang);
        const whole = await cliIn(dir)(...args(), '--lang', lang);
        expect(streamed.code).toBe(whole.code);
        expect(streamed.stdout).toBe(whole.stdout);
        expect(streamed.stderr).toBe(whole.stderr);
        expect(streamed.stdout.length).toBeGreaterThan(20);
      });

  it('reads the file as a stream above the threshold (a syntax error says so the same way)', async () => {
    writeFileSync(join(dir, 'cut.toile.json'), readFileSync(join(dir, 'twin.toile.json'), 'utf8').slice(0, -30));
    const streamed = await cliIn(dir, { TOILE_JSON_STREAM_BYTES: '1' })('validate', 'cut.toile.json', '--json');
    const whole = await cliIn(dir)('validate', 'cut.toile.json', '--json');
    expect(streamed.code).toBe(whole.code);
    expect(streamed.stdout).toBe(whole.stdout);
  });
});
