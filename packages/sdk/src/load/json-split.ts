/**
 * A Toile JSON text cut, as it streams in, into what can be parsed on its own: windows of records
 * of the three large lists (`establishments`, `flows`, `resources`), each handed over as the text
 * of a JSON array, and the rest of the document (its "skeleton": `toile`, `territory`, `meta`, the
 * lists emptied), kept to be parsed at the end. Each piece carries the place in the file where it
 * starts, so a problem found in a piece is placed in the file.
 *
 * This is a splitter, not a parser: it only follows strings and brackets to find where records
 * end, and `JSON.parse` (native, the fastest parser there is) reads each window. Streaming parsers
 * were measured first on a 100k-establishment / 500k-flow file (126 MB) on this machine: stream-json
 * 3.8 14.7 s, @streamparser/json 0.0.26 4.5–5.5 s, jsonparse 1.3 5.3 s, against 3.6–5.6 s for
 * JSON.parse of the whole text under the same load — all of them slower than the whole-text parse
 * the issue must beat, and none lets duplicate keys be seen (they build objects, the last key
 * wins). With windows parsed by `JSON.parse`, the document path's own functions (`parseJson`,
 * `findDuplicateKeys`) give syntax errors and duplicate keys exactly as for a whole document.
 */

/** A place in the file: UTF-16 offset (after a byte-order mark, as `parseJson` counts), 1-based line and column. */
export interface FilePlace {
  offset: number;
  line: number;
  column: number;
}

/** The lists read as windows of records. */
export type RecordList = 'establishments' | 'flows' | 'resources';

const LISTS: ReadonlySet<string> = new Set<RecordList>(['establishments', 'flows', 'resources']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** What the splitter hands over. */
export interface SplitHandlers {
  /**
   * A window of records of `list`: `text` is a JSON array (`[` + the records' text + `]`) whose
   * first record starts at `place` (one column after the `[`, which the file does not hold there).
   */
  window(list: RecordList, text: string, place: FilePlace): void;
  /** A record list opens (a second time when its key is written twice: the last one counts, as in `JSON.parse`). */
  open(list: RecordList): void;
  /** A comma with no record before or after it (`[{…},]`): a syntax error at `place`. */
  missingValue(place: FilePlace): void;
}

/** One run of the skeleton's text and where it starts in the file. */
interface Segment {
  skeleton: number;
  place: FilePlace;
}

/** Cuts a JSON text given in pieces (see the file comment). */
export class JsonSplitter {
  /** Unconsumed text; `#base` is the file offset of its first character. */
  #text = '';
  #base = 0;
  /** Next character to scan, in `#text`. */
  #i = 0;
  #depth = 0;
  #list: RecordList | undefined;
  /** The last string read at the top of the document, quotes included (see `#openList`). */
  #key = '';
  /** Start of the records not handed over yet, and the last comma between records after it (or -1). */
  #from = 0;
  #comma = -1;
  #commas = 0;
  /** Start of the skeleton text not copied yet (outside the lists). */
  #skeletonFrom = 0;
  #skeleton: string[] = [];
  #skeletonLength = 0;
  readonly segments: Segment[] = [];
  /** Lines counted up to file offset `#counted`. */
  #line = 1;
  #lineStart = 0;
  #counted = 0;
  #started = false;
  readonly #handlers: SplitHandlers;

  constructor(handlers: SplitHandlers) {
    this.#handlers = handlers;
  }

  /** Takes the next piece of text. */
  push(piece: string): void {
    let text = piece;
    if (!this.#started) {
      this.#started = true;
      // A byte-order mark is no part of the text (offsets are counted after it, as in `parseJson`).
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#text = this.#text.length === 0 ? text : this.#text + text;
    this.#scan();
    this.#release();
  }

  /** The end of the text: the last records are handed over; returns the skeleton's text. */
  end(): string {
    if (this.#list !== undefined) this.#emit(this.#text.length, false);
    else this.#copySkeleton(this.#text.length);
    return this.#skeleton.join('');
  }

  /** The file place of offset `offset` (not before the last place asked for). */
  placeOf(offset: number): FilePlace {
    const text = this.#text;
    for (let i = text.indexOf('\n', this.#counted - this.#base); i !== -1 && i + this.#base < offset; i = text.indexOf('\n', i + 1)) {
      this.#line++;
      this.#lineStart = i + this.#base + 1;
    }
    this.#counted = offset;
    return { offset, line: this.#line, column: offset - this.#lineStart + 1 };
  }

  #scan(): void {
    const text = this.#text;
    const n = text.length;
    let i = this.#i;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const end = stringEnd(text, i);
        // A string cut by the end of the piece: scanned again with the next piece.
        if (end === -1) break;
        // At the top, the last string before a list is its key (the value after it is the list).
        if (this.#depth === 1) this.#key = text.slice(i, end + 1);
        i = end;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.#depth++;
        if (this.#depth === 2 && c === OPEN_BRACKET) this.#openList(i);
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (this.#depth === 2 && this.#list !== undefined) this.#closeList(i);
        this.#depth--;
      } else if (c === COMMA && this.#depth === 2 && this.#list !== undefined) {
        this.#comma = i;
        this.#commas++;
      }
    }
    this.#i = i;
  }

  /** A list opens at `i`: a record list when the skeleton's last key names one. */
  #openList(i: number): void {
    this.#copySkeleton(i + 1);
    // The key read whole, however long, wherever the pieces cut it (its tail alone, or the last
    // piece of the skeleton, could name another list: `"…\"flows": [`, `"flows"` | `: [`).
    let key: unknown;
    try {
      key = JSON.parse(this.#key);
    } catch {
      return;
    }
    if (typeof key !== 'string' || !LISTS.has(key)) return;
    this.#list = key as RecordList;
    this.#from = i + 1;
    this.#comma = -1;
    this.#commas = 0;
    this.#handlers.open(this.#list);
  }

  /** The record list ends at `i` (its `]`): the last records, then the skeleton again. */
  #closeList(i: number): void {
    this.#emit(i, true);
    this.#list = undefined;
    this.#skeletonFrom = i;
  }

  /** Hands over the records from `#from` to `end` (a comma or the list's end). */
  #emit(end: number, last: boolean): void {
    const list = this.#list!;
    const body = this.#text.slice(this.#from, end);
    const place = this.placeOf(this.#base + this.#from);
    if (body.trim() !== '') this.#handlers.window(list, `[${body}]`, place);
    // No record between two commas, before the first or after the last: where JSON.parse would stop.
    else if (!last || this.#commas > 0) this.#handlers.missingValue(this.placeOf(this.#base + end));
    this.#from = end + 1;
  }

  /** Copies the skeleton's text up to `end` (outside the lists). */
  #copySkeleton(end: number): void {
    if (end <= this.#skeletonFrom) return;
    this.segments.push({ skeleton: this.#skeletonLength, place: this.placeOf(this.#base + this.#skeletonFrom) });
    const part = this.#text.slice(this.#skeletonFrom, end);
    this.#skeleton.push(part);
    this.#skeletonLength += part.length;
    this.#skeletonFrom = end;
  }

  /** Hands over the complete records scanned, and drops the text consumed. */
  #release(): void {
    if (this.#list !== undefined) {
      if (this.#comma >= this.#from) {
        this.#emit(this.#comma, false);
        this.#comma = -1;
      }
      this.#drop(Math.min(this.#from, this.#i));
    } else {
      this.#copySkeleton(this.#i);
      this.#drop(this.#i);
    }
  }

  /** Forgets the first `k` characters of the text (all positions move with it). */
  #drop(k: number): void {
    if (k <= 0) return;
    this.placeOf(this.#base + k);
    this.#text = this.#text.slice(k);
    this.#base += k;
    this.#i -= k;
    this.#from -= k;
    this.#skeletonFrom -= k;
    if (this.#comma >= 0) this.#comma -= k;
  }
}

/** Offset of the quote closing the string opened at `start`, or -1 when the text ends first. */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  while (j !== -1) {
    let k = j - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--;
    // An even number of backslashes before the quote: it closes the string.
    if ((j - 1 - k) % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return -1;
}
