/**
 * The exact answer detection is scored against: every pair of passages (and of
 * documents) whose shingle sets reach the threshold, found without MinHash by an
 * all-pairs similarity join with prefix filtering (Bayardo et al., "Scaling Up
 * All Pairs Similarity Search", 2007). Tokens are ordered rarest first; two sets
 * with Jaccard ≥ t must share a token among the first |x| − ⌈t·|x|⌉ + 1 of each,
 * so only the prefixes are indexed and every pair sharing one is verified.
 */
import { ShingleReader } from '../src/main/dedupe/fingerprint.js';
import { foldedWords } from '../src/main/dedupe/fold.js';
import { jaccardAtLeast, sharedCount } from '../src/main/dedupe/minhash.js';
import { documentLines } from '../src/main/dedupe/passages.js';
import { lineSentences } from '../src/main/dedupe/sentences.js';
import { sortByKey } from '../src/main/dedupe/radix-sort.js';
import type { Db } from '../src/main/store/connection.js';
import { noiseInDocumentRange } from '../src/main/store/noise-marks.js';

/** Items (passages or documents) with their shingle sets. */
export interface ItemSets {
  readonly sets: Uint32Array[];
  /** `documentId:startCp` of each item, as cluster members name them. */
  readonly keys: string[];
}

/** Pairs of item indices, a < b. */
export interface Pairs {
  readonly count: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
}

/**
 * The shingle sets detection compares, computed the same way from the project:
 * passages of at least `minChars` code points outside noise, and documents of at
 * least two lines with words.
 */
export function readItemSets(db: Db, minChars: number): { passages: ItemSets; documents: ItemSets } {
  const passages: ItemSets = { sets: [], keys: [] };
  const documents: ItemSets = { sets: [], keys: [] };
  const reader = new ShingleReader();
  const read = db.prepare('SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT 2000');
  for (let after = 0; ; ) {
    const rows = read.all(after) as { id: number; text: string }[];
    if (rows.length === 0) break;
    const noise = noiseInDocumentRange(db, (rows[0] as { id: number }).id, (rows[rows.length - 1] as { id: number }).id);
    for (const row of rows) {
      const lines = documentLines(row.text, noise.get(row.id) ?? []);
      const withWords = [];
      let contentCp = 0;
      for (const line of lines) {
        const set = reader.line(row.text, line);
        if (set.length === 0) continue;
        withWords.push(line);
        contentCp += line.contentCp;
        if (line.contentCp >= minChars) {
          passages.sets.push(set);
          passages.keys.push(`${row.id}:${line.startCp}`);
        }
      }
      if (withWords.length >= 2 && contentCp >= minChars) {
        documents.sets.push(reader.document(row.text, withWords));
        documents.keys.push(`${row.id}:0`);
      }
    }
    after = (rows[rows.length - 1] as { id: number }).id;
  }
  return { passages, documents };
}

function identity(length: number): Uint32Array {
  const values = new Uint32Array(length);
  for (let i = 0; i < length; i++) values[i] = i;
  return values;
}

/** Every pair of sets with Jaccard similarity ≥ threshold. */
export function similarPairs(input: readonly Uint32Array[], threshold: number): Pairs {
  const n = input.length;
  // Global token frequencies: sort every token occurrence once (radix, so linear), then name each run.
  let total = 0;
  for (const set of input) total += set.length;
  const occurrences = new Uint32Array(total);
  let at = 0;
  for (const set of input) {
    occurrences.set(set, at);
    at += set.length;
  }
  const occurrenceOrder = identity(total);
  sortByKey(occurrences, occurrenceOrder);
  const tokenOfOccurrence = new Uint32Array(total);
  const frequency = new Uint32Array(total);
  let distinct = 0;
  for (let i = 0; i < total; i++) {
    if (i === 0 || occurrences[i] !== occurrences[i - 1]) distinct++;
    tokenOfOccurrence[occurrenceOrder[i] as number] = distinct - 1;
    frequency[distinct - 1] = (frequency[distinct - 1] as number) + 1;
  }
  // Rank tokens rarest first (ties by token value: the radix sort is stable).
  const order = identity(distinct);
  sortByKey(frequency.slice(0, distinct), order);
  const rankOf = new Uint32Array(distinct);
  for (let rank = 0; rank < distinct; rank++) rankOf[order[rank] as number] = rank;
  const sets: Uint32Array[] = [];
  at = 0;
  for (const set of input) {
    const ranked = new Uint32Array(set.length);
    for (let k = 0; k < set.length; k++) ranked[k] = rankOf[tokenOfOccurrence[at + k] as number] as number;
    at += set.length;
    sets.push(ranked.sort());
  }

  // Process sets from small to large, so every set met before is no larger.
  const sizes = Uint32Array.from(sets, (set) => set.length);
  const byPosition = identity(n);
  sortByKey(sizes.slice(), byPosition);
  const prefixLength = (size: number): number => Math.max(0, Math.min(size, size - Math.ceil(threshold * size - 1e-9) + 1));

  // Inverted lists of prefix tokens, each holding positions in processing order.
  const listStart = new Uint32Array(distinct + 1);
  for (const set of sets) {
    const prefix = prefixLength(set.length);
    for (let k = 0; k < prefix; k++) listStart[(set[k] as number) + 1] = (listStart[(set[k] as number) + 1] as number) + 1;
  }
  for (let t = 0; t < distinct; t++) listStart[t + 1] = (listStart[t + 1] as number) + (listStart[t] as number);
  const fill = listStart.slice(0, distinct);
  const lists = new Uint32Array(listStart[distinct] as number);
  for (let position = 0; position < n; position++) {
    const set = sets[byPosition[position] as number] as Uint32Array;
    const prefix = prefixLength(set.length);
    for (let k = 0; k < prefix; k++) {
      const token = set[k] as number;
      lists[fill[token] as number] = position;
      fill[token] = (fill[token] as number) + 1;
    }
  }

  const seenBy = new Int32Array(n).fill(-1);
  const a: number[] = [];
  const b: number[] = [];
  for (let position = 0; position < n; position++) {
    const x = byPosition[position] as number;
    const setX = sets[x] as Uint32Array;
    const smallest = threshold * setX.length;
    const prefix = prefixLength(setX.length);
    for (let k = 0; k < prefix; k++) {
      const token = setX[k] as number;
      // A list holds positions in processing order, so sizes ascend along it: start below this position and walk
      // down only while the sets are large enough (a common token's list holds thousands of sets too small to match).
      let low = listStart[token] as number;
      let high = listStart[token + 1] as number;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((lists[middle] as number) < position) low = middle + 1;
        else high = middle;
      }
      for (let e = low - 1; e >= (listStart[token] as number); e--) {
        const other = lists[e] as number;
        const y = byPosition[other] as number;
        const setY = sets[y] as Uint32Array;
        if (setY.length < smallest) break;
        if (seenBy[y] === position) continue;
        seenBy[y] = position;
        if (jaccardAtLeast(setX, setY, threshold) >= 0) {
          a.push(Math.min(x, y));
          b.push(Math.max(x, y));
        }
      }
    }
  }
  return { count: a.length, a: Uint32Array.from(a), b: Uint32Array.from(b) };
}

export interface PairScore {
  /** Pairs at or above the threshold, exactly. */
  readonly truePairs: number;
  /** Pairs of items detection put in one cluster. */
  readonly clusteredPairs: number;
  /** True pairs detection put in one cluster. */
  readonly found: number;
  readonly recall: number;
  readonly precision: number;
}

/**
 * Scores clusters against the exact pairs: recall is the share of true pairs
 * that ended in one cluster, precision the share of same-cluster pairs that are
 * true pairs (so pairs joined only through a chain of links count against it).
 */
export function scoreClusters(truth: Pairs, clusterOf: Int32Array): PairScore {
  const sizes = new Map<number, number>();
  for (const cluster of clusterOf) if (cluster >= 0) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  let clusteredPairs = 0;
  for (const size of sizes.values()) clusteredPairs += (size * (size - 1)) / 2;
  let found = 0;
  for (let i = 0; i < truth.count; i++) {
    const cluster = clusterOf[truth.a[i] as number] as number;
    if (cluster >= 0 && cluster === clusterOf[truth.b[i] as number]) found++;
  }
  return {
    truePairs: truth.count,
    clusteredPairs,
    found,
    recall: truth.count === 0 ? 1 : found / truth.count,
    precision: clusteredPairs === 0 ? 1 : found / clusteredPairs,
  };
}

/** For each item, the id of the stored cluster of `kind` holding it, or -1. */
export function storedClustersOf(db: Db, kind: 'passage' | 'document', items: ItemSets): Int32Array {
  const index = new Map(items.keys.map((key, i) => [key, i]));
  const clusterOf = new Int32Array(items.keys.length).fill(-1);
  const rows = db
    .prepare(
      `SELECT m.cluster_id AS clusterId, m.document_id AS documentId, m.start_cp AS startCp
       FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id WHERE c.kind = ?`,
    )
    .all(kind) as { clusterId: number; documentId: number; startCp: number }[];
  for (const row of rows) {
    const item = index.get(`${row.documentId}:${row.startCp}`);
    if (item === undefined) throw new Error(`a ${kind} member at ${row.documentId}:${row.startCp} is no item of the exact computation`);
    clusterOf[item] = row.clusterId;
  }
  return clusterOf;
}

/** Items gathered by identical shingle sets: the distinct sets, and which of them each item has. */
export interface DistinctSets {
  readonly sets: Uint32Array[];
  /** Index into `sets` of each item. */
  readonly setOf: Uint32Array;
}

/** Hash of a set's values, to find identical sets without comparing every pair. */
function setHash(set: Uint32Array, seed: number): number {
  let h = seed ^ set.length;
  for (let i = 0; i < set.length; i++) h = Math.imul(h ^ (set[i] as number), 0x01000193);
  return h >>> 0;
}

function sameSet(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The distinct sets among `input`. A corpus where one passage recurs in
 * thousands of documents has millions of identical pairs; the similarity join
 * runs over the distinct sets and the pairs are counted by multiplication.
 */
export function distinctSets(input: readonly Uint32Array[]): DistinctSets {
  const sets: Uint32Array[] = [];
  const setOf = new Uint32Array(input.length);
  const byHash = new Map<string, number[]>();
  input.forEach((set, item) => {
    const key = `${setHash(set, 0x811c9dc5)}:${setHash(set, 0x2545f491)}`;
    let same = byHash.get(key);
    if (!same) {
      same = [];
      byHash.set(key, same);
    }
    let found = same.find((index) => sameSet(sets[index] as Uint32Array, set));
    if (found === undefined) {
      found = sets.length;
      sets.push(set);
      same.push(found);
    }
    setOf[item] = found;
  });
  return { sets, setOf };
}

/**
 * scoreClusters for items gathered by distinctSets: `truth` holds the pairs of
 * distinct sets at or above the threshold, and every two items with the same
 * set are a true pair too.
 */
export function scoreGroupedClusters(truth: Pairs, distinct: DistinctSets, clusterOf: Int32Array): PairScore {
  // How many items of each distinct set every cluster holds (cluster -1: none).
  const clustersOfSet = Array.from({ length: distinct.sets.length }, () => new Map<number, number>());
  const copies = new Float64Array(distinct.sets.length);
  const sizes = new Map<number, number>();
  distinct.setOf.forEach((set, item) => {
    const cluster = clusterOf[item] as number;
    copies[set] = (copies[set] as number) + 1;
    const counts = clustersOfSet[set] as Map<number, number>;
    counts.set(cluster, (counts.get(cluster) ?? 0) + 1);
    if (cluster >= 0) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
  });
  const pairsOf = (n: number): number => (n * (n - 1)) / 2;
  let clusteredPairs = 0;
  for (const size of sizes.values()) clusteredPairs += pairsOf(size);
  let truePairs = 0;
  let found = 0;
  clustersOfSet.forEach((counts, set) => {
    truePairs += pairsOf(copies[set] as number);
    for (const [cluster, count] of counts) if (cluster >= 0) found += pairsOf(count);
  });
  for (let i = 0; i < truth.count; i++) {
    const x = truth.a[i] as number;
    const y = truth.b[i] as number;
    truePairs += (copies[x] as number) * (copies[y] as number);
    let [small, large] = [clustersOfSet[x] as Map<number, number>, clustersOfSet[y] as Map<number, number>];
    if (small.size > large.size) [small, large] = [large, small];
    for (const [cluster, count] of small) if (cluster >= 0) found += count * (large.get(cluster) ?? 0);
  }
  return {
    truePairs,
    clusteredPairs,
    found,
    recall: truePairs === 0 ? 1 : found / truePairs,
    precision: clusteredPairs === 0 ? 1 : found / clusteredPairs,
  };
}

/** Passages and sentences as the sentence and containment scores need them, in the order readItemSets gives passages. */
export interface SentenceTruthData {
  /** Per passage: `documentId:startCp`, its length in code points, its folded words, and its sentences' folded words. */
  readonly passageKeys: string[];
  readonly passageLengths: number[];
  readonly passageWords: string[];
  readonly passageSentences: string[][];
  /** Per sentence of at least the minimum length: `documentId:startCp`, its passage's key, and its folded words. */
  readonly sentenceKeys: string[];
  readonly sentenceLines: string[];
  readonly sentenceWords: string[];
}

/**
 * The passages and sentences of the project, split by the same rules detection
 * uses (what a sentence is, is not what is measured), with their words folded
 * to strings: sentences are compared as strings here, not by hashes.
 */
export function readSentenceTruth(db: Db, minChars: number): SentenceTruthData {
  const data: SentenceTruthData = {
    passageKeys: [],
    passageLengths: [],
    passageWords: [],
    passageSentences: [],
    sentenceKeys: [],
    sentenceLines: [],
    sentenceWords: [],
  };
  const read = db.prepare('SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT 2000');
  for (let after = 0; ; ) {
    const rows = read.all(after) as { id: number; text: string }[];
    if (rows.length === 0) break;
    const noise = noiseInDocumentRange(db, (rows[0] as { id: number }).id, (rows[rows.length - 1] as { id: number }).id);
    for (const row of rows) {
      for (const line of documentLines(row.text, noise.get(row.id) ?? [])) {
        if (line.contentCp < minChars) continue;
        const words = foldedWords(row.text, line.pieces);
        if (words.length === 0) continue;
        const lineKey = `${row.id}:${line.startCp}`;
        const sentences: string[] = [];
        for (const sentence of lineSentences(row.text, line)) {
          if (sentence.contentCp < minChars) continue;
          const sentenceWords = foldedWords(row.text, sentence.pieces).join(' ');
          if (sentenceWords === '') continue;
          sentences.push(sentenceWords);
          data.sentenceKeys.push(`${row.id}:${sentence.startCp}`);
          data.sentenceLines.push(lineKey);
          data.sentenceWords.push(sentenceWords);
        }
        data.passageKeys.push(lineKey);
        data.passageLengths.push(line.endCp - line.startCp);
        data.passageWords.push(words.join(' '));
        data.passageSentences.push(sentences);
      }
    }
    after = (rows[rows.length - 1] as { id: number }).id;
  }
  return data;
}

/** The stored cluster of `kind` holding each member place `documentId:startCp`. */
function clusterByPlace(db: Db, kind: string): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT m.cluster_id AS clusterId, m.document_id AS documentId, m.start_cp AS startCp
       FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id WHERE c.kind = ?`,
    )
    .all(kind) as { clusterId: number; documentId: number; startCp: number }[];
  return new Map(rows.map((row) => [`${row.documentId}:${row.startCp}`, row.clusterId]));
}

/**
 * Scores sentence clusters. True pairs: two sentences with the same folded
 * words in different paragraphs. Sentences count by group, as detection
 * counts them: a sentence whose paragraph is in a passage cluster is of that
 * cluster's group, any other a group of its own. A pair is found when the
 * two are of one group (their paragraphs share a passage cluster, which
 * tells of the repeat already), or when one sentence cluster holds a
 * sentence of each group. Precision: the share of pairs in one sentence
 * cluster whose words are the same.
 */
export function scoreSentences(db: Db, data: SentenceTruthData): PairScore {
  const sentenceCluster = clusterByPlace(db, 'sentence');
  const passageCluster = clusterByPlace(db, 'passage');
  const groupOf = (item: number): string => {
    const paragraph = passageCluster.get(data.sentenceLines[item] as string);
    return paragraph === undefined ? `s${data.sentenceKeys[item] as string}` : `p${paragraph}`;
  };
  // The sentence clusters holding a sentence of each group.
  const clustersOfGroup = new Map<string, number[]>();
  data.sentenceKeys.forEach((key, item) => {
    const cluster = sentenceCluster.get(key);
    if (cluster === undefined) return;
    const group = groupOf(item);
    const list = clustersOfGroup.get(group);
    if (!list) clustersOfGroup.set(group, [cluster]);
    else if (!list.includes(cluster)) list.push(cluster);
  });
  const linked = (x: number, y: number): boolean => {
    const gx = groupOf(x);
    const gy = groupOf(y);
    if (gx === gy) return true;
    const ys = clustersOfGroup.get(gy) ?? [];
    return (clustersOfGroup.get(gx) ?? []).some((cluster) => ys.includes(cluster));
  };
  const groups = new Map<string, number[]>();
  data.sentenceWords.forEach((words, item) => {
    const group = groups.get(words);
    if (group) group.push(item);
    else groups.set(words, [item]);
  });
  let truePairs = 0;
  let found = 0;
  for (const items of groups.values()) {
    for (let i = 0; i < items.length; i++) {
      const x = items[i] as number;
      for (let j = i + 1; j < items.length; j++) {
        const y = items[j] as number;
        if (data.sentenceLines[x] === data.sentenceLines[y]) continue;
        truePairs++;
        if (linked(x, y)) found++;
      }
    }
  }
  // Pairs in one sentence cluster, and those among them with the same words.
  const members = new Map<number, string[]>();
  const wordsOf = new Map(data.sentenceKeys.map((key, item) => [key, data.sentenceWords[item] as string]));
  for (const [key, cluster] of sentenceCluster) {
    const list = members.get(cluster);
    if (list) list.push(wordsOf.get(key) ?? `?${key}`);
    else members.set(cluster, [wordsOf.get(key) ?? `?${key}`]);
  }
  let clusteredPairs = 0;
  let sameWords = 0;
  for (const list of members.values()) {
    clusteredPairs += (list.length * (list.length - 1)) / 2;
    const counts = new Map<string, number>();
    for (const words of list) counts.set(words, (counts.get(words) ?? 0) + 1);
    for (const n of counts.values()) sameWords += (n * (n - 1)) / 2;
  }
  return {
    truePairs,
    clusteredPairs,
    found,
    recall: truePairs === 0 ? 1 : found / truePairs,
    precision: clusteredPairs === 0 ? 1 : sameWords / clusteredPairs,
  };
}

/**
 * Every pair of distinct passage sets where the smaller lies at least
 * `containment` inside the larger, the two stay below `threshold`, and the
 * larger adds at least twice what the smaller has of its own: found by an
 * overlap join with prefix filtering (rarest shingles first, the smaller
 * set's first |x| − ⌈c·|x|⌉ + 1 probed against every shingle of the others).
 * Pairs as `x:y` of distinct set indices, x < y.
 */
export function containedPairs(sets: readonly Uint32Array[], threshold: number, containment: number): Set<string> {
  const frequency = new Map<number, number>();
  for (const set of sets) for (const token of set) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const lists = new Map<number, number[]>();
  sets.forEach((set, index) => {
    for (const token of set) {
      const list = lists.get(token);
      if (list) list.push(index);
      else lists.set(token, [index]);
    }
  });
  const pairs = new Set<string>();
  sets.forEach((set, x) => {
    const ranked = [...set].sort((p, q) => (frequency.get(p) as number) - (frequency.get(q) as number) || p - q);
    const prefix = set.length - Math.ceil(containment * set.length - 1e-9) + 1;
    const seen = new Set<number>();
    for (let k = 0; k < Math.min(prefix, ranked.length); k++) {
      for (const y of lists.get(ranked[k] as number) ?? []) {
        if (y === x || seen.has(y)) continue;
        seen.add(y);
        const other = sets[y] as Uint32Array;
        if (other.length < set.length) continue;
        const shared = sharedCount(set, other);
        const fewest = set.length;
        const most = other.length;
        if (shared / fewest < containment || shared / (fewest + most - shared) >= threshold) continue;
        if (most - shared < 2 * (fewest - shared) || most === shared) continue;
        pairs.add(x < y ? `${x}:${y}` : `${y}:${x}`);
      }
    }
  });
  return pairs;
}

/**
 * Scores 'contained' clusters over distinct passage sets: true pairs from
 * containedPairs, less those where the shorter passage is a sentence of the
 * longer (linked as a sentence instead). Passages count by group, as
 * detection counts them: a passage in a passage cluster is of that cluster's
 * group, any other a group of its own; each cluster links the group of its
 * shortest member (the contained passage) with the group of every other
 * member. A true pair is found when a passage of each set is of one group
 * (their passage cluster tells of it), or of two groups a cluster links.
 * Precision: the share of linked pairs of groups that hold a true pair.
 */
export function scoreContained(db: Db, data: SentenceTruthData, sets: readonly Uint32Array[], threshold: number, containment: number): PairScore {
  const distinct = distinctSets(sets);
  const firstItem = new Int32Array(distinct.sets.length).fill(-1);
  distinct.setOf.forEach((set, item) => {
    if (firstItem[set] === -1) firstItem[set] = item;
  });
  const passageCluster = clusterByPlace(db, 'passage');
  const groupOf = (item: number): string => {
    const cluster = passageCluster.get(data.passageKeys[item] as string);
    return cluster === undefined ? `i${item}` : `c${cluster}`;
  };
  // The groups the passages of each distinct set are of (one, but for a set split over passage clusters).
  const groupsOfSet = Array.from({ length: distinct.sets.length }, (): string[] => []);
  distinct.setOf.forEach((set, item) => {
    const groups = groupsOfSet[set] as string[];
    const group = groupOf(item);
    if (!groups.includes(group)) groups.push(group);
  });
  const pairKey = (x: string, y: string): string => (x < y ? `${x}|${y}` : `${y}|${x}`);
  const truth: [number, number][] = [];
  for (const pair of containedPairs(distinct.sets, threshold, containment)) {
    const [x, y] = pair.split(':').map(Number) as [number, number];
    const a = firstItem[x] as number;
    const b = firstItem[y] as number;
    const [small, large] = (data.passageLengths[a] as number) <= (data.passageLengths[b] as number) ? [a, b] : [b, a];
    if ((data.passageSentences[large] as string[]).includes(data.passageWords[small] as string)) continue;
    truth.push([x, y]);
  }
  const itemOf = new Map(data.passageKeys.map((key, item) => [key, item]));
  const rows = db
    .prepare(
      `SELECT m.cluster_id AS clusterId, m.document_id AS documentId, m.start_cp AS startCp, m.end_cp - m.start_cp AS length
       FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id WHERE c.kind = 'contained' ORDER BY m.cluster_id, length, m.id`,
    )
    .all() as { clusterId: number; documentId: number; startCp: number }[];
  const linked = new Set<string>();
  let inside = '';
  let cluster = -1;
  for (const row of rows) {
    const item = itemOf.get(`${row.documentId}:${row.startCp}`);
    if (item === undefined) throw new Error(`a contained member at ${row.documentId}:${row.startCp} is no passage of the exact computation`);
    const group = groupOf(item);
    if (row.clusterId !== cluster) {
      cluster = row.clusterId;
      inside = group;
      continue;
    }
    if (group !== inside) linked.add(pairKey(inside, group));
  }
  let found = 0;
  const truthGroupPairs = new Set<string>();
  for (const [x, y] of truth) {
    let isFound = false;
    for (const gx of groupsOfSet[x] as string[]) {
      for (const gy of groupsOfSet[y] as string[]) {
        if (gx === gy) {
          isFound = true;
          continue;
        }
        const key = pairKey(gx, gy);
        truthGroupPairs.add(key);
        if (linked.has(key)) isFound = true;
      }
    }
    if (isFound) found++;
  }
  let correct = 0;
  for (const key of linked) if (truthGroupPairs.has(key)) correct++;
  return {
    truePairs: truth.length,
    clusteredPairs: linked.size,
    found,
    recall: truth.length === 0 ? 1 : found / truth.length,
    precision: linked.size === 0 ? 1 : correct / linked.size,
  };
}
