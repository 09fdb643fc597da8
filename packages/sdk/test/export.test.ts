import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import type { ToileDocument } from '@toile/schema';
import { toGeoJson, toGexf, toGraphml, toJgf, escapeXml } from '../src/index.ts';
import { documentWith } from './fixtures.ts';

const HOSTILE = `<b onclick="x">"Tôle & Fils"</b> 'quote' ]]> <![CDATA[ javascript:alert(1) &amp; &#0;`;
const doc = documentWith((d) => {
  d.meta.updated = '2026-11-01T08:00:00Z';
  d.establishments[0]!.name = HOSTILE;
  d.establishments[0]!.sectors = ['métallurgie', 'énergie'];
  d.establishments[0]!.status = 'active';
  d.establishments[1]!.name = `Ciment\u0001\u0007 ligne\nsuivante\ttab\r\nfin`;
  d.establishments[1]!.status = 'planned';
  d.establishments[2]!.name = 'Port \uD800 seul \uDC00 et 😀';
  d.flows[0]!.valueEur = 1500000;
  d.flows[0]!.item = { label: '<laitier> & "scories"', code: 'ewc:100202', family: 'mineral-waste' };
  d.flows[0]!.confidentiality = 'partners';
  d.flows[1]!.status = 'potential';
});

/** Strict XML 1.0 well-formedness: any error or fatal error throws. */
function parseXmlStrict(xml: string) {
  return new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}

const sample = (name: string): ToileDocument => JSON.parse(readFileSync(new URL(`../../../examples/data/${name}`, import.meta.url), 'utf8'));

describe('escapeXml', () => {
  it('escapes markup and quotes, keeps white space as references, replaces what XML forbids', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(escapeXml('\u0000\u001F\uFFFE\uD800x\uDC00')).toBe('\uFFFD\uFFFD\uFFFD\uFFFDx\uFFFD');
    expect(escapeXml('😀')).toBe('😀');
    expect(escapeXml(12.5)).toBe('12.5');
    expect(escapeXml(false)).toBe('false');
  });
});

describe('GEXF 1.3', () => {
  const xml = toGexf(doc);

  it('is well-formed XML declaring GEXF 1.3, and the same every time', () => {
    const dom = parseXmlStrict(xml);
    expect(dom.documentElement?.getAttribute('version')).toBe('1.3');
    expect(dom.documentElement?.namespaceURI).toBe('http://gexf.net/1.3');
    expect(dom.getElementsByTagName('meta')[0]?.getAttribute('lastmodifieddate')).toBe('2026-11-01');
    expect(toGexf(structuredClone(doc))).toBe(xml);
  });

  it('declares every attribute with its type', () => {
    const dom = parseXmlStrict(xml);
    const declared = Object.fromEntries(
      Array.from(dom.getElementsByTagName('attribute')).map((a) => [
        `${(a.parentNode as XmlElement).getAttribute('class')}:${a.getAttribute('id')}`,
        a.getAttribute('type'),
      ]),
    );
    expect(declared).toMatchObject({
      'node:employees': 'integer',
      'node:external': 'boolean',
      'node:lat': 'double',
      'node:name': 'string',
      'edge:valueEur': 'double',
      'edge:upstream': 'double',
      'edge:kind': 'string',
    });
  });

  it('reads back with graphology-gexf: nodes, edges, typed attributes, hostile strings verbatim', () => {
    const g = parseGexf(Graph, xml);
    expect(g.order).toBe(4);
    expect(g.size).toBe(3);
    expect(g.type).toBe('directed');
    expect(g.nodes()).toEqual(['acier', 'ciment', 'port', 'fournisseur']);
    const mill = g.getNodeAttributes('acier');
    expect(mill).toMatchObject({
      label: HOSTILE,
      name: HOSTILE,
      employees: 800,
      external: false,
      naf: '24.10Z',
      siret: '73282932000074',
      sectors: 'métallurgie|énergie',
      status: 'active',
    });
    expect(mill.lat).toBe(49.4);
    expect(mill.lon).toBe(0.2);
    // viz:position: x = longitude, y = latitude.
    expect(mill).toMatchObject({ x: 0.2, y: 49.4 });
    expect(g.getNodeAttributes('fournisseur')).toMatchObject({ external: true, lat: -20, lon: 118 });
    expect(g.getNodeAttribute('ciment', 'status')).toBe('planned');
    const slag = g.getEdgeAttributes('f1');
    expect(slag).toMatchObject({
      kind: 'byproduct',
      code: 'ewc:100202',
      family: 'mineral-waste',
      label: '<laitier> & "scories"',
      quantity: 200000,
      unit: 't/yr',
      valueEur: 1500000,
      upstream: 0.4,
      downstream: 0.05,
      confidentiality: 'partners',
      status: 'active',
      weight: 1500000,
    });
    expect(g.getEdgeAttributes('f2')).toMatchObject({ status: 'potential', weight: 1, quantity: 5, unit: 't/h' });
    expect(g.source('f1')).toBe('acier');
    expect(g.target('f1')).toBe('ciment');
    expect(g.source('f2')).toBe('fournisseur');
  });

  it('replaces characters XML cannot carry, keeps tabs and line breaks', () => {
    const g = parseGexf(Graph, xml);
    expect(g.getNodeAttribute('ciment', 'name')).toBe('Ciment\uFFFD\uFFFD ligne\nsuivante\ttab\r\nfin');
    expect(g.getNodeAttribute('port', 'name')).toBe('Port \uFFFD seul \uFFFD et 😀');
  });
});

describe('GraphML', () => {
  const xml = toGraphml(doc);

  it('is well-formed and reads back with graphology-graphml with typed values', () => {
    parseXmlStrict(xml);
    const g = parseGraphml(Graph, xml);
    expect(g.order).toBe(4);
    expect(g.size).toBe(3);
    expect(g.type).toBe('directed');
    expect(g.nodes()).toEqual(['acier', 'ciment', 'port', 'fournisseur']);
    expect(g.edges()).toEqual(['f1', 'f2', 'f3']);
    expect(g.getNodeAttributes('acier')).toMatchObject({
      name: HOSTILE,
      employees: 800,
      external: false,
      naf: '24.10Z',
      lat: 49.4,
      lon: 0.2,
      sectors: 'métallurgie|énergie',
    });
    expect(g.getNodeAttribute('fournisseur', 'external')).toBe(true);
    expect(g.getNodeAttribute('ciment', 'name')).toBe('Ciment\uFFFD\uFFFD ligne\nsuivante\ttab\r\nfin');
    expect(g.getEdgeAttributes('f1')).toMatchObject({
      kind: 'byproduct',
      label: '<laitier> & "scories"',
      valueEur: 1500000,
      quantity: 200000,
      unit: 't/yr',
      family: 'mineral-waste',
      upstream: 0.4,
      confidentiality: 'partners',
    });
    expect(g.source('f3')).toBe('port');
  });

  it('declares int, double, boolean and string keys', () => {
    const dom = parseXmlStrict(xml);
    const keys = Object.fromEntries(
      Array.from(dom.getElementsByTagName('key')).map((k) => [k.getAttribute('attr.name') + '@' + k.getAttribute('for'), k.getAttribute('attr.type')]),
    );
    expect(keys).toMatchObject({
      'employees@node': 'int',
      'external@node': 'boolean',
      'lat@node': 'double',
      'name@node': 'string',
      'valueEur@edge': 'double',
      'kind@edge': 'string',
    });
  });
});

describe('GeoJSON', () => {
  const fc = toGeoJson(doc);
  const text = JSON.stringify(fc);

  it('passes @placemarkio/check-geojson', () => {
    expect(() => checkGeoJson(text)).not.toThrow();
    expect((checkGeoJson(text) as { features: unknown[] }).features).toHaveLength(5);
  });

  it('has located establishments as points ([lon, lat]) and flows between located ones as lines', () => {
    const parsed = JSON.parse(text) as typeof fc;
    const points = parsed.features.filter((f) => f.geometry.type === 'Point');
    const lines = parsed.features.filter((f) => f.geometry.type === 'LineString');
    expect(points.map((p) => p.id)).toEqual(['acier', 'ciment', 'fournisseur']);
    expect(points[0]!.geometry.coordinates).toEqual([0.2, 49.4]);
    expect(points[2]!.geometry.coordinates).toEqual([118, -20]);
    // f3 starts at the port, which has no location.
    expect(lines.map((l) => l.id)).toEqual(['f1', 'f2']);
    expect(lines[0]!.geometry.coordinates).toEqual([
      [0.2, 49.4],
      [0.25, 49.41],
    ]);
  });

  it('carries typed properties and hostile strings verbatim', () => {
    const parsed = JSON.parse(text) as typeof fc;
    const mill = parsed.features.find((f) => f.id === 'acier')!;
    expect(mill.properties).toMatchObject({
      layer: 'establishment',
      id: 'acier',
      name: HOSTILE,
      employees: 800,
      external: false,
      lat: 49.4,
      lon: 0.2,
      naf: '24.10Z',
    });
    const cement = parsed.features.find((f) => f.id === 'ciment')!;
    expect(cement.properties.name).toBe(`Ciment\u0001\u0007 ligne\nsuivante\ttab\r\nfin`);
    const slag = parsed.features.find((f) => f.id === 'f1')!;
    expect(slag.properties).toMatchObject({
      layer: 'flow',
      from: 'acier',
      to: 'ciment',
      kind: 'byproduct',
      label: '<laitier> & "scories"',
      valueEur: 1500000,
      upstream: 0.4,
    });
  });
});

describe('JSON Graph Format v2', () => {
  const jgf = JSON.parse(JSON.stringify(toJgf(doc)));

  it('has the JGF v2 structure: one directed graph, nodes keyed by id, edges between known nodes', () => {
    expect(Object.keys(jgf)).toEqual(['graph']);
    expect(jgf.graph).toMatchObject({ id: 'test', label: 'Test', directed: true });
    expect(Object.keys(jgf.graph.nodes)).toEqual(['acier', 'ciment', 'port', 'fournisseur']);
    expect(Array.isArray(jgf.graph.edges)).toBe(true);
    for (const node of Object.values(jgf.graph.nodes) as { label: unknown; metadata: unknown }[]) {
      expect(typeof node.label).toBe('string');
      expect(typeof node.metadata).toBe('object');
    }
    for (const edge of jgf.graph.edges as { source: string; target: string; relation: string }[]) {
      expect(Object.hasOwn(jgf.graph.nodes, edge.source)).toBe(true);
      expect(Object.hasOwn(jgf.graph.nodes, edge.target)).toBe(true);
      expect(typeof edge.relation).toBe('string');
    }
  });

  it('keeps typed metadata and hostile strings verbatim', () => {
    expect(jgf.graph.nodes.acier).toEqual({
      label: HOSTILE,
      metadata: {
        name: HOSTILE,
        siret: '73282932000074',
        naf: '24.10Z',
        employees: 800,
        external: false,
        sectors: 'métallurgie|énergie',
        status: 'active',
        lat: 49.4,
        lon: 0.2,
      },
    });
    expect(jgf.graph.nodes.ciment.label).toBe(`Ciment\u0001\u0007 ligne\nsuivante\ttab\r\nfin`);
    expect(jgf.graph.edges[0]).toMatchObject({
      id: 'f1',
      source: 'acier',
      target: 'ciment',
      relation: 'byproduct',
      label: '<laitier> & "scories"',
      metadata: { valueEur: 1500000, upstream: 0.4 },
    });
  });

  it('keeps an id like __proto__ as a plain key', () => {
    const odd = documentWith((d) => {
      d.establishments[2]!.id = '__proto__';
      d.flows[2]!.from = '__proto__';
    });
    const parsed = JSON.parse(JSON.stringify(toJgf(odd)));
    expect(Object.keys(parsed.graph.nodes)).toContain('__proto__');
    expect(parsed.graph.nodes.__proto__.label).toBe('Port');
  });
});

describe('the sample territories, in every format', () => {
  for (const name of ['port-estuaire.toile.json', 'mini.toile.json']) {
    it(`${name}: the same nodes and edges come back from GEXF, GraphML, GeoJSON and JGF`, () => {
      const d = sample(name);
      const ids = d.establishments.map((e) => e.id);
      const flowIds = d.flows.map((f) => f.id);
      const gexf = parseGexf(Graph, toGexf(d));
      const graphml = parseGraphml(Graph, toGraphml(d));
      for (const g of [gexf, graphml]) {
        expect(g.nodes()).toEqual(ids);
        expect(g.edges()).toEqual(flowIds);
        for (const f of d.flows) expect([g.source(f.id), g.target(f.id), g.getEdgeAttribute(f.id, 'kind')]).toEqual([f.from, f.to, f.kind]);
        for (const e of d.establishments) expect(g.getNodeAttribute(e.id, 'name')).toBe(e.name);
      }
      const fc = checkGeoJson(JSON.stringify(toGeoJson(d))) as { features: unknown[] };
      const located = new Set(d.establishments.filter((e) => e.location?.lat !== undefined && e.location.lon !== undefined).map((e) => e.id));
      const lines = d.flows.filter((f) => located.has(f.from) && located.has(f.to));
      expect(fc.features).toHaveLength(located.size + lines.length);
      const jgf = JSON.parse(JSON.stringify(toJgf(d)));
      expect(Object.keys(jgf.graph.nodes)).toEqual(ids);
      expect(jgf.graph.edges.map((e: { id: string }) => e.id)).toEqual(flowIds);
    });
  }
});

describe('unvalidated input', () => {
  it('leaves out establishments without real coordinates from GeoJSON', () => {
    const odd = documentWith((d) => {
      d.establishments[0]!.location = { lat: Number.NaN, lon: 0.2 };
      d.establishments[1]!.location = { lat: '49' as unknown as number, lon: 0.25 };
    });
    const fc = toGeoJson(odd);
    expect(() => checkGeoJson(JSON.stringify(fc))).not.toThrow();
    expect(fc.features.map((f) => f.id)).toEqual(['fournisseur']);
  });
});
