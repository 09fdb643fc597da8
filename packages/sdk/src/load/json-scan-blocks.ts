/**
 * The JSON scan's reading of a file (`json-scan.ts`): blocks read one after the other, each handed
 * to the steps with what the last step left unread in front of it, from a file offset to the end
 * of the file, to a limit, or to the end of a part's list (see `json-scan-part.ts`).
 */
import type { FileHandle } from 'node:fs/promises';
import type { Scanner } from './json-scan.ts';
import { steps, type ScanState } from './json-scan-steps.ts';

/** Reads a file into a scanner, a block at a time. */
export class BlockReader {
  /** File offset of the next byte to read. */
  at: number;
  /** Bytes handed to the steps in all (a step cut by the end of a block is scanned again). */
  scanned = 0;
  readonly #handle: FileHandle;
  readonly #block: number;
  /** The other buffer of the two used in turn. */
  #other: Buffer<ArrayBufferLike>;

  constructor(handle: FileHandle, block: number, at = 0) {
    this.#handle = handle;
    this.#block = block;
    this.at = at;
    this.#other = Buffer.allocUnsafe(block);
  }

  /**
   * Scans on until the end of the file, the file offset `limit` (the bytes before it scanned, the
   * step it cuts left for later), or the end of the state's part.
   */
  async run(s: Scanner, state: ScanState, limit = Number.POSITIVE_INFINITY): Promise<void> {
    const block = this.#block;
    while (!s.last && state.closed === undefined) {
      const left = s.end - s.pos;
      // A step longer than a block (a record with a very long text) is read again from its start
      // after each read: the room doubles with it, so a record of n bytes is scanned O(n) times in
      // all, not O(n² / block).
      let other = this.#other;
      if (other.length < left + Math.ceil(block / 2)) other = Buffer.allocUnsafe(left + Math.max(block, left));
      const wanted = Math.min(other.length - left, limit - this.at);
      if (wanted <= 0) return;
      // What a step left unread goes to the front of the other buffer, the next block after it.
      s.buf.copy(other, 0, s.pos, s.end);
      const { bytesRead } = await this.#handle.read(other, left, wanted, this.at);
      const previous = s.buf;
      s.buf = other;
      s.view = new DataView(other.buffer, other.byteOffset, other.length);
      s.base = this.at - left;
      s.pos = 0;
      s.end = left + bytesRead;
      s.last = bytesRead === 0;
      this.at += bytesRead;
      this.scanned += s.end;
      this.#other = previous.length >= block ? previous : Buffer.allocUnsafe(block);
      steps(s, state);
    }
  }

  /** Drops what the scanner holds; the next block is read from file offset `at`. */
  jump(s: Scanner, at: number): void {
    s.pos = 0;
    s.end = 0;
    s.base = at;
    this.at = at;
  }
}
