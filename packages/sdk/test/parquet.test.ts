import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parquetMetadata, parquetSchema } from 'hyparquet';
import { CONFIDENTIALITY_LEVELS, PARQUET_METADATA_FILE, parquetColumns, type ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit';
import { cliIn } from '@toile/testkit/node';
import { loadToile, publishToile } from '../src/index.ts';
import { readParquetPackage, writeParquetPackage } from '../src/node.ts';
import { exportParquetPackage, importParquetPackage } from '../src/parquet.ts';

const published = (doc: ToileDocument) => publishToile(doc, { audience: 'public', hiddenFlows: 'remove' }).data;
const tmp = () => mkdtempSync(join(tmpdir(), 'toile-parquet-'));

/** Text that breaks naive writers: quotes, separators, line breaks, a formula, non-BMP characters. */
const oddText = fc.oneof(
  fc.constantFrom('=SUM(A1)', 'a|b', 'ligne 1\nligne 2', '"guillemets", ; virgule', 'Ⓐ ßœ 🏭', ' espaces ', "l'usine"),
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
);

/** A generated territory with odd strings, missing values and every confidentiality level. */
function oddTerritory(seed: number, names: string[], levels: number[]): ToileDocument {
  const doc = generateTerritory({ establishments: 60, flowsPerEstablishment: 3, resourcesPerEstablishment: 2, capabilitiesPerEstablishment: true, seed });
  doc.establishments.forEach((e, i) => {
    const text = names[i % names.length]!;
    if (i % 3 === 0) e.name = text;
    if (i % 4 === 1) e.description = text;
    if (i % 5 === 2) e.sectors = [text.trim() || 'x', 'filière'];
    if (i % 7 === 3) delete e.location;
    if (i % 6 === 4) e.location = { ...e.location, address: text, postcode: '01000', insee: '01053', city: 'Bourg' };
    e.confidentiality = CONFIDENTIALITY_LEVELS[levels[i % levels.length]! % 3]!;
  });
  doc.flows.forEach((f, k) => {
    if (k % 4 === 0) f.item = { ...f.item, label: names[k % names.length]! };
    if (k % 9 === 1) f.confidentiality = 'partners';
    if (k % 5 === 3) f.validated = k % 2 === 0;
  });
  return doc;
}

describe('Parquet package: round trip', () => {
  it('JSON → Parquet → JSON gives back the published document (generated territories, odd strings, levels)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(oddText, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 5 }),
        async (seed, names, levels) => {
          const doc = oddTerritory(seed, names, levels);
          for (const audience of ['public', 'partners', 'internal'] as const) {
            const shown = audience === 'internal' ? doc : publishToile(doc, { audience, hiddenFlows: 'remove' }).data;
            const files = exportParquetPackage(shown);
            const decoder = new TextDecoder();
            const back = await importParquetPackage({
              establishments: files.get('establishments.parquet')!,
              flows: files.get('flows.parquet')!,
              resources: files.get('resources.parquet')!,
              capabilities: files.get('capabilities.parquet')!,
              metadata: decoder.decode(files.get(PARQUET_METADATA_FILE)!),
            });
            expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
            expect(back.data).toEqual(shown);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('writes typed, dictionary-encoded columns in the order of the CSV template, and reads them from disk', async () => {
    const doc = published(generateTerritory({ establishments: 500, resourcesPerEstablishment: true, capabilitiesPerEstablishment: true, seed: 7 }));
    const dir = tmp();
    await writeParquetPackage(dir, doc);
    expect(readdirSync(dir).sort()).toEqual(['capabilities.parquet', 'establishments.parquet', 'flows.parquet', 'resources.parquet', PARQUET_METADATA_FILE]);
    const bytes = readFileSync(join(dir, 'flows.parquet'));
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const schema = parquetSchema(metadata).children.map((c) => [c.element.name, c.element.type ?? 'LIST']);
    expect(schema.map(([name]) => name)).toEqual(parquetColumns('flows').map((c) => c.csv.name));
    expect(Object.fromEntries(schema)).toMatchObject({ id: 'BYTE_ARRAY', quantity: 'DOUBLE', upstream: 'DOUBLE', validated: 'BOOLEAN' });
    const encodings = (name: string) => metadata.row_groups[0]!.columns.find((c) => c.meta_data?.path_in_schema[0] === name)!.meta_data!.encodings;
    for (const name of ['from', 'to', 'kind', 'family', 'status', 'confidentiality']) expect(encodings(name)).toContain('RLE_DICTIONARY');
    const meta = JSON.parse(readFileSync(join(dir, PARQUET_METADATA_FILE), 'utf8'));
    expect(meta).toMatchObject({ format: 'toile-parquet', toile: '1.0', territory: doc.territory, meta: doc.meta });
    for (const path of [dir, join(dir, 'flows.parquet'), join(dir, PARQUET_METADATA_FILE)]) {
      const loaded = await loadToile(path);
      expect(loaded.problems).toEqual([]);
      expect(loaded.data).toEqual(doc);
    }
  });

  it('keeps a document without resources without them', async () => {
    const doc = generateTerritory({ establishments: 30, seed: 2 });
    expect(doc.resources).toBeUndefined();
    const dir = tmp();
    await writeParquetPackage(dir, doc);
    const back = await readParquetPackage(dir);
    expect(back.data).toEqual(doc);
  });
});

describe('Parquet package: located problems', () => {
  const write = (dir: string, name: string, columnData: Parameters<typeof parquetWriteBuffer>[0]['columnData']) =>
    writeFileSync(join(dir, name), new Uint8Array(parquetWriteBuffer({ columnData })));

  function brokenPackage(): string {
    const dir = tmp();
    write(dir, 'establishments.parquet', [
      { name: 'id', data: ['a', 'b', 'c'], type: 'STRING' },
      { name: 'name', data: ['A', 'B', 'C'], type: 'STRING' },
      { name: 'employees', data: [1.5, 3, null], type: 'DOUBLE' },
      { name: 'siret', data: ['123', null, null], type: 'STRING' },
      { name: 'confidentiality', data: [null, 'privé', 'partenaires'], type: 'STRING' },
      { name: 'colour', data: ['x', 'y', 'z'], type: 'STRING' },
    ]);
    write(dir, 'flows.parquet', [
      { name: 'id', data: ['f1', 'f2'], type: 'STRING' },
      { name: 'from', data: ['a', 'a'], type: 'STRING' },
      { name: 'to', data: ['b', 'ghost'], type: 'STRING' },
      { name: 'kind', data: ['supply', 'supply'], type: 'STRING' },
      { name: 'quantity', data: ['12', '13'], type: 'STRING' },
    ]);
    writeFileSync(join(dir, 'resources.parquet'), 'not parquet at all');
    return dir;
  }

  it('puts every problem at its file, row and column, in French and English', async () => {
    const result = await readParquetPackage(brokenPackage());
    const at = (code: string) => result.problems.filter((p) => p.code === code).map((p) => p.location);
    expect(at('csv-invalid-integer')).toEqual([{ file: 'establishments.parquet', row: 1, column: 'employees' }]);
    expect(at('unknown-confidentiality')).toEqual([{ file: 'establishments.parquet', row: 2, column: 'confidentiality' }]);
    expect(at('csv-unknown-column')).toEqual([{ file: 'establishments.parquet', column: 'colour' }]);
    expect(at('parquet-column-type')).toEqual([{ file: 'flows.parquet', column: 'quantity' }]);
    expect(at('parquet-unreadable')).toEqual([{ file: 'resources.parquet' }]);
    expect(at('unknown-establishment')).toContainEqual({ file: 'flows.parquet', row: 2, column: 'to' });
    expect(at('siret-format')).toEqual([{ file: 'establishments.parquet', row: 1, column: 'siret' }]);
    const typed = result.problems.find((p) => p.code === 'parquet-column-type')!;
    expect(typed.message.fr).toBe('colonne « quantity » de type BYTE_ARRAY/UTF8, DOUBLE attendu : la colonne est ignorée');
    expect(typed.message.en).toBe('column "quantity" has type BYTE_ARRAY/UTF8, DOUBLE expected: the column is ignored');
    expect(result.data?.establishments.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(result.data?.establishments[1]?.confidentiality).toBe('confidential');
  });

  it('reports a missing table and a missing required column', async () => {
    const dir = tmp();
    write(dir, 'establishments.parquet', [{ name: 'id', data: ['a'], type: 'STRING' }]);
    const result = await readParquetPackage(dir);
    expect(result.problems.map((p) => [p.code, p.location])).toEqual(
      expect.arrayContaining([
        ['csv-missing-column', { file: 'establishments.parquet', column: 'name' }],
        ['csv-missing-file', { file: 'flows.parquet' }],
      ]),
    );
    expect(result.problems.find((p) => p.code === 'csv-missing-file')!.message.en).toBe('file flows.parquet is missing from the package');
  });

  it('the CLI validates a Parquet package and shows file:row [column] in both languages', async () => {
    const dir = brokenPackage();
    const toile = cliIn(dir);
    const fr = await toile('validate', '.', '--lang', 'fr');
    expect(fr.code).toBe(1);
    expect(fr.stdout + fr.stderr).toContain('establishments.parquet:1 [employees]');
    expect(fr.stdout + fr.stderr).toContain('n’est pas un nombre entier');
    const en = await toile('validate', 'flows.parquet', '--lang', 'en');
    expect(en.stdout + en.stderr).toContain('flows.parquet [quantity]');
    expect(en.stdout + en.stderr).toContain('DOUBLE expected');
  });
});

describe('toile export --to parquet', () => {
  it('applies the audience (public by default) and every command reads the result', async () => {
    const dir = tmp();
    const doc = oddTerritory(11, ['Ⓐ', 'x|y'], [0, 1, 2]);
    writeFileSync(join(dir, 'doc.json'), JSON.stringify(doc));
    const toile = cliIn(dir);
    for (const lang of ['fr', 'en'] as const) {
      const run = await toile('export', 'doc.json', '--to', 'parquet', '--out', `pq-${lang}`, '--lang', lang);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(lang === 'fr' ? 'paquet Parquet écrit dans' : 'Parquet package written to');
    }
    expect((await readParquetPackage(join(dir, 'pq-fr'))).data).toEqual(published(doc));
    const partners = await toile('export', 'doc.json', '--to', 'parquet', '--out', 'pq-partners', '--audience', 'partners');
    expect(partners.code).toBe(0);
    expect((await readParquetPackage(join(dir, 'pq-partners'))).data).toEqual(publishToile(doc, { audience: 'partners', hiddenFlows: 'remove' }).data);
    const missingOut = await toile('export', 'doc.json', '--to', 'parquet', '--lang', 'en');
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toContain('a Parquet package is written to a folder');
    for (const command of ['validate', 'stats', 'gaps']) {
      const run = await toile(command, 'pq-en', '--json');
      expect(run.code, `${command}: ${run.stderr}`).toBe(0);
    }
    const fromJson = await toile('gaps', 'doc.json', '--json');
    const fromParquet = await toile('publish', 'pq-fr', '--audience', 'public');
    expect(fromParquet.code).toBe(0);
    expect(JSON.parse((await toile('gaps', 'pq-fr', '--json')).stdout)).toEqual(JSON.parse((await toile('gaps', 'pq-fr/toile-parquet.json', '--json')).stdout));
    expect(fromJson.code).toBe(0);
  });
});
