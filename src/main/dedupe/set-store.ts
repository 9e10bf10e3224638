/**
 * Shingle sets of some items, packed one after another in one growing array:
 * verification computes hundreds of thousands of them, and as many small
 * typed arrays in a map would cost several times the memory and keep the
 * garbage collector busy.
 */
import { HashList } from './fold.js';

export class SetStore {
  readonly #values = new HashList(1 << 16);
  readonly #start: Int32Array;
  readonly #length: Uint32Array;

  /** A store for items 0 to `items` − 1, none of them with a set yet. */
  constructor(items: number) {
    this.#start = new Int32Array(items).fill(-1);
    this.#length = new Uint32Array(items);
  }

  /** Stores the set of `item`: the distinct values of shingles[from, from + count), in any order. */
  add(item: number, shingles: Uint32Array, from: number, count: number): void {
    const at = this.#values.length;
    this.#values.pushRange(shingles, from, count);
    const stored = this.#values.values.subarray(at, at + count).sort();
    let unique = 0;
    for (let i = 0; i < count; i++) {
      if (i === 0 || stored[i] !== stored[unique - 1]) stored[unique++] = stored[i] as number;
    }
    this.#values.length = at + unique;
    this.#start[item] = at;
    this.#length[item] = unique;
  }

  has(item: number): boolean {
    return this.#start[item] !== -1;
  }

  /** Every stored value; item i's set is values[start(i), start(i) + size(i)). Read it again after adding. */
  get values(): Uint32Array {
    return this.#values.values;
  }

  start(item: number): number {
    return this.#start[item] as number;
  }

  size(item: number): number {
    return this.#length[item] as number;
  }
}
