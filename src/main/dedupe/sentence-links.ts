/**
 * Sentences repeated inside longer paragraphs. Sentences are matched only
 * with their exact repeats (the same words once case and punctuation are
 * folded away): a one-word edit in a sentence of 15 words already takes its
 * shingle similarity below 0.7, so near matching would add work and find
 * almost nothing. Identical sentences are gathered by their stored set
 * summary, linearly, and each gathering becomes one star of links.
 *
 * A repeat that a passage cluster already tells about is left alone: when
 * every copy of a sentence lies in paragraphs of one passage cluster (a
 * paragraph repeated whole, or with a few words changed), the sentence adds
 * nothing. Once the copies reach paragraphs of two different passage
 * clusters, or one outside any, they are all linked.
 */
import type { Db } from '../store/connection.js';
import { memberPlacesInDocument, type MemberPlace } from '../store/duplicates.js';
import type { SentenceItems } from './items.js';
import { SET_SUMMARY_WORDS } from './minhash.js';
import { sortByKey } from './radix-sort.js';
import type { Links } from './verify.js';

/** Whether sentences i and j have the same summary (size and hash). */
function sameSummary(summaries: Uint32Array, i: number, j: number): boolean {
  for (let word = 0; word < SET_SUMMARY_WORDS; word++) {
    if (summaries[i * SET_SUMMARY_WORDS + word] !== summaries[j * SET_SUMMARY_WORDS + word]) return false;
  }
  return true;
}

/** Gatherings of identical sentences holding a new one and at least two items, each as a list of items, old ones first. */
export function identicalSentences(sentences: SentenceItems): number[][] {
  const count = sentences.count;
  const keys = new Uint32Array(count);
  const order = new Uint32Array(count);
  for (let item = 0; item < count; item++) {
    keys[item] = sentences.summaries[item * SET_SUMMARY_WORDS + 1] as number;
    order[item] = item;
  }
  sortByKey(keys, order);
  const gatherings: number[][] = [];
  let start = 0;
  while (start < count) {
    let end = start + 1;
    while (end < count && keys[end] === keys[start]) end++;
    if (end - start > 1) {
      // One run of equal first hash words; split it by whole summaries (a run almost always holds one).
      const runs: number[][] = [];
      for (let i = start; i < end; i++) {
        const item = order[i] as number;
        const run = runs.find((candidate) => sameSummary(sentences.summaries, candidate[0] as number, item));
        if (run) run.push(item);
        else runs.push([item]);
      }
      for (const run of runs) if (run.length > 1 && run.some((item) => sentences.isNew[item] === 1)) gatherings.push(run);
    }
    start = end;
  }
  return gatherings;
}

/**
 * Star links (the first copy with each other, similarity 1) for every
 * gathering of identical sentences that passage clusters do not already
 * tell about; reads where passage clusters have members in the documents
 * concerned.
 */
export function sentenceLinks(db: Db, sentences: SentenceItems): Links {
  const placesOf = new Map<number, MemberPlace[]>();
  const passageClusterOf = (item: number): string => {
    const documentId = sentences.documentIds[item] as number;
    let places = placesOf.get(documentId);
    if (!places) {
      places = memberPlacesInDocument(db, 'passage', documentId);
      placesOf.set(documentId, places);
    }
    const startCp = sentences.startCp[item] as number;
    const endCp = sentences.endCp[item] as number;
    const holding = places.find((place) => place.startCp <= startCp && place.endCp >= endCp);
    // Outside any passage cluster, a sentence stands for itself.
    return holding ? `c${holding.clusterId}` : `s${item}`;
  };
  const a: number[] = [];
  const b: number[] = [];
  for (const items of identicalSentences(sentences)) {
    const first = passageClusterOf(items[0] as number);
    if (items.every((item) => passageClusterOf(item) === first)) continue;
    for (let k = 1; k < items.length; k++) {
      a.push(items[0] as number);
      b.push(items[k] as number);
    }
  }
  return { count: a.length, a: Uint32Array.from(a), b: Uint32Array.from(b), similarity: new Float64Array(a.length).fill(1) };
}
