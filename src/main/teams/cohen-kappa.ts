/**
 * Cohen's kappa for two annotators from their confusion matrix (Cohen, "A
 * coefficient of agreement for nominal scales", 1960): κ = (p_o − p_e) / (1 − p_e),
 * where p_o is the share of items both put in the same category and p_e the share
 * expected by chance from each annotator's own category frequencies.
 */

export interface KappaFigures {
  /** Items (tokens) both annotators labelled. */
  readonly items: number;
  /** Observed agreement p_o. */
  readonly observedAgreement: number | null;
  /** Agreement expected by chance p_e. */
  readonly expectedAgreement: number | null;
  /** null when it is undefined: no items, or both annotators used one and the same category throughout. */
  readonly kappa: number | null;
}

/**
 * A k×k confusion matrix kept flat: cell (i, j) counts items annotator A put in
 * category i and annotator B in category j.
 */
export class ConfusionMatrix {
  readonly cells: Float64Array;

  constructor(readonly categories: number) {
    this.cells = new Float64Array(categories * categories);
  }

  add(a: number, b: number, count = 1): void {
    this.cells[a * this.categories + b] = (this.cells[a * this.categories + b] as number) + count;
  }

  get(a: number, b: number): number {
    return this.cells[a * this.categories + b] as number;
  }

  /** Adds every cell of `other` (same size) to this one. */
  addAll(other: ConfusionMatrix): void {
    for (let i = 0; i < this.cells.length; i++) this.cells[i] = (this.cells[i] as number) + (other.cells[i] as number);
  }
}

function figures(items: number, agreeing: number, chanceSum: number): KappaFigures {
  if (items === 0) return { items, observedAgreement: null, expectedAgreement: null, kappa: null };
  const po = agreeing / items;
  const pe = chanceSum / (items * items);
  return { items, observedAgreement: po, expectedAgreement: pe, kappa: pe === 1 ? null : (po - pe) / (1 - pe) };
}

/** κ over all categories of the matrix. */
export function cohenKappa(matrix: ConfusionMatrix): KappaFigures {
  const k = matrix.categories;
  const rows = new Float64Array(k);
  const columns = new Float64Array(k);
  let items = 0;
  let agreeing = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const n = matrix.get(i, j);
      rows[i] = (rows[i] as number) + n;
      columns[j] = (columns[j] as number) + n;
      items += n;
      if (i === j) agreeing += n;
    }
  }
  let chance = 0;
  for (let i = 0; i < k; i++) chance += (rows[i] as number) * (columns[i] as number);
  return figures(items, agreeing, chance);
}

/** κ of one category against all others (the matrix folded to 2×2): agreement on that label alone. */
export function cohenKappaForCategory(matrix: ConfusionMatrix, category: number): KappaFigures {
  let items = 0;
  let row = 0;
  let column = 0;
  for (let i = 0; i < matrix.categories; i++) {
    for (let j = 0; j < matrix.categories; j++) {
      const n = matrix.get(i, j);
      items += n;
      if (i === category) row += n;
      if (j === category) column += n;
    }
  }
  const both = matrix.get(category, category);
  const neither = items - row - column + both;
  return figures(items, both + neither, row * column + (items - row) * (items - column));
}
