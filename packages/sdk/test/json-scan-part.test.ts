/**
 * The JSON scan shared with a second thread (`json-scan-split.ts`, `json-scan-part.ts`): wherever
 * the cut falls — between two flows (the part is used), inside a record, a string, another list
 * (the first thread scans on alone) — the tables are those of one thread, and a file with
 * something to say still makes the scan give up. The second thread is a real worker thread.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_TABLE_NAMES } from '@toile/schema';
import { generateTerritory } from '@toile/testkit';
import { writeTerritory } from '@toile/testkit/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonColumns } from '../src/node.ts';
import { scanJsonFile } from '../src/load/json-scan-file.ts';
import { keptWorker, recordAfterRecord, type SplitOption } from '../src/load/json-scan-split.ts';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'toile-json-part-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(text: string): string {
  const path = join(dir, `doc-${n++}.json`);
  writeFileSync(path, text);
  return path;
}

/** The tables and skeleton a scan gives (undefined: it gave up), and whether a part was used. */
async function scan(path: string, block: number, split: SplitOption) {
  const scanned = await scanJsonFile(path, block, split);
  if (!scanned) return { result: undefined, parts: 0 };
  const tables = Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, scanned.builders[t].finish()]));
  return { result: { tables, skeleton: scanned.skeleton }, parts: scanned.parts };
}

/** Cuts at `cuts` offsets spread over the file: each gives one thread's result; returns how many parts were used. */
async function everyCut(text: string, cuts: number, block = 4096): Promise<{ used: number; refused: number }> {
  const path = file(text);
  const alone = await scan(path, block, 'never');
  const size = statSync(path).size;
  let used = 0;
  for (let k = 0; k < cuts; k++) {
    const at = Math.floor((size * k) / cuts);
    const shared = await scan(path, block, at);
    expect(shared.result, `cut searched from ${at}`).toEqual(alone.result);
    used += shared.parts;
  }
  return { used, refused: cuts - used };
}

type Doc = { establishments: Record<string, unknown>[]; flows: Record<string, unknown>[] };
const territory = (seed = 3) =>
  generateTerritory({
    establishments: 50,
    flowsPerEstablishment: 5,
    resourcesPerEstablishment: true,
    capabilitiesPerEstablishment: true,
    seed,
  }) as unknown as Doc;

describe('the JSON scan shared with a second thread', () => {
  it('gives the tables of one thread wherever the cut falls, pretty and compact, blocks large and small', async () => {
    const doc = territory();
    for (const text of [JSON.stringify(doc, null, 2), JSON.stringify(doc)]) {
      const { used, refused } = await everyCut(text, 40);
      // Cuts in the flows are used; cuts in the establishments, resources or the head are not.
      expect(used).toBeGreaterThan(10);
      expect(refused).toBeGreaterThan(5);
    }
    const small = await everyCut(JSON.stringify(doc, null, 1), 12, 64);
    expect(small.used).toBeGreaterThan(2);
  });

  it('scans on alone when the cut falls inside a string that writes `},{`', async () => {
    const doc = territory(4);
    doc.flows[100]!['description'] = 'a }, { "from": "e1", "to": "e2" }, { note';
    doc.flows[101]!['id'] = 'f101 },{ x';
    const text = JSON.stringify(doc, null, 2);
    const path = file(text);
    const alone = await scan(path, 4096, 'never');
    for (const inside of [text.indexOf('a }, {'), text.indexOf('f101 },')]) {
      const shared = await scan(path, 4096, inside);
      expect(shared.parts).toBe(0);
      expect(shared.result).toEqual(alone.result);
    }
  });

  it('translates the references of the part: missing, escaped or not ASCII ids, dangling references, flows first', async () => {
    const doc = territory(5);
    doc.flows[200]!['to'] = 'nobody';
    doc.flows[201]!['from'] = 'nobody either';
    const base = JSON.stringify(doc, null, 2);
    const escaped = base.replace(`"id": "${String(doc.establishments[7]!['id'])}"`, `"id": "\\u0065${String(doc.establishments[7]!['id']).slice(1)}"`);
    doc.establishments[8]!['id'] = 'é8';
    doc.flows[220]!['to'] = 'é8';
    doc.flows[5]!['from'] = 'é8';
    const wide = JSON.stringify(doc, null, 2);
    const { flows, establishments, ...head } = doc as Doc & Record<string, unknown>;
    const flowsFirst = JSON.stringify({ ...head, flows, establishments }, null, 2);
    for (const text of [base, escaped, wide, flowsFirst]) {
      const { used } = await everyCut(text, 16);
      expect(used).toBeGreaterThan(0);
    }
  });

  it('gives up, as one thread does, on what the general path must say after the cut', async () => {
    const doc = territory(6);
    const text = JSON.stringify(doc, null, 2);
    const late = text.lastIndexOf('"from"');
    const broken = [`${text.slice(0, late)}"from": null, ${text.slice(late)}`, `${text.slice(0, late)}"from": "e1", ${text.slice(late)}`, text.slice(0, -10)];
    for (const t of broken) {
      const path = file(t);
      expect(await scanJsonFile(path, 4096, 'never')).toBeUndefined();
      expect(await scanJsonFile(path, 4096, Math.floor(t.length * 0.6))).toBeUndefined();
    }
  });

  it('keeps the second thread for the next file, and starts another if the kept one has ended', async () => {
    const text = JSON.stringify(territory(7), null, 2);
    const path = file(text);
    const alone = await scan(path, 4096, 'never');
    // Between the start of the flows and of the resources after them.
    const at = Math.floor((text.indexOf('"flows"') + text.indexOf('"resources"')) / 2);
    const first = await scan(path, 4096, at);
    expect(first.parts).toBe(1);
    const kept = keptWorker();
    expect(kept).toBeDefined();
    // Taken again for the next file, then kept again.
    expect((await scan(path, 4096, at)).parts).toBe(1);
    expect(keptWorker()).toBe(kept);
    await kept!.terminate();
    const again = await scan(path, 4096, at);
    expect(again).toEqual(first);
    expect(again.result).toEqual(alone.result);
    expect(keptWorker()).not.toBe(kept);
  });

  it('finds a cut at a `{` after `}` and `,` only', () => {
    const at = (text: string) => recordAfterRecord(Buffer.from(text), text.length);
    expect(at('"a": 1 }, {"b"')).toBe(10);
    expect(at('}\n  ,\r\n\t{')).toBe(8);
    expect(at('} , [ {')).toBe(-1);
    expect(at('}, "x", {')).toBe(-1);
    expect(at('}}, {')).toBe(4);
    expect(at('nothing')).toBe(-1);
  });

  it('`readJsonColumns(file, { threads: true })` on a 37 MB file: the result of one thread, and a broken flow after the cut named at its line, column and pointer', async () => {
    const path = join(dir, 'large.json');
    await writeTerritory(path, { establishments: 50_000, flowsPerEstablishment: 5, seed: 8 });
    expect(statSync(path).size).toBeGreaterThan(32 * 1024 * 1024);
    expect((await scanJsonFile(path, undefined, 'auto'))?.parts).toBe(availableParallelism() >= 2 ? 1 : 0);
    expect(await readJsonColumns(path, { threads: true })).toEqual(await readJsonColumns(path, { threads: false }));
    // A flow near the end (past the cut) with a value that does not fit and a key written twice.
    const text = readFileSync(path, 'utf8');
    const late = text.lastIndexOf('"from"');
    const broken = join(dir, 'large-broken.json');
    writeFileSync(broken, `${text.slice(0, late)}"quantity": "lots", "from": "x", ${text.slice(late)}`);
    const one = await readJsonColumns(broken, { threads: false });
    const two = await readJsonColumns(broken, { threads: true });
    expect(two).toEqual(one);
    expect(two.valid).toBe(false);
    const repeated = two.problems.find((p) => p.code === 'duplicate-key');
    expect(repeated?.pointer).toBe('/flows/249999/from');
    expect(repeated?.params).toMatchObject({ line: expect.any(Number) as number, column: expect.any(Number) as number });
  }, 60_000);
});
