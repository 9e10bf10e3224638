import { describe, expect, it } from 'vitest';
import { candidatePairs, groupByKeys, SMALL_BUCKET } from '../../src/main/dedupe/candidates.js';
import { Fingerprinter, PASSAGE_HEADER, ShingleReader } from '../../src/main/dedupe/fingerprint.js';
import { HashList } from '../../src/main/dedupe/fold.js';
import {
  BANDS,
  HASHES,
  ROWS,
  SET_SUMMARY_WORDS,
  SetSummarizer,
  addToSignature,
  emptySignature,
  estimateSimilarity,
  jaccard,
  jaccardAtLeast,
  mergeSignature,
  sizesCanReach,
  toShingleSet,
} from '../../src/main/dedupe/minhash.js';
import { documentLines } from '../../src/main/dedupe/passages.js';
import { lineSentences } from '../../src/main/dedupe/sentences.js';
import { sortByKey } from '../../src/main/dedupe/radix-sort.js';
import { UnionFind } from '../../src/main/dedupe/union-find.js';

/** Made-up words from a seeded generator, so every run sees the same text. */
function words(seed: number, count: number): string[] {
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out.push(`w${(state >>> 8).toString(36)}`);
  }
  return out;
}

function shingleSet(text: string): Uint32Array {
  return new ShingleReader().line(text, documentLines(text, [])[0] as never);
}

function signatureOf(text: string): Uint32Array {
  const set = shingleSet(text);
  const list = new HashList();
  for (const value of set) list.push(value);
  const signature = emptySignature();
  addToSignature(list, signature);
  return signature;
}

/** Band keys of a one-line text, as fingerprints store them. */
function bandsOf(text: string): Uint32Array {
  const print = new Fingerprinter(1).fingerprint(1, text, []);
  expect(print.passages.length).toBe(PASSAGE_HEADER + (print.passages[PASSAGE_HEADER - 1] as number));
  return print.passages.subarray(2, 2 + BANDS);
}

/** Pairs as [a, b] lists, for comparing. */
function pairList(pairs: { count: number; a: Uint32Array; b: Uint32Array }): number[][] {
  return Array.from({ length: pairs.count }, (_, i) => [pairs.a[i] as number, pairs.b[i] as number]);
}

/** Keys of `count` items that share band 0's key and no other: one bucket holding them all. */
function oneSharedBand(count: number): Uint32Array {
  const keys = new Uint32Array(count * BANDS);
  for (let item = 0; item < count; item++) {
    keys[item * BANDS] = 42;
    for (let band = 1; band < BANDS; band++) keys[item * BANDS + band] = 1000 + item * BANDS + band;
  }
  return keys;
}

/** Keys of `copies` items with all their keys equal (copies of one passage) followed by `others` that share only band 0 with them. */
function copiesAndOthers(copies: number, others: number): Uint32Array {
  const keys = oneSharedBand(copies + others);
  for (let item = 1; item < copies; item++) keys.copyWithin(item * BANDS, 0, BANDS);
  return keys;
}

const base = words(7, 60);
const oneWordChanged = [...base.slice(0, 30), 'different', ...base.slice(31)];
const mostlyOther = [...base.slice(0, 22), ...words(99, 38)];

describe('MinHash and LSH', () => {
  it('uses bands that catch s = 0.8 with more than 99% probability', () => {
    expect(BANDS * ROWS).toBe(HASHES);
    expect(1 - (1 - 0.8 ** ROWS) ** BANDS).toBeGreaterThan(0.99);
  });

  it('computes exact Jaccard over shingle sets', () => {
    expect(jaccard(shingleSet(base.join(' ')), shingleSet(base.join(' ')))).toBe(1);
    const near = jaccard(shingleSet(base.join(' ')), shingleSet(oneWordChanged.join(' ')));
    expect(near).toBeCloseTo(55 / 61, 5);
    const far = jaccard(shingleSet(base.join(' ')), shingleSet(mostlyOther.join(' ')));
    expect(far).toBeGreaterThan(0.2);
    expect(far).toBeLessThan(0.4);
    expect(jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4))).toBe(0.5);
  });

  it('estimates similarity from signatures, and the signature of a union is the element-wise minimum', () => {
    const estimate = estimateSimilarity(signatureOf(base.join(' ')), signatureOf(oneWordChanged.join(' ')));
    expect(Math.abs(estimate - 55 / 61)).toBeLessThan(0.15);
    expect(estimateSimilarity(signatureOf(base.join(' ')), signatureOf(words(3, 60).join(' ')))).toBeLessThan(0.1);

    const first = base.slice(0, 30).join(' ');
    const second = base.slice(30).join(' ');
    const union = new HashList();
    for (const value of shingleSet(first)) union.push(value);
    for (const value of shingleSet(second)) union.push(value);
    const whole = emptySignature();
    addToSignature(union, whole);
    const merged = signatureOf(first);
    mergeSignature(merged, signatureOf(second));
    expect([...merged]).toEqual([...whole]);
  });

  it('makes a pair at J ≥ 0.8 a candidate, and one at J ≈ 0.3 fails verification', () => {
    const texts = [base, oneWordChanged, mostlyOther, words(11, 60)].map((list) => list.join(' '));
    const keys = new Uint32Array(texts.length * BANDS);
    texts.forEach((text, i) => keys.set(bandsOf(text), i * BANDS));
    const pairs = candidatePairs(keys, new Uint8Array(texts.length).fill(1), BANDS);
    const found = Array.from({ length: pairs.count }, (_, i) => [pairs.a[i], pairs.b[i]]);
    expect(found).toContainEqual([0, 1]);
    for (const [a, b] of found) {
      const similarity = jaccard(shingleSet(texts[a as number] as string), shingleSet(texts[b as number] as string));
      if (a === 0 && b === 1) expect(similarity).toBeGreaterThanOrEqual(0.8);
      else expect(similarity).toBeLessThan(0.8);
    }
    expect(found).not.toContainEqual([0, 3]);
  });

  it('pairs only what touches a new item, and a giant bucket costs one pair per item', () => {
    const count = SMALL_BUCKET * 4;
    const keys = oneSharedBand(count);
    const oldOnly = candidatePairs(keys, new Uint8Array(count), BANDS);
    expect(oldOnly.count).toBe(0);
    const oneNew = new Uint8Array(count);
    oneNew[count - 1] = 1;
    const incremental = candidatePairs(keys, oneNew, BANDS);
    expect(pairList(incremental)).toEqual([[0, count - 1]]);
    const all = candidatePairs(keys, new Uint8Array(count).fill(1), BANDS);
    expect(all.count).toBe(count - 1);
    const small = candidatePairs(oneSharedBand(3), new Uint8Array(3).fill(1), BANDS);
    expect(small.count).toBe(3);
  });

  it('gathers items with equal keys into one group that makes no pairs among its copies', () => {
    const copies = 500;
    const keys = new Uint32Array(copies * BANDS).fill(7);
    const pairs = candidatePairs(keys, new Uint8Array(copies).fill(1), BANDS);
    expect(pairs.count).toBe(0);
    expect(pairs.groups.count).toBe(1);
    expect([...pairs.groups.items]).toEqual(Array.from({ length: copies }, (_, i) => i));
    expect([...pairs.groups.start]).toEqual([0, copies]);
  });

  it('numbers groups by their first items and keeps items of different keys apart', () => {
    const keys = new Uint32Array(6 * BANDS);
    // Items 0, 2 and 5 alike; 1 and 4 alike; 3 alone.
    const rows = [1, 2, 1, 3, 2, 1];
    rows.forEach((row, item) => keys.fill(row, item * BANDS, item * BANDS + BANDS));
    const groups = groupByKeys(keys, 6, BANDS);
    expect(groups.count).toBe(3);
    expect([...groups.groupOf]).toEqual([0, 1, 0, 2, 1, 0]);
    expect([...groups.items]).toEqual([0, 2, 5, 1, 4, 3]);
    // One band changed sets an item apart.
    keys[4 * BANDS + BANDS - 1] = 99;
    expect([...groupByKeys(keys, 6, BANDS).groupOf]).toEqual([0, 1, 0, 2, 3, 0]);
  });

  it('pairs groups as the buckets would pair their items: all pairs while few items, else each with the first', () => {
    // 3 copies and 5 others: 8 items, a small bucket, so every two groups meet; the copies among themselves do not.
    const few = candidatePairs(copiesAndOthers(3, 5), new Uint8Array(8).fill(1), BANDS);
    expect(few.groups.count).toBe(6);
    expect(few.count).toBe(15);
    expect(pairList(few).every(([a, b]) => (a as number) < (b as number) && !((b as number) < 3))).toBe(true);
    expect([...few.everyItem]).toEqual(new Array(15).fill(1));
    expect([...few.inSmallBucket]).toEqual(new Array(6).fill(1));
    expect([...few.firstOfLargeBucket]).toEqual(new Array(6).fill(0));
    // 30 copies and 5 others: a large bucket, so each other meets the copies' first item only.
    const many = candidatePairs(copiesAndOthers(30, 5), new Uint8Array(35).fill(1), BANDS);
    expect(pairList(many)).toEqual([30, 31, 32, 33, 34].map((other) => [0, other]));
    expect([...many.everyItem]).toEqual([0, 0, 0, 0, 0]);
    expect([...many.firstOfLargeBucket]).toEqual([1, 0, 0, 0, 0, 0]);
    expect([...many.inSmallBucket]).toEqual([0, 0, 0, 0, 0, 0]);
    // Ten copies alone in their buckets are paired with each other: a small bucket of one group.
    const ten = candidatePairs(new Uint32Array(10 * BANDS).fill(3), new Uint8Array(10).fill(1), BANDS);
    expect([...ten.inSmallBucket]).toEqual([1]);
    // Items 0 and 1 meet in a large bucket (band 0, with 30 others) and in a small one (band 1): every item met every item.
    const both = oneSharedBand(32);
    both[1] = 77;
    both[BANDS + 1] = 77;
    const mixed = candidatePairs(both, new Uint8Array(32).fill(1), BANDS);
    expect(pairList(mixed)).toEqual(Array.from({ length: 31 }, (_, i) => [0, i + 1]));
    expect([...mixed.everyItem]).toEqual([1, ...new Array(30).fill(0)]);
    // Only the last item new: the old groups never meet each other again.
    const lastNew = new Uint8Array(35);
    lastNew[34] = 1;
    expect(pairList(candidatePairs(copiesAndOthers(30, 5), lastNew, BANDS))).toEqual([[0, 34]]);
    // Only a copy new, not the first: the copies' group holds a new item, but the first item is old, so the others are not met again.
    const copyNew = new Uint8Array(35);
    copyNew[5] = 1;
    expect(candidatePairs(copiesAndOthers(30, 5), copyNew, BANDS).count).toBe(0);
  });

  it('summarises a shingle list as a set: size and hash ignore order and repeats', () => {
    const summarizer = new SetSummarizer();
    const summary = (values: readonly number[]): number[] => {
      const out = new Uint32Array(SET_SUMMARY_WORDS);
      summarizer.summarize(Uint32Array.from(values), values.length, out, 0);
      return [...out];
    };
    const set = words(5, 300).map((word) => Number.parseInt(word.slice(1), 36) >>> 0);
    const shuffled = [...set].reverse();
    expect(summary(shuffled)).toEqual(summary(set));
    expect(summary([...set, ...set.slice(0, 40)])).toEqual(summary(set));
    expect(summary(set)[0]).toBe(new Set(set).size);
    expect(summary(set.slice(1))).not.toEqual(summary(set));
    expect(summary(set.slice(1)).slice(1)).not.toEqual(summary(set).slice(1));
    expect(summary([])).toEqual([0, ...summary([]).slice(1)]);
    // Lists longer than the table grow it; a summary after them is still right.
    expect(summary(words(9, 5000).map((word) => Number.parseInt(word.slice(1), 36) >>> 0))[0]).toBeGreaterThan(4900);
    expect(summary(shuffled)).toEqual(summary(set));
  });

  it('gives the exact Jaccard similarity of pairs that reach the threshold, and -1 for the rest', () => {
    let state = 11;
    const next = (limit: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % limit;
    };
    const randomSet = (size: number, universe: number): Uint32Array => {
      const values = new Set<number>();
      while (values.size < size) values.add(next(universe));
      return Uint32Array.from(values).sort();
    };
    for (let trial = 0; trial < 3000; trial++) {
      const a = randomSet(1 + next(60), 90);
      const b = trial % 3 === 0 ? a.filter((_, i) => i % 17 !== 5) : randomSet(1 + next(60), 90);
      const threshold = [0.5, 0.8, 0.9, 1][trial % 4] as number;
      const exact = jaccard(a, b);
      expect(jaccardAtLeast(a, b, threshold)).toBe(exact >= threshold ? exact : -1);
      if (!sizesCanReach(a.length, b.length, threshold)) expect(exact).toBeLessThan(threshold);
    }
    expect(jaccardAtLeast(new Uint32Array(0), new Uint32Array(0), 0.8)).toBe(1);
    expect(jaccardAtLeast(Uint32Array.of(1), new Uint32Array(0), 0.8)).toBe(-1);
    expect(sizesCanReach(8, 10, 0.8)).toBe(true);
    expect(sizesCanReach(7, 10, 0.8)).toBe(false);
  });

  it('keeps only distinct shingles', () => {
    const list = new HashList();
    for (const value of [5, 1, 5, 3, 1]) list.push(value);
    expect([...toShingleSet(list)]).toEqual([1, 3, 5]);
  });
});

describe('sentence fingerprints', () => {
  /** Each sentence's summary computed from its own shingle set, read on its own. */
  function readAlone(text: string, noise: { startCp: number; endCp: number }[]): number[][] {
    const reader = new ShingleReader();
    const summarizer = new SetSummarizer();
    const marks = noise.map((mark) => ({ ...mark, kind: 'injected_char' as const }));
    return documentLines(text, marks).flatMap((line) =>
      lineSentences(text, line)
        .filter((sentence) => sentence.contentCp >= 20)
        .map((sentence) => {
          const set = reader.line(text, sentence);
          const summary = new Uint32Array(SET_SUMMARY_WORDS);
          summarizer.summarize(set, set.length, summary, 0);
          return [sentence.startCp, sentence.endCp, ...summary];
        }),
    );
  }

  it("take a sentence's words from its line, and read it alone when a noise cut runs a word across its edge", () => {
    const text =
      'The first sentence of the paragraph talks about the hospital wing. The second one is about the doctors! ' +
      'A third ends it with the nurses and the patients?';
    const edge = text.indexOf('! ');
    // Noise over "! " joins "doctors" and "A" into one word of the line, while each sentence keeps its own.
    for (const noise of [[], [{ startCp: edge, endCp: edge + 2 }], [{ startCp: 10, endCp: 12 }]]) {
      const print = new Fingerprinter(20).fingerprint(1, text, noise.map((mark) => ({ ...mark, kind: 'injected_char' as const })));
      const records = Array.from({ length: print.sentences.length / (2 + SET_SUMMARY_WORDS) }, (_, i) => [
        ...print.sentences.subarray(i * (2 + SET_SUMMARY_WORDS), (i + 1) * (2 + SET_SUMMARY_WORDS)),
      ]);
      expect(records).toEqual(readAlone(text, noise));
      expect(records).toHaveLength(3);
    }
  });
});

describe('radix sort and union-find', () => {
  it('sorts keys with their values, equal keys keeping their order', () => {
    const keys = Uint32Array.of(0xffffffff, 3, 0x10000, 3, 0, 0x8000_0001);
    const values = Uint32Array.of(0, 1, 2, 3, 4, 5);
    sortByKey(keys, values);
    expect([...keys]).toEqual([0, 3, 3, 0x10000, 0x8000_0001, 0xffffffff]);
    expect([...values]).toEqual([4, 1, 3, 2, 5, 0]);
  });

  it('joins transitively linked items into one set', () => {
    const sets = new UnionFind(6);
    expect(sets.union(0, 1)).not.toBe(-1);
    sets.union(2, 1);
    sets.union(4, 5);
    expect(sets.union(0, 2)).toBe(-1);
    expect(sets.find(2)).toBe(sets.find(0));
    expect(sets.find(3)).toBe(3);
    expect(sets.find(4)).toBe(sets.find(5));
    expect(sets.find(4)).not.toBe(sets.find(0));
  });
});
