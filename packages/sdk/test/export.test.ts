import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { DOMParser } from '@xmldom/xmldom';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { toGeoJson, toGexf, toGraphml, toJgf } from '../src/index.ts';
import { documentWith } from './fixtures.ts';

const HOSTILE = `<b onclick="x">"Tôle & Fils"</b> 'quote' ]]> javascript:alert(1)`;
const doc = documentWith((d) => {
  d.establishments[0]!.name = HOSTILE;
  d.establishments[0]!.sectors = ['métallurgie', 'énergie'];
  d.establishments[1]!.name = `Ciment\u0001\u0007 ligne\nsuivante`;
  d.flows[0]!.valueEur = 1500000;
  d.flows[0]!.item = { label: '<laitier> & "scories"', code: 'ewc:100202', family: 'mineral-waste' };
});

/** Strict XML 1.0 well-formedness: any error or fatal error throws. */
function parseXmlStrict(xml: string) {
  return new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}

describe('GEXF 1.3', () => {
  const xml = toGexf(doc);

  it('is well-formed XML declaring GEXF 1.3', () => {
    const dom = parseXmlStrict(xml);
    expect(dom.documentElement?.getAttribute('version')).toBe('1.3');
  });

  it('reads back with graphology-gexf: nodes, edges, typed attributes, hostile strings verbatim', () => {
    const g = parseGexf(Graph, xml);
    expect(g.order).toBe(4);
    expect(g.size).toBe(3);
    expect(g.type).toBe('directed');
    const mill = g.getNodeAttributes('acier');
    expect(mill.label).toBe(HOSTILE);
    expect(mill.name).toBe(HOSTILE);
    expect(mill.employees).toBe(800);
    expect(mill.external).toBe(false);
    expect(mill.lat).toBeCloseTo(49.4);
    expect(mill.sectors).toBe('métallurgie|énergie');
    const slag = g.getEdgeAttributes('f1');
    expect(slag).toMatchObject({ kind: 'byproduct', code: 'ewc:100202', label: '<laitier> & "scories"', quantity: 200000, upstream: 0.4, weight: 1500000 });
    expect(g.source('f1')).toBe('acier');
    expect(g.target('f1')).toBe('ciment');
  });

  it('replaces characters XML cannot carry, keeps line breaks', () => {
    const g = parseGexf(Graph, xml);
    expect(g.getNodeAttribute('ciment', 'name')).toBe('Ciment\uFFFD\uFFFD ligne\nsuivante');
  });
});

describe('GraphML', () => {
  const xml = toGraphml(doc);

  it('is well-formed and reads back with graphology-graphml with typed values', () => {
    parseXmlStrict(xml);
    const g = parseGraphml(Graph, xml);
    expect(g.order).toBe(4);
    expect(g.size).toBe(3);
    expect(g.getNodeAttributes('acier')).toMatchObject({ name: HOSTILE, employees: 800, external: false, naf: '24.10Z' });
    expect(g.getNodeAttribute('fournisseur', 'external')).toBe(true);
    const edge = g.findEdge((_e, attributes) => attributes.kind === 'byproduct');
    expect(edge).toBeDefined();
    expect(g.getEdgeAttributes(edge!)).toMatchObject({ valueEur: 1500000, unit: 't/yr', family: 'mineral-waste' });
  });
});

describe('GeoJSON', () => {
  const fc = toGeoJson(doc);

  it('passes @placemarkio/check-geojson', () => {
    expect(() => checkGeoJson(JSON.stringify(fc))).not.toThrow();
  });

  it('has located establishments as points ([lon, lat]) and flows between located ones as lines', () => {
    const points = fc.features.filter((f) => f.geometry.type === 'Point');
    const lines = fc.features.filter((f) => f.geometry.type === 'LineString');
    expect(points.map((p) => p.id)).toEqual(['acier', 'ciment', 'fournisseur']);
    expect(points[0]!.geometry.coordinates).toEqual([0.2, 49.4]);
    // f3 starts at the port, which has no location.
    expect(lines.map((l) => l.id)).toEqual(['f1', 'f2']);
    expect(lines[0]!.geometry.coordinates).toEqual([
      [0.2, 49.4],
      [0.25, 49.41],
    ]);
    expect(points[0]!.properties.name).toBe(HOSTILE);
  });
});

describe('JSON Graph Format', () => {
  it('has nodes keyed by id and typed edges, and survives JSON', () => {
    const jgf = JSON.parse(JSON.stringify(toJgf(doc)));
    expect(Object.keys(jgf.graph.nodes)).toEqual(['acier', 'ciment', 'port', 'fournisseur']);
    expect(jgf.graph.directed).toBe(true);
    expect(jgf.graph.nodes.acier.label).toBe(HOSTILE);
    expect(jgf.graph.edges[0]).toMatchObject({ source: 'acier', target: 'ciment', relation: 'byproduct', metadata: { valueEur: 1500000 } });
  });

  it('keeps an id like __proto__ as a plain key', () => {
    const odd = documentWith((d) => {
      d.establishments[2]!.id = '__proto__';
      d.flows[2]!.from = '__proto__';
    });
    const jgf = JSON.parse(JSON.stringify(toJgf(odd)));
    expect(Object.keys(jgf.graph.nodes)).toContain('__proto__');
  });
});
