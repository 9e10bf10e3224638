/** A small seeded random source: the corpus must be the same on every machine and run. */
export class Prng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1) (mulberry32: fast, 32-bit state, good enough for synthetic text). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Log-normal sample with the given median; `spread` is sigma of the underlying normal. */
  logNormal(median: number, spread: number): number {
    // Box–Muller; 1 - next() keeps the logarithm away from 0.
    const u = 1 - this.next();
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(spread * normal);
  }
}

/**
 * Draws ranks 0..n-1 with Zipf-like weights 1/(rank+offset)^s in O(1), through a
 * quantile table, so tens of millions of draws cost next to nothing.
 */
export class ZipfTable {
  readonly #table: Uint32Array;

  constructor(n: number, exponent: number, offset = 2.7, resolution = 1 << 20) {
    const weights = new Float64Array(n);
    let total = 0;
    for (let rank = 0; rank < n; rank++) {
      const weight = 1 / Math.pow(rank + offset, exponent);
      weights[rank] = weight;
      total += weight;
    }
    this.#table = new Uint32Array(resolution);
    let rank = 0;
    let cumulative = (weights[0] as number) / total;
    for (let slot = 0; slot < resolution; slot++) {
      const quantile = (slot + 0.5) / resolution;
      while (quantile > cumulative && rank < n - 1) {
        rank++;
        cumulative += (weights[rank] as number) / total;
      }
      this.#table[slot] = rank;
    }
  }

  /** A rank drawn with `random` (a uniform [0, 1) value). */
  draw(random: number): number {
    return this.#table[Math.floor(random * this.#table.length)] as number;
  }
}
