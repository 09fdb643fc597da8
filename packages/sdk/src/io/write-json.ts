/**
 * A JSON text written as a sequence of chunks, never as one string: `JSON.stringify` of a national
 * document (300 MB and more) dies with `Invalid string length`, V8's longest string being about
 * 512 MiB. The chunks put together are byte for byte `JSON.stringify(value, null, indent)`.
 *
 * Hand-written: the streaming JSON writers on npm (json-stream-stringify, big-json, bfj) are
 * Node-stream based, several times slower and none promises `JSON.stringify`'s exact bytes; this
 * one is a plain generator, so it runs in browsers and workers too.
 */

/** Options of {@link jsonChunks}. */
export interface JsonChunkOptions {
  /** Spaces per level, as `JSON.stringify`'s third argument (default 2; 0: compact). */
  indent?: number;
  /** A chunk is given out once it holds at least this many characters (default 65 536). */
  chunkSize?: number;
}

interface Frame {
  readonly value: Record<string, unknown> | unknown[];
  /** Own enumerable keys for an object; `undefined` for an array. */
  readonly keys: string[] | undefined;
  /** Next index (array) or key position (object). */
  next: number;
  /** Whether a member was written (an object's members may all be skipped). */
  wrote: boolean;
  /** Padding of the members and of the closing bracket. */
  readonly inner: string;
  readonly outer: string;
}

const SKIP = Symbol('skip');

/** A value as `JSON.stringify` sees it: `toJSON` applied, wrappers unwrapped, unwritable ones skipped. */
function prepare(holder: unknown, key: string, raw: unknown): unknown {
  let value = raw;
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = toJSON.call(value, key);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return SKIP;
  void holder;
  return value;
}

/** The text of a value that is not an object or array (throws on a bigint, as `JSON.stringify`). */
function primitive(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Writes `value` as JSON, in chunks of about `chunkSize` characters; joined, they equal
 * `JSON.stringify(value, null, indent)` (nothing at all for a top-level `undefined`). Iterative:
 * deep nesting does not overflow the stack. Throws on a cycle or a bigint, like `JSON.stringify`.
 *
 * @example
 * ```ts
 * // In Node, with a write stream `out` (or use writeJsonFile from @toile/sdk/node):
 * for (const chunk of jsonChunks(doc)) if (!out.write(chunk)) await once(out, 'drain');
 * ```
 */
export function* jsonChunks(value: unknown, options: JsonChunkOptions = {}): Generator<string, void, undefined> {
  const gap = ' '.repeat(Math.max(0, Math.min(10, Math.floor(options.indent ?? 2))));
  const chunkSize = Math.max(1, options.chunkSize ?? 65_536);
  const newline = gap === '' ? '' : '\n';
  const colon = gap === '' ? ':' : ': ';
  const stack: Frame[] = [];
  const ancestors = new Set<unknown>();
  let buffer = '';

  /** Writes a prepared value: its text, or the opening of a container (pushed on the stack). */
  const open = (prepared: unknown, pad: string): void => {
    if (prepared === null || typeof prepared !== 'object') {
      buffer += primitive(prepared);
      return;
    }
    if (ancestors.has(prepared)) throw new TypeError('Converting circular structure to JSON');
    if (Array.isArray(prepared)) {
      if (prepared.length === 0) {
        buffer += '[]';
        return;
      }
      buffer += '[';
      stack.push({ value: prepared, keys: undefined, next: 0, wrote: false, inner: pad + gap, outer: pad });
    } else {
      buffer += '{';
      const record = prepared as Record<string, unknown>;
      stack.push({ value: record, keys: Object.keys(record), next: 0, wrote: false, inner: pad + gap, outer: pad });
    }
    ancestors.add(prepared);
  };

  const top = prepare({ '': value }, '', value);
  if (top === SKIP) return;
  open(top, '');
  while (stack.length > 0) {
    if (buffer.length >= chunkSize) {
      yield buffer;
      buffer = '';
    }
    const frame = stack[stack.length - 1] as Frame;
    if (frame.keys === undefined) {
      const list = frame.value as unknown[];
      if (frame.next >= list.length) {
        buffer += `${newline}${frame.outer}]`;
        ancestors.delete(stack.pop()!.value);
        continue;
      }
      const index = frame.next++;
      buffer += `${index > 0 ? ',' : ''}${newline}${frame.inner}`;
      const prepared = prepare(list, String(index), list[index]);
      if (prepared === SKIP) buffer += 'null';
      else open(prepared, frame.inner);
      continue;
    }
    const record = frame.value as Record<string, unknown>;
    let prepared: unknown = SKIP;
    let key = '';
    while (prepared === SKIP && frame.next < frame.keys.length) {
      key = frame.keys[frame.next++] as string;
      prepared = prepare(record, key, record[key]);
    }
    if (prepared === SKIP) {
      buffer += frame.wrote ? `${newline}${frame.outer}}` : '}';
      ancestors.delete(stack.pop()!.value);
      continue;
    }
    buffer += `${frame.wrote ? ',' : ''}${newline}${frame.inner}${JSON.stringify(key)}${colon}`;
    frame.wrote = true;
    open(prepared, frame.inner);
  }
  if (buffer !== '') yield buffer;
}
