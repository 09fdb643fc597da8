/**
 * mergeColumns applies mergeToile's rules on columns: on varied generated territories (shared
 * SIRET, names and postcodes, renamed and dangling references, repeated ids and flows, sources,
 * capabilities), its result is mergeToile's document in columnar form, with the same conflicts,
 * matches and counts, for two and three inputs in every order.
 */
import { describe, expect, it } from 'vitest';
import type { ToileDocument } from '@toile/schema';
import { generateTerritory } from '@toile/testkit/node';
import { columnsFromDocument, documentFromColumns, mergeColumns, mergeToile, validateColumns, type MergeConflict, type ToileColumns } from '../src/index.ts';
import { firstView, mergeOrders, otherView, sharedEnds } from './support/merge-views.ts';

/** JSON text with object keys sorted (conflict values are records whose key order is the form's). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** The fields the columnar form holds: record paths of the template, and capabilities. */
const COLUMNAR_FIELD =
  /^(capabilities\[|(id|name|siret|naf|employees|location\.\w+|external|sectors|ess|website|description|status|confidentiality)$|kind$|item\.(label|code|family)$|quantity\.(value|unit)$|valueEur$|dependency\.\w+$|validated$|since$|direction$|availability$)/;

/** Conflicts as a sorted list of texts (the forms find them in another field order inside a record). */
function conflictTexts(conflicts: readonly MergeConflict[], keep: (c: MergeConflict) => boolean = () => true): string[] {
  return conflicts
    .filter(keep)
    .map((c) => canonical(c))
    .sort();
}

/**
 * Both merges on the same data: each document as the columnar form holds it (no `sources` lists,
 * the capabilities of a repeated id with the first establishment of that id).
 */
function expectSameMerge(given: ToileDocument[]): void {
  const inputs = given.map(columnsFromDocument);
  const docs = inputs.map(documentFromColumns);
  const before = inputs.map((i) => JSON.stringify(documentFromColumns(i)));
  const columns = mergeColumns(inputs);
  const objects = mergeToile(docs);
  expect(JSON.stringify(documentFromColumns(columns.data))).toBe(JSON.stringify(documentFromColumns(columnsFromDocument(objects.data))));
  expect(columns.matches).toEqual(objects.matches);
  expect(columns.counts).toEqual(objects.counts);
  // Flows of the document form can differ in their description, which the columns do not hold.
  const inColumns = (c: MergeConflict) => COLUMNAR_FIELD.test(c.field) && !(c.list === 'flows' && c.field === 'description');
  expect(conflictTexts(columns.conflicts)).toEqual(conflictTexts(objects.conflicts, inColumns));
  expect(inputs.map((i) => JSON.stringify(documentFromColumns(i)))).toEqual(before);
}

describe('mergeColumns equals mergeToile in columnar form', () => {
  for (const seed of [1, 2, 3, 5, 8, 13]) {
    it(`seed ${seed}: same records, conflicts, matches and counts`, () => {
      const { a, b, orders } = mergeOrders(seed);
      for (const docs of orders) expectSameMerge(docs);
      const { conflicts, counts } = mergeColumns([a, b].map(columnsFromDocument));
      expect(conflicts.length).toBeGreaterThan(0);
      expect(counts.renamed).toBeGreaterThan(0);
      expect(counts.merged).toBeGreaterThan(0);
      expect(conflicts.some((x) => x.field.startsWith('capabilities['))).toBe(true);
    });
  }

  it('flows sharing both ends but not their kind or item stay apart, then match their own', () => {
    const [doc, other] = sharedEnds();
    expectSameMerge([doc, other]);
    const { conflicts } = mergeColumns([doc, other].map(columnsFromDocument));
    expect(conflicts.filter((c) => c.list === 'flows' && c.field === 'valueEur').length).toBeGreaterThan(100);
  });

  it('keeps the first value, fills what the first lacks, unites lists, and gives a valid territory', () => {
    const a = generateTerritory({ establishments: 120, flowsPerEstablishment: 4, resourcesPerEstablishment: 2, capabilitiesPerEstablishment: true, seed: 6 });
    const b = structuredClone(a);
    b.territory = { id: 'other', name: 'Autre' };
    const i = a.establishments.findIndex((x) => x.employees !== undefined && x.naf !== undefined);
    const first = a.establishments[i]!;
    const e = b.establishments[i]!;
    delete first.naf;
    e.employees = first.employees! + 7;
    e.sectors = ['acier', 'recyclage'];
    const { data, conflicts } = mergeColumns([a, b].map(columnsFromDocument));
    const merged = documentFromColumns(data).establishments[i]!;
    expect(merged.naf).toBe(e.naf);
    expect(merged.employees).toBe(first.employees);
    expect(merged.sectors).toEqual([...new Set([...(first.sectors ?? []), 'acier', 'recyclage'])]);
    expect(conflicts).toContainEqual({
      list: 'establishments',
      id: first.id,
      field: 'employees',
      values: [
        { document: 0, value: first.employees },
        { document: 1, value: e.employees },
      ],
    });
    expect(conflicts.filter((c) => c.field === 'naf')).toEqual([]);
    expect(validateColumns(data).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('reads references and codes given as text, as a reader may hold them', () => {
    const a = firstView(9);
    const b = otherView(a, 109);
    const asText = (input: ToileColumns): ToileColumns => {
      const flows = input.tables.flows;
      const records = documentFromColumns(input).flows;
      const text = (name: 'from' | 'to') => ({ type: 'text' as const, values: records.map((f) => f[name]) });
      return { ...input, tables: { ...input.tables, flows: { rows: flows.rows, columns: { ...flows.columns, from: text('from'), to: text('to') } } } };
    };
    const plain = mergeColumns([a, b].map(columnsFromDocument));
    const texts = mergeColumns([a, b].map((d) => asText(columnsFromDocument(d))));
    expect(JSON.stringify(documentFromColumns(texts.data))).toBe(JSON.stringify(documentFromColumns(plain.data)));
  });

  it('renames ids of 100 characters taken several times (each number fits in the id), in both forms', () => {
    const long = 'x'.repeat(100);
    const base = generateTerritory({ establishments: 3, flowsPerEstablishment: 1, seed: 2 });
    const named = (territory: string, names: string[]): ToileDocument => ({
      ...structuredClone(base),
      territory: { id: territory, name: territory },
      establishments: names.map((name) => ({ id: long, name })),
      flows: [],
      resources: [],
    });
    const docs = [named('a', ['A']), named('b', ['B', 'C', 'D'])];
    expectSameMerge(docs);
    const ids = mergeColumns(docs.map(columnsFromDocument)).data.tables.establishments.columns['id'];
    const values = (ids as { values: readonly string[] }).values;
    expect(new Set(values).size).toBe(4);
    expect(values.every((id) => id.length <= 100)).toBe(true);
  });

  it('matches by id and name against a name an earlier merge gave a nameless establishment', () => {
    const base = generateTerritory({ establishments: 2, flowsPerEstablishment: 1, seed: 3 });
    const only = (establishments: ToileDocument['establishments']): ToileDocument => ({ ...structuredClone(base), establishments, flows: [], resources: [] });
    const docs = [
      only([{ id: 'e1', siret: '73282932000074' } as ToileDocument['establishments'][number]]),
      only([{ id: 'z', name: 'Acme', siret: '73282932000074' }]),
      only([{ id: 'e1', name: 'Acme' }]),
    ];
    const objects = mergeToile(docs);
    const columns = mergeColumns(docs.map(columnsFromDocument));
    expect(objects.counts).toMatchObject({ establishments: 1, merged: 2 });
    expect(columns.counts).toEqual(objects.counts);
    expect(columns.matches).toEqual(objects.matches);
  });

  it('compares capability lists whole when some lack an id, as mergeFields does', () => {
    const a = generateTerritory({ establishments: 40, flowsPerEstablishment: 1, capabilitiesPerEstablishment: true, seed: 5 });
    const b = structuredClone(a);
    const owner = a.establishments.find((e) => (e.capabilities?.length ?? 0) > 0)!;
    b.establishments.find((e) => e.id === owner.id)!.capabilities = [{ id: 'other', process: 'assembly' }];
    const cb = columnsFromDocument(b);
    const { id: _dropped, ...withoutIds } = cb.tables.capabilities.columns;
    const noIds: ToileColumns = { ...cb, tables: { ...cb.tables, capabilities: { rows: cb.tables.capabilities.rows, columns: withoutIds } } };
    const { data, conflicts } = mergeColumns([columnsFromDocument(a), noIds]);
    const merged = documentFromColumns(data).establishments.find((e) => e.id === owner.id)!;
    expect(merged.capabilities).toEqual(documentFromColumns(columnsFromDocument(a)).establishments.find((e) => e.id === owner.id)!.capabilities);
    expect(conflicts.some((c) => c.id === owner.id && c.field === 'capabilities')).toBe(true);
  });

  it('reads a text column given as codes, and refuses a column of another type', () => {
    const a = columnsFromDocument(firstView(11));
    const e = a.tables.establishments;
    const names = {
      type: 'code' as const,
      codes: Uint32Array.from({ length: e.rows }, (_, r) => r + 1),
      dictionary: Array.from({ length: e.rows }, (_, r) => `Nom ${r}`),
    };
    const coded: ToileColumns = { ...a, tables: { ...a.tables, establishments: { rows: e.rows, columns: { ...e.columns, name: names } } } };
    const merged = documentFromColumns(mergeColumns([coded, coded]).data);
    expect(merged.establishments[0]!.name).toBe('Nom 0');
    const wrong: ToileColumns = { ...a, tables: { ...a.tables, establishments: { rows: e.rows, columns: { ...e.columns, employees: names } } } };
    expect(() => mergeColumns([wrong])).toThrow(/establishments\.employees is held as code/);
  });

  it('needs at least one input', () => {
    expect(() => mergeColumns([])).toThrow(TypeError);
  });
});
