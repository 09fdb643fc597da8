/**
 * Merging territories in columnar form: `mergeToile`'s rules on columns, for regional and national
 * merges. Establishments are matched by SIRET, then by normalised name + postcode, then by id and
 * name; flows by their ends, kind and item; resources by their establishment, direction, kind and
 * item. The first input's value is kept and every other one reported as a conflict; ids taken are
 * renamed with the input's territory. No record is made (but the capabilities of merged
 * establishments, compared whole): each result row is gathered from the input row it comes from,
 * and cells are merged one column at a time.
 *
 * The result equals `columnsFromDocument(mergeToile(documents).data)` (tested): the columnar form
 * holds the columns of the CSV template only, so what lies outside them is not merged, as in a CSV
 * or Parquet package — the `sources` lists of records (a flow keeps its main `source`, the first
 * input's), `ext`, descriptions of flows and resources, and the other fields the template has no
 * column for.
 */
import { CSV_TABLES, FORMAT_VERSION, type CsvTableName } from '@toile/schema';
import { EndNumbers, DocumentEnds, IdentityIndex, normaliseName } from '../merge/identity.ts';
import type { MergeConflict, MergeMatch, MergeOptions, MergeResult } from '../merge/merge.ts';
import { ConflictLog, IdClaims, RowReporter, SourceList, mergedMeta } from '../merge/shared.ts';
import { CodeColumnBuilder, cellString, columnTypeOf, type Column, type TableColumns, type ToileColumns } from './columns.ts';
import { capabilityAt, capabilityRowsByOwner } from './capability-owners.ts';
import { MergedTable, type MergeInput } from './merge-table.ts';
import { StringSet } from '../util/string-table.ts';

/** The outcome of {@link mergeColumns}: `mergeToile`'s, with the result in columnar form. */
export interface MergeColumnsResult {
  data: ToileColumns;
  conflicts: MergeConflict[];
  matches: MergeMatch[];
  counts: MergeResult['counts'];
}

const KEEP_ID: ReadonlySet<string> = new Set(['id']);
// References are equal by construction (they are part of the identity); `source` is the main source: the first input's stays.
const KEEP_FLOW: ReadonlySet<string> = new Set(['id', 'from', 'to', 'source']);
const KEEP_RESOURCE: ReadonlySet<string> = new Set(['id', 'establishment', 'source']);

/** Rows of the result, each with the input and the row it comes from, and its id. */
class Origins {
  input: Uint32Array;
  row: Uint32Array;
  readonly ids: string[] = [];

  constructor(capacity: number) {
    this.input = new Uint32Array(Math.max(16, capacity));
    this.row = new Uint32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.ids.length;
  }

  add(input: number, row: number, id: string): number {
    const at = this.ids.length;
    if (at === this.row.length) {
      this.input = grown(this.input, new Uint32Array(at * 2));
      this.row = grown(this.row, new Uint32Array(at * 2));
    }
    this.input[at] = input;
    this.row[at] = row;
    this.ids.push(id);
    return at;
  }
}

function grown(from: Uint32Array, to: Uint32Array): Uint32Array {
  to.set(from);
  return to;
}

/** Rows of an input merged into a row of the result, as pairs (input row, result row), per input. */
type Merges = number[][];

/**
 * Merges territories in columnar form (at least one). Pure: the inputs are not modified; the result
 * shares their strings and lists, never their arrays.
 *
 * @example
 * ```ts
 * const { data, conflicts } = mergeColumns([await readParquetColumns('a'), await readParquetColumns('b')]);
 * ```
 */
export function mergeColumns(inputs: readonly ToileColumns[], options: MergeOptions = {}): MergeColumnsResult {
  if (inputs.length === 0) throw new TypeError('mergeColumns needs at least one input');
  const m = new ColumnMerger(inputs.map(asTemplate));
  m.inputs.forEach((_, d) => m.add(d));
  return m.finish(options);
}

/** The merge as it goes, input after input; {@link finish} builds the result. */
class ColumnMerger {
  readonly log = new ConflictLog();
  readonly ids = new IdClaims();
  readonly sources = new SourceList();
  readonly matches: MergeMatch[] = [];
  merged = 0;
  readonly ends = new EndNumbers();
  readonly documentEnds: DocumentEnds[] = [];
  readonly renames: ((id: string) => string)[] = [];
  readonly establishments: Origins;
  readonly flows: Origins;
  readonly resources: Origins;
  /** Per input, the result's id of each entry of a reference column's dictionary (by table and column name). */
  readonly resolved: Partial<Record<CsvTableName, Record<string, readonly string[]>>>[] = [];
  readonly merges: Record<Exclude<CsvTableName, 'capabilities'>, Merges> = { establishments: [], flows: [], resources: [] };
  /** Capability rows of each result establishment: input, row (pairs). */
  readonly capabilities: number[][] = [];
  readonly names: (string | undefined)[] = [];
  /** Each input's capability rows by the establishment row that owns them. */
  readonly owners: Map<number, number[]>[] = [];
  readonly byId = new Map<string, number>();
  readonly bySiret = new Map<string, number>();
  readonly byNamePostcode = new Map<string, number>();
  readonly normalisedNames = new Map<string, string>();
  readonly flowIds: StringSet;
  readonly resourceIds: StringSet;
  readonly offsets: number[] = [];
  readonly flowIdentity: IdentityIndex<number>;
  readonly resourceIdentity: IdentityIndex<number>;

  constructor(readonly inputs: readonly ToileColumns[]) {
    let offset = 0;
    for (const input of inputs) {
      this.offsets.push(offset);
      offset += Math.max(input.tables.flows.rows, input.tables.resources.rows);
    }
    const total = (table: CsvTableName) => inputs.reduce((n, i) => n + i.tables[table].rows, 0);
    this.establishments = new Origins(total('establishments'));
    this.flows = new Origins(total('flows'));
    this.resources = new Origins(total('resources'));
    this.flowIds = new StringSet(total('flows'));
    this.resourceIds = new StringSet(total('resources'));
    this.flowIdentity = new IdentityIndex<number>((key) => this.rest('flows', key), total('flows'));
    this.resourceIdentity = new IdentityIndex<number>((key) => this.rest('resources', key), total('resources'));
  }

  /** The identity of a flow or resource beyond its ends: kind and item (and a resource's direction). */
  rest(table: 'flows' | 'resources', key: number): string {
    let d = this.offsets.length - 1;
    while (this.offsets[d]! > key) d--;
    const { columns } = this.inputs[d]!.tables[table];
    const row = key - this.offsets[d]!;
    const at = (name: string) => cellString(columns[name], row);
    const kind = `${at('kind')}\u0000${itemKeyAt(at)}`;
    return table === 'flows' ? kind : `${at('direction')}\u0000${kind}`;
  }

  add(d: number): void {
    const input = this.inputs[d]!;
    const territory = input.territory?.id ?? `doc${d}`;
    this.renames.push(this.sources.add(input.meta, territory, this.ids));
    const ends = new DocumentEnds(this.ends);
    this.documentEnds.push(ends);
    this.resolved.push({});
    this.addEstablishments(d, territory, ends);
    this.addLinked(d, 'flows', territory, ends);
    this.addLinked(d, 'resources', territory, ends);
  }

  normalised(name: string): string {
    let folded = this.normalisedNames.get(name);
    if (folded === undefined) this.normalisedNames.set(name, (folded = normaliseName(name)));
    return folded;
  }

  /** The result establishment an input row describes, as `Merger.sameEstablishment` finds it. */
  same(id: string, name: string | undefined, siret: string | undefined, nameKey: string | undefined): { at: number | undefined; by: MergeMatch['by'] } {
    const siretMatch = siret ? this.bySiret.get(siret) : undefined;
    if (siretMatch !== undefined) return { at: siretMatch, by: 'siret' };
    const nameMatch = nameKey ? this.byNamePostcode.get(nameKey) : undefined;
    if (nameMatch !== undefined) return { at: nameMatch, by: 'name-postcode' };
    const sameId = this.byId.get(id);
    if (sameId === undefined) return { at: undefined, by: 'id' };
    const there = this.names[sameId];
    const sameName = there === name || (there !== undefined && name !== undefined && this.normalised(there) === this.normalised(name));
    return { at: sameName ? sameId : undefined, by: 'id' };
  }

  addEstablishments(d: number, territory: string, ends: DocumentEnds): void {
    const { rows, columns } = this.inputs[d]!.tables.establishments;
    const owners = capabilityRowsByOwner(this.inputs[d]!);
    this.owners.push(owners);
    const merges: number[] = (this.merges.establishments[d] = []);
    for (let r = 0; r < rows; r++) {
      const id = cellString(columns['id'], r) ?? '';
      const name = cellString(columns['name'], r);
      const siret = cellString(columns['siret'], r);
      const postcode = cellString(columns['postcode'], r);
      const nameKey = postcode && name !== undefined ? `${this.normalised(name)}\u0000${postcode}` : undefined;
      const at = d > 0 ? this.same(id, name, siret, nameKey) : undefined;
      if (at?.at !== undefined) {
        const target = this.establishments.ids[at.at]!;
        this.merged++;
        ends.rename(id, target);
        this.matches.push({ document: d, list: 'establishments', from: id, to: target, by: at.by });
        merges.push(r, at.at);
        // The merge (made later, column by column) gives a nameless establishment this name: later
        // inputs matching by id and name compare with it, as `mergeToile` does.
        this.names[at.at] ??= name;
        continue;
      }
      const fresh = this.ids.fresh(id, this.byId, territory);
      if (fresh !== id) {
        this.matches.push({ document: d, list: 'establishments', from: id, to: fresh, by: 'new' });
        ends.rename(id, fresh);
      } else ends.keep(id);
      const position = this.establishments.add(d, r, fresh);
      this.names.push(name);
      this.capabilities.push((owners.get(r) ?? []).flatMap((c) => [d, c]));
      this.byId.set(fresh, position);
      if (siret && !this.bySiret.has(siret)) this.bySiret.set(siret, position);
      if (nameKey && !this.byNamePostcode.has(nameKey)) this.byNamePostcode.set(nameKey, position);
    }
  }

  /** Flows or resources: the same identity merged, others added (ids renamed on collision). */
  addLinked(d: number, table: 'flows' | 'resources', territory: string, ends: DocumentEnds): void {
    const { rows, columns } = this.inputs[d]!.tables[table];
    const flows = table === 'flows';
    const [a, b] = (flows ? ['from', 'to'] : ['establishment']).map((name) => {
      const { numbers, ids } = endsOf(columns[name], ends);
      (this.resolved[d]![table] ??= {})[name] = ids;
      const codes = columns[name]?.type === 'code' ? columns[name].codes : undefined;
      return (row: number) => numbers[codes ? codes[row]! : 0]!;
    });
    const origins = flows ? this.flows : this.resources;
    const identity = flows ? this.flowIdentity : this.resourceIdentity;
    const taken = flows ? this.flowIds : this.resourceIds;
    const merges: number[] = (this.merges[table][d] = []);
    const idColumn = columns['id'];
    for (let r = 0; r < rows; r++) {
      const id = cellString(idColumn, r) ?? '';
      const at = identity.claim(a!(r), b ? b(r) : 0, this.offsets[d]! + r, origins.length);
      if (at !== undefined) {
        this.merged++;
        this.matches.push({ document: d, list: table, from: id, to: origins.ids[at]!, by: 'key' });
        merges.push(r, at);
      } else origins.add(d, r, this.ids.claim(id, taken, territory));
    }
  }

  finish(options: MergeOptions): MergeColumnsResult {
    const inputsOf = (table: CsvTableName): MergeInput[] =>
      this.inputs.map((input, d) => ({
        table: input.tables[table],
        reference: (id: string) => (this.documentEnds[d]!.resolve(id), this.documentEnds[d]!.id as string),
        resolved: this.resolved[d]![table] ?? {},
        source: this.renames[d]!,
      }));
    const establishments = new MergedTable('establishments', inputsOf('establishments'));
    establishments.gather(this.establishments, { id: this.establishments.ids });
    const flows = new MergedTable('flows', inputsOf('flows'));
    flows.gather(this.flows, { id: this.flows.ids });
    const resources = new MergedTable('resources', inputsOf('resources'));
    resources.gather(this.resources, { id: this.resources.ids });
    const docOf = (list: 'establishments' | 'flows' | 'resources', at: number) => this[list].input[at]!;
    const rows = new RowReporter(this.log);
    this.inputs.forEach((_, d) => {
      this.eachMerge('establishments', d, (r, at) => {
        const report = rows.at('establishments', at, this.establishments.ids[at]!, d, docOf('establishments', at));
        establishments.mergeRow(at, d, r, KEEP_ID, report);
        this.uniteCapabilities(at, d, r, report);
      });
      for (const [table, out, skip] of [
        ['flows', flows, KEEP_FLOW],
        ['resources', resources, KEEP_RESOURCE],
      ] as const)
        this.eachMerge(table, d, (r, at) => out.mergeRow(at, d, r, skip, rows.at(table, at, this[table].ids[at]!, d, docOf(table, at))));
    });
    const capabilities = new MergedTable('capabilities', inputsOf('capabilities'));
    capabilities.gather(...this.capabilityOrigins());
    const first = this.inputs[0]!;
    const data: ToileColumns = {
      toile: FORMAT_VERSION,
      territory: structuredClone(options.territory ?? first.territory),
      meta: mergedMeta(
        this.inputs.map((i) => i.meta),
        this.sources.sources,
        options,
      ),
      tables: { establishments: establishments.finish(), flows: flows.finish(), resources: resources.finish(), capabilities: capabilities.finish() },
    };
    const counts = { establishments: data.tables.establishments.rows, flows: data.tables.flows.rows, resources: data.tables.resources.rows };
    return { data, conflicts: this.log.conflicts, matches: this.matches, counts: { ...counts, merged: this.merged, renamed: this.ids.renamed } };
  }

  eachMerge(table: Exclude<CsvTableName, 'capabilities'>, d: number, merge: (row: number, at: number) => void): void {
    const pairs = this.merges[table][d]!;
    for (let i = 0; i < pairs.length; i += 2) merge(pairs[i]!, pairs[i + 1]!);
  }

  /**
   * Capabilities of a merged establishment, united by id as `mergeFields` unites record lists: an id
   * the result's establishment lacks is added, one it has with other values is a conflict at
   * `capabilities[id]` (the first kept).
   */
  uniteCapabilities(at: number, d: number, row: number, report: (field: string, kept: unknown, other: unknown) => void): void {
    const incoming = this.owners[d]!.get(row);
    if (!incoming) return;
    const list = this.capabilities[at]!;
    const kept = Array.from({ length: list.length / 2 }, (_, i) => this.capabilityRecord(list[2 * i]!, list[2 * i + 1]!));
    const records = incoming.map((c) => this.capabilityRecord(d, c));
    const withIds = (rs: Record<string, unknown>[]) => rs.every((r) => typeof r['id'] === 'string');
    if (kept.length > 0 && !(withIds(kept) && withIds(records))) {
      // Lists that are not all records with ids are compared whole, as `mergeFields` does.
      if (JSON.stringify(kept) !== JSON.stringify(records)) report('capabilities', kept, records);
      return;
    }
    const known = new Map(kept.map((r) => [r['id'] as string, r]));
    records.forEach((record, k) => {
      const there = known.get(record['id'] as string);
      if (there === undefined) list.push(d, incoming[k]!);
      else if (JSON.stringify(there) !== JSON.stringify(record)) report(`capabilities[${String(record['id'])}]`, there, record);
    });
  }

  capabilityRecord(d: number, row: number): Record<string, unknown> {
    return capabilityAt(this.inputs[d]!, row);
  }

  /** The capability rows of the result, establishment after establishment, with their owner's id. */
  capabilityOrigins(): [Origins, Record<string, string[]>] {
    const origins = new Origins(0);
    const owners: string[] = [];
    this.capabilities.forEach((list, at) => {
      for (let i = 0; i < list.length; i += 2) {
        origins.add(list[i]!, list[i + 1]!, cellString(this.inputs[list[i]!]!.tables.capabilities.columns['id'], list[i + 1]!) ?? '');
        owners.push(this.establishments.ids[at]!);
      }
    });
    return [origins, { establishment: owners }];
  }
}

/** What a record exchanges, as `itemKey` reads it: its code, else its family, else its normalised label. */
function itemKeyAt(at: (name: string) => string | undefined): string {
  const code = at('code');
  if (code !== undefined) return code;
  const family = at('family');
  if (family) return `family:${family}`;
  const label = at('label');
  return label ? `label:${normaliseName(label)}` : '';
}

/** A reference column's end numbers and ids in the result, by code: each distinct id resolved once. */
function endsOf(column: TableColumns['columns'][string], ends: DocumentEnds): { numbers: Int32Array; ids: string[] } {
  const dictionary = column?.type === 'code' ? column.dictionary : [];
  const numbers = new Int32Array(dictionary.length + 1);
  const ids = new Array<string>(dictionary.length);
  numbers[0] = ends.resolve(undefined);
  dictionary.forEach((id, i) => {
    numbers[i + 1] = ends.resolve(id);
    ids[i] = ends.id as string;
  });
  return { numbers, ids };
}

/**
 * An input with every column held as the template holds it: a reader may give a code column as text
 * or a text column as codes (both are strings). Other mismatches are a `TypeError`.
 */
function asTemplate(input: ToileColumns): ToileColumns {
  const tables = { ...input.tables };
  for (const name of Object.keys(tables) as CsvTableName[]) {
    const table = tables[name];
    let columns: Record<string, Column | undefined> | undefined;
    for (const c of CSV_TABLES[name]) {
      const column = table.columns[c.name];
      const type = columnTypeOf(c);
      if (!column || column.type === type) continue;
      let recast: Column;
      if (column.type === 'text' && type === 'code') {
        const builder = new CodeColumnBuilder(table.rows);
        column.values.forEach((v, r) => builder.set(r, v));
        recast = builder.column();
      } else if (column.type === 'code' && type === 'text') {
        recast = { type: 'text', values: Array.from({ length: table.rows }, (_, r) => cellString(column, r)) };
      } else throw new TypeError(`mergeColumns: column ${name}.${c.name} is held as ${column.type}, the template's type is ${type}`);
      columns = { ...(columns ?? table.columns), [c.name]: recast };
    }
    if (columns) tables[name] = { rows: table.rows, columns };
  }
  return { ...input, tables };
}
