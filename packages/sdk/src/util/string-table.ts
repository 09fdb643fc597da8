/**
 * An index over a list of strings (a column of ids, a dictionary): which position holds a given
 * string, for the columnar hot paths that look up millions of ids and codes.
 *
 * Hand-written because V8's `Map` and `Set` are slow at this one job: inserting 500,000 fresh
 * short strings costs ≈ 230–300 ms on the project's machines, where this open-addressing table
 * takes ≈ 30–50 ms, measured in the same process. It holds positions only (an `Int32Array`), never
 * the strings: the list it indexes already holds them, and a large array of references to young
 * strings is what makes the collector slow. FNV-1a over the UTF-16 code units, linear probing, the
 * hash kept beside each position so a probe rarely compares strings. No npm package does this
 * faster than `Map` (they wrap it).
 *
 * Against a file written to make ids collide: the hash starts from a random seed per index, and is
 * finished by murmur3's mixer before its low bits pick a slot. Without the mixer, FNV-1a keeps
 * seed-free collisions in its low bits (flipping bit 15 of two code units in a row changes only
 * bits 15 and up: 2^n chosen keys share their low 16 bits whatever the seed); mixed, every bit of
 * the slot depends on every bit of the hash (tested on such keys). What chosen keys can still do is
 * share whole hashes among 65,536 values: probes then grow as n / 65,536 at worst (16 at a million
 * ids), not as n. A keyed hash (SipHash) would close that too, at several times the cost per key.
 */

/**
 * Hash of a string: FNV-1a over its UTF-16 code units from `seed`, then murmur3's 32-bit finaliser
 * (see the file comment); never 0 (0 marks an empty slot).
 *
 * @internal exported for the tests of the mixing
 */
export function stringHash(key: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = mixBits(h);
  return h === 0 ? 1 : h;
}

/** {@link stringHash} of `text.slice(start, end)`, without making that string. @internal */
export function rangeHash(text: string, start: number, end: number, seed: number): number {
  let h = seed;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = mixBits(h);
  return h === 0 ? 1 : h;
}

/** murmur3's 32-bit finaliser: each output bit depends on every input bit. @internal */
export function mixBits(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const capacityFor = (expected: number): number => {
  let capacity = 16;
  while (capacity < expected * 2) capacity *= 2;
  return capacity;
};

/**
 * Positions of a list of strings, by string. The list is read, never copied: a position added
 * must keep its string for as long as the index is used.
 *
 * @example
 * ```ts
 * const index = new StringIndex(ids, ids.length);
 * for (let row = 0; row < ids.length; row++) if (index.firstOrAdd(ids[row], row) >= 0) repeated(row);
 * ```
 */
export class StringIndex {
  readonly #keys: ArrayLike<string | undefined>;
  /**
   * Two numbers per slot side by side (hash, position): a probe reads one cache line, not one in
   * each of two arrays (large indexes are bound by memory, not by arithmetic).
   */
  #table: Int32Array;
  #mask: number;
  #size = 0;
  readonly #seed = (Math.random() * 0x7fffffff) | 0 || 0x811c9dc5;

  /**
   * @param keys - the list indexed: position `p` stands for `keys[p]`
   * @param expected - how many positions will be added (the index grows past that; sizing it saves regrowths)
   */
  constructor(keys: ArrayLike<string | undefined>, expected = 0) {
    this.#keys = keys;
    const capacity = capacityFor(expected);
    this.#table = new Int32Array(capacity * 2);
    this.#mask = capacity - 1;
  }

  /** Positions added. */
  get size(): number {
    return this.#size;
  }

  /** The slot (times 2) holding `key`, or of the empty slot where it would go. */
  #slot(key: string, hash: number): number {
    const table = this.#table;
    const mask = this.#mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 1;
      const h = table[at]!;
      if (h === 0 || (h === hash && this.#keys[table[at + 1]!] === key)) return at;
    }
  }

  /** The position added for `key`, or -1. */
  find(key: string): number {
    const at = this.#slot(key, stringHash(key, this.#seed));
    return this.#table[at] === 0 ? -1 : this.#table[at + 1]!;
  }

  /**
   * The position added for `text.slice(start, end)`, or -1, without making that string: a reader
   * of a large text looks up each cell where it lies (a string per cell is garbage the collector
   * must sweep, and the sweeping evicts the index from the caches).
   */
  findRange(text: string, start: number, end: number): number {
    const hash = rangeHash(text, start, end, this.#seed);
    const table = this.#table;
    const mask = this.#mask;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 1;
      const h = table[at]!;
      if (h === 0) return -1;
      if (h !== hash) continue;
      const position = table[at + 1]!;
      const key = this.#keys[position];
      if (key === undefined || key.length !== length) continue;
      let i = 0;
      while (i < length && key.charCodeAt(i) === text.charCodeAt(start + i)) i++;
      if (i === length) return position;
    }
  }

  /**
   * The position already added for `key`, or -1 after adding `position` for it (in one probe). The
   * list must hold `key` at `position` before the next call (a dictionary pushes it on -1).
   */
  firstOrAdd(key: string, position: number): number {
    const hash = stringHash(key, this.#seed);
    const at = this.#slot(key, hash);
    const table = this.#table;
    if (table[at] !== 0) return table[at + 1]!;
    table[at] = hash;
    table[at + 1] = position;
    // Half full at most: probes stay short.
    if (++this.#size * 2 > this.#mask) this.#grow();
    return -1;
  }

  #grow(): void {
    const old = this.#table;
    // Twice the slots: the old table's length in numbers is the new count of slots.
    const mask = old.length - 1;
    const table = new Int32Array(old.length * 2);
    for (let from = 0; from < old.length; from += 2) {
      const hash = old[from]!;
      if (hash === 0) continue;
      let slot = hash & mask;
      while (table[slot << 1] !== 0) slot = (slot + 1) & mask;
      table[slot << 1] = hash;
      table[(slot << 1) + 1] = old[from + 1]!;
    }
    this.#table = table;
    this.#mask = mask;
  }
}

/**
 * The code of `text` in a dictionary-encoded column: 1 + its position in `dictionary`, which
 * `index` indexes; a text not there yet is pushed and gets the next code (0 stays "no value").
 */
export function dictionaryCode(index: StringIndex, dictionary: string[], text: string): number {
  const at = index.firstOrAdd(text, dictionary.length);
  return at >= 0 ? at + 1 : dictionary.push(text);
}

/**
 * A set of strings on a {@link StringIndex} (the strings kept in a list of its own): for the sets of
 * hundreds of thousands of ids a merge claims, where a `Set` spends most of the merge's time.
 */
export class StringSet {
  /** The strings, the first `size` slots used (sized up front, doubled when full: never grown one by one). */
  #keys: (string | undefined)[];
  #index: StringIndex;
  #size = 0;

  /** @param expected - how many strings the set will hold (it grows past that) */
  constructor(expected = 0) {
    this.#keys = new Array<undefined>(Math.max(16, expected)).fill(undefined);
    this.#index = new StringIndex(this.#keys, expected);
  }

  /** Strings in the set (and values that are none: see `#others`). */
  get size(): number {
    return this.#size + this.#others.size;
  }

  /**
   * What is not a string (an id missing from a record that was not validated, typed as a string):
   * kept as a `Set` keeps it, so a merge of invalid input answers as it did with a `Set`.
   */
  readonly #others = new Set<unknown>();

  /** Whether `key` is in the set. */
  has(key: string): boolean {
    if (typeof key !== 'string') return this.#others.has(key);
    return this.#index.find(key) >= 0;
  }

  /** Adds `key`; false when it was in the set already (one probe either way). */
  add(key: string): boolean {
    if (typeof key !== 'string') return this.#others.size < this.#others.add(key).size;
    if (this.#size === this.#keys.length) this.#grow();
    if (this.#index.firstOrAdd(key, this.#size) >= 0) return false;
    this.#keys[this.#size++] = key;
    return true;
  }

  /** Twice the room: the strings move to a new list, indexed again (the index reads the list it was given). */
  #grow(): void {
    const keys = new Array<string | undefined>(this.#keys.length * 2).fill(undefined);
    for (let i = 0; i < this.#size; i++) keys[i] = this.#keys[i];
    const index = new StringIndex(keys, keys.length);
    for (let i = 0; i < this.#size; i++) index.firstOrAdd(keys[i]!, i);
    this.#keys = keys;
    this.#index = index;
  }
}

/**
 * The rows whose string is written more than once in `values` (the first one too), among those
 * `include` keeps; undefined when there are none.
 *
 * For a column of 10⁵–10⁶ ids, where a {@link StringIndex} over the whole column misses the
 * caches at each row: the rows are sorted by the top bits of their hash into parts of about 8,192
 * (sequential passes), and each part is checked in a small table that stays in the cache
 * (measured: 500k flow ids 27 ms → 18 ms). Same hash and seed rules as `StringIndex`.
 */
export function repeatedRows(values: ArrayLike<string | undefined>, include?: (value: string) => boolean): Uint8Array | undefined {
  const n = values.length;
  const seed = (Math.random() * 0x7fffffff) | 0 || 0x811c9dc5;
  let bits = 0;
  while (bits < 12 && n >> bits > 8192) bits++;
  const parts = 1 << bits;
  const shift = 32 - bits;
  const partOf = (hash: number) => (bits === 0 ? 0 : hash >>> shift);
  const hashes = new Int32Array(n);
  const starts = new Int32Array(parts + 1);
  for (let r = 0; r < n; r++) {
    const v = values[r];
    if (v === undefined || (include !== undefined && !include(v))) continue;
    const hash = stringHash(v, seed);
    hashes[r] = hash;
    starts[partOf(hash) + 1]!++;
  }
  let largest = 0;
  for (let p = 0; p < parts; p++) {
    largest = Math.max(largest, starts[p + 1]!);
    starts[p + 1]! += starts[p]!;
  }
  const order = new Int32Array(starts[parts]!);
  const next = starts.slice(0, parts);
  for (let r = 0; r < n; r++) if (hashes[r] !== 0) order[next[partOf(hashes[r]!)]!++] = r;
  // One table for every part (row + 1 per slot, 0 empty), at most half full.
  const capacity = capacityFor(largest);
  const mask = capacity - 1;
  const table = new Int32Array(capacity);
  let repeated: Uint8Array | undefined;
  for (let p = 0; p < parts; p++) {
    table.fill(0);
    for (let k = starts[p]!; k < starts[p + 1]!; k++) {
      const r = order[k]!;
      const hash = hashes[r]!;
      const v = values[r];
      let slot = hash & mask;
      for (;;) {
        const there = table[slot]! - 1;
        if (there < 0) {
          table[slot] = r + 1;
          break;
        }
        if (hashes[there] === hash && values[there] === v) {
          repeated ??= new Uint8Array(n);
          repeated[there] = repeated[r] = 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
  return repeated;
}
