import type { Migration } from './migration.js';

/**
 * Full-text search over titles and texts. The index keeps no copy of the text
 * (external content) and is written by the store in the same transaction as the
 * document, so it can never disagree with the documents table.
 */
export const migration002: Migration = {
  version: 2,
  name: 'full-text search index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text,
        content = 'documents', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents;
    `);
  },
};
