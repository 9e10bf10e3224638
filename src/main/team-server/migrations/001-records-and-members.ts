import type { TeamMigration } from './migration.js';

/**
 * The team's members, its documents and the latest record of every shared thing.
 *
 * Hashes and clocks are compared as strings (hash order pages the documents;
 * the larger clock wins), so they use the "C" collation: byte order, the same
 * as JavaScript's, whatever locale the database was created with.
 */
export const migration001: TeamMigration = {
  version: 1,
  name: 'records and members',
  async up(client) {
    await client.query(`
      CREATE TABLE project (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        name text NOT NULL,
        -- The server's clock: at least every clock it has received, so a laptop
        -- told it after a push never stamps an edit that loses to one already here.
        hlc text COLLATE "C" NOT NULL DEFAULT '000000000000-0000-server'
      );
      INSERT INTO project (name) VALUES (current_database());

      CREATE TABLE members (
        name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 80),
        role text NOT NULL CHECK (role IN ('annotator', 'curator', 'lead')),
        -- SHA-256 of the token: a copy of the database does not let anyone in.
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );

      CREATE TABLE documents (
        hash text COLLATE "C" PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
        title text NOT NULL,
        source text NOT NULL,
        text text NOT NULL,
        meta jsonb NOT NULL DEFAULT '{}',
        length_cp integer NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now()
      );

      -- Pull cursors are positions in this sequence.
      CREATE SEQUENCE records_seq AS bigint;

      CREATE TABLE records (
        kind text NOT NULL CHECK (kind IN ('label', 'annotator', 'assignment', 'progress', 'entity', 'span', 'setting')),
        key text NOT NULL,
        seq bigint NOT NULL,
        hlc text COLLATE "C" NOT NULL,
        change_id text NOT NULL,
        author text NOT NULL,
        owner text,
        document text COLLATE "C" REFERENCES documents (hash),
        deleted boolean NOT NULL,
        data jsonb,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (kind, key),
        CHECK (deleted = (data IS NULL))
      );
      CREATE UNIQUE INDEX records_by_seq ON records (seq);
      -- One document's records in seq order (pull?document=HASH), and the foreign key's lookups.
      CREATE INDEX records_by_document ON records (document, seq);

      -- Every change id ever received, so a push sent twice is applied once.
      CREATE TABLE received_changes (
        change_id text PRIMARY KEY,
        -- The seq the change was stored under; null when it lost to a later edit.
        seq bigint,
        received_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  },
};
