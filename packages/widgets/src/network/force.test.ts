/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { streamForceLayout, type ForceFrame, type ForceInput } from './force.ts';
import type { LayoutRequest } from './layout.worker.ts';
import { mulberry32 as random } from '@toile/testkit';

/**
 * A territory-like graph: `n` nodes of size 10–50 scattered on a 1000-unit map, `m` edges, most of
 * them inside clusters of 50 nodes, the rest anywhere.
 */
function graph(n: number, m: number, seed = 1): ForceInput {
  const rand = random(seed);
  const sizes = new Float32Array(n).map(() => 10 + 40 * rand());
  const start = new Float32Array(2 * n).map(() => 1000 * rand());
  const edges = new Uint32Array(2 * m);
  for (let k = 0; k < m; k++) {
    const s = Math.floor(rand() * n);
    const cluster = Math.floor(s / 50) * 50;
    const t = rand() < 0.8 ? Math.min(n - 1, cluster + Math.floor(rand() * 50)) : Math.floor(rand() * n);
    edges[2 * k] = s;
    edges[2 * k + 1] = t === s ? (s + 1) % n : t;
  }
  return { sizes, edges, start };
}

const distance = (p: Float32Array, i: number, j: number) => Math.hypot(p[2 * i]! - p[2 * j]!, p[2 * i + 1]! - p[2 * j + 1]!);

/** Mean distance between the ends of the edges, and between as many random pairs of nodes. */
function spread(input: ForceInput, p: Float32Array): { linked: number; any: number } {
  const rand = random(99);
  const n = input.sizes.length;
  const m = input.edges.length / 2;
  let linked = 0;
  let any = 0;
  for (let k = 0; k < m; k++) {
    linked += distance(p, input.edges[2 * k]!, input.edges[2 * k + 1]!);
    any += distance(p, Math.floor(rand() * n), Math.floor(rand() * n));
  }
  return { linked: linked / m, any: any / m };
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

describe('streamForceLayout (d3-force in a worker)', function () {
  // A guard against hangs, not a performance assertion: 5,000-node layouts on two busy cores.
  this.timeout(120_000);
  const big = graph(5000, 20000);
  const frames: ForceFrame[] = [];
  let last: ForceFrame | undefined;
  let paintedDuringRun = 0;

  before(async () => {
    // Count the animation frames the page paints while the layout runs: the main thread stays free.
    let running = true;
    const count = () => {
      if (!running) return;
      paintedDuringRun++;
      requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    last = await streamForceLayout(big, (frame) => frames.push(frame));
    running = false;
  });

  it('streams several frames on 5,000 nodes / 20,000 edges, then a last one marked done', () => {
    expect(frames.length).to.be.greaterThan(2);
    expect(last).to.equal(frames.at(-1));
    expect(last!.done).to.equal(true);
    expect(frames.slice(0, -1).every((f) => !f.done)).to.equal(true);
    const ticks = frames.map((f) => f.tick);
    expect(ticks).to.deep.equal([...ticks].sort((a, b) => a - b));
    expect(frames.every((f) => f.positions.length === 2 * 5000)).to.equal(true);
  });

  it('ends with finite, distinct positions where linked nodes are closer than random pairs', () => {
    const p = last!.positions;
    expect(p.every(Number.isFinite)).to.equal(true);
    expect(new Set(p).size).to.be.greaterThan(1000);
    const { linked, any } = spread(big, p);
    expect(linked).to.be.lessThan(any / 2);
  });

  it('keeps the main thread free while it runs', () => {
    expect(paintedDuringRun).to.be.greaterThan(0);
  });

  it('gives the same positions for the same input, however the frames are batched', async () => {
    const again = await streamForceLayout(big, () => {}, { intervalMs: 50 });
    expect(again!.tick).to.equal(last!.tick);
    expect(Array.from(again!.positions)).to.deep.equal(Array.from(last!.positions));
  });

  it('stops when aborted: resolves with undefined and sends no frame after', async () => {
    const controller = new AbortController();
    const seen: ForceFrame[] = [];
    const result = await streamForceLayout(
      big,
      (frame) => {
        seen.push(frame);
        controller.abort();
      },
      { signal: controller.signal, intervalMs: 20 },
    );
    expect(result).to.equal(undefined);
    for (let i = 0; i < 10; i++) await nextFrame();
    expect(seen.length).to.equal(1);
    expect(seen[0]!.done).to.equal(false);
  });

  it('starts nothing when the signal is already aborted', async () => {
    const seen: ForceFrame[] = [];
    expect(await streamForceLayout(big, (f) => seen.push(f), { signal: AbortSignal.abort() })).to.equal(undefined);
    expect(seen).to.deep.equal([]);
  });

  it('lays out a tiny graph without edges or start positions (spiral start)', async () => {
    const sizes = [20, 30, 40];
    const tiny = await streamForceLayout({ sizes: new Float32Array(sizes), edges: new Uint32Array(0) }, () => {});
    expect(tiny!.done).to.equal(true);
    const p = tiny!.positions;
    expect(p.length).to.equal(6);
    expect(p.every(Number.isFinite)).to.equal(true);
    // Apart by at least most of the sum of their radii (collision), yet together (centring).
    for (const [i, j] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      expect(distance(p, i, j)).to.be.greaterThan(0.8 * ((sizes[i]! + sizes[j]!) / 2));
      expect(distance(p, i, j)).to.be.lessThan(1000);
    }
  });

  it('accepts an empty graph and partial start positions', async () => {
    expect((await streamForceLayout({ sizes: new Float32Array(0), edges: new Uint32Array(0) }, () => {}))!.positions.length).to.equal(0);
    const partial = await streamForceLayout(
      { sizes: new Float32Array([20, 20]), edges: new Uint32Array([0, 1]), start: new Float32Array([500, 500, NaN, NaN]) },
      () => {},
    );
    expect(partial!.positions.every(Number.isFinite)).to.equal(true);
  });

  it('rejects when the worker fails', async () => {
    const broken = { sizes: undefined, edges: new Uint32Array(0) } as unknown as ForceInput;
    let failure: unknown;
    await streamForceLayout(broken, () => {}).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(Error);
  });

  describe('the worker protocol', () => {
    /** Frames the worker posts for `request`, the action called on each, until the one marked done. */
    const talk = (request: LayoutRequest, each: (worker: Worker, frame: ForceFrame) => void = () => {}) =>
      new Promise<ForceFrame[]>((resolve, reject) => {
        const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
        const frames: ForceFrame[] = [];
        worker.onmessage = (event: MessageEvent<ForceFrame>) => {
          frames.push(event.data);
          each(worker, event.data);
          if (!event.data.done) return;
          worker.terminate();
          resolve(frames);
        };
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage(request);
      });

    it("ends early on { type: 'stop' }, with a last frame marked done", async () => {
      const frames = await talk({ ...big, intervalMs: 20 }, (worker, frame) => {
        if (frame.tick > 0 && !frame.done) worker.postMessage({ type: 'stop' });
      });
      expect(frames.at(-1)!.done).to.equal(true);
      // The worker's cap is 300 ticks.
      expect(frames.at(-1)!.tick).to.be.lessThan(300);
    });

    it('answers the fcose-era request (with ids) with the last frame only', async () => {
      const small = graph(300, 900);
      const frames = await talk({ ...small, ids: Array.from(small.sizes, (_, i) => `n${i}`), intervalMs: 1 });
      expect(frames.length).to.equal(1);
      expect(frames[0]!.done).to.equal(true);
    });
  });
});
