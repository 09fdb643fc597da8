import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndex, FLOW_STATUSES, validateToile } from '../src/index.ts';
import { FLOW_KINDS } from '@toile/schema';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../examples/data/${name}`, import.meta.url), 'utf8'));

describe('sample territories', () => {
  for (const name of ['port-estuaire.toile.json', 'mini.toile.json']) {
    it(`${name} is valid, fictional, and uses every flow kind`, () => {
      const doc = load(name);
      const r = validateToile(doc);
      expect(r.problems).toEqual([]);
      expect(doc.meta.fictional).toBe(true);
      expect(new Set(doc.flows.map((f: { kind: string }) => f.kind))).toEqual(new Set(FLOW_KINDS));
      expect(buildIndex(r.data!).edgeCount).toBe(doc.flows.length);
    });
  }

  it('the port territory has what demos need: 60–150 establishments, externals, confidential flows, offers and needs, several sources', () => {
    const doc = load('port-estuaire.toile.json');
    expect(doc.establishments.length).toBeGreaterThanOrEqual(60);
    expect(doc.establishments.length).toBeLessThanOrEqual(150);
    expect(doc.establishments.filter((e: { external?: boolean }) => e.external).length).toBeGreaterThanOrEqual(10);
    expect(doc.flows.filter((f: { confidentiality?: string }) => f.confidentiality === 'confidential').length).toBeGreaterThan(0);
    expect(new Set(doc.resources.map((r: { direction: string }) => r.direction))).toEqual(new Set(['offer', 'need']));
    expect(doc.meta.sources.length).toBeGreaterThanOrEqual(3);
    expect(new Set(doc.flows.map((f: { status?: string }) => f.status ?? 'active')).size).toBe(FLOW_STATUSES.length);
  });

  it("the port territory's manufacturers and subcontractors list capabilities, with spare capacity and the kin pairs its table describes", () => {
    type Capability = { id: string; process: string; products?: string[]; spare?: { share: number }; confidentiality?: string };
    const doc = load('port-estuaire.toile.json') as { establishments: { id: string; capabilities?: Capability[] }[] };
    const of = (id: string) => doc.establishments.find((e) => e.id === id)?.capabilities ?? [];
    const all = doc.establishments.flatMap((e) => e.capabilities ?? []);
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all.filter((c) => c.spare).length).toBeGreaterThanOrEqual(8);
    expect(new Set(all.map((c) => c.confidentiality ?? 'public'))).toEqual(new Set(['public', 'partners', 'confidential']));
    // The pairs named in examples/data/port-estuaire-capabilities.ts: a shared process and two shared product codes.
    const kin: [string, string, string, string[]][] = [
      ['usinage', 'maintenance', 'din8580:3.2', ['cpa:25.62', 'hs:8483']],
      ['chaudronnerie', 'tuyauterie', 'din8580:4.6', ['cpa:25.29', 'hs:7309']],
      ['peinture-navale', 'chantier-naval', 'din8580:5.1', ['cpa:25.61', 'naf:25.61Z']],
      ['controle', 'laboratoire', 'testing:laboratory', ['cpa:71.20', 'naf:71.20B']],
    ];
    for (const [a, b, process, products] of kin) {
      for (const id of [a, b]) {
        const withProcess = of(id).filter((c) => c.process === process);
        expect(withProcess.length, `${id} ${process}`).toBeGreaterThan(0);
        for (const code of products)
          expect(
            withProcess.some((c) => c.products?.includes(code)),
            `${id} ${code}`,
          ).toBe(true);
      }
    }
  });

  it('the mini territory stays small', () => {
    expect(load('mini.toile.json').establishments.length).toBeLessThanOrEqual(15);
  });
});
