import type { Migration } from './migration.js';

/**
 * Several annotators in one project: who they are, what each has done, what
 * each is given to do, and what each decided about a shared suggestion.
 *
 * `annotators` starts with everyone who has spans (not the nameless '' of
 * suggestions, not the adjudicated result), in name order.
 *
 * `document_progress` replaces the shared `documents.done_at`: "done" is now
 * each annotator's own. An existing done mark goes to every annotator with
 * accepted spans in that document (they worked on it while it was shared); a
 * done document nobody has accepted spans in goes to every annotator (nobody
 * can tell who marked it, and it was everyone's before) — so a project with one
 * annotator gives that annotator every mark. A project with no annotator at all
 * keeps its marks under '' (nobody named yet): the first annotator named takes
 * them over (store/annotators.ts).
 *
 * `assignments` lists which documents the lead gave to whom. Both it and
 * `document_progress` lead with the annotator, since "my queue" and "what I have
 * done" are what pages filter on, and have an index by document for the
 * per-document questions (who has this document, who finished it).
 *
 * `suggestion_decisions` keeps each annotator's decision on a shared
 * suggestion, so one annotator rejecting it leaves it for the others. Its
 * span_id has no foreign key: undo puts a span row back with INSERT OR REPLACE,
 * which would take the row's decisions with it.
 */
export const migration015: Migration = {
  version: 15,
  name: 'annotators, their own progress and assignments',
  up(db) {
    db.exec(`
      CREATE TABLE annotators (
        name TEXT PRIMARY KEY CHECK (length(trim(name)) > 0 AND name <> 'adjudicated'),
        color TEXT,
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO annotators (name, position, created_at)
        SELECT annotator, row_number() OVER (ORDER BY annotator) - 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        FROM (SELECT DISTINCT annotator FROM spans WHERE annotator NOT IN ('', 'adjudicated'));

      CREATE TABLE document_progress (
        annotator TEXT NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        done_at TEXT NOT NULL,
        PRIMARY KEY (annotator, document_id)
      ) WITHOUT ROWID;
      CREATE INDEX document_progress_by_document ON document_progress(document_id, annotator);

      INSERT INTO document_progress (annotator, document_id, done_at)
        SELECT DISTINCT s.annotator, d.id, d.done_at FROM documents d JOIN spans s ON s.document_id = d.id
        WHERE d.done_at IS NOT NULL AND s.status = 'accepted' AND s.annotator NOT IN ('', 'adjudicated');
      INSERT INTO document_progress (annotator, document_id, done_at)
        SELECT a.name, d.id, d.done_at FROM documents d, annotators a
        WHERE d.done_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM document_progress p WHERE p.document_id = d.id);
      INSERT INTO document_progress (annotator, document_id, done_at)
        SELECT '', d.id, d.done_at FROM documents d
        WHERE d.done_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM document_progress p WHERE p.document_id = d.id);
      DROP INDEX documents_by_done;
      ALTER TABLE documents DROP COLUMN done_at;

      CREATE TABLE assignments (
        annotator TEXT NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (annotator, document_id)
      ) WITHOUT ROWID;
      CREATE INDEX assignments_by_document ON assignments(document_id, annotator);

      CREATE TABLE suggestion_decisions (
        span_id INTEGER NOT NULL,
        annotator TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
        decided_at TEXT NOT NULL,
        PRIMARY KEY (span_id, annotator)
      ) WITHOUT ROWID;
    `);
  },
};
