/** Disjoint sets over 0..n-1 (union by size, path halving): transitively linked passages end in one set. */
export class UnionFind {
  readonly #parent: Int32Array;
  readonly #size: Int32Array;

  constructor(n: number) {
    this.#parent = new Int32Array(n);
    this.#size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.#parent[i] = i;
  }

  /** The representative of the set holding `x`. */
  find(x: number): number {
    let node = x;
    while (this.#parent[node] !== node) {
      const grandparent = this.#parent[this.#parent[node] as number] as number;
      this.#parent[node] = grandparent;
      node = grandparent;
    }
    return node;
  }

  /** Joins the sets of `a` and `b`; returns the new representative, or -1 when they were already one set. */
  union(a: number, b: number): number {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return -1;
    if ((this.#size[rootA] as number) < (this.#size[rootB] as number)) [rootA, rootB] = [rootB, rootA];
    this.#parent[rootB] = rootA;
    this.#size[rootA] = (this.#size[rootA] as number) + (this.#size[rootB] as number);
    return rootA;
  }
}
