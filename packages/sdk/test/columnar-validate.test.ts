/**
 * validateColumns against validateToile: on documents broken in the ways the template columns can
 * be broken, the same problems (code, pointer, severity, action), the same counts and the same valid
 * part — whatever the window, so that problems spanning windows are found too.
 */
import { breakable, brokenTerritory as broken } from './support/broken.ts';
import { describe, expect, it } from 'vitest';
import { analyseStructure, columnsFromDocument, findGaps, recordAt, validateToile } from '../src/index.ts';
import { validateColumns } from '../src/columnar/validate.ts';
import { cleanEstablishments } from '../src/columnar/clean-rows.ts';
import { setAtPath } from '../src/util/record-path.ts';
import { CSV_TABLES } from '@toile/schema';

const key = (p: { code: string; pointer: string; severity: string; action?: string }) => `${p.severity} ${p.code} ${p.pointer} ${p.action ?? ''}`;

describe('validateColumns', () => {
  for (const window of [5, 16, 8192]) {
    it(`finds what validateToile finds, window ${window}`, () => {
      for (const seed of [1, 2, 3, 4]) {
        const doc = broken(seed);
        const expected = validateToile(doc, { maxProblems: 10_000 });
        const got = validateColumns(columnsFromDocument(doc), { window, maxProblems: 10_000, fileOf: (t) => `${t}.parquet` });
        expect(got.errors).toBe(expected.errors);
        expect(got.warnings).toBe(expected.warnings);
        const removedRows = (list: { pointer: string; action?: string }[]) =>
          list
            .filter((p) => p.action === 'record-removed' && !p.pointer.includes('/capabilities/'))
            .map((p) => p.pointer.split('/').slice(1, 3).join('/'))
            .sort();
        expect(removedRows(got.problems)).toEqual(removedRows(expected.problems));
        // One window sees what the document sees; across windows, a record both repeated and broken
        // otherwise may be reported for its other fault (the same record is set aside either way).
        if (window >= 8192) expect(got.problems.map(key).sort()).toEqual(expected.problems.map(key).sort());
        expect(got.removed).toEqual(expected.removed);
        // The valid part: the same records, and every analysis agrees with the validated document.
        const data = columnsFromDocument(expected.data!);
        for (const table of ['establishments', 'flows', 'resources', 'capabilities'] as const) {
          expect(got.data.tables[table].rows, table).toBe(data.tables[table].rows);
          for (let r = 0; r < data.tables[table].rows; r++) expect(recordAt(table, got.data.tables[table], r)).toEqual(recordAt(table, data.tables[table], r));
        }
        expect(analyseStructure(got.data, { betweenness: false })).toEqual(analyseStructure(expected.data!, { betweenness: false }));
        expect(findGaps(got.data)).toEqual(findGaps(expected.data!));
      }
    });
  }

  it('locates each problem by file, row and column, in both languages', () => {
    const got = validateColumns(columnsFromDocument(broken(1)), { fileOf: (t) => `${t}.parquet` });
    const naf = got.problems.find((p) => p.code === 'unknown-naf')!;
    const row = Number(naf.pointer.split('/')[2]);
    expect(naf.location).toEqual({ file: 'establishments.parquet', row: row + 1, column: 'naf' });
    expect(naf.message.fr).toMatch(/NAF/);
    expect(naf.message.en).toMatch(/NAF/);
  });

  it('reads references the same when the establishments’ ids are codes, not text', () => {
    const columns = columnsFromDocument(broken(3));
    const ids = columns.tables.establishments.columns['id'];
    if (ids?.type !== 'text') throw new Error('ids are text in columnsFromDocument');
    const dictionary = [...new Set(ids.values as string[])];
    const codes = Uint32Array.from(ids.values, (id) => dictionary.indexOf(id!) + 1);
    const coded = {
      ...columns,
      tables: {
        ...columns.tables,
        establishments: {
          ...columns.tables.establishments,
          columns: { ...columns.tables.establishments.columns, id: { type: 'code' as const, codes, dictionary } },
        },
      },
    };
    const asText = validateColumns(columns, { maxProblems: 10_000 });
    for (const everyRow of [false, true]) {
      const asCodes = validateColumns(coded, { maxProblems: 10_000, everyRow });
      expect(asCodes.problems.map(key).sort()).toEqual(asText.problems.map(key).sort());
      expect(asCodes.removed).toEqual(asText.removed);
    }
  });

  it('leaves the columns it was given untouched', () => {
    const columns = columnsFromDocument(broken(2));
    const before = structuredClone(columns.tables);
    validateColumns(columns, { window: 7 });
    expect(columns.tables).toEqual(before);
  });

  it('checks on the columns only the rows something could be wrong with, and finds the same', () => {
    // A clean generated territory: no row is doubted, so the shortcut is really taken.
    const { doc } = breakable(5);
    const clean = columnsFromDocument({ ...doc, establishments: doc.establishments.map(({ capabilities: _c, ...e }) => e) });
    expect([...cleanEstablishments(clean.tables.establishments, () => false)].every((v) => v === 1)).toBe(true);
    // Every column of the two big tables given odd values of its storage type, many rows at a time.
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const { doc: odd, establishments, flows, pick } = breakable(seed);
      // A source the schema takes out (no label) is no source for the flows that name it.
      odd.meta.sources = [{ id: 'survey', label: 'Survey', method: 'interview' } as never, { id: 'unlabelled' } as never];
      for (let k = 0; k < 60; k++) {
        for (const [table, records] of [
          ['establishments', establishments],
          ['flows', flows],
        ] as const) {
          const column = pick([...CSV_TABLES[table]]);
          const record = pick(records);
          const pool =
            column.type === 'number' || column.type === 'integer'
              ? ODD_NUMBERS
              : column.type === 'boolean'
                ? [true, false]
                : column.type === 'list'
                  ? ODD_LISTS
                  : ODD_STRINGS;
          setAtPath(record, column.path, pick(pool as unknown[]));
        }
      }
      for (const f of flows.slice(-5)) f.source = 'unlabelled';
      // Repeats the columns cannot judge one row at a time: SIRETs (valid ones warn), ids (set aside).
      for (let k = 0; k < 3; k++) {
        pick(establishments).siret = pick(establishments).siret;
        pick(flows).id = pick(flows).id;
      }
      const expected = validateToile(odd, { maxProblems: 100_000 });
      const got = validateColumns(columnsFromDocument(odd), { maxProblems: 100_000 });
      const reference = validateColumns(columnsFromDocument(odd), { maxProblems: 100_000, everyRow: true });
      expect(got.problems.length, `seed ${seed}`).toBeGreaterThan(30);
      expect(got.problems.some((p) => p.code === 'duplicate-siret')).toBe(true);
      expect(got.problems.some((p) => p.code === 'unknown-source' && p.params?.['id'] === 'unlabelled')).toBe(true);
      expect(got.problems.map(key).sort()).toEqual(expected.problems.map(key).sort());
      expect(got.problems).toEqual(reference.problems);
      expect(got.removed).toEqual(expected.removed);
      for (const table of ['establishments', 'flows'] as const) expect(got.data.tables[table]).toEqual(reference.data.tables[table]);
    }
  });
});

/** Values each string column may be given: empty, too long, odd code points, near misses of every vocabulary and code. */
const ODD_STRINGS = [
  '',
  ' ',
  'a'.repeat(301),
  '😀'.repeat(150),
  '😀'.repeat(101),
  'é'.repeat(100),
  'x y',
  'javascript:alert(1)',
  'https://exemple.fr',
  'ftp://exemple.fr',
  '12345',
  '1234',
  '76600',
  '2A004',
  '24.10Z',
  '99.99Z',
  '73201234500011',
  '73201234500012',
  'public',
  'Public',
  'partenaires',
  'partners',
  'confidential',
  'secret',
  'active',
  'closed',
  'planned',
  'potential',
  'ended',
  'supply',
  'energy',
  'gift',
  't/yr',
  'MWh/yr',
  'm3/yr',
  'furlongs',
  'ewc:100202',
  'ewc:999999',
  'ewc:170405',
  'naf:24.10Z',
  'cpa:24.10.1',
  'xx:',
  'ferrous-metals',
  'glass',
  'metal',
  '2024',
  '2024-05-31',
  '2024-13',
  'survey',
  'unlabelled',
  'unknown-source',
  'nobody',
  'e-1',
];
const ODD_NUMBERS = [-1, 0, 0.25, 1, 1.5, 2.5, 12, 91, -91, 181, 1e7];
const ODD_LISTS = [[], ['a'], ['a', 'a'], [''], ['x'.repeat(101)]];
