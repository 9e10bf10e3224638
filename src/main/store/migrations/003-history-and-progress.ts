import type { Migration } from './migration.js';

/**
 * The edit history behind undo/redo (kept in the project, so it survives a
 * restart) and the "done" mark annotators set on a document.
 */
export const migration003: Migration = {
  version: 3,
  name: 'edit history and document progress',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN done_at TEXT;
      CREATE INDEX documents_done ON documents(done_at) WHERE done_at IS NOT NULL;

      CREATE TABLE edits (
        id INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        document_id INTEGER,
        changes TEXT NOT NULL CHECK (json_valid(changes)),
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
        created_at TEXT NOT NULL
      );
      CREATE INDEX edits_by_state ON edits(undone, id);
    `);
  },
};
