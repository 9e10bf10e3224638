import type { TeamMigration } from './migration.js';

/**
 * Tables the visibility rules read on every pull, kept in step with the
 * 'assignment' and 'setting' records (filled from those already received), and
 * failed logins per address, which every server process of the team must see.
 */
export const migration002: TeamMigration = {
  version: 2,
  name: 'assignments, settings and failed logins',
  async up(client) {
    await client.query(`
      CREATE TABLE assignments (
        annotator text NOT NULL,
        document text COLLATE "C" NOT NULL REFERENCES documents (hash),
        PRIMARY KEY (annotator, document)
      );
      INSERT INTO assignments (annotator, document)
        SELECT owner, document FROM records WHERE kind = 'assignment' AND NOT deleted
        ON CONFLICT DO NOTHING;

      CREATE TABLE settings (
        key text PRIMARY KEY,
        value jsonb
      );
      INSERT INTO settings (key, value)
        SELECT key, data -> 'value' FROM records WHERE kind = 'setting' AND NOT deleted;

      CREATE TABLE login_failures (
        address text PRIMARY KEY,
        failures integer NOT NULL,
        last_at timestamptz NOT NULL
      );
    `);
  },
};
