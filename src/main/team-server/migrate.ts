import type { Pool } from 'pg';
import { UserError } from '../errors.js';
import { ADVISORY_LOCKS, inTransaction, lockForTransaction } from './database.js';
import { TEAM_MIGRATIONS } from './migrations/index.js';
import type { TeamMigration } from './migrations/migration.js';

export interface MigrationOutcome {
  readonly from: number;
  readonly to: number;
}

/**
 * Brings the team database to the latest schema. All pending migrations run in
 * one transaction under an advisory lock: two servers started at once take
 * turns, and the second finds the work done. A database from a newer version of
 * Marginalia is refused rather than half understood.
 */
export async function migrateTeamDatabase(pool: Pool, migrations: readonly TeamMigration[] = TEAM_MIGRATIONS): Promise<MigrationOutcome> {
  return inTransaction(pool, async (client) => {
    await lockForTransaction(client, ADVISORY_LOCKS.migrations);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const from = rows[0]?.version ?? 0;
    const latest = migrations.length;
    if (from > latest) {
      throw new UserError(`the team database is at schema version ${from}, newer than this version of Marginalia knows (${latest}): upgrade Marginalia`);
    }
    for (const migration of migrations.slice(from)) {
      await migration.up(client);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    return { from, to: Math.max(from, latest) };
  });
}
