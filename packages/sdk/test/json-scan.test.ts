/**
 * The fast scan of `readJsonColumns` (`json-scan.ts`) against its general path (`scan: false`):
 * a file with nothing to say is scanned (the scan does not give up), whatever the bytes read at a
 * time, and reads to exactly the same result; a file with anything to say makes the scan give up,
 * and the result is still the general path's, problems and places included.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CSV_TABLE_NAMES } from '@toile/schema';
import { generateTerritory } from '@toile/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonColumns } from '../src/node.ts';
import { scanJsonFile } from '../src/load/json-scan-file.ts';

const ROOT = join(import.meta.dirname, '../../..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'examples/data/port-estuaire.toile.json'), 'utf8');

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'toile-json-scan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(text: string): string {
  const path = join(dir, `doc-${n++}.json`);
  writeFileSync(path, text);
  return path;
}

/** Both paths read the file to the same result. */
async function sameBothWays(path: string): Promise<void> {
  const fast = await readJsonColumns(path, { maxProblems: 100_000 });
  const general = await readJsonColumns(path, { maxProblems: 100_000, scan: false });
  expect(fast).toEqual(general);
}

/** A file with nothing to say: scanned whatever the block size, and read as the general path reads it. */
async function scanned(text: string): Promise<void> {
  const path = file(text);
  // Every block size gives the same tables (steps cut anywhere and read again, a first record of
  // a list included), and the whole file the general path's.
  const tables = async (block: number) => {
    const scan = await scanJsonFile(path, block);
    expect(scan, `block ${block}`).toBeDefined();
    return { tables: Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, scan!.builders[t].finish()])), skeleton: scan!.skeleton };
  };
  const whole = await tables(1 << 22);
  for (const block of [1, 3, 64, 4096]) expect(await tables(block), `block ${block}`).toEqual(whole);
  await sameBothWays(path);
}

/** A file with something to say: the scan gives up (any block size), the result is the general path's. */
async function givesUp(text: string): Promise<void> {
  const path = file(text);
  for (const block of [2, 4096]) expect(await scanJsonFile(path, block), `block ${block}: ${text.slice(0, 80)}`).toBeUndefined();
  await sameBothWays(path);
}

const territory = () =>
  generateTerritory({ establishments: 40, flowsPerEstablishment: 4, resourcesPerEstablishment: true, capabilitiesPerEstablishment: true, seed: 3 });

describe('the fast JSON scan', () => {
  it('scans generated territories, pretty and compact, cut anywhere between blocks', async () => {
    const doc = territory();
    await scanned(JSON.stringify(doc, null, 2));
    await scanned(JSON.stringify(doc));
    // White space of every kind between tokens, and none at the end.
    await scanned(JSON.stringify(doc, null, '\t').replace(/\n/g, '\r\n'));
  });

  it('scans the example territory (accents, keys outside the template, sources)', async () => {
    await scanned(SAMPLE_TEXT);
  });

  it('reads escapes, non-ASCII text and keys outside the columns as the general path does', async () => {
    const doc = territory() as unknown as { establishments: Record<string, unknown>[]; flows: Record<string, unknown>[] };
    doc.establishments[0]!['name'] = 'Ets "Le Havre"\\ \u00e9t\u00e9 \ud83c\udfed \u2028 tab\there';
    doc.establishments[1]!['name'] = 'Société d’Électricité — 日本';
    doc.establishments[2]!['ext'] = { nested: [{ a: [1, 2, { b: null }] }, true, false, -0.5e-3], clé: 'valeur' };
    doc.flows[0]!['description'] = 'Chaleur fatale récupérée';
    doc.flows[1]!['quantity'] = { value: 12, unit: 't/yr', note: { deep: [[]] } };
    await scanned(JSON.stringify(doc, null, 1));
  });

  it('finds references by the ids of the establishments as the general path does (ids repeated, missing, escaped, non-ASCII; flows first)', async () => {
    const doc = territory() as unknown as { establishments: Record<string, unknown>[]; flows: Record<string, unknown>[] };
    const text = () => JSON.stringify(doc, null, 2);
    // Distinct ids (listed in the reference columns with no lookup), then a reference to no
    // establishment and one written with an escape: both looked up by their text.
    doc.flows[1]!['to'] = 'nobody';
    const first = String(doc.establishments[0]!['id']);
    await scanned(text().replace(`"from": "${String(doc.flows[2]!['from'])}"`, `"from": "\\u00${first.charCodeAt(0).toString(16)}${first.slice(1)}"`));
    // Repeated and missing ids: codes are those of the distinct ids, in order.
    doc.establishments[3]!['id'] = doc.establishments[1]!['id'];
    delete doc.establishments[5]!['id'];
    doc.flows[0]!['from'] = doc.establishments[1]!['id'];
    doc.flows[1]!['to'] = 'nobody';
    await scanned(text());
    // An id written with an escape, and one out of ASCII: references to them are found by their text.
    await scanned(
      text().replace(`"id": "${String(doc.establishments[7]!['id'])}"`, `"id": "${String(doc.establishments[7]!['id']).replace(/^e/, '\\u0065')}"`),
    );
    doc.establishments[8]!['id'] = 'é8';
    doc.flows[2]!['to'] = 'é8';
    await scanned(text());
    // Flows before the establishments: no reference column starts from the ids.
    const { flows, ...rest } = doc;
    await scanned(JSON.stringify({ toile: '1.0', territory: rest['territory' as keyof typeof rest], flows, establishments: doc.establishments }));
    // Ids whose bytes are not UTF-8: two byte sequences read as the same text (U+FFFD).
    const bytes = Buffer.from(
      text()
        .replace(`"id": "${String(doc.establishments[9]!['id'])}"`, '"id": "x@"')
        .replace(`"id": "${String(doc.establishments[10]!['id'])}"`, '"id": "x#"')
        .replace(`"from": "${String(doc.flows[3]!['from'])}"`, '"from": "x#"'),
    );
    bytes[bytes.indexOf('"x@"') + 2] = 0xff;
    bytes[bytes.indexOf('"x#"') + 2] = 0xfe;
    const path = file('');
    writeFileSync(path, bytes);
    await sameBothWays(path);
  });

  it('reads numbers exactly as JSON.parse does', async () => {
    const numbers = [
      '0',
      '-0',
      '7',
      '0.1',
      '0.3',
      '2.675',
      '123456789012345',
      '1234567890123456789',
      '9007199254740993',
      '0.000001',
      '1e5',
      '1E-7',
      '-2.5e+3',
      '1.7976931348623157e308',
      '5e-324',
      '49.43147',
      '-0.0',
    ];
    const doc = territory() as unknown as { flows: Record<string, unknown>[] };
    // Each number written as such in a flow's quantity (the writer would normalise them).
    numbers.forEach((_, i) => (doc.flows[i]!['quantity'] = { value: 9_876_500 + i, unit: 't/yr' }));
    const written = JSON.stringify(doc, null, 2).replace(/98765([0-9]{2})/g, (m, i: string) => numbers[Number(i)] ?? m);
    await scanned(written);
    const { data } = await readJsonColumns(file(written), { validate: false });
    const values = data!.tables.flows.columns['quantity'];
    const got = values?.type === 'number' ? [...values.values.subarray(0, numbers.length)] : [];
    const shown = (v: number) => (Object.is(v, -0) ? '-0' : String(v));
    expect(got.map(shown)).toEqual(numbers.map((t) => shown(JSON.parse(t) as number)));
  });

  it('gives up on what the general path must say, which then says it', async () => {
    const text = JSON.stringify(territory(), null, 2);
    const first = text.indexOf('"id": "e0"');
    const flow = text.indexOf('"from"');
    const broken = [
      text.slice(0, -3), // cut short
      `${text}x`, // something after the document
      `\ufeff${text}`, // a byte-order mark
      text.replace('"id": "e0"', '"id": "e0", "id": "e9"'), // a key written twice
      text.replace('"id": "e0"', '"id": "e0", "ext": {"a": 1, "a": 2}'), // twice, deep in a key outside the columns
      text.replace('"id": "e0"', '"id": "e0", "ext": 1, "ext": 2'),
      text.replace('"name": "Ets 0"', '"name": null'),
      text.replace('"name": "Ets 0"', '"name": 12'),
      text.replace('"name": "Ets 0"', '"name": "Ets\u00010"'), // a control character in a string
      text.replace('"name": "Ets 0"', '"name": "Ets \\x"'), // an escape JSON has not
      text.replace('"id": "e0"', '"i\\u0064": "e0"'), // an escaped key
      `${text.slice(0, first)}"id": "e0",,${text.slice(first + 11)}`,
      text.replace(/"employees": [0-9]+/, '"employees": 012'),
      text.replace(/"employees": [0-9]+/, '"employees": 1.'),
      text.replace(/"employees": [0-9]+/, '"employees": -'),
      text.replace(/"employees": [0-9]+/, '"employees": "12"'),
      text.replace(/"employees": [0-9]+/, '"employees": tru'),
      `${text.slice(0, flow)}"from": ["e1"], ${text.slice(flow)}`, // twice, and a list where text goes
      text.replace('"flows": [', '"flows": {'),
      text.replace('"toile": "1.0"', '"toile": "1.0", "toile": "1.1"'),
      text.replace('"flows": [', '"resources": [], "flows": ['),
      text.replace('"id": "e0"', `"id": "e0", "ext": ${'['.repeat(200)}${']'.repeat(200)}`), // nesting deeper than the scan follows
      text.replace(/"capabilities": \[\s*\{/, '"capabilities": [{"establishment": "e1", '),
      '',
      '[]',
    ];
    for (const t of broken) await givesUp(t);
  });
});

describe('the fast JSON scan on long records', () => {
  it('scans a record longer than many blocks in one pass per doubling (a 3 MB name, 1 KiB blocks)', async () => {
    const doc = generateTerritory({ establishments: 5, flowsPerEstablishment: 2, seed: 5 });
    doc.establishments[1]!.description = 'é'.repeat(1_500_000);
    const path = file(JSON.stringify(doc));
    const scannedDoc = await scanJsonFile(path, 1024);
    expect(scannedDoc?.builders.establishments.rows).toBe(5);
    // Read again from the record's start after each block, with a room that doubles: about twice
    // the file in all (a fixed room would scan the 3 MB record once per KiB: ≈ 1,500 times).
    expect(scannedDoc!.scanned).toBeLessThan(4 * statSync(path).size);
    await sameBothWays(path);
  });
});

describe('the fast JSON scan on mutated files', () => {
  it('reads any mutation of a valid file exactly as the general path does (scanned or given up)', async () => {
    const doc = generateTerritory({
      establishments: 6,
      flowsPerEstablishment: 2,
      resourcesPerEstablishment: true,
      capabilitiesPerEstablishment: true,
      seed: 9,
    });
    const base = JSON.stringify(doc, null, 1);
    // Bytes that matter to JSON, and others: each mutation inserts, deletes or replaces one of them.
    const alphabet = ['{', '}', '[', ']', '"', ',', ':', '\\', '-', '.', 'e', '0', '7', ' ', '\n', 'n', 't', 'é', '\u0001', 'x'];
    let scannedCount = 0;
    const mutation = fc.record({ at: fc.nat(base.length - 1), op: fc.constantFrom('insert', 'delete', 'replace'), char: fc.constantFrom(...alphabet) });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let text = base;
        for (const { at, op, char } of mutations) {
          const i = Math.min(at, text.length);
          text = op === 'insert' ? text.slice(0, i) + char + text.slice(i) : text.slice(0, i) + (op === 'replace' ? char : '') + text.slice(i + 1);
        }
        const path = file(text);
        if (await scanJsonFile(path)) scannedCount++;
        const fast = await readJsonColumns(path, { maxProblems: 100_000 });
        const general = await readJsonColumns(path, { maxProblems: 100_000, scan: false });
        expect(fast).toEqual(general);
      }),
      { seed: 42, numRuns: 300 },
    );
    // Both kinds were met: mutations the scan reads itself (in a string, a digit, white space) and
    // mutations it leaves to the general path.
    expect(scannedCount).toBeGreaterThan(30);
    expect(scannedCount).toBeLessThan(270);
  });
});
