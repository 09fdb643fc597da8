import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCsvPackage } from '../src/csv.ts';
import { baseDocument, documentWith } from './fixtures.ts';
import { cliIn } from '@toile/testkit/node';

const dir = mkdtempSync(join(tmpdir(), 'toile-cli2-'));

const toile = cliIn(dir);

const pkg = join(dir, 'pkg');
mkdirSync(pkg);
for (const [name, content] of exportCsvPackage(baseDocument(), { delimiter: ';' })) writeFileSync(join(pkg, name), content);
writeFileSync(join(dir, 'a.json'), JSON.stringify(baseDocument()));
writeFileSync(
  join(dir, 'b.json'),
  JSON.stringify(
    documentWith((d) => {
      d.territory.id = 'b';
      d.establishments[0]!.employees = 900;
      d.flows[0]!.confidentiality = 'confidential';
      d.flows[0]!.valueEur = 424242;
    }),
  ),
);

describe('toile import', () => {
  it('turns a CSV package into JSON on stdout, summary on stderr', async () => {
    const r = await toile('import', 'pkg');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).establishments).toHaveLength(4);
    expect(r.stderr).toContain('4 établissements, 3 flux, 2 ressources');
  });

  it('writes --out and reports row and column of bad cells with exit 1', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'establishments.csv'), 'id;name;employees\na;Alpha;12\nb;Beta;douze\n');
    writeFileSync(join(bad, 'flows.csv'), 'id;from;to;kind\nf1;a;b;supply\n');
    const r = await toile('import', 'bad', '--out', 'bad.json', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/establishments\.csv:3 \[employees\]\s+\[csv-invalid-integer\]/);
    expect(JSON.parse(readFileSync(join(dir, 'bad.json'), 'utf8')).establishments).toHaveLength(2);
  });

  it('--json gives the report and the document', async () => {
    const r = await toile('import', 'pkg', '--json');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ valid: true, files: { flows: { delimiter: ';' } } });
    expect(report.document.flows).toHaveLength(3);
  });

  it('exit 2 when the folder does not exist', async () => {
    expect((await toile('import', 'nowhere')).code).toBe(2);
  });
});

describe('toile validate on a CSV package', () => {
  it('validates the folder directly', async () => {
    const r = await toile('validate', 'pkg', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid — 4 establishments');
  });
});

describe('toile merge', () => {
  it('merges two files and lists conflicts', async () => {
    const r = await toile('merge', 'a.json', 'b.json', '--out', 'merged.json', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/conflict\s+\/establishments\/acier employees\s+a\.json: 800 \| b\.json: 900/);
    const merged = JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8'));
    expect(merged.establishments).toHaveLength(4);
  });

  it('--json reports matches and conflicts', async () => {
    const r = await toile('merge', 'a.json', 'b.json', '--json');
    const report = JSON.parse(r.stdout);
    expect(report.counts.merged).toBeGreaterThan(0);
    expect(report.document.flows.length).toBe(3);
  });

  it('needs two files', async () => {
    expect((await toile('merge', 'a.json')).code).toBe(2);
  });
});

describe('toile publish', () => {
  it('removes confidential values for the public', async () => {
    const r = await toile('publish', 'b.json', '--audience', 'public');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('424242');
    expect(JSON.parse(r.stdout).meta.publication.withheld.flows).toBe(1);
  });

  it('refuses an unknown audience', async () => {
    expect((await toile('publish', 'b.json', '--audience', 'everyone')).code).toBe(2);
  });
});

describe('toile export', () => {
  it('writes each format; csv as a folder that imports back', async () => {
    for (const to of ['gexf', 'graphml', 'geojson', 'jgf']) {
      const r = await toile('export', 'a.json', '--to', to);
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(100);
    }
    expect((await toile('export', 'a.json', '--to', 'gexf')).stdout).toContain('<gexf');
    const csv = await toile('export', 'a.json', '--to', 'csv', '--delimiter', ';', '--out', 'csv-out');
    expect(csv.code).toBe(0);
    expect(readFileSync(join(dir, 'csv-out', 'flows.csv'), 'utf8').split('\r\n')[0]).toContain('id;from;to;kind');
    const back = await toile('import', 'csv-out', '--json');
    expect(JSON.parse(back.stdout).document.establishments).toHaveLength(4);
  });

  it('refuses an unknown format, and csv without --out', async () => {
    expect((await toile('export', 'a.json', '--to', 'pdf')).code).toBe(2);
    expect((await toile('export', 'a.json', '--to', '__proto__')).code).toBe(2);
    expect((await toile('export', 'a.json', '--to', 'csv')).code).toBe(2);
  });
});
