import type { ToileData } from '../columnar/records.ts';
import { exportSource } from './source.ts';
import { batchChunks } from '../io/chunks.ts';
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, escapeXml, type AttributeType, type ExportAttribute } from './attributes.ts';

const GRAPHML_TYPE: Record<AttributeType, string> = { string: 'string', integer: 'int', double: 'double', boolean: 'boolean' };

function keys<T>(kind: 'node' | 'edge', prefix: string, attributes: readonly ExportAttribute<T>[]): string {
  return attributes.map((a) => `  <key id="${prefix}${a.id}" for="${kind}" attr.name="${a.id}" attr.type="${GRAPHML_TYPE[a.type]}"/>\n`).join('');
}

function data<T>(prefix: string, attributes: readonly ExportAttribute<T>[], record: T): string {
  let out = '';
  for (const a of attributes) {
    const v = a.read(record);
    if (v !== undefined) out += `<data key="${prefix}${a.id}">${escapeXml(v)}</data>`;
  }
  return out;
}

/**
 * GraphML (yEd, Gephi, NetworkX `read_graphml`): a directed graph with typed `key` declarations
 * (`n_` node keys, `e_` edge keys, named by their attribute). Text is XML-escaped; characters XML
 * forbids become U+FFFD. One string: for a large document, write {@link graphmlChunks} to a stream.
 */
export function toGraphml(doc: ToileData): string {
  return Array.from(graphmlParts(doc)).join('');
}

/**
 * The text of {@link toGraphml} in chunks of about 64 KiB (a line per establishment and per flow,
 * gathered), built as they are read: joined, they are `toGraphml(doc)` byte for byte.
 *
 * @example
 * ```ts
 * await pipeline(Readable.from(graphmlChunks(doc)), createWriteStream('toile.graphml'));
 * ```
 */
export function graphmlChunks(doc: ToileData): Generator<string, void, undefined> {
  return batchChunks(graphmlParts(doc));
}

/** The pieces of the GraphML text: the header, a line per establishment and per flow, the end. */
function* graphmlParts(input: ToileData): Generator<string, void, undefined> {
  const doc = exportSource(input);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  yield keys('node', 'n_', NODE_ATTRIBUTES);
  yield keys('edge', 'e_', EDGE_ATTRIBUTES);
  yield `  <graph id="${escapeXml(doc.territory.id)}" edgedefault="directed">\n`;
  for (const e of doc.establishments()) yield `    <node id="${escapeXml(e.id)}">${data('n_', NODE_ATTRIBUTES, e)}</node>\n`;
  for (const f of doc.flows()) {
    yield `    <edge id="${escapeXml(f.id)}" source="${escapeXml(f.from)}" target="${escapeXml(f.to)}">${data('e_', EDGE_ATTRIBUTES, f)}</edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}
