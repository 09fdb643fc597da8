import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { EXPORT_FORMATS } from '../src/cli/commands/export.ts';
import { documentWith } from './fixtures.ts';
import { cliIn } from '@toile/testkit/node';

const dir = mkdtempSync(join(tmpdir(), 'toile-export-'));
const HOSTILE = `<script>alert("x")</script> & javascript:void(0) \u0002`;
writeFileSync(
  join(dir, 'doc.json'),
  JSON.stringify(
    documentWith((d) => {
      d.establishments[0]!.name = HOSTILE;
    }),
  ),
);
writeFileSync(
  join(dir, 'broken.json'),
  JSON.stringify(
    documentWith((d) => {
      d.flows.push({ id: 'f9', from: 'acier', to: 'ghost', kind: 'supply' });
    }),
  ),
);

const toile = cliIn(dir);

describe('toile export', () => {
  it('offers the four graph and map formats (and whatever else is registered)', () => {
    expect(Object.keys(EXPORT_FORMATS)).toEqual(expect.arrayContaining(['gexf', 'graphml', 'geojson', 'jgf']));
  });

  it('writes GEXF to stdout that graphology reads back, hostile name included', async () => {
    const r = await toile('export', 'doc.json', '--to', 'gexf');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'export « public » : retirés 0 établissement(s), 0 flux, 0 ressource(s), 0 champ(s) (--audience partners|internal pour en montrer plus)\n',
    );
    const g = parseGexf(Graph, r.stdout);
    expect([g.order, g.size]).toEqual([4, 3]);
    expect(g.getNodeAttribute('acier', 'name')).toBe(HOSTILE.replace('\u0002', '\uFFFD'));
  });

  it('writes GraphML with --out', async () => {
    const r = await toile('export', 'doc.json', '--to', 'graphml', '--out', 'toile.graphml');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const g = parseGraphml(Graph, readFileSync(join(dir, 'toile.graphml'), 'utf8'));
    expect(g.getNodeAttribute('acier', 'employees')).toBe(800);
  });

  it('writes GeoJSON and JGF as JSON', async () => {
    const geo = await toile('export', 'doc.json', '--to', 'geojson');
    expect((checkGeoJson(geo.stdout) as { features: unknown[] }).features).toHaveLength(5);
    const jgf = JSON.parse((await toile('export', 'doc.json', '--to', 'jgf')).stdout);
    expect(jgf.graph.nodes.acier.label).toBe(HOSTILE);
  });

  it('exports the valid part of an invalid document, says so, and exits 1', async () => {
    const r = await toile('export', 'broken.json', '--to', 'jgf', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('only the valid part is used');
    expect(JSON.parse(r.stdout).graph.edges).toHaveLength(3);
  });

  it('exit 2 on usage errors: no format, unknown format, no file, missing file', async () => {
    expect((await toile('export', 'doc.json')).code).toBe(2);
    expect((await toile('export', 'doc.json', '--to', 'svg')).code).toBe(2);
    expect((await toile('export', 'doc.json', '--to', 'constructor')).code).toBe(2);
    expect((await toile('export', '--to', 'gexf')).code).toBe(2);
    expect((await toile('export', 'nowhere.json', '--to', 'gexf')).code).toBe(2);
  });
});
