/**
 * GEXF export, for Gephi (https://gexf.net/1.3) and NetworkX. Version 1.3 is the current one (Gephi,
 * NetworkX ≥ 3); 1.2 (`1.2draft`, https://gexf.net/1.2draft) is what NetworkX 2.x reads.
 */
import type { ToileData } from '../columnar/records.ts';
import { exportSource, type ExportSource } from './source.ts';
import { batchChunks } from '../io/chunks.ts';
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

/** The GEXF versions written: `1.3` (default) and `1.2` (the `1.2draft` namespace). */
export type GexfVersion = '1.3' | '1.2';

/** The GEXF versions {@link toGexf} writes, newest first. */
export const GEXF_VERSIONS: readonly GexfVersion[] = ['1.3', '1.2'];

/** Options of {@link toGexf}. */
export interface GexfOptions {
  /** `1.3` (default; Gephi, NetworkX ≥ 3) or `1.2` (`1.2draft`; Gephi, NetworkX 2.x). */
  version?: GexfVersion;
}

const ROOT: Record<GexfVersion, string> = {
  '1.3': '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n',
  '1.2': '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">\n',
};

/** `meta.updated` as the xsd:date GEXF wants, when it names a whole day. */
function lastModified(doc: ExportSource): string {
  const day = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/.exec(doc.meta.updated ?? '')?.[0];
  return day ? ` lastmodifieddate="${day}"` : '';
}

/**
 * GEXF 1.3 (or 1.2 with `{ version: '1.2' }`): a directed graph with typed node and edge attributes (see
 * {@link NODE_ATTRIBUTES} and {@link EDGE_ATTRIBUTES}). The edge weight is the value in euros when
 * known, else 1; located establishments get a `viz:position` (x = longitude, y = latitude) so that
 * Gephi opens on a map-like layout. Text is XML-escaped; characters XML forbids become U+FFFD.
 * The output depends only on the document (no clock). One string: for a large document, write
 * {@link gexfChunks} to a stream instead.
 *
 * @example
 * ```ts
 * writeFileSync('toile.gexf', toGexf(doc));
 * ```
 */
export function toGexf(doc: ToileData, options: GexfOptions = {}): string {
  return Array.from(gexfParts(doc, checkedVersion(options))).join('');
}

/**
 * The text of {@link toGexf} in chunks of about 64 KiB (a line per establishment and per flow,
 * gathered), built as they are read: joined, they are `toGexf(doc, options)` byte for byte. Throws
 * at once on an unknown version.
 *
 * @example
 * ```ts
 * await pipeline(Readable.from(gexfChunks(doc)), createWriteStream('toile.gexf'));
 * ```
 */
export function gexfChunks(doc: ToileData, options: GexfOptions = {}): Generator<string, void, undefined> {
  return batchChunks(gexfParts(doc, checkedVersion(options)));
}

function checkedVersion(options: GexfOptions): GexfVersion {
  const version = options.version ?? '1.3';
  if (!Object.hasOwn(ROOT, version)) throw new RangeError(`GEXF version ${String(version)}: use ${GEXF_VERSIONS.join(' or ')}`);
  return version;
}

/** The pieces of the GEXF text: the header, a line per establishment and per flow, the end. */
function* gexfParts(data: ToileData, version: GexfVersion): Generator<string, void, undefined> {
  const doc = exportSource(data);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield ROOT[version];
  yield `  <meta${lastModified(doc)}><creator>Toile</creator><description>${escapeXml(doc.meta.title)}</description></meta>\n`;
  yield '  <graph defaultedgetype="directed" mode="static">\n';
  yield declare('node', NODE_ATTRIBUTES);
  yield declare('edge', EDGE_ATTRIBUTES);
  yield '    <nodes>\n';
  for (const e of doc.establishments()) {
    const { lat, lon } = e.location ?? {};
    const position = lat !== undefined && lon !== undefined ? `<viz:position x="${lon}" y="${lat}" z="0"/>` : '';
    yield `      <node id="${escapeXml(e.id)}" label="${escapeXml(e.name)}">${values(NODE_ATTRIBUTES, e)}${position}</node>\n`;
  }
  yield '    </nodes>\n    <edges>\n';
  for (const f of doc.flows()) {
    const weight = f.valueEur && f.valueEur > 0 ? f.valueEur : 1;
    const label = f.item?.label !== undefined ? ` label="${escapeXml(f.item.label)}"` : '';
    yield `      <edge id="${escapeXml(f.id)}" source="${escapeXml(f.from)}" target="${escapeXml(f.to)}"${label} weight="${weight}">${values(EDGE_ATTRIBUTES, f)}</edge>\n`;
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}
