import pg, { type ClientBase, type Pool, type PoolClient } from 'pg';
import { UserError, messageOf } from '../errors.js';

/** A pool or one of its connections: what a single statement needs. */
export type Queryable = Pool | ClientBase;

/**
 * Keys of the transaction-scoped advisory locks every server process of a team
 * takes, so two processes sharing one database take turns where order matters.
 * Fixed numbers, as every process (of any version) must agree on them.
 */
export const ADVISORY_LOCKS = {
  /** Held while the schema is checked and migrated. */
  migrations: 0x4d617267_00000001n,
  /** Held by every push from taking its first seq until it commits (see store/push.ts). */
  records: 0x4d617267_00000002n,
} as const;

/** The database URL with any password blanked, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a database URL that cannot be read)';
  }
}

/**
 * A connection pool for the team database. Connections that die while idle (the
 * database restarting, say) are reported and replaced, never fatal.
 */
export function openTeamPool(url: string, options: { max?: number } = {}): Pool {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UserError(`the team database must be a postgres:// URL, not "${redactedUrl(url)}"`);
  // JIT off: every query here is short, but a pull's estimate (a subplan over one member's assignments, times a
  // page of records) passes jit_above_cost, and compiling it took 0.6 s of a query that ran in 3 ms.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: 'marginalia-team', options: '-c jit=off' });
  pool.on('error', (error) => {
    process.stderr.write(`marginalia team: a database connection failed while idle: ${messageOf(error)}\n`);
  });
  return pool;
}

/** A connection error as a message that names the database (without its password). */
export function unreachable(url: string, error: unknown): UserError {
  const code = (error as { code?: string }).code;
  return new UserError(`cannot use the team database at ${redactedUrl(url)}: ${code !== undefined && !messageOf(error).includes(code) ? `${code} ` : ''}${messageOf(error)}`);
}

/** Runs `work` in one transaction on one connection of the pool: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      // The connection itself failed: do not give it back to the pool.
      broken = true;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Takes one of ADVISORY_LOCKS until the end of the current transaction, waiting for any other holder. */
export async function lockForTransaction(client: ClientBase, key: bigint): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [key.toString()]);
}
