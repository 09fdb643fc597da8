import type { Establishment, Flow } from '@toile/schema';
import type { ToileData } from '../columnar/records.ts';
import { exportSource, type ExportSource } from './source.ts';
import { jsonChunks, LazyJsonArray, LazyJsonObject } from '../io/write-json.ts';
import { EDGE_ATTRIBUTES, NODE_ATTRIBUTES, attributeValues } from './attributes.ts';

/** JSON Graph Format v2 (jsongraphformat.info): one directed graph. */
export interface JsonGraph {
  graph: {
    id: string;
    label: string;
    directed: true;
    type: 'toile';
    metadata: Record<string, unknown>;
    nodes: Record<string, { label: string; metadata: Record<string, string | number | boolean> }>;
    edges: {
      id: string;
      source: string;
      target: string;
      relation: string;
      directed: true;
      label?: string;
      metadata: Record<string, string | number | boolean>;
    }[];
  };
}

/**
 * JSON Graph Format v2 (https://jsongraphformat.info): one directed graph, nodes keyed by
 * establishment id with the node attributes as metadata, edges with the flow kind as `relation`
 * and the edge attributes as metadata. Serialise it with `JSON.stringify`; for a large document,
 * write {@link jgfChunks} to a stream instead.
 */
export function toJgf(data: ToileData): JsonGraph {
  const doc = exportSource(data);
  // A prototype-free object: ids such as "__proto__" stay plain keys.
  const nodes = Object.create(null) as JsonGraph['graph']['nodes'];
  for (const e of doc.establishments()) nodes[e.id] = jgfNode(e);
  return { graph: { ...jgfHead(doc), nodes, edges: Array.from(doc.flows(), jgfEdge) } };
}

/**
 * The text `JSON.stringify(toJgf(doc), null, 2)` followed by a line break, in chunks of about
 * 64 KiB, each node and edge built as it is written: the graph is never held whole, nor its text.
 *
 * @example
 * ```ts
 * await pipeline(Readable.from(jgfChunks(doc)), createWriteStream('toile.jgf.json'));
 * ```
 */
export function* jgfChunks(data: ToileData): Generator<string, void, undefined> {
  const doc = exportSource(data);
  // The node keys in the order `toJgf`'s object has them (integer-like ids first, ascending; a
  // repeated id where it first came, with its last record), from an object of indexes only.
  const last = Object.create(null) as Record<string, number>;
  let i = 0;
  for (const e of doc.establishments()) last[e.id] = i++;
  function* nodes(): Generator<readonly [string, JsonGraph['graph']['nodes'][string]], void, undefined> {
    for (const id of Object.keys(last)) yield [id, jgfNode(doc.establishment(last[id] as number))];
  }
  function* edges(): Generator<JsonGraph['graph']['edges'][number], void, undefined> {
    for (const f of doc.flows()) yield jgfEdge(f);
  }
  yield* jsonChunks({ graph: { ...jgfHead(doc), nodes: new LazyJsonObject(nodes()), edges: new LazyJsonArray(edges()) } });
  yield '\n';
}

function jgfHead(doc: ExportSource): Omit<JsonGraph['graph'], 'nodes' | 'edges'> {
  return {
    id: doc.territory.id,
    label: doc.meta.title,
    directed: true,
    type: 'toile',
    metadata: { territory: doc.territory.name, toile: doc.toile, ...(doc.meta.license ? { license: doc.meta.license } : {}) },
  };
}

function jgfNode(e: Establishment): JsonGraph['graph']['nodes'][string] {
  return { label: e.name, metadata: attributeValues(NODE_ATTRIBUTES, e) };
}

function jgfEdge(f: Flow): JsonGraph['graph']['edges'][number] {
  return {
    id: f.id,
    source: f.from,
    target: f.to,
    relation: f.kind,
    directed: true,
    ...(f.item?.label !== undefined ? { label: f.item.label } : {}),
    metadata: attributeValues(EDGE_ATTRIBUTES, f),
  };
}
