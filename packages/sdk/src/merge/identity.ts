/**
 * Finding a merged flow or resource by its identity (its ends, kind and item) without building one
 * key string per record: at 10⁶ flows, hashing a fresh `from\0to\0kind\0item` string per record was
 * most of the merge's time. Ends are numbered once each; the pair of numbers is the key; kind and
 * item are compared only when two records share both ends, which is rare.
 */
import type { Flow, Resource } from '@toile/schema';
import { foldText } from '../util/fold.ts';

// An empty slot of the pair table (positions are ≥ 0, lists of several identities ≤ -1).
const EMPTY = -(2 ** 31);

/** Folded as search text ({@link foldText}), no punctuation, no legal form: "Aciérie du Port S.A.S." → "acierie du port". */
export function normaliseName(name: string): string {
  return foldText(name)
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(sas|sasu|sarl|eurl|sa|sci|snc|scop|scic|sem|spl|gie|ste|societe|ets|etablissements)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What a flow or resource exchanges, as text: its code, else its family, else its normalised label. */
export function itemKey(r: Flow | Resource): string {
  const item = r.item;
  return item?.code ?? (item?.family ? `family:${item.family}` : item?.label ? `label:${normaliseName(item.label)}` : '');
}

/** Numbers for the ids records point to, in their text form (the form the old key strings used). */
export class EndNumbers {
  private readonly numbers = new Map<string, number>();

  /** The number of an end (an id after renaming, or whatever value the record gave). */
  of(end: unknown): number {
    const text = typeof end === 'string' ? end : String(end);
    let n = this.numbers.get(text);
    if (n === undefined) this.numbers.set(text, (n = this.numbers.size));
    return n;
  }
}

/**
 * How one document's references resolve in the merged document: the id after renaming and its end
 * number, in one lookup per reference (an id of the document's establishments, or any other value).
 */
export class DocumentEnds {
  /** Id in the document → end number (≥ 0, id kept) or `-1 - k` (id renamed: k-th of `renamed`). */
  private readonly byId = new Map<unknown, number>();
  private readonly renamed: { id: string; end: number }[] = [];
  /** The id this reference takes in the merged document, after {@link resolve}. */
  id: unknown = undefined;

  constructor(private readonly ends: EndNumbers) {}

  /** An establishment of the document keeps its id (unless one of its namesakes was renamed). */
  keep(id: string): void {
    if (!this.byId.has(id)) this.byId.set(id, this.ends.of(id));
  }

  /** An establishment of the document is merged into, or renamed as, `to`. */
  rename(id: string, to: string): void {
    const k = this.renamed.push({ id: to, end: this.ends.of(to) }) - 1;
    this.byId.set(id, -1 - k);
  }

  /** The end number of a reference; its id in the merged document is left in {@link id}. */
  resolve(reference: unknown): number {
    const entry = this.byId.get(reference);
    if (entry === undefined || entry >= 0) {
      this.id = reference;
      return entry ?? this.ends.of(reference);
    }
    const renamed = this.renamed[-1 - entry]!;
    this.id = renamed.id;
    return renamed.end;
  }
}

/**
 * The records of one merged list by identity: two ends, then the rest of the identity as text
 * (`rest`), which is read from the record that first gave the identity, as it was then.
 *
 * Pairs of ends live in an open-addressing table of typed arrays rather than a `Map` keyed by
 * `a * 2^26 + b`: such keys are heap numbers, one allocation each, that the garbage collector then
 * copies and marks — measurable at 10⁶ flows.
 */
export class IdentityIndex<R> {
  private capacity: number;
  private used = 0;
  /**
   * Four numbers per slot side by side (value, first end, second end, unused): a probe reads one
   * cache line, not one in each of three arrays (at 10⁵–10⁶ pairs the probes are bound by memory).
   * The value is the position of the record (≥ 0), `-1 - k` for the k-th list of several
   * identities, or `EMPTY`.
   */
  private table: Int32Array;
  /** Pairs shared by records with different rests: rest → position. */
  private readonly several: Map<string, number>[] = [];
  /** The input record that gave each position its identity. */
  private readonly origins: R[] = [];

  /** `expected`: how many identities to make room for at once (the table grows as needed). */
  constructor(
    private readonly rest: (record: R) => string,
    expected = 0,
  ) {
    this.capacity = Math.max(1 << 10, 2 ** Math.ceil(Math.log2(expected * 2 + 1)));
    this.table = emptyTable(this.capacity);
  }

  /**
   * The position of the record with the same identity as `record`; when there is none, `position`
   * (where the caller adds it) is registered for that identity and `undefined` returned.
   */
  claim(a: number, b: number, record: R, position: number): number | undefined {
    const slot = this.slotOf(a, b);
    const entry = this.table[slot]!;
    if (entry === EMPTY) {
      this.table[slot] = position;
      this.table[slot + 1] = a;
      this.table[slot + 2] = b;
      if (++this.used * 2 > this.capacity) this.grow();
    } else {
      const rest = this.rest(record);
      if (entry >= 0) {
        const there = this.rest(this.origins[entry] as R);
        if (there === rest) return entry;
        this.table[slot] = -1 - this.several.length;
        this.several.push(
          new Map([
            [there, entry],
            [rest, position],
          ]),
        );
      } else {
        const several = this.several[-1 - entry]!;
        const at = several.get(rest);
        if (at !== undefined) return at;
        several.set(rest, position);
      }
    }
    this.origins[position] = record;
    return undefined;
  }

  /** The slot of the pair (times 4), or of the empty slot where it goes (linear probing). */
  private slotOf(a: number, b: number): number {
    const mask = this.capacity - 1;
    const table = this.table;
    for (let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      if (table[at] === EMPTY || (table[at + 1] === a && table[at + 2] === b)) return at;
    }
  }

  private grow(): void {
    const old = this.table;
    this.capacity *= 2;
    this.table = emptyTable(this.capacity);
    for (let from = 0; from < old.length; from += 4) {
      if (old[from] === EMPTY) continue;
      const at = this.slotOf(old[from + 1]!, old[from + 2]!);
      this.table[at] = old[from]!;
      this.table[at + 1] = old[from + 1]!;
      this.table[at + 2] = old[from + 2]!;
    }
  }
}

/** A pair table of `capacity` empty slots (see `IdentityIndex.table`). */
function emptyTable(capacity: number): Int32Array {
  const table = new Int32Array(capacity * 4);
  for (let at = 0; at < table.length; at += 4) table[at] = EMPTY;
  return table;
}
