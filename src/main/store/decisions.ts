import type { Db } from './connection.js';
import { statement } from './statements.js';

/**
 * Each annotator's own decision on a shared suggestion (migration 015). With
 * blind annotation a suggestion stays one row everyone sees until they decide:
 * rejecting it hides it from the person who rejected it only.
 */

export interface DecisionRow {
  readonly decision: 'accepted' | 'rejected';
  readonly decided_at: string;
}

/** An annotator's decision on a suggestion, or undefined. */
export function decisionOf(db: Db, spanId: number, annotator: string): DecisionRow | undefined {
  return statement(db, 'SELECT decision, decided_at FROM suggestion_decisions WHERE span_id = ? AND annotator = ?').get(spanId, annotator) as DecisionRow | undefined;
}

/** Records (a row) or forgets (null) an annotator's decision on a suggestion. */
export function setDecision(db: Db, spanId: number, annotator: string, row: DecisionRow | null): void {
  if (row === null) statement(db, 'DELETE FROM suggestion_decisions WHERE span_id = ? AND annotator = ?').run(spanId, annotator);
  else {
    statement(
      db,
      `INSERT INTO suggestion_decisions (span_id, annotator, decision, decided_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (span_id, annotator) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at`,
    ).run(spanId, annotator, row.decision, row.decided_at);
  }
}

/** Of these suggestions, the ids `annotator` has decided on. */
export function decidedBy(db: Db, spanIds: readonly number[], annotator: string): Set<number> {
  const decided = new Set<number>();
  for (let at = 0; at < spanIds.length; at += 5000) {
    const ids = statement(db, 'SELECT span_id FROM suggestion_decisions WHERE annotator = ? AND span_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(annotator, JSON.stringify(spanIds.slice(at, at + 5000))) as number[];
    for (const id of ids) decided.add(id);
  }
  return decided;
}
