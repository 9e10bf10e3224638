/**
 * Exact verification of candidate pairs, and of containment: the pairs of
 * passages compared for similarity, and those sharing a containment anchor,
 * are also checked for one lying mostly inside the other. Candidates name key groups (items
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
import type { CandidatePairs, ItemPairs } from './candidates.js';
import { ShingleReader } from './fingerprint.js';
import { HashList } from './fold.js';
import type { Items } from './items.js';
import { SET_HASH_WORDS, jaccardAtLeast, sharedCount, sizesCanReach } from './minhash.js';
import { documentLines } from './passages.js';

/** Verified links between items, strongest first (then by `a`, then `b`). */
export interface Links {
  readonly count: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly similarity: Float64Array;
}

/** Passages nearly contained in longer ones: `small` inside `large`, sorted by small, then by share, highest first. */
export interface ContainLinks {
  readonly count: number;
  readonly small: Uint32Array;
  readonly large: Uint32Array;
  /** The share of the smaller shingle set found in the larger. */
  readonly share: Float64Array;
}

/** Documents read per slice before the event loop gets a turn. */
const DOCUMENTS_PER_SLICE = 250;

export interface VerifyInput {
  readonly passages: Items;
  readonly passagePairs: CandidatePairs;
  readonly documents: Items;
  readonly documentPairs: CandidatePairs;
  /** Passages sharing a containment anchor, by the first items of their sets. */
  readonly anchorPairs?: ItemPairs;
  readonly threshold: number;
  /** Share of the smaller passage the larger must hold; containment is not checked without it. */
  readonly containment?: number;
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

/**
 * What verification does for one kind of item: links known without reading
 * (items with the same shingles), and links that wait for one comparison each.
 */
interface Plan {
  /** Items linked to the first of their set at similarity 1, sorted by a, then b. */
  readonly same: { a: Uint32Array; b: Uint32Array };
  /** Pairs of sets' first items to compare, and to link when similar enough. */
  readonly singles: HashList;
  /** Fans: `from`, `via`, then how many items; linked from `from` at the similarity of `from` and `via`. */
  readonly fans: HashList;
  /** The items of each fan, one fan after the other. */
  readonly fanItems: HashList;
  /** Pairs of sets' first items that met in a bucket, whatever their sizes: where containment is looked for. */
  readonly met: HashList;
}

/**
 * Splits every key group into sets of items with equal set hashes and plans
 * the links its buckets paired its items for. Copies of one passage that
 * were paired with each other are linked to their set's first (a star: k − 1
 * links, the same clusters as k²/2); two sets whose items were all paired are
 * compared once through their first items; a large bucket's first item was
 * paired with every item, so a set that is not linked within itself gets a
 * link from that item to each of its items (a fan), at the similarity
 * compared once. Pairs whose sizes alone keep them below the threshold are
 * left out, as comparing them would.
 */
function plan(items: Items, pairs: CandidatePairs, threshold: number): Plan {
  const { groups, inSmallBucket, firstOfLargeBucket } = pairs;
  const { hashes, isNew, sizes } = items;
  const sameHash = (x: number, y: number): boolean => {
    for (let word = 0; word < SET_HASH_WORDS; word++) {
      if (hashes[x * SET_HASH_WORDS + word] !== hashes[y * SET_HASH_WORDS + word]) return false;
    }
    return true;
  };
  /** The first item of each item's set (of items with the same shingles). */
  const setFirst = new Uint32Array(items.count);
  /** Indexed by a set's first item: 1 when the set holds a new item. */
  const setHasNew = Uint8Array.from(isNew);
  for (let item = 0; item < items.count; item++) setFirst[item] = item;
  /** The sets' first items of each key group holding more than one set (rare: equal band keys, different shingles). */
  const setsOfGroup = new Map<number, number[]>();
  /** The items of each set of such a group, by the set's first item. */
  const membersOfSet = new Map<number, number[]>();
  for (let group = 0; group < groups.count; group++) {
    const start = groups.start[group] as number;
    const end = groups.start[group + 1] as number;
    if (end - start < 2) continue;
    // Sets by the first word of their hash, then compared whole: linear however many sets the group holds.
    const byHash = new Map<number, number[]>();
    const firsts: number[] = [];
    for (let i = start; i < end; i++) {
      const item = groups.items[i] as number;
      const candidates = byHash.get(hashes[item * SET_HASH_WORDS] as number);
      let first = candidates?.find((candidate) => sameHash(candidate, item));
      if (first === undefined) {
        first = item;
        firsts.push(item);
        if (candidates) candidates.push(item);
        else byHash.set(hashes[item * SET_HASH_WORDS] as number, [item]);
      }
      setFirst[item] = first;
      if (isNew[item] === 1) setHasNew[first] = 1;
    }
    if (firsts.length < 2) continue;
    setsOfGroup.set(group, firsts);
    for (const first of firsts) membersOfSet.set(first, []);
    for (let i = start; i < end; i++) membersOfSet.get(setFirst[groups.items[i] as number] as number)?.push(groups.items[i] as number);
  }
  const repOf = (group: number): number => groups.items[groups.start[group] as number] as number;
  const setsOf = (group: number): readonly number[] => setsOfGroup.get(group) ?? [repOf(group)];
  /** Whether a set's items were paired with each other: in a small bucket, or through the first item of a large one. */
  const linkedWithin = (group: number, first: number): boolean =>
    inSmallBucket[group] === 1 || (firstOfLargeBucket[group] === 1 && first === repOf(group));

  const same = new PackedPairs(items.count);
  const singles = new HashList(1024);
  const fans = new HashList(64);
  const fanItems = new HashList(64);
  const met = new HashList(64);
  const single = (x: number, y: number): void => {
    met.push(x);
    met.push(y);
    if (!sizesCanReach(sizes[x] as number, sizes[y] as number, threshold)) return;
    singles.push(Math.min(x, y));
    singles.push(Math.max(x, y));
  };
  /** Links `from` to each item of `group`'s set `via` that the bucket paired with it. */
  const fan = (from: number, via: number, group: number): void => {
    met.push(from);
    met.push(via);
    if (!sizesCanReach(sizes[from] as number, sizes[via] as number, threshold)) return;
    const members = membersOfSet.get(via) ?? groups.items.subarray(groups.start[group] as number, groups.start[group + 1] as number);
    const at = fanItems.length;
    for (const item of members) {
      if (item !== from && (isNew[from] === 1 || isNew[item] === 1)) fanItems.push(item);
    }
    if (fanItems.length === at) return;
    fans.push(from);
    fans.push(via);
    fans.push(fanItems.length - at);
  };

  // Within each key group, as its buckets paired its items.
  for (let group = 0; group < groups.count; group++) {
    const start = groups.start[group] as number;
    const end = groups.start[group + 1] as number;
    if (end - start < 2) continue;
    const rep = repOf(group);
    if (inSmallBucket[group] === 1) {
      for (let i = start; i < end; i++) {
        const item = groups.items[i] as number;
        const first = setFirst[item] as number;
        if (first !== item && (isNew[first] === 1 || isNew[item] === 1)) same.push(first, item);
      }
      const sets = setsOf(group);
      for (let x = 0; x < sets.length; x++) {
        for (let y = x + 1; y < sets.length; y++) {
          if (setHasNew[sets[x] as number] === 1 || setHasNew[sets[y] as number] === 1) single(sets[x] as number, sets[y] as number);
        }
      }
    } else if (firstOfLargeBucket[group] === 1) {
      for (let i = start; i < end; i++) {
        const item = groups.items[i] as number;
        if (item !== rep && setFirst[item] === rep && (isNew[rep] === 1 || isNew[item] === 1)) same.push(rep, item);
      }
      for (const first of setsOf(group)) if (first !== rep) fan(rep, first, group);
    }
  }
  // Between key groups.
  for (let i = 0; i < pairs.count; i++) {
    const a = pairs.a[i] as number;
    const b = pairs.b[i] as number;
    const groupA = groups.groupOf[a] as number;
    const groupB = groups.groupOf[b] as number;
    if (pairs.everyItem[i] === 1) {
      for (const x of setsOf(groupA)) {
        for (const y of setsOf(groupB)) if (setHasNew[x] === 1 || setHasNew[y] === 1) single(x, y);
      }
      continue;
    }
    for (const y of setsOf(groupB)) {
      if (!linkedWithin(groupB, y)) fan(a, y, groupB);
      else if (isNew[a] === 1 || setHasNew[y] === 1) single(a, y);
    }
  }
  return { same: same.distinct(), singles, fans, fanItems, met };
}

/**
 * The pairs of passages to check for containment: those that met in a band
 * bucket (already read for similarity, or left out by their sizes) and those
 * sharing an anchor, each as the first items of their sets, once.
 */
function containmentPairs(passages: Items, planned: Plan, anchorPairs: ItemPairs | undefined): ItemPairs {
  const pairs = new PackedPairs(passages.count);
  for (let i = 0; i < planned.met.length; i += 2) pairs.push(planned.met.values[i] as number, planned.met.values[i + 1] as number);
  if (anchorPairs) for (let i = 0; i < anchorPairs.a.length; i++) pairs.push(anchorPairs.a[i] as number, anchorPairs.b[i] as number);
  return pairs.distinct();
}

/**
 * Pairs where the smaller shingle set lies at least `containment` inside the
 * larger while the two stay below the similarity threshold (above it they are
 * duplicates, not one inside the other), and the larger adds at least twice
 * as many shingles as the smaller has outside it (else they are two versions
 * of one passage, edited, which a lower threshold would link). The contained
 * one is the shorter text.
 */
function containLinks(
  passages: Items,
  pairs: { a: Uint32Array; b: Uint32Array },
  sets: ReadonlyMap<number, Uint32Array>,
  threshold: number,
  containment: number,
): ContainLinks {
  const small: number[] = [];
  const large: number[] = [];
  const share: number[] = [];
  const lengthOf = (item: number): number => (passages.endCp[item] as number) - (passages.startCp[item] as number);
  for (let i = 0; i < pairs.a.length; i++) {
    const x = pairs.a[i] as number;
    const y = pairs.b[i] as number;
    const setX = sets.get(x);
    const setY = sets.get(y);
    if (!setX || !setY) continue;
    const fewest = Math.min(setX.length, setY.length);
    if (fewest === 0) continue;
    const shared = sharedCount(setX, setY);
    if (shared / (setX.length + setY.length - shared) >= threshold || shared / fewest < containment) continue;
    // One inside another, not two versions of one passage: the larger adds at least twice what the smaller has of its own.
    const most = Math.max(setX.length, setY.length);
    if (most - shared < 2 * (fewest - shared) || most === shared) continue;
    const xInside = lengthOf(x) < lengthOf(y) || (lengthOf(x) === lengthOf(y) && setX.length <= setY.length);
    small.push(xInside ? x : y);
    large.push(xInside ? y : x);
    share.push(shared / fewest);
  }
  const order = Uint32Array.from(small, (_, i) => i).sort(
    (p, q) => (small[p] as number) - (small[q] as number) || (share[q] as number) - (share[p] as number) || (large[p] as number) - (large[q] as number),
  );
  return {
    count: order.length,
    small: Uint32Array.from(order, (k) => small[k] as number),
    large: Uint32Array.from(order, (k) => large[k] as number),
    share: Float64Array.from(order, (k) => share[k] as number),
  };
}

/** Verified links: the plan's same-set links and the compared ones at or above the threshold, strongest first, then by a, then b. */
function links(planned: Plan, sets: ReadonlyMap<number, Uint32Array>, threshold: number): Links {
  const { same, singles, fans, fanItems } = planned;
  const keptA: number[] = [];
  const keptB: number[] = [];
  const keptSimilarity: number[] = [];
  const similarityOf = (x: number, y: number): number => {
    const setX = sets.get(x);
    const setY = sets.get(y);
    return setX && setY ? jaccardAtLeast(setX, setY, threshold) : -1;
  };
  const keep = (x: number, y: number, similarity: number): void => {
    keptA.push(Math.min(x, y));
    keptB.push(Math.max(x, y));
    keptSimilarity.push(similarity);
  };
  for (let i = 0; i < singles.length; i += 2) {
    const x = singles.values[i] as number;
    const y = singles.values[i + 1] as number;
    const similarity = similarityOf(x, y);
    if (similarity >= 0) keep(x, y, similarity);
  }
  for (let i = 0, at = 0; i < fans.length; i += 3) {
    const from = fans.values[i] as number;
    const count = fans.values[i + 2] as number;
    const similarity = similarityOf(from, fans.values[i + 1] as number);
    if (similarity >= 0) for (let k = at; k < at + count; k++) keep(from, fanItems.values[k] as number, similarity);
    at += count;
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

const NO_CONTAINMENT: ContainLinks = { count: 0, small: new Uint32Array(0), large: new Uint32Array(0), share: new Float64Array(0) };

/** Verifies both kinds of candidates, and containment among passages; null when cancelled. */
export async function verifyCandidates(db: Db, input: VerifyInput): Promise<{ passages: Links; documents: Links; contained: ContainLinks } | null> {
  const passagePlan = plan(input.passages, input.passagePairs, input.threshold);
  const documentPlan = plan(input.documents, input.documentPairs, input.threshold);
  const toContain = input.containment === undefined ? null : containmentPairs(input.passages, passagePlan, input.anchorPairs);
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
  const compared = (planned: Plan, visit: (item: number) => void): void => {
    for (let i = 0; i < planned.singles.length; i++) visit(planned.singles.values[i] as number);
    for (let i = 0; i < planned.fans.length; i += 3) {
      visit(planned.fans.values[i] as number);
      visit(planned.fans.values[i + 1] as number);
    }
  };
  compared(passagePlan, (ref) => entryOf(input.passages.documentIds[ref] as number).passages.add(ref));
  if (toContain) {
    for (let i = 0; i < toContain.a.length; i++) {
      for (const ref of [toContain.a[i] as number, toContain.b[i] as number]) entryOf(input.passages.documentIds[ref] as number).passages.add(ref);
    }
  }
  compared(documentPlan, (ref) => {
    entryOf(input.documents.documentIds[ref] as number).document = ref;
  });
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
    contained:
      toContain && input.containment !== undefined ? containLinks(input.passages, toContain, passageSets, input.threshold, input.containment) : NO_CONTAINMENT,
  };
}
