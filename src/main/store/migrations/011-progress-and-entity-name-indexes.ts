import type { Migration } from './migration.js';

/**
 * Indexes that list pages and imports filter on.
 *
 * documents_by_done holds every document, not only the done ones: the
 * document list's "not started" and "in progress" filters and its progress
 * counts ask for `done_at IS NULL`, which migration 003's partial index could
 * not answer, so each page scanned every document. It answers `done_at IS NOT
 * NULL` (done documents, the overview's days) as well, so it replaces that index.
 *
 * entities_by_label_name finds an entity by label and name: imports look up the
 * entity of every linked span they bring, and creating or renaming one checks
 * for a clash, each of which read every entity.
 */
export const migration011: Migration = {
  version: 11,
  name: 'progress and entity name indexes',
  up(db) {
    db.exec(`
      DROP INDEX documents_done;
      CREATE INDEX documents_by_done ON documents(done_at);
      CREATE INDEX entities_by_label_name ON entities(label, name);
    `);
  },
};
