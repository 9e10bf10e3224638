/**
 * Exact verification of candidate pairs. Candidates name key groups (items
 * with equal band keys); the stored set hashes split each key group into sets
 * of items with the very same shingles. The items of one set are linked to its
 * first at similarity 1 without being read, and each pair of sets is compared
 * once: only the first item of a set that takes part in such a pair has its
 * shingle set computed again from the stored text (never the whole corpus), and
 * its Jaccard similarity is checked against the threshold.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db } from '../store/connection.js';
import { documentText } from '../store/duplicates.js';
import { noiseInDocument } from '../store/noise-marks.js';
import { SMALL_BUCKET, type CandidatePairs } from './candidates.js';
import { ShingleReader } from './fingerprint.js';
import type { Items } from './items.js';
import { SET_HASH_WORDS, jaccardAtLeast, sizesCanReach } from './minhash.js';
import { documentLines } from './passages.js';

/** Verified links between items, strongest first (then by `a`, then `b`). */
export interface Links {
  readonly count: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly similarity: Float64Array;
}

/** Documents read per slice before the event loop gets a turn. */
const DOCUMENTS_PER_SLICE = 250;

export interface VerifyInput {
  readonly passages: Items;
  readonly passagePairs: CandidatePairs;
  readonly documents: Items;
  readonly documentPairs: CandidatePairs;
  readonly threshold: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** A growable list of (a, b) item pairs packed in doubles. */
class PackedPairs {
  values = new Float64Array(1024);
  length = 0;

  constructor(readonly items: number) {}

  push(a: number, b: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = a < b ? a * this.items + b : b * this.items + a;
  }

  /** The pairs sorted by a, then b, each once. */
  distinct(): { a: Uint32Array; b: Uint32Array } {
    const sorted = this.values.subarray(0, this.length).sort();
    let unique = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i] as number;
    }
    const a = new Uint32Array(unique);
    const b = new Uint32Array(unique);
    for (let i = 0; i < unique; i++) {
      const value = sorted[i] as number;
      const low = Math.floor(value / this.items);
      a[i] = low;
      b[i] = value - low * this.items;
    }
    return { a, b };
  }
}

/** What verification does for one kind of item: links known without reading, and pairs of sets to compare. */
interface Plan {
  /** Items linked to the first of their set at similarity 1, as packed pairs sorted by a, then b. */
  readonly same: { a: Uint32Array; b: Uint32Array };
  /** First items of two sets to compare, a < b. */
  readonly compare: { a: Uint32Array; b: Uint32Array };
}

/**
 * Splits every key group into sets of items with equal set hashes, links each
 * item to its set's first (when either is new), and lists the pairs of sets to
 * compare: those of the candidate pairs, and those within a key group, but for
 * pairs whose sizes alone keep them below the threshold.
 */
function plan(items: Items, pairs: CandidatePairs, threshold: number): Plan {
  const { groups } = pairs;
  const { hashes, isNew, sizes } = items;
  const sameHash = (x: number, y: number): boolean => {
    for (let word = 0; word < SET_HASH_WORDS; word++) {
      if (hashes[x * SET_HASH_WORDS + word] !== hashes[y * SET_HASH_WORDS + word]) return false;
    }
    return true;
  };
  const same = new PackedPairs(items.count);
  const compare = new PackedPairs(items.count);
  const compareIfReachable = (x: number, y: number): void => {
    if (sizesCanReach(sizes[x] as number, sizes[y] as number, threshold)) compare.push(x, y);
  };
  /** The first items of the sets of key groups that hold more than one set (rare: equal band keys, different shingles). */
  const setsOfGroup = new Map<number, number[]>();
  const firsts: number[] = [];
  const firstHasNew: number[] = [];
  for (let group = 0; group < groups.count; group++) {
    const start = groups.start[group] as number;
    const end = groups.start[group + 1] as number;
    if (end - start < 2) continue;
    firsts.length = 0;
    firstHasNew.length = 0;
    for (let i = start; i < end; i++) {
      const item = groups.items[i] as number;
      let set = 0;
      while (set < firsts.length && !sameHash(firsts[set] as number, item)) set++;
      if (set === firsts.length) {
        firsts.push(item);
        firstHasNew.push(0);
      }
      const first = firsts[set] as number;
      if (isNew[item] === 1) firstHasNew[set] = 1;
      // A star, not every pair: k copies make k − 1 links, and one cluster all the same.
      if (first !== item && (isNew[first] === 1 || isNew[item] === 1)) same.push(first, item);
    }
    if (firsts.length < 2) continue;
    setsOfGroup.set(group, [...firsts]);
    // Sets within one key group meet as the items of one bucket would: all pairs when few, else each with the first.
    for (let x = 0; x < firsts.length; x++) {
      for (let y = x + 1; y < firsts.length; y++) {
        if (x > 0 && firsts.length > SMALL_BUCKET) break;
        if (firstHasNew[x] === 1 || firstHasNew[y] === 1) compareIfReachable(firsts[x] as number, firsts[y] as number);
      }
    }
  }
  for (let i = 0; i < pairs.count; i++) {
    const a = pairs.a[i] as number;
    const b = pairs.b[i] as number;
    const setsOfA = setsOfGroup.get(groups.groupOf[a] as number);
    const setsOfB = setsOfGroup.get(groups.groupOf[b] as number);
    compareIfReachable(a, b);
    // Each set of one group meets the other group's first set, which every set of that group is compared with.
    if (setsOfB) for (let s = 1; s < setsOfB.length; s++) compareIfReachable(a, setsOfB[s] as number);
    if (setsOfA) for (let s = 1; s < setsOfA.length; s++) compareIfReachable(setsOfA[s] as number, b);
  }
  return { same: same.distinct(), compare: compare.distinct() };
}

/** Verified links: the plan's same-set links, then the compared pairs at or above the threshold, strongest first. */
function links(planned: Plan, sets: ReadonlyMap<number, Uint32Array>, threshold: number): Links {
  const { compare, same } = planned;
  const keptA: number[] = [];
  const keptB: number[] = [];
  const keptSimilarity: number[] = [];
  for (let i = 0; i < compare.a.length; i++) {
    const a = compare.a[i] as number;
    const b = compare.b[i] as number;
    const setA = sets.get(a);
    const setB = sets.get(b);
    if (!setA || !setB) continue;
    const similarity = jaccardAtLeast(setA, setB, threshold);
    if (similarity < 0) continue;
    keptA.push(a);
    keptB.push(b);
    keptSimilarity.push(similarity);
  }
  const order = Uint32Array.from(keptA, (_, i) => i).sort(
    (x, y) =>
      (keptSimilarity[y] as number) - (keptSimilarity[x] as number) ||
      (keptA[x] as number) - (keptA[y] as number) ||
      (keptB[x] as number) - (keptB[y] as number),
  );
  // Same-set links (similarity 1, sorted by a, then b) merged with the compared ones, keeping one order.
  const count = same.a.length + order.length;
  const a = new Uint32Array(count);
  const b = new Uint32Array(count);
  const similarity = new Float64Array(count);
  let s = 0;
  let c = 0;
  for (let out = 0; out < count; out++) {
    const k = order[c] as number;
    const takeSame =
      c >= order.length ||
      (s < same.a.length &&
        ((keptSimilarity[k] as number) < 1 ||
          (same.a[s] as number) < (keptA[k] as number) ||
          ((same.a[s] as number) === keptA[k] && (same.b[s] as number) < (keptB[k] as number))));
    if (takeSame) {
      a[out] = same.a[s] as number;
      b[out] = same.b[s] as number;
      similarity[out] = 1;
      s++;
    } else {
      a[out] = keptA[k] as number;
      b[out] = keptB[k] as number;
      similarity[out] = keptSimilarity[k] as number;
      c++;
    }
  }
  return { count, a, b, similarity };
}

/** Verifies both kinds of candidates; null when cancelled. */
export async function verifyCandidates(db: Db, input: VerifyInput): Promise<{ passages: Links; documents: Links } | null> {
  const passagePlan = plan(input.passages, input.passagePairs, input.threshold);
  const documentPlan = plan(input.documents, input.documentPairs, input.threshold);
  // What each document must give: some of its passages, and perhaps its whole text.
  const work = new Map<number, { passages: Set<number>; document: number }>();
  const entryOf = (documentId: number): { passages: Set<number>; document: number } => {
    let entry = work.get(documentId);
    if (!entry) {
      entry = { passages: new Set(), document: -1 };
      work.set(documentId, entry);
    }
    return entry;
  };
  for (const side of [passagePlan.compare.a, passagePlan.compare.b]) {
    for (const ref of side) entryOf(input.passages.documentIds[ref] as number).passages.add(ref);
  }
  for (const side of [documentPlan.compare.a, documentPlan.compare.b]) {
    for (const ref of side) entryOf(input.documents.documentIds[ref] as number).document = ref;
  }
  const documentIds = [...work.keys()].sort((x, y) => x - y);
  const passageSets = new Map<number, Uint32Array>();
  const documentSets = new Map<number, Uint32Array>();
  const reader = new ShingleReader();
  for (let i = 0; i < documentIds.length; i++) {
    if (i % DOCUMENTS_PER_SLICE === 0) {
      if (input.signal?.aborted) return null;
      input.onProgress?.(i, documentIds.length);
      if (i > 0) await yieldToEventLoop();
    }
    const documentId = documentIds[i] as number;
    const entry = work.get(documentId) as { passages: Set<number>; document: number };
    const text = documentText(db, documentId);
    if (text === undefined) continue;
    const lines = documentLines(text, noiseInDocument(db, documentId));
    const lineAt = new Map(lines.map((line) => [line.startCp, line]));
    for (const ref of entry.passages) {
      const line = lineAt.get(input.passages.startCp[ref] as number);
      if (line && line.endCp === input.passages.endCp[ref]) passageSets.set(ref, reader.line(text, line));
    }
    if (entry.document >= 0) documentSets.set(entry.document, reader.document(text, lines));
  }
  input.onProgress?.(documentIds.length, documentIds.length);
  return {
    passages: links(passagePlan, passageSets, input.threshold),
    documents: links(documentPlan, documentSets, input.threshold),
  };
}
