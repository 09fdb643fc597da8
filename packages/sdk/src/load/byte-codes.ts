/**
 * The dictionary codes of a column by the bytes of its values, for the JSON scan: a reference or a
 * vocabulary word seen before (`"from": "e4217"`, `"unit": "t/yr"`) is found from its bytes, with no
 * string made for it; only a value never seen is decoded, once.
 *
 * Hand-written for the same reason as `StringIndex` (and on its model: FNV-1a, linear probing, the
 * hash beside each entry): nothing published maps byte ranges to numbers, and making a string per
 * cell only to look it up was a fifth of the scan. The seed is random per dictionary and the hash
 * mixed before use, as in `StringIndex` (whose comment says why).
 */
import { mixBits } from '../util/string-table.ts';

/** Byte sequences by number: number c is `bytes` from `ends[c − 1]` to `ends[c]` (`ends[0]` is 0). */
export interface PartReferences {
  bytes: Uint8Array;
  ends: Uint32Array;
}

/** Bytes of `buf` from `start` to `end` to the code the column gave their text. */
export class ByteCodes {
  /**
   * Four numbers per slot side by side (hash, code, start in the pool, length): a probe reads one
   * cache line, not four arrays (the lookups are bound by memory, not by arithmetic).
   */
  #table = new Int32Array(64 * 4);
  #pool = new Uint8Array(1024);
  #used = 0;
  #mask = 63;
  #size = 0;
  readonly #seed = (Math.random() * 0x7fffffff) | 0 || 0x811c9dc5;

  /** Hash of the bytes (never 0: 0 marks an empty slot). */
  hash(buf: Uint8Array, start: number, end: number): number {
    let h = this.#seed;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    // Mixed before its low bits pick a slot, as `StringIndex` does (chosen collisions: see there).
    h = mixBits(h);
    return h === 0 ? 1 : h;
  }

  /** The slot (times 4) holding these bytes, or of the empty slot where they would go. */
  #slot(buf: Uint8Array, start: number, end: number, hash: number): number {
    const n = end - start;
    const table = this.#table;
    const mask = this.#mask;
    let slot = hash & mask;
    for (;;) {
      const at = slot << 2;
      const h = table[at]!;
      if (h === 0) return at;
      if (h === hash && table[at + 3] === n) {
        const pool = this.#pool;
        const shift = table[at + 2]! - start;
        let i = start;
        while (i < end && pool[shift + i] === buf[i]) i++;
        if (i === end) return at;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The code of these bytes, or 0 when never added. */
  find(buf: Uint8Array, start: number, end: number, hash: number): number {
    const at = this.#slot(buf, start, end, hash);
    return this.#table[at] === 0 ? 0 : this.#table[at + 1]!;
  }

  /** Adds these bytes (not found before) with their code. */
  add(buf: Uint8Array, start: number, end: number, hash: number, code: number): void {
    const n = end - start;
    if (this.#used + n > this.#pool.length) {
      const pool = new Uint8Array(Math.max(this.#pool.length * 2, this.#used + n));
      pool.set(this.#pool.subarray(0, this.#used));
      this.#pool = pool;
    }
    // Byte by byte: a subarray per value would cost more than the copy (values are short).
    const pool = this.#pool;
    for (let i = 0; i < n; i++) pool[this.#used + i] = buf[start + i]!;
    const at = this.#slot(buf, start, end, hash);
    const table = this.#table;
    table[at] = hash;
    table[at + 1] = code;
    table[at + 2] = this.#used;
    table[at + 3] = n;
    this.#used += n;
    if (++this.#size * 2 > this.#mask) this.#grow();
  }

  /**
   * The entries as bytes by code, for a dictionary whose codes are 1 to `count` in the order added
   * (as the JSON scan numbers a part's references).
   */
  inOrder(count: number): PartReferences {
    const ends = new Uint32Array(count + 1);
    const table = this.#table;
    for (let at = 0; at < table.length; at += 4) if (table[at] !== 0) ends[table[at + 1]!] = table[at + 2]! + table[at + 3]!;
    return { bytes: this.#pool.slice(0, this.#used), ends };
  }

  #grow(): void {
    const old = this.#table;
    const capacity = (old.length >> 2) * 2;
    const table = new Int32Array(capacity * 4);
    const mask = capacity - 1;
    for (let from = 0; from < old.length; from += 4) {
      const hash = old[from]!;
      if (hash === 0) continue;
      let slot = hash & mask;
      while (table[slot << 2] !== 0) slot = (slot + 1) & mask;
      const to = slot << 2;
      table[to] = hash;
      table[to + 1] = old[from + 1]!;
      table[to + 2] = old[from + 2]!;
      table[to + 3] = old[from + 3]!;
    }
    this.#table = table;
    this.#mask = mask;
  }
}
