/**
 * What detection compares, read from the stored fingerprints: passages and
 * documents with their band keys, in compact typed arrays (hundreds of
 * thousands of passages would cost far more as objects).
 *
 * When most of the project is new, every item is loaded. When little is new,
 * the new items' keys go into a small hash set first and the old fingerprints
 * are streamed past it: only old items sharing a key with a new one are kept,
 * so checking 1,000 documents against 100,000 holds a few thousand items, not
 * millions of keys.
 */
import type { Db } from '../store/connection.js';
import { countFingerprints, countUncheckedFingerprints, forEachFingerprint, type StoredFingerprint } from '../store/duplicates.js';
import { HashList } from './fold.js';
import { PASSAGE_RECORD } from './fingerprint.js';
import { BANDS, SET_HASH_WORDS } from './minhash.js';

/** Passages or documents, item i at index i of each array. */
export interface Items {
  readonly count: number;
  readonly documentIds: Uint32Array;
  /** Code points of a passage; 0 for a document item. */
  readonly startCp: Uint32Array;
  readonly endCp: Uint32Array;
  /** 1 when the item takes part in this run's comparisons as new. */
  readonly isNew: Uint8Array;
  /** BANDS keys per item. */
  readonly keys: Uint32Array;
  /** Distinct shingles of each item. */
  readonly sizes: Uint32Array;
  /** SET_HASH_WORDS values per item: equal for items with the same shingles. */
  readonly hashes: Uint32Array;
}

export interface LoadedItems {
  readonly passages: Items;
  readonly documents: Items;
  /** Documents compared as new in this run. */
  readonly newDocumentIds: number[];
}

class ItemBuilder {
  readonly documentIds = new HashList(1 << 12);
  readonly startCp = new HashList(1 << 12);
  readonly endCp = new HashList(1 << 12);
  readonly isNew = new HashList(1 << 12);
  readonly keys = new HashList(1 << 16);
  readonly sizes = new HashList(1 << 12);
  readonly hashes = new HashList(1 << 13);

  /** Adds an item whose band keys, then set summary, start at print[at]. */
  add(documentId: number, startCp: number, endCp: number, isNew: boolean, print: Uint32Array, at: number): void {
    this.documentIds.push(documentId);
    this.startCp.push(startCp);
    this.endCp.push(endCp);
    this.isNew.push(isNew ? 1 : 0);
    this.keys.pushRange(print, at, BANDS);
    this.sizes.push(print[at + BANDS] as number);
    this.hashes.pushRange(print, at + BANDS + 1, SET_HASH_WORDS);
  }

  build(): Items {
    const count = this.documentIds.length;
    return {
      count,
      documentIds: this.documentIds.values.slice(0, count),
      startCp: this.startCp.values.slice(0, count),
      endCp: this.endCp.values.slice(0, count),
      isNew: Uint8Array.from(this.isNew.values.subarray(0, count)),
      keys: this.keys.values.slice(0, this.keys.length),
      sizes: this.sizes.values.slice(0, count),
      hashes: this.hashes.values.slice(0, this.hashes.length),
    };
  }
}

/** An open-addressing set of 32-bit keys (band keys are already well mixed, so the low bits index it). */
class KeySet {
  readonly #table: Uint32Array;
  readonly #used: Uint8Array;
  readonly #mask: number;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.#table = new Uint32Array(capacity);
    this.#used = new Uint8Array(capacity);
    this.#mask = capacity - 1;
  }

  add(key: number): void {
    let slot = key & this.#mask;
    while (this.#used[slot] === 1 && this.#table[slot] !== key) slot = (slot + 1) & this.#mask;
    this.#table[slot] = key;
    this.#used[slot] = 1;
  }

  has(key: number): boolean {
    let slot = key & this.#mask;
    while (this.#used[slot] === 1) {
      if (this.#table[slot] === key) return true;
      slot = (slot + 1) & this.#mask;
    }
    return false;
  }

  /** Whether any of keys[at, at + count) is in the set. */
  hasAny(keys: Uint32Array, at: number, count: number): boolean {
    for (let i = at; i < at + count; i++) if (this.has(keys[i] as number)) return true;
    return false;
  }
}

function addPassages(fingerprint: StoredFingerprint, isNew: boolean, into: ItemBuilder, keep?: KeySet): void {
  const records = fingerprint.passages;
  for (let at = 0; at + PASSAGE_RECORD <= records.length; at += PASSAGE_RECORD) {
    if (keep && !keep.hasAny(records, at + 2, BANDS)) continue;
    into.add(fingerprint.documentId, records[at] as number, records[at + 1] as number, isNew, records, at + 2);
  }
}

function addDocument(fingerprint: StoredFingerprint, isNew: boolean, into: ItemBuilder, keep?: KeySet): void {
  const bands = fingerprint.documentBands;
  if (bands && (!keep || keep.hasAny(bands, 0, BANDS))) into.add(fingerprint.documentId, 0, 0, isNew, bands, 0);
}

/** A set of every key `items` holds. */
function keySetOf(items: ItemBuilder): KeySet {
  const set = new KeySet(items.keys.length);
  for (let i = 0; i < items.keys.length; i++) set.add(items.keys.values[i] as number);
  return set;
}

/**
 * Reads what this run compares. Documents not yet checked are new; with
 * `allNew` (a lower threshold than before) every document is.
 */
export function loadItems(db: Db, allNew: boolean): LoadedItems {
  const passages = new ItemBuilder();
  const documents = new ItemBuilder();
  const newDocumentIds: number[] = [];
  const unchecked = allNew ? Number.POSITIVE_INFINITY : countUncheckedFingerprints(db);
  if (unchecked * 4 >= countFingerprints(db)) {
    forEachFingerprint(db, 'all', (fingerprint) => {
      const isNew = allNew || !fingerprint.checked;
      if (isNew) newDocumentIds.push(fingerprint.documentId);
      addPassages(fingerprint, isNew, passages);
      addDocument(fingerprint, isNew, documents);
    });
    return { passages: passages.build(), documents: documents.build(), newDocumentIds };
  }
  forEachFingerprint(db, 'unchecked', (fingerprint) => {
    newDocumentIds.push(fingerprint.documentId);
    addPassages(fingerprint, true, passages);
    addDocument(fingerprint, true, documents);
  });
  const newPassageKeys = keySetOf(passages);
  const newDocumentKeys = keySetOf(documents);
  const oldPassages = new ItemBuilder();
  const oldDocuments = new ItemBuilder();
  forEachFingerprint(db, 'checked', (fingerprint) => {
    addPassages(fingerprint, false, oldPassages, newPassageKeys);
    addDocument(fingerprint, false, oldDocuments, newDocumentKeys);
  });
  // Old items first: a giant bucket pairs every item with its first, and that is best an old one already clustered.
  return { passages: concat(oldPassages.build(), passages.build()), documents: concat(oldDocuments.build(), documents.build()), newDocumentIds };
}

function concat(first: Items, second: Items): Items {
  const join = <T extends Uint32Array | Uint8Array>(a: T, b: T, make: (length: number) => T): T => {
    const joined = make(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    return joined;
  };
  const u32 = (length: number): Uint32Array => new Uint32Array(length);
  return {
    count: first.count + second.count,
    documentIds: join(first.documentIds, second.documentIds, u32),
    startCp: join(first.startCp, second.startCp, u32),
    endCp: join(first.endCp, second.endCp, u32),
    isNew: join(first.isNew, second.isNew, (length) => new Uint8Array(length)),
    keys: join(first.keys, second.keys, u32),
    sizes: join(first.sizes, second.sizes, u32),
    hashes: join(first.hashes, second.hashes, u32),
  };
}
