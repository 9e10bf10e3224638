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
import type { NoiseMark } from '../../shared/model.js';
import type { Db } from '../store/connection.js';
import { documentTexts } from '../store/duplicates.js';
import { noiseInDocument, noiseInDocumentRange } from '../store/noise-marks.js';
import type { CandidatePairs, ItemPairs } from './candidates.js';
import { ShingleReader } from './fingerprint.js';
import { HashList } from './fold.js';
import type { Items } from './items.js';
import { SET_HASH_WORDS, jaccardAtLeastIn, sharedAtLeastIn, sizesCanReach } from './minhash.js';
import { documentLines } from './passages.js';
import { sortByKey } from './radix-sort.js';
import { SetStore } from './set-store.js';

/** Verified links between items, strongest first (then by `a`, then `b`). */
export interface Links {
  readonly count: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly similarity: Float64Array;
}

/** Passages nearly contained in longer ones: `small` inside `large`, sorted by small (then as the pairs came, by the two items). */
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
function containLinks(passages: Items, pairs: ItemPairs, sets: SetStore, threshold: number, containment: number): ContainLinks {
  const small = new HashList(1024);
  const large = new HashList(1024);
  const shares: number[] = [];
  const values = sets.values;
  const lengthOf = (item: number): number => (passages.endCp[item] as number) - (passages.startCp[item] as number);
  for (let i = 0; i < pairs.a.length; i++) {
    const x = pairs.a[i] as number;
    const y = pairs.b[i] as number;
    if (!sets.has(x) || !sets.has(y)) continue;
    const sizeX = sets.size(x);
    const sizeY = sets.size(y);
    const fewest = Math.min(sizeX, sizeY);
    const most = Math.max(sizeX, sizeY);
    if (fewest === 0) continue;
    // The fewest shared shingles that can make a link: the containment share of the smaller (by the very division
    // made below), and enough that the larger adds at least twice what the smaller has of its own. Pairs of sizes
    // that cannot get there, as pairs of near-equal sizes mostly cannot, are not read.
    let needed = Math.ceil(containment * fewest);
    while (needed > 0 && (needed - 1) / fewest >= containment) needed--;
    while (needed / fewest < containment) needed++;
    needed = Math.max(needed, 2 * fewest - most);
    if (needed > fewest || needed >= most || needed / (fewest + most - needed) >= threshold) continue;
    const shared = sharedAtLeastIn(values, sets.start(x), sizeX, values, sets.start(y), sizeY, needed);
    if (shared < 0 || shared / (fewest + most - shared) >= threshold || shared / fewest < containment) continue;
    // One inside another, not two versions of one passage: the larger adds at least twice what the smaller has of its own.
    if (most - shared < 2 * (fewest - shared) || most === shared) continue;
    const xInside = lengthOf(x) < lengthOf(y) || (lengthOf(x) === lengthOf(y) && sizeX <= sizeY);
    small.push(xInside ? x : y);
    large.push(xInside ? y : x);
    shares.push(shared / fewest);
  }
  const count = small.length;
  const keys = small.values.slice(0, count);
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  sortByKey(keys, order);
  return {
    count,
    small: keys,
    large: Uint32Array.from(order, (k) => large.values[k] as number),
    share: Float64Array.from(order, (k) => shares[k] as number),
  };
}

/** Verified links: the plan's same-set links and the compared ones at or above the threshold, strongest first, then by a, then b. */
function links(planned: Plan, sets: SetStore, threshold: number): Links {
  const { same, singles, fans, fanItems } = planned;
  const keptA: number[] = [];
  const keptB: number[] = [];
  const keptSimilarity: number[] = [];
  const values = sets.values;
  const similarityOf = (x: number, y: number): number =>
    sets.has(x) && sets.has(y) ? jaccardAtLeastIn(values, sets.start(x), sets.size(x), values, sets.start(y), sets.size(y), threshold) : -1;
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

/** Marks the items a plan compares. */
function markCompared(planned: Plan, wanted: Uint8Array): void {
  for (let i = 0; i < planned.singles.length; i++) wanted[planned.singles.values[i] as number] = 1;
  for (let i = 0; i < planned.fans.length; i += 3) {
    wanted[planned.fans.values[i] as number] = 1;
    wanted[planned.fans.values[i + 1] as number] = 1;
  }
}

/** The items `mark` marks, sorted by document (in item order within one, which is reading order), with their documents. */
function wantedByDocument(items: Items, mark: (wanted: Uint8Array) => void): { refs: Uint32Array; documentIds: Uint32Array } {
  const wanted = new Uint8Array(items.count);
  mark(wanted);
  let count = 0;
  for (let item = 0; item < items.count; item++) count += wanted[item] as number;
  const refs = new Uint32Array(count);
  const documentIds = new Uint32Array(count);
  for (let item = 0, at = 0; item < items.count; item++) {
    if (wanted[item] !== 1) continue;
    refs[at] = item;
    documentIds[at++] = items.documentIds[item] as number;
  }
  sortByKey(documentIds, refs);
  return { refs, documentIds };
}

/** The distinct documents of two sorted lists, ascending. */
function mergedDocumentIds(x: Uint32Array, y: Uint32Array): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const next = j >= y.length || (i < x.length && (x[i] as number) <= (y[j] as number)) ? (x[i] as number) : (y[j] as number);
    if (merged[merged.length - 1] !== next) merged.push(next);
    while (i < x.length && x[i] === next) i++;
    while (j < y.length && y[j] === next) j++;
  }
  return merged;
}

/**
 * The noise marks of some documents, sorted ascending: read for their whole
 * range at once when they lie close together (a first run reads them all),
 * else one document at a time (a few old ones among thousands).
 */
function noiseReader(db: Db, documentIds: readonly number[]): (documentId: number) => readonly NoiseMark[] {
  const first = documentIds[0] as number;
  const last = documentIds[documentIds.length - 1] as number;
  if (last - first < documentIds.length * 4) {
    const marks = noiseInDocumentRange(db, first, last);
    return (documentId) => marks.get(documentId) ?? [];
  }
  return (documentId) => noiseInDocument(db, documentId);
}

/** Verifies both kinds of candidates, and containment among passages; null when cancelled. */
export async function verifyCandidates(db: Db, input: VerifyInput): Promise<{ passages: Links; documents: Links; contained: ContainLinks } | null> {
  const passagePlan = plan(input.passages, input.passagePairs, input.threshold);
  const documentPlan = plan(input.documents, input.documentPairs, input.threshold);
  const toContain = input.containment === undefined ? null : containmentPairs(input.passages, passagePlan, input.anchorPairs);
  // What must be read: the passages compared or checked for containment, and the documents compared.
  const passageRefs = wantedByDocument(input.passages, (wanted) => {
    markCompared(passagePlan, wanted);
    if (toContain) {
      for (let i = 0; i < toContain.a.length; i++) {
        wanted[toContain.a[i] as number] = 1;
        wanted[toContain.b[i] as number] = 1;
      }
    }
  });
  const documentRefs = wantedByDocument(input.documents, (wanted) => markCompared(documentPlan, wanted));
  const documentIds = mergedDocumentIds(passageRefs.documentIds, documentRefs.documentIds);
  const passageSets = new SetStore(input.passages.count);
  const documentSets = new SetStore(input.documents.count);
  const reader = new ShingleReader();
  const shingles = new HashList(4096);
  let p = 0;
  let d = 0;
  for (let first = 0; first < documentIds.length; first += DOCUMENTS_PER_SLICE) {
    if (input.signal?.aborted) return null;
    input.onProgress?.(first, documentIds.length);
    if (first > 0) await yieldToEventLoop();
    const slice = documentIds.slice(first, first + DOCUMENTS_PER_SLICE);
    const texts = new Map(documentTexts(db, slice).map((row) => [row.id, row.text]));
    const noiseOf = noiseReader(db, slice);
    for (const documentId of slice) {
      const passagesFrom = p;
      while (p < passageRefs.refs.length && passageRefs.documentIds[p] === documentId) p++;
      const documentRef = d < documentRefs.refs.length && documentRefs.documentIds[d] === documentId ? (documentRefs.refs[d++] as number) : -1;
      const text = texts.get(documentId);
      if (text === undefined) continue;
      // Each line's shingles are computed once, for its passage's set and the document's.
      shingles.clear();
      let next = passagesFrom;
      for (const line of documentLines(text, noiseOf(documentId))) {
        while (next < p && (input.passages.startCp[passageRefs.refs[next] as number] as number) < line.startCp) next++;
        const ref = next < p ? (passageRefs.refs[next] as number) : -1;
        const isPassage = ref >= 0 && input.passages.startCp[ref] === line.startCp && input.passages.endCp[ref] === line.endCp;
        if (!isPassage && documentRef < 0) continue;
        const from = shingles.length;
        reader.appendLine(text, line, shingles);
        if (isPassage) passageSets.add(ref, shingles.values, from, shingles.length - from);
      }
      if (documentRef >= 0) documentSets.add(documentRef, shingles.values, 0, shingles.length);
    }
  }
  input.onProgress?.(documentIds.length, documentIds.length);
  return {
    passages: links(passagePlan, passageSets, input.threshold),
    documents: links(documentPlan, documentSets, input.threshold),
    contained:
      toContain && input.containment !== undefined ? containLinks(input.passages, toContain, passageSets, input.threshold, input.containment) : NO_CONTAINMENT,
  };
}
