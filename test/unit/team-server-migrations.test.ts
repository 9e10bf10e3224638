import type { Pool } from 'pg';
import { describe, expect, it } from 'vitest';
import { openTeamPool } from '../../src/main/team-server/database.js';
import { migrateTeamDatabase } from '../../src/main/team-server/migrate.js';
import { TEAM_LATEST_VERSION, TEAM_MIGRATIONS } from '../../src/main/team-server/migrations/index.js';
import { useTestCluster } from '../helpers/postgres.js';
import { document, teamDatabase, uid } from './team-server-support.js';

const cluster = useTestCluster();

async function appliedVersions(pool: Pool): Promise<{ version: number; applied_at: Date }[]> {
  const { rows } = await pool.query<{ version: number; applied_at: Date }>('SELECT version, applied_at FROM schema_migrations ORDER BY version');
  return rows;
}

describe('team server migrations', () => {
  it('bring a fresh database to the latest version', async () => {
    const { pool } = await teamDatabase(cluster(), { migrate: false });
    expect(await migrateTeamDatabase(pool)).toEqual({ from: 0, to: TEAM_LATEST_VERSION });
    expect((await appliedVersions(pool)).map((row) => row.version)).toEqual(TEAM_MIGRATIONS.map((m) => m.version));
    const { rows } = await pool.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
    expect(rows.map((row) => row.table_name)).toEqual([
      'assignments',
      'documents',
      'login_failures',
      'members',
      'project',
      'records',
      'schema_migrations',
      'settings',
    ]);
  });

  it('do nothing when run again', async () => {
    const { pool } = await teamDatabase(cluster());
    const before = await appliedVersions(pool);
    expect(await migrateTeamDatabase(pool)).toEqual({ from: TEAM_LATEST_VERSION, to: TEAM_LATEST_VERSION });
    expect(await appliedVersions(pool)).toEqual(before);
  });

  it('take turns when two servers start at once', async () => {
    const { url } = await teamDatabase(cluster(), { migrate: false });
    const pools = [openTeamPool(url), openTeamPool(url), openTeamPool(url)];
    try {
      const outcomes = await Promise.all(pools.map((pool) => migrateTeamDatabase(pool)));
      expect(outcomes.filter((o) => o.from === 0)).toHaveLength(1);
      expect(outcomes.every((o) => o.to === TEAM_LATEST_VERSION)).toBe(true);
      expect((await appliedVersions(pools[0]!)).map((row) => row.version)).toEqual(TEAM_MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('refuse a database from a newer version', async () => {
    const { pool } = await teamDatabase(cluster());
    await pool.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')`, [TEAM_LATEST_VERSION + 1]);
    await expect(migrateTeamDatabase(pool)).rejects.toThrow(
      new RegExp(`schema version ${TEAM_LATEST_VERSION + 1}, newer than this version of Marginalia knows \\(${TEAM_LATEST_VERSION}\\)`),
    );
  });

  it('001 → 002 fills assignments and settings from the records received before', async () => {
    const { pool } = await teamDatabase(cluster(), { migrate: false });
    await migrateTeamDatabase(pool, TEAM_MIGRATIONS.slice(0, 1));
    const doc = document('Meals reached Hue Central Hospital today');
    await pool.query(`INSERT INTO documents (hash, title, source, text, meta, length_cp) VALUES ($1, 't', 's', $2, '{}', 40)`, [doc.hash, doc.text]);
    const insert = `INSERT INTO records (kind, key, seq, hlc, change_id, author, owner, document, deleted, data, changed_at)
      VALUES ($1, $2, nextval('records_seq'), '000000000001-0000-a', $3, 'lead', $4, $5, $6, $7, now())`;
    await pool.query(insert, ['assignment', `ann:${doc.hash}`, uid(), 'ann', doc.hash, false, { assignedAt: 't' }]);
    await pool.query(insert, ['assignment', `gone:${doc.hash}`, uid(), 'gone', doc.hash, true, null]);
    await pool.query(insert, ['setting', 'blindAnnotation', uid(), null, null, false, { value: false }]);
    await pool.query(insert, ['setting', 'dateOrder', uid(), null, null, true, null]);

    expect(await migrateTeamDatabase(pool, TEAM_MIGRATIONS.slice(0, 2))).toEqual({ from: 1, to: 2 });
    expect((await pool.query('SELECT annotator, document FROM assignments')).rows).toEqual([{ annotator: 'ann', document: doc.hash }]);
    expect((await pool.query('SELECT key, value FROM settings')).rows).toEqual([{ key: 'blindAnnotation', value: false }]);
    expect((await pool.query('SELECT count(*)::int AS n FROM records')).rows).toEqual([{ n: 4 }]);
  });

  it('002 → 003 drops received_changes and keeps every record', async () => {
    const { pool } = await teamDatabase(cluster(), { migrate: false });
    await migrateTeamDatabase(pool, TEAM_MIGRATIONS.slice(0, 2));
    await pool.query(
      `INSERT INTO records (kind, key, seq, hlc, change_id, author, owner, document, deleted, data, changed_at)
       VALUES ('label', 'HOSPITAL', nextval('records_seq'), '000000000001-0000-a', $1, 'lead', NULL, NULL, false, '{"name":"HOSPITAL"}', now())`,
      [uid()],
    );
    await pool.query(`INSERT INTO received_changes (change_id, seq) VALUES ($1, 1)`, [uid()]);

    expect(await migrateTeamDatabase(pool)).toEqual({ from: 2, to: 3 });
    expect((await pool.query(`SELECT to_regclass('received_changes') AS t`)).rows).toEqual([{ t: null }]);
    expect((await pool.query('SELECT kind, key, seq::int AS seq FROM records')).rows).toEqual([{ kind: 'label', key: 'HOSPITAL', seq: 1 }]);
  });
});
