/** Writing a JSON document to a file as a stream (Node only): no size limit from V8's strings. */
import { writeChunks } from './write-chunks.ts';
import { jsonChunks, type JsonChunkOptions } from './write-json.ts';

/**
 * Writes `value` to `path` as `JSON.stringify(value, null, indent)` followed by a line break,
 * chunk by chunk (see {@link jsonChunks}), waiting for the disk when it is slower: a document of
 * any size is written without ever being one string. Rejects with the file system's error.
 *
 * @example
 * ```ts
 * import { writeJsonFile } from '@toile/sdk/node';
 * await writeJsonFile('public.toile.json', publishToile(doc, { audience: 'public' }).data);
 * ```
 */
export async function writeJsonFile(path: string, value: unknown, options: JsonChunkOptions = {}): Promise<void> {
  function* text(): Generator<string, void, undefined> {
    yield* jsonChunks(value, options);
    yield '\n';
  }
  await writeChunks(path, text());
}
