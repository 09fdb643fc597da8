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

/**
 * Starts a module worker: `start` is called with the browser's `Worker`, and again with
 * {@link CrossOriginWorker} if the browser refuses the script's origin. Call it as
 * `startWorker((Worker) => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' }))`:
 * the literal `new Worker(new URL(…, import.meta.url))` is what bundlers recognise to build the worker.
 */
export function startWorker(start: (Worker: WorkerConstructor) => Worker): Worker {
  try {
    return start(Worker);
  } catch (error) {
    if ((error as { name?: string }).name !== 'SecurityError') throw error;
    return start(CrossOriginWorker);
  }
}
