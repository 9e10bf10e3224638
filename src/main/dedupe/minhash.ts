/**
 * Word shingles, MinHash signatures and LSH bands.
 *
 * A passage is the set of its 3-word shingles (each hashed to 32 bits); two
 * passages are near-duplicates when the Jaccard similarity of those sets
 * reaches the threshold. MinHash estimates it: for each of HASHES random
 * permutations the smallest permuted shingle of a set, the chance that two sets
 * agree on one being exactly their Jaccard similarity. Banding turns the
 * signature into BANDS keys of ROWS values each; two passages become candidates
 * when any key matches, which happens with probability 1 − (1 − s^ROWS)^BANDS:
 * 0.9998 at s = 0.8, 0.988 at 0.7, 0.89 at 0.6 and 0.64 at 0.5, while passages
 * sharing a few common phrases (s ≈ 0.05) almost never meet. Candidates are then
 * verified by exact Jaccard, so banding decides only what gets compared.
 */
import { fmix32, type HashList } from './fold.js';

/** Words per shingle: three keeps a one-word edit in a 40-word paragraph at s ≈ 0.86. */
export const SHINGLE_WORDS = 3;
export const HASHES = 64;
export const BANDS = 16;
export const ROWS = HASHES / BANDS;
/** 32-bit words of a set's hash. */
export const SET_HASH_WORDS = 2;
/** 32-bit words of a set summary: the set's size, then its hash. */
export const SET_SUMMARY_WORDS = 1 + SET_HASH_WORDS;
/** Changes whenever shingling, hashing, banding or the stored layout change, so stored fingerprints are rebuilt. */
export const FINGERPRINT_SCHEME = 3;

/** Fixed, seeded permutation parameters: fingerprints must be the same in every run. */
const XOR = new Int32Array(HASHES);
const MUL = new Int32Array(HASHES);
{
  let state = 0x5eed1234;
  const next = (): number => {
    // splitmix32
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  for (let i = 0; i < HASHES; i++) {
    XOR[i] = next();
    MUL[i] = next() | 1;
  }
}

/** The shingle hash of words[start, start + count). */
function shingleAt(words: Uint32Array, start: number, count: number): number {
  let h = 0x2545f491 ^ count;
  for (let k = 0; k < count; k++) {
    h = Math.imul(h ^ (words[start + k] as number), 0x9e3779b1);
    h = (h << 13) | (h >>> 19);
  }
  return fmix32(h);
}

/**
 * Appends the shingle hashes of a word sequence to `out`. A passage shorter
 * than one shingle is a single shingle of all its words, so it still matches
 * its exact repeats.
 */
export function appendShingles(words: HashList, out: HashList): void {
  appendShinglesOf(words.values, 0, words.length, out);
}

/** appendShingles of the word hashes words[from, from + count). */
export function appendShinglesOf(words: Uint32Array, from: number, count: number, out: HashList): void {
  if (count === 0) return;
  if (count < SHINGLE_WORDS) {
    out.push(shingleAt(words, from, count));
    return;
  }
  for (let i = from; i + SHINGLE_WORDS <= from + count; i++) out.push(shingleAt(words, i, SHINGLE_WORDS));
}

/** A signature with nothing in it yet: every slot at its largest value. */
export function emptySignature(): Uint32Array {
  return new Uint32Array(HASHES).fill(0xffffffff);
}

/**
 * Lowers `signature` to the MinHash of the shingles added: call it for several
 * shingle lists and the result is the MinHash of their union.
 */
export function addToSignature(shingles: HashList, signature: Uint32Array): void {
  const values = shingles.values;
  const count = shingles.length;
  for (let i = 0; i < HASHES; i++) {
    const xor = XOR[i] as number;
    const mul = MUL[i] as number;
    let min = signature[i] as number;
    for (let s = 0; s < count; s++) {
      const h = Math.imul((values[s] as number) ^ xor, mul) >>> 0;
      if (h < min) min = h;
    }
    signature[i] = min;
  }
}

/** Element-wise minimum: the signature of the union of two sets. */
export function mergeSignature(target: Uint32Array, source: Uint32Array): void {
  for (let i = 0; i < HASHES; i++) {
    if ((source[i] as number) < (target[i] as number)) target[i] = source[i] as number;
  }
}

/** The band keys of a signature, written to out[offset, offset + BANDS). The band number is part of each key. */
export function writeBandKeys(signature: Uint32Array, out: Uint32Array, offset: number): void {
  for (let band = 0; band < BANDS; band++) {
    let h = Math.imul(band + 1, 0x9e3779b1);
    for (let row = 0; row < ROWS; row++) {
      h = Math.imul(h ^ (signature[band * ROWS + row] as number), 0xcc9e2d51);
      h = (h << 15) | (h >>> 17);
    }
    out[offset + band] = fmix32(h);
  }
}

/** The fraction of signature slots two signatures agree on: an estimate of their Jaccard similarity. */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/** The shingles as a sorted set without repeats, for exact comparison. */
export function toShingleSet(shingles: HashList): Uint32Array {
  const sorted = shingles.values.slice(0, shingles.length).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i] as number;
  }
  return sorted.subarray(0, unique);
}

/**
 * Summaries of shingle lists as sets: the number of distinct shingles, then a
 * 64-bit hash of them that ignores order and repeats. Items with the same hash
 * hold the same shingles, so k copies of a passage are compared once, not
 * k²/2 times; two independent 32-bit lanes make a false match among a million
 * items less likely than one in 10^7. The size bounds the similarity (never
 * above the smaller size over the larger), so pairs too different in size are
 * never read. Repeats are found with one reused open-addressing table rather
 * than by sorting: fingerprinting summarises every passage of the corpus.
 */
export class SetSummarizer {
  /** Slot i is [2i] the summary it was last filled for (a slot with an older one is empty), [2i + 1] its shingle. */
  #slots = new Uint32Array(2 * 1024);
  #stamp = 0;

  /** Writes the summary of values[0, count) to out[offset, offset + SET_SUMMARY_WORDS). */
  summarize(values: Uint32Array, count: number, out: Uint32Array, offset: number): void {
    // Each call uses a table just large enough, so a long document met once does not spread every later line over it.
    let capacity = 64;
    while (capacity < count * 2) capacity *= 2;
    if (capacity * 2 > this.#slots.length) {
      this.#slots = new Uint32Array(capacity * 2);
      this.#stamp = 0;
    }
    if (this.#stamp === 0xffffffff) {
      this.#slots.fill(0);
      this.#stamp = 0;
    }
    const stamp = ++this.#stamp;
    const slots = this.#slots;
    const mask = capacity - 1;
    let low = 0;
    let high = 0;
    let unique = 0;
    for (let i = 0; i < count; i++) {
      const value = values[i] as number;
      // Shingles are already well-mixed hashes: their low bits pick the slot.
      let slot = value & mask;
      while (slots[2 * slot] === stamp && slots[2 * slot + 1] !== value) slot = (slot + 1) & mask;
      if (slots[2 * slot] === stamp) continue;
      slots[2 * slot] = stamp;
      slots[2 * slot + 1] = value;
      unique++;
      // Sums over the distinct shingles, so order and repeats do not matter: of the shingle hashes themselves (already
      // well mixed) and of a remix of them, two lanes that rarely collide together.
      low = (low + value) | 0;
      high = (high + fmix32(value ^ 0x9e3779b9)) | 0;
    }
    out[offset] = unique;
    out[offset + 1] = fmix32(low ^ unique);
    out[offset + 2] = fmix32(high ^ Math.imul(unique, 0xc2b2ae3d));
  }
}

/**
 * Whether two sets of these sizes can reach `threshold` at all: their
 * similarity is at most the smaller size over the larger, computed as jaccard
 * would compute it with every value of the smaller set shared.
 */
export function sizesCanReach(sizeA: number, sizeB: number, threshold: number): boolean {
  if (sizeA === 0 && sizeB === 0) return true;
  const most = Math.min(sizeA, sizeB);
  return most / (sizeA + sizeB - most) >= threshold;
}

/** The number of values two sorted sets without repeats share. */
export function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** Exact Jaccard similarity of two sorted sets without repeats. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/**
 * The Jaccard similarity of two sorted sets without repeats when it reaches
 * `threshold`, else -1. Exactly what `jaccard` gives when it does; pairs that
 * cannot reach it (sizes too far apart, or too few shared values left) are
 * given up early, as most candidates are.
 */
export function jaccardAtLeast(a: Uint32Array, b: Uint32Array, threshold: number): number {
  return jaccardAtLeastIn(a, 0, a.length, b, 0, b.length, threshold);
}

/** jaccardAtLeast of the sets a[aFrom, aFrom + n) and b[bFrom, bFrom + m) (one array may hold both). */
export function jaccardAtLeastIn(a: Uint32Array, aFrom: number, n: number, b: Uint32Array, bFrom: number, m: number, threshold: number): number {
  if (n === 0 && m === 0) return threshold <= 1 ? 1 : -1;
  // The fewest shared values that reach the threshold, by the very division jaccard makes (monotone in the count shared).
  const most = Math.min(n, m);
  let needed = Math.max(0, Math.ceil((threshold * (n + m)) / (1 + threshold)) - 1);
  while (needed > 0 && (needed - 1) / (n + m - needed + 1) >= threshold) needed--;
  while (needed <= most && needed / (n + m - needed) < threshold) needed++;
  if (needed > most) return -1;
  const shared = sharedAtLeastIn(a, aFrom, n, b, bFrom, m, needed);
  return shared < 0 ? -1 : shared / (n + m - shared);
}

/**
 * The number of values the sets a[aFrom, aFrom + n) and b[bFrom, bFrom + m)
 * share when it reaches `needed`, else -1, given up as soon as what is left
 * cannot reach it.
 */
export function sharedAtLeastIn(a: Uint32Array, aFrom: number, n: number, b: Uint32Array, bFrom: number, m: number, needed: number): number {
  let i = aFrom;
  let j = bFrom;
  const aEnd = aFrom + n;
  const bEnd = bFrom + m;
  if (Math.min(n, m) < needed) return -1;
  let shared = 0;
  while (i < aEnd && j < bEnd) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else {
      if (x < y) i++;
      else j++;
      if (shared + Math.min(aEnd - i, bEnd - j) < needed) return -1;
    }
  }
  return shared >= needed ? shared : -1;
}
