import type { Core, CytoscapeOptions, ElementDefinition, Ext, StylesheetJson } from 'cytoscape';
import type { ForceInput } from './force.ts';

/** What the force layout reads of a drawing: ids, sizes, positions and edges (a {@link MapModel} has them all). */
export interface LayoutSource {
  readonly ids: readonly string[];
  readonly size: Float32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly edgeFrom: Uint32Array;
  readonly edgeTo: Uint32Array;
}

/** The worker's input for a layout source (unplaced establishments, NaN, start on the worker's spiral). */
export function forceInput(source: LayoutSource): { ids: string[]; input: ForceInput } {
  const ids = [...source.ids];
  const start = new Float32Array(ids.length * 2);
  for (let i = 0; i < ids.length; i++) {
    start[2 * i] = source.x[i]!;
    start[2 * i + 1] = source.y[i]!;
  }
  const edges = new Uint32Array(source.edgeFrom.length * 2);
  for (let m = 0; m < source.edgeFrom.length; m++) {
    edges[2 * m] = source.edgeFrom[m]!;
    edges[2 * m + 1] = source.edgeTo[m]!;
  }
  return { ids, input: { sizes: new Float32Array(source.size), edges, start } };
}

/**
 * cytoscape injects a `<style id="__________cytoscape_stylesheet">` into the page's head unless an
 * element with that id exists: a strict CSP (no 'unsafe-inline' styles) refuses it, and the rule it
 * holds (`position: relative` on the container) is in our shadow styles already. An empty, inert
 * `<meta>` with that id keeps cytoscape from trying.
 */
export function claimCytoscapeStylesheet(document: Document): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  document.head.append(marker);
}

let fcoseRegistered = false;
/** Registers fcose with cytoscape once. */
export function registerFcose(cytoscape: { use(extension: Ext): void }, fcose: Ext): void {
  if (fcoseRegistered) return;
  fcoseRegistered = true;
  cytoscape.use(fcose);
}

let webgl2: boolean | undefined;
/**
 * Whether the browser can draw with WebGL 2 (probed once). cytoscape's WebGL mode throws without it,
 * and, having tried, asks every later instance of the page for a WebGL layer too: the element falls
 * back to the canvas renderer before asking.
 */
export function hasWebGL2(): boolean {
  if (webgl2 === undefined) {
    const context = document.createElement('canvas').getContext('webgl2');
    webgl2 = context !== null;
    context?.getExtension('WEBGL_lose_context')?.loseContext();
  }
  return webgl2;
}

/**
 * The options of a `<toile-network>`'s cytoscape: preset positions (the layouts place nodes
 * themselves), a wide zoom range, cached textures while panning a heavy graph, and cytoscape's WebGL
 * mode when asked for and the browser has WebGL 2.
 */
export function cytoscapeOptions(o: {
  container: HTMLElement;
  elements: ElementDefinition[];
  style: StylesheetJson;
  heavy: boolean;
  webgl: boolean;
}): CytoscapeOptions {
  const options: CytoscapeOptions & { renderer?: { name: string; webgl?: boolean } } = {
    container: o.container,
    elements: o.elements,
    minZoom: 0.005,
    maxZoom: 8,
    textureOnViewport: o.heavy,
    hideEdgesOnViewport: o.heavy,
    motionBlur: false,
    style: o.style,
    layout: { name: 'preset', fit: false },
    ...(o.webgl && hasWebGL2() ? { renderer: { name: 'canvas', webgl: true } } : {}),
  };
  return options;
}

/**
 * Calls `ready` once, at cytoscape's first frame: its canvas renderer says so with 'render'; its
 * WebGL mode does not, so two animation frames after construction stand in for it.
 */
export function onFirstFrame(cy: Core, ready: () => void): void {
  let announced = false;
  const once = () => {
    if (announced || cy.destroyed()) return;
    announced = true;
    ready();
  };
  cy.one('render', once);
  requestAnimationFrame(() => requestAnimationFrame(once));
}
