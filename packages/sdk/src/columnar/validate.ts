/**
 * Validation of the columnar form, with the document validation's own rules and messages: rows are
 * turned into records a window at a time (a few thousand objects, dropped after), each window is
 * checked by the same code as `validateToile`, and the fate of every row — kept, a value removed or
 * replaced, set aside — is written back into the columns. What spans windows is checked on the
 * columns: duplicate ids and SIRETs across windows, and upstream shares adding up above 1.
 * Memory stays that of the columns plus one window, whatever the size.
 */
import { CSV_TABLES, type CsvTableName } from '@toile/schema';
import { isValidSiret } from '../validate/siret.ts';
import { validateWorkingCopy, type Problem, type RemovedCounts, type ValidationResult } from '../validate/validate.ts';
import { isRecord, ProblemList, type JsonRecord } from '../validate/working-copy.ts';
import { semanticMessage, type SemanticCode } from '../validate/messages.ts';
import { cellString, cellValue, recordAt, type TableColumns, type ToileColumns } from './columns.ts';
import { cleanEstablishments, cleanFlows, type KeptEstablishments } from './clean-rows.ts';
import { copyTable, keepRows, writeRow } from './rows.ts';
import { capabilityRowsByOwner } from './capability-owners.ts';
import { nodesOfDictionary } from './build-index.ts';
import { StringIndex } from '../util/string-table.ts';

/** Options of {@link validateColumns}. */
export interface ColumnsValidateOptions {
  /** At most this many problems are listed (counts stay exact). Default 1000. */
  maxProblems?: number;
  /** Rows turned into records at once (default 131,072: fewer windows, fewer establishments checked again as references). */
  window?: number;
  /** The file a table was read from, to give each problem its file, row and column (`flows.parquet`). */
  fileOf?: (table: CsvTableName) => string | undefined;
  /** The row a table's row is in its file (default: row + 1; a CSV file counts its header and blank lines). */
  rowOf?: (table: CsvTableName, row: number) => number | undefined;
  /**
   * Hand every row to the document validation, not only those the column checks doubt (see
   * `clean-rows.ts`): the reference the shortcut is tested against. Default false.
   */
  everyRow?: boolean;
}

/** The outcome of {@link validateColumns}: the valid part as columns, and the problems. */
export interface ColumnsValidationResult extends Omit<ValidationResult, 'data'> {
  data: ToileColumns;
}

type MainTable = 'establishments' | 'flows' | 'resources';

/** State of one validation run. */
interface Run {
  readonly input: ToileColumns;
  readonly problems: ProblemList;
  readonly options: ColumnsValidateOptions;
  readonly window: number;
  tables: Record<CsvTableName, TableColumns>;
  readonly copied: Set<CsvTableName>;
  readonly keep: Record<CsvTableName, Uint8Array>;
  /** Capability rows of each establishment row (attached in the document form). */
  readonly capabilitiesOf: Map<number, number[]>;
  /** Original row of each kept establishment (once the establishments are checked). */
  establishmentRows: Int32Array;
  /** The kept establishments as the flow rules read them (worked out once they are checked). */
  kept?: KeptEstablishments;
  /** Ids of the document's sources, once `meta` is checked (the first window). */
  sourceIds: Set<string>;
}

function writable(run: Run, table: CsvTableName): TableColumns {
  if (!run.copied.has(table)) {
    run.tables[table] = copyTable(run.tables[table]);
    run.copied.add(table);
  }
  return run.tables[table];
}

/** The column a pointer inside a record names (`item/code` → `code`). */
function columnOf(table: CsvTableName, rest: readonly string[]): string | undefined {
  const columns = CSV_TABLES[table];
  return (
    columns.find((c) => c.path.length <= rest.length && c.path.every((t, i) => rest[i] === t))?.name ??
    columns.find((c) => rest.length > 0 && rest.every((t, i) => c.path[i] === t))?.name
  );
}

/** The row of a table's row in its file. */
const fileRow = (run: Run, table: CsvTableName, row: number): number => run.options.rowOf?.(table, row) ?? row + 1;

/** A window problem moved to the place of its row in the whole table, with its file, row and column. */
function placed(run: Run, problem: Problem, table: MainTable, rows: ArrayLike<number>): Problem {
  const m = /^\/(establishments|flows|resources)\/([0-9]+)(\/.*)?$/.exec(problem.pointer);
  if (!m || m[1] !== table) return problem;
  const row = rows[Number(m[2])]!;
  const rest = (m[3] ?? '').split('/').slice(1);
  let located: Problem = { ...problem, pointer: `/${table}/${row}${m[3] ?? ''}` };
  // A repeat names the first record with that id: a place in the window too.
  const first = typeof problem.params?.['first'] === 'string' ? new RegExp(`^/${table}/([0-9]+)$`).exec(problem.params['first']) : null;
  if (first) {
    const params = { ...problem.params, first: `/${table}/${rows[Number(first[1])]!}` };
    located = { ...located, params, message: semanticMessage(problem.code as SemanticCode, params) };
  }
  if (table === 'establishments' && rest[0] === 'capabilities' && rest[1] !== undefined) {
    const capabilityRow = run.capabilitiesOf.get(row)?.[Number(rest[1])];
    const file = run.options.fileOf?.('capabilities');
    if (file && capabilityRow !== undefined) {
      const column = columnOf('capabilities', rest.slice(2));
      return { ...located, location: { file, row: fileRow(run, 'capabilities', capabilityRow), ...(column ? { column } : {}) } };
    }
  }
  const file = run.options.fileOf?.(table);
  if (file) {
    const column = columnOf(table, rest);
    located = { ...located, location: { file, row: fileRow(run, table, row), ...(column ? { column } : {}) } };
  }
  return located;
}

/** Records of some rows of a main table (establishments carry their capabilities). */
function windowRecords(run: Run, table: MainTable, rows: ArrayLike<number>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = new Array(rows.length);
  const columns = run.tables[table];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const record = recordAt(table, columns, r);
    const capabilities = table === 'establishments' ? run.capabilitiesOf.get(r) : undefined;
    if (capabilities)
      record['capabilities'] = capabilities.map((c) => {
        // The row's link to its establishment is no property of the capability.
        const { establishment: _link, ...capability } = recordAt('capabilities', run.tables.capabilities, c);
        return capability;
      });
    out[k] = record;
  }
  return out;
}

/** Writes back what validation did to each row of the window (and to the establishments' capabilities). */
function applyFates(
  run: Run,
  table: MainTable,
  rows: ArrayLike<number>,
  given: readonly Record<string, unknown>[],
  fates: readonly (JsonRecord | undefined)[],
): void {
  for (let k = 0; k < given.length; k++) {
    const row = rows[k]!;
    const fate = fates[k];
    if (fate === undefined) {
      run.keep[table][row] = 0;
      for (const c of run.capabilitiesOf.get(row) ?? []) run.keep.capabilities[c] = 0;
      continue;
    }
    if (fate === given[k]) continue;
    writeRow(table, writable(run, table), row, fate);
    const capabilityRows = run.capabilitiesOf.get(row);
    if (!capabilityRows) continue;
    const kept = Array.isArray(fate['capabilities']) ? (fate['capabilities'] as (JsonRecord | undefined)[]) : [];
    capabilityRows.forEach((c, j) => {
      const capability = kept[j];
      if (capability === undefined) run.keep.capabilities[c] = 0;
      else writeRow('capabilities', writable(run, 'capabilities'), c, { ...capability, establishment: fate['id'] });
    });
  }
}

/** Validates `records` of `table` as a small document (with `establishments` for references) and keeps the verdict. */
function checkWindow(run: Run, table: MainTable, rows: ArrayLike<number>, establishments: unknown[], firstWindow: boolean): void {
  const records = windowRecords(run, table, rows);
  const { input } = run;
  const doc: JsonRecord = {
    toile: input.toile,
    territory: input.territory,
    meta: input.meta,
    establishments: table === 'establishments' ? records : establishments,
    flows: [],
  };
  if (table !== 'establishments') doc[table] = records;
  const local = new ProblemList(Math.max(0, run.problems.room) + 1_000_000);
  const { work } = validateWorkingCopy(doc as JsonRecord, local);
  if (firstWindow) run.sourceIds = sourceIdsOf(work.root['meta']);
  for (const p of local.list) {
    // Document-level problems once; sums across windows on the columns (see upstreamSums).
    const inTable = p.pointer.startsWith(`/${table}/`);
    if ((!inTable && !(firstWindow && !/^\/(establishments|flows|resources)\//.test(p.pointer))) || p.code === 'upstream-sum') continue;
    run.problems.add(placed(run, p, table, rows));
  }
  applyFates(run, table, rows, records, work.lists[table]);
}

/**
 * The establishments a table's reference columns name: for each code of each reference column, the
 * establishment row (-1 when none), worked out once per table instead of once per row.
 */
function referenceNodes(run: Run, table: 'flows' | 'resources', kept: KeptEstablishments): { codes: Uint32Array; nodeOfCode: Int32Array }[] {
  const out: { codes: Uint32Array; nodeOfCode: Int32Array }[] = [];
  for (const name of table === 'flows' ? ['from', 'to'] : ['establishment']) {
    const column = run.tables[table].columns[name];
    if (column?.type !== 'code') continue;
    out.push({ codes: column.codes, nodeOfCode: nodesOfDictionary(column.dictionary, kept.ids, kept.nodeOf) });
  }
  return out;
}

/** Stubs of the establishments some rows name: id, outside flag and status, what the flow and resource checks read. */
function referencedStubs(
  run: Run,
  references: { codes: Uint32Array; nodeOfCode: Int32Array }[],
  rows: ArrayLike<number>,
  mark: Int32Array,
  window: number,
): unknown[] {
  const e = run.tables.establishments;
  const found: number[] = [];
  for (const { codes, nodeOfCode } of references) {
    for (let k = 0; k < rows.length; k++) {
      const node = nodeOfCode[codes[rows[k]!]!]!;
      if (node < 0 || mark[node] === window) continue;
      mark[node] = window;
      found.push(node);
    }
  }
  const external = e.columns['external'];
  return Int32Array.from(found)
    .sort()
    .reduce<unknown[]>((stubs, i) => {
      const stub: Record<string, unknown> = { id: cellString(e.columns['id'], i), name: 'x' };
      if (external?.type === 'boolean' && external.values[i]) stub['external'] = external.values[i] === 2;
      const status = cellString(e.columns['status'], i);
      if (status !== undefined) stub['status'] = status;
      stubs.push(stub);
      return stubs;
    }, []);
}

/** Takes back the problems listed for one row (and their counts). */
function withdrawProblems(run: Run, table: MainTable, row: number): void {
  const prefix = `/${table}/${row}`;
  const list = run.problems.list;
  for (let i = list.length - 1; i >= 0; i--) {
    const p = list[i]!;
    if (p.pointer !== prefix && !p.pointer.startsWith(`${prefix}/`)) continue;
    // Levels are read before anything else, repeated records included.
    if (p.code === 'confidentiality-alias' || p.code === 'unknown-confidentiality') continue;
    list.splice(i, 1);
    if (p.severity === 'error') run.problems.errors--;
    else run.problems.warnings--;
  }
}

/**
 * Rows whose id was first seen in an earlier window: a window cannot see those duplicates. Only the
 * rows checked in windows are read (every repeated value is one of theirs: see `clean-rows.ts`).
 */
function crossWindowDuplicates(run: Run, table: MainTable, field: 'id' | 'siret', checked: Int32Array, windowOf: Int32Array): void {
  const column = run.tables[table].columns[field];
  // First row of each value, and the last window it was seen in (a window reports its own repeats);
  // no object per value: at millions of rows those would be what the collector spends its time on.
  const seen = new Map<string, number>();
  const lastWindow = new Int32Array(run.tables[table].rows);
  for (const r of checked) {
    if (!run.keep[table][r]) continue;
    const value = cellString(column, r);
    if (value === undefined || (field === 'siret' && !isValidSiret(value))) continue;
    const w = windowOf[r]!;
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, r);
      lastWindow[r] = w;
      continue;
    }
    if (lastWindow[first] === w) continue;
    lastWindow[first] = w;
    const at = `/${table}/${r}/${field}`;
    const file = run.options.fileOf?.(table);
    const location = file ? { location: { file, row: fileRow(run, table, r), column: field } } : {};
    if (field === 'id') {
      // The document validation stops at a repeated id: what the window said of the row is taken back.
      withdrawProblems(run, table, r);
      run.problems.semantic(at, 'error', 'duplicate-id', { id: value, first: `/${table}/${first}` }, 'record-removed');
      run.keep[table][r] = 0;
      for (const c of table === 'establishments' ? (run.capabilitiesOf.get(r) ?? []) : []) run.keep.capabilities[c] = 0;
    } else run.problems.semantic(at, 'warning', 'duplicate-siret', { value, other: cellString(run.tables[table].columns['id'], first) ?? '' }, 'kept');
    const last = run.problems.list.at(-1);
    if (last && last.pointer === at) Object.assign(last, location);
  }
}

/** Upstream shares received by each establishment over its active flows, above 1: a warning (as `validateToile`). */
function upstreamSums(run: Run, kept: KeptEstablishments): void {
  const { establishments: e, flows: f } = run.tables;
  const sums = new Float64Array(e.rows);
  const up = f.columns['upstream'];
  const to = f.columns['to'];
  if (up?.type !== 'number' || to?.type !== 'code') return;
  const toNode = nodesOfDictionary(to.dictionary, kept.ids, kept.nodeOf);
  for (let r = 0; r < f.rows; r++) {
    const status = cellString(f.columns['status'], r);
    const share = up.values[r]!;
    if (Number.isNaN(share) || (status !== undefined && status !== 'active')) continue;
    const node = toNode[to.codes[r]!]!;
    if (node >= 0) sums[node]! += share;
  }
  for (let i = 0; i < e.rows; i++) {
    // A little slack for shares written with two decimals.
    if (sums[i]! > 1 + 1e-9) {
      const id = cellString(e.columns['id'], i) ?? '';
      const row = run.establishmentRows[i]!;
      run.problems.semantic(`/establishments/${row}`, 'warning', 'upstream-sum', { id, sum: Math.round(sums[i]! * 1000) / 1000 }, 'kept');
      const file = run.options.fileOf?.('establishments');
      const last = run.problems.list.at(-1);
      if (file && last?.code === 'upstream-sum' && last.pointer === `/establishments/${row}`)
        last.location = { file, row: fileRow(run, 'establishments', row) };
    }
  }
}

/** The kept establishments as the flow rules read them (once the establishments are checked). */
function keptEstablishments(run: Run): KeptEstablishments {
  if (run.kept) return run.kept;
  const e = run.tables.establishments;
  const idColumn = e.columns['id'];
  const ids = idColumn?.type === 'text' ? idColumn.values : Array.from({ length: e.rows }, (_, i) => cellString(idColumn, i));
  let index: StringIndex | undefined;
  const nodeOf = (): StringIndex => {
    if (index) return index;
    index = new StringIndex(ids, e.rows);
    for (let i = 0; i < e.rows; i++) if (ids[i] !== undefined) index.firstOrAdd(ids[i]!, i);
    return index;
  };
  const flag = (name: string, test: (v: unknown) => boolean) => {
    const column = e.columns[name];
    const out = new Uint8Array(e.rows);
    if (!column) return out;
    if (column.type === 'code') {
      // Once per dictionary entry, not once per row.
      const byCode = Uint8Array.from({ length: column.dictionary.length + 1 }, (_, c) => (c > 0 && test(column.dictionary[c - 1]) ? 1 : 0));
      for (let i = 0; i < e.rows; i++) out[i] = byCode[column.codes[i]!]!;
    } else for (let i = 0; i < e.rows; i++) out[i] = test(cellValue(column, i)) ? 1 : 0;
    return out;
  };
  run.kept = { ids, nodeOf, external: flag('external', (v) => v === true), closed: flag('status', (v) => v === 'closed') };
  return run.kept;
}

/** The rows of a table the document validation checks: those the column checks doubt (or all). */
function doubtfulRows(run: Run, table: MainTable, kept: KeptEstablishments | undefined): Int32Array {
  const rows = run.tables[table].rows;
  let clean: Uint8Array | undefined;
  if (!run.options.everyRow && table === 'establishments') clean = cleanEstablishments(run.tables[table], (r) => run.capabilitiesOf.has(r));
  else if (!run.options.everyRow && table === 'flows') clean = cleanFlows(run.tables[table], kept!, run.sourceIds);
  const out: number[] = [];
  for (let r = 0; r < rows; r++) if (!clean?.[r]) out.push(r);
  return Int32Array.from(out);
}

/**
 * Ids of the sources a `source` may name: those of `meta` once checked (a source the schema takes
 * out is no source), as `checkSemantics` reads them.
 */
function sourceIdsOf(meta: unknown): Set<string> {
  const sources = isRecord(meta) ? meta['sources'] : undefined;
  return new Set(Array.isArray(sources) ? sources.map((s) => (isRecord(s) ? s['id'] : undefined)).filter((id): id is string => typeof id === 'string') : []);
}

/**
 * Checks a main table: its doubtful rows go to the document validation a window at a time (the
 * first window of establishments always runs, for the document's own problems).
 */
function checkTable(run: Run, table: MainTable): void {
  const kept = table === 'establishments' ? undefined : keptEstablishments(run);
  const references = kept ? referenceNodes(run, table as 'flows' | 'resources', kept) : [];
  const mark = new Int32Array(run.tables.establishments.rows).fill(-1);
  const checked = doubtfulRows(run, table, kept);
  const windowOf = new Int32Array(run.tables[table].rows).fill(-1);
  for (let w = 0; w * run.window < checked.length || (w === 0 && table === 'establishments'); w++) {
    const rows = checked.subarray(w * run.window, (w + 1) * run.window);
    for (const r of rows) windowOf[r] = w;
    const stubs = kept ? referencedStubs(run, references, rows, mark, w) : [];
    checkWindow(run, table, rows, stubs, w === 0 && table === 'establishments');
  }
  crossWindowDuplicates(run, table, 'id', checked, windowOf);
  if (table === 'establishments') crossWindowDuplicates(run, table, 'siret', checked, windowOf);
}

/**
 * Validates a document in columnar form and returns its valid part, still as columns. Same rules,
 * codes, messages (French and English) and cuts as {@link validateToile}; pointers name the rows as
 * given (`/flows/12/quantity/unit`), and with `fileOf` each problem also has its file, row and column.
 *
 * @example
 * ```ts
 * const { valid, data, problems } = validateColumns(columns, { fileOf: (t) => `${t}.parquet` });
 * ```
 */
export function validateColumns(input: ToileColumns, options: ColumnsValidateOptions = {}): ColumnsValidationResult {
  const tables = { ...input.tables };
  const keep = Object.fromEntries(Object.entries(tables).map(([t, c]) => [t, new Uint8Array(c.rows).fill(1)])) as Record<CsvTableName, Uint8Array>;
  const run: Run = {
    input,
    problems: new ProblemList(options.maxProblems ?? 1000),
    options,
    window: Math.max(1, Math.floor(options.window ?? 131072)),
    tables,
    copied: new Set(),
    keep,
    capabilitiesOf: capabilityRowsByOwner(input),
    establishmentRows: new Int32Array(0),
    sourceIds: new Set(),
  };
  checkTable(run, 'establishments');
  run.establishmentRows = keptRows(keep.establishments);
  run.tables.establishments = keepRows(run.tables.establishments, keep.establishments);
  run.tables.capabilities = keepRows(run.tables.capabilities, keep.capabilities);
  checkTable(run, 'flows');
  checkTable(run, 'resources');
  const removed: RemovedCounts = { establishments: input.tables.establishments.rows - run.tables.establishments.rows, flows: 0, resources: 0 };
  for (const table of ['flows', 'resources'] as const) {
    run.tables[table] = keepRows(run.tables[table], keep[table]);
    removed[table] = input.tables[table].rows - run.tables[table].rows;
  }
  upstreamSums(run, keptEstablishments(run));
  const { problems } = run;
  return {
    valid: problems.errors === 0,
    data: { toile: input.toile, territory: input.territory, meta: input.meta, tables: run.tables },
    problems: problems.list,
    errors: problems.errors,
    warnings: problems.warnings,
    truncated: problems.total > problems.list.length,
    removed,
  };
}

/** Original positions of the kept rows. */
function keptRows(keep: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < keep.length; i++) if (keep[i]) out.push(i);
  return Int32Array.from(out);
}
