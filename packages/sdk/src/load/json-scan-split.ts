/**
 * Whether and where the JSON scan (`scanJsonFile`) shares a file with a second thread: a file of
 * at least {@link SPLIT_BYTES}, on a machine with two cores or more, is cut at a guessed record of
 * its flows past its middle; the second thread scans from there to the end of the flows
 * (`json-scan-part.ts`) while the first scans the file up to there.
 *
 * A choice (`readJsonColumns`'s `threads`), not the default: on this project's two-core machines
 * the scan of one thread is slowed by about a third while the other runs (memory and the collector
 * are shared), so the pair gains little. Measured on 100k establishments / 500k flows (120 MB),
 * the scan alone: from the second read of a process on, 0.57–0.66 s for 0.68–0.74 s with one
 * thread; the first read, 0.90–0.92 s for 0.78–0.82 s (the thread starts and compiles cold); at
 * 1M / 5M (1.2 GB), one read, 9.9–11.4 s for 10.5 s. A thread is therefore kept between reads
 * (unless its part was not used: it is then ended mid-scan rather than left to compete).
 */
import type { FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CSV_TABLES } from '@toile/schema';
import type { TableBuilder } from '../columnar/builder.ts';
import type { ScannedPart } from './json-scan-part.ts';
import type { Scanner } from './json-scan.ts';
import { isSpace, Step, type ScanState } from './json-scan-steps.ts';
import type { PartTask } from './json-scan-worker.ts';

/** Files from this size (32 MiB) are shared between two threads: below, starting one costs more than it saves. */
export const SPLIT_BYTES = 32 << 20;
/**
 * Where the search for the cut starts, as a share of the file: past the middle, since the first
 * thread also reads the establishments while the second starts.
 */
const SPLIT_SHARE = 0.53;
/** Bytes searched for the cut. */
const WINDOW = 1 << 16;

/**
 * How {@link splitCandidate} chooses: `auto` (see the file comment), `never`, or a file offset to
 * search from whatever the file's size (tests).
 */
export type SplitOption = 'auto' | 'never' | number;

/** The file offset a second thread starts from (a `{` after `}` and `,`), or undefined: one thread. */
export async function splitCandidate(handle: FileHandle, size: number, option: SplitOption): Promise<number | undefined> {
  if (option === 'never') return undefined;
  if (option === 'auto' && (size < SPLIT_BYTES || availableParallelism() < 2)) return undefined;
  const from = option === 'auto' ? Math.floor(size * SPLIT_SHARE) : option;
  const buf = Buffer.allocUnsafe(WINDOW);
  const { bytesRead } = await handle.read(buf, 0, WINDOW, from);
  const at = recordAfterRecord(buf, bytesRead);
  return at < 0 ? undefined : from + at;
}

/** Position of the first `{` after `}` and `,` (white space between them allowed) in `buf` up to `end`, or -1. */
export function recordAfterRecord(buf: Uint8Array, end: number): number {
  // 1: after `}`; 2: after `}` and `,`.
  let state = 0;
  for (let p = 0; p < end; p++) {
    const b = buf[p]!;
    if (isSpace(b)) continue;
    if (state === 2 && b === 0x7b) return p;
    state = b === 0x7d ? 1 : state === 1 && b === 0x2c ? 2 : 0;
  }
  return -1;
}

/** The first thread stands right before the part's first flow: between two flows, only white space left. */
export function standsAtPart(s: Scanner, state: ScanState): boolean {
  if (s.last || state.step !== Step.Item || state.list !== 'flows') return false;
  for (let p = s.pos; p < s.end; p++) if (!isSpace(s.buf[p]!)) return false;
  return true;
}

/** A part of the flows being scanned by a second thread. */
export interface PendingPart {
  /** The file offset the part starts from. */
  readonly at: number;
  /** The part scanned; undefined when it gave up or the thread could not run. */
  readonly result: Promise<ScannedPart | undefined>;
  /**
   * Ends the thread if its part is not there yet (a part not used: the next file starts another;
   * `result` is then undefined).
   */
  stop(): void;
}

/** The second thread's entry: from the TypeScript sources, one that registers tsx first (see there). */
function workerEntry(): URL {
  // Not a literal: a bundler that bundles the SDK has no such file to resolve (nor does it copy the
  // worker); the thread then fails to start and the first thread scans alone.
  const name = import.meta.url.endsWith('.ts') ? 'json-scan-worker.source.mjs' : 'json-scan-worker.js';
  return new URL(`./${name}`, import.meta.url);
}

/**
 * How long an idle second thread is kept (ms): a new thread runs its scan cold (compiled from
 * scratch) and, from the sources, registers tsx first; files read one after another reuse one.
 * Kept threads never keep the process alive.
 */
const KEEP_MS = 10_000;

/** A second thread, and whether it still runs. */
interface Thread {
  readonly worker: Worker;
  alive: boolean;
}

/** The idle second thread, if any. */
let idle: { thread: Thread; timer: NodeJS.Timeout } | undefined;

/** The idle second thread's worker, if any. @internal (tests) */
export const keptWorker = (): Worker | undefined => idle?.thread.worker;

function newThread(): Thread {
  const thread: Thread = { worker: new Worker(workerEntry()), alive: true };
  // A thread that ended (the idle timer, a crash) is never asked again; an error with no task
  // listening must not end the process.
  thread.worker.on('exit', () => {
    thread.alive = false;
    if (idle?.thread === thread) {
      clearTimeout(idle.timer);
      idle = undefined;
    }
  });
  thread.worker.on('error', () => (thread.alive = false));
  return thread;
}

function takeThread(): Thread {
  const kept = idle;
  idle = undefined;
  if (kept) clearTimeout(kept.timer);
  return kept?.thread.alive ? kept.thread : newThread();
}

/** Keeps an idle thread for the next file (never keeping the process alive). */
function keep(thread: Thread): void {
  thread.worker.unref();
  if (idle) void idle.thread.worker.terminate();
  const timer = setTimeout(() => {
    // Ended now, not at its `exit`: a file read in between starts another.
    thread.alive = false;
    if (idle?.thread === thread) idle = undefined;
    void thread.worker.terminate();
  }, KEEP_MS);
  timer.unref();
  idle = { thread, timer };
}

/** Starts a second thread's scan of the flows from file offset `at`. */
export function startPart(path: string, at: number, block: number): PendingPart {
  const task: PartTask = { path, at, block };
  let thread: Thread;
  try {
    thread = takeThread();
  } catch {
    return { at, result: Promise.resolve(undefined), stop: () => undefined };
  }
  const { worker } = thread;
  // Referenced while it works: the first thread may have nothing else to wait for.
  worker.ref();
  let finish: (part: ScannedPart | undefined, reusable: boolean) => void = () => undefined;
  const result = new Promise<ScannedPart | undefined>((resolve) => {
    let settled = false;
    finish = (part, reusable) => {
      if (settled) return;
      settled = true;
      worker.off('message', onMessage).off('messageerror', onEnd).off('error', onEnd).off('exit', onEnd);
      if (reusable && thread.alive) keep(thread);
      else void worker.terminate();
      resolve(part);
    };
    const onMessage = (part: ScannedPart | null) => finish(part ?? undefined, true);
    const onEnd = () => finish(undefined, false);
    worker.on('message', onMessage).on('messageerror', onEnd).on('error', onEnd).on('exit', onEnd);
  });
  worker.postMessage(task);
  return { at, result, stop: () => finish(undefined, false) };
}

/**
 * Appends a part's flows to those the first thread read: each of the part's references (numbered
 * by their bytes, see `Scanner`) translated once, found by its bytes among the establishments' ids
 * (`idCode`, 0 when not there), else by its text in each reference column.
 */
export function appendPart(flows: TableBuilder, part: ScannedPart, idCode: (bytes: Uint8Array, start: number, end: number) => number): void {
  const { bytes, ends } = part.references;
  const n = ends.length - 1;
  const found = new Uint32Array(n + 1);
  for (let c = 1; c <= n; c++) found[c] = idCode(bytes, ends[c - 1]!, ends[c]!);
  const translated: Record<string, Uint32Array> = {};
  for (const name of ['from', 'to']) {
    const cell = CSV_TABLES.flows.findIndex((column) => column.name === name);
    const column = part.columns.columns[name];
    if (column?.type !== 'code') continue;
    const codes = found.slice();
    // Row by row, so that a reference not among the ids joins the dictionary where one thread
    // would have added it: at its first row. References of a part are ASCII: their text is their bytes.
    for (const c of column.codes)
      if (c !== 0 && codes[c] === 0)
        codes[c] = flows.codeOf(cell, Buffer.from(bytes.buffer, bytes.byteOffset + ends[c - 1]!, ends[c]! - ends[c - 1]!).toString('latin1'));
    translated[name] = codes;
  }
  flows.appendColumns(part.columns, translated);
}
