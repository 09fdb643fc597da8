/**
 * What the graph exports (GEXF, GraphML, GeoJSON, JGF) read, from either form: the header, and the
 * records one at a time — those of the document, or made from the columns as they are written
 * (`recordAt`), so a national package is exported without a million objects at once.
 */
import type { Establishment, Flow, Meta, Territory } from '@toile/schema';
import { isToileColumns, recordAt } from '../columnar/columns.ts';
import type { ToileData } from '../columnar/records.ts';

/** The header and the records of a document or of its columnar form, as the exports read them. */
export interface ExportSource {
  readonly toile: string;
  readonly territory: Territory;
  readonly meta: Meta;
  readonly establishmentCount: number;
  /** The establishment at a position (a new object each call for columns). */
  establishment(i: number): Establishment;
  establishments(): Iterable<Establishment>;
  flows(): Iterable<Flow>;
}

/** The export view of either form (see {@link ExportSource}). */
export function exportSource(data: ToileData): ExportSource {
  if (!isToileColumns(data)) {
    return {
      toile: data.toile,
      territory: data.territory,
      meta: data.meta,
      establishmentCount: data.establishments.length,
      establishment: (i) => data.establishments[i]!,
      establishments: () => data.establishments,
      flows: () => data.flows,
    };
  }
  const { establishments, flows } = data.tables;
  const rows = function* <T>(table: 'establishments' | 'flows', count: number): Generator<T, void, undefined> {
    for (let r = 0; r < count; r++) yield recordAt(table, data.tables[table], r) as T;
  };
  return {
    toile: data.toile,
    territory: data.territory,
    meta: data.meta,
    establishmentCount: establishments.rows,
    establishment: (i) => recordAt('establishments', establishments, i) as unknown as Establishment,
    establishments: () => rows<Establishment>('establishments', establishments.rows),
    flows: () => rows<Flow>('flows', flows.rows),
  };
}
