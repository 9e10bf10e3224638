import type { Migration } from './migration.js';

/**
 * Edits a long job makes in many transactions (accepting every suggestion of a
 * label across the corpus, a batch of documents at a time) share a `batch`
 * key, so undo and redo take them back and make them again together, as one
 * step, while each transaction stays short enough for the workbench's own
 * writes to go between them. Edits made at once have none.
 */
export const migration012: Migration = {
  version: 12,
  name: 'edit batches',
  up(db) {
    db.exec(`
      ALTER TABLE edits ADD COLUMN batch TEXT;
      CREATE INDEX edits_by_batch ON edits(batch, id) WHERE batch IS NOT NULL;
    `);
  },
};
