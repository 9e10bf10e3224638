import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaForCategory, ConfusionMatrix } from '../../src/main/teams/cohen-kappa.js';
import { AlphaAccumulator, krippendorffAlphaNominal } from '../../src/main/teams/krippendorff-alpha.js';
import { emptySpanCounts, f1, matchSpans } from '../../src/main/teams/span-f1.js';
import { tokenize, tokenLabels } from '../../src/main/teams/tokens.js';

describe("Cohen's kappa", () => {
  it('matches the textbook example of two readers and 50 grant proposals (κ = 0.40)', () => {
    // Wikipedia, "Cohen's kappa", worked example: yes/yes 20, yes/no 5, no/yes 10, no/no 15;
    // p_o = 0.70, p_e = 0.5·0.6 + 0.5·0.4 = 0.50, κ = 0.40.
    const matrix = new ConfusionMatrix(2);
    matrix.add(0, 0, 20);
    matrix.add(0, 1, 5);
    matrix.add(1, 0, 10);
    matrix.add(1, 1, 15);
    const result = cohenKappa(matrix);
    expect(result.items).toBe(50);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    // Two categories: one against the other is the same table.
    expect(cohenKappaForCategory(matrix, 0).kappa).toBeCloseTo(0.4, 12);
  });

  it('is undefined when both annotators used one category throughout, and for no items', () => {
    const matrix = new ConfusionMatrix(3);
    matrix.add(0, 0, 12);
    expect(cohenKappa(matrix)).toEqual({ items: 12, observedAgreement: 1, expectedAgreement: 1, kappa: null });
    expect(cohenKappa(new ConfusionMatrix(3)).kappa).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("matches Krippendorff's own example: 4 coders, 12 units, missing values (α ≈ 0.743)", () => {
    // Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), reliability data
    // matrix of observers A–D; unit 12 has one value only and is not pairable, leaving
    // n = 40 pairable values; α_nominal = 0.743.
    const data = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const result = krippendorffAlphaNominal(data);
    expect(result.units).toBe(11);
    expect(result.pairableValues).toBe(40);
    expect(result.alpha).toBeCloseTo(0.743, 3);
  });

  it('gives 1 for perfect agreement and is undefined when one value is used throughout', () => {
    expect(krippendorffAlphaNominal([[1, 2, 1], [1, 2, 1]]).alpha).toBe(1);
    expect(krippendorffAlphaNominal([[1, 1], [1, 1]]).alpha).toBeNull();
  });

  it('reads one category against the rest from the same coincidences', () => {
    // Two coders, 4 units: (a,a) (a,b) (b,c) (c,c). Folded to a / not a: (1,1) (1,0) (0,0) (0,0).
    // n = 8, n_a = 3, n_rest = 5, disagreeing coincidences 2: α = 1 − 7·2 / (2·3·5) = 1 − 14/30.
    const accumulator = new AlphaAccumulator(3);
    for (const unit of [[0, 0], [0, 1], [1, 2], [2, 2]]) accumulator.addUnit(unit);
    expect(accumulator.resultFor(0).alpha).toBeCloseTo(1 - 14 / 30, 12);
  });
});

describe('span F1', () => {
  it('counts exact and overlap matches on a hand-worked case, the same both ways', () => {
    // A: X[0,5) Y[10,20) X[30,35); B: X[0,5) Y[12,20) X[40,45).
    // Exact: X[0,5) only → F1 = 2·1/(3+3) = 1/3. Overlap: also Y[10,20)~Y[12,20) → 2·2/6 = 2/3.
    const a = [
      { startCp: 0, endCp: 5, label: 1 },
      { startCp: 10, endCp: 20, label: 2 },
      { startCp: 30, endCp: 35, label: 1 },
    ];
    const b = [
      { startCp: 0, endCp: 5, label: 1 },
      { startCp: 12, endCp: 20, label: 2 },
      { startCp: 40, endCp: 45, label: 1 },
    ];
    const ab = emptySpanCounts();
    matchSpans(a, b, ab);
    expect(ab).toEqual({ spansA: 3, spansB: 3, exactMatches: 1, overlapMatches: 2 });
    const ba = emptySpanCounts();
    matchSpans(b, a, ba);
    expect(ba).toEqual(ab);
    expect(f1(ab.exactMatches, ab.spansA, ab.spansB)).toBeCloseTo(1 / 3, 12);
    expect(f1(ab.overlapMatches, ab.spansA, ab.spansB)).toBeCloseTo(2 / 3, 12);
  });

  it('matches each span once: one long span does not agree with two short ones', () => {
    const counts = emptySpanCounts();
    matchSpans([{ startCp: 0, endCp: 20, label: 1 }], [{ startCp: 0, endCp: 5, label: 1 }, { startCp: 10, endCp: 20, label: 1 }], counts);
    expect(counts.overlapMatches).toBe(1);
    expect(f1(counts.overlapMatches, counts.spansA, counts.spansB)).toBeCloseTo(2 / 3, 12);
  });

  it('does not match spans of different labels', () => {
    const counts = emptySpanCounts();
    matchSpans([{ startCp: 0, endCp: 5, label: 1 }], [{ startCp: 0, endCp: 5, label: 2 }], counts);
    expect(counts).toEqual({ spansA: 1, spansB: 1, exactMatches: 0, overlapMatches: 0 });
    expect(f1(0, 0, 0)).toBeNull();
  });
});

describe('tokens', () => {
  it('splits words, numbers and punctuation, never white space, in code points', () => {
    const text = "Bạch Mai's 🙈 ward:\r\n1,200.5 beds (COVID19)";
    const tokens = tokenize(text);
    const chars = [...text];
    const words = Array.from({ length: tokens.count }, (_, i) => chars.slice(tokens.startsCp[i], tokens.endsCp[i]).join(''));
    expect(words).toEqual(['Bạch', "Mai's", '🙈', 'ward', ':', '1,200.5', 'beds', '(', 'COVID19', ')']);
    // The emoji is one code point: "ward" starts at 13 although it is at UTF-16 index 14.
    expect(tokens.startsCp[3]).toBe(13);
  });

  it('labels every token a span touches, the earliest and longest span first', () => {
    const tokens = tokenize('Hue Central Hospital opened today');
    // The first span cuts "Central" in the middle: the token still takes its label.
    const labels = tokenLabels(tokens, [
      { startCp: 0, endCp: 6, label: 1 },
      { startCp: 4, endCp: 20, label: 2 },
    ]);
    expect([...labels]).toEqual([1, 1, 2, 0, 0]);
  });
});

describe('overlap matching', () => {
  it('finds the most pairs, whichever annotator comes first', () => {
    // A long span of A overlaps both of B's; A's short one overlaps only B's first.
    // Taking the first overlap in reading order would pair the long span with B's first and stop at 1;
    // the best pairing is long–second and short–first: 2.
    const a = [
      { startCp: 0, endCp: 10, label: 1 },
      { startCp: 0, endCp: 3, label: 1 },
    ];
    const b = [
      { startCp: 1, endCp: 2, label: 1 },
      { startCp: 5, endCp: 6, label: 1 },
    ];
    const ab = emptySpanCounts();
    matchSpans(a, b, ab);
    const ba = emptySpanCounts();
    matchSpans(b, a, ba);
    expect(ab.overlapMatches).toBe(2);
    expect(ba.overlapMatches).toBe(2);
  });
});
