/** The best candidates of a search: a candidate, its rank order and a bounded heap. */

/** A candidate during the search (only candidates that pass the bounds become objects). */
export interface Candidate {
  /** Rounded to 4 decimals, as shown. */
  score: number;
  /** km rounded to 3 decimals, NaN when unknown. */
  d: number;
  o: number;
  n: number;
  item: number;
  match: number;
  distance: number;
  quantity: number;
  kind: number;
}

/** True when a ranks strictly below b: lower score, then farther, then later offer, later need. */
export function worse(a: Candidate, b: Candidate): boolean {
  if (a.score !== b.score) return a.score < b.score;
  const da = Number.isNaN(a.d) ? Infinity : a.d;
  const db = Number.isNaN(b.d) ? Infinity : b.d;
  if (da !== db) return da > db;
  if (a.o !== b.o) return a.o > b.o;
  return a.n > b.n;
}

/** Bounded min-heap of the best candidates (the worst kept at the root). */
export class TopHeap {
  readonly items: Candidate[] = [];
  constructor(readonly capacity: number) {}
  get full(): boolean {
    return this.items.length >= this.capacity;
  }
  get worst(): Candidate | undefined {
    return this.items[0];
  }
  offer(c: Candidate): void {
    const h = this.items;
    if (h.length < this.capacity) {
      h.push(c);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(h[i]!, h[p]!)) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
      return;
    }
    if (!worse(h[0]!, c)) return;
    h[0] = c;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && worse(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
