/**
 * Sentences repeated inside longer paragraphs. Sentences are matched only
 * with their exact repeats (the same words once case and punctuation are
 * folded away): a one-word edit in a sentence of 15 words already takes its
 * shingle similarity below 0.7, so near matching would add work and find
 * almost nothing. Identical sentences are gathered by their stored set
 * summary, linearly, and each gathering becomes one star of links.
 *
 * A gathering counts its sentences by paragraph group (passage-groups.ts): a
 * sentence whose paragraph is in a passage cluster stands for the copies in
 * every paragraph of that cluster, so only the first such sentence is
 * linked, and a paragraph repeated in thousands of documents adds one member,
 * not thousands. When every copy lies in paragraphs of one passage cluster (a
 * paragraph repeated whole, or with a few words changed), the sentence adds
 * nothing and is left alone; once the copies reach two groups, one sentence
 * of each is linked.
 */
import type { Db } from '../store/connection.js';
import type { Items, SentenceItems } from './items.js';
import { SET_SUMMARY_WORDS } from './minhash.js';
import { sentenceParagraphClusters, type PassageClusters } from './passage-groups.js';
import { sortByKey } from './radix-sort.js';
import type { Links } from './verify.js';

/** Whether sentences i and j have the same summary (size and hash). */
function sameSummary(summaries: Uint32Array, i: number, j: number): boolean {
  for (let word = 0; word < SET_SUMMARY_WORDS; word++) {
    if (summaries[i * SET_SUMMARY_WORDS + word] !== summaries[j * SET_SUMMARY_WORDS + word]) return false;
  }
  return true;
}

/** Gatherings of items: gathering g is items[start[g], start[g + 1]). */
export interface Gatherings {
  readonly count: number;
  readonly start: Uint32Array;
  readonly items: Uint32Array;
}

/** Gatherings of identical sentences holding a new one and at least two items, each in item order (old ones first). */
export function identicalSentences(sentences: SentenceItems): Gatherings {
  const count = sentences.count;
  const keys = new Uint32Array(count);
  const order = new Uint32Array(count);
  for (let item = 0; item < count; item++) {
    keys[item] = sentences.summaries[item * SET_SUMMARY_WORDS + 1] as number;
    order[item] = item;
  }
  sortByKey(keys, order);
  const starts: number[] = [0];
  const items = new Uint32Array(count);
  let filled = 0;
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
      for (const run of runs) {
        if (run.length < 2 || !run.some((item) => sentences.isNew[item] === 1)) continue;
        items.set(run, filled);
        filled += run.length;
        starts.push(filled);
      }
    }
    start = end;
  }
  return { count: starts.length - 1, start: Uint32Array.from(starts), items: items.subarray(0, filled) };
}

/**
 * Star links (similarity 1) for every gathering of identical sentences that
 * reaches two paragraph groups: from the first sentence of the first group to
 * the first of each other group, the first being old when an old one is
 * there, so new copies join its stored cluster. A gathering whose groups all
 * had a sentence before this run was linked then, and is passed over.
 */
export function sentenceLinks(db: Db, sentences: SentenceItems, passages: Items, clusters: PassageClusters): Links {
  const gatherings = identicalSentences(sentences);
  const needed = new Uint8Array(sentences.count);
  for (const item of gatherings.items) needed[item] = 1;
  const clusterOf = sentenceParagraphClusters(db, sentences, passages, clusters, needed);
  const a: number[] = [];
  const b: number[] = [];
  const seen = new Set<number>();
  const chosen: number[] = [];
  for (let g = 0; g < gatherings.count; g++) {
    seen.clear();
    chosen.length = 0;
    for (let i = gatherings.start[g] as number; i < (gatherings.start[g + 1] as number); i++) {
      const item = gatherings.items[i] as number;
      const cluster = clusterOf[item] as number;
      // Outside any passage cluster, a sentence stands for itself.
      if (cluster === 0) chosen.push(item);
      else if (!seen.has(cluster)) {
        seen.add(cluster);
        chosen.push(item);
      }
    }
    if (chosen.length < 2) continue;
    const first = chosen[0] as number;
    for (let k = 1; k < chosen.length; k++) {
      const item = chosen[k] as number;
      if (sentences.isNew[first] === 1 || sentences.isNew[item] === 1) {
        a.push(first);
        b.push(item);
      }
    }
  }
  return { count: a.length, a: Uint32Array.from(a), b: Uint32Array.from(b), similarity: new Float64Array(a.length).fill(1) };
}
