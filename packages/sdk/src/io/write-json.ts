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

/**
 * An array written by {@link jsonChunks} as its items come, without ever being held whole: the
 * export of a national graph yields its features or edges one by one. Read once.
 */
export class LazyJsonArray {
  /** @param items the items, in order; each passes through `toJSON` as an array item would. */
  constructor(readonly items: Iterable<unknown>) {}
}

/**
 * An object written by {@link jsonChunks} as its members come (`[key, value]`, in the order given,
 * keys not checked for repeats). Read once.
 */
export class LazyJsonObject {
  /** @param entries the members, in order; an `undefined` value is skipped as `JSON.stringify` does. */
  constructor(readonly entries: Iterable<readonly [string, unknown]>) {}
}

interface Frame {
  readonly value: object;
  /** Own enumerable keys for an object; `undefined` for an array or a lazy container. */
  readonly keys: string[] | undefined;
  /** The items of a {@link LazyJsonArray}. */
  readonly items: Iterator<unknown> | undefined;
  /** The members of a {@link LazyJsonObject}. */
  readonly entries: Iterator<readonly [string, unknown]> | undefined;
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
function prepare(key: string, raw: unknown): unknown {
  let value = raw;
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = toJSON.call(value, key);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return SKIP;
  return value;
}

/**
 * Writes `value` as JSON, in chunks of about `chunkSize` characters; joined, they equal
 * `JSON.stringify(value, null, indent)` (nothing at all for a top-level `undefined`). Iterative:
 * deep nesting does not overflow the stack. Throws on a cycle or a bigint, like `JSON.stringify`.
 * A {@link LazyJsonArray} or {@link LazyJsonObject} anywhere in `value` is written as the array or
 * object its items make, pulled one at a time (so a generated list is never held whole).
 *
 * @example
 * ```ts
 * // In Node, with a write stream `out` (or use writeJsonFile from @toile/sdk/node):
 * for (const chunk of jsonChunks(doc)) if (!out.write(chunk)) await once(out, 'drain');
 * ```
 */
export function* jsonChunks(value: unknown, options: JsonChunkOptions = {}): Generator<string, void, undefined> {
  const writer = new JsonWriter(Math.max(0, Math.min(10, Math.floor(options.indent ?? 2))));
  const chunkSize = Math.max(1, options.chunkSize ?? 65_536);
  const top = prepare('', value);
  if (top === SKIP) return;
  writer.open(top, '');
  while (writer.stack.length > 0) {
    if (writer.buffer.length >= chunkSize) {
      yield writer.buffer;
      writer.buffer = '';
    }
    writer.step();
  }
  if (writer.buffer !== '') yield writer.buffer;
}

/** The state of one {@link jsonChunks}: the text not yet given out and the open containers. */
class JsonWriter {
  buffer = '';
  readonly stack: Frame[] = [];
  private readonly ancestors = new Set<unknown>();
  private readonly gap: string;
  private readonly newline: string;
  private readonly colon: string;

  constructor(indent: number) {
    this.gap = ' '.repeat(indent);
    this.newline = indent === 0 ? '' : '\n';
    this.colon = indent === 0 ? ':' : ': ';
  }

  /** Writes a prepared value: its text, or the opening of a container (pushed on the stack). */
  open(prepared: unknown, pad: string): void {
    if (prepared === null || typeof prepared !== 'object') {
      this.buffer += JSON.stringify(prepared);
      return;
    }
    if (this.ancestors.has(prepared)) throw new TypeError('Converting circular structure to JSON');
    const inner = pad + this.gap;
    let keys: string[] | undefined;
    let items: Iterator<unknown> | undefined;
    let entries: Iterator<readonly [string, unknown]> | undefined;
    if (Array.isArray(prepared)) {
      if (prepared.length === 0) {
        this.buffer += '[]';
        return;
      }
      this.buffer += '[';
    } else if (prepared instanceof LazyJsonArray) {
      this.buffer += '[';
      items = prepared.items[Symbol.iterator]();
    } else if (prepared instanceof LazyJsonObject) {
      this.buffer += '{';
      entries = prepared.entries[Symbol.iterator]();
    } else {
      this.buffer += '{';
      keys = Object.keys(prepared);
    }
    this.stack.push({ value: prepared, keys, items, entries, next: 0, wrote: false, inner, outer: pad });
    this.ancestors.add(prepared);
  }

  /** Writes the next member of the innermost container, or closes it. */
  step(): void {
    const frame = this.stack[this.stack.length - 1] as Frame;
    if (frame.keys !== undefined) this.stepObject(frame, frame.keys);
    else if (frame.entries !== undefined) this.stepEntries(frame, frame.entries);
    else if (frame.items !== undefined) this.stepItems(frame, frame.items);
    else this.stepArray(frame, frame.value as unknown[]);
  }

  private close(frame: Frame, bracket: ']' | '}'): void {
    this.buffer += frame.wrote ? `${this.newline}${frame.outer}${bracket}` : bracket;
    this.ancestors.delete(this.stack.pop()!.value);
  }

  private item(frame: Frame, raw: unknown): void {
    const index = frame.next++;
    this.buffer += `${frame.wrote ? ',' : ''}${this.newline}${frame.inner}`;
    frame.wrote = true;
    const prepared = prepare(String(index), raw);
    if (prepared === SKIP) this.buffer += 'null';
    else this.open(prepared, frame.inner);
  }

  private member(frame: Frame, key: string, prepared: unknown): void {
    this.buffer += `${frame.wrote ? ',' : ''}${this.newline}${frame.inner}${JSON.stringify(key)}${this.colon}`;
    frame.wrote = true;
    this.open(prepared, frame.inner);
  }

  private stepArray(frame: Frame, list: unknown[]): void {
    if (frame.next >= list.length) this.close(frame, ']');
    else this.item(frame, list[frame.next]);
  }

  private stepItems(frame: Frame, items: Iterator<unknown>): void {
    const next = items.next();
    if (next.done) this.close(frame, ']');
    else this.item(frame, next.value);
  }

  private stepObject(frame: Frame, keys: string[]): void {
    const record = frame.value as Record<string, unknown>;
    while (frame.next < keys.length) {
      const key = keys[frame.next++] as string;
      const prepared = prepare(key, record[key]);
      if (prepared !== SKIP) return this.member(frame, key, prepared);
    }
    this.close(frame, '}');
  }

  private stepEntries(frame: Frame, entries: Iterator<readonly [string, unknown]>): void {
    for (let next = entries.next(); !next.done; next = entries.next()) {
      const [key, raw] = next.value;
      const prepared = prepare(key, raw);
      if (prepared !== SKIP) return this.member(frame, key, prepared);
    }
    this.close(frame, '}');
  }
}
