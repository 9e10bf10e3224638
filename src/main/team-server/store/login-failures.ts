import type { Queryable } from '../database.js';

/** Failures older than this are forgotten: the next one counts as the first. */
const FORGET_AFTER = '1 hour';

/**
 * Counts a failed login from an address and returns how many it has made
 * recently, this one included. Kept in the database, as every server process of
 * the team must slow the same address down.
 */
export async function recordLoginFailure(db: Queryable, address: string): Promise<number> {
  // Addresses that stopped trying are dropped here, so the table stays as small as the recent attempts.
  await db.query('DELETE FROM login_failures WHERE last_at < now() - $1::interval', [FORGET_AFTER]);
  const { rows } = await db.query<{ failures: number }>(
    `INSERT INTO login_failures (address, failures, last_at) VALUES ($1, 1, now())
     ON CONFLICT (address) DO UPDATE SET
       failures = CASE WHEN login_failures.last_at < now() - $2::interval THEN 1 ELSE login_failures.failures + 1 END,
       last_at = now()
     RETURNING failures`,
    [address, FORGET_AFTER],
  );
  return rows[0]?.failures ?? 1;
}

/** Forgets an address's failed logins once it has logged in. */
export async function clearLoginFailures(db: Queryable, address: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE address = $1', [address]);
}
