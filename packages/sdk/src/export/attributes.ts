/**
 * The typed attributes every graph export writes, read from the records by one table so that GEXF,
 * GraphML, GeoJSON and JGF always agree.
 */
import type { Establishment, Flow } from '@toile/schema';

/** Attribute types, mapped to each format's own names. */
export type AttributeType = 'string' | 'integer' | 'double' | 'boolean';

/** One exported attribute. */
export interface ExportAttribute<T> {
  /** Attribute name, the same in every format. */
  id: string;
  /** Value type, declared in GEXF and GraphML so that readers get numbers and booleans back. */
  type: AttributeType;
  /** Reads the value from a record; undefined when the record has none (nothing is written). */
  read: (record: T) => string | number | boolean | undefined;
}

/** Node attributes (establishments). */
export const NODE_ATTRIBUTES: readonly ExportAttribute<Establishment>[] = [
  { id: 'name', type: 'string', read: (e) => e.name },
  { id: 'siret', type: 'string', read: (e) => e.siret },
  { id: 'naf', type: 'string', read: (e) => e.naf },
  { id: 'employees', type: 'integer', read: (e) => e.employees },
  { id: 'external', type: 'boolean', read: (e) => e.external ?? false },
  { id: 'sectors', type: 'string', read: (e) => e.sectors?.join('|') },
  { id: 'ess', type: 'boolean', read: (e) => e.ess },
  { id: 'status', type: 'string', read: (e) => e.status ?? 'active' },
  { id: 'city', type: 'string', read: (e) => e.location?.city },
  { id: 'postcode', type: 'string', read: (e) => e.location?.postcode },
  { id: 'lat', type: 'double', read: (e) => e.location?.lat },
  { id: 'lon', type: 'double', read: (e) => e.location?.lon },
];

/** Edge attributes (flows). */
export const EDGE_ATTRIBUTES: readonly ExportAttribute<Flow>[] = [
  { id: 'kind', type: 'string', read: (f) => f.kind },
  { id: 'label', type: 'string', read: (f) => f.item?.label },
  { id: 'code', type: 'string', read: (f) => f.item?.code },
  { id: 'family', type: 'string', read: (f) => f.item?.family },
  { id: 'quantity', type: 'double', read: (f) => f.quantity?.value },
  { id: 'unit', type: 'string', read: (f) => f.quantity?.unit },
  { id: 'valueEur', type: 'double', read: (f) => f.valueEur },
  { id: 'upstream', type: 'double', read: (f) => f.dependency?.upstream },
  { id: 'downstream', type: 'double', read: (f) => f.dependency?.downstream },
  { id: 'status', type: 'string', read: (f) => f.status ?? 'active' },
  { id: 'confidentiality', type: 'string', read: (f) => f.confidentiality ?? 'public' },
];

/** Plain object of a record's exported attributes (undefined ones left out). */
export function attributeValues<T>(attributes: readonly ExportAttribute<T>[], record: T): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const a of attributes) {
    const v = a.read(record);
    if (v !== undefined) out[a.id] = v;
  }
  return out;
}

// XML 1.0 cannot carry these characters at all, not even as references: C0 controls other than
// tab, line feed and carriage return, U+FFFE, U+FFFF, and UTF-16 surrogates that are not paired
// (they would not even encode to UTF-8).
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for an XML attribute or element: markup characters and quotes become entities, tab,
 * line feed and carriage return become character references (so attribute normalisation keeps
 * them), and characters XML 1.0 forbids become U+FFFD.
 */
export function escapeXml(value: string | number | boolean): string {
  return String(value)
    .replace(XML_FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
