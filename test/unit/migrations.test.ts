import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, openProject, type Db } from '../../src/main/store/connection.js';
import { MIGRATIONS } from '../../src/main/store/migrations/index.js';
import type { Migration } from '../../src/main/store/migrations/migration.js';
import { searchDocuments } from '../../src/main/store/search.js';
import { searchIndexStatus } from '../../src/main/store/search-index.js';
import { ENTITIES_NAMED_SQL } from '../../src/main/store/entities.js';
import { ensureAnnotator } from '../../src/main/store/annotators.js';
import { BATCH_TO_REDO_SQL, BATCH_TO_UNDO_SQL, redo, undo } from '../../src/main/store/history.js';
import { tempDir } from '../helpers/project.js';
import { queryPlan } from '../helpers/query-plan.js';

/** Seeds a document with one span over `[startCp, endCp)`, with the columns every schema version has. */
function seedDocument(db: Db, doc: { id: number; title: string; text: string; meta?: string; span: [number, number] }): void {
  db.prepare(
    `INSERT INTO documents (id, title, source, content_hash, text, length_cp, meta, imported_at)
     VALUES (?, ?, 'seed', ?, ?, ?, ?, '2025-01-01')`,
  ).run(doc.id, doc.title, `h${doc.id}`, doc.text, [...doc.text].length, doc.meta ?? '{}');
  db.prepare(
    `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at)
     VALUES (?, ?, ?, 'HOSPITAL', 'ann', 'accepted', 't', 't')`,
  ).run(doc.id, doc.span[0], doc.span[1]);
}

function userVersion(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('builds a new project at the latest version with the default labels', () => {
    const path = join(tempDir(), 'new.sqlite');
    const db = openProject(path);
    const labels = db.prepare('SELECT name, display_name, shortcut_key FROM labels ORDER BY position').all();
    db.close();
    expect(userVersion(path)).toBe(LATEST_VERSION);
    expect(labels).toEqual([
      { name: 'HOSPITAL', display_name: 'Hospital', shortcut_key: '1' },
      { name: 'DATE', display_name: 'Date', shortcut_key: '2' },
      { name: 'PERSON', display_name: 'Person', shortcut_key: '3' },
      { name: 'FIGURE', display_name: 'Figure', shortcut_key: '4' },
    ]);
  });

  it('001 → 002 keeps seeded rows and indexes them for search, after a backup', () => {
    const path = join(tempDir(), 'old.sqlite');
    const v1 = openProject(path, { migrations: MIGRATIONS.slice(0, 1) });
    seedDocument(v1, { id: 7, title: 'Flood relief', text: 'Meals reached Hue Central Hospital 🙈 today', meta: '{"k":1}', span: [14, 34] });
    v1.close();
    expect(userVersion(path)).toBe(1);

    const v2 = openProject(path, { migrations: MIGRATIONS.slice(0, 2) });
    expect(v2.prepare('SELECT title, meta FROM documents WHERE id = 7').get()).toEqual({ title: 'Flood relief', meta: '{"k":1}' });
    expect(v2.prepare('SELECT start_cp, end_cp, label FROM spans').all()).toEqual([{ start_cp: 14, end_cp: 34, label: 'HOSPITAL' }]);
    expect(searchDocuments(v2, 'central hospital').map((hit) => hit.id)).toEqual([7]);
    v2.close();
    expect(userVersion(path)).toBe(2);
    expect(userVersion(`${path}.v1.bak`)).toBe(1);
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    const path = join(tempDir(), 'future.sqlite');
    openProject(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const before = readFileSync(path);
    expect(() => openProject(path)).toThrow(/newer Marginalia \(schema version \d+; this version knows up to \d+\)/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('rolls a failing migration back whole and says which one failed', () => {
    const path = join(tempDir(), 'failing.sqlite');
    openProject(path).close();
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken on purpose',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        db.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    expect(() => openProject(path, { migrations: [...MIGRATIONS, broken] })).toThrow(/broken on purpose/);
    expect(userVersion(path)).toBe(LATEST_VERSION);
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
    expect(existsSync(`${path}.v${LATEST_VERSION}.bak`)).toBe(true);
  });

  it('says clearly when a file is not a project', () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'these are my notes, not a database '.repeat(200));
    expect(() => openProject(path)).toThrow(/notes\.sqlite: cannot open as a Marginalia project/);
  });

  it('numbers migrations 1..N with no gaps, so none can be skipped', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});

describe('migration 003', () => {
  it('keeps documents and spans, starts every document as not done, and adds an empty history', () => {
    const path = join(tempDir(), 'v2.sqlite');
    const v2 = openProject(path, { migrations: MIGRATIONS.slice(0, 2) });
    seedDocument(v2, { id: 3, title: 'Seeded', text: 'Cho Ray Hospital', span: [0, 16] });
    v2.close();

    const v3 = openProject(path, { migrations: MIGRATIONS.slice(0, 3) });
    expect(v3.prepare('SELECT id, title, done_at FROM documents').all()).toEqual([{ id: 3, title: 'Seeded', done_at: null }]);
    expect(v3.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 1 });
    expect(v3.prepare('SELECT count(*) AS n FROM edits').get()).toEqual({ n: 0 });
    v3.close();
    expect(userVersion(path)).toBe(3);
  });
});

describe('migration 004', () => {
  it('gives the search index a larger buffer and keeps it searchable', () => {
    const path = join(tempDir(), 'v3.sqlite');
    const v3 = openProject(path, { migrations: MIGRATIONS.slice(0, 3) });
    seedDocument(v3, { id: 5, title: 'Seeded', text: 'Cho Ray Hospital treated dengue', span: [0, 16] });
    v3.prepare("INSERT INTO documents_fts (rowid, title, text) VALUES (5, 'Seeded', 'Cho Ray Hospital treated dengue')").run();
    v3.close();

    const v4 = openProject(path, { migrations: MIGRATIONS.slice(0, 4) });
    expect(v4.prepare("SELECT v FROM documents_fts_config WHERE k = 'hashsize'").get()).toEqual({ v: 67108864 });
    expect(searchDocuments(v4, 'dengue').map((hit) => hit.id)).toEqual([5]);
    v4.close();
    expect(userVersion(path)).toBe(4);
  });
});

describe('migration 006', () => {
  it('keeps entities and their links, indexes spans by entity, and remembers rejected link suggestions', () => {
    const path = join(tempDir(), 'v5.sqlite');
    const v5 = openProject(path, { migrations: MIGRATIONS.slice(0, 5) });
    seedDocument(v5, { id: 8, title: 'Seeded', text: 'Bạch Mai Hospital 🙈 and Bach Mai Hospital', span: [0, 17] });
    v5.prepare(`INSERT INTO entities (id, name, label, aliases) VALUES (4, 'Bach Mai Hospital', 'HOSPITAL', '["BMH"]')`).run();
    v5.prepare('UPDATE spans SET entity_id = 4').run();
    v5.close();

    const v6 = openProject(path, { migrations: MIGRATIONS.slice(0, 6) });
    expect(v6.prepare('SELECT id, name, label, aliases FROM entities').all()).toEqual([{ id: 4, name: 'Bach Mai Hospital', label: 'HOSPITAL', aliases: '["BMH"]' }]);
    expect(v6.prepare('SELECT start_cp, end_cp, entity_id FROM spans').all()).toEqual([{ start_cp: 0, end_cp: 17, entity_id: 4 }]);
    expect(queryPlan(v6, 'SELECT id FROM spans WHERE entity_id = ?', 4)).toContain('spans_by_entity');

    const spanId = (v6.prepare('SELECT id FROM spans').get() as { id: number }).id;
    v6.prepare("INSERT INTO entity_suggestion_rejections (suggestion_key, span_id, rejected_at) VALUES ('same_form:HOSPITAL:bachmaihospital', ?, 't')").run(spanId);
    expect(v6.prepare('SELECT count(*) AS n FROM entity_suggestion_rejections').get()).toEqual({ n: 1 });
    // Deleting the span forgets its rejections; deleting the entity unlinks its mentions.
    v6.prepare('DELETE FROM entities WHERE id = 4').run();
    expect(v6.prepare('SELECT entity_id FROM spans').get()).toEqual({ entity_id: null });
    v6.prepare('DELETE FROM spans').run();
    expect(v6.prepare('SELECT count(*) AS n FROM entity_suggestion_rejections').get()).toEqual({ n: 0 });
    v6.close();
    expect(userVersion(path)).toBe(6);
  });
});

describe('migration 005', () => {
  it('keeps documents and spans, and adds usable duplicate clusters, fingerprints and settings', () => {
    const path = join(tempDir(), 'v4.sqlite');
    const v4 = openProject(path, { migrations: MIGRATIONS.slice(0, 4) });
    seedDocument(v4, { id: 8, title: 'Seeded', text: 'Cho Ray Hospital 🙈 treated dengue', span: [0, 16] });
    seedDocument(v4, { id: 9, title: 'Copy', text: 'Cho Ray Hospital 🙈 treated dengue too', span: [0, 16] });
    v4.close();

    const v5 = openProject(path, { migrations: MIGRATIONS.slice(0, 5) });
    expect(v5.prepare('SELECT id, title FROM documents ORDER BY id').all()).toEqual([
      { id: 8, title: 'Seeded' },
      { id: 9, title: 'Copy' },
    ]);
    expect(v5.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 2 });
    v5.prepare("INSERT INTO duplicate_clusters (id, kind, similarity, created_at, updated_at) VALUES (1, 'passage', 0.9, 't', 't')").run();
    const member = v5.prepare(
      "INSERT INTO duplicate_members (cluster_id, document_id, start_cp, end_cp, similarity, added_at) VALUES (1, ?, 0, 33, 0.9, 't')",
    );
    member.run(8);
    member.run(9);
    expect(() => member.run(9)).toThrow(/UNIQUE/);
    v5.prepare('INSERT INTO duplicate_fingerprints (document_id, passages) VALUES (8, ?)').run(Buffer.alloc(8));
    v5.prepare("INSERT INTO duplicate_settings (id, threshold, min_chars, scheme, updated_at) VALUES (1, 0.8, 80, 1, 't')").run();
    expect(v5.prepare('SELECT status, count(*) AS n FROM duplicate_members GROUP BY status').all()).toEqual([{ status: 'suggested', n: 2 }]);
    expect(v5.prepare('SELECT checked FROM duplicate_fingerprints').all()).toEqual([{ checked: 0 }]);
    // Removing a document takes its members and fingerprint with it.
    v5.prepare('DELETE FROM spans WHERE document_id = 8').run();
    v5.prepare('DELETE FROM documents WHERE id = 8').run();
    expect(v5.prepare('SELECT document_id FROM duplicate_members').all()).toEqual([{ document_id: 9 }]);
    expect(v5.prepare('SELECT count(*) AS n FROM duplicate_fingerprints').get()).toEqual({ n: 0 });
    v5.close();
    expect(userVersion(path)).toBe(5);
  });
});

describe('migration 007', () => {
  it('keeps spans (with no recogniser), and adds suggestion provenance, project settings and the gazetteer', () => {
    const path = join(tempDir(), 'v6.sqlite');
    const v6 = openProject(path, { migrations: MIGRATIONS.slice(0, 6) });
    seedDocument(v6, { id: 8, title: 'Seeded', text: 'Lotus Clinic 🙈 opened on 03/04/2024', span: [0, 12] });
    v6.close();

    const v7 = openProject(path, { migrations: MIGRATIONS.slice(0, 7) });
    expect(v7.prepare('SELECT start_cp, end_cp, annotator, status, recogniser, confidence FROM spans').all()).toEqual([
      { start_cp: 0, end_cp: 12, annotator: 'ann', status: 'accepted', recogniser: null, confidence: null },
    ]);
    const suggest = v7.prepare(
      `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, recogniser, confidence, created_at, updated_at)
       VALUES (8, 25, 35, 'DATE', '', 'suggested', 'date', ?, 't', 't')`,
    );
    expect(() => suggest.run(1.5)).toThrow(/CHECK/);
    suggest.run(0.9);
    expect(v7.prepare("SELECT recogniser, confidence FROM spans WHERE status = 'suggested'").get()).toEqual({ recogniser: 'date', confidence: 0.9 });

    v7.prepare(`INSERT INTO project_settings (key, value, updated_at) VALUES ('dateOrder', '"month-first"', 't')`).run();
    expect(() => v7.prepare(`INSERT INTO project_settings (key, value, updated_at) VALUES ('broken', 'not json', 't')`).run()).toThrow(/CHECK/);

    const count = v7.prepare("INSERT INTO gazetteer (label, surface, accepted, rejected, updated_at) VALUES ('HOSPITAL', ?, ?, 0, 't')");
    count.run('Lotus Clinic', 2);
    expect(() => count.run('Lotus Clinic', 1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => count.run('Other Clinic', -1)).toThrow(/CHECK/);
    // Renaming a label carries its gazetteer forms along.
    v7.prepare("UPDATE labels SET name = 'CLINIC' WHERE name = 'HOSPITAL'").run();
    expect(v7.prepare('SELECT label, surface, accepted, rejected FROM gazetteer').all()).toEqual([
      { label: 'CLINIC', surface: 'Lotus Clinic', accepted: 2, rejected: 0 },
    ]);
    v7.close();
    expect(userVersion(path)).toBe(7);
  });
});

describe('migration 008', () => {
  it('marks every document already there as indexed, so search keeps finding them and nothing is indexed twice', () => {
    const path = join(tempDir(), 'v7.sqlite');
    const v7 = openProject(path, { migrations: MIGRATIONS.slice(0, 7) });
    seedDocument(v7, { id: 3, title: 'Seeded', text: 'Cho Ray Hospital treated dengue', span: [0, 16] });
    seedDocument(v7, { id: 9, title: 'Later', text: 'Bach Mai Hospital 🙈 opened a stroke unit', span: [0, 17] });
    // Before 008 the store indexed each document with its insert.
    v7.prepare('INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents').run();
    v7.close();

    const v8 = openProject(path, { migrations: MIGRATIONS.slice(0, 8) });
    expect(v8.prepare('SELECT singleton, indexed_through FROM search_index_state').all()).toEqual([{ singleton: 1, indexed_through: 9 }]);
    expect(searchIndexStatus(v8)).toEqual({ indexed: 2, pending: 0 });
    expect(searchDocuments(v8, 'dengue').map((hit) => hit.id)).toEqual([3]);
    expect(searchDocuments(v8, 'stroke unit').map((hit) => hit.id)).toEqual([9]);
    // One row per document: a catch-up from a wrong mark would have added them again.
    expect(v8.prepare('SELECT count(*) AS n FROM documents_fts_docsize').get()).toEqual({ n: 2 });
    expect(() => v8.prepare('INSERT INTO search_index_state (singleton, indexed_through) VALUES (2, 0)').run()).toThrow(/CHECK/);
    v8.close();
    expect(userVersion(path)).toBe(8);
  });

  it('starts an empty project at zero', () => {
    const path = join(tempDir(), 'empty.sqlite');
    openProject(path, { migrations: MIGRATIONS.slice(0, 7) }).close();
    const v8 = openProject(path, { migrations: MIGRATIONS.slice(0, 8) });
    expect(v8.prepare('SELECT indexed_through FROM search_index_state').get()).toEqual({ indexed_through: 0 });
    v8.close();
  });
});

describe('migration 009', () => {
  it('lets the search index merge less often and keeps every document searchable', () => {
    const path = join(tempDir(), 'v8.sqlite');
    const v8 = openProject(path, { migrations: MIGRATIONS.slice(0, 8) });
    seedDocument(v8, { id: 4, title: 'Seeded', text: 'Cho Ray Hospital treated dengue', span: [0, 16] });
    v8.prepare("INSERT INTO documents_fts (rowid, title, text) VALUES (4, 'Seeded', 'Cho Ray Hospital treated dengue')").run();
    v8.prepare('UPDATE search_index_state SET indexed_through = 4').run();
    v8.close();

    const v9 = openProject(path, { migrations: MIGRATIONS.slice(0, 9) });
    expect(v9.prepare("SELECT v FROM documents_fts_config WHERE k = 'automerge'").get()).toEqual({ v: 16 });
    // The buffer size set by 004 stays.
    expect(v9.prepare("SELECT v FROM documents_fts_config WHERE k = 'hashsize'").get()).toEqual({ v: 67108864 });
    expect(searchDocuments(v9, 'dengue').map((hit) => hit.id)).toEqual([4]);
    expect(searchIndexStatus(v9)).toEqual({ indexed: 1, pending: 0 });
    v9.prepare("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)").run();
    v9.close();
    expect(userVersion(path)).toBe(9);
  });
});

describe('migration 010', () => {
  it('indexes linked spans only, and every lookup by entity still goes through the index', () => {
    const path = join(tempDir(), 'v9.sqlite');
    const v9 = openProject(path, { migrations: MIGRATIONS.slice(0, 9) });
    seedDocument(v9, { id: 2, title: 'Seeded', text: 'Bạch Mai Hospital 🙈 and Bach Mai Hospital', span: [0, 17] });
    v9.prepare(
      `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at)
       VALUES (2, 25, 42, 'HOSPITAL', 'ann', 'accepted', 't', 't')`,
    ).run();
    v9.prepare(`INSERT INTO entities (id, name, label, aliases) VALUES (7, 'Bach Mai Hospital', 'HOSPITAL', '[]')`).run();
    v9.prepare('UPDATE spans SET entity_id = 7 WHERE start_cp = 0').run();
    v9.close();

    const v10 = openProject(path, { migrations: MIGRATIONS.slice(0, 10) });
    expect(v10.prepare('SELECT start_cp, entity_id FROM spans ORDER BY start_cp').all()).toEqual([
      { start_cp: 0, entity_id: 7 },
      { start_cp: 25, entity_id: null },
    ]);
    const index = v10.prepare("SELECT sql FROM sqlite_master WHERE name = 'spans_by_entity'").get() as { sql: string };
    expect(index.sql).toMatch(/WHERE entity_id IS NOT NULL/);
    // Only the linked span has an entry.
    expect(v10.prepare('SELECT count(*) AS n FROM spans INDEXED BY spans_by_entity WHERE entity_id IS NOT NULL').get()).toEqual({ n: 1 });
    expect(queryPlan(v10, 'SELECT id FROM spans WHERE entity_id = ?', 7)).toContain('spans_by_entity');
    expect(queryPlan(v10, 'SELECT e.id, count(s.id) FROM entities e LEFT JOIN spans s ON s.entity_id = e.id WHERE e.id = ? GROUP BY e.id', 7)).toContain(
      'spans_by_entity',
    );
    // Deleting the entity still unlinks its mentions.
    v10.prepare('DELETE FROM entities WHERE id = 7').run();
    expect(v10.prepare('SELECT count(*) AS n FROM spans WHERE entity_id IS NOT NULL').get()).toEqual({ n: 0 });
    v10.close();
    expect(userVersion(path)).toBe(10);
  });
});

describe('migration 011', () => {
  it('indexes every document by when it was done and entities by label and name, keeping the rows', () => {
    const path = join(tempDir(), 'v10.sqlite');
    const v10 = openProject(path, { migrations: MIGRATIONS.slice(0, 10) });
    seedDocument(v10, { id: 3, title: 'Done', text: 'Bạch Mai Hospital 🙈 reopened', span: [0, 17] });
    seedDocument(v10, { id: 5, title: 'Not started', text: 'Nothing tagged here', span: [0, 7] });
    v10.prepare("UPDATE documents SET done_at = '2025-03-04T10:00:00.000Z' WHERE id = 3").run();
    v10.prepare(`INSERT INTO entities (id, name, label, aliases) VALUES (7, 'Bach Mai Hospital', 'HOSPITAL', '["BMH"]')`).run();
    // Enough entities that SQLite, which analyses the tables when it opens the project, does not read them all instead.
    const person = v10.prepare("INSERT INTO entities (id, name, label) VALUES (?, ?, 'PERSON')");
    for (let id = 100; id < 300; id++) person.run(id, `Person ${id}`);
    v10.close();

    const v11 = openProject(path, { migrations: MIGRATIONS.slice(0, 11) });
    expect(v11.prepare('SELECT id, done_at FROM documents ORDER BY id').all()).toEqual([
      { id: 3, done_at: '2025-03-04T10:00:00.000Z' },
      { id: 5, done_at: null },
    ]);
    expect(v11.prepare("SELECT id, name, label, aliases FROM entities WHERE label = 'HOSPITAL'").all()).toEqual([
      { id: 7, name: 'Bach Mai Hospital', label: 'HOSPITAL', aliases: '["BMH"]' },
    ]);
    expect(v11.prepare('SELECT count(*) AS n FROM entities').get()).toEqual({ n: 201 });
    const indexes = (v11.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('documents', 'entities') ORDER BY name").all() as { name: string }[]).map(
      (row) => row.name,
    );
    expect(indexes).toEqual(['documents_by_done', 'entities_by_label_name', 'sqlite_autoindex_documents_1']);
    // Both ways of asking whether a document is done read the one index, and so does finding an entity by name.
    // The statements as they were at version 11 (migration 015 moved done marks to document_progress).
    const notStarted = "SELECT count(*) AS n FROM documents d WHERE d.done_at IS NULL AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id AND s.status = 'accepted')";
    const doneByDay = 'SELECT substr(done_at, 1, 10) AS day, count(*) AS done FROM documents WHERE done_at IS NOT NULL GROUP BY day ORDER BY day';
    expect(queryPlan(v11, notStarted)).toMatch(/^SEARCH d USING COVERING INDEX documents_by_done \(done_at=\?\)/);
    expect(v11.prepare(notStarted).get()).toEqual({ n: 0 });
    expect(queryPlan(v11, doneByDay)).toMatch(/^SEARCH documents USING COVERING INDEX documents_by_done \(done_at>\?\)/);
    expect(v11.prepare(doneByDay).all()).toEqual([{ day: '2025-03-04', done: 1 }]);
    expect(queryPlan(v11, ENTITIES_NAMED_SQL, 'HOSPITAL', 'Bach Mai Hospital')).toBe('SEARCH entities USING INDEX entities_by_label_name (label=? AND name=?)');
    expect(v11.prepare(ENTITIES_NAMED_SQL).all('HOSPITAL', 'Bach Mai Hospital')).toEqual([{ id: 7, name: 'Bach Mai Hospital', label: 'HOSPITAL', aliases: '["BMH"]' }]);
    v11.close();
    expect(userVersion(path)).toBe(11);
  });
});

describe('migration 012', () => {
  it('gives edits a batch key, keeps the history as it was, and undoes a batch as one step', () => {
    const path = join(tempDir(), 'v11.sqlite');
    const v11 = openProject(path, { migrations: MIGRATIONS.slice(0, 11) });
    seedDocument(v11, { id: 4, title: 'Kept', text: 'Hue Central Hospital 🙈 admitted', span: [0, 20] });
    v11.prepare("INSERT INTO edits (id, description, document_id, changes, created_at) VALUES (1, 'tag HOSPITAL', 4, '[]', '2025-01-01')").run();
    v11.close();

    const v12 = openProject(path, { migrations: MIGRATIONS.slice(0, 12) });
    expect(v12.prepare('SELECT id, description, document_id, undone, batch FROM edits').all()).toEqual([
      { id: 1, description: 'tag HOSPITAL', document_id: 4, undone: 0, batch: null },
    ]);
    const span = v12.prepare('SELECT * FROM spans').get() as Record<string, unknown>;
    // Two edits of one batch, each relabelling the span once; one undo takes both back.
    const relabel = (from: string, to: string) => JSON.stringify([{ kind: 'span', id: span.id, before: { ...span, label: from }, after: { ...span, label: to } }]);
    const record = v12.prepare("INSERT INTO edits (description, document_id, changes, created_at, batch) VALUES ('relabel', 4, ?, 't', 'b1')");
    record.run(relabel('HOSPITAL', 'PERSON'));
    record.run(relabel('PERSON', 'DATE'));
    v12.prepare("UPDATE spans SET label = 'DATE'").run();
    expect(undo(v12).description).toBe('relabel');
    expect(v12.prepare('SELECT label FROM spans').pluck().get()).toBe('HOSPITAL');
    expect(v12.prepare('SELECT id, undone FROM edits ORDER BY id').all()).toEqual([
      { id: 1, undone: 0 },
      { id: 2, undone: 1 },
      { id: 3, undone: 1 },
    ]);
    redo(v12);
    expect(v12.prepare('SELECT label FROM spans').pluck().get()).toBe('DATE');
    expect(queryPlan(v12, BATCH_TO_UNDO_SQL, 'b1')).toBe('SEARCH edits USING INDEX edits_by_batch (batch=?)');
    expect(queryPlan(v12, BATCH_TO_REDO_SQL, 'b1')).toBe('SEARCH edits USING INDEX edits_by_batch (batch=?)');
    v12.close();
    expect(userVersion(path)).toBe(12);
  });
});

describe('migration 013', () => {
  it('marks HOSPITAL and PERSON as naming things, leaves other labels as values, and keeps every label as it was', () => {
    const path = join(tempDir(), 'v12.sqlite');
    const v12 = openProject(path, { migrations: MIGRATIONS.slice(0, 12) });
    v12.prepare("INSERT INTO labels (name, display_name, color, shortcut_key, position) VALUES ('CLINIC', 'Clinic', '#123456', '5', 4)").run();
    v12.prepare("UPDATE labels SET color = '#000000' WHERE name = 'PERSON'").run();
    v12.close();

    const v13 = openProject(path, { migrations: MIGRATIONS.slice(0, 13) });
    expect(v13.prepare('SELECT name, color, shortcut_key, names_things FROM labels ORDER BY position').all()).toEqual([
      { name: 'HOSPITAL', color: '#2f7ed8', shortcut_key: '1', names_things: 1 },
      { name: 'DATE', color: '#e07b00', shortcut_key: '2', names_things: 0 },
      { name: 'PERSON', color: '#000000', shortcut_key: '3', names_things: 1 },
      { name: 'FIGURE', color: '#b0399b', shortcut_key: '4', names_things: 0 },
      { name: 'CLINIC', color: '#123456', shortcut_key: '5', names_things: 0 },
    ]);
    expect(() => v13.prepare("UPDATE labels SET names_things = 2 WHERE name = 'CLINIC'").run()).toThrow(/CHECK/);
    v13.close();
    expect(userVersion(path)).toBe(13);
  });
});

describe('migration 014', () => {
  it('moves the built-in labels still at their first colours to the colour-blind safe ones, and keeps colours a lead chose', () => {
    const path = join(tempDir(), 'v13.sqlite');
    const v13 = openProject(path, { migrations: MIGRATIONS.slice(0, 13) });
    v13.prepare("INSERT INTO labels (name, display_name, color, shortcut_key, position) VALUES ('CLINIC', 'Clinic', '#2f7ed8', '5', 4)").run();
    v13.prepare("UPDATE labels SET color = '#2F7ED8' WHERE name = 'HOSPITAL'").run();
    v13.prepare("UPDATE labels SET color = '#000000' WHERE name = 'PERSON'").run();
    seedDocument(v13, { id: 2, title: 'Kept', text: 'Hue Central Hospital 🙈 admitted', span: [0, 20] });
    v13.close();

    const v14 = openProject(path, { migrations: MIGRATIONS.slice(0, 14) });
    expect(v14.prepare('SELECT name, color, names_things FROM labels ORDER BY position').all()).toEqual([
      { name: 'HOSPITAL', color: '#4b8efe', names_things: 1 },
      { name: 'DATE', color: '#b8892d', names_things: 0 },
      { name: 'PERSON', color: '#000000', names_things: 1 },
      { name: 'FIGURE', color: '#9c17a6', names_things: 0 },
      { name: 'CLINIC', color: '#2f7ed8', names_things: 0 },
    ]);
    expect(v14.prepare('SELECT document_id, start_cp, end_cp, label FROM spans').all()).toEqual([{ document_id: 2, start_cp: 0, end_cp: 20, label: 'HOSPITAL' }]);
    v14.close();
    expect(userVersion(path)).toBe(14);
  });
});

describe('migration 015', () => {
  /** A project at version 14 with documents, spans by `annotators` (document → accepted spans by whom) and done marks. */
  function v14Project(annotators: Record<number, readonly string[]>, done: readonly number[]): string {
    const path = join(tempDir(), 'v14.sqlite');
    const v14 = openProject(path, { migrations: MIGRATIONS.slice(0, 14) });
    const span = v14.prepare(
      `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at) VALUES (?, 0, 4, 'HOSPITAL', ?, ?, 't', 't')`,
    );
    for (const id of [1, 2, 3, 4]) {
      v14.prepare(`INSERT INTO documents (id, title, source, content_hash, text, length_cp, imported_at) VALUES (?, ?, 's', ?, 'Word 🙈 text', 11, 't')`).run(id, `Doc ${id}`, `h${id}`);
      for (const name of annotators[id] ?? []) span.run(id, name, 'accepted');
    }
    // Neither a suggestion's nobody nor the adjudicated result is an annotator; a rejected span still names one.
    span.run(4, '', 'suggested');
    v14.prepare("INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at) VALUES (4, 5, 9, 'DATE', 'adjudicated', 'accepted', 't', 't')").run();
    for (const id of done) v14.prepare('UPDATE documents SET done_at = ? WHERE id = ?').run(`2025-04-0${id}T09:00:00.000Z`, id);
    v14.close();
    return path;
  }

  it('lists the annotators with spans and moves each done mark to those who worked on the document, or to everyone', () => {
    const path = v14Project({ 1: ['mira'], 2: ['mira', 'tomas'], 3: ['tomas'] }, [1, 2, 4]);
    const v15 = openProject(path, { migrations: MIGRATIONS.slice(0, 15) });
    expect(v15.prepare('SELECT name, color, position FROM annotators ORDER BY position').all()).toEqual([
      { name: 'mira', color: null, position: 0 },
      { name: 'tomas', color: null, position: 1 },
    ]);
    expect(v15.prepare('SELECT document_id, annotator, done_at FROM document_progress ORDER BY document_id, annotator').all()).toEqual([
      { document_id: 1, annotator: 'mira', done_at: '2025-04-01T09:00:00.000Z' },
      { document_id: 2, annotator: 'mira', done_at: '2025-04-02T09:00:00.000Z' },
      { document_id: 2, annotator: 'tomas', done_at: '2025-04-02T09:00:00.000Z' },
      // Nobody accepted spans there: it stays done for everyone, as it was.
      { document_id: 4, annotator: 'mira', done_at: '2025-04-04T09:00:00.000Z' },
      { document_id: 4, annotator: 'tomas', done_at: '2025-04-04T09:00:00.000Z' },
    ]);
    const columns = (v15.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).map((column) => column.name);
    expect(columns).not.toContain('done_at');
    expect(v15.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 6 });
    expect(v15.prepare('SELECT count(*) AS n FROM assignments').get()).toEqual({ n: 0 });
    expect(() => v15.prepare("INSERT INTO annotators (name, position, created_at) VALUES ('adjudicated', 5, 't')").run()).toThrow(/CHECK/);
    v15.close();
    expect(userVersion(path)).toBe(15);
  });

  it('gives a project of one annotator every mark, and keeps marks of a project with none for the first one named', () => {
    const solo = openProject(v14Project({ 2: ['lan'] }, [1, 2]), { migrations: MIGRATIONS.slice(0, 15) });
    expect(solo.prepare('SELECT document_id, annotator FROM document_progress ORDER BY document_id').all()).toEqual([
      { document_id: 1, annotator: 'lan' },
      { document_id: 2, annotator: 'lan' },
    ]);
    solo.close();
    const nobody = openProject(v14Project({}, [3]), { migrations: MIGRATIONS.slice(0, 15) });
    expect(nobody.prepare('SELECT document_id, annotator FROM document_progress').all()).toEqual([{ document_id: 3, annotator: '' }]);
    ensureAnnotator(nobody, 'huong');
    expect(nobody.prepare('SELECT document_id, annotator FROM document_progress').all()).toEqual([{ document_id: 3, annotator: 'huong' }]);
    nobody.close();
  });

  it('undoes a done mark recorded before marks were per annotator for whom the migration gave it', () => {
    const path = v14Project({ 1: ['mira', 'tomas'] }, [1]);
    const v14 = openProject(path, { migrations: MIGRATIONS.slice(0, 14) });
    v14.prepare("INSERT INTO edits (description, document_id, changes, created_at) VALUES ('mark done', 1, ?, 't')").run(
      JSON.stringify([{ kind: 'done', documentId: 1, before: null, after: '2025-04-01T09:00:00.000Z' }]),
    );
    v14.close();
    const v15 = openProject(path, { migrations: MIGRATIONS.slice(0, 15) });
    const marks = () => v15.prepare('SELECT annotator FROM document_progress WHERE document_id = 1 ORDER BY annotator').pluck().all();
    expect(marks()).toEqual(['mira', 'tomas']);
    expect(undo(v15).description).toBe('mark done');
    expect(marks()).toEqual([]);
    redo(v15);
    expect(marks()).toEqual(['mira', 'tomas']);
    v15.close();
  });
});
