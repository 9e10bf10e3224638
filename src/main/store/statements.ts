import type { Statement, Transaction } from 'better-sqlite3';
import type { Db } from './connection.js';
import { letWorkbenchGoFirst } from './write-gate.js';

const cache = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement for `sql` on `db`, prepared once per connection. */
export function statement(db: Db, sql: string): Statement {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let prepared = byText.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    byText.set(sql, prepared);
  }
  return prepared;
}

/** The current time as stored in every timestamp column (ISO 8601, UTC). */
export function now(): string {
  return new Date().toISOString();
}

/**
 * Wraps `fn` in a transaction that takes the write lock when it begins
 * (BEGIN IMMEDIATE). A deferred transaction that reads first and writes later
 * cannot wait for a lock another connection holds — SQLite fails it with
 * "database is locked" at once, busy_timeout or not — so every write goes
 * through here and waits its turn instead. Nested calls become savepoints.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function writeTransaction<F extends (...args: any[]) => any>(db: Db, fn: F): Transaction<F>['immediate'] {
  const transaction = db.transaction(fn).immediate;
  const gated = (...args: unknown[]): unknown => {
    // A job thread's transaction waits for the workbench's request under way (write-gate.ts); a nested one is a savepoint.
    if (!db.inTransaction) letWorkbenchGoFirst();
    return (transaction as (...params: unknown[]) => unknown)(...args);
  };
  return gated as Transaction<F>['immediate'];
}
