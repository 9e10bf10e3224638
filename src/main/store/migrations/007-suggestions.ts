import type { Migration } from './migration.js';

/**
 * Suggestions and what they learn from. A suggested span records the
 * recogniser that proposed it and how sure it was; both stay after a person
 * accepts it, as provenance. Project settings are a key → JSON value table, so a
 * new setting needs no migration (a missing key reads as its default). The
 * gazetteer counts, per label and surface form, how often annotators accepted
 * or tagged the form and how often they rejected it.
 */
export const migration007: Migration = {
  version: 7,
  name: 'suggestions',
  up(db) {
    db.exec(`
      ALTER TABLE spans ADD COLUMN recogniser TEXT;
      ALTER TABLE spans ADD COLUMN confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1));

      CREATE TABLE project_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE gazetteer (
        label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
        surface TEXT NOT NULL CHECK (length(surface) > 0),
        accepted INTEGER NOT NULL DEFAULT 0 CHECK (accepted >= 0),
        rejected INTEGER NOT NULL DEFAULT 0 CHECK (rejected >= 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (label, surface)
      ) WITHOUT ROWID;
    `);
  },
};
