/**
 * Issue #12.2 (CSV keeps every publication level) and #13.8 (CSV side: digit codes kept as text in
 * the Excel export). Secret values are searched for in the actual output bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CSV_TABLES, type Confidentiality, type Establishment, type Flow, type Resource, type ToileDocument } from '@toile/schema';
import { exportCsvPackage, importCsvPackage } from '../src/csv.ts';
import fc from 'fast-check';
import { isVisibleTo, luhnCheckDigit, publishToile, readConfidentiality } from '../src/index.ts';
import { baseDocument } from './fixtures.ts';
import { filesOf } from './support/csv.ts';

type Level = Confidentiality | undefined;
const LEVELS: readonly Level[] = ['public', 'partners', 'confidential', undefined];
const tag = (level: Level) => level ?? 'absent';

/** Secret text of a record: what must never reach an audience that may not see its level. */
const secret = (kind: string, level: Level) => `SECRET-${kind}-${tag(level).toUpperCase()}-7f3a`;

/** One record of each level in each list; flows and resources hang on public establishments. */
function levelsDocument(): ToileDocument {
  const doc = baseDocument();
  doc.establishments = [
    { id: 'hub-a', name: 'Hub A' },
    { id: 'hub-b', name: 'Hub B' },
    ...LEVELS.map((level): Establishment => ({
      id: `e-${tag(level)}`,
      name: secret('E', level),
      description: secret('E', level),
      ...(level ? { confidentiality: level } : {}),
    })),
  ];
  doc.flows = LEVELS.map((level): Flow => ({
    id: `f-${tag(level)}`,
    from: 'hub-a',
    to: 'hub-b',
    kind: 'supply',
    item: { label: secret('F', level) },
    ...(level ? { confidentiality: level } : {}),
  }));
  doc.resources = LEVELS.map((level): Resource => ({
    id: `r-${tag(level)}`,
    establishment: 'hub-a',
    direction: 'offer',
    kind: 'energy',
    item: { label: secret('R', level) },
    ...(level ? { confidentiality: level } : {}),
  }));
  return doc;
}

const levelsOf = (doc: ToileDocument) => ({
  establishments: Object.fromEntries(doc.establishments.map((e) => [e.id, e.confidentiality])),
  flows: Object.fromEntries(doc.flows.map((f) => [f.id, f.confidentiality])),
  resources: Object.fromEntries((doc.resources ?? []).map((r) => [r.id, r.confidentiality])),
});

describe('CSV package: publication levels survive JSON → CSV → JSON (#12.2)', () => {
  it('establishments.csv has a confidentiality column', () => {
    expect(CSV_TABLES.establishments.map((c) => c.name)).toContain('confidentiality');
  });

  for (const delimiter of [',', ';'] as const) {
    it(`every level (public, partners, confidential, absent) of every record type, delimiter ${delimiter}`, () => {
      const doc = levelsDocument();
      const files = exportCsvPackage(doc, { delimiter });
      const back = importCsvPackage(filesOf(files));
      expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
      // Absent stays absent (the format's default), each written level comes back as written.
      expect(levelsOf(back.data!)).toEqual(levelsOf(doc));
      expect(back.data!.establishments.find((e) => e.id === 'e-absent')).not.toHaveProperty('confidentiality');

      // What the round trip gives to publish: the bytes of each audience's document.
      const forPublic = JSON.stringify(publishToile(back.data!, { audience: 'public' }).data);
      const forPartners = JSON.stringify(publishToile(back.data!, { audience: 'partners' }).data);
      for (const kind of ['E', 'F', 'R']) {
        expect(forPublic).toContain(secret(kind, 'public'));
        expect(forPublic).toContain(secret(kind, undefined));
        expect(forPublic).not.toContain(secret(kind, 'partners'));
        expect(forPublic).not.toContain(secret(kind, 'confidential'));
        expect(forPartners).toContain(secret(kind, 'partners'));
        expect(forPartners).not.toContain(secret(kind, 'confidential'));
      }
    });
  }

  it('reads French words and case variants as their level; an unknown word is confidential, with a located warning', () => {
    const establishments = [
      'id,name,confidentiality',
      'a,Public A,Public',
      `b,${secret('E', 'partners')}, PARTENAIRES `,
      `c,${secret('E', 'confidential')},Confidentiel`,
      `d,${secret('E', 'confidential')}-typo,privé`,
      'e,Sans niveau,',
    ].join('\r\n');
    const flows = 'id,from,to,kind,label,confidentiality\r\nf1,a,e,supply,SECRET-FLOW-TYPO,confidentail\r\n';
    const r = importCsvPackage({ establishments, flows });
    expect(levelsOf(r.data!).establishments).toEqual({ a: 'public', b: 'partners', c: 'confidential', d: 'confidential', e: undefined });
    expect(levelsOf(r.data!).flows).toEqual({ f1: 'confidential' });
    const unknown = r.problems.filter((p) => p.code === 'unknown-confidentiality');
    expect(unknown.map((p) => p.location)).toEqual([
      { file: 'establishments.csv', row: 5, column: 'confidentiality' },
      { file: 'flows.csv', row: 2, column: 'confidentiality' },
    ]);
    expect(unknown.every((p) => p.severity === 'warning' && p.message.fr && p.message.en)).toBe(true);
    // Aliases are the kit's own words: no warning for them.
    expect(unknown.map((p) => p.params?.value)).toEqual(['privé', 'confidentail']);
    const forPublic = JSON.stringify(publishToile(r.data!, { audience: 'public' }).data);
    expect(forPublic).not.toContain('SECRET');
  });
});

/** A valid SIRET that starts with a zero. */
function siretWithLeadingZero(): string {
  const body = '0123456780001';
  return `${body}${luhnCheckDigit(body)}`;
}

describe('CSV package: postcode, INSEE code and SIRET stay text in the Excel export (#13.8)', () => {
  const siret = siretWithLeadingZero();
  const doc = (() => {
    const d = baseDocument();
    d.establishments[0]!.siret = siret;
    d.establishments[0]!.location = { lat: 46.2, lon: 5.22, postcode: '01000', insee: '01053', city: 'Bourg-en-Bresse' };
    return d;
  })();

  it('writes them as ="01000" for Excel (;), plain for other tools (,), and reads both back exactly', () => {
    const excel = exportCsvPackage(doc, { delimiter: ';' }).get('establishments.csv')!;
    const row = excel.split('\r\n')[1]!;
    expect(row).toContain('"=""01000"""');
    expect(row).toContain('"=""01053"""');
    expect(row).toContain(`"=""${siret}"""`);
    // Only the text columns get the form: an employee count stays a number.
    expect(row).toContain(';800;');
    const plain = exportCsvPackage(doc).get('establishments.csv')!;
    expect(plain).not.toContain('=');
    for (const files of [exportCsvPackage(doc, { delimiter: ';' }), exportCsvPackage(doc)]) {
      const back = importCsvPackage(filesOf(files));
      expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const e = back.data!.establishments[0]!;
      expect([e.siret, e.location?.postcode, e.location?.insee]).toEqual([siret, '01000', '01053']);
    }
  });

  it('reads the file Excel saves after opening it (the formula replaced by its text value)', () => {
    const header = 'id;name;siret;postcode;insee';
    const r = importCsvPackage({ establishments: `${header}\r\nx;X;${siret};01000;01053\r\n`, flows: 'id;from;to;kind\r\n' });
    expect(r.data!.establishments[0]).toMatchObject({ siret, location: { postcode: '01000', insee: '01053' } });
  });

  it('keeps formula escaping for everything else: the text form is never written for other text', () => {
    const d = baseDocument();
    d.establishments[0]!.name = '="01000"';
    const files = exportCsvPackage(d, { delimiter: ';' });
    expect(files.get('establishments.csv')).toContain(`"'=""01000"""`);
    expect(importCsvPackage(filesOf(files)).data!.establishments[0]!.name).toBe('="01000"');
  });
});

describe('the CSV template of @toile/schema', () => {
  it('reads without error, each establishment at the level its confidentiality column says', async () => {
    const { readCsvPackage } = await import('../src/node.ts');
    const template = fileURLToPath(new URL('../../schema/templates', import.meta.url));
    const r = await readCsvPackage(template);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(levelsOf(r.data!).establishments).toEqual({ acierie: 'public', cimenterie: 'partners' });
    const readme = readFileSync(join(template, 'README.md'), 'utf8');
    expect(readme).toContain('| `confidentiality` |');
    expect(readme).toMatch(/LibreOffice Calc/);
    expect(readme).toMatch(/Type de colonne/);
  });
});

describe('CSV levels, property test: no partners or confidential value reaches a public output (2,000 seeded cases)', () => {
  // Written forms a person may type in a spreadsheet: the format's words, French words, case and
  // space variants, typos and other words (all of which must count as confidential), empty cells.
  const WRITTEN = [
    'public',
    'partners',
    'confidential',
    '',
    'Public',
    ' PUBLIC ',
    'Partners',
    'partenaires',
    'Partenaire',
    'Confidentiel',
    'CONFIDENTIELLE',
    'privé',
    'secret',
    'publik',
    'confidentail',
    'partner s',
    'interne',
    'internal',
    'non',
  ];
  const written = fc.constantFrom(...WRITTEN);

  it('import, CSV round trip and publish for each audience', () => {
    fc.assert(
      fc.property(
        fc.array(written, { minLength: 1, maxLength: 6 }),
        fc.array(written, { maxLength: 6 }),
        fc.array(written, { maxLength: 6 }),
        fc.constantFrom(',', ';'),
        (establishmentLevels, flowLevels, resourceLevels, delimiter) => {
          const d = delimiter;
          const quote = (cell: string) => (cell.includes(d) ? `"${cell}"` : cell);
          const establishments = [
            `id${d}name${d}confidentiality`,
            `hub-a${d}Hub A${d}`,
            `hub-b${d}Hub B${d}`,
            ...establishmentLevels.map((l, i) => `e${i}${d}S-e${i}-x${d}${quote(l)}`),
          ].join('\r\n');
          const flows = [
            `id${d}from${d}to${d}kind${d}label${d}confidentiality`,
            ...flowLevels.map((l, i) => `f${i}${d}hub-a${d}hub-b${d}supply${d}S-f${i}-x${d}${quote(l)}`),
          ].join('\r\n');
          const resources = [
            `id${d}establishment${d}direction${d}kind${d}label${d}confidentiality`,
            ...resourceLevels.map((l, i) => `r${i}${d}hub-a${d}offer${d}energy${d}S-r${i}-x${d}${quote(l)}`),
          ].join('\r\n');
          const imported = importCsvPackage({ establishments, flows, resources });
          expect(imported.problems.filter((p) => p.severity === 'error')).toEqual([]);

          // JSON → CSV → JSON keeps every level exactly (absent stays absent).
          const again = importCsvPackage(filesOf(exportCsvPackage(imported.data!, { delimiter: d })));
          expect(levelsOf(again.data!)).toEqual(levelsOf(imported.data!));

          const expected = (cell: string) => readConfidentiality(cell.trim() === '' ? undefined : cell);
          const records = [
            ...establishmentLevels.map((l, i) => ({ secret: `S-e${i}-x`, level: expected(l) })),
            ...flowLevels.map((l, i) => ({ secret: `S-f${i}-x`, level: expected(l) })),
            ...resourceLevels.map((l, i) => ({ secret: `S-r${i}-x`, level: expected(l) })),
          ];
          for (const audience of ['public', 'partners'] as const) {
            const bytes = JSON.stringify(publishToile(again.data!, { audience }).data);
            for (const { secret: value, level } of records) expect(bytes.includes(value)).toBe(isVisibleTo(level, audience));
          }
        },
      ),
      { numRuns: 2000, seed: 122 },
    );
  }, 120_000);
});
