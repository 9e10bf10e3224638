/**
 * Shared decisions others changed (labels, entities, blind annotation,
 * annotators, assignments), listed until the member has looked: "changed by
 * others since your last sync". applyPulled fills the list, one line per thing
 * (the latest change).
 */
import type { SyncKind } from '../../shared/sync.js';
import type { Db } from '../store/connection.js';
import { statement } from '../store/statements.js';

export interface ChangeByOther {
  readonly kind: SyncKind;
  readonly key: string;
  readonly author: string;
  readonly hlc: string;
  /** When the server accepted the change (ISO 8601). */
  readonly changedAt: string;
  readonly summary: string;
}

/** The latest changes by others not yet seen, newest first. */
export function changedByOthers(db: Db, limit: number): ChangeByOther[] {
  return statement(
    db,
    'SELECT kind, key, author, hlc, changed_at AS changedAt, summary FROM sync_incoming ORDER BY id DESC LIMIT ?',
  ).all(limit) as ChangeByOther[];
}

/** Empties the list: the member has seen it. */
export function markChangedByOthersSeen(db: Db): void {
  statement(db, 'DELETE FROM sync_incoming').run();
}

/** How many changes by others wait to be seen. */
export function changedByOthersCount(db: Db): number {
  return statement(db, 'SELECT count(*) FROM sync_incoming').pluck().get() as number;
}
