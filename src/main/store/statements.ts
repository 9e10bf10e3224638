import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.js';

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
