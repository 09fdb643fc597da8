/**
 * The fast path of `readJsonColumns`: a Toile JSON file's bytes scanned straight into the columns,
 * with no object per record and no string for a number or a key.
 *
 * Hand-written because nothing published does this: `JSON.parse` needs the whole text as one
 * string (≈ 1.4–2.6 s for a 120 MB file here, before any check) and builds every record as an
 * object; the streaming parsers measured (see `json-split.ts`) are slower still. This scanner reads
 * the file in 4 MiB blocks and keeps nothing of a record but its cells.
 *
 * It is deliberately narrow: it reads the file as the reader would only when nothing in it needs
 * to be said. At the first thing that does — a syntax error, a key written twice, a value that does
 * not fit its column, `null`, an escaped key, a byte-order mark — it gives up, and the caller reads
 * the file again by the general path, which places every problem at its line, column and pointer.
 * A valid file therefore costs one scan; a broken one costs a scan more than before, never a
 * different answer (tested against the general path on generated and broken files).
 */
import { CSV_TABLES, type CsvTableName } from '@toile/schema';
import { seedReferences, TableBuilder } from '../columnar/builder.ts';
import type { RecordList } from './json-split.ts';
import { ByteCodes, type PartReferences } from './byte-codes.ts';
import type { ScannedPart } from './json-scan-part.ts';
import { decimalValue, EXACT_DIGITS } from '../util/decimal.ts';
import { keyTrees, NO_KEYS, type Field, type KeyNode } from './json-scan-keys.ts';
import { GIVE_UP, isSpace, MORE } from './json-scan-steps.ts';
import { appendPart } from './json-scan-split.ts';

/** Flows read before their room is estimated (see `Scanner.#reserve`). */
const ESTIMATE_AFTER = 4096;
/** Nesting the scanner follows inside a value it skips (deeper: the general path). */
const MAX_DEPTH = 64;

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
/** Four spaces as one 32-bit number. */
const SPACES = 0x20202020;

/**
 * Scans one block of bytes (see the file comment); its position survives a `MORE` as the start of
 * the step. @internal (read by the steps, `json-scan-steps.ts`)
 */
export class Scanner {
  buf: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  /** `buf` read four bytes at a time (see `peek`); set with it. */
  view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  /** File offset of `buf[0]`. */
  base = 0;
  pos = 0;
  end = 0;
  /** The file has no more bytes after `end`. */
  last = false;
  readonly builders: Record<CsvTableName, TableBuilder>;
  /** Capability rows begun for the establishment being read. */
  #capabilities = 0;
  /** The id of the establishment being read (its capabilities' link). */
  #id: string | undefined;
  /** The last key read that is not a column's. */
  readonly #other = { key: '' };
  /** Codes by bytes, one dictionary per code field (by field id). */
  readonly #byteCodes: ByteCodes[] = [];
  /**
   * The establishments' ids by their bytes, each with the code `seedReferences` gives it in a
   * reference column (1 for the first distinct id, and so on): a reference to an establishment is
   * then found in one table for all reference columns, with no string made and no dictionary of
   * its own. Given up (`#plainIds` false) at an id whose bytes are not its text (escaped, non-ASCII).
   */
  readonly #idCodes = new ByteCodes();
  #distinctIds = 0;
  #plainIds = true;
  /** The table being read started from the establishments' ids (see `record`). */
  #seeded = false;
  readonly #idCell = CSV_TABLES.establishments.findIndex((c) => c.name === 'id');
  readonly #linkCell = CSV_TABLES.capabilities.findIndex((c) => c.name === 'establishment');

  /**
   * A part of the flows read apart (see `json-scan-part.ts`): references are numbered by their
   * bytes in `#idCodes` as they come (1 for the first distinct one), for the first thread to
   * translate; one escaped or not ASCII gives up.
   */
  readonly #part: boolean;

  constructor(part = false) {
    this.#part = part;
    this.builders = {
      establishments: new TableBuilder('establishments', 1 << 16),
      flows: new TableBuilder('flows', 1 << 16),
      resources: new TableBuilder('resources'),
      capabilities: new TableBuilder('capabilities'),
    };
  }

  #out(): never {
    throw this.last ? GIVE_UP : MORE;
  }

  /** The byte at `p`, or out of the step when the block ends there. */
  #at(p: number): number {
    return p < this.end ? this.buf[p]! : this.#out();
  }

  /** Bytes `start` to `end` as text: Latin-1 when all are ASCII (the same string, made faster), else UTF-8. */
  text(start: number, end: number, wide = true): string {
    // Node's own slice methods, without `toString`'s argument checks (measured: a tenth of the scan).
    const buf = this.buf as unknown as { latin1Slice(s: number, e: number): string; utf8Slice(s: number, e: number): string };
    return wide ? buf.utf8Slice(start, end) : buf.latin1Slice(start, end);
  }

  /** The byte at `pos` after white space (not consumed). */
  peek(): number {
    const { buf } = this;
    let p = this.pos;
    for (;;) {
      if (p >= this.end) {
        this.pos = p;
        this.#out();
      }
      const b = buf[p]!;
      if (!isSpace(b)) {
        this.pos = p;
        return b;
      }
      p++;
      // After a line break, the indentation four spaces at a time (a third of a pretty file).
      if (b === 0x0a) while (p + 4 <= this.end && this.view.getUint32(p) === SPACES) p += 4;
    }
  }

  /** Consumes `byte` after white space, or gives up. */
  expect(byte: number): void {
    if (this.peek() !== byte) throw GIVE_UP;
    this.pos++;
  }

  /** What the last string read holds (set by `#stringEnd`: fields, not an object per string). */
  #escaped = false;
  #wide = false;

  /** After the opening quote: the end of the string (the closing quote's position); `#escaped` / `#wide` tell what it holds. */
  #stringEnd(): number {
    const { buf, end } = this;
    let p = this.pos;
    let escaped = false;
    let wide = false;
    for (;;) {
      if (p >= end) this.#out();
      const b = buf[p]!;
      if (b === 0x22) {
        this.#escaped = escaped;
        this.#wide = wide;
        return p;
      }
      if (b === 0x5c) {
        escaped = true;
        p += 2;
        continue;
      }
      if (b < 0x20) throw GIVE_UP;
      if (b >= 0x80) wide = true;
      p++;
    }
  }

  /** Where the content of the last string passed starts. */
  #start = 0;

  /** Passes a string (at its opening quote): its content is bytes `#start` to the end returned. */
  #pass(): number {
    this.pos++;
    this.#start = this.pos;
    const end = this.#stringEnd();
    this.pos = end + 1;
    return end;
  }

  /** The string just passed (ending at `end`), decoded as `JSON.parse` decodes it. */
  #decoded(end: number): string {
    if (this.#escaped) return JSON.parse(this.text(this.#start - 1, end + 1)) as string;
    return this.text(this.#start, end, this.#wide);
  }

  /** A string value (at its opening quote), decoded as `JSON.parse` decodes it. */
  string(): string {
    return this.#decoded(this.#pass());
  }

  /** A key (at its opening quote) among the fields of `node`; undefined for a key not among them, which is then decoded into `other`. */
  key(node: KeyNode, other: { key: string }): Field | undefined {
    const start = this.pos + 1;
    const { buf, end } = this;
    const { fields } = node;
    // Each field's bytes then a quote, from the field after the last one read: a record's keys
    // usually come in the order of the previous record's, so the first try is the right one.
    for (let tried = 0, f = node.next; tried < fields.length; tried++, f = f + 1 === fields.length ? 0 : f + 1) {
      const key = fields[f]!.key;
      const close = start + key.length;
      if (close >= end) break;
      if (buf[close] !== 0x22) continue;
      let i = 0;
      while (i < key.length && key[i] === buf[start + i]) i++;
      if (i < key.length) continue;
      this.pos = close + 1;
      node.next = f + 1 === fields.length ? 0 : f + 1;
      return fields[f];
    }
    // Not a field (or cut by the block's end): the whole string, checked.
    this.pos = start;
    const stop = this.#stringEnd();
    this.pos = stop + 1;
    // `"i\u0064"` is `id`: an escaped key is for the general path.
    if (this.#escaped) throw GIVE_UP;
    const n = stop - start;
    search: for (const field of fields) {
      const key = field.key;
      if (key.length !== n) continue;
      for (let i = 0; i < n; i++) if (key[i] !== buf[start + i]) continue search;
      return field;
    }
    other.key = this.text(start, stop);
    return undefined;
  }

  /**
   * The last number read, as a double in an array: a double handed back from a call that is not
   * inlined is boxed, one garbage object per number (10⁶ of them in a 120 MB file).
   */
  readonly read = new Float64Array(1);

  /** A number passed over (its value unused). */
  number(): number {
    this.numberInto();
    return this.read[0]!;
  }

  /** A number (at its first byte) into {@link read}, read as `JSON.parse` reads it; gives up on anything the grammar refuses. */
  numberInto(): void {
    const { buf } = this;
    const start = this.pos;
    let p = start;
    const negative = buf[p] === 0x2d;
    if (negative) p++;
    let mantissa = 0;
    let digits = 0;
    let b = this.#at(p);
    if (b === 0x30) {
      p++;
      b = this.#at(p);
      if (isDigit(b)) throw GIVE_UP;
    } else if (isDigit(b)) {
      while (isDigit(b)) {
        mantissa = mantissa * 10 + (b - 0x30);
        digits++;
        b = this.#at(++p);
      }
    } else throw GIVE_UP;
    let fraction = 0;
    if (b === 0x2e) {
      b = this.#at(++p);
      if (!isDigit(b)) throw GIVE_UP;
      while (isDigit(b)) {
        mantissa = mantissa * 10 + (b - 0x30);
        digits++;
        fraction++;
        b = this.#at(++p);
      }
    }
    let exponent = false;
    if (b === 0x65 || b === 0x45) {
      exponent = true;
      b = this.#at(++p);
      if (b === 0x2b || b === 0x2d) b = this.#at(++p);
      if (!isDigit(b)) throw GIVE_UP;
      while (isDigit(b)) b = this.#at(++p);
    }
    this.pos = p;
    // 15 digits stay below 2^53; more, or an exponent: the engine's own conversion.
    if (exponent || digits > EXACT_DIGITS) {
      this.read[0] = Number(this.text(start, p, false));
      return;
    }
    const value = decimalValue(mantissa, fraction);
    this.read[0] = negative ? -value : value;
  }

  /** `true`, `false` or `null` (at its first byte); gives up on anything else. */
  literal(): boolean | null {
    const { buf } = this;
    const word = buf[this.pos] === 0x74 ? 'true' : buf[this.pos] === 0x66 ? 'false' : buf[this.pos] === 0x6e ? 'null' : undefined;
    if (!word) throw GIVE_UP;
    if (this.pos + word.length > this.end) this.#out();
    for (let i = 0; i < word.length; i++) if (buf[this.pos + i] !== word.charCodeAt(i)) throw GIVE_UP;
    this.pos += word.length;
    return word === 'true' ? true : word === 'false' ? false : null;
  }

  /** Any JSON value, checked and passed over (its object keys checked for repeats, as `parseJson` does). */
  skip(depth = 0): void {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const b = this.peek();
    if (b === 0x22) this.string();
    else if (b === 0x2d || isDigit(b)) this.number();
    else if (b === 0x7b) {
      this.pos++;
      if (this.peek() === 0x7d) {
        this.pos++;
        return;
      }
      const keys = new Set<string>();
      const other = { key: '' };
      for (;;) {
        if (this.peek() !== 0x22) throw GIVE_UP;
        this.key(NO_KEYS, other);
        if (keys.has(other.key)) throw GIVE_UP;
        keys.add(other.key);
        this.expect(0x3a);
        this.skip(depth + 1);
        if (this.#next(0x7d)) return;
      }
    } else if (b === 0x5b) {
      this.pos++;
      if (this.peek() === 0x5d) {
        this.pos++;
        return;
      }
      for (;;) {
        this.skip(depth + 1);
        if (this.#next(0x5d)) return;
      }
    } else this.literal();
  }

  /** After a member or an item: a comma (false: another follows) or `close` (true: the end). */
  #next(close: number): boolean {
    const b = this.peek();
    this.pos++;
    if (b === close) return true;
    if (b !== 0x2c) throw GIVE_UP;
    return false;
  }

  /** An object (at its `{`) whose known keys set the cells of `row` in `into`; other keys are passed over. */
  object(node: KeyNode, into: TableBuilder, row: number): void {
    this.pos++;
    if (this.peek() === 0x7d) {
      this.pos++;
      return;
    }
    let seen = 0;
    // Keys no column holds: a set, so a record with many of them stays linear.
    let others: Set<string> | undefined;
    const other = this.#other;
    for (;;) {
      if (this.peek() !== 0x22) throw GIVE_UP;
      const field = this.key(node, other);
      this.expect(0x3a);
      if (field === undefined) {
        // A key the columns do not hold: not kept, but a repeat is for the general path to report.
        if (others?.has(other.key)) throw GIVE_UP;
        (others ??= new Set()).add(other.key);
        this.skip();
      } else {
        if (seen & field.bit) throw GIVE_UP;
        seen |= field.bit;
        this.#value(field, into, row);
      }
      if (this.#next(0x7d)) return;
    }
  }

  /** The value of a known key, set in its cell (the value must fit the column: else the general path). */
  #value(field: Field, into: TableBuilder, row: number): void {
    const b = this.peek();
    switch (field.kind) {
      case 'refuse':
        throw GIVE_UP;
      case 'object':
        if (b !== 0x7b) throw GIVE_UP;
        this.object(field.child!, into, row);
        return;
      case 'capabilities':
        this.#capabilityList();
        return;
      case 'number':
        if (b !== 0x2d && !isDigit(b)) throw GIVE_UP;
        this.numberInto();
        into.setNumber(field.cell, row, this.read[0]!);
        return;
      case 'boolean': {
        const value = this.literal();
        if (value === null) throw GIVE_UP;
        into.setFlag(field.cell, row, value);
        return;
      }
      case 'code':
        if (b !== 0x22) throw GIVE_UP;
        into.setCode(field.cell, row, this.#code(field, into));
        return;
      case 'text': {
        if (b !== 0x22) throw GIVE_UP;
        const end = this.#pass();
        const text = this.#decoded(end);
        if (field.cell === this.#idCell && into === this.builders.establishments) {
          this.#id = text;
          this.#idBytes(this.#start, end);
        }
        into.setText(field.cell, row, text);
        return;
      }
      case 'list': {
        if (b !== 0x5b) throw GIVE_UP;
        this.pos++;
        const list: string[] = [];
        if (this.peek() === 0x5d) this.pos++;
        else
          for (;;) {
            if (this.peek() !== 0x22) throw GIVE_UP;
            list.push(this.string());
            if (this.#next(0x5d)) break;
          }
        into.setText(field.cell, row, list);
      }
    }
  }

  /** An establishment's id (the string just passed, `start` to `end`), its code kept by its bytes (see `#idCodes`). */
  #idBytes(start: number, end: number): void {
    if (!this.#plainIds) return;
    if (this.#escaped || this.#wide) {
      this.#plainIds = false;
      return;
    }
    const ids = this.#idCodes;
    const hash = ids.hash(this.buf, start, end);
    if (ids.find(this.buf, start, end, hash) === 0) ids.add(this.buf, start, end, hash, ++this.#distinctIds);
  }

  /** The code of a string value (at its opening quote) in its column: found by its bytes, decoded only when new. */
  #code(field: Field, into: TableBuilder): number {
    const end = this.#pass();
    const start = this.#start;
    if (field.reference && this.#part) return this.#reference(start, end);
    // An escaped value has other bytes than the same value written plainly: found by its text.
    if (this.#escaped) return into.codeOf(field.cell, this.#decoded(end));
    if (field.reference && this.#seeded && this.#plainIds) {
      const ids = this.#idCodes;
      const code = ids.find(this.buf, start, end, ids.hash(this.buf, start, end));
      if (code !== 0) return code;
    }
    const codes = (this.#byteCodes[field.id] ??= new ByteCodes());
    const hash = codes.hash(this.buf, start, end);
    let code = codes.find(this.buf, start, end, hash);
    if (code === 0) {
      code = into.codeOf(field.cell, this.#decoded(end));
      codes.add(this.buf, start, end, hash, code);
    }
    return code;
  }

  /** An establishment's capabilities: each a row of its own, linked once the establishment's id is known. */
  #capabilityList(): void {
    if (this.peek() !== 0x5b) throw GIVE_UP;
    this.pos++;
    if (this.peek() === 0x5d) {
      this.pos++;
      return;
    }
    const into = this.builders.capabilities;
    for (;;) {
      if (this.peek() !== 0x7b) throw GIVE_UP;
      const row = into.beginRow();
      this.#capabilities++;
      this.object(keyTrees().capabilities, into, row);
      if (this.#next(0x5d)) return;
    }
  }

  /** References start from the establishments' ids (see `seedReferences`), as the general path does. */
  #seed(list: RecordList): void {
    if (list === 'establishments') return;
    const ids = this.builders.establishments.texts(this.#idCell);
    // Plain ids as many as distinct byte sequences: distinct strings, listed with no lookup.
    const distinct = this.#plainIds && this.#distinctIds === ids.reduce((n, id) => n + (id === undefined ? 0 : 1), 0);
    seedReferences(this.builders[list], ids, distinct);
    this.#seeded = this.builders.establishments.rows > 0;
  }

  /** A reference of a part (see `#part`): its number by its bytes, a new one if new. */
  #reference(start: number, end: number): number {
    if (this.#escaped || this.#wide) throw GIVE_UP;
    const ids = this.#idCodes;
    const hash = ids.hash(this.buf, start, end);
    const code = ids.find(this.buf, start, end, hash);
    if (code !== 0) return code;
    ids.add(this.buf, start, end, hash, ++this.#distinctIds);
    return this.#distinctIds;
  }

  /** A part's references by number (see `#part`): their bytes, and where each starts and ends. */
  references(): PartReferences {
    return this.#idCodes.inOrder(this.#distinctIds);
  }

  /** Flows read by another thread (see `json-scan-part.ts`), after those read here. */
  appendFlows(part: ScannedPart): void {
    if (this.builders.flows.rows === 0) this.#seed('flows');
    const ids = this.#idCodes;
    const plain = this.#seeded && this.#plainIds;
    appendPart(this.builders.flows, part, (bytes, start, end) => (plain ? ids.find(bytes, start, end, ids.hash(bytes, start, end)) : 0));
  }

  /** The file's size in bytes, when known (see `#reserve`). */
  size = 0;
  /** File offset of the first record of the list being read. */
  #listStart = 0;

  /**
   * Room for the flows still to come, estimated from the bytes left and those of the first
   * {@link ESTIMATE_AFTER} (5 % more): the flows are most of a file, and what follows them is
   * usually small. An estimate past twice the rows read makes `finish` copy: no worse than doubling.
   */
  #reserve(into: TableBuilder): void {
    const at = this.base + this.pos;
    if (this.size <= at || at <= this.#listStart) return;
    const perRow = (at - this.#listStart) / into.rows;
    try {
      into.reserve(Math.ceil(into.rows + ((this.size - at) / perRow) * 1.05));
    } catch (error) {
      // Room beyond what can be allocated (large lists after the flows): grown by doubling instead.
      if (!(error instanceof RangeError)) throw error;
    }
  }

  /** One record of `list` (at its `{`) as a row of its table; the rows begun are taken back if the block ends inside it. */
  record(list: RecordList): void {
    const into = this.builders[list];
    const capabilities = this.builders.capabilities;
    if (into.rows === 0) {
      this.#seed(list);
      this.#listStart = this.base + this.pos;
    } else if (into.rows === ESTIMATE_AFTER && list === 'flows') this.#reserve(into);
    const row = into.beginRow();
    this.#capabilities = 0;
    this.#id = undefined;
    try {
      this.object(keyTrees()[list], into, row);
    } catch (thrown) {
      for (; this.#capabilities > 0; this.#capabilities--) capabilities.dropRow();
      into.dropRow();
      throw thrown;
    }
    if (this.#capabilities === 0 || this.#id === undefined) return;
    // As the general path: the establishment's id is its capabilities' `establishment`.
    const link = capabilities.codeOf(this.#linkCell, this.#id);
    for (let c = capabilities.rows - this.#capabilities; c < capabilities.rows; c++) capabilities.setCode(this.#linkCell, c, link);
  }
}
