/**
 * The page side of the streamed force layout: starts `layout.worker.js` (d3-force), hands each frame
 * it posts to the caller, and ends the worker when the layout is done, aborted or fails.
 */
import { startWorker } from '../base/worker.ts';
import type { ForceFrame, ForceRequest } from './layout.worker.ts';

export type { ForceFrame } from './layout.worker.ts';

/**
 * A graph to lay out: node sizes, edges as pairs of node indices, and optional start positions
 * (x, y per node; NaN or no array places a node on a spiral). Copied to the worker, never detached.
 */
export type ForceInput = Omit<ForceRequest, 'intervalMs'>;

/** Options of {@link streamForceLayout}. */
export interface ForceOptions {
  /** Aborting ends the worker at once: the promise resolves with `undefined` and no frame follows. */
  signal?: AbortSignal;
  /** Milliseconds of layout work between two frames (200 by default). */
  intervalMs?: number;
}

/**
 * Lays out a graph with d3-force in a worker and streams the positions: `onFrame` is called with
 * each frame as it comes (the first after at most one interval of work, the last with `done: true`).
 *
 * @param input - Node sizes, edges and start positions, in drawing units.
 * @param onFrame - Called once per frame, on the main thread.
 * @param options - An abort signal and the interval between frames.
 * @returns The last frame, or `undefined` if aborted; rejects if the worker fails.
 *
 * @example
 * ```ts
 * const last = await streamForceLayout({ sizes, edges, start }, (frame) => draw(frame.positions), { signal });
 * ```
 */
export function streamForceLayout(input: ForceInput, onFrame: (frame: ForceFrame) => void, options: ForceOptions = {}): Promise<ForceFrame | undefined> {
  const { signal, intervalMs } = options;
  if (signal?.aborted) return Promise.resolve(undefined);
  return new Promise<ForceFrame | undefined>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorker('layout.worker.js', () => new Worker(new URL('./layout.worker.js', import.meta.url), { type: 'module' }));
    } catch (error) {
      reject(error);
      return;
    }
    let over = false;
    const finish = (settle: () => void) => {
      if (over) return;
      over = true;
      worker.onmessage = worker.onerror = worker.onmessageerror = null;
      signal?.removeEventListener('abort', abort);
      worker.terminate();
      settle();
    };
    const abort = () => finish(() => resolve(undefined));
    signal?.addEventListener('abort', abort, { once: true });
    worker.onmessage = (event: MessageEvent<ForceFrame>) => {
      const frame = event.data;
      try {
        onFrame(frame);
      } catch (error) {
        finish(() => reject(error));
        return;
      }
      if (frame.done) finish(() => resolve(frame));
    };
    worker.onerror = (event: ErrorEvent) => {
      // Handled here (the promise rejects): not also reported as the page's uncaught error.
      event.preventDefault();
      finish(() => reject(new Error(event.message || 'the force layout worker failed')));
    };
    worker.onmessageerror = () => finish(() => reject(new Error('the force layout worker sent an unreadable message')));
    const { sizes, edges, start } = input;
    worker.postMessage({ sizes, edges, ...(start ? { start } : {}), ...(intervalMs !== undefined ? { intervalMs } : {}) } satisfies ForceRequest);
  });
}
