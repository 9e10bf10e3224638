import type { Migration } from './migration.js';

/**
 * A 64 MB buffer of pending index terms (FTS5's default is 1 MB), so a bulk
 * import writes a few large index segments instead of many small ones that
 * must later be merged. The value is spelled out: FTS5 refuses it as a bound
 * parameter, which arrives as a real number.
 */
export const migration004: Migration = {
  version: 4,
  name: 'larger search index buffer',
  up(db) {
    db.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 67108864)");
  },
};
