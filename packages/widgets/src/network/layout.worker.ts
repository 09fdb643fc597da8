/**
 * Force-directed layout off the main thread, streamed: a d3-force simulation in a module worker that
 * posts the positions every `intervalMs` of work, so the page draws a first picture at once and
 * refines it while the layout settles. The page side is `streamForceLayout` in `./force.ts`.
 *
 * Deterministic: the same request gives the same frames' positions (d3-force's seeded random source,
 * ticks counted rather than timed; only how many ticks each frame spans depends on the machine).
 */
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type Force,
  type Simulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';

/** What the page sends to start a layout. */
export interface ForceRequest {
  /** Node diameters, in drawing units (10–50 in `<toile-network>`). */
  sizes: Float32Array;
  /** Edges as pairs of node indices (`[s0, t0, s1, t1, …]`); pairs out of range and self-loops are ignored. */
  edges: Uint32Array;
  /** Starting x, y per node; a NaN (or no array) places the node on a phyllotaxis spiral. */
  start?: Float32Array;
  /** Milliseconds of work between two frames (200 by default). */
  intervalMs?: number;
}

/** Ends the running layout early: one last frame comes, with `done: true`. */
export interface ForceStop {
  type: 'stop';
}

/** One frame of the layout. */
export interface ForceFrame {
  /** x, y per node, in the request's order and drawing units. */
  positions: Float32Array;
  /** Simulation ticks run so far. */
  tick: number;
  /** Whether this is the last frame (settled, tick cap reached or stopped). */
  done: boolean;
}

/**
 * The request of the fcose worker this one replaces, still accepted until `<toile-network>` moves to
 * `streamForceLayout`: with `ids` present the worker posts only the final frame, as fcose did.
 * @deprecated Use {@link ForceRequest} through `streamForceLayout`.
 */
export type LayoutRequest = ForceRequest & { ids?: string[] };
/** @deprecated Use {@link ForceFrame}. */
export type LayoutResponse = ForceFrame;

/** Ticks after which the layout stops even if it has not settled (alpha reaches alphaMin in about as many). */
const MAX_TICKS = 300;
const DEFAULT_INTERVAL_MS = 200;

interface Node extends SimulationNodeDatum {
  size: number;
}
type Link = SimulationLinkDatum<Node>;

/** The running layout, if any: a stop message ends it with a last frame, a new request silently. */
let current: { stopped: boolean } | undefined;

const post = (frame: ForceFrame) => (self as unknown as Worker).postMessage(frame, [frame.positions.buffer]);

self.onmessage = (event: MessageEvent<LayoutRequest | ForceStop>) => {
  const data = event.data;
  if ('type' in data) {
    if (current) current.stopped = true;
    return;
  }
  run(data);
};

/**
 * Runs one layout to the end, in batches of `intervalMs` of ticks (the first counting the set-up),
 * each followed by a frame and a yield to the event loop, where a stop message can be read.
 */
function run(request: LayoutRequest): void {
  const state = { stopped: false };
  current = state;
  let until = performance.now();
  // The fcose-era caller (with ids) awaits a single message: it gets the last frame only.
  const stream = request.ids === undefined;
  const interval = Math.max(1, request.intervalMs ?? DEFAULT_INTERVAL_MS);
  const nodes = initialNodes(request.sizes, request.start);
  const simulation = simulate(nodes, links(request.edges, nodes.length));
  const settled = () => simulation.alpha() < simulation.alphaMin();
  let tick = 0;
  const batch = () => {
    if (current !== state) return;
    until += interval;
    do {
      simulation.tick();
      tick++;
    } while (!state.stopped && tick < MAX_TICKS && !settled() && performance.now() < until);
    const done = state.stopped || tick >= MAX_TICKS || settled();
    if (stream || done) post({ positions: positionsOf(nodes), tick, done });
    if (done) current = undefined;
    else {
      setTimeout(batch, 0);
      until = Math.max(until, performance.now());
    }
  };
  batch();
}

/** Nodes at their start positions, or on a phyllotaxis spiral (spaced by the mean size) around the others' centre. */
function initialNodes(sizes: Float32Array, start: Float32Array | undefined): Node[] {
  const n = sizes.length;
  const at = (i: number) => [start?.[2 * i] ?? NaN, start?.[2 * i + 1] ?? NaN] as const;
  let cx = 0;
  let cy = 0;
  let placed = 0;
  for (let i = 0; i < n; i++) {
    const [x, y] = at(i);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    cx += x;
    cy += y;
    placed++;
  }
  if (placed > 0) {
    cx /= placed;
    cy /= placed;
  }
  const spacing = 0.8 * meanSize(sizes);
  const golden = Math.PI * (3 - Math.sqrt(5));
  const nodes: Node[] = [];
  for (let i = 0, k = 0; i < n; i++) {
    const size = sizeOf(sizes, i);
    const [x, y] = at(i);
    if (Number.isFinite(x) && Number.isFinite(y)) nodes.push({ size, x, y });
    else {
      const radius = spacing * Math.sqrt(0.5 + k);
      const angle = k++ * golden;
      nodes.push({ size, x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) });
    }
  }
  return nodes;
}

/** A node's size, 20 when missing or not positive. */
const sizeOf = (sizes: Float32Array, i: number) => {
  const s = sizes[i]!;
  return Number.isFinite(s) && s > 0 ? s : 20;
};

function meanSize(sizes: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < sizes.length; i++) sum += sizeOf(sizes, i);
  return sizes.length > 0 ? sum / sizes.length : 20;
}

/** The edges as d3 links by node index, without pairs out of range or self-loops. */
function links(edges: Uint32Array, n: number): Link[] {
  const out: Link[] = [];
  for (let k = 0; k + 1 < edges.length; k += 2) {
    const source = edges[k]!;
    const target = edges[k + 1]!;
    if (source < n && target < n && source !== target) out.push({ source, target });
  }
  return out;
}

/**
 * The simulation, stopped (the worker ticks it). Charge and link length scale with node sizes, and
 * the charge's reach with the square root of the node count (a fixed reach would pack large networks
 * ever denser): about a third of the drawing is covered by nodes whatever the network's size. A weak
 * pull to the centre keeps separate components together. Collisions are resolved once the big moves
 * are over ({@link COLLIDE_BELOW}): early on, nodes still cross each other and the term would cost
 * as much as the charge for little.
 */
function simulate(nodes: Node[], edges: Link[]): Simulation<Node, Link> {
  const mean = nodes.reduce((s, n) => s + n.size, 0) / Math.max(1, nodes.length);
  const cx = nodes.reduce((s, n) => s + n.x!, 0) / Math.max(1, nodes.length);
  const cy = nodes.reduce((s, n) => s + n.y!, 0) / Math.max(1, nodes.length);
  const size = (node: Link['source']) => (node as Node).size;
  return forceSimulation(nodes)
    .stop()
    .force(
      'charge',
      forceManyBody<Node>()
        .theta(0.9)
        .distanceMax(mean * Math.max(25, 0.4 * Math.sqrt(nodes.length)))
        .strength((n) => -4 * n.size),
    )
    .force(
      'link',
      forceLink<Node, Link>(edges).distance((l) => (size(l.source) + size(l.target)) / 2 + mean),
    )
    .force('collide', late(forceCollide<Node>((n) => n.size / 2 + 1).strength(0.7)))
    .force('x', forceX<Node>(cx).strength(0.007))
    .force('y', forceY<Node>(cy).strength(0.007));
}

/** Alpha below which collisions are resolved: the last ~170 of the 300 ticks. */
const COLLIDE_BELOW = 0.05;

/** `force`, applied only once alpha is below {@link COLLIDE_BELOW}. */
function late(force: Force<Node, Link>): Force<Node, Link> {
  const gated: Force<Node, Link> = (alpha) => {
    if (alpha < COLLIDE_BELOW) force(alpha);
  };
  gated.initialize = (nodes, random) => force.initialize?.(nodes, random);
  return gated;
}

/** The nodes' positions as x, y pairs. */
function positionsOf(nodes: readonly Node[]): Float32Array {
  const positions = new Float32Array(nodes.length * 2);
  nodes.forEach((n, i) => {
    positions[2 * i] = n.x!;
    positions[2 * i + 1] = n.y!;
  });
  return positions;
}
