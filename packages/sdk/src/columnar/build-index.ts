/**
 * The graph index straight from the columns: the flows' `from` and `to` are dictionary-encoded,
 * so each distinct id is looked up once (not once per flow) and every edge array is a copy of a
 * column. Equal, array for array, to `buildIndex` on the same document (tested).
 */
import { FLOW_KINDS, FLOW_STATUSES } from '@toile/schema';
import { finishIndex, type GraphIndex } from '../graph/build-index.ts';
import { IdMap } from '../graph/id-map.ts';
import type { CodeColumn, Column, ColumnSelection, TableColumns, ToileColumns } from './columns.ts';
import { StringIndex } from '../util/string-table.ts';

/**
 * The columns {@link buildIndexFromColumns} reads: a national package read for its graph only needs
 * these (`readParquetColumns(dir, { columns: INDEX_COLUMNS })`).
 */
export const INDEX_COLUMNS: ColumnSelection = {
  establishments: ['id', 'external', 'employees'],
  flows: ['from', 'to', 'kind', 'status', 'value_eur', 'upstream', 'downstream'],
  resources: [],
  capabilities: [],
};

const EMPTY_CODES: CodeColumn = { type: 'code', codes: new Uint32Array(0), dictionary: [] };

function codes(table: TableColumns, name: string): CodeColumn {
  const c = table.columns[name];
  if (c?.type === 'code') return c;
  if (table.rows === 0) return EMPTY_CODES;
  throw new TypeError(`columnar index: column "${name}" is missing or not dictionary-encoded`);
}

function numbers(table: TableColumns, name: string): Float64Array {
  const c: Column | undefined = table.columns[name];
  return c?.type === 'number' ? c.values : new Float64Array(table.rows).fill(Number.NaN);
}

/**
 * Node of each dictionary entry of a reference column (-1 when no establishment has that id). A
 * dictionary that starts with every establishment id in row order (as the DuckDB reader shares them)
 * needs no lookup: entry d < n is node d — the ids are then distinct, a dictionary's entries being
 * so — and any later entry is no id at all.
 */
export function nodesOfDictionary(
  dictionary: readonly string[],
  ids: readonly (string | undefined)[],
  nodeOf: ReadonlyMap<string, number> | StringIndex | (() => StringIndex),
): Int32Array {
  const out = new Int32Array(dictionary.length + 1).fill(-1);
  const n = ids.length;
  let run = 0;
  while (run < n && run < dictionary.length && dictionary[run] === ids[run]) run++;
  if (run === n) for (let d = 0; d < n; d++) out[d + 1] = d;
  else if (nodeOf instanceof StringIndex || typeof nodeOf === 'function') {
    // An index made on demand: none when the dictionary starts with the ids.
    const index = typeof nodeOf === 'function' ? nodeOf() : nodeOf;
    for (let d = 0; d < dictionary.length; d++) out[d + 1] = index.find(dictionary[d]!);
  } else for (let d = 0; d < dictionary.length; d++) out[d + 1] = nodeOf.get(dictionary[d]!) ?? -1;
  return out;
}

/** How many codes from 1 map to node code − 1 (code 0, no value, never does). */
function sameLength(nodeOfCode: Int32Array): number {
  let d = 1;
  while (d < nodeOfCode.length && nodeOfCode[d] === d - 1) d++;
  return d - 1;
}

/** Position of each dictionary entry in `vocabulary` (0 for an unknown word, as `buildIndex` does). */
function vocabularyCodes(column: CodeColumn, vocabulary: readonly string[]): Uint8Array {
  const out = new Uint8Array(column.dictionary.length + 1);
  for (let d = 0; d < column.dictionary.length; d++) out[d + 1] = Math.max(0, vocabulary.indexOf(column.dictionary[d]!));
  return out;
}

function nodeTables(table: TableColumns) {
  const n = table.rows;
  const idColumn = table.columns['id'];
  if (idColumn?.type !== 'text' && n > 0) throw new TypeError('columnar index: establishments have no id column');
  const ids = n > 0 && idColumn?.type === 'text' ? (idColumn.values as string[]) : [];
  // Built on first need: references that share the ids never ask (see nodesOfDictionary).
  const nodeOf = new IdMap(ids);
  const external = new Uint8Array(n);
  const ext = table.columns['external'];
  if (ext?.type === 'boolean') for (let i = 0; i < n; i++) external[i] = ext.values[i] === 2 ? 1 : 0;
  return { ids, nodeOf, external, employees: numbers(table, 'employees') };
}

/** Builds the graph index of columnar data. O(establishments + flows), no string hashing per flow. */
export function buildIndexFromColumns(data: Pick<ToileColumns, 'tables'>): GraphIndex {
  const { ids, nodeOf, external, employees } = nodeTables(data.tables.establishments);
  const n = ids.length;
  const flows = data.tables.flows;
  const total = flows.rows;
  const from = codes(flows, 'from');
  const to = codes(flows, 'to');
  const fromNode = nodesOfDictionary(from.dictionary, ids, nodeOf);
  const toNode = nodesOfDictionary(to.dictionary, ids, nodeOf);
  const fromCodes = from.codes;
  const toCodes = to.codes;
  const kindOf = vocabularyCodes(codes(flows, 'kind'), FLOW_KINDS);
  const kind = codes(flows, 'kind').codes;
  const statusColumn = flows.columns['status'];
  // No status column: every code 0, read as the first status (as `buildIndex` reads a missing one).
  const statusOf = statusColumn?.type === 'code' ? vocabularyCodes(statusColumn, FLOW_STATUSES) : new Uint8Array(1);
  const status = statusColumn?.type === 'code' ? statusColumn.codes : new Uint32Array(total);
  const value = numbers(flows, 'value_eur');
  const up = numbers(flows, 'upstream');
  const down = numbers(flows, 'downstream');

  // Ends first (the only random memory accesses), then each edge column in a sequential pass of its
  // own: a copy of the flow column when no flow was left out (the usual case).
  const edgeSource = new Uint32Array(total);
  const edgeTarget = new Uint32Array(total);
  const outOffsets = new Uint32Array(n + 1);
  const inOffsets = new Uint32Array(n + 1);
  const fromSame = sameLength(fromNode);
  const toSame = sameLength(toNode);
  const kept = new Uint32Array(total);
  let m = 0;
  for (let f = 0; f < total; f++) {
    const fc = fromCodes[f]!;
    const tc = toCodes[f]!;
    // Codes up to fromSame / toSame are row + 1 (a dictionary shared with the ids): no lookup.
    const s = fc <= fromSame ? fc - 1 : fromNode[fc]!;
    const t = tc <= toSame ? tc - 1 : toNode[tc]!;
    if (s < 0 || t < 0) continue;
    edgeSource[m] = s;
    edgeTarget[m] = t;
    kept[m] = f;
    outOffsets[s + 1]!++;
    inOffsets[t + 1]!++;
    m++;
  }
  const pick = <T extends Float64Array | Uint32Array>(column: T): T => {
    if (m === total) return column.slice() as T;
    const out = new (column.constructor as new (length: number) => T)(total);
    for (let e = 0; e < m; e++) out[e] = column[kept[e]!]!;
    return out;
  };
  const byCode = (codes: Uint32Array, of: Uint8Array): Uint8Array => {
    const out = new Uint8Array(total);
    for (let e = 0; e < m; e++) out[e] = of[codes[kept[e]!]!]!;
    return out;
  };
  const edgeKind = byCode(kind, kindOf);
  const edgeStatus = byCode(status, statusOf);
  const edgeValue = pick(value);
  const edgeUpstream = pick(up);
  const edgeDownstream = pick(down);
  const edgeFlow = kept;
  return finishIndex(
    { ids, nodeOf, external, employees },
    { edgeSource, edgeTarget, edgeKind, edgeStatus, edgeValue, edgeUpstream, edgeDownstream, edgeFlow },
    { outOffsets, inOffsets, kept: m },
  );
}
