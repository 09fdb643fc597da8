import type { ToileDocument } from '@toile/schema';
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
 * and the edge attributes as metadata. Serialise it with `JSON.stringify`.
 */
export function toJgf(doc: ToileDocument): JsonGraph {
  // A prototype-free object: ids such as "__proto__" stay plain keys.
  const nodes = Object.create(null) as JsonGraph['graph']['nodes'];
  for (const e of doc.establishments) nodes[e.id] = { label: e.name, metadata: attributeValues(NODE_ATTRIBUTES, e) };
  return {
    graph: {
      id: doc.territory.id,
      label: doc.meta.title,
      directed: true,
      type: 'toile',
      metadata: { territory: doc.territory.name, toile: doc.toile, ...(doc.meta.license ? { license: doc.meta.license } : {}) },
      nodes,
      edges: doc.flows.map((f) => ({
        id: f.id,
        source: f.from,
        target: f.to,
        relation: f.kind,
        directed: true,
        ...(f.item?.label !== undefined ? { label: f.item.label } : {}),
        metadata: attributeValues(EDGE_ATTRIBUTES, f),
      })),
    },
  };
}
