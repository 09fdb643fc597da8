/**
 * A Toile JSON file scanned into columns (the fast path of `readJsonColumns`; see `json-scan.ts`):
 * read a block at a time by one thread, or shared with a second one (`json-scan-split.ts`).
 */
import { open } from 'node:fs/promises';
import type { CsvTableName } from '@toile/schema';
import type { TableBuilder } from '../columnar/builder.ts';
import { BlockReader } from './json-scan-blocks.ts';
import { splitCandidate, standsAtPart, startPart, type PendingPart, type SplitOption } from './json-scan-split.ts';
import { beginning, GIVE_UP, Step } from './json-scan-steps.ts';
import { Scanner } from './json-scan.ts';

/** The file, scanned: one builder per table, and the document around the lists (lists emptied) as JSON text. */
export interface ScannedJson {
  builders: Record<CsvTableName, TableBuilder>;
  skeleton: string;
  /** Bytes handed to the scan in all (a step cut by the end of a block is scanned again): the file's size, a little more. */
  scanned: number;
  /** Parts of the flows scanned by a second thread and used (0 or 1; see `json-scan-split.ts`). */
  parts: number;
}

const BLOCK = 4 << 20;

/**
 * Scans a Toile JSON file into columns (see `json-scan.ts`); undefined when the file has
 * anything the general path must read and say. `block`: bytes read at a time (tests cut every
 * token between two blocks with a few bytes). `split`: whether a second thread scans the end of
 * the flows (see `json-scan-split.ts`; a number: from where, whatever the file's size; default never).
 */
export async function scanJsonFile(path: string, block = BLOCK, split: SplitOption = 'never'): Promise<ScannedJson | undefined> {
  const handle = await open(path, 'r');
  const s = new Scanner();
  const state = beginning();
  const reader = new BlockReader(handle, block);
  let part: PendingPart | undefined;
  let scanned = 0;
  let parts = 0;
  try {
    s.size = (await handle.stat()).size;
    const at = await splitCandidate(handle, s.size, split);
    if (at !== undefined) {
      part = startPart(path, at, block);
      await reader.run(s, state, at);
      const done = standsAtPart(s, state) ? await part.result : undefined;
      part.stop();
      if (done) {
        s.appendFlows(done);
        parts++;
        scanned += done.scanned;
        reader.jump(s, done.closed);
        state.step = Step.AfterItem;
      }
    }
    await reader.run(s, state);
  } catch (thrown) {
    // A string escape JSON has not (`JSON.parse` of the string throws): the general path says where.
    if (thrown === GIVE_UP || thrown instanceof SyntaxError) return undefined;
    throw thrown;
  } finally {
    part?.stop();
    await handle.close();
  }
  // The scan ends only at the end of the file: after `}` and white space (anything else gave up).
  if (state.step !== Step.End) return undefined;
  return { builders: s.builders, skeleton: `{${state.skeleton.join(',')}}`, scanned: scanned + reader.scanned, parts };
}
