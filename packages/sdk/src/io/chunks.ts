/** Text given out in chunks of bounded size: the common shape of every streamed output. */

/** Characters a chunk holds at least before it is given out (the last one may be shorter). */
export const CHUNK_CHARS = 65_536;

/**
 * Gathers small pieces of text (a line per record) into chunks of at least `size` characters, so
 * that a stream gets few large writes; joined, the chunks are the pieces joined.
 *
 * @example
 * ```ts
 * const text = [...batchChunks(['a', 'b', 'c'], 2)].join(''); // 'abc', in chunks 'ab', 'c'
 * ```
 */
export function* batchChunks(pieces: Iterable<string>, size: number = CHUNK_CHARS): Generator<string, void, undefined> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}
