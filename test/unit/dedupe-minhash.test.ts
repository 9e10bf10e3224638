import { describe, expect, it } from 'vitest';
import { candidatePairs, SMALL_BUCKET } from '../../src/main/dedupe/candidates.js';
import { Fingerprinter, PASSAGE_RECORD, ShingleReader } from '../../src/main/dedupe/fingerprint.js';
import { HashList } from '../../src/main/dedupe/fold.js';
import {
  BANDS,
  HASHES,
  ROWS,
  addToSignature,
  emptySignature,
  estimateSimilarity,
  jaccard,
  mergeSignature,
  toShingleSet,
} from '../../src/main/dedupe/minhash.js';
import { documentLines } from '../../src/main/dedupe/passages.js';
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
  expect(print.passages.length).toBe(PASSAGE_RECORD);
  return print.passages.subarray(2);
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
    const keys = new Uint32Array(count * BANDS).fill(42);
    const oldOnly = candidatePairs(keys, new Uint8Array(count), BANDS);
    expect(oldOnly.count).toBe(0);
    const oneNew = new Uint8Array(count);
    oneNew[count - 1] = 1;
    const incremental = candidatePairs(keys, oneNew, BANDS);
    expect(Array.from({ length: incremental.count }, (_, i) => [incremental.a[i], incremental.b[i]])).toEqual([[0, count - 1]]);
    const all = candidatePairs(keys, new Uint8Array(count).fill(1), BANDS);
    expect(all.count).toBe(count - 1);
    const small = candidatePairs(new Uint32Array(3 * BANDS).fill(7), new Uint8Array(3).fill(1), BANDS);
    expect(small.count).toBe(3);
  });

  it('keeps only distinct shingles', () => {
    const list = new HashList();
    for (const value of [5, 1, 5, 3, 1]) list.push(value);
    expect([...toShingleSet(list)]).toEqual([1, 3, 5]);
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
