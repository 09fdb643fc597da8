/**
 * What the analyses read of the records beyond the graph index — a flow's id, kind, status, item
 * and quantity; an establishment's name and sectors; a resource's direction, owner and item — read
 * the same way from a document or from its columnar form. An analysis written against
 * {@link ToileRecords} runs on both, and on the columnar form it makes at most one small object per
 * call and keeps none.
 */
import type { Capability, FlowKind, FlowStatus, Item, Quantity, ToileDocument, Unit } from '@toile/schema';
import { buildIndex, type GraphIndex } from '../graph/build-index.ts';
import { buildIndexFromColumns } from './build-index.ts';
import { cellNumber, cellString, isToileColumns, type Column, type TableColumns, type ToileColumns } from './columns.ts';
import { capabilityAt, capabilityRowsByOwner } from './capability-owners.ts';

/** A document in either form: objects (to edit, small or mid-size) or columns (national scale). */
export type ToileData = ToileDocument | ToileColumns;

/** The part of a document an analysis may be given (some read only the flows). */
export type RecordsInput = ToileColumns | (Pick<ToileDocument, 'flows'> & Partial<Pick<ToileDocument, 'establishments' | 'resources'>>);

/** Record fields by position, whatever the form. Positions are those of the document's lists. */
export interface ToileRecords {
  readonly establishmentCount: number;
  readonly flowCount: number;
  readonly resourceCount: number;
  establishmentId(i: number): string;
  establishmentName(i: number): string;
  establishmentExternal(i: number): boolean;
  establishmentSectors(i: number): readonly string[] | undefined;
  /** Latitude and longitude (WGS 84), those given. */
  establishmentLocation(i: number): { lat?: number; lon?: number } | undefined;
  /** NAF code as given. */
  establishmentNaf(i: number): string | undefined;
  /** Its capabilities (in columns: the capability rows with its id, when it is the first establishment with that id). */
  establishmentCapabilities(i: number): readonly Capability[] | undefined;
  flowId(f: number): string;
  flowKind(f: number): FlowKind;
  flowStatus(f: number): FlowStatus | undefined;
  flowItem(f: number): Item | undefined;
  flowQuantity(f: number): Quantity | undefined;
  /** Value in euros per year, undefined when not given. */
  flowValueEur(f: number): number | undefined;
  resourceId(r: number): string;
  resourceEstablishment(r: number): string;
  resourceDirection(r: number): 'offer' | 'need';
  resourceItem(r: number): Item | undefined;
  resourceKind(r: number): FlowKind;
  resourceQuantity(r: number): Quantity | undefined;
}

/** The document form: plain reads of the records. */
class DocumentRecords implements ToileRecords {
  readonly #doc: Exclude<RecordsInput, ToileColumns>;
  constructor(doc: Exclude<RecordsInput, ToileColumns>) {
    this.#doc = doc;
  }
  get establishmentCount() {
    return this.#doc.establishments?.length ?? 0;
  }
  get flowCount() {
    return this.#doc.flows.length;
  }
  get resourceCount() {
    return this.#doc.resources?.length ?? 0;
  }
  establishmentId = (i: number) => this.#doc.establishments![i]!.id;
  establishmentName = (i: number) => this.#doc.establishments![i]!.name;
  // Truthy, as the graph index reads it (a document read as given may hold other values than booleans).
  establishmentExternal = (i: number) => Boolean(this.#doc.establishments![i]!.external);
  establishmentSectors = (i: number) => this.#doc.establishments![i]!.sectors;
  establishmentLocation = (i: number) => this.#doc.establishments![i]!.location;
  establishmentNaf = (i: number) => this.#doc.establishments![i]!.naf;
  establishmentCapabilities = (i: number) => this.#doc.establishments![i]!.capabilities;
  flowId = (f: number) => this.#doc.flows[f]!.id;
  flowKind = (f: number) => this.#doc.flows[f]!.kind;
  flowStatus = (f: number) => this.#doc.flows[f]!.status;
  flowItem = (f: number) => this.#doc.flows[f]!.item;
  flowQuantity = (f: number) => this.#doc.flows[f]!.quantity;
  flowValueEur = (f: number) => this.#doc.flows[f]!.valueEur;
  resourceId = (r: number) => this.#doc.resources![r]!.id;
  resourceEstablishment = (r: number) => this.#doc.resources![r]!.establishment;
  resourceDirection = (r: number) => this.#doc.resources![r]!.direction;
  resourceItem = (r: number) => this.#doc.resources![r]!.item;
  resourceKind = (r: number) => this.#doc.resources![r]!.kind;
  resourceQuantity = (r: number) => this.#doc.resources![r]!.quantity;
}

/** An item from the `label`, `code` and `family` columns, or undefined when all are empty. */
function itemAt(table: TableColumns, row: number): Item | undefined {
  const label = cellString(table.columns['label'], row);
  const code = cellString(table.columns['code'], row);
  const family = cellString(table.columns['family'], row);
  if (label === undefined && code === undefined && family === undefined) return undefined;
  return {
    ...(label !== undefined ? { label } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(family !== undefined ? { family: family as NonNullable<Item['family']> } : {}),
  };
}

const column = (table: TableColumns, name: string): Column | undefined => table.columns[name];

/** A quantity from the `quantity` and `unit` columns (both, or none). */
function quantityAt(table: TableColumns, row: number): Quantity | undefined {
  const value = cellNumber(column(table, 'quantity'), row);
  const unit = cellString(column(table, 'unit'), row);
  return Number.isNaN(value) || unit === undefined ? undefined : { value, unit: unit as Unit };
}

/** The columnar form: reads of the columns (an absent column reads as empty). */
class ColumnRecords implements ToileRecords {
  readonly #e: TableColumns;
  readonly #f: TableColumns;
  readonly #r: TableColumns;
  readonly #data: ToileColumns;
  #owners: Map<number, number[]> | undefined;
  constructor(data: ToileColumns) {
    this.#data = data;
    this.#e = data.tables.establishments;
    this.#f = data.tables.flows;
    this.#r = data.tables.resources;
  }
  get establishmentCount() {
    return this.#e.rows;
  }
  get flowCount() {
    return this.#f.rows;
  }
  get resourceCount() {
    return this.#r.rows;
  }
  establishmentId = (i: number) => cellString(column(this.#e, 'id'), i) ?? '';
  establishmentName = (i: number) => cellString(column(this.#e, 'name'), i) ?? '';
  establishmentExternal = (i: number) => {
    const c = column(this.#e, 'external');
    return c?.type === 'boolean' && c.values[i] === 2;
  };
  establishmentSectors = (i: number) => {
    const c = column(this.#e, 'sectors');
    return c?.type === 'list' ? c.values[i] : undefined;
  };
  establishmentLocation = (i: number) => {
    const lat = cellNumber(column(this.#e, 'lat'), i);
    const lon = cellNumber(column(this.#e, 'lon'), i);
    if (Number.isNaN(lat) && Number.isNaN(lon)) return undefined;
    return { ...(Number.isNaN(lat) ? {} : { lat }), ...(Number.isNaN(lon) ? {} : { lon }) };
  };
  establishmentNaf = (i: number) => cellString(column(this.#e, 'naf'), i);
  establishmentCapabilities = (i: number): readonly Capability[] | undefined => {
    const rows = (this.#owners ??= capabilityRowsByOwner(this.#data)).get(i);
    return rows?.map((row) => capabilityAt(this.#data, row) as unknown as Capability);
  };
  flowId = (f: number) => cellString(column(this.#f, 'id'), f) ?? '';
  flowKind = (f: number) => cellString(column(this.#f, 'kind'), f) as FlowKind;
  flowStatus = (f: number) => cellString(column(this.#f, 'status'), f) as FlowStatus | undefined;
  flowItem = (f: number) => itemAt(this.#f, f);
  flowQuantity = (f: number) => quantityAt(this.#f, f);
  flowValueEur = (f: number) => {
    const v = cellNumber(column(this.#f, 'value_eur'), f);
    return Number.isNaN(v) ? undefined : v;
  };
  resourceId = (r: number) => cellString(column(this.#r, 'id'), r) ?? '';
  resourceEstablishment = (r: number) => cellString(column(this.#r, 'establishment'), r) ?? '';
  resourceDirection = (r: number) => cellString(column(this.#r, 'direction'), r) as 'offer' | 'need';
  resourceItem = (r: number) => itemAt(this.#r, r);
  resourceKind = (r: number) => cellString(column(this.#r, 'kind'), r) as FlowKind;
  resourceQuantity = (r: number) => quantityAt(this.#r, r);
}

const recordsCache = new WeakMap<object, ToileRecords>();
const indexCache = new WeakMap<object, GraphIndex>();

/** The record reader of a document or of its columnar form (one per input, kept weakly). */
export function recordsOf(data: RecordsInput): ToileRecords {
  let records = recordsCache.get(data);
  if (!records) recordsCache.set(data, (records = isToileColumns(data) ? new ColumnRecords(data) : new DocumentRecords(data)));
  return records;
}

/**
 * The graph index of a document or of its columnar form. Columns cannot change, so their index is
 * built on the first call and kept (weakly); a document may be edited, so its index is built anew,
 * as `buildIndex` always did.
 */
export function indexOf(data: ToileData): GraphIndex {
  if (!isToileColumns(data)) return buildIndex(data);
  let index = indexCache.get(data);
  if (!index) indexCache.set(data, (index = buildIndexFromColumns(data)));
  return index;
}
