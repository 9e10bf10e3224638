import type { Db } from '../../src/main/store/connection.js';

interface PlanStep {
  readonly id: number;
  readonly parent: number;
  readonly detail: string;
}

/**
 * The EXPLAIN QUERY PLAN of `sql` with these parameters, one step per line and
 * each step indented two spaces under the one it belongs to (a subquery's
 * steps under the subquery), so a test can state the exact plan.
 */
export function queryPlan(db: Db, sql: string, ...params: unknown[]): string {
  const steps = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as PlanStep[];
  const depth = new Map<number, number>([[0, -1]]);
  return steps
    .map((step) => {
      const level = (depth.get(step.parent) ?? -1) + 1;
      depth.set(step.id, level);
      return `${'  '.repeat(level)}${step.detail}`;
    })
    .join('\n');
}
