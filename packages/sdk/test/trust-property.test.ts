/**
 * Issue #12, the property: whatever levels a document is written with — the format's words, French
 * words, case variants, typos, values of other types, keys written twice — and whether it went
 * through a CSV package or not, no value of a record above an audience reaches an output meant for
 * that audience: `publish` and every `export` format. 2,000 seeded cases.
 *
 * The expected level of each record is worked out here from how its level was generated (a typo is
 * confidential by construction), not by the SDK's own reading, so the test is not a tautology.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import type { CliIO } from '../src/cli/context.ts';
import { exportCsvPackage, importCsvPackage } from '../src/csv.ts';
import { publishToile, readToileText, type ToileDocument } from '../src/index.ts';

type Level = 0 | 1 | 2;
const RANK = ['public', 'partners', 'confidential'] as const;

/** A written level and the class it must be read as (0 public, 1 partners, 2 confidential). */
const writtenLevel: fc.Arbitrary<{ written: unknown; level: Level }> = fc.oneof(
  fc.constantFrom<{ written: unknown; level: Level }>(
    { written: undefined, level: 0 },
    { written: 'public', level: 0 },
    { written: 'Public', level: 0 },
    { written: 'PUBLIC', level: 0 },
    { written: 'partners', level: 1 },
    { written: 'partenaires', level: 1 },
    { written: 'Partenaires', level: 1 },
    { written: 'PARTNERS', level: 1 },
    { written: 'confidential', level: 2 },
    { written: 'Confidential', level: 2 },
    { written: 'confidentiel', level: 2 },
    { written: 'CONFIDENTIEL', level: 2 },
    { written: 'privé', level: 2 },
    { written: 'secret', level: 2 },
    { written: '', level: 2 },
    { written: null, level: 2 },
    { written: 0, level: 2 },
    { written: false, level: 2 },
    { written: ['public'], level: 2 },
  ),
  // Typos of the real words: one character inserted is never a known word.
  fc
    .tuple(fc.constantFrom('public', 'partners', 'partenaires', 'confidential'), fc.nat(12), fc.constantFrom('x', 'q', '-', '_', 'é', '0'))
    .map(([word, at, ch]) => ({ written: word.slice(0, at % (word.length + 1)) + ch + word.slice(at % (word.length + 1)), level: 2 as Level })),
);

interface Case {
  establishments: { level: { written: unknown; level: Level }; twice?: { written: unknown; level: Level } }[];
  flows: { from: number; to: number; level: { written: unknown; level: Level }; twice?: { written: unknown; level: Level } }[];
  resources: { on: number; level: { written: unknown; level: Level } }[];
  csv: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    establishments: fc.array(fc.record({ level: writtenLevel, twice: fc.option(writtenLevel, { nil: undefined }) }), { minLength: n, maxLength: n }),
    flows: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), level: writtenLevel, twice: fc.option(writtenLevel, { nil: undefined }) }), { maxLength: 8 }),
    resources: fc.array(fc.record({ on: fc.nat(n - 1), level: writtenLevel }), { maxLength: 4 }),
    csv: fc.boolean(),
  }),
);

/** A marker per record; the document's text; and the class each marker may be shown to. */
function build(c: Case): { text: string; markers: Map<string, Level> } {
  const markers = new Map<string, Level>();
  const level = (l: { level: Level }, twice?: { level: Level }) => Math.max(l.level, twice?.level ?? 0) as Level;
  const writeRecord = (record: Record<string, unknown>, l: { written: unknown }, twice?: { written: unknown }) => {
    const body = JSON.stringify(record).slice(1);
    const levels = [l, ...(twice ? [twice] : [])].filter((x) => x.written !== undefined);
    const head = levels.map((x) => `"confidentiality":${JSON.stringify(x.written)}`).join(',');
    return head ? `{${head},${body}` : `{${body}`;
  };
  const estLevels = c.establishments.map((e) => level(e.level, e.twice));
  const establishments = c.establishments.map((e, i) => {
    markers.set(`QZE${i}Z`, estLevels[i]!);
    return writeRecord({ id: `e${i}`, name: `QZE${i}Z`, description: `QZE${i}Z` }, e.level, e.twice);
  });
  const flows = c.flows
    .filter((f) => f.from !== f.to)
    .map((f, i) => {
      markers.set(`QZF${i}Z`, Math.max(level(f.level, f.twice), estLevels[f.from]!, estLevels[f.to]!) as Level);
      return writeRecord({ id: `f${i}`, from: `e${f.from}`, to: `e${f.to}`, kind: 'supply', description: `QZF${i}Z`, item: { label: `QZF${i}Z` } }, f.level, f.twice);
    });
  const resources = c.resources.map((r, i) => {
    markers.set(`QZR${i}Z`, Math.max(r.level.level, estLevels[r.on]!) as Level);
    return writeRecord({ id: `r${i}`, establishment: `e${r.on}`, direction: 'offer', kind: 'byproduct', description: `QZR${i}Z`, item: { label: `QZR${i}Z` } }, r.level);
  });
  const head = JSON.stringify({ toile: '1.0', territory: { id: 't', name: 'T' }, meta: { title: 'T' } }).slice(0, -1);
  const text = `${head},"establishments":[${establishments.join(',')}],"flows":[${flows.join(',')}],"resources":[${resources.join(',')}]}`;
  return { text, markers };
}

/** Reads the case as a user would: JSON text, or JSON text saved as a CSV package and read back. */
function read(text: string, csv: boolean): ToileDocument {
  const fromJson = readToileText(text).data!;
  if (!csv) return fromJson;
  const files = exportCsvPackage(fromJson);
  const back = importCsvPackage({
    establishments: files.get('establishments.csv'),
    flows: files.get('flows.csv'),
    resources: files.get('resources.csv'),
    datapackage: files.get('datapackage.json'),
  });
  return back.data!;
}

/** Markers of a class above `allowed` found in `bytes`. */
function leaked(bytes: string, markers: Map<string, Level>, allowed: Level): string[] {
  return [...markers].filter(([m, level]) => level > allowed && bytes.includes(m)).map(([m, level]) => `${m} (${RANK[level]})`);
}

const dir = mkdtempSync(join(tmpdir(), 'toile-trust-property-'));

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: () => {}, stderrIsTTY: false, env: {}, cwd: dir };
  return { code: await runCli(args, io), stdout };
}

/** Every byte `toile export` writes for the default audience, every format. */
async function exportedBytes(file: string): Promise<string> {
  let all = '';
  for (const format of ['gexf', 'graphml', 'geojson', 'jgf']) {
    const r = await cli(['export', file, '--to', format]);
    expect(r.code).toBeLessThan(2);
    all += r.stdout;
  }
  const csvDir = join(dir, 'csv');
  rmSync(csvDir, { recursive: true, force: true });
  expect((await cli(['export', file, '--to', 'csv', '--out', csvDir])).code).toBeLessThan(2);
  for (const name of readdirSync(csvDir)) all += readFileSync(join(csvDir, name), 'utf8');
  return all;
}

describe('no value reaches an audience above its level (2,000 seeded cases)', () => {
  it('publish for public and partners, through JSON and through a CSV package', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { text, markers } = build(c);
        const doc = read(text, c.csv);
        // Nothing valid is lost on the way: every marker is still in the agency's own copy.
        const internal = JSON.stringify(doc);
        for (const m of markers.keys()) expect(internal, m).toContain(m);
        expect(leaked(JSON.stringify(publishToile(doc, { audience: 'public' }).data), markers, 0)).toEqual([]);
        expect(leaked(JSON.stringify(publishToile(doc, { audience: 'partners' }).data), markers, 1)).toEqual([]);
        expect(leaked(JSON.stringify(publishToile(doc, { audience: 'public', hiddenFlows: 'existence' }).data), markers, 0)).toEqual([]);
        return true;
      }),
      { numRuns: 2000, seed: 20261204 },
    );
  });

  it('`toile publish` and `toile export` (every format, default audience) write no byte above public', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { text, markers } = build(c);
        const file = join(dir, 'case.json');
        writeFileSync(file, text);
        const published = await cli(['publish', file, '--audience', 'public']);
        expect(leaked(published.stdout, markers, 0)).toEqual([]);
        expect(leaked(await exportedBytes(file), markers, 0)).toEqual([]);
      }),
      { numRuns: 600, seed: 4122026 },
    );
  });
});
