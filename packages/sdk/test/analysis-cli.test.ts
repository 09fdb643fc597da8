import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseDocument, documentWith } from './fixtures.ts';
import { cliIn } from '@toile/testkit/node';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PORT = join(ROOT, 'examples/data/port-estuaire.toile.json');
const dir = mkdtempSync(join(tmpdir(), 'toile-analysis-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const FIXTURE = file('base.json', JSON.stringify(baseDocument()));
// One flow points to an unknown establishment: an error, the rest is still used.
const BROKEN = file('broken.json', JSON.stringify(documentWith((d) => d.flows.push({ id: 'x', from: 'acier', to: 'ghost', kind: 'supply' }))));
const MALFORMED = file('malformed.json', '{ "toile": ');

const toile = cliIn(dir);

describe('toile synergies', () => {
  it('--json: {"matches": [{offer, need, from, to, score, parts}…]} best first, with pooling apart', async () => {
    const r = await toile('synergies', PORT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['matches', 'pooling', 'settings', 'considered']);
    expect(out.matches.length).toBeGreaterThan(5);
    let previous = Infinity;
    for (const m of out.matches) {
      for (const key of ['offer', 'need', 'from', 'to']) expect(typeof m[key]).toBe('string');
      expect(Object.keys(m.parts).sort()).toEqual(['distance', 'item', 'kind', 'quantity']);
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
      expect(m.score).toBeLessThanOrEqual(previous);
      expect(typeof m.hazardous).toBe('boolean');
      previous = m.score;
    }
    expect(out.pooling.length).toBeGreaterThan(0);
    expect(out.pooling[0]).toMatchObject({ leader: expect.any(String), size: expect.any(Number), establishments: expect.any(Array) });
  });

  it('honours --top, --radius-km and --establishment', async () => {
    const top = JSON.parse((await toile('synergies', PORT, '--top', '3', '--json')).stdout);
    expect(top.matches).toHaveLength(3);
    const near = JSON.parse((await toile('synergies', PORT, '--radius-km', '2', '--json')).stdout);
    for (const m of near.matches) if (m.distanceKm !== undefined) expect(m.distanceKm).toBeLessThanOrEqual(2);
    const one = JSON.parse((await toile('synergies', PORT, '--establishment', 'acierie', '--json')).stdout);
    expect(one.matches.length).toBeGreaterThan(0);
    for (const m of one.matches) expect([m.from, m.to]).toContain('acierie');
  });

  it('prints a French table by default, English on request', async () => {
    const fr = await toile('synergies', FIXTURE);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('Synergies — rayon 50 km');
    expect(fr.stdout).toContain('Aciérie (acier) → Cimenterie (ciment)');
    const en = await toile('synergies', FIXTURE, '--lang', 'en');
    expect(en.stdout).toContain('who → whom: offer → need');
  });

  it('keeps the relative carbon index labelled as such (fr/en), never as tonnes of CO2e; --json explains the distance part', async () => {
    const fr = await toile('synergies', PORT, '--establishment', 'recyclage-metaux');
    expect(fr.stdout).not.toMatch(/642\s800 t/);
    expect(fr.stdout).toContain('indice carbone relatif*');
    expect(fr.stdout).toContain('Indice relatif, pas des tonnes de CO2e');
    const en = await toile('synergies', PORT, '--establishment', 'recyclage-metaux', '--lang', 'en');
    expect(en.stdout).not.toMatch(/642,800 t/);
    expect(en.stdout).toContain('A relative index, not tonnes of CO2e');
    const json = JSON.parse((await toile('synergies', PORT, '--establishment', 'recyclage-metaux', '--json')).stdout);
    const scrap = json.matches.find((m: { offer: string; need: string }) => m.offer === 'r026' && m.need === 'r043');
    // 40 000 t/yr of sorted scrap × weighting 16.07: an index of 642 800, never « 642 800 t CO2e ».
    expect(scrap).toMatchObject({ carbonIndex: 642800, transport: { mode: 'road', valueBasis: 'document' } });
    expect(scrap).not.toHaveProperty('co2eTonnes');
  });

  it('states avoided CO2e as an order of magnitude with its basis and source (fr/en, --json), and none where no factor or not the same material', async () => {
    const fr = await toile('synergies', PORT, '--establishment', 'recyclage-metaux');
    expect(fr.stdout).toContain('CO2e évité (ordre de grandeur)**');
    // 40 000 t/yr of scrap for the steelworks × (2 211 − 938) kg CO2e/t = 50 920 t CO2e/yr, « ≈ 51 000 t/an ».
    expect(fr.stdout).toMatch(/≈ 51\u202f000 t\/an/);
    expect(fr.stdout).toMatch(/acier de recyclage \(ferrailles\) vs\. acier primaire : 1\u202f273 kg CO2e évités par t \(2\u202f211 − 938\) — FEDEREC 2017/);
    expect(fr.stdout).toContain('https://prod-basecarbonesolo.ademe-dri.fr/documentation/UPLOAD_DOC_FR/acier.htm');
    expect(fr.stdout).toContain('Licence Ouverte');
    const en = await toile('synergies', PORT, '--establishment', 'recyclage-metaux', '--lang', 'en');
    expect(en.stdout).toContain('avoided CO2e (order of magnitude)**');
    expect(en.stdout).toContain('≈ 51,000 t/yr');
    const json = JSON.parse((await toile('synergies', PORT, '--establishment', 'recyclage-metaux', '--json')).stdout);
    const steel = json.matches.find((m: { offer: string; need: string }) => m.offer === 'r026' && m.need === 'r043');
    expect(steel.avoidedCo2e).toMatchObject({
      tonnes: 51000,
      exchangedTonnes: 40000,
      kgCo2ePerTonne: 1273,
      route: 'ferrous-scrap',
      url: expect.stringContaining('acier.htm'),
      licence: expect.stringContaining('Licence Ouverte'),
    });
    expect(steel.avoidedCo2e.basis).toMatch(/^acier de recyclage/);
    // The same scrap matched to waste paper at the paper mill (same EWC sub-chapter): no figure.
    const paper = json.matches.find((m: { offer: string; need: string }) => m.offer === 'r026' && m.need === 'f155');
    expect(paper).toBeDefined();
    expect(paper).not.toHaveProperty('avoidedCo2e');
    // Heat, plastics, wood…: no openly licensed factor shipped, no figure.
    const all = JSON.parse((await toile('synergies', PORT, '--top', '30', '--json')).stdout);
    for (const m of all.matches) if (m.avoidedCo2e) expect(m.avoidedCo2e.route).toBe('ferrous-scrap');
    expect(all.matches.some((m: { avoidedCo2e?: unknown }) => !m.avoidedCo2e)).toBe(true);
  });

  it('--bulk-tonnes, --value-per-tonne and --waterway replace the transport assumptions', async () => {
    const out = JSON.parse((await toile('synergies', PORT, '--bulk-tonnes', '5000', '--value-per-tonne', '80', '--waterway', '--json')).stdout);
    expect(out.settings.transport).toMatchObject({ bulkTonnes: 5000, defaultValuePerTonne: 80, bulkModes: ['rail', 'waterway'] });
    // Candidates whose value nothing in the document tells take the given one (the sample has some).
    const assumed = out.matches.filter((m: { transport?: { valueBasis: string } }) => m.transport?.valueBasis === 'assumed');
    expect(assumed.length).toBeGreaterThan(0);
    for (const m of assumed) expect(m.transport.valuePerTonne).toBe(80);
    const bad = await toile('synergies', PORT, '--bulk-tonnes', '-1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--bulk-tonnes');
  });

  it('--code, --need and --exclude-hazardous filter before ranking, as the SDK options do', async () => {
    // Lead batteries (16 06 01*, hazardous) and iron scrap (17 04 05) offered and needed by the two neighbours.
    const HAZARD = file(
      'hazard.json',
      JSON.stringify(
        documentWith((d) => {
          d.resources = [
            { id: 'o-bat', establishment: 'acier', direction: 'offer', kind: 'byproduct', item: { code: 'ewc:160601' } },
            { id: 'o-fer', establishment: 'acier', direction: 'offer', kind: 'byproduct', item: { code: 'ewc:170405' } },
            { id: 'n-bat', establishment: 'ciment', direction: 'need', kind: 'byproduct', item: { code: 'ewc:160601' } },
            { id: 'n-fer', establishment: 'ciment', direction: 'need', kind: 'byproduct', item: { code: 'ewc:170405' } },
          ];
        }),
      ),
    );
    const pairs = async (...args: string[]) => {
      const r = await toile('synergies', HAZARD, ...args, '--json');
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).matches.map((m: { offer: string; need: string; hazardous: boolean }) => `${m.offer}→${m.need}${m.hazardous ? '*' : ''}`);
    };
    expect(await pairs()).toEqual(expect.arrayContaining(['o-bat→n-bat*', 'o-fer→n-fer']));
    expect(await pairs('--exclude-hazardous')).toEqual(['o-fer→n-fer']);
    expect(await pairs('--code', 'ewc:16')).toEqual(['o-bat→n-bat*']);
    expect(await pairs('--code', '17 04')).toEqual(['o-fer→n-fer']);
    expect(await pairs('--need', 'n-fer')).toEqual(['o-fer→n-fer']);
    expect(await pairs('--need', 'n-bat', '--exclude-hazardous')).toEqual([]);
    const bad = await toile('synergies', HAZARD, '--code', 'bogus');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--code');
  });

  it('exit 1 names an unknown establishment; exit 2 on usage errors', async () => {
    const r = await toile('synergies', PORT, '--establishment', 'nowhere');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nowhere');
    expect((await toile('synergies')).code).toBe(2);
    expect((await toile('synergies', PORT, '--top', '0')).code).toBe(2);
    expect((await toile('synergies', PORT, '--radius-km', '-3')).code).toBe(2);
    expect((await toile('synergies', PORT, '--family', 'unobtainium')).code).toBe(2);
    expect((await toile('synergies', PORT, '--bogus')).code).toBe(2);
  });

  it('runs on the valid part of a document with errors, and says so on stderr; exit 1 when nothing is readable', async () => {
    const r = await toile('synergies', BROKEN, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 erreur/);
    expect(JSON.parse(r.stdout).matches[0]).toMatchObject({ offer: 'r1', need: 'r2', from: 'acier', to: 'ciment' });
    expect((await toile('synergies', MALFORMED)).code).toBe(1);
  });
});

describe('toile stats', () => {
  it('--json: counts, establishments with centralities, anchoring, dependencies and cuts', async () => {
    const r = await toile('stats', PORT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'counts',
      'quantityUnit',
      'territory',
      'establishments',
      'pageRank',
      'betweenness',
      'criticalDependencies',
      'articulationPoints',
      'bridges',
    ]);
    expect(out.establishments[0]).toMatchObject({
      id: expect.any(String),
      inDegree: expect.any(Number),
      pageRank: expect.any(Number),
      betweenness: expect.any(Number),
    });
    const sum = out.establishments.reduce((s: number, e: { pageRank: number }) => s + e.pageRank, 0);
    expect(sum).toBeCloseTo(1, 9);
    const a = out.territory.anchoring;
    expect(a.flows.local + a.flows.external).toBeCloseTo(1, 12);
    expect(out.pageRank.converged).toBe(true);
  });

  it('text in French or English, with a neighbourhood on request', async () => {
    const fr = await toile('stats', FIXTURE, '--establishment', 'acier', '--depth', '2');
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('4 établissements (3 dans le territoire, 1 extérieurs)');
    expect(fr.stdout).toContain('amont (fournisseurs) : Port (port), Mine lointaine (fournisseur)');
    const en = await toile('stats', FIXTURE, '--lang', 'en');
    expect(en.stdout).toContain('Most central establishments');
    const json = JSON.parse((await toile('stats', FIXTURE, '--establishment', 'acier', '--json')).stdout);
    expect(json.neighbourhood).toEqual({
      establishment: 'acier',
      depth: 1,
      upstream: [
        { id: 'port', depth: 1 },
        { id: 'fournisseur', depth: 1 },
      ],
      downstream: [{ id: 'ciment', depth: 1 }],
    });
  });

  it('exit codes', async () => {
    const r = await toile('stats', FIXTURE, '--establishment', 'ghost');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ghost');
    expect((await toile('stats', FIXTURE, '--threshold', '2')).code).toBe(2);
    expect((await toile('stats', FIXTURE, '--statuses', 'gone')).code).toBe(2);
    expect((await toile('stats')).code).toBe(2);
  });
});

describe('toile gaps', () => {
  it('--json lists missing inputs and exported outputs', async () => {
    const r = await toile('gaps', PORT, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['missingInputs', 'exportedOutputs', 'unkeyedFlows']);
    expect(out.missingInputs.length).toBeGreaterThan(0);
    for (const g of out.missingInputs)
      expect(g).toMatchObject({ key: expect.any(String), establishments: expect.any(Array), partners: expect.any(Array), valueEur: expect.any(Number) });
    const values = out.missingInputs.map((g: { valueEur: number }) => g.valueEur);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('on the fixture: the ore comes only from outside', async () => {
    const out = JSON.parse((await toile('gaps', FIXTURE, '--json')).stdout);
    expect(out.missingInputs.map((g: { key: string }) => g.key)).toEqual(['code:hs:2601']);
    const text = await toile('gaps', FIXTURE, '--lang', 'en');
    expect(text.stdout).toContain('Missing links — 1 inputs received only from outside');
    expect((await toile('gaps', FIXTURE, '--sort', 'weight')).code).toBe(2);
  });
});

describe('toile sources', () => {
  it('--json lists other local suppliers, same code first, nearest first', async () => {
    const r = await toile('sources', PORT, '--establishment', 'acierie', '--input', 'hs:2601', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ establishment: 'acierie', found: true, receives: true, input: { code: 'hs:2601' } });
    const rank = (c: { match: string; distanceKm: number | null }) => [c.match === 'code' ? 0 : 1, c.distanceKm ?? Infinity];
    for (let i = 1; i < out.candidates.length; i++) {
      const [ma, da] = rank(out.candidates[i - 1]);
      const [mb, db] = rank(out.candidates[i]);
      expect(ma! < mb! || (ma === mb && da! <= db!)).toBe(true);
    }
  });

  it('exit 1 for an unknown establishment or input, 2 when an option is missing', async () => {
    const unknown = await toile('sources', FIXTURE, '--establishment', 'ghost', '--input', 'hs:2601', '--lang', 'en');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown establishment: ghost');
    expect((await toile('sources', FIXTURE, '--establishment', 'acier', '--input', 'nonsense')).code).toBe(1);
    expect((await toile('sources', FIXTURE, '--establishment', 'acier')).code).toBe(2);
    expect((await toile('sources', FIXTURE, '--input', 'hs:2601')).code).toBe(2);
  });

  it('prints a table', async () => {
    const r = await toile('sources', PORT, '--establishment', 'acierie', '--input', 'hs:2601');
    expect(r.stdout).toMatch(/Autres sources de hs:2601/);
    expect(r.stdout).toMatch(/km\s+même\s+établissement/);
  });
});
