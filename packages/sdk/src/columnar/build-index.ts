/**
 * The graph index straight from the columns: the flows' `from` and `to` are dictionary-encoded,
 * so each distinct id is looked up once (not once per flow) and every edge array is a copy of a
 * column. Equal, array for array, to `buildIndex` on the same document (tested).
 */
import { FLOW_KINDS, FLOW_STATUSES } from '@toile/schema';
import { finishIndex, type GraphIndex } from '../graph/build-index.ts';
import type { CodeColumn, Column, TableColumns, ToileColumns } from './columns.ts';

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

/** Node of each dictionary entry of a reference column (-1 when no establishment has that id). */
function nodesOfDictionary(dictionary: readonly string[], nodeOf: ReadonlyMap<string, number>): Int32Array {
  const out = new Int32Array(dictionary.length + 1).fill(-1);
  for (let d = 0; d < dictionary.length; d++) out[d + 1] = nodeOf.get(dictionary[d]!) ?? -1;
  return out;
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
  const nodeOf = new Map<string, number>();
  for (let i = 0; i < n; i++) nodeOf.set(ids[i]!, i);
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
  const fromNode = nodesOfDictionary(from.dictionary, nodeOf);
  const toNode = nodesOfDictionary(to.dictionary, nodeOf);
  const kindOf = vocabularyCodes(codes(flows, 'kind'), FLOW_KINDS);
  const kind = codes(flows, 'kind').codes;
  const statusColumn = flows.columns['status'];
  const statusOf = statusColumn?.type === 'code' ? vocabularyCodes(statusColumn, FLOW_STATUSES) : undefined;
  const value = numbers(flows, 'value_eur');
  const up = numbers(flows, 'upstream');
  const down = numbers(flows, 'downstream');

  const edgeSource = new Uint32Array(total);
  const edgeTarget = new Uint32Array(total);
  const edgeKind = new Uint8Array(total);
  const edgeStatus = new Uint8Array(total);
  const edgeValue = new Float64Array(total);
  const edgeUpstream = new Float64Array(total);
  const edgeDownstream = new Float64Array(total);
  const edgeFlow = new Uint32Array(total);
  const outOffsets = new Uint32Array(n + 1);
  const inOffsets = new Uint32Array(n + 1);
  let m = 0;
  for (let f = 0; f < total; f++) {
    const s = fromNode[from.codes[f]!]!;
    const t = toNode[to.codes[f]!]!;
    if (s < 0 || t < 0) continue;
    edgeSource[m] = s;
    edgeTarget[m] = t;
    edgeKind[m] = kindOf[kind[f]!]!;
    edgeStatus[m] = statusOf ? statusOf[(statusColumn as CodeColumn).codes[f]!]! : 0;
    edgeValue[m] = value[f]!;
    edgeUpstream[m] = up[f]!;
    edgeDownstream[m] = down[f]!;
    edgeFlow[m] = f;
    outOffsets[s + 1]!++;
    inOffsets[t + 1]!++;
    m++;
  }
  return finishIndex(
    { ids, nodeOf, external, employees },
    { edgeSource, edgeTarget, edgeKind, edgeStatus, edgeValue, edgeUpstream, edgeDownstream, edgeFlow },
    { outOffsets, inOffsets, kept: m },
  );
}
