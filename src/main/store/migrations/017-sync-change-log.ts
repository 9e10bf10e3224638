import type { Migration } from './migration.js';

/** A new uid: the time in milliseconds, then 80 random bits, 32 hex digits. */
const NEW_UID = "printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)) || lower(hex(randomblob(10)))";

/**
 * What team sync needs on the laptop: names for spans and entities that mean
 * the same on every laptop, the state of the sync and its hybrid logical
 * clock, the log of what changed here since the last push (sync_outbox), the
 * clock of each thing's state here (sync_versions), and what others changed
 * (sync_incoming).
 *
 * Spans and entities get a `uid`. Spans are built again with the uid as a
 * column default rather than given one by a trigger after each insert: the
 * trigger's extra UPDATE made adding half a million spans three times slower,
 * the default costs about a third more. The uid starts with the time in
 * milliseconds (then 80 random bits), so new uids land at the end of their
 * index rather than all over it, which a random uid would cost twice that.
 * Entities are few and referred to by spans' foreign key, which a rebuild would
 * empty (dropping the old table nulls every link), so they gain the column and
 * a trigger fills it. Their uid index leaves out the moment between the two
 * (a NULL uid), which also keeps SQLite counting entities by the index it
 * used before rather than by this one.
 *
 * Undo puts a span back with its uid (spans.ts restoreSpanRow), but an entity
 * by id without it; one deleted while sync was on left its uid in
 * sync_entity_uids, and the same entity (same name and label) put back under
 * that id takes it back. The triggers that note changes in the outbox are not
 * here: src/main/sync/triggers.ts installs them while sync is on, so a project
 * that does not sync pays nothing for them on each write.
 */
export const migration017: Migration = {
  version: 17,
  name: 'sync change log',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
        applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
        node TEXT NOT NULL,
        wall_ms INTEGER NOT NULL DEFAULT 0,
        counter INTEGER NOT NULL DEFAULT 0,
        server_url TEXT,
        token TEXT,
        member TEXT,
        role TEXT,
        project_name TEXT,
        pull_cursor INTEGER NOT NULL DEFAULT 0,
        documents_cursor TEXT,
        last_synced_at TEXT,
        last_error TEXT,
        span_id_floor INTEGER NOT NULL DEFAULT 0,
        entity_id_floor INTEGER NOT NULL DEFAULT 0,
        triggers_version INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO sync_state (singleton, node) VALUES (1, lower(hex(randomblob(8))));

      CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        owner TEXT,
        document TEXT,
        hlc TEXT NOT NULL,
        made_at TEXT NOT NULL,
        unsendable TEXT,
        UNIQUE (kind, key)
      );

      CREATE TABLE sync_versions (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        hlc TEXT NOT NULL,
        PRIMARY KEY (kind, key)
      ) WITHOUT ROWID;

      CREATE TABLE sync_incoming (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        author TEXT NOT NULL,
        hlc TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        summary TEXT NOT NULL,
        UNIQUE (kind, key)
      );

      CREATE TABLE sync_entity_uids (id INTEGER PRIMARY KEY, uid TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL);

      DROP TRIGGER spans_forget_rejected_links;
      CREATE TABLE spans_next (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start_cp INTEGER NOT NULL CHECK (start_cp >= 0),
        end_cp INTEGER NOT NULL CHECK (end_cp > start_cp),
        label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
        annotator TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('accepted', 'suggested', 'rejected')),
        entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
        value TEXT CHECK (value IS NULL OR json_valid(value)),
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        recogniser TEXT,
        confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
        uid TEXT NOT NULL DEFAULT (${NEW_UID}),
        UNIQUE (document_id, start_cp, end_cp, label, annotator)
      );
      INSERT INTO spans_next (id, document_id, start_cp, end_cp, label, annotator, status, entity_id, value, note, created_at, updated_at, recogniser, confidence)
        SELECT id, document_id, start_cp, end_cp, label, annotator, status, entity_id, value, note, created_at, updated_at, recogniser, confidence
        FROM spans ORDER BY id;
      DROP TABLE spans;
      ALTER TABLE spans_next RENAME TO spans;
      CREATE INDEX spans_by_label ON spans(label, status);
      CREATE INDEX spans_by_entity ON spans(entity_id) WHERE entity_id IS NOT NULL;
      CREATE UNIQUE INDEX spans_by_uid ON spans(uid);
      CREATE TRIGGER spans_forget_rejected_links AFTER DELETE ON spans BEGIN
        DELETE FROM entity_suggestion_rejections WHERE span_id = old.id;
      END;

      ALTER TABLE entities ADD COLUMN uid TEXT;
      UPDATE entities SET uid = ${NEW_UID};
      CREATE UNIQUE INDEX entities_by_uid ON entities(uid) WHERE uid IS NOT NULL;

      CREATE TRIGGER entities_uid AFTER INSERT ON entities WHEN NEW.uid IS NULL
      BEGIN
        UPDATE entities SET uid = coalesce(
            (SELECT g.uid FROM sync_entity_uids g WHERE g.id = NEW.id AND g.name = NEW.name AND g.label = NEW.label
               AND NOT EXISTS (SELECT 1 FROM entities x WHERE x.uid = g.uid)),
            ${NEW_UID})
          WHERE id = NEW.id;
        DELETE FROM sync_entity_uids WHERE id = NEW.id;
      END;
    `);
  },
};
