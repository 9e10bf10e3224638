import type { Migration } from './migration.js';

/**
 * Duplicate clusters: passages or whole documents that repeat, within and across
 * documents. A member's status starts as the cluster's; members found after the
 * cluster was decided stay `suggested` until someone looks at them.
 *
 * Fingerprints keep each document's LSH band keys (one BLOB per document, not a
 * row per band), so documents imported later are compared against everything
 * without reading old texts again. `checked` turns 1 once a document has been
 * compared and its clusters written: an interrupted run leaves it 0 and the next
 * run compares it again. The settings row holds the last detection settings and
 * the fingerprint scheme the stored fingerprints were made with.
 */
export const migration005: Migration = {
  version: 5,
  name: 'duplicate clusters',
  up(db) {
    db.exec(`
      CREATE TABLE duplicate_clusters (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('passage', 'document')),
        status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'confirmed', 'rejected')),
        similarity REAL NOT NULL CHECK (similarity >= 0 AND similarity <= 1),
        decided_by TEXT,
        decided_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX duplicate_clusters_by_status ON duplicate_clusters(status, kind);

      CREATE TABLE duplicate_members (
        id INTEGER PRIMARY KEY,
        cluster_id INTEGER NOT NULL REFERENCES duplicate_clusters(id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start_cp INTEGER NOT NULL CHECK (start_cp >= 0),
        end_cp INTEGER NOT NULL CHECK (end_cp > start_cp),
        similarity REAL NOT NULL CHECK (similarity >= 0 AND similarity <= 1),
        status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'confirmed', 'rejected')),
        added_at TEXT NOT NULL,
        UNIQUE (cluster_id, document_id, start_cp, end_cp)
      );
      CREATE INDEX duplicate_members_by_document ON duplicate_members(document_id, start_cp);
      CREATE INDEX duplicate_members_by_cluster ON duplicate_members(cluster_id);

      CREATE TABLE duplicate_fingerprints (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        passages BLOB NOT NULL,
        document_bands BLOB,
        checked INTEGER NOT NULL DEFAULT 0 CHECK (checked IN (0, 1))
      );
      CREATE INDEX duplicate_fingerprints_unchecked ON duplicate_fingerprints(document_id) WHERE checked = 0;

      CREATE TABLE duplicate_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        threshold REAL NOT NULL CHECK (threshold > 0 AND threshold <= 1),
        min_chars INTEGER NOT NULL CHECK (min_chars > 0),
        scheme INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
