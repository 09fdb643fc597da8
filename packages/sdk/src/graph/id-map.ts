/**
 * The establishment id → node map of a graph index, built on first need: a national index built
 * from columns whose references share the ids (see `nodesOfDictionary`) never hashes its million
 * ids unless something asks for many of them. A few lookups (a shock, an establishment named on the
 * command line) are answered by a scan; the map is built at the 17th, or when it is iterated.
 */
export class IdMap implements ReadonlyMap<string, number> {
  readonly #ids: readonly (string | undefined)[];
  #map: Map<string, number> | undefined;
  #scans = 0;

  constructor(ids: readonly (string | undefined)[]) {
    this.#ids = ids;
  }

  #built(): Map<string, number> {
    if (!this.#map) {
      const map = new Map<string, number>();
      // Later rows win, as `set` in row order would have it.
      for (let i = 0; i < this.#ids.length; i++) map.set(this.#ids[i]!, i);
      this.#map = map;
    }
    return this.#map;
  }

  /** Node of an id (the last row with it), or undefined. */
  get(id: string): number | undefined {
    if (this.#map) return this.#map.get(id);
    if (this.#scans++ < 16) {
      const at = this.#ids.lastIndexOf(id);
      return at < 0 ? undefined : at;
    }
    return this.#built().get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  get size(): number {
    return this.#built().size;
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    this.#built().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, number]> {
    return this.#built().entries();
  }

  keys(): MapIterator<string> {
    return this.#built().keys();
  }

  values(): MapIterator<number> {
    return this.#built().values();
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}
