/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values
 * allowed (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011):
 * α = 1 − D_o / D_e. Only units with two or more values are pairable; each unit
 * with m_u values contributes its pairs of values weighted 1 / (m_u − 1), so
 * n = Σ m_u pairable values in all; the weighted pairs make the coincidence matrix
 * o_ck, with n_c = Σ_k o_ck. Nominal: any two different values disagree, so
 *   D_o = Σ_{c≠k} o_ck / n   and   D_e = Σ_{c≠k} n_c·n_k / (n(n − 1)).
 */

export interface AlphaFigures {
  /** Units with at least two values. */
  readonly units: number;
  /** Pairable values n. */
  readonly pairableValues: number;
  /** Observed disagreement D_o. */
  readonly observedDisagreement: number | null;
  /** Disagreement expected by chance D_e. */
  readonly expectedDisagreement: number | null;
  /** null when undefined: fewer than two pairable values, or a single value used throughout. */
  readonly alpha: number | null;
}

/**
 * Collects units one by one into a coincidence matrix, so tokens of many documents
 * never need to be held at once, and α of any one category against the rest can be
 * read from the same matrix afterwards.
 */
export class AlphaAccumulator {
  #units = 0;
  /** o_ck, flat: cell (c, k) at c·categories + k. */
  readonly #coincidences: Float64Array;

  constructor(readonly categories: number) {
    this.#coincidences = new Float64Array(categories * categories);
  }

  /** Adds one unit: the values (0 ≤ value < categories) its coders gave; missing ones are simply absent. */
  addUnit(values: ArrayLike<number>, length = values.length): void {
    if (length < 2) return;
    const weight = 1 / (length - 1);
    for (let i = 0; i < length; i++) {
      const row = (values[i] as number) * this.categories;
      for (let j = 0; j < length; j++) {
        if (i === j) continue;
        const cell = row + (values[j] as number);
        this.#coincidences[cell] = (this.#coincidences[cell] as number) + weight;
      }
    }
    this.#units += 1;
  }

  /**
   * Adds units of exactly two values each, given as a flat k×k table counting the
   * units valued (first, second): each such unit adds one to o_ab and one to o_ba.
   * Two annotators' token confusion table is this, with no pass over the tokens.
   */
  addPairTable(cells: ArrayLike<number>): void {
    const k = this.categories;
    for (let c = 0; c < k; c++) {
      for (let d = 0; d < k; d++) {
        const n = cells[c * k + d] as number;
        if (n === 0) continue;
        this.#units += n;
        this.#coincidences[c * k + d] = (this.#coincidences[c * k + d] as number) + n;
        this.#coincidences[d * k + c] = (this.#coincidences[d * k + c] as number) + n;
      }
    }
  }

  /** Adds everything another accumulator (with as many categories) collected. */
  addAll(other: AlphaAccumulator): void {
    this.#units += other.#units;
    for (let i = 0; i < this.#coincidences.length; i++) {
      this.#coincidences[i] = (this.#coincidences[i] as number) + (other.#coincidences[i] as number);
    }
  }

  /** α over all categories. */
  result(): AlphaFigures {
    const k = this.categories;
    const totals = new Float64Array(k);
    let n = 0;
    let disagreeing = 0;
    for (let c = 0; c < k; c++) {
      for (let d = 0; d < k; d++) {
        const o = this.#coincidences[c * k + d] as number;
        totals[c] = (totals[c] as number) + o;
        n += o;
        if (c !== d) disagreeing += o;
      }
    }
    let squares = 0;
    for (let c = 0; c < k; c++) squares += (totals[c] as number) ** 2;
    return figures(this.#units, n, disagreeing, n * n - squares);
  }

  /** α of one category against all others together (the values folded to "this one" or "another"). */
  resultFor(category: number): AlphaFigures {
    const k = this.categories;
    let n = 0;
    let inCategory = 0;
    let disagreeing = 0;
    for (let c = 0; c < k; c++) {
      for (let d = 0; d < k; d++) {
        const o = this.#coincidences[c * k + d] as number;
        n += o;
        if (c === category) inCategory += o;
        if ((c === category) !== (d === category)) disagreeing += o;
      }
    }
    const rest = n - inCategory;
    return figures(this.#units, n, disagreeing, 2 * inCategory * rest);
  }
}

/** α from the pairable values n, the disagreeing coincidences Σ_{c≠k} o_ck and Σ_{c≠k} n_c·n_k. */
function figures(units: number, n: number, disagreeing: number, chancePairs: number): AlphaFigures {
  // Weights 1/(m_u − 1) leave tiny rounding errors on counts that are whole numbers.
  const pairable = Math.round(n * 1e9) / 1e9;
  if (pairable < 2) return { units, pairableValues: pairable, observedDisagreement: null, expectedDisagreement: null, alpha: null };
  const observed = disagreeing / n;
  const expected = chancePairs / (n * (n - 1));
  return {
    units,
    pairableValues: pairable,
    observedDisagreement: observed,
    expectedDisagreement: expected,
    alpha: expected === 0 ? null : 1 - observed / expected,
  };
}

/**
 * α for a reliability data matrix, one row per coder and one column per unit,
 * null where a coder gave no value. Values may be any strings or numbers.
 */
export function krippendorffAlphaNominal(data: readonly (readonly (string | number | null)[])[]): AlphaFigures {
  const codes = new Map<string | number, number>();
  for (const row of data) for (const value of row) if (value !== null && !codes.has(value)) codes.set(value, codes.size);
  const accumulator = new AlphaAccumulator(Math.max(codes.size, 1));
  const units = Math.max(0, ...data.map((row) => row.length));
  const values: number[] = [];
  for (let u = 0; u < units; u++) {
    values.length = 0;
    for (const row of data) {
      const value = row[u];
      if (value !== undefined && value !== null) values.push(codes.get(value) as number);
    }
    accumulator.addUnit(values);
  }
  return accumulator.result();
}
