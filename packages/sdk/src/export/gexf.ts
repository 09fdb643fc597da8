import type { ToileDocument } from '@toile/schema';
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, escapeXml, type AttributeType, type ExportAttribute } from './attributes.ts';

const GEXF_TYPE: Record<AttributeType, string> = { string: 'string', integer: 'integer', double: 'double', boolean: 'boolean' };

function declare<T>(kind: 'node' | 'edge', attributes: readonly ExportAttribute<T>[]): string {
  const lines = attributes.map((a) => `      <attribute id="${a.id}" title="${a.id}" type="${GEXF_TYPE[a.type]}"/>`);
  return `    <attributes class="${kind}">\n${lines.join('\n')}\n    </attributes>\n`;
}

function values<T>(attributes: readonly ExportAttribute<T>[], record: T): string {
  const parts: string[] = [];
  for (const a of attributes) {
    const v = a.read(record);
    if (v !== undefined) parts.push(`<attvalue for="${a.id}" value="${escapeXml(v)}"/>`);
  }
  return parts.length ? `<attvalues>${parts.join('')}</attvalues>` : '';
}

/**
 * GEXF 1.3 (Gephi): a directed graph with typed node and edge attributes; edge weight is the value
 * in euros when known, else 1. Text is XML-escaped; characters XML forbids become U+FFFD.
 */
export function toGexf(doc: ToileDocument): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n',
    `  <meta lastmodifieddate="${new Date().toISOString().slice(0, 10)}"><creator>Toile</creator><description>${escapeXml(doc.meta.title)}</description></meta>\n`,
    '  <graph defaultedgetype="directed" mode="static">\n',
    declare('node', NODE_ATTRIBUTES),
    declare('edge', EDGE_ATTRIBUTES),
    '    <nodes>\n',
  ];
  for (const e of doc.establishments) out.push(`      <node id="${escapeXml(e.id)}" label="${escapeXml(e.name)}">${values(NODE_ATTRIBUTES, e)}</node>\n`);
  out.push('    </nodes>\n    <edges>\n');
  for (const f of doc.flows) {
    const weight = f.valueEur && f.valueEur > 0 ? f.valueEur : 1;
    out.push(
      `      <edge id="${escapeXml(f.id)}" source="${escapeXml(f.from)}" target="${escapeXml(f.to)}" weight="${weight}" kind="${escapeXml(f.kind)}">${values(EDGE_ATTRIBUTES, f)}</edge>\n`,
    );
  }
  out.push('    </edges>\n  </graph>\n</gexf>\n');
  return out.join('');
}
