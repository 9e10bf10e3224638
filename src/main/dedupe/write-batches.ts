/**
 * How detection cuts its writes into transactions. A member lands at a random
 * place of the index by document, so a transaction dirties about one page of
 * that index per member until it has dirtied most of it, and every commit
 * writes (and the checkpoint after it copies) each page it dirtied again. A
 * transaction of a few thousand members thus rewrites most of the index,
 * and their number grows with the project: bounding transactions by members,
 * not clusters, keeps the writes near one pass over the index while the write
 * lock is still given up a few times a second.
 */
import type { Db } from '../store/connection.js';
import { addMember } from '../store/duplicates.js';
import { HashList } from './fold.js';
import { sortByKey } from './radix-sort.js';

/** Members written per transaction, about. */
export const MEMBERS_PER_TRANSACTION = 100_000;

/**
 * Consecutive ranges [from, to) of `count` units (clusters, groups) whose
 * weights (members each will write) add up to about `budget`; a unit heavier
 * than the budget is a range of its own.
 */
export function* weightedBatches(count: number, weightOf: (unit: number) => number, budget = MEMBERS_PER_TRANSACTION): Generator<[number, number]> {
  let from = 0;
  let weight = 0;
  for (let unit = 0; unit < count; unit++) {
    weight += weightOf(unit);
    if (weight >= budget) {
      yield [from, unit + 1];
      from = unit + 1;
      weight = 0;
    }
  }
  if (from < count) yield [from, count];
}

/**
 * The members one transaction writes, gathered and then written in document
 * order: each insert checks its document exists and lands in the index by
 * document, so members in document order read and dirty those pages in one
 * sweep instead of jumping about the project for every member.
 */
export class MemberBatch {
  readonly #clusterIds = new HashList(1024);
  readonly #documentIds = new HashList(1024);
  readonly #startCp = new HashList(1024);
  readonly #endCp = new HashList(1024);
  #similarity: number[] = [];

  /** A member to write, at a place of a cluster made (or found) in this transaction. */
  add(clusterId: number, documentId: number, startCp: number, endCp: number, similarity: number): void {
    this.#clusterIds.push(clusterId);
    this.#documentIds.push(documentId);
    this.#startCp.push(startCp);
    this.#endCp.push(endCp);
    this.#similarity.push(similarity);
  }

  /**
   * Writes the members gathered (each unless its cluster has one at that
   * place already) and forgets them; counts what was added into `outcome`.
   */
  write(db: Db, stamp: string, outcome: { membersAdded: number; readonly documents: Set<number> }): void {
    const count = this.#documentIds.length;
    const documentIds = this.#documentIds.values;
    const startCp = this.#startCp.values;
    // By document, then start: two stable radix passes, the second on the first key.
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    sortByKey(startCp.slice(0, count), order);
    sortByKey(Uint32Array.from(order, (i) => documentIds[i] as number), order);
    for (const i of order) {
      const member = {
        clusterId: this.#clusterIds.values[i] as number,
        documentId: documentIds[i] as number,
        startCp: startCp[i] as number,
        endCp: this.#endCp.values[i] as number,
        similarity: this.#similarity[i] as number,
      };
      if (addMember(db, member, stamp)) {
        outcome.membersAdded++;
        outcome.documents.add(member.documentId);
      }
    }
    this.#clusterIds.clear();
    this.#documentIds.clear();
    this.#startCp.clear();
    this.#endCp.clear();
    this.#similarity = [];
  }
}
