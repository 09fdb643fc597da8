import type { ToileDocument } from '@toile/schema';
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
 * forbids become U+FFFD.
 */
export function toGraphml(doc: ToileDocument): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    keys('node', 'n_', NODE_ATTRIBUTES),
    keys('edge', 'e_', EDGE_ATTRIBUTES),
    `  <graph id="${escapeXml(doc.territory.id)}" edgedefault="directed">\n`,
  ];
  for (const e of doc.establishments) out.push(`    <node id="${escapeXml(e.id)}">${data('n_', NODE_ATTRIBUTES, e)}</node>\n`);
  for (const f of doc.flows) {
    out.push(`    <edge id="${escapeXml(f.id)}" source="${escapeXml(f.from)}" target="${escapeXml(f.to)}">${data('e_', EDGE_ATTRIBUTES, f)}</edge>\n`);
  }
  out.push('  </graph>\n</graphml>\n');
  return out.join('');
}
