/**
 * Passages nearly contained in longer ones ("contained in"): a headline
 * re-worded into a first paragraph with a few words added, a teaser cut from
 * a paragraph. Their similarity stays below the threshold because the longer
 * one holds more, while most of the shorter one is inside it.
 *
 * Each contained passage gets one cluster of its own: itself (the shortest
 * member) and the passages holding it. Links are not joined transitively as
 * for the other kinds: a lead paragraph holds its headline and is held by
 * nothing, and chaining "inside" and "holds" would sweep unrelated passages
 * into one cluster.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db } from '../store/connection.js';
import { addMember, containedClusterAt, createCluster, lowerClusterSimilarity } from '../store/duplicates.js';
import { writeTransaction } from '../store/statements.js';
import type { Items, SentenceItems } from './items.js';
import type { ItemPlace, LinkOutcome } from './link.js';
import { SET_HASH_WORDS, SET_SUMMARY_WORDS } from './minhash.js';
import type { ContainLinks } from './verify.js';

/** Contained passages written per transaction before the event loop gets a turn. */
const PASSAGES_PER_TRANSACTION = 500;

/**
 * The links left once those a sentence link tells about are dropped: a
 * passage of one sentence found as a sentence of the longer passage is a
 * repeated sentence, linked as such.
 */
export function withoutRepeatedSentences(links: ContainLinks, passages: Items, sentences: SentenceItems): ContainLinks {
  if (links.count === 0) return links;
  const byHash = new Map<number, number[]>();
  for (let item = 0; item < sentences.count; item++) {
    const key = sentences.summaries[item * SET_SUMMARY_WORDS + 1] as number;
    const list = byHash.get(key);
    if (list) list.push(item);
    else byHash.set(key, [item]);
  }
  const isSentenceOf = (small: number, large: number): boolean => {
    const candidates = byHash.get(passages.hashes[small * SET_HASH_WORDS] as number) ?? [];
    return candidates.some(
      (item) =>
        sentences.summaries[item * SET_SUMMARY_WORDS] === passages.sizes[small] &&
        sentences.summaries[item * SET_SUMMARY_WORDS + 2] === passages.hashes[small * SET_HASH_WORDS + 1] &&
        sentences.documentIds[item] === passages.documentIds[large] &&
        (sentences.startCp[item] as number) >= (passages.startCp[large] as number) &&
        (sentences.endCp[item] as number) <= (passages.endCp[large] as number),
    );
  };
  const kept: number[] = [];
  for (let i = 0; i < links.count; i++) if (!isSentenceOf(links.small[i] as number, links.large[i] as number)) kept.push(i);
  return {
    count: kept.length,
    small: Uint32Array.from(kept, (i) => links.small[i] as number),
    large: Uint32Array.from(kept, (i) => links.large[i] as number),
    share: Float64Array.from(kept, (i) => links.share[i] as number),
  };
}

/**
 * Stores the 'contained' clusters the links make: the cluster already
 * gathering what holds a passage gains the new holders (keeping its
 * decision), else a new one is made. Null when cancelled.
 */
export async function linkContained(db: Db, links: ContainLinks, placeOf: (item: number) => ItemPlace, signal?: AbortSignal): Promise<LinkOutcome | null> {
  // Links come sorted by their contained passage: one run per passage.
  const runs: [number, number][] = [];
  for (let i = 0; i < links.count; i++) {
    if (i === 0 || links.small[i] !== links.small[i - 1]) runs.push([i, i + 1]);
    else (runs[runs.length - 1] as [number, number])[1] = i + 1;
  }
  let clustersCreated = 0;
  let membersAdded = 0;
  const documents = new Set<number>();
  const add = (clusterId: number, place: ItemPlace, similarity: number): void => {
    if (addMember(db, { clusterId, ...place, similarity })) {
      membersAdded++;
      documents.add(place.documentId);
    }
  };
  const write = writeTransaction(db, (batch: readonly [number, number][]) => {
    for (const [from, to] of batch) {
      const inside = placeOf(links.small[from] as number);
      let weakest = 1;
      for (let i = from; i < to; i++) weakest = Math.min(weakest, links.share[i] as number);
      let clusterId = containedClusterAt(db, inside.documentId, inside.startCp, inside.endCp);
      if (clusterId === undefined) {
        clusterId = createCluster(db, 'contained', weakest);
        clustersCreated++;
      } else {
        lowerClusterSimilarity(db, clusterId, weakest);
      }
      // The contained passage's similarity is its best share, each holder's its own.
      add(clusterId, inside, links.share[from] as number);
      for (let i = from; i < to; i++) add(clusterId, placeOf(links.large[i] as number), links.share[i] as number);
    }
  });
  for (let start = 0; start < runs.length; start += PASSAGES_PER_TRANSACTION) {
    if (signal?.aborted) return null;
    write(runs.slice(start, start + PASSAGES_PER_TRANSACTION));
    await yieldToEventLoop();
  }
  return { clustersCreated, membersAdded, documents };
}
