import type { Core, LayoutOptions } from 'cytoscape';
import { streamForceLayout, type ForceFrame } from './force.ts';
import { forceInput, registerFcose, type LayoutSource } from './cytoscape-support.ts';

/** What a force layout asks of the view it lays out. */
export interface LayoutHost {
  /** The drawing area: a pointer or wheel on it stops the view from following the layout. */
  container(): HTMLElement | undefined;
  /** Puts positions (x, y per id) on the drawing. */
  place(cy: Core, ids: readonly string[], positions: Float32Array): void;
  /** Fits the view to the drawing. */
  fit(): void;
  /** Called once per applied frame, after the fit (an aggregated view recomputes itself). */
  moved(): void;
  /** Says a layout is running (`true`) or over (`false`). */
  busy(running: boolean): void;
  /** Tells the page a frame was applied. */
  frame(detail: { done: boolean; ms: number }): void;
}

/**
 * Runs the force layouts of one `<toile-network>`: fcose on the main thread for small networks,
 * d3-force streamed from a worker for large ones. A newer run makes older ones drop their frames.
 */
export class LayoutRunner {
  private run = 0;
  private abortController: AbortController | undefined;

  constructor(private readonly host: LayoutHost) {}

  /** Stops the streamed layout, if one runs. */
  abort(): void {
    this.abortController?.abort();
    this.abortController = undefined;
  }

  /** fcose on the main thread, animated on small networks unless the reader asks for less motion. */
  async fcose(cy: Core): Promise<void> {
    const run = ++this.run;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const { default: fcose } = await import('cytoscape-fcose');
    const { default: cytoscape } = await import('cytoscape');
    registerFcose(cytoscape, fcose);
    if (run !== this.run || cy.destroyed()) return;
    cy.layout({
      name: 'fcose',
      animate: !reduced && cy.nodes().length < 300,
      randomize: false,
      quality: 'default',
      nodeRepulsion: () => 8000,
      padding: 20,
    } as LayoutOptions).run();
  }

  /**
   * d3-force in a worker: started as soon as the model exists (while cytoscape is still being
   * built), its frames applied once per animation frame (the latest one) after `drawn` resolves
   * with the cytoscape instance. Resolves when the layout is done.
   */
  async stream(model: LayoutSource, drawn: Promise<Core | undefined>): Promise<void> {
    const run = ++this.run;
    const host = this.host;
    host.busy(true);
    const { ids, input } = forceInput(model);
    this.abort();
    const abort = (this.abortController = new AbortController());
    // The view follows the growing layout until the reader takes it over (a drag, a wheel, a pinch).
    let follow = true;
    const stopFollowing = () => (follow = false);
    const started = performance.now();
    let cy: Core | undefined;
    let latest: ForceFrame | undefined;
    let frameRequest = 0;
    const apply = () => {
      frameRequest = 0;
      const frame = latest;
      if (!frame || !cy || run !== this.run || cy.destroyed()) return;
      latest = undefined;
      host.place(cy, ids, frame.positions);
      if (follow || frame.done) host.fit();
      host.moved();
      if (frame.done) host.busy(false);
      host.frame({ done: frame.done, ms: Math.round(performance.now() - started) });
    };
    const onFrame = (frame: ForceFrame) => {
      // The last frame always counts; between two page frames only the newest is drawn.
      if (!latest?.done) latest = frame;
      if (cy && !frameRequest) frameRequest = requestAnimationFrame(apply);
    };
    const layout = streamForceLayout(input, onFrame, { signal: abort.signal });
    const container = host.container();
    try {
      cy = await drawn;
      if (!cy) return abort.abort();
      container?.addEventListener('pointerdown', stopFollowing, { once: true });
      container?.addEventListener('wheel', stopFollowing, { once: true, passive: true });
      if (latest) apply();
      await layout;
      cancelAnimationFrame(frameRequest);
      apply();
    } catch (error) {
      console.warn('[toile] force layout failed; the geographic positions are kept.', error);
    } finally {
      container?.removeEventListener('pointerdown', stopFollowing);
      container?.removeEventListener('wheel', stopFollowing);
      if (this.abortController === abort) this.abortController = undefined;
      if (run === this.run) host.busy(false);
    }
  }
}
