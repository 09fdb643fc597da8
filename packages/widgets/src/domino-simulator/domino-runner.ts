/**
 * Where a domino simulation runs: on the main thread for small networks, in a module Web Worker for
 * large ones. Both runners call the SDK (`runDomino`, `rankSystemic`); neither re-implements a model.
 * The worker receives the document once, prepares the index and the matrix once, then answers runs.
 */
import { startWorker } from '../base/worker.ts';
import { prepareDomino, rankSystemic, runDomino, type DominoOutcome, type DominoRequest, type PreparedDomino, type SystemicEntry } from '@toile/sdk';
import type { ToileDocument } from '@toile/schema';

/** What the systemic ranking is asked for. */
export interface RankRequest {
  model: 'cascade' | 'iim';
  threshold: number;
  /** Keep the best N. */
  top: number;
  /** Rank outside partners too. */
  includeExternal?: boolean;
}

/** Messages to the worker. */
export type ToWorker =
  | { type: 'load'; doc: ToileDocument }
  | { type: 'run'; id: number; request: DominoRequest }
  | { type: 'rank'; id: number; request: RankRequest }
  | { type: 'cancel'; id: number };

/** Messages from the worker. */
export type FromWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; outcome: DominoOutcome }
  | { type: 'ranking'; id: number; ranking: SystemicEntry[] }
  | { type: 'error'; id: number; name: string; message: string };

/** Runs simulations and rankings for one document. */
export interface DominoRunner {
  /** Where the work happens. */
  readonly kind: 'worker' | 'main';
  run(request: DominoRequest, signal: AbortSignal): Promise<DominoOutcome>;
  rank(request: RankRequest, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<SystemicEntry[]>;
  /** Frees the worker, if any. */
  dispose(): void;
}

const abortError = () => new DOMException('domino simulation aborted', 'AbortError');

/** Main-thread runner: the matrix is prepared on first use; the ranking yields often so the page stays responsive. */
export class MainThreadRunner implements DominoRunner {
  readonly kind = 'main' as const;
  private prepared: PreparedDomino | undefined;

  constructor(private readonly doc: ToileDocument) {}

  private get ready(): PreparedDomino {
    this.prepared ??= prepareDomino(this.doc);
    return this.prepared;
  }

  run(request: DominoRequest, signal: AbortSignal): Promise<DominoOutcome> {
    if (signal.aborted) return Promise.reject(abortError());
    try {
      return Promise.resolve(runDomino(this.ready, request));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  rank(request: RankRequest, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<SystemicEntry[]> {
    // Small chunks: on the main thread each chunk is a frame the page cannot use.
    return rankSystemic(this.ready, {
      model: request.model,
      threshold: request.threshold,
      top: request.top,
      includeExternal: request.includeExternal ?? false,
      signal,
      onProgress,
      yieldEvery: 32,
    });
  }

  dispose(): void {
    this.prepared = undefined;
  }
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

/** Creates the module worker (a function so that tests and hosts with another build can swap it). */
export type WorkerFactory = () => Worker;

/**
 * The default worker: the literal `new Worker(new URL('./domino.worker.js', import.meta.url), { type: 'module' })`
 * that Vite and webpack 5 build; with other bundlers, see `setWorkerBase`.
 */
export const createDominoWorker: WorkerFactory = () =>
  startWorker('domino.worker.js', () => new Worker(new URL('./domino.worker.js', import.meta.url), { type: 'module' }));

/**
 * Worker runner. Cancelling a ranking aborts it inside the worker (the prepared matrix is kept);
 * cancelling a run terminates the worker (a run is one synchronous call), and the next call starts a
 * new one, sending the document again.
 */
export class WorkerRunner implements DominoRunner {
  readonly kind = 'worker' as const;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly doc: ToileDocument,
    /** How the worker is created. */
    readonly factory: WorkerFactory = createDominoWorker,
  ) {
    this.spawn();
  }

  private spawn(): Worker {
    const worker = this.factory();
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.failAll(new Error(event.message || 'domino worker failed to start'));
      this.worker?.terminate();
      this.worker = undefined;
    });
    worker.addEventListener('messageerror', () => this.failAll(new Error('domino worker message could not be read')));
    worker.postMessage({ type: 'load', doc: this.doc } satisfies ToWorker);
    this.worker = worker;
    return worker;
  }

  private receive(message: FromWorker): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.done, message.total);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.outcome as never);
    else if (message.type === 'ranking') pending.resolve(message.ranking as never);
    else if (message.name === 'AbortError') pending.reject(abortError());
    else pending.reject(new Error(message.message));
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }

  private call<T>(
    message: { type: 'run'; request: DominoRequest } | { type: 'rank'; request: RankRequest },
    signal: AbortSignal,
    onProgress?: (done: number, total: number) => void,
  ): Promise<T> {
    if (signal.aborted) return Promise.reject(abortError());
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject, ...(onProgress ? { onProgress } : {}) });
      signal.addEventListener(
        'abort',
        () => {
          if (!this.pending.has(id)) return;
          this.pending.delete(id);
          if (message.type === 'rank') worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
          else if (this.worker === worker) {
            worker.terminate();
            this.worker = undefined;
            this.failAll(abortError());
          }
          reject(abortError());
        },
        { once: true },
      );
      worker.postMessage({ ...message, id } satisfies ToWorker);
    });
  }

  run(request: DominoRequest, signal: AbortSignal): Promise<DominoOutcome> {
    return this.call<DominoOutcome>({ type: 'run', request }, signal);
  }

  rank(request: RankRequest, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<SystemicEntry[]> {
    return this.call<SystemicEntry[]>({ type: 'rank', request }, signal, onProgress);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.failAll(abortError());
  }
}
