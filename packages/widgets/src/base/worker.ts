/** A Worker constructor: the browser's, or one that boots a cross-origin script from a same-origin blob. */
export type WorkerConstructor = new (url: URL | string, options?: WorkerOptions) => Worker;

/**
 * Browsers refuse `new Worker()` for a script on another origin, which is where the kit's workers
 * live when it is loaded from a CDN. This constructor starts such a worker from a same-origin `blob:`
 * module that imports the script (the CDN must send CORS headers, as public CDNs do; a page with a
 * strict CSP needs `worker-src blob:` for this path, or serves the kit from its own origin).
 */
class CrossOriginWorker extends Worker {
  constructor(url: URL | string, options?: WorkerOptions) {
    const href = new URL(url, globalThis.location?.href).href;
    const blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(href)};`], { type: 'text/javascript' }));
    super(blobUrl, { ...options, type: 'module' });
    // The bootstrap is fetched as the worker starts; the URL can go soon after.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 30_000);
  }
}

let workerBase: URL | undefined;

/**
 * Where the kit's prebuilt workers are served from, for bundlers that do not build
 * `new Worker(new URL('./x.js', import.meta.url))` themselves (esbuild, Rollup without a worker
 * plugin, a plain `tsc` build). Copy `node_modules/@toile/widgets/dist/workers/` to your site and
 * give its URL (a string is resolved against the page's base URL); `null` goes back to the workers
 * the bundler built. Vite and webpack 5 need none of this.
 *
 * @example
 * ```ts
 * import { setWorkerBase } from '@toile/widgets';
 * setWorkerBase('/assets/toile-workers/'); // serves domino.worker.js and layout.worker.js
 * ```
 */
export function setWorkerBase(base: string | URL | null): void {
  workerBase = base === null ? undefined : new URL(String(base).replace(/\/?$/, '/'), globalThis.document?.baseURI ?? globalThis.location?.href);
}

/** The base set by {@link setWorkerBase}, if any. */
export function getWorkerBase(): URL | undefined {
  return workerBase;
}

/** Starts `start()` with the global `Worker` swapped for {@link CrossOriginWorker} (synchronous, restored at once). */
function crossOrigin(start: () => Worker): Worker {
  const native = globalThis.Worker;
  globalThis.Worker = CrossOriginWorker;
  try {
    return start();
  } finally {
    globalThis.Worker = native;
  }
}

/**
 * Starts a module worker. `start` must be the literal
 * `() => new Worker(new URL('./x.worker.js', import.meta.url), { type: 'module' })`: the global
 * `Worker` and a literal URL are what Vite and webpack 5 recognise to build the worker (a `Worker`
 * passed as a parameter is not). If the browser refuses the script's origin (the kit on a CDN),
 * `start` runs again with a `Worker` that boots the script from a same-origin blob. With a base set
 * by {@link setWorkerBase}, the prebuilt `file` is started from there instead.
 */
export function startWorker(file: string, start: () => Worker): Worker {
  const base = workerBase;
  const run = base ? () => new Worker(new URL(file, base), { type: 'module' }) : start;
  try {
    return run();
  } catch (error) {
    if ((error as { name?: string }).name !== 'SecurityError') throw error;
    return crossOrigin(run);
  }
}
