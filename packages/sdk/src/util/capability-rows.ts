/**
 * Capabilities as rows: in a document they sit inside their establishment; the CSV, Parquet and
 * columnar forms hold them as a table of their own, each row with its establishment's id.
 */
import type { Capability, ToileDocument } from '@toile/schema';

/** Each capability with its establishment's id, in document order. */
export function capabilityRows(doc: Pick<ToileDocument, 'establishments'>): (Capability & { establishment: string })[] {
  const rows: (Capability & { establishment: string })[] = [];
  for (const e of doc.establishments) {
    if (!Array.isArray(e.capabilities)) continue;
    for (const c of e.capabilities) rows.push({ establishment: e.id, ...c });
  }
  return rows;
}
