/**
 * The commands that read a Parquet package run on the columnar form (no object per record): their
 * output equals the same command on the JSON document of the same records, in both languages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToileDocument } from '@toile/schema';
import { cliIn } from '@toile/testkit/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsFromDocument, documentFromColumns } from '../src/index.ts';
import { readParquetColumns, writeCsvPackage, writeParquetPackage } from '../src/node.ts';
import { otherView } from './support/merge-views.ts';

const ROOT = join(import.meta.dirname, '../../..');
const SAMPLE = JSON.parse(readFileSync(join(ROOT, 'examples/data/port-estuaire.toile.json'), 'utf8')) as ToileDocument;
let dir: string;
let toile: ReturnType<typeof cliIn>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'toile-columnar-cli-'));
  // The JSON twin holds exactly what the package holds (the template columns).
  writeFileSync(join(dir, 'twin.toile.json'), JSON.stringify(documentFromColumns(columnsFromDocument(SAMPLE))));
  await writeParquetPackage(join(dir, 'pkg'), SAMPLE);
  await writeCsvPackage(join(dir, 'csv'), SAMPLE);
  toile = cliIn(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hub = () => SAMPLE.establishments.find((e) => !e.external)!.id;

describe('CLI on a Parquet package (columnar form)', () => {
  const cases: [string, () => string[]][] = [
    ['validate', () => ['validate']],
    ['stats', () => ['stats']],
    ['stats --json', () => ['stats', '--json']],
    ['gaps', () => ['gaps']],
    ['gaps --json', () => ['gaps', '--json']],
    ['domino cascade', () => ['domino', '--model', 'cascade', '--shock', `${hub()}=1`]],
    ['domino iim --json', () => ['domino', '--model', 'iim', '--shock', `${hub()}=0.6`, '--json']],
    ['systemic', () => ['systemic', '--top', '5']],
    ['sources', () => ['sources', '--establishment', hub(), '--input', SAMPLE.flows.find((f) => f.item?.code)!.item!.code!]],
    ['publish', () => ['publish', '--audience', 'public']],
    ['publish existence --json', () => ['publish', '--audience', 'partners', '--hidden-flows', 'existence', '--json']],
    ['export gexf', () => ['export', '--to', 'gexf']],
    ['export graphml (partners)', () => ['export', '--to', 'graphml', '--audience', 'partners']],
    ['export geojson', () => ['export', '--to', 'geojson']],
    ['export jgf (internal)', () => ['export', '--to', 'jgf', '--audience', 'internal']],
    ['synergies', () => ['synergies', '--top', '12']],
    ['synergies --json', () => ['synergies', '--json']],
    ['synergies of one establishment', () => ['synergies', '--establishment', SAMPLE.resources![0]!.establishment]],
    ['makers of a product', () => ['makers', '--product', 'hs:7208']],
    ['makers of a process --json', () => ['makers', '--process', 'din8580:2.1', '--json']],
    ['kin', () => ['kin', '--establishment', 'acierie', '--top', '5']],
    ['kin of a pair', () => ['kin', '--establishment', 'acierie', '--with', 'laminage']],
    ['leaps', () => ['leaps', '--establishment', 'chaudronnerie']],
    ['leaps --json', () => ['leaps', '--establishment', 'acierie', '--json']],
    ['capacity', () => ['capacity']],
    ['capacity --json', () => ['capacity', '--json']],
  ];
  for (const [name, args] of cases)
    for (const lang of ['fr', 'en'])
      it(`${name} (${lang}) prints what it prints for the JSON document`, async () => {
        const [command, ...rest] = args();
        const fromParquet = await toile(command!, 'pkg', ...rest, '--lang', lang);
        const fromJson = await toile(command!, 'twin.toile.json', ...rest, '--lang', lang);
        expect(fromParquet.code).toBe(fromJson.code);
        const same = (text: string) => text.replaceAll('twin.toile.json', 'pkg');
        expect(fromParquet.stdout).toBe(same(fromJson.stdout));
        expect(fromParquet.stderr).toBe(same(fromJson.stderr));
        expect(fromParquet.stdout.length).toBeGreaterThan(20);
      });

  // A CSV package with a table above TOILE_CSV_COLUMNS_BYTES is read into columns too.
  for (const [name, args] of cases.filter(([n]) => !n.startsWith('validate')))
    it(`${name} on a large CSV package prints what it prints for the package read as a document`, async () => {
      const [command, ...rest] = args();
      const asColumns = await cliIn(dir, { TOILE_CSV_COLUMNS_BYTES: '1' })(command!, 'csv', ...rest, '--lang', 'en');
      const asDocument = await toile(command!, 'csv', ...rest, '--lang', 'en');
      expect(asColumns.code).toBe(asDocument.code);
      expect(asColumns.stdout).toBe(asDocument.stdout);
      expect(asColumns.stdout.length).toBeGreaterThan(20);
    });

  it('reports a broken package at file, row and column', async () => {
    const broken = join(dir, 'broken');
    await writeParquetPackage(broken, { ...SAMPLE, flows: SAMPLE.flows.map((f, i) => (i === 3 ? { ...f, to: 'nulle-part' } : f)) });
    const run = await toile('validate', 'broken', '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { problems: { code: string; pointer: string; location?: unknown }[]; counts: { flows: number } };
    expect(report.counts.flows).toBe(SAMPLE.flows.length - 1);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: 'unknown-establishment', pointer: '/flows/3/to', location: { file: 'flows.parquet', row: 4, column: 'to' } }),
    );
  });
});

describe('graph exports of the columnar form', () => {
  it('write, byte for byte, what they write for the document of the same records', async () => {
    const { toGexf, gexfChunks, toGraphml, graphmlChunks, toGeoJson, geoJsonChunks, toJgf, jgfChunks } = await import('../src/index.ts');
    const columns = columnsFromDocument(SAMPLE);
    const twin = documentFromColumns(columns);
    expect(toGexf(columns)).toBe(toGexf(twin));
    expect([...gexfChunks(columns, { version: '1.2' })].join('')).toBe(toGexf(twin, { version: '1.2' }));
    expect(toGraphml(columns)).toBe(toGraphml(twin));
    expect([...graphmlChunks(columns)].join('')).toBe(toGraphml(twin));
    expect(toGeoJson(columns)).toEqual(toGeoJson(twin));
    expect([...geoJsonChunks(columns)].join('')).toBe([...geoJsonChunks(twin)].join(''));
    expect(toJgf(columns)).toEqual(toJgf(twin));
    expect([...jgfChunks(columns)].join('')).toBe(`${JSON.stringify(toJgf(twin), null, 2)}\n`);
    expect(toGraphml(columns).match(/<edge /g)?.length).toBe(SAMPLE.flows.length);
  });
});

describe('toile merge of Parquet packages (columnar form)', () => {
  /** A document as the columnar form holds it (what a Parquet package can carry). */
  const asColumns = (doc: unknown) => documentFromColumns(columnsFromDocument(doc as ToileDocument));
  const sortedConflicts = (report: { conflicts: unknown[] }) => report.conflicts.map((c) => JSON.stringify(c)).sort();

  beforeAll(async () => {
    const other = asColumns(otherView(asColumns(SAMPLE), 7));
    writeFileSync(join(dir, 'other.toile.json'), JSON.stringify(other));
    await writeParquetPackage(join(dir, 'pkg-other'), other);
  });

  it('gives what merging the JSON documents of the same records gives', async () => {
    const fromParquet = await toile('merge', 'pkg', 'pkg-other', '--json');
    const fromJson = await toile('merge', 'twin.toile.json', 'other.toile.json', '--json');
    // The other agency's view has dangling references: both say so (exit 1) and merge the valid part.
    expect(fromParquet.code).toBe(1);
    expect(fromJson.code).toBe(1);
    const a = JSON.parse(fromParquet.stdout);
    const b = JSON.parse(fromJson.stdout);
    expect(a.counts).toEqual(b.counts);
    expect(a.counts.merged).toBeGreaterThan(0);
    expect(a.matches).toEqual(b.matches);
    expect(sortedConflicts(a)).toEqual(sortedConflicts(b));
    expect(sortedConflicts(a).length).toBeGreaterThan(0);
    expect(asColumns(a.document)).toEqual(asColumns(b.document));
  });

  it('--to parquet writes the merged package, which reads back as the same records', async () => {
    const r = await toile('merge', 'pkg', 'pkg-other', '--to', 'parquet', '--out', 'merged-pq', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^merge: \d+ establishments, \d+ flows/m);
    const back = await readParquetColumns(join(dir, 'merged-pq'));
    const json = JSON.parse((await toile('merge', 'pkg', 'pkg-other', '--json')).stdout);
    expect(documentFromColumns(back.data!)).toEqual(asColumns(json.document));
    expect((await toile('merge', 'pkg', 'pkg-other', '--to', 'parquet')).code).toBe(2);
    expect((await toile('merge', 'pkg', 'pkg-other', '--to', 'xml', '--out', 'x')).code).toBe(2);
  });

  it('a document merged with a package is merged in columnar form, and says what that form leaves out', async () => {
    for (const lang of ['fr', 'en']) {
      const mixed = await toile('merge', 'twin.toile.json', 'pkg-other', '--json', '--lang', lang);
      expect(mixed.code).toBe(1);
      expect(mixed.stderr).toContain(lang === 'fr' ? 'fusion en colonnes' : 'merging in columnar form');
      const columns = JSON.parse((await toile('merge', 'pkg', 'pkg-other', '--json')).stdout);
      expect(JSON.parse(mixed.stdout).document).toEqual(columns.document);
    }
  });
});
