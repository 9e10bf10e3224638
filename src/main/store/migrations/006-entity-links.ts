import type { Migration } from './migration.js';

/**
 * What linking spans to canonical entities needs beyond migration 001's tables:
 * an index to find an entity's mentions (and to unlink them when it is deleted),
 * and the link suggestions a person rejected, remembered per suggestion key and
 * span so they do not come back.
 *
 * span_id is deliberately not a foreign key: undo puts spans back with INSERT OR
 * REPLACE, whose delete would cascade and forget the rejection. A trigger
 * forgets it when a span is really deleted instead (REPLACE fires no delete
 * triggers while recursive triggers are off, SQLite's default).
 */
export const migration006: Migration = {
  version: 6,
  name: 'entity links',
  up(db) {
    db.exec(`
      CREATE INDEX spans_by_entity ON spans(entity_id);

      CREATE TABLE entity_suggestion_rejections (
        suggestion_key TEXT NOT NULL,
        span_id INTEGER NOT NULL,
        rejected_at TEXT NOT NULL,
        PRIMARY KEY (suggestion_key, span_id)
      ) WITHOUT ROWID;
      CREATE INDEX entity_suggestion_rejections_by_span ON entity_suggestion_rejections(span_id);

      CREATE TRIGGER spans_forget_rejected_links AFTER DELETE ON spans BEGIN
        DELETE FROM entity_suggestion_rejections WHERE span_id = old.id;
      END;
    `);
  },
};
