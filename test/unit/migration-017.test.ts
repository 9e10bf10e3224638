import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../src/main/store/connection.js';
import { deleteEntityRow, entityRow, insertEntityRow, restoreEntityRow } from '../../src/main/store/entities.js';
import { MIGRATIONS } from '../../src/main/store/migrations/index.js';
import { createSpan } from '../../src/main/store/spans.js';
import { createTestProject, tempDir } from '../helpers/project.js';

const VERSION = MIGRATIONS.findIndex((migration) => migration.name === 'sync change log') + 1;
const UID = /^[0-9a-f]{32}$/;

function seed(db: Db): void {
  const doc = db.prepare(`INSERT INTO documents (id, title, source, content_hash, text, length_cp, meta, imported_at) VALUES (?, ?, 'seed', ?, ?, ?, '{}', '2025-01-01')`);
  doc.run(1, 'One', 'h1', 'Cho Ray Hospital 🙈 treated dengue patients', 42);
  doc.run(2, 'Two', 'h2', 'Bach Mai Hospital in Hanoi', 26);
  db.prepare("INSERT INTO entities (id, name, label, aliases) VALUES (5, 'Cho Ray Hospital', 'HOSPITAL', '[\"Cho Ray\"]')").run();
  const span = db.prepare(
    `INSERT INTO spans (id, document_id, start_cp, end_cp, label, annotator, status, entity_id, value, note, recogniser, confidence, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'c', 'u')`,
  );
  span.run(10, 1, 0, 16, 'HOSPITAL', 'lan', 'accepted', 5, null, 'first', null, null);
  span.run(11, 1, 0, 16, 'HOSPITAL', '', 'suggested', null, null, null, 'gazetteer', 0.8);
  span.run(12, 2, 0, 17, 'HOSPITAL', 'minh', 'rejected', null, '{"n":1}', null, null, null);
  db.prepare("INSERT INTO entity_suggestion_rejections (suggestion_key, span_id, rejected_at) VALUES ('k', 12, 't')").run();
}

describe('migration 017', () => {
  it('gives every span and entity a uid, keeps their rows, and starts with sync off', () => {
    expect(VERSION).toBe(17);
    const path = join(tempDir(), 'before.sqlite');
    const before = openProject(path, { migrations: MIGRATIONS.slice(0, VERSION - 1) });
    seed(before);
    const spansBefore = before.prepare('SELECT * FROM spans ORDER BY id').all();
    before.close();

    const db = openProject(path, { migrations: MIGRATIONS.slice(0, VERSION) });
    const spans = db.prepare('SELECT * FROM spans ORDER BY id').all() as Record<string, unknown>[];
    expect(spans.map(({ uid: _uid, ...rest }) => rest)).toEqual(spansBefore);
    const uids = spans.map((span) => span.uid as string);
    for (const uid of uids) expect(uid).toMatch(UID);
    expect(new Set(uids).size).toBe(3);
    const entity = db.prepare('SELECT uid FROM entities WHERE id = 5').pluck().get() as string;
    expect(entity).toMatch(UID);

    // The uids are unique, and new rows get one without any store function naming it.
    expect(() => db.prepare('UPDATE spans SET uid = ? WHERE id = 12').run(uids[0])).toThrow(/UNIQUE/);
    const created = createSpan(db, { documentId: 2, startCp: 0, endCp: 8, label: 'HOSPITAL', annotator: 'lan' });
    expect((created as unknown as { uid: string }).uid).toMatch(UID);
    const newEntity = insertEntityRow(db, { name: 'Bach Mai', label: 'HOSPITAL', aliases: [] });
    expect(db.prepare('SELECT uid FROM entities WHERE id = ?').pluck().get(newEntity.id)).toMatch(UID);

    // The rebuilt table keeps its constraints, indexes, foreign keys and the trigger that forgets rejected links.
    expect(() => db.prepare("INSERT INTO spans (document_id, start_cp, end_cp, label, status, created_at, updated_at) VALUES (1, 5, 2, 'HOSPITAL', 'accepted', 'c', 'u')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO spans (document_id, start_cp, end_cp, label, status, created_at, updated_at) VALUES (9, 0, 2, 'HOSPITAL', 'accepted', 'c', 'u')").run()).toThrow(/FOREIGN KEY/);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'spans' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes).toEqual(['spans_by_entity', 'spans_by_label', 'spans_by_uid']);
    db.prepare('DELETE FROM spans WHERE id = 12').run();
    expect(db.prepare('SELECT count(*) FROM entity_suggestion_rejections').pluck().get()).toBe(0);
    db.prepare('DELETE FROM entities WHERE id = 5').run();
    expect(db.prepare('SELECT entity_id FROM spans WHERE id = 10').pluck().get()).toBeNull();
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM spans WHERE document_id = 1').pluck().get()).toBe(0);

    const state = db.prepare('SELECT enabled, applying, node, wall_ms, counter, pull_cursor FROM sync_state').all();
    expect(state).toEqual([{ enabled: 0, applying: 0, node: expect.stringMatching(/^[0-9a-f]{16}$/), wall_ms: 0, counter: 0, pull_cursor: 0 }]);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync%'").pluck().get()).toBe(0);
    db.close();
  });

  it('gives an entity put back under its id the uid it had when deleted', () => {
    const { db } = createTestProject();
    const row = insertEntityRow(db, { name: 'Cho Ray', label: 'HOSPITAL', aliases: [] });
    const uid = db.prepare('SELECT uid FROM entities WHERE id = ?').pluck().get(row.id);
    // What the sync triggers leave when an entity is deleted while sync is on.
    db.prepare('INSERT INTO sync_entity_uids (id, uid, name, label) VALUES (?, ?, ?, ?)').run(row.id, uid, row.name, row.label);
    deleteEntityRow(db, row.id);
    restoreEntityRow(db, row);
    expect(entityRow(db, row.id)).toEqual(row);
    expect(db.prepare('SELECT uid FROM entities WHERE id = ?').pluck().get(row.id)).toBe(uid);
    expect(db.prepare('SELECT count(*) FROM sync_entity_uids').pluck().get()).toBe(0);
  });
});
