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

/** Members written per transaction, about. */
export const MEMBERS_PER_TRANSACTION = 25_000;

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
