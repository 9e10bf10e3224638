import type { Migration } from './migration.js';

/**
 * Two more kinds of duplicate cluster: a sentence repeated inside longer
 * paragraphs ('sentence'), and a passage nearly contained in longer ones
 * ('contained'). SQLite cannot change a CHECK constraint in place, so the
 * cluster table is built again with the new kinds and its rows copied over;
 * members are built again beside it, as they refer to it (dropping the old
 * cluster table first would take every member with it through the cascade).
 * Renaming the new cluster table points the new members' reference at it.
 *
 * Fingerprints gain each document's sentences; the settings gain the
 * containment threshold, at the default the runs before it used implicitly.
 */
export const migration016: Migration = {
  version: 16,
  name: 'sentence and contained duplicates',
  up(db) {
    db.exec(`
      CREATE TABLE duplicate_clusters_next (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('passage', 'document', 'sentence', 'contained')),
        status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'confirmed', 'rejected')),
        similarity REAL NOT NULL CHECK (similarity >= 0 AND similarity <= 1),
        decided_by TEXT,
        decided_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      INSERT INTO duplicate_clusters_next (id, kind, status, similarity, decided_by, decided_at, created_at, updated_at)
        SELECT id, kind, status, similarity, decided_by, decided_at, created_at, updated_at FROM duplicate_clusters;

      CREATE TABLE duplicate_members_next (
        id INTEGER PRIMARY KEY,
        cluster_id INTEGER NOT NULL REFERENCES duplicate_clusters_next(id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start_cp INTEGER NOT NULL CHECK (start_cp >= 0),
        end_cp INTEGER NOT NULL CHECK (end_cp > start_cp),
        similarity REAL NOT NULL CHECK (similarity >= 0 AND similarity <= 1),
        status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'confirmed', 'rejected')),
        added_at TEXT NOT NULL,
        UNIQUE (cluster_id, document_id, start_cp, end_cp)
      );
      INSERT INTO duplicate_members_next (id, cluster_id, document_id, start_cp, end_cp, similarity, status, added_at)
        SELECT id, cluster_id, document_id, start_cp, end_cp, similarity, status, added_at FROM duplicate_members;

      DROP TABLE duplicate_members;
      DROP TABLE duplicate_clusters;
      ALTER TABLE duplicate_clusters_next RENAME TO duplicate_clusters;
      ALTER TABLE duplicate_members_next RENAME TO duplicate_members;
      CREATE INDEX duplicate_clusters_by_status ON duplicate_clusters(status, kind);
      CREATE INDEX duplicate_members_by_document ON duplicate_members(document_id, start_cp);
      CREATE INDEX duplicate_members_by_cluster ON duplicate_members(cluster_id);

      ALTER TABLE duplicate_fingerprints ADD COLUMN sentences BLOB;
      ALTER TABLE duplicate_settings ADD COLUMN containment REAL NOT NULL DEFAULT 0.8 CHECK (containment > 0 AND containment <= 1);
    `);
  },
};
