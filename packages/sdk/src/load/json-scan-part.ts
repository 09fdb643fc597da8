/**
 * A part of a Toile JSON file's flows, scanned by a second thread (`json-scan-worker.ts`) while the
 * first scans the file up to it (see `scanJsonFile`): from a file offset the first thread chose
 * (`splitCandidate`), flow records to the end of their list, into columns of their own.
 *
 * The offset is a guess (a `{` after `}` and `,`, which text inside a string can also write): the
 * part is used only if the first thread, reading the file itself, stands right there between two
 * flows. Anything there to say, as in the whole scan, makes the part give up; the first thread
 * then scans on alone and meets it itself.
 */
import { open } from 'node:fs/promises';
import type { TableColumns } from '../columnar/columns.ts';
import type { PartReferences } from './byte-codes.ts';
import { BlockReader } from './json-scan-blocks.ts';
import { Scanner } from './json-scan.ts';
import { beginning, GIVE_UP, Step, type ScanState } from './json-scan-steps.ts';

/** A part of the flows, scanned. */
export interface ScannedPart {
  /** The flows from the part's offset to the end of their list; `from` and `to` coded by `references`. */
  columns: TableColumns;
  /** The references by number (see `Scanner`'s `#part`). */
  references: PartReferences;
  /** File offset of the `]` that closes the flows. */
  closed: number;
  /** Bytes handed to the scan. */
  scanned: number;
}

/** Scans the flows from file offset `at` (a `{`) to the end of their list; undefined to give up. */
export async function scanFlowsPart(path: string, at: number, block: number): Promise<ScannedPart | undefined> {
  const handle = await open(path, 'r');
  try {
    const s = new Scanner(true);
    s.size = (await handle.stat()).size;
    const state: ScanState = { ...beginning(), step: Step.Item, list: 'flows', part: true };
    const reader = new BlockReader(handle, block, at);
    await reader.run(s, state);
    if (state.closed === undefined) return undefined;
    return { columns: s.builders.flows.finish(), references: s.references(), closed: state.closed, scanned: reader.scanned };
  } catch (thrown) {
    if (thrown === GIVE_UP || thrown instanceof SyntaxError) return undefined;
    throw thrown;
  } finally {
    await handle.close();
  }
}

/** The buffers under a part's typed arrays, to move to the other thread rather than copy. */
export function partBuffers(part: ScannedPart): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const values of [part.references.bytes, part.references.ends]) if (values.buffer instanceof ArrayBuffer) buffers.add(values.buffer);
  for (const column of Object.values(part.columns.columns)) {
    const values = column?.type === 'code' ? column.codes : column?.type === 'number' || column?.type === 'boolean' ? column.values : undefined;
    if (values && values.buffer instanceof ArrayBuffer) buffers.add(values.buffer);
  }
  return [...buffers];
}
