/** Writing text given in chunks to a file or a stream (Node only), waiting when the reader is slower. */
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes `chunks` (strings, as UTF-8) to the file `path` (created or replaced) or to the stream
 * `target`, one chunk at a time through `stream/promises` `pipeline`: the producer is paused while
 * the disk or the pipe is behind, so memory holds a few chunks whatever the output's size. A stream
 * given is left open (stdout stays usable), and the promise waits until it has handed on every chunk. Rejects with the file system's or the stream's error.
 *
 * @example
 * ```ts
 * import { writeChunks } from '@toile/sdk/node';
 * import { gexfChunks } from '@toile/sdk';
 * await writeChunks('toile.gexf', gexfChunks(doc));
 * await writeChunks(process.stdout, gexfChunks(doc));
 * ```
 */
export async function writeChunks(target: string | Writable, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  if (typeof target === 'string') await pipeline(Readable.from(chunks), createWriteStream(target));
  else {
    await pipeline(Readable.from(chunks), target, { end: false });
    // Left open, the stream may still hold the last writes: done when they are handed on.
    // An empty write's callback comes once every write before it is done.
    if (target.writableLength > 0) await new Promise<void>((done, fail) => target.write('', (error) => (error ? fail(error) : done())));
  }
}
