/**
 * Passages gathered by the passage cluster holding them. Copies of a
 * paragraph already sit in one passage cluster, which tells the user they are
 * the same text, so sentence and 'contained' clusters take one member per
 * group rather than one per copy. A passage in no passage cluster is a group
 * of its own.
 *
 * Read once the passage step has linked this run's passages: a passage it
 * linked is in the cluster it joined, a new passage it did not link is in
 * none, and an old one is looked up in the store. Items come old first, each
 * part in document order, so the store is asked once per document and only
 * one document's places are held at a time.
 */
import type { Db } from '../store/connection.js';
import { memberPlacesInDocument, type MemberPlace } from '../store/duplicates.js';
import type { Items, SentenceItems } from './items.js';

/** What the passage step leaves for the steps after it. */
export interface PassageClusters {
  /** Per passage item: the passage cluster the passage step put it in (or found it in) this run, else 0. */
  readonly linked: Float64Array;
  /**
   * Whether passages compared as new may have been in passage clusters before
   * this run (everything compared again, or fingerprinted again): they are
   * then looked up in the store like old ones.
   */
  readonly newMayBeStored: boolean;
}

/** The passage cluster members of the document last asked about. */
class StoredPlaces {
  #documentId = -1;
  #places: readonly MemberPlace[] = [];

  constructor(private readonly db: Db) {}

  /** Where passage clusters have members in a document, oldest cluster first. */
  of(documentId: number): readonly MemberPlace[] {
    if (documentId !== this.#documentId) {
      this.#documentId = documentId;
      this.#places = memberPlacesInDocument(this.db, 'passage', documentId);
    }
    return this.#places;
  }
}

/** The passage cluster (0: none) of each passage item marked in `needed`; the others are left at 0. */
export function passageClustersOf(db: Db, passages: Items, clusters: PassageClusters, needed: Uint8Array): Float64Array {
  const result = new Float64Array(passages.count);
  const stored = new StoredPlaces(db);
  for (let item = 0; item < passages.count; item++) {
    if (needed[item] !== 1) continue;
    const linked = clusters.linked[item] as number;
    if (linked > 0) {
      result[item] = linked;
      continue;
    }
    if (passages.isNew[item] === 1 && !clusters.newMayBeStored) continue;
    const startCp = passages.startCp[item] as number;
    const endCp = passages.endCp[item] as number;
    const place = stored.of(passages.documentIds[item] as number).find((candidate) => candidate.startCp === startCp && candidate.endCp === endCp);
    result[item] = place?.clusterId ?? 0;
  }
  return result;
}

/**
 * The passage cluster (0: none) holding the paragraph of each sentence item
 * marked in `needed`. A new sentence's paragraph is a new passage item (a
 * sentence long enough to count lies in a paragraph long enough to count),
 * found by walking the new passages beside the new sentences, both in
 * document and reading order; an old one is looked up in the store.
 */
export function sentenceParagraphClusters(
  db: Db,
  sentences: SentenceItems,
  passages: Items,
  clusters: PassageClusters,
  needed: Uint8Array,
): Float64Array {
  const result = new Float64Array(sentences.count);
  const stored = new StoredPlaces(db);
  let passage = 0;
  for (let item = 0; item < sentences.count; item++) {
    if (needed[item] !== 1) continue;
    const documentId = sentences.documentIds[item] as number;
    const startCp = sentences.startCp[item] as number;
    const endCp = sentences.endCp[item] as number;
    if (sentences.isNew[item] === 1 && !clusters.newMayBeStored) {
      while (
        passage < passages.count &&
        (passages.isNew[passage] !== 1 ||
          (passages.documentIds[passage] as number) < documentId ||
          (passages.documentIds[passage] === documentId && (passages.endCp[passage] as number) < endCp))
      ) {
        passage++;
      }
      if (passage < passages.count && passages.documentIds[passage] === documentId && (passages.startCp[passage] as number) <= startCp) {
        result[item] = clusters.linked[passage] as number;
      }
      continue;
    }
    const holding = stored.of(documentId).find((place) => place.startCp <= startCp && place.endCp >= endCp);
    result[item] = holding?.clusterId ?? 0;
  }
  return result;
}
