/**
 * Issue #12, the property: whatever levels a document is written with — the format's words, French
 * words, case variants, typos, values of other types, keys written twice — and whether it went
 * through a CSV package or not, no value of a record above an audience reaches an output meant for
 * that audience: `publish` and every `export` format. 2,000 seeded cases.
 * The documents and the class each value may be shown to come from ./support/levels.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCsvPackage, importCsvPackage } from '../src/csv.ts';
import { publishToile, readToileText, type ToileDocument } from '../src/index.ts';
import { build, capabilityCaseArb, caseArb, leaked } from './support/levels.ts';
import { cliIn } from '@toile/testkit/node';
import { filesOf } from './support/csv.ts';

/** Reads the case as a user would: JSON text, or JSON text saved as a CSV package and read back. */
function read(text: string, csv: boolean): ToileDocument {
  const fromJson = readToileText(text).data!;
  if (!csv) return fromJson;
  const files = exportCsvPackage(fromJson);
  const back = importCsvPackage(filesOf(files));
  return back.data!;
}

const dir = mkdtempSync(join(tmpdir(), 'toile-trust-property-'));

const run = cliIn(dir);
const cli = (args: string[]) => run(...args);

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

  it('capabilities, each with its own level, on establishments with theirs: publish through JSON and through a CSV package', () => {
    fc.assert(
      fc.property(capabilityCaseArb, (c) => {
        const { text, markers } = build(c);
        const doc = read(text, c.csv);
        const internal = JSON.stringify(doc);
        for (const m of markers.keys()) expect(internal, m).toContain(m);
        expect(leaked(JSON.stringify(publishToile(doc, { audience: 'public' }).data), markers, 0)).toEqual([]);
        expect(leaked(JSON.stringify(publishToile(doc, { audience: 'partners' }).data), markers, 1)).toEqual([]);
        // And nothing the audience may see is withheld: the property is not met by publishing nothing.
        const shown = JSON.stringify(publishToile(doc, { audience: 'partners' }).data);
        for (const [m, level] of markers) if (level <= 1) expect(shown, m).toContain(m);
        return true;
      }),
      { numRuns: 1000, seed: 15152026 },
    );
  });

  it.each([
    { what: 'no capability above public', arb: capabilityCaseArb, file: 'capabilities.json', numRuns: 100, seed: 15152027 },
    { what: 'no byte above public (every format, default audience)', arb: caseArb, file: 'case.json', numRuns: 600, seed: 4122026 },
  ])('`toile publish` and `toile export` write $what', { timeout: 120_000 }, async ({ arb, file: name, numRuns, seed }) => {
    await fc.assert(
      fc.asyncProperty(arb, async (c) => {
        const { text, markers } = build(c);
        const file = join(dir, name);
        writeFileSync(file, text);
        const published = await cli(['publish', file, '--audience', 'public']);
        expect(leaked(published.stdout, markers, 0)).toEqual([]);
        expect(leaked(await exportedBytes(file), markers, 0)).toEqual([]);
      }),
      { numRuns, seed },
    );
  });
});
