import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CSV_TABLES, type CSV_TABLE_NAMES, type ToileDocument } from '@toile/schema';
import { exportCsvPackage, importCsvPackage, parseCsvNumber, decodeCsvBytes } from '../src/csv.ts';
import { readCsvPackage } from '../src/node.ts';
import { baseDocument, capabilityDocument, documentWith } from './fixtures.ts';
import { BROKEN_CAPABILITIES, filesOf } from './support/csv.ts';

/** The part of a document the CSV columns cover (what a round trip must keep exactly). */
function csvProjection(doc: ToileDocument) {
  const pick = (record: unknown, table: (typeof CSV_TABLE_NAMES)[number]) => {
    const out: Record<string, unknown> = {};
    for (const c of CSV_TABLES[table]) {
      let v: unknown = record;
      for (const k of c.path) v = v === undefined ? undefined : (v as Record<string, unknown>)[k];
      if (v !== undefined) out[c.name] = v;
    }
    return out;
  };
  return {
    establishments: doc.establishments.map((e) => pick(e, 'establishments')),
    flows: doc.flows.map((f) => pick(f, 'flows')),
    resources: (doc.resources ?? []).map((r) => pick(r, 'resources')),
  };
}

const rich = documentWith((d) => {
  d.establishments[0]!.sectors = ['métallurgie', 'sidérurgie'];
  d.establishments[0]!.description = 'Ligne 1\nLigne 2, avec "guillemets" ; et point-virgule';
  d.establishments[0]!.website = 'https://acier.example/?a=1&b=2';
  d.establishments[1]!.name = '=HYPERLINK("http://evil.example","clic")';
  d.establishments[2]!.ess = true;
  d.flows[0]!.valueEur = 1234567.89;
  d.flows[0]!.validated = true;
  d.flows[0]!.since = '2019-05';
  d.flows[1]!.dependency = { upstream: 0.125, downstream: 1e-7 };
});

describe('CSV package: round trip', () => {
  for (const delimiter of [',', ';'] as const) {
    it(`JSON → CSV (${delimiter}) → JSON keeps every value the columns cover`, () => {
      const files = exportCsvPackage(rich, { delimiter });
      const back = importCsvPackage(filesOf(files));
      expect(back.problems).toEqual([]);
      expect(csvProjection(back.data!)).toEqual(csvProjection(rich));
      expect(back.data!.territory).toEqual(rich.territory);
      expect(back.data!.meta).toEqual(rich.meta);
      expect(back.files.flows?.delimiter).toBe(delimiter);
    });
  }

  it('writes Excel-fr files with BOM, semicolons and decimal commas', () => {
    const flows = exportCsvPackage(rich, { delimiter: ';' }).get('flows.csv')!;
    expect(flows.charCodeAt(0)).toBe(0xfeff);
    expect(flows).toContain('1234567,89');
    expect(flows.slice(1).split('\r\n')[0]).toBe(CSV_TABLES.flows.map((c) => c.name).join(';'));
  });

  it('escapes formula-like text so a spreadsheet never runs it, and import restores it', () => {
    const text = exportCsvPackage(rich).get('establishments.csv')!;
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""clic"")"`);
    const back = importCsvPackage(filesOf(exportCsvPackage(rich)));
    expect(back.data!.establishments[1]!.name).toBe('=HYPERLINK("http://evil.example","clic")');
  });

  it('writes a Frictionless datapackage.json with foreign keys and the toile header', () => {
    const descriptor = JSON.parse(exportCsvPackage(rich).get('datapackage.json')!);
    expect(descriptor.profile).toBe('tabular-data-package');
    const flows = descriptor.resources.find((r: { name: string }) => r.name === 'flows');
    expect(flows.schema.foreignKeys).toEqual([
      { fields: 'from', reference: { resource: 'establishments', fields: 'id' } },
      { fields: 'to', reference: { resource: 'establishments', fields: 'id' } },
    ]);
    expect(descriptor.toile.territory.id).toBe('test');
  });
});

describe('CSV package: capabilities', () => {
  const doc = documentWith((d) => {
    d.establishments = capabilityDocument().establishments;
    // Text a spreadsheet would run, a delimiter and a quote inside cells, a decimal share.
    d.establishments[2]!.capabilities = [
      {
        id: 'port-logistique',
        label: '=SUM(A1); "quai", 3 postes',
        process: 'logistics',
        products: ['naf:52.24A'],
        capacity: { value: 1234.5, unit: 'TEU/yr' },
        spare: { share: 0.125, to: '2027-06-30' },
        certifications: ['ISO 14001', 'ISO 45001'],
      },
    ];
  });

  for (const delimiter of [',', ';'] as const) {
    it(`JSON → CSV (${delimiter}) → JSON keeps every capability exactly, under its establishment`, () => {
      const files = exportCsvPackage(doc, { delimiter });
      expect(
        files
          .get('capabilities.csv')!
          .replace(/^\uFEFF/, '')
          .split('\r\n')[0],
      ).toBe(
        [
          'establishment',
          'id',
          'label',
          'process',
          'products',
          'capacity_value',
          'capacity_unit',
          'spare_share',
          'spare_from',
          'spare_to',
          'certifications',
          'confidentiality',
        ].join(delimiter),
      );
      const back = importCsvPackage(filesOf(files));
      expect(back.problems).toEqual([]);
      expect(back.data!.establishments.map((e) => e.capabilities)).toEqual(doc.establishments.map((e) => e.capabilities));
      expect(back.files.capabilities).toMatchObject({ delimiter, rows: 4 });
    });
  }

  it('a document without capabilities has no capabilities.csv, and its datapackage.json does not list one', () => {
    const files = exportCsvPackage(baseDocument());
    expect([...files.keys()]).toEqual(['establishments.csv', 'flows.csv', 'resources.csv', 'datapackage.json']);
    expect(JSON.parse(files.get('datapackage.json')!).resources.map((r: { name: string }) => r.name)).toEqual(['establishments', 'flows', 'resources']);
    const withCaps = JSON.parse(exportCsvPackage(doc).get('datapackage.json')!);
    const table = withCaps.resources.find((r: { name: string }) => r.name === 'capabilities');
    expect(table.schema.foreignKeys).toEqual([{ fields: 'establishment', reference: { resource: 'establishments', fields: 'id' } }]);
    expect(importCsvPackage(filesOf(files)).problems).toEqual([]);
  });

  it('a package folder written and read back in Node (streamed), and the template of @toile/schema, carry capabilities', async () => {
    const { writeCsvPackage } = await import('../src/node.ts');
    const dir = mkdtempSync(join(tmpdir(), 'toile-csv-capabilities-'));
    const written = await writeCsvPackage(dir, doc, { delimiter: ';' });
    expect(written.map((f) => f.slice(dir.length + 1))).toEqual(['establishments.csv', 'flows.csv', 'resources.csv', 'capabilities.csv', 'datapackage.json']);
    const back = await readCsvPackage(dir);
    expect(back.problems).toEqual([]);
    expect(back.data!.establishments.map((e) => e.capabilities)).toEqual(doc.establishments.map((e) => e.capabilities));
    const template = await readCsvPackage(fileURLToPath(new URL('../../schema/templates', import.meta.url)));
    expect(template.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(template.data!.establishments[0]!.capabilities!.map((c) => [c.id, c.process, c.confidentiality])).toEqual([
      ['c1', 'din8580:3.2', 'partners'],
      ['c2', 'testing:laboratory', 'public'],
    ]);
  });

  it('bad cells are located at their file, row and column, in French and English; good rows and values are kept', () => {
    const r = importCsvPackage(BROKEN_CAPABILITIES);
    const at = (code: string) => r.problems.filter((p) => p.code === code).map((p) => [p.location, p.pointer]);
    const file = 'capabilities.csv';
    expect(at('csv-invalid-number')).toEqual([[{ file, row: 2, column: 'capacity_value' }, '/establishments/0/capabilities/0/capacity/value']]);
    expect(at('confidentiality-alias')).toEqual([]);
    expect(at('unknown-confidentiality')).toEqual([[{ file, row: 5, column: 'confidentiality' }, '/establishments/1/capabilities/1/confidentiality']]);
    expect(at('unknown-establishment')).toEqual([[{ file, row: 3, column: 'establishment' }, '']]);
    expect(at('invalid-product-code')).toEqual([[{ file, row: 2, column: 'products' }, '/establishments/0/capabilities/0/products/1']]);
    expect(at('spare-period-reversed')).toEqual([[{ file, row: 2, column: 'spare_to' }, '/establishments/0/capabilities/0/spare/to']]);
    expect(at('unknown-process')).toEqual([[{ file, row: 4, column: 'process' }, '/establishments/1/capabilities/0/process']]);
    expect(at('unknown-capacity-unit')).toEqual([[{ file, row: 5, column: 'capacity_unit' }, '/establishments/1/capabilities/1/capacity/unit']]);
    expect(at('spare-share-range')).toEqual([[{ file, row: 5, column: 'spare_share' }, '/establishments/1/capabilities/1/spare/share']]);
    expect(at('duplicate-id')).toEqual([[{ file, row: 6, column: 'id' }, '/establishments/2/capabilities/0/id']]);
    const ghost = r.problems.find((p) => p.code === 'unknown-establishment')!;
    expect(ghost.message.fr).toContain('« ghost »');
    expect(ghost.message.en).toContain('"ghost"');
    // What is good stays: c1 without its bad value, its bad product code or its reversed period; c4 without its unit, share or date.
    expect(r.data!.establishments.map((e) => e.capabilities?.map((c) => c.id))).toEqual([['c1'], ['c4'], []]);
    expect(r.data!.establishments[0]!.capabilities![0]).toEqual({
      id: 'c1',
      label: 'Tournage',
      process: 'din8580:3.2',
      products: ['cpa:25.62', 'hs:7308'],
      spare: { share: 0.2 },
      certifications: ['ISO 9001'],
      confidentiality: 'partners',
    });
    // A capacity without its value is no capacity: said at the row, in the capacity's first column.
    expect(at('schema-required')).toEqual([[{ file, row: 2, column: 'capacity_value' }, '/establishments/0/capabilities/0/capacity']]);
    expect(r.data!.establishments[1]!.capabilities![0]).toEqual({ id: 'c4', label: 'Peinture', process: 'din8580:5.1', confidentiality: 'confidential' });
  });
});

describe('CSV package: what French offices really export', () => {
  const header = CSV_TABLES.establishments.map((c) => c.name).join(';');
  const flowsHeader = 'id;from;to;kind;label;quantity;unit;value_eur';

  it('reads Windows-1252 with semicolons, CRLF, decimal commas with spaces, quoted line breaks and empty cells', () => {
    const establishments =
      `${header}\r\n` +
      'a;Aciérie Légère;;24.10Z;1 234;49,5;0,25;"12 rue des Forges\r\nBâtiment B";76600;Le Havre;76351;non;métallurgie|énergie;oui;;;active\r\n' +
      'b;Cimenterie;;;;;;;;;;;;;;;\r\n';
    const flows = `${flowsHeader}\r\nf1;a;b;byproduct;Laitier;1 234 567,5;t/yr;\u00a0987\u00a0654,32\r\n`;
    // Windows-1252: é = 0xE9, â = 0xE2, è = 0xE8.
    const cp1252 = (s: string) => Uint8Array.from([...s].map((ch) => (ch === '\u00a0' ? 0xa0 : ch.charCodeAt(0))));
    const r = importCsvPackage({ establishments: cp1252(establishments), flows: cp1252(flows) });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.files.establishments).toMatchObject({ encoding: 'windows-1252', delimiter: ';', rows: 2 });
    const a = r.data!.establishments[0]!;
    expect(a).toMatchObject({ name: 'Aciérie Légère', employees: 1234, external: false, ess: true, sectors: ['métallurgie', 'énergie'] });
    expect(a.location).toMatchObject({ lat: 49.5, lon: 0.25, address: '12 rue des Forges\r\nBâtiment B', postcode: '76600' });
    expect(r.data!.establishments[1]).toEqual({ id: 'b', name: 'Cimenterie' });
    expect(r.data!.flows[0]).toMatchObject({ quantity: { value: 1234567.5, unit: 't/yr' }, valueEur: 987654.32 });
  });

  it('reads UTF-8 with a byte-order mark and commas', () => {
    const text = '\uFEFFid,name,employees\n"e.1","Société ""Alpha""",12\n';
    const bytes = new TextEncoder().encode(text);
    expect(decodeCsvBytes(bytes).encoding).toBe('utf-8');
    const r = importCsvPackage({ establishments: bytes, flows: 'id,from,to,kind\n' });
    expect(r.data!.establishments).toEqual([{ id: 'e.1', name: 'Société "Alpha"', employees: 12 }]);
  });

  it('parses numbers the French way only when the delimiter says so', () => {
    expect(parseCsvNumber('1 234,5', true)).toBe(1234.5);
    expect(parseCsvNumber('1.234,5', true)).toBe(1234.5);
    expect(parseCsvNumber('1234.5', true)).toBe(1234.5);
    expect(parseCsvNumber('1,5', false)).toBeUndefined();
    expect(parseCsvNumber('NaN', false)).toBeUndefined();
    expect(parseCsvNumber('Infinity', false)).toBeUndefined();
    expect(parseCsvNumber('-3e2', false)).toBe(-300);
  });
});

describe('CSV package: bad input names file, row and column and keeps good rows', () => {
  const est = 'id,name,employees,website\na,Alpha,10,https://a.example\nb,Beta,beaucoup,javascript:alert(1)\nc,Gamma,,\n';

  it('a cell that is not a number: error at its row and column, the row kept without it', () => {
    const r = importCsvPackage({ establishments: est, flows: 'id,from,to,kind\n' });
    const p = r.problems.find((x) => x.code === 'csv-invalid-integer')!;
    expect(p).toMatchObject({
      severity: 'error',
      location: { file: 'establishments.csv', row: 3, column: 'employees' },
      pointer: '/establishments/1/employees',
    });
    expect(p.message.fr).toContain('beaucoup');
    expect(r.data!.establishments.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    const url = r.problems.find((x) => x.code === 'unsafe-url')!;
    expect(url.location).toEqual({ file: 'establishments.csv', row: 3, column: 'website' });
  });

  it('validation problems are located too: unknown kind, unknown establishment, duplicate id', () => {
    const flows = 'id,from,to,kind,quantity,unit\nf1,a,b,supply,-5,t/yr\nf2,a,ghost,supply,,\nf1,b,c,teleport,,\nf3,c,a,service,3,h/yr\n';
    const r = importCsvPackage({ establishments: est, flows });
    const byCode = (code: string) => r.problems.filter((p) => p.code === code).map((p) => p.location);
    expect(byCode('schema-minimum')).toEqual([{ file: 'flows.csv', row: 2, column: 'quantity' }]);
    expect(byCode('unknown-establishment')).toEqual([{ file: 'flows.csv', row: 3, column: 'to' }]);
    expect(byCode('schema-enum')).toEqual([{ file: 'flows.csv', row: 4, column: 'kind' }]);
    expect(r.data!.flows.map((f) => f.id)).toEqual(['f1', 'f3']);
    expect(r.valid).toBe(false);
  });

  it('a missing required column: error naming it, the table skipped, the rest kept', () => {
    const r = importCsvPackage({ establishments: est, flows: 'id,from,kind\nf1,a,supply\n' });
    const p = r.problems.find((x) => x.code === 'csv-missing-column')!;
    expect(p).toMatchObject({ severity: 'error', location: { file: 'flows.csv', row: 1, column: 'to' } });
    expect(p.message.en).toContain('"to"');
    expect(r.data!.establishments).toHaveLength(3);
    expect(r.data!.flows).toEqual([]);
  });

  it('unknown columns are warnings; ragged rows and broken quotes are reported', () => {
    const r = importCsvPackage({ establishments: 'id,name,colour\na,Alpha,red\nb,Beta\n', flows: 'id,from,to,kind\nf1,a,b,"supply\n' });
    expect(r.problems.find((p) => p.code === 'csv-unknown-column')).toMatchObject({ severity: 'warning', location: { column: 'colour' } });
    expect(r.problems.find((p) => p.code === 'csv-ragged-row')).toMatchObject({ location: { file: 'establishments.csv', row: 3 } });
    expect(r.problems.find((p) => p.code === 'csv-syntax')).toMatchObject({ severity: 'error', location: { file: 'flows.csv' } });
    expect(r.data!.establishments).toHaveLength(2);
  });

  it('a missing file is an error; HTML in cells is kept as text', () => {
    const r = importCsvPackage({ establishments: 'id,name\na,<script>alert(1)</script>\n' });
    expect(r.problems.find((p) => p.code === 'csv-missing-file')?.location).toEqual({ file: 'flows.csv' });
    expect(r.data!.establishments[0]!.name).toBe('<script>alert(1)</script>');
  });
});

describe('readCsvPackage (Node)', () => {
  it('reads a folder, its datapackage.json and refuses resource paths that leave the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toile-csv-'));
    for (const [name, content] of exportCsvPackage(baseDocument())) writeFileSync(join(dir, name), content);
    const fromDir = await readCsvPackage(dir);
    expect(fromDir.valid).toBe(true);
    expect(csvProjection(fromDir.data!)).toEqual(csvProjection(baseDocument()));
    const descriptor = JSON.parse(exportCsvPackage(baseDocument()).get('datapackage.json')!);
    descriptor.resources[0].path = '../../etc/passwd';
    writeFileSync(join(dir, 'datapackage.json'), JSON.stringify(descriptor));
    const fromDescriptor = await readCsvPackage(join(dir, 'datapackage.json'));
    expect(fromDescriptor.data!.establishments).toHaveLength(4);
  });
});
