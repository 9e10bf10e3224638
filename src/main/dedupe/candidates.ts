/**
 * Candidate pairs from band keys: items (passages or documents) that share a
 * key in any band. Only pairs touching a new item are produced, so an
 * incremental run compares what came in against everything, and never the old
 * against the old again.
 */
import { sortByKey } from './radix-sort.js';

/**
 * Up to this many items in one bucket are paired with each other. A larger
 * bucket (one passage repeated in thousands of documents) pairs each item with
 * the bucket's first only, so it costs one comparison per item instead of a
 * quadratic number; its items still end in one cluster through that first item.
 */
export const SMALL_BUCKET = 24;

/** Pairs are packed as a × count + b in a double; exact while count² < 2^53. */
const MAX_ITEMS = 2 ** 26;

export interface CandidatePairs {
  readonly count: number;
  /** The lower item of each pair; pairs are sorted by `a`, then `b`. */
  readonly a: Uint32Array;
  readonly b: Uint32Array;
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

/**
 * Every pair of items sharing a band key where at least one item is new, each
 * pair once. `keys` holds `bands` keys per item, item after item.
 */
export function candidatePairs(keys: Uint32Array, isNew: Uint8Array, bands: number): CandidatePairs {
  const count = isNew.length;
  if (count > MAX_ITEMS) throw new Error(`too many passages to compare at once (${count}; at most ${MAX_ITEMS})`);
  const entries = entriesMeetingNewItems(keys, isNew, bands);
  sortByKey(entries.keys, entries.items);
  const pairs = new PairList();
  const members: number[] = [];
  const add = (x: number, y: number): void => {
    if (isNew[x] === 1 || isNew[y] === 1) pairs.push(x < y ? x * count + y : y * count + x);
  };
  let start = 0;
  const total = entries.keys.length;
  while (start < total) {
    const key = entries.keys[start];
    let end = start + 1;
    while (end < total && entries.keys[end] === key) end++;
    if (end - start > 1) {
      members.length = 0;
      let anyNew = false;
      for (let i = start; i < end; i++) {
        const item = entries.items[i] as number;
        // Items arrive in increasing order; one item can land twice in a bucket when two of its bands collide.
        if (members.length > 0 && members[members.length - 1] === item) continue;
        members.push(item);
        if (isNew[item] === 1) anyNew = true;
      }
      if (anyNew && members.length > 1) {
        if (members.length <= SMALL_BUCKET) {
          for (let i = 0; i < members.length; i++) {
            for (let j = i + 1; j < members.length; j++) add(members[i] as number, members[j] as number);
          }
        } else {
          const first = members[0] as number;
          for (let j = 1; j < members.length; j++) add(first, members[j] as number);
        }
      }
    }
    start = end;
  }
  const packed = pairs.values.subarray(0, pairs.length).sort();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < packed.length; i++) {
    const value = packed[i] as number;
    if (i > 0 && value === packed[i - 1]) continue;
    const low = Math.floor(value / count);
    a.push(low);
    b.push(value - low * count);
  }
  return { count: a.length, a: Uint32Array.from(a), b: Uint32Array.from(b) };
}
