/**
 * What detection compares, read from the stored fingerprints: passages and
 * documents with their band keys, passages' containment anchors, and
 * sentences with their set summaries, in compact typed arrays (hundreds of
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
import { ITEM_PRINT, PASSAGE_HEADER, SENTENCE_RECORD } from './fingerprint.js';
import { BANDS, SET_HASH_WORDS, SET_SUMMARY_WORDS } from './minhash.js';

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
  /** The containment anchors of passage i are anchors[anchorStart[i], anchorStart[i + 1]); absent for documents. */
  readonly anchorStart?: Uint32Array;
  readonly anchors?: Uint32Array;
}

/** Sentences, item i at index i of each array: compared only with their exact repeats, so no band keys. */
export interface SentenceItems {
  readonly count: number;
  readonly documentIds: Uint32Array;
  readonly startCp: Uint32Array;
  readonly endCp: Uint32Array;
  readonly isNew: Uint8Array;
  /** SET_SUMMARY_WORDS values per item (size, then hash): equal for sentences with the same shingles. */
  readonly summaries: Uint32Array;
}

export interface LoadedItems {
  readonly passages: Items;
  readonly documents: Items;
  readonly sentences: SentenceItems;
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
  readonly anchors = new HashList(1 << 14);
  readonly anchorStart = new HashList(1 << 12);

  /** Adds an item whose band keys, then set summary, then (for a passage) anchor count and anchors, start at print[at]. */
  add(documentId: number, startCp: number, endCp: number, isNew: boolean, print: Uint32Array, at: number, withAnchors: boolean): void {
    this.documentIds.push(documentId);
    this.startCp.push(startCp);
    this.endCp.push(endCp);
    this.isNew.push(isNew ? 1 : 0);
    this.keys.pushRange(print, at, BANDS);
    this.sizes.push(print[at + BANDS] as number);
    this.hashes.pushRange(print, at + BANDS + 1, SET_HASH_WORDS);
    if (withAnchors) {
      this.anchorStart.push(this.anchors.length);
      this.anchors.pushRange(print, at + ITEM_PRINT + 1, print[at + ITEM_PRINT] as number);
    }
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
      anchorStart: Uint32Array.from([...this.anchorStart.values.subarray(0, this.anchorStart.length), this.anchors.length]),
      anchors: this.anchors.values.slice(0, this.anchors.length),
    };
  }
}

class SentenceBuilder {
  readonly documentIds = new HashList(1 << 12);
  readonly startCp = new HashList(1 << 12);
  readonly endCp = new HashList(1 << 12);
  readonly isNew = new HashList(1 << 12);
  readonly summaries = new HashList(1 << 13);

  add(documentId: number, records: Uint32Array, at: number, isNew: boolean): void {
    this.documentIds.push(documentId);
    this.startCp.push(records[at] as number);
    this.endCp.push(records[at + 1] as number);
    this.isNew.push(isNew ? 1 : 0);
    this.summaries.pushRange(records, at + 2, SET_SUMMARY_WORDS);
  }

  build(): SentenceItems {
    const count = this.documentIds.length;
    return {
      count,
      documentIds: this.documentIds.values.slice(0, count),
      startCp: this.startCp.values.slice(0, count),
      endCp: this.endCp.values.slice(0, count),
      isNew: Uint8Array.from(this.isNew.values.subarray(0, count)),
      summaries: this.summaries.values.slice(0, this.summaries.length),
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

/** What an old item must share with the new ones to be loaded: a band key, or (for a passage) an anchor. */
interface Keep {
  readonly keys: KeySet;
  readonly anchors?: KeySet;
}

function addPassages(fingerprint: StoredFingerprint, isNew: boolean, into: ItemBuilder, keep?: Keep): void {
  const records = fingerprint.passages;
  for (let at = 0; at + PASSAGE_HEADER <= records.length; ) {
    const anchors = records[at + PASSAGE_HEADER - 1] as number;
    if (!keep || keep.keys.hasAny(records, at + 2, BANDS) || keep.anchors?.hasAny(records, at + PASSAGE_HEADER, anchors)) {
      into.add(fingerprint.documentId, records[at] as number, records[at + 1] as number, isNew, records, at + 2, true);
    }
    at += PASSAGE_HEADER + anchors;
  }
}

function addDocument(fingerprint: StoredFingerprint, isNew: boolean, into: ItemBuilder, keep?: Keep): void {
  const bands = fingerprint.documentBands;
  if (bands && (!keep || keep.keys.hasAny(bands, 0, BANDS))) into.add(fingerprint.documentId, 0, 0, isNew, bands, 0, false);
}

/** Sentences; with `keep` (the first hash words of the new ones), only old sentences that may repeat a new one. */
function addSentences(fingerprint: StoredFingerprint, isNew: boolean, into: SentenceBuilder, keep?: KeySet): void {
  const records = fingerprint.sentences;
  for (let at = 0; at + SENTENCE_RECORD <= records.length; at += SENTENCE_RECORD) {
    if (keep && !keep.has(records[at + 3] as number)) continue;
    into.add(fingerprint.documentId, records, at, isNew);
  }
}

/** A set of every value in `list`, or every `stride`-th from `offset`. */
function keySetOf(list: HashList, stride = 1, offset = 0): KeySet {
  const set = new KeySet(Math.ceil(list.length / stride));
  for (let i = offset; i < list.length; i += stride) set.add(list.values[i] as number);
  return set;
}

/**
 * Reads what this run compares. Documents not yet checked are new; with
 * `allNew` (a lower threshold than before) every document is.
 */
export function loadItems(db: Db, allNew: boolean): LoadedItems {
  const passages = new ItemBuilder();
  const documents = new ItemBuilder();
  const sentences = new SentenceBuilder();
  const newDocumentIds: number[] = [];
  const unchecked = allNew ? Number.POSITIVE_INFINITY : countUncheckedFingerprints(db);
  if (unchecked * 4 >= countFingerprints(db)) {
    forEachFingerprint(db, 'all', (fingerprint) => {
      const isNew = allNew || !fingerprint.checked;
      if (isNew) newDocumentIds.push(fingerprint.documentId);
      addPassages(fingerprint, isNew, passages);
      addDocument(fingerprint, isNew, documents);
      addSentences(fingerprint, isNew, sentences);
    });
    return { passages: passages.build(), documents: documents.build(), sentences: sentences.build(), newDocumentIds };
  }
  forEachFingerprint(db, 'unchecked', (fingerprint) => {
    newDocumentIds.push(fingerprint.documentId);
    addPassages(fingerprint, true, passages);
    addDocument(fingerprint, true, documents);
    addSentences(fingerprint, true, sentences);
  });
  const keepPassages = { keys: keySetOf(passages.keys), anchors: keySetOf(passages.anchors) };
  const keepDocuments = { keys: keySetOf(documents.keys) };
  // The first hash word of each new sentence (summaries are size, hash, hash).
  const keepSentences = keySetOf(sentences.summaries, SET_SUMMARY_WORDS, 1);
  const oldPassages = new ItemBuilder();
  const oldDocuments = new ItemBuilder();
  const oldSentences = new SentenceBuilder();
  forEachFingerprint(db, 'checked', (fingerprint) => {
    addPassages(fingerprint, false, oldPassages, keepPassages);
    addDocument(fingerprint, false, oldDocuments, keepDocuments);
    addSentences(fingerprint, false, oldSentences, keepSentences);
  });
  // Old items first: a giant bucket pairs every item with its first, and that is best an old one already clustered.
  return {
    passages: concat(oldPassages.build(), passages.build()),
    documents: concat(oldDocuments.build(), documents.build()),
    sentences: concatSentences(oldSentences.build(), sentences.build()),
    newDocumentIds,
  };
}

const join = <T extends Uint32Array | Uint8Array>(a: T, b: T, make: (length: number) => T): T => {
  const joined = make(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
};
const u32 = (length: number): Uint32Array => new Uint32Array(length);

/** Two lists of starts (each ending with its total) as one, the second's moved past the first's values. */
function joinStarts(first: Uint32Array | undefined, second: Uint32Array | undefined): Uint32Array {
  const a = first ?? Uint32Array.of(0);
  const b = second ?? Uint32Array.of(0);
  const joined = new Uint32Array(a.length + b.length - 1);
  joined.set(a);
  const offset = a[a.length - 1] as number;
  for (let i = 1; i < b.length; i++) joined[a.length - 1 + i] = (b[i] as number) + offset;
  return joined;
}

function concatSentences(first: SentenceItems, second: SentenceItems): SentenceItems {
  return {
    count: first.count + second.count,
    documentIds: join(first.documentIds, second.documentIds, u32),
    startCp: join(first.startCp, second.startCp, u32),
    endCp: join(first.endCp, second.endCp, u32),
    isNew: join(first.isNew, second.isNew, (length) => new Uint8Array(length)),
    summaries: join(first.summaries, second.summaries, u32),
  };
}

function concat(first: Items, second: Items): Items {
  return {
    count: first.count + second.count,
    documentIds: join(first.documentIds, second.documentIds, u32),
    startCp: join(first.startCp, second.startCp, u32),
    endCp: join(first.endCp, second.endCp, u32),
    isNew: join(first.isNew, second.isNew, (length) => new Uint8Array(length)),
    keys: join(first.keys, second.keys, u32),
    sizes: join(first.sizes, second.sizes, u32),
    hashes: join(first.hashes, second.hashes, u32),
    anchorStart: joinStarts(first.anchorStart, second.anchorStart),
    anchors: join(first.anchors ?? new Uint32Array(0), second.anchors ?? new Uint32Array(0), u32),
  };
}
