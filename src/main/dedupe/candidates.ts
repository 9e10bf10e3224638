/**
 * Candidate pairs from band keys: items (passages or documents) that share a
 * key in any band. Only pairs touching a new item are produced, so an
 * incremental run compares what came in against everything, and never the old
 * against the old again.
 *
 * Items whose band keys are all equal (copies of one passage, often hundreds
 * of them) are gathered into a key group first and fill the buckets as one, so
 * k copies cost k, not k²/2 pairs: a pair names two groups by their first
 * items, and says how their items met (every item with every item, or the
 * first group's first item with every item of the other). Verification then
 * compares each pair of distinct passages once and links the copies the way
 * the buckets paired them.
 */
import { fmix32 } from './fold.js';
import { sortByKey } from './radix-sort.js';

/**
 * Up to this many items in one bucket are paired with each other. A larger
 * bucket (one passage repeated in thousands of documents) pairs each item with
 * the bucket's first only, so it costs one comparison per item instead of a
 * quadratic number; its items still end in one cluster through that first item.
 * Items are counted, not groups, so a bucket pairs the same items as it would
 * without groups.
 */
export const SMALL_BUCKET = 24;

/** Pairs are packed as (a × count + b) × 2 + how they met in a double; exact while 2 × count² ≤ 2^53. */
const MAX_ITEMS = 2 ** 26;

/** Items with equal band keys, gathered. */
export interface KeyGroups {
  readonly count: number;
  /** The group of each item; groups are numbered in the order of their first items. */
  readonly groupOf: Uint32Array;
  /** The items of group g are items[start[g], start[g + 1]), ascending: the first is the group's representative. */
  readonly start: Uint32Array;
  readonly items: Uint32Array;
}

export interface CandidatePairs {
  readonly groups: KeyGroups;
  /** Per group: 1 when a bucket of at most SMALL_BUCKET items held it, so its items were paired with each other. */
  readonly inSmallBucket: Uint8Array;
  /** Per group: 1 when it held the first item of a larger bucket, so that item was paired with every other. */
  readonly firstOfLargeBucket: Uint8Array;
  readonly count: number;
  /** The representatives of the two groups of each pair, a < b; pairs are sorted by `a`, then `b`. */
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  /**
   * Per pair: 1 when the groups shared a small bucket (every item of one met
   * every item of the other), 0 when they met only in a larger bucket whose
   * first item is `a` (which met every item of b's group).
   */
  readonly everyItem: Uint8Array;
}

class PairList {
  values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** The entries of `keys` whose key also belongs to a new item, with the item each belongs to. */
function entriesMeetingNewItems(keys: Uint32Array, isNew: Uint8Array, bands: number): { keys: Uint32Array; items: Uint32Array } {
  const count = isNew.length;
  let newItems = 0;
  for (let item = 0; item < count; item++) newItems += isNew[item] as number;
  if (newItems * 2 >= count) {
    const items = new Uint32Array(keys.length);
    for (let i = 0; i < keys.length; i++) items[i] = (i / bands) | 0;
    return { keys: keys.slice(), items };
  }
  // Few new items: an open-addressing set of their keys, then one pass over everything.
  let capacity = 1024;
  while (capacity < newItems * bands * 2) capacity *= 2;
  const mask = capacity - 1;
  const table = new Uint32Array(capacity);
  const used = new Uint8Array(capacity);
  for (let item = 0; item < count; item++) {
    if (isNew[item] !== 1) continue;
    for (let band = 0; band < bands; band++) {
      const key = keys[item * bands + band] as number;
      let slot = key & mask;
      while (used[slot] === 1 && table[slot] !== key) slot = (slot + 1) & mask;
      table[slot] = key;
      used[slot] = 1;
    }
  }
  const keptKeys: number[] = [];
  const keptItems: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    let slot = key & mask;
    while (used[slot] === 1) {
      if (table[slot] === key) {
        keptKeys.push(key);
        keptItems.push((i / bands) | 0);
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { keys: Uint32Array.from(keptKeys), items: Uint32Array.from(keptItems) };
}

/** Gathers the items whose `bands` keys are all equal; linear in the items but for hash collisions. */
export function groupByKeys(keys: Uint32Array, count: number, bands: number): KeyGroups {
  const hashes = new Uint32Array(count);
  const order = new Uint32Array(count);
  for (let item = 0; item < count; item++) {
    let h = 0x9747b28c;
    for (let band = 0; band < bands; band++) h = Math.imul(h ^ (keys[item * bands + band] as number), 0x5bd1e995) ^ (h >>> 15);
    hashes[item] = fmix32(h);
    order[item] = item;
  }
  // Stable: within a run of equal hashes, items come in ascending order, so each group's first is its smallest.
  sortByKey(hashes, order);
  const repOf = new Uint32Array(count);
  const runReps: number[] = [];
  const sameKeys = (x: number, y: number): boolean => {
    for (let band = 0; band < bands; band++) if (keys[x * bands + band] !== keys[y * bands + band]) return false;
    return true;
  };
  for (let i = 0; i < count; i++) {
    if (i === 0 || hashes[i] !== hashes[i - 1]) runReps.length = 0;
    const item = order[i] as number;
    let rep = runReps.find((candidate) => sameKeys(candidate, item));
    if (rep === undefined) {
      rep = item;
      runReps.push(item);
    }
    repOf[item] = rep;
  }
  const groupOf = new Uint32Array(count);
  let groups = 0;
  for (let item = 0; item < count; item++) {
    const rep = repOf[item] as number;
    groupOf[item] = rep === item ? groups++ : (groupOf[rep] as number);
  }
  const start = new Uint32Array(groups + 1);
  for (let item = 0; item < count; item++) start[(groupOf[item] as number) + 1] = (start[(groupOf[item] as number) + 1] as number) + 1;
  for (let group = 0; group < groups; group++) start[group + 1] = (start[group + 1] as number) + (start[group] as number);
  const fill = start.slice(0, groups);
  const items = new Uint32Array(count);
  for (let item = 0; item < count; item++) {
    const group = groupOf[item] as number;
    items[fill[group] as number] = item;
    fill[group] = (fill[group] as number) + 1;
  }
  return { count: groups, groupOf, start, items };
}

/**
 * Every pair of key groups sharing a band key where at least one item is new,
 * each pair once. `keys` holds `bands` keys per item, item after item.
 */
export function candidatePairs(keys: Uint32Array, isNew: Uint8Array, bands: number): CandidatePairs {
  const count = isNew.length;
  if (count > MAX_ITEMS) throw new Error(`too many passages to compare at once (${count}; at most ${MAX_ITEMS})`);
  const groups = groupByKeys(keys, count, bands);
  const groupCount = groups.count;
  const groupKeys = new Uint32Array(groupCount * bands);
  const groupNew = new Uint8Array(groupCount);
  const repNew = new Uint8Array(groupCount);
  const size = new Uint32Array(groupCount);
  for (let group = 0; group < groupCount; group++) {
    const first = groups.start[group] as number;
    const end = groups.start[group + 1] as number;
    const rep = groups.items[first] as number;
    groupKeys.set(keys.subarray(rep * bands, rep * bands + bands), group * bands);
    repNew[group] = isNew[rep] as number;
    size[group] = end - first;
    for (let i = first; i < end && groupNew[group] === 0; i++) groupNew[group] = isNew[groups.items[i] as number] as number;
  }
  const entries = entriesMeetingNewItems(groupKeys, groupNew, bands);
  sortByKey(entries.keys, entries.items);
  const inSmallBucket = new Uint8Array(groupCount);
  const firstOfLargeBucket = new Uint8Array(groupCount);
  const pairs = new PairList();
  const members: number[] = [];
  const add = (x: number, y: number, everyItem: number): void => {
    pairs.push((x < y ? x * groupCount + y : y * groupCount + x) * 2 + everyItem);
  };
  let start = 0;
  const total = entries.keys.length;
  while (start < total) {
    const key = entries.keys[start];
    let end = start + 1;
    while (end < total && entries.keys[end] === key) end++;
    if (end - start === 1) {
      // Most buckets hold one group, and most groups one item: nothing to pair but a group's own copies.
      const group = entries.items[start] as number;
      const items = size[group] as number;
      if (items > 1 && groupNew[group] === 1) {
        if (items <= SMALL_BUCKET) inSmallBucket[group] = 1;
        else firstOfLargeBucket[group] = 1;
      }
      start = end;
      continue;
    }
    members.length = 0;
    let anyNew = false;
    let items = 0;
    for (let i = start; i < end; i++) {
      const group = entries.items[i] as number;
      // Groups arrive in increasing order; one group can land twice in a bucket when two of its bands collide.
      if (members.length > 0 && members[members.length - 1] === group) continue;
      members.push(group);
      items += size[group] as number;
      if (groupNew[group] === 1) anyNew = true;
    }
    // A bucket of one group counts too when that group holds several items: they were paired with each other.
    if (anyNew && items > 1) {
      if (items <= SMALL_BUCKET) {
        // Every item with every other: two groups meet when either holds a new item.
        for (let i = 0; i < members.length; i++) {
          const x = members[i] as number;
          inSmallBucket[x] = 1;
          for (let j = i + 1; j < members.length; j++) {
            const y = members[j] as number;
            if (groupNew[x] === 1 || groupNew[y] === 1) add(x, y, 1);
          }
        }
      } else {
        // The bucket's first item with every other: a group meets it when either is new.
        const first = members[0] as number;
        firstOfLargeBucket[first] = 1;
        for (let j = 1; j < members.length; j++) {
          const y = members[j] as number;
          if (repNew[first] === 1 || groupNew[y] === 1) add(first, y, 0);
        }
      }
    }
    start = end;
  }
  const packed = pairs.values.subarray(0, pairs.length).sort();
  const a: number[] = [];
  const b: number[] = [];
  const everyItem: number[] = [];
  const repOf = (group: number): number => groups.items[groups.start[group] as number] as number;
  for (let i = 0; i < packed.length; i++) {
    const value = packed[i] as number;
    const pair = Math.floor(value / 2);
    // The same two groups met in several buckets: once is enough, every item with every item if ever so.
    if (i > 0 && Math.floor((packed[i - 1] as number) / 2) === pair) {
      if (value - pair * 2 === 1) everyItem[everyItem.length - 1] = 1;
      continue;
    }
    const low = Math.floor(pair / groupCount);
    a.push(repOf(low));
    b.push(repOf(pair - low * groupCount));
    everyItem.push(value - pair * 2);
  }
  return {
    groups,
    inSmallBucket,
    firstOfLargeBucket,
    count: a.length,
    a: Uint32Array.from(a),
    b: Uint32Array.from(b),
    everyItem: Uint8Array.from(everyItem),
  };
}

/** Pairs of items, a < b, sorted by a, then b. */
export interface ItemPairs {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
}

/**
 * Pairs of passages sharing a containment anchor, where at least one holds
 * something new, each as the first item of its set (items with the same
 * shingles are gathered first, so copies neither fill buckets nor pair again).
 * An anchor shared by more than SMALL_BUCKET distinct passages is a stock
 * phrase and pairs nothing: what lies inside another shares rarer anchors too.
 * A pair must share at least half the anchors of the one with fewer.
 */
export function anchorPairs(
  items: { readonly count: number; readonly isNew: Uint8Array; readonly sizes: Uint32Array; readonly hashes: Uint32Array },
  anchorStart: Uint32Array,
  anchors: Uint32Array,
  hashWords: number,
): ItemPairs {
  const count = items.count;
  // The first item of each set: items sorted by their first hash word, runs split by size and the rest of the hash.
  const firstWord = new Uint32Array(count);
  const order = new Uint32Array(count);
  for (let item = 0; item < count; item++) {
    firstWord[item] = items.hashes[item * hashWords] as number;
    order[item] = item;
  }
  sortByKey(firstWord, order);
  const setFirst = new Uint32Array(count);
  const sameSet = (x: number, y: number): boolean => {
    if (items.sizes[x] !== items.sizes[y]) return false;
    for (let word = 1; word < hashWords; word++) if (items.hashes[x * hashWords + word] !== items.hashes[y * hashWords + word]) return false;
    return true;
  };
  const firsts: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i === 0 || firstWord[i] !== firstWord[i - 1]) firsts.length = 0;
    const item = order[i] as number;
    let first = firsts.find((candidate) => sameSet(candidate, item));
    if (first === undefined) {
      first = item;
      firsts.push(item);
    }
    setFirst[item] = first;
  }
  const setNew = new Uint8Array(count);
  let entries = 0;
  for (let item = 0; item < count; item++) {
    if (items.isNew[item] === 1) setNew[setFirst[item] as number] = 1;
    if (setFirst[item] === item) entries += (anchorStart[item + 1] as number) - (anchorStart[item] as number);
  }
  const keys = new Uint32Array(entries);
  const owners = new Uint32Array(entries);
  let at = 0;
  for (let item = 0; item < count; item++) {
    if (setFirst[item] !== item) continue;
    for (let k = anchorStart[item] as number; k < (anchorStart[item + 1] as number); k++) {
      keys[at] = anchors[k] as number;
      owners[at++] = item;
    }
  }
  sortByKey(keys, owners);
  const pairs = new PairList();
  const members: number[] = [];
  for (let start = 0; start < entries; ) {
    let end = start + 1;
    while (end < entries && keys[end] === keys[start]) end++;
    members.length = 0;
    let anyNew = false;
    for (let i = start; i < end && members.length <= SMALL_BUCKET; i++) {
      const owner = owners[i] as number;
      // Owners arrive in increasing order; a passage repeating a shingle lands twice.
      if (members[members.length - 1] === owner) continue;
      members.push(owner);
      if (setNew[owner] === 1) anyNew = true;
    }
    if (anyNew && members.length > 1 && members.length <= SMALL_BUCKET) {
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const x = members[i] as number;
          const y = members[j] as number;
          if (setNew[x] === 1 || setNew[y] === 1) pairs.push(x * count + y);
        }
      }
    }
    start = end;
  }
  // A pair met once per anchor shared. The anchors of what two passages share are anchors of both, so a passage
  // mostly inside another shares most of its anchors with it: pairs sharing fewer than half of the smaller count's
  // met through a phrase or two in common, and are not read.
  const packed = pairs.values.subarray(0, pairs.length).sort();
  const anchorCount = (item: number): number => (anchorStart[item + 1] as number) - (anchorStart[item] as number);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < packed.length; ) {
    let end = i + 1;
    while (end < packed.length && packed[end] === packed[i]) end++;
    const value = packed[i] as number;
    const low = Math.floor(value / count);
    const high = value - low * count;
    if ((end - i) * 2 >= Math.min(anchorCount(low), anchorCount(high))) {
      a.push(low);
      b.push(high);
    }
    i = end;
  }
  return { a: Uint32Array.from(a), b: Uint32Array.from(b) };
}
