/**
 * Passages nearly contained in longer ones ("contained in"): a headline
 * re-worded into a first paragraph with a few words added, a teaser cut from
 * a paragraph. Their similarity stays below the threshold because the longer
 * one holds more, while most of the shorter one is inside it.
 *
 * Passages count by group (passage-groups.ts): the copies of a paragraph in
 * one passage cluster are one group, a passage in none a group of its own.
 * Each group of contained passages gets one cluster: one of its copies (the
 * shortest, so the contained passage stays the cluster's shortest member)
 * and one passage of each group holding it (the one holding it best). A link
 * inside one group says nothing the passage cluster does not. Links are not
 * joined transitively as for the other kinds: a lead paragraph holds its
 * headline and is held by nothing, and chaining "inside" and "holds" would
 * sweep unrelated passages into one cluster.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db } from '../store/connection.js';
import {
  clusterSharesPlace,
  containedClusterAt,
  containedClusterOfPassageCluster,
  createCluster,
  hasClustersOfKind,
  lowerClusterSimilarity,
} from '../store/duplicates.js';
import { now, writeTransaction } from '../store/statements.js';
import type { Items, SentenceItems } from './items.js';
import type { LinkOutcome } from './link.js';
import { SET_HASH_WORDS, SET_SUMMARY_WORDS } from './minhash.js';
import { passageClustersOf, type PassageClusters } from './passage-groups.js';
import { sortByKey } from './radix-sort.js';
import type { ContainLinks } from './verify.js';
import { MemberBatch, weightedBatches } from './write-batches.js';


/**
 * The links left once those a sentence link tells about are dropped: a
 * passage of one sentence found as a sentence of the longer passage is a
 * repeated sentence, linked as such. The sentences are sorted by document
 * once, so each link looks only at the sentences of its longer passage's
 * document.
 */
export function withoutRepeatedSentences(links: ContainLinks, passages: Items, sentences: SentenceItems): ContainLinks {
  if (links.count === 0) return links;
  const byDocument = new Uint32Array(sentences.count);
  for (let item = 0; item < sentences.count; item++) byDocument[item] = item;
  const documentOf = sentences.documentIds.slice();
  sortByKey(documentOf, byDocument);
  /** The first position in byDocument of a document's sentences. */
  const firstOf = (documentId: number): number => {
    let low = 0;
    let high = documentOf.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((documentOf[middle] as number) < documentId) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const isSentenceOf = (small: number, large: number): boolean => {
    const documentId = passages.documentIds[large] as number;
    for (let at = firstOf(documentId); at < documentOf.length && documentOf[at] === documentId; at++) {
      const item = byDocument[at] as number;
      if (
        sentences.summaries[item * SET_SUMMARY_WORDS] === passages.sizes[small] &&
        sentences.summaries[item * SET_SUMMARY_WORDS + 1] === passages.hashes[small * SET_HASH_WORDS] &&
        sentences.summaries[item * SET_SUMMARY_WORDS + 2] === passages.hashes[small * SET_HASH_WORDS + 1] &&
        (sentences.startCp[item] as number) >= (passages.startCp[large] as number) &&
        (sentences.endCp[item] as number) <= (passages.endCp[large] as number)
      ) {
        return true;
      }
    }
    return false;
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
 * The links between groups, one per pair of groups: `order` lists link
 * indices sorted by the group of the smaller passage, then by the group of
 * the larger; `runs` gives where each group of smaller passages starts in
 * `order` (and ends with order's length), `holders` where each pair of groups
 * starts (likewise).
 */
interface GroupedLinks {
  readonly order: Uint32Array;
  readonly runs: Uint32Array;
  readonly holders: Uint32Array;
}

/**
 * Sorts the links by group, leaving out those inside one group; linear (two
 * stable radix passes). A group's key is its passage cluster, or, for a
 * passage in none, a number past every cluster's made from the item.
 */
function groupLinks(links: ContainLinks, clusterOf: Float64Array): GroupedLinks {
  let lastCluster = 0;
  for (let i = 0; i < links.count; i++) {
    lastCluster = Math.max(lastCluster, clusterOf[links.small[i] as number] as number, clusterOf[links.large[i] as number] as number);
  }
  if (lastCluster + clusterOf.length >= 2 ** 32) throw new Error('too many clusters and passages to group at once');
  const keyOf = (item: number): number => {
    const cluster = clusterOf[item] as number;
    return cluster > 0 ? cluster : lastCluster + 1 + item;
  };
  const kept: number[] = [];
  for (let i = 0; i < links.count; i++) if (keyOf(links.small[i] as number) !== keyOf(links.large[i] as number)) kept.push(i);
  const order = Uint32Array.from(kept);
  const byLarge = Uint32Array.from(order, (i) => keyOf(links.large[i] as number));
  sortByKey(byLarge, order);
  const bySmall = Uint32Array.from(order, (i) => keyOf(links.small[i] as number));
  sortByKey(bySmall, order);
  const runs: number[] = [];
  const holders: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const newRun = k === 0 || bySmall[k] !== bySmall[k - 1];
    if (newRun) runs.push(k);
    if (newRun || keyOf(links.large[order[k] as number] as number) !== keyOf(links.large[order[k - 1] as number] as number)) holders.push(k);
  }
  runs.push(order.length);
  holders.push(order.length);
  return { order, runs: Uint32Array.from(runs), holders: Uint32Array.from(holders) };
}

/**
 * Stores the 'contained' clusters the links make, one per group of contained
 * passages: the cluster already gathering what holds a copy of the passage
 * gains the new groups of holders (keeping its decision), else a new one is
 * made. Null when cancelled.
 */
export async function linkContained(
  db: Db,
  links: ContainLinks,
  passages: Items,
  clusters: PassageClusters,
  signal?: AbortSignal,
): Promise<LinkOutcome | null> {
  const needed = new Uint8Array(passages.count);
  for (let i = 0; i < links.count; i++) {
    needed[links.small[i] as number] = 1;
    needed[links.large[i] as number] = 1;
  }
  const clusterOf = passageClustersOf(db, passages, clusters, needed);
  const { order, runs, holders } = groupLinks(links, clusterOf);
  const lengthOf = (item: number): number => (passages.endCp[item] as number) - (passages.startCp[item] as number);
  // A project's first run has no 'contained' cluster to join.
  const anyStored = hasClustersOfKind(db, 'contained');
  let clustersCreated = 0;
  const outcome = { membersAdded: 0, documents: new Set<number>() };
  const batch = new MemberBatch();
  const add = (clusterId: number, item: number, similarity: number): void =>
    batch.add(clusterId, passages.documentIds[item] as number, passages.startCp[item] as number, passages.endCp[item] as number, similarity);
  let holder = 0;
  const write = writeTransaction(db, (fromRun: number, toRun: number) => {
    const stamp = now();
    for (let run = fromRun; run < toRun; run++) {
      const from = runs[run] as number;
      const to = runs[run + 1] as number;
      while ((holders[holder] as number) < from) holder++;
      // The group's shortest copy stands for it (the earliest among equals), at its best share.
      let inside = links.small[order[from] as number] as number;
      let best = 0;
      let weakest = 1;
      for (let k = from; k < to; k++) {
        const link = order[k] as number;
        const small = links.small[link] as number;
        if (lengthOf(small) < lengthOf(inside) || (lengthOf(small) === lengthOf(inside) && small < inside)) inside = small;
        best = Math.max(best, links.share[link] as number);
      }
      // One holder per group of holders: the one holding a copy best.
      const held: number[] = [];
      for (let h = holder; (holders[h] as number) < to; h++) {
        let strongest = order[holders[h] as number] as number;
        for (let k = holders[h] as number; k < (holders[h + 1] as number); k++) {
          const link = order[k] as number;
          if ((links.share[link] as number) > (links.share[strongest] as number)) strongest = link;
        }
        held.push(strongest);
        weakest = Math.min(weakest, links.share[strongest] as number);
      }
      const insideCluster = clusterOf[inside] as number;
      let clusterId: number | undefined;
      if (anyStored) {
        clusterId =
          insideCluster > 0
            ? containedClusterOfPassageCluster(db, insideCluster)
            : containedClusterAt(db, passages.documentIds[inside] as number, passages.startCp[inside] as number, passages.endCp[inside] as number);
      }
      if (clusterId === undefined) {
        clusterId = createCluster(db, 'contained', weakest, stamp);
        clustersCreated++;
        add(clusterId, inside, best);
        for (const link of held) add(clusterId, links.large[link] as number, links.share[link] as number);
        continue;
      }
      // The group is in the cluster already; a group of holders is too when one of its copies is.
      lowerClusterSimilarity(db, clusterId, weakest, stamp);
      for (const link of held) {
        const large = links.large[link] as number;
        const holderCluster = clusterOf[large] as number;
        if (holderCluster > 0 && clusterSharesPlace(db, clusterId, holderCluster)) continue;
        add(clusterId, large, links.share[link] as number);
      }
    }
    batch.write(db, stamp, outcome);
  });
  // A group writes itself and one holder per group of holders, at most one per link.
  for (const [from, to] of weightedBatches(runs.length - 1, (run) => 1 + (runs[run + 1] as number) - (runs[run] as number))) {
    if (signal?.aborted) return null;
    write(from, to);
    await yieldToEventLoop();
  }
  return { clustersCreated, ...outcome };
}
