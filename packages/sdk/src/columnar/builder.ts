/**
 * Columns filled row by row, for readers that see a table arrive a piece at a time (a JSON file read
 * as a stream, a CSV file row by row): a row is appended whole (`append`, a record object) or cell
 * by cell as a reader reads it (`beginRow`, then `setValue` or the typed setters). Typed arrays grow
 * twofold and are never filled past the last row; text cells are kept in chunks; codes are
 * dictionary-encoded as they come. A record read here is dropped right after, so a national table
 * never exists as objects.
 *
 * The cell rules are those of `tableColumnsOf` (the document → columns conversion), so a record
 * appended here and the same record converted there give the same row; what does not fit a column
 * (a number where text is expected, a list of something else than strings) is left out and named,
 * for the reader to report as the document validation would.
 */
import { CSV_TABLES, type CsvColumn, type CsvTableName } from '@toile/schema';
import { dictionaryCode, StringIndex } from '../util/string-table.ts';
import { columnTypeOf, type Column, type ColumnType, type TableColumns } from './columns.ts';

/** One column being filled. */
interface Slot {
  readonly name: string;
  readonly path: readonly string[];
  readonly type: ColumnType;
  /** The publication level: never dropped (see `tableColumnsOf`). */
  readonly level: boolean;
  numbers: Float64Array;
  flags: Uint8Array;
  codes: Uint32Array;
  readonly dictionary: string[];
  readonly position: StringIndex;
  /** Entries of the dictionary in `position` (those after were seeded as distinct and are indexed on first need). */
  indexed: number;
  /** Text and list cells, in chunks of {@link CHUNK} rows (see `slotOf`). */
  readonly chunks: (string | readonly string[] | undefined)[][];
}

/** Where in a record a value was left out because it does not fit its column. */
export type Misfit = readonly string[];

/** The value at `path` in a record; `misfit` when a step on the way is no object. */
function readPath(record: unknown, path: readonly string[]): { value: unknown; misfitAt?: number } {
  let value = record;
  for (let i = 0; i < path.length; i++) {
    if (value === undefined) return { value };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { value: undefined, misfitAt: i };
    value = (value as Record<string, unknown>)[path[i]!];
  }
  return { value };
}

function slotOf(column: CsvColumn, capacity: number): Slot {
  const type = columnTypeOf(column);
  const empty = new Uint8Array(0);
  const dictionary: string[] = [];
  return {
    name: column.name,
    path: column.path,
    type,
    level: column.path.length === 1 && column.path[0] === 'confidentiality',
    // Not filled: each row writes its number or NaN (see `#newRow`), so pages past the last row are never touched.
    numbers: type === 'number' ? new Float64Array(capacity) : new Float64Array(0),
    flags: type === 'boolean' ? new Uint8Array(capacity) : empty,
    codes: type === 'code' ? new Uint32Array(capacity) : new Uint32Array(0),
    dictionary,
    position: new StringIndex(dictionary),
    indexed: 0,
    // Chunks of a fixed size, joined once at the end: a large array grown row by row is copied at
    // each regrowth, each copy a large object that sets the collector marking the whole heap
    // (measured: 3–5 times slower than chunks at 500k rows). Each chunk is filled, so the column
    // stays a packed array, never a sparse one.
    chunks: [],
  };
}

/** Rows per chunk of a text or list column (2^13: a chunk is a small object, not a large one). */
const CHUNK_BITS = 13;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

/** The code of `text` in a code column, added to its dictionary if new. */
function codeIn(slot: Slot, text: string): number {
  indexed(slot);
  const code = dictionaryCode(slot.position, slot.dictionary, text);
  slot.indexed = slot.dictionary.length;
  return code;
}

/** The slot's index, with the entries seeded as distinct put in it (see `TableBuilder.seedCodes`). */
function indexed(slot: Slot): StringIndex {
  const { dictionary, position } = slot;
  for (; slot.indexed < dictionary.length; slot.indexed++) position.firstOrAdd(dictionary[slot.indexed]!, slot.indexed);
  return position;
}

/** Appends the rows of one table of the template, column by column. */
export class TableBuilder {
  readonly table: CsvTableName;
  #rows = 0;
  #capacity: number;
  readonly #slots: Slot[];
  /** The text and list columns' chunks. */
  readonly #arrays: (string | readonly string[] | undefined)[][][];
  /** The number columns: each row starts as NaN (no value). */
  readonly #numbers: Slot[];

  constructor(table: CsvTableName, capacity = 1024) {
    this.table = table;
    this.#capacity = Math.max(1, capacity);
    this.#slots = CSV_TABLES[table].map((c) => slotOf(c, this.#capacity));
    this.#arrays = this.#slots.filter((slot) => slot.type === 'text' || slot.type === 'list').map((slot) => slot.chunks);
    this.#numbers = this.#slots.filter((slot) => slot.type === 'number');
  }

  /** A new row, its text and list cells absent. */
  #newRow(): number {
    if (this.#rows === this.#capacity) this.#grow();
    const row = this.#rows;
    if ((row & IN_CHUNK) === 0 && row >> CHUNK_BITS === this.#arrays[0]?.length)
      for (let k = 0; k < this.#arrays.length; k++) this.#arrays[k]!.push(new Array<undefined>(CHUNK).fill(undefined));
    for (let k = 0; k < this.#numbers.length; k++) this.#numbers[k]!.numbers[row] = Number.NaN;
    return this.#rows++;
  }

  /** Rows appended so far. */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Appends one record as a row. Returns the paths of the values left out because they do not fit
   * their column (undefined when every value fits — the usual case).
   */
  append(record: unknown): Misfit[] | undefined {
    const row = this.#newRow();
    let misfits: Misfit[] | undefined;
    for (const slot of this.#slots) {
      const { value, misfitAt } = readPath(record, slot.path);
      if (misfitAt !== undefined) (misfits ??= []).push(slot.path.slice(0, misfitAt));
      else if (value !== undefined && !this.#set(slot, row, value)) (misfits ??= []).push(slot.path);
    }
    return misfits && dedupe(misfits);
  }

  /**
   * Starts a row whose cells a reader then sets one at a time (`setNumber`, `setFlag`, `setCode`,
   * `setText`, cells numbered in the template's column order), with no array of values per row: a
   * reader of bytes (the JSON scan) sets each cell as it reads it. Every cell starts absent.
   */
  beginRow(): number {
    return this.#newRow();
  }

  /** Takes back the last row begun (a reader that must read it again). */
  dropRow(): void {
    const row = --this.#rows;
    for (const chunks of this.#arrays) chunks[row >> CHUNK_BITS]![row & IN_CHUNK] = undefined;
    for (const slot of this.#slots) {
      if (slot.type === 'code') slot.codes[row] = 0;
      else if (slot.type === 'boolean') slot.flags[row] = 0;
    }
  }

  /** Sets a cell of any column, by the cell rules of {@link append}; false when the value does not fit (nothing is set). */
  setValue(cell: number, row: number, value: unknown): boolean {
    return value === undefined || this.#set(this.#slots[cell]!, row, value);
  }

  /** Sets a number cell (a number column's). */
  setNumber(cell: number, row: number, value: number): void {
    this.#slots[cell]!.numbers[row] = value;
  }

  /** Sets a yes/no cell (a boolean column's). */
  setFlag(cell: number, row: number, value: boolean): void {
    this.#slots[cell]!.flags[row] = value ? 2 : 1;
  }

  /** Sets a code cell to a code {@link codeOf} gave for that column. */
  setCode(cell: number, row: number, code: number): void {
    this.#slots[cell]!.codes[row] = code;
  }

  /** Sets a text or list cell. */
  setText(cell: number, row: number, value: string | readonly string[]): void {
    this.#slots[cell]!.chunks[row >> CHUNK_BITS]![row & IN_CHUNK] = value;
  }

  /** The code of `text` in a code column, added to its dictionary if new. */
  codeOf(cell: number, text: string): number {
    return codeIn(this.#slots[cell]!, text);
  }

  /**
   * Puts `values` (the strings among them, in order) first in a code column's dictionary, before
   * any row uses them. See {@link seedReferences}: the codes of a reference column are then the
   * establishments' rows + 1, and whoever maps them to rows (validation, the graph index) needs no
   * lookup. An entry no row uses is allowed in a dictionary (rows taken out leave some too).
   */
  seedCodes(cell: number, values: readonly (string | undefined)[], distinct = false): void {
    const slot = this.#slots[cell]!;
    if (slot.type !== 'code') return;
    // Strings known distinct (`distinct`, into an empty dictionary): listed now, indexed only if a
    // value is ever looked up by its text (a reader that finds references otherwise never does).
    const listed = distinct && slot.dictionary.length === 0;
    for (const value of values) {
      if (typeof value !== 'string') continue;
      if (listed) slot.dictionary.push(value);
      else codeIn(slot, value);
    }
  }

  /** The cells of a text column so far (rows 0 to {@link rows} − 1). */
  texts(cell: number): (string | undefined)[] {
    const slot = this.#slots[cell]!;
    const out = new Array<string | undefined>(this.#rows);
    if (slot.type !== 'text') return out.fill(undefined);
    for (let r = 0; r < this.#rows; r++) out[r] = slot.chunks[r >> CHUNK_BITS]![r & IN_CHUNK] as string | undefined;
    return out;
  }

  /** {@link codeOf} for `text.slice(start, end)`: a string is made only for a value not seen before. */
  codeOfRange(cell: number, text: string, start: number, end: number): number {
    const slot = this.#slots[cell]!;
    const at = indexed(slot).findRange(text, start, end);
    return at >= 0 ? at + 1 : codeIn(slot, text.slice(start, end));
  }

  /**
   * Appends the rows of `part`, the same table's columns read apart (a part of a file scanned by
   * another thread): numbers and flags copied, codes translated into this table's dictionaries
   * (each distinct value looked up once; `translated`: a column's codes already translated, by
   * the part's code), text and list cells set as they are.
   */
  appendColumns(part: TableColumns, translated: Readonly<Partial<Record<string, Uint32Array>>> = {}): void {
    const from = this.#rows;
    const n = part.rows;
    this.reserve(from + n);
    for (let chunk = this.#arrays[0]?.length ?? 0; chunk << CHUNK_BITS < from + n; chunk++)
      for (const chunks of this.#arrays) chunks.push(new Array<undefined>(CHUNK).fill(undefined));
    for (const slot of this.#slots) {
      const column = part.columns[slot.name];
      if (column === undefined || column.type !== slot.type) throw new Error(`appendColumns: no ${slot.type} column ${slot.name}`);
      switch (column.type) {
        case 'number':
          slot.numbers.set(column.values.subarray(0, n), from);
          break;
        case 'boolean':
          slot.flags.set(column.values.subarray(0, n), from);
          break;
        case 'code': {
          // Code 0 (no value) stays 0; code k is the part's dictionary entry k − 1 (or `translated`).
          let codes = translated[slot.name];
          if (!codes) {
            codes = new Uint32Array(column.dictionary.length + 1);
            for (let k = 0; k < column.dictionary.length; k++) codes[k + 1] = codeIn(slot, column.dictionary[k]!);
          }
          for (let r = 0; r < n; r++) slot.codes[from + r] = codes[column.codes[r]!]!;
          break;
        }
        default:
          for (let r = 0, row = from; r < n; r++, row++) slot.chunks[row >> CHUNK_BITS]![row & IN_CHUNK] = column.values[r];
      }
    }
    this.#rows += n;
  }

  /** Sets a cell; false when the value does not fit the column (nothing is set). */
  #set(slot: Slot, row: number, v: unknown): boolean {
    switch (slot.type) {
      case 'number':
        if (typeof v !== 'number') return false;
        slot.numbers[row] = v;
        return true;
      case 'boolean':
        if (typeof v !== 'boolean') return false;
        slot.flags[row] = v ? 2 : 1;
        return true;
      case 'code': {
        // A level that is no string is kept as its JSON text, read as `confidential` (safe default).
        const text = typeof v === 'string' ? v : slot.level ? String(JSON.stringify(v)) : undefined;
        if (text === undefined) return false;
        slot.codes[row] = codeIn(slot, text);
        return true;
      }
      case 'text':
        if (typeof v !== 'string') return false;
        slot.chunks[row >> CHUNK_BITS]![row & IN_CHUNK] = v;
        return true;
      case 'list': {
        if (!Array.isArray(v)) return false;
        const strings = v.filter((s): s is string => typeof s === 'string');
        slot.chunks[row >> CHUNK_BITS]![row & IN_CHUNK] = strings;
        return strings.length === v.length;
      }
    }
  }

  /**
   * Makes room for `rows` rows at once, for a reader that can tell how many will come (the JSON
   * scan, from the bytes left): one copy instead of one per doubling, and less memory allocated in
   * all (each allocation of typed arrays counts toward the collector's next pass).
   */
  reserve(rows: number): void {
    if (rows > this.#capacity) this.#grow(rows);
  }

  #grow(to = this.#capacity * 2): void {
    // Twofold: a table grown by doubling is always at least half full, so `finish` does not copy it
    // (fourfold, 500k rows in room for 1M were copied again at the end: 30 ms of a 120 MB JSON
    // read). Room made by `reserve` from an estimate is copied by `finish` if less than half used.
    const capacity = to;
    for (const slot of this.#slots) {
      if (slot.type === 'number') {
        const numbers = new Float64Array(capacity);
        numbers.set(slot.numbers);
        slot.numbers = numbers;
      } else if (slot.type === 'boolean') {
        const flags = new Uint8Array(capacity);
        flags.set(slot.flags);
        slot.flags = flags;
      } else if (slot.type === 'code') {
        const codes = new Uint32Array(capacity);
        codes.set(slot.codes);
        slot.codes = codes;
      }
    }
    this.#capacity = capacity;
  }

  /** The table as columns (arrays cut to the rows appended; the builder is not to be used after). */
  finish(): TableColumns {
    const n = this.#rows;
    const columns: Record<string, Column> = {};
    // Views, not copies, when the rows fill at least half the room: a copy would touch as many fresh
    // pages again (≈ 3 ms a MB on the project's machines), and the room past the last row was never
    // written, so it costs no memory. Emptier (a table that never grew), a copy: a column posted to
    // a worker or cloned would otherwise carry its whole room.
    const cut = <T extends Float64Array | Uint8Array | Uint32Array>(values: T): T =>
      (n * 2 >= this.#capacity ? values.subarray(0, n) : values.slice(0, n)) as T;
    for (const slot of this.#slots) {
      switch (slot.type) {
        case 'number':
          columns[slot.name] = { type: 'number', values: cut(slot.numbers) };
          break;
        case 'boolean':
          columns[slot.name] = { type: 'boolean', values: cut(slot.flags) };
          break;
        case 'code':
          columns[slot.name] = { type: 'code', codes: cut(slot.codes), dictionary: slot.dictionary };
          break;
        default: {
          const dense = new Array<string | readonly string[] | undefined>(n);
          for (let r = 0; r < n; r++) dense[r] = slot.chunks[r >> CHUNK_BITS]![r & IN_CHUNK];
          columns[slot.name] =
            slot.type === 'text'
              ? { type: 'text', values: dense as (string | undefined)[] }
              : { type: 'list', values: dense as (readonly string[] | undefined)[] };
        }
      }
    }
    return { rows: n, columns };
  }
}

/** Paths without repeats (a misfit object on the way shows once, not once per column under it). */
function dedupe(paths: Misfit[]): Misfit[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = p.join('/');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The columns of each table whose values are establishment ids. */
const REFERENCES: Partial<Record<CsvTableName, readonly string[]>> = { flows: ['from', 'to'], resources: ['establishment'] };

/**
 * Seeds the reference columns of a table about to be read (flows' `from` and `to`, resources'
 * `establishment`) with the establishments' ids, in their order (see `TableBuilder.seedCodes`).
 * Readers call it before the table's first row, when the establishments come first: the usual
 * order of a file, and the template's. `distinct`: the ids are known to be distinct strings.
 */
export function seedReferences(into: TableBuilder, ids: readonly (string | undefined)[], distinct = false): void {
  if (ids.length === 0) return;
  for (const name of REFERENCES[into.table] ?? [])
    into.seedCodes(
      CSV_TABLES[into.table].findIndex((c) => c.name === name),
      ids,
      distinct,
    );
}
