import type { Migration } from './migration.js';

/** Documents, labels, entities, spans and noise marks. Offsets are code points. */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        length_cp INTEGER NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
        imported_at TEXT NOT NULL
      );

      CREATE TABLE labels (
        name TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        color TEXT NOT NULL,
        shortcut_key TEXT UNIQUE,
        position INTEGER NOT NULL
      );

      CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
        aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases))
      );

      CREATE TABLE spans (
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
        UNIQUE (document_id, start_cp, end_cp, label, annotator)
      );
      CREATE INDEX spans_by_label ON spans(label, status);

      CREATE TABLE noise_marks (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start_cp INTEGER NOT NULL CHECK (start_cp >= 0),
        end_cp INTEGER NOT NULL CHECK (end_cp > start_cp),
        kind TEXT NOT NULL CHECK (kind IN ('spam_line', 'injected_char', 'boilerplate'))
      );
      CREATE INDEX noise_by_document ON noise_marks(document_id, start_cp);
    `);
    const insertLabel = db.prepare(
      'INSERT INTO labels (name, display_name, color, shortcut_key, position) VALUES (?, ?, ?, ?, ?)',
    );
    const defaults = [
      ['HOSPITAL', 'Hospital', '#2f7ed8', '1'],
      ['DATE', 'Date', '#e07b00', '2'],
      ['PERSON', 'Person', '#2e9e5b', '3'],
      ['FIGURE', 'Figure', '#b0399b', '4'],
    ] as const;
    defaults.forEach(([name, display, color, key], position) => insertLabel.run(name, display, color, key, position));
  },
};
