import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliIn } from '@toile/testkit/node';
import { valley } from './kinship-fixture.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PORT = join(ROOT, 'examples/data/port-estuaire.toile.json');
const dir = mkdtempSync(join(tmpdir(), 'toile-kinship-'));
const VALLEY = join(dir, 'valley.json');
writeFileSync(VALLEY, JSON.stringify(valley()));

const toile = cliIn(dir);

describe('toile makers', () => {
  it('ranks who could make a product, explained, in French by default and in English', async () => {
    const fr = await toile('makers', VALLEY, '--product', 'hs:8483');
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain(
      'Qui pourrait faire hs:8483 ici — 3 le font déjà (dans ou hors du territoire), 5 candidats ; distances depuis le centre du territoire',
    );
    expect(fr.stdout).toContain('capacité u1 : hs:8483, même code ; flux f5 : hs:8483, même code');
    expect(fr.stdout).toContain('Décolletage (tour)  parent de Usinage (usi) : même classe NAF 25.62A');
    const en = await toile('makers', VALLEY, '--process', 'din8580:3.2', '--lang', 'en');
    expect(en.stdout).toContain('Who here could make Machining with geometrically defined cutting edges (din8580:3.2)');
    expect(en.stdout).toContain('capability m1: din8580:3.1, sibling process, same group');
  });

  it('--json: the result with its evidence; --radius-km and --near', async () => {
    const out = JSON.parse((await toile('makers', VALLEY, '--product', 'hs:8483', '--radius-km', '2', '--json')).stdout);
    expect(Object.keys(out)).toEqual(['validQuery', 'query', 'origin', 'unknownNear', 'knownMakers', 'candidates', 'beyondRadius', 'makers']);
    expect(out.makers.map((m: { id: string }) => m.id)).toEqual(['usi', 'mai']);
    expect(out.beyondRadius).toBe(3);
    const near = JSON.parse((await toile('makers', VALLEY, '--product', 'hs:8483', '--near', 'neg', '--top', '1', '--json')).stdout);
    expect(near).toMatchObject({ origin: 'establishment', makers: [{ id: 'usi', distanceKm: 5.56 }] });
  });

  it('answers bad queries with a usage error in the user’s language', async () => {
    const neither = await toile('makers', VALLEY);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('indiquez --product CODE');
    expect((await toile('makers', VALLEY, '--product', 'hs:8483', '--process', 'assembly')).code).toBe(2);
    const typo = await toile('makers', VALLEY, '--process', 'din8580:3.22', '--lang', 'en');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown process `din8580:3.22`: did you mean `din8580:3.2`?');
    const code = await toile('makers', VALLEY, '--product', '8483');
    expect(code.stderr).toContain('--product attend un code schéma:code');
    expect((await toile('makers', VALLEY, '--product', 'hs:8483', '--top', '0')).code).toBe(2);
    const near = await toile('makers', VALLEY, '--product', 'hs:8483', '--near', 'ghost');
    expect(near.code).toBe(1);
    expect(near.stderr).toContain('établissement inconnu : ghost');
  });
});

describe('toile kin', () => {
  it('lists the nearest kin with their parts (fr) and explains one pair (en)', async () => {
    const fr = await toile('kin', VALLEY, '--establishment', 'usi', '--top', '2');
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('Parenté de Usinage (usi) — 2 plus proches');
    // chau: activity 0.4, inputs 0.93, no outputs or shared capabilities, data for activity, inputs and capabilities.
    expect(fr.stdout).toMatch(/0,339 {2}0,40 \/ 0,93 \/ 0,00 \/ 0,00 \/ — +77,8 % +1,4 {2}Chaudronnerie \(chau\) {2}même division NAF/);
    expect(fr.stdout).toContain('Poids : activité 0,33 · achats 0,22 · ventes 0,22 · capacités 0,22');
    const en = await toile('kin', VALLEY, '--establishment', 'usi', '--with', 'mai', '--lang', 'en');
    expect(en.stdout).toContain('Relatedness Usinage (usi) ~ Maintenance (mai): 0.083');
    expect(en.stdout).toMatch(/capabilities +0\.07 +0\.22 +yes/);
    expect(en.stdout).toMatch(/inputs +0\.00 +0\.22 +no/);
  });

  it('--json; co-location with --territory; unknown ids', async () => {
    const out = JSON.parse((await toile('kin', VALLEY, '--establishment', 'usi', '--json')).stdout);
    expect(out.kin.map((k: { id: string; score: number }) => [k.id, k.score])).toEqual([
      ['chau', 0.3391],
      ['tour', 0.2667],
      ['neg', 0.2222],
      ['meca', 0.2],
      ['mai', 0.0825],
    ]);
    // The valley's own file given again counts once: one territory is too few for co-location.
    const twice = JSON.parse((await toile('kin', VALLEY, '--establishment', 'usi', '--with', 'tour', '--territory', VALLEY, '--json')).stdout);
    expect(twice.parts).not.toHaveProperty('colocation');
    // With a threshold of 1, the one territory supports it: 25.62 with itself, φ = 1 / 1.
    const one = JSON.parse(
      (await toile('kin', VALLEY, '--establishment', 'usi', '--with', 'tour', '--territory', VALLEY, '--min-territories', '1', '--json')).stdout,
    );
    expect(one).toMatchObject({ a: 'usi', b: 'tour', parts: { colocation: 1 }, colocationSupport: 1 });
    const unknown = await toile('kin', VALLEY, '--establishment', 'ghost', '--lang', 'en');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown establishment: ghost');
    expect((await toile('kin', VALLEY)).code).toBe(2);
  });
});

describe('toile leaps', () => {
  it('lists the inputs bought outside within reach, fr and en, and --json', async () => {
    const fr = await toile('leaps', VALLEY, '--establishment', 'usi');
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('Sauts productifs pour Usinage (usi) — 3 intrants achetés seulement hors du territoire, 2 à sa portée');
    expect(fr.stdout).toContain('son procédé u1 (din8580:3.2 ~ din8580:3.2 (x1)) 0,8 ; sa capacité u1 (hs:8483) 0,4 ; il donne f5 (hs:8483) 0,36');
    const en = await toile('leaps', VALLEY, '--establishment', 'usi', '--lang', 'en');
    expect(en.stdout).toContain('Leads to check in an interview, not a feasibility study');
    const out = JSON.parse((await toile('leaps', VALLEY, '--establishment', 'usi', '--top', '1', '--json')).stdout);
    expect(out).toMatchObject({ found: true, missingInputs: 3, leaps: [{ key: 'code:cpa:25.62', score: 1 }] });
    expect((await toile('leaps', VALLEY, '--establishment', 'ghost')).code).toBe(1);
  });
});

describe('toile capacity', () => {
  it('lists spare capacity by process with what it could serve, fr and en, --on and --json', async () => {
    const fr = await toile('capacity', VALLEY);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('Capacités disponibles — 3 offres ; besoins ou intrants importés qu’elles pourraient servir : 3');
    expect(fr.stdout).toContain('Usinage par outil à arête de coupe définie (din8580:3.2) — 2\u202f500 h/an');
    expect(fr.stdout).toContain('besoin r1 (Chaudronnerie (chau)) : Arbres de transmission — hs:8483, même code');
    const en = await toile('capacity', VALLEY, '--on', '2026-06-01', '--lang', 'en');
    expect(en.stdout).toContain('Spare capacity on 2026-06-01 — 2 offers; needs or imported inputs they could serve: 2');
    expect(en.stdout).toContain('bought outside by Chaudronnerie (chau): Pièces usinées — cpa:25.62, same code');
    expect(en.stdout).not.toContain('(maintenance)');
    const out = JSON.parse((await toile('capacity', VALLEY, '--json')).stdout);
    expect(out.processes.map((p: { process: string }) => p.process)).toEqual(['din8580:3.1', 'din8580:3.2', 'maintenance']);
    const bad = await toile('capacity', VALLEY, '--on', '2026-13-01');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--on attend une date AAAA-MM-JJ');
  });
});

const SAMPLE_HAS_CAPABILITIES = readFileSync(PORT, 'utf8').includes('"capabilities"');

describe.runIf(SAMPLE_HAS_CAPABILITIES)('the kinship commands on the sample territory, from the repository root', () => {
  const atRoot = cliIn(ROOT);
  const SAMPLE = 'examples/data/port-estuaire.toile.json';

  it('toile makers: the three welders for welding, the two machine shops for hs:8483', async () => {
    const welding = JSON.parse((await atRoot('makers', SAMPLE, '--process', 'din8580:4.6', '--json')).stdout);
    const first = welding.makers.filter((m: { score: number }) => m.score === 1).map((m: { id: string }) => m.id);
    expect(first.sort()).toEqual(['chantier-naval', 'chaudronnerie', 'tuyauterie']);
    const shafts = await atRoot('makers', SAMPLE, '--product', 'hs:8483', '--lang', 'en');
    expect(shafts.code).toBe(0);
    expect(shafts.stdout).toContain('(usinage)');
    expect(shafts.stdout).toContain('(maintenance)');
  });

  it('toile kin, leaps and capacity answer', async () => {
    const kin = JSON.parse((await atRoot('kin', SAMPLE, '--establishment', 'usinage', '--json')).stdout);
    expect(kin.kin.length).toBeGreaterThan(3);
    expect(kin.kin.map((k: { id: string }) => k.id)).toContain('maintenance');
    for (const k of kin.kin) expect(k.score).toBeGreaterThan(0);
    const leaps = await atRoot('leaps', SAMPLE, '--establishment', 'recyclage-metaux');
    expect(leaps.code).toBe(0);
    expect(leaps.stdout).toContain('Sauts productifs pour');
    const capacity = JSON.parse((await atRoot('capacity', SAMPLE, '--json')).stdout);
    expect(capacity.offers).toBeGreaterThan(5);
    // The shipyard's « Plateau technique de soudage » names welding, on offer at the boilermakers'.
    const welding = capacity.processes.find((p: { process: string }) => p.process === 'din8580:4.6');
    expect(welding.offers.some((o: { serves: { ref: string }[] }) => o.serves.some((s) => s.ref === 'r067'))).toBe(true);
    const human = await atRoot('capacity', SAMPLE, '--lang', 'en');
    expect(human.stdout).toContain('Welding (din8580:4.6)');
  });
});
