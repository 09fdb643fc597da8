/**
 * Force-directed layout (fcose) off the main thread: a headless cytoscape in a module worker. Large
 * networks take seconds to lay out; here the page stays responsive while they do.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

/** What the page sends: node ids with sizes, and edges as pairs of node positions in `ids`. */
export interface LayoutRequest {
  ids: string[];
  sizes: Float32Array;
  edges: Uint32Array;
  /** Starting positions (x, y per node) or undefined to randomise. */
  start?: Float32Array;
}

/** What comes back: x, y per node, in the order of the request's ids. */
export interface LayoutResponse {
  positions: Float32Array;
}

cytoscape.use(fcose);

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { ids, sizes, edges, start } = event.data;
  const elements: cytoscape.ElementDefinition[] = [];
  for (let i = 0; i < ids.length; i++) {
    elements.push({ group: 'nodes', data: { id: ids[i]!, size: sizes[i]! }, ...(start ? { position: { x: start[2 * i]!, y: start[2 * i + 1]! } } : {}) });
  }
  for (let k = 0; k < edges.length; k += 2) {
    elements.push({ group: 'edges', data: { id: `e${k}`, source: ids[edges[k]!]!, target: ids[edges[k + 1]!]! } });
  }
  const cy = cytoscape({ headless: true, styleEnabled: true, elements, style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }] });
  // fcose's draft quality is its spectral step alone, which needs randomize: the fast path for large networks.
  const layout = cy.layout({ name: 'fcose', quality: 'draft', animate: false, randomize: true, nodeRepulsion: () => 6000, idealEdgeLength: () => 60 } as cytoscape.LayoutOptions);
  layout.one('layoutstop', () => {
    const positions = new Float32Array(ids.length * 2);
    ids.forEach((id, i) => {
      const p = cy.getElementById(id).position();
      positions[2 * i] = p.x;
      positions[2 * i + 1] = p.y;
    });
    (self as unknown as Worker).postMessage({ positions } satisfies LayoutResponse, [positions.buffer]);
    cy.destroy();
  });
  layout.run();
};
