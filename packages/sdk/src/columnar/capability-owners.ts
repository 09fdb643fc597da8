/**
 * Which establishment each capability row belongs to, in the columnar form: the first establishment
 * with the row's id, as the CSV import attaches them. Its own module: the record reader, the
 * validation, the merge and the document writer share it without pulling in each other.
 */
import { cellString, recordAt, type ToileColumns } from './columns.ts';

/** Capability rows of each establishment row: the first establishment with the row's id, as the CSV import does. */
export function capabilityRowsByOwner(data: ToileColumns): Map<number, number[]> {
  const e = data.tables.establishments;
  const c = data.tables.capabilities;
  const out = new Map<number, number[]>();
  if (c.rows === 0) return out;
  const firstRow = new Map<string, number>();
  for (let i = e.rows - 1; i >= 0; i--) firstRow.set(cellString(e.columns['id'], i) ?? '', i);
  for (let r = 0; r < c.rows; r++) {
    const owner = firstRow.get(cellString(c.columns['establishment'], r) ?? '');
    if (owner === undefined) continue;
    const list = out.get(owner);
    if (list) list.push(r);
    else out.set(owner, [r]);
  }
  return out;
}

/** The capability at `row`, as it sits in its establishment in a document (without its link to it). */
export function capabilityAt(data: ToileColumns, row: number): Record<string, unknown> {
  const { establishment: _link, ...capability } = recordAt('capabilities', data.tables.capabilities, row);
  return capability;
}
