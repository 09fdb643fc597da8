/**
 * The columnar form written back as a document: record by record, for a JSON output that never
 * holds the whole document (a national document is longer than V8's longest string), or at once
 * for a small one. Capabilities go back inside their establishment (the first with their id).
 */
import type { CsvTableName, ToileDocument } from '@toile/schema';
import { LazyJsonArray, LazyJsonObject } from '../io/write-json.ts';
import { recordAt, type ToileColumns } from './columns.ts';
import { capabilityAt, capabilityRowsByOwner } from './capability-owners.ts';

/** The records of a table in row order, made one at a time (establishments with their capabilities). */
export function* tableRecords(data: ToileColumns, table: Exclude<CsvTableName, 'capabilities'>): Generator<Record<string, unknown>> {
  const columns = data.tables[table];
  const owners = table === 'establishments' ? capabilityRowsByOwner(data) : undefined;
  for (let r = 0; r < columns.rows; r++) {
    const record = recordAt(table, columns, r);
    const rows = owners?.get(r);
    if (rows) record['capabilities'] = rows.map((c) => capabilityAt(data, c));
    yield record;
  }
}

/** The document as `jsonChunks` writes it, record by record (see `writeJsonOutput`). */
export function lazyDocument(data: ToileColumns): LazyJsonObject {
  return new LazyJsonObject([
    ['toile', data.toile],
    ['territory', data.territory],
    ['meta', data.meta],
    ['establishments', new LazyJsonArray(tableRecords(data, 'establishments'))],
    ['flows', new LazyJsonArray(tableRecords(data, 'flows'))],
    ['resources', new LazyJsonArray(tableRecords(data, 'resources'))],
  ]);
}

/** The whole document as objects: for documents small enough to edit (national ones: {@link lazyDocument}). */
export function documentFromColumns(data: ToileColumns): ToileDocument {
  return {
    toile: data.toile,
    territory: data.territory,
    meta: data.meta,
    establishments: [...tableRecords(data, 'establishments')],
    flows: [...tableRecords(data, 'flows')],
    resources: [...tableRecords(data, 'resources')],
  } as unknown as ToileDocument;
}
