import type { Migration } from './migration.js';

/**
 * How far the search index has caught up with the documents. A bulk import
 * stores documents without indexing them and the index catches up afterwards,
 * in bounded transactions: documents up to `indexed_through` are in the index,
 * those after it are not yet. Every document present at this migration is
 * already indexed.
 */
export const migration008: Migration = {
  version: 8,
  name: 'search index backlog',
  up(db) {
    db.exec(`
      CREATE TABLE search_index_state (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        indexed_through INTEGER NOT NULL CHECK (indexed_through >= 0)
      );
      INSERT INTO search_index_state (singleton, indexed_through) SELECT 1, coalesce(max(id), 0) FROM documents;
    `);
  },
};
