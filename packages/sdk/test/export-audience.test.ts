/**
 * `toile export` filters by audience (default public) through the kit's one audience rule, for every
 * format, and `--gexf-version 1.2` writes the `1.2draft` GEXF that NetworkX 2.x reads. The secrets
 * are looked for in the bytes written, not in a parsed view of them.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { DOMParser } from '@xmldom/xmldom';
import { documentWith } from './fixtures.ts';
import { cliIn } from '@toile/testkit/node';

const dir = mkdtempSync(join(tmpdir(), 'toile-export-audience-'));

/** Values only a confidential record holds, and values only a partners record holds. */
const SECRETS = ['SECRET-EST-NAME', 'SECRET-EST-ID', 'SECRET-FLOW-LABEL', '987654321', 'TYPO-EST-NAME', 'SECRET-RES-LABEL'];
const PARTNER_ONLY = ['PARTNER-EST-NAME', 'PARTNER-FLOW-LABEL', 'PARTNER-RES-LABEL'];

writeFileSync(
  join(dir, 'levels.json'),
  JSON.stringify(
    documentWith((d) => {
      d.establishments.push(
        { id: 'SECRET-EST-ID', name: 'SECRET-EST-NAME', confidentiality: 'confidential', location: { lat: 49.42, lon: 0.21 } },
        { id: 'partner-est', name: 'PARTNER-EST-NAME', confidentiality: 'partners', location: { lat: 49.43, lon: 0.22 } },
        // A mistyped level counts as confidential.
        { id: 'typo-est', name: 'TYPO-EST-NAME', confidentiality: 'Confidentiel-typo' as 'confidential', location: { lat: 49.44, lon: 0.23 } },
      );
      d.flows.push(
        { id: 'f-secret-end', from: 'SECRET-EST-ID', to: 'acier', kind: 'supply' },
        {
          id: 'f-conf',
          from: 'acier',
          to: 'ciment',
          kind: 'supply',
          item: { label: 'SECRET-FLOW-LABEL' },
          valueEur: 987654321,
          confidentiality: 'confidential',
        },
        { id: 'f-part', from: 'ciment', to: 'acier', kind: 'service', item: { label: 'PARTNER-FLOW-LABEL' }, confidentiality: 'partners' },
      );
      d.resources!.push(
        { id: 'r-conf', establishment: 'acier', direction: 'offer', kind: 'byproduct', item: { label: 'SECRET-RES-LABEL' }, confidentiality: 'confidential' },
        { id: 'r-part', establishment: 'ciment', direction: 'need', kind: 'byproduct', item: { label: 'PARTNER-RES-LABEL' }, confidentiality: 'partners' },
      );
    }),
  ),
);

const toile = cliIn(dir);

/** Every byte a format wrote: stdout, or the files of the CSV package folder. */
async function exported(format: string, audience?: string): Promise<{ bytes: string; stderr: string; code: number }> {
  const extra = audience === undefined ? [] : ['--audience', audience];
  if (format === 'csv') {
    const out = `csv-${audience ?? 'default'}`;
    const r = await toile('export', 'levels.json', '--to', 'csv', '-o', out, ...extra);
    const bytes = readdirSync(join(dir, out))
      .map((name) => readFileSync(join(dir, out, name), 'utf8'))
      .join('\n');
    return { bytes, stderr: r.stderr, code: r.code };
  }
  const r = await toile('export', 'levels.json', '--to', format, ...extra);
  return { bytes: r.stdout, stderr: r.stderr, code: r.code };
}

const FORMATS = ['gexf', 'graphml', 'geojson', 'jgf', 'csv'];

describe('toile export --audience', () => {
  for (const format of FORMATS) {
    it(`${format}: public by default — no confidential or partners value in the bytes; the report says what was withheld`, async () => {
      const r = await exported(format);
      expect(r.code).toBe(0);
      for (const secret of [...SECRETS, ...PARTNER_ONLY]) expect(r.bytes).not.toContain(secret);
      expect(r.bytes).toContain('Aciérie');
      expect(r.stderr).toContain('export « public » : retirés 3 établissement(s), 3 flux, 2 ressource(s)');
    });

    it(`${format}: partners see partners values, never confidential ones; internal sees everything`, async () => {
      const partners = await exported(format, 'partners');
      for (const secret of SECRETS) expect(partners.bytes).not.toContain(secret);
      expect(partners.bytes).toContain('PARTNER-EST-NAME');
      expect(partners.bytes).toContain('PARTNER-FLOW-LABEL');
      const internal = await exported(format, 'internal');
      for (const value of ['SECRET-EST-NAME', 'SECRET-FLOW-LABEL', 'TYPO-EST-NAME', 'PARTNER-EST-NAME']) expect(internal.bytes).toContain(value);
      expect(internal.stderr).toContain('tout est inclus');
    });
  }

  it('takes the French names and any case; refuses an unknown audience with the closest name', async () => {
    const fr = await exported('jgf', 'partenaires');
    expect(fr.bytes).toContain('PARTNER-EST-NAME');
    expect(fr.bytes).not.toContain('SECRET-EST-NAME');
    expect((await exported('jgf', 'Interne')).bytes).toContain('SECRET-EST-NAME');
    const bad = await toile('export', 'levels.json', '--to', 'jgf', '--audience', 'internl', '--lang', 'en');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('did you mean `internal`?');
  });

  it('speaks English on request and is silent with -q', async () => {
    const en = await toile('export', 'levels.json', '--to', 'jgf', '--lang', 'en');
    expect(en.stderr).toContain('export for "public": withheld 3 establishment(s), 3 flow(s), 2 resource(s)');
    const quiet = await toile('export', 'levels.json', '--to', 'jgf', '-q');
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).not.toContain('SECRET');
  });
});

describe('toile publish --audience', () => {
  it('takes internal and the French names; the default is public', async () => {
    const def = await toile('publish', 'levels.json');
    expect(def.code).toBe(0);
    for (const secret of [...SECRETS, ...PARTNER_ONLY]) expect(def.stdout).not.toContain(secret);
    const partenaires = await toile('publish', 'levels.json', '--audience', 'partenaires');
    expect(partenaires.stdout).toContain('PARTNER-EST-NAME');
    for (const secret of SECRETS) expect(partenaires.stdout).not.toContain(secret);
    const interne = await toile('publish', 'levels.json', '--audience', 'interne', '--json');
    const out = JSON.parse(interne.stdout) as { audience: string; document: { establishments: { name: string }[] } };
    expect(out.audience).toBe('internal');
    expect(out.document.establishments.map((e) => e.name)).toContain('SECRET-EST-NAME');
    expect((await toile('publish', 'levels.json', '--audience', 'everyone')).code).toBe(2);
  });
});

/** Parses XML strictly: any warning or error of the parser fails. */
function parseXml(text: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void problems.push(`${level}: ${message}`) }).parseFromString(text, 'text/xml');
  expect(problems).toEqual([]);
  return doc as unknown as Document;
}

describe('toile export --gexf-version', () => {
  it('1.3 by default; 1.2 writes the 1.2draft namespace and version NetworkX 2.x looks for', async () => {
    const v13 = await toile('export', 'levels.json', '--to', 'gexf', '--audience', 'internal');
    const root13 = parseXml(v13.stdout).documentElement;
    expect([root13.namespaceURI, root13.getAttribute('version')]).toEqual(['http://gexf.net/1.3', '1.3']);

    const v12 = await toile('export', 'levels.json', '--to', 'gexf', '--gexf-version', '1.2', '--audience', 'internal');
    expect(v12.code).toBe(0);
    const root12 = parseXml(v12.stdout).documentElement;
    expect([root12.namespaceURI, root12.getAttribute('version')]).toEqual(['http://www.gexf.net/1.2draft', '1.2']);
    expect(root12.getAttribute('xmlns:viz')).toBe('http://www.gexf.net/1.2draft/viz');
    // NetworkX 2.x finds the graph by the namespaced name {http://www.gexf.net/1.2draft}graph.
    expect(root12.getElementsByTagNameNS('http://www.gexf.net/1.2draft', 'graph')).toHaveLength(1);
    expect(root13.getElementsByTagNameNS('http://www.gexf.net/1.2draft', 'graph')).toHaveLength(0);

    const g12 = parseGexf(Graph, v12.stdout);
    const g13 = parseGexf(Graph, v13.stdout);
    expect([g12.order, g12.size]).toEqual([g13.order, g13.size]);
    expect(g12.getNodeAttribute('acier', 'employees')).toBe(800);
    expect(g12.getNodeAttribute('acier', 'name')).toBe('Aciérie');
  });

  it('refuses another version; GraphML stays well-formed XML', async () => {
    const bad = await toile('export', 'levels.json', '--to', 'gexf', '--gexf-version', '1.1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--gexf-version attend 1.3 ou 1.2');
    const graphml = await toile('export', 'levels.json', '--to', 'graphml');
    parseXml(graphml.stdout);
    expect(parseGraphml(Graph, graphml.stdout).order).toBe(4);
  });
});
