import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../src/main/store/connection.js';
import { MIGRATIONS } from '../../src/main/store/migrations/index.js';
import { tempDir } from '../helpers/project.js';

const VERSION = MIGRATIONS.findIndex((migration) => migration.name === 'sentence and contained duplicates') + 1;

function seed(db: Db): void {
  const doc = db.prepare(
    `INSERT INTO documents (id, title, source, content_hash, text, length_cp, meta, imported_at) VALUES (?, ?, 'seed', ?, ?, ?, '{}', '2025-01-01')`,
  );
  doc.run(1, 'One', 'h1', 'Cho Ray Hospital 🙈 treated dengue patients', 42);
  doc.run(2, 'Two', 'h2', 'Cho Ray Hospital 🙈 treated dengue patients again', 48);
  db.prepare("INSERT INTO duplicate_clusters (id, kind, status, similarity, decided_by, decided_at, created_at, updated_at) VALUES (7, 'passage', 'confirmed', 0.9, 'lan', 'd', 'c', 'u')").run();
  const member = db.prepare("INSERT INTO duplicate_members (cluster_id, document_id, start_cp, end_cp, similarity, status, added_at) VALUES (7, ?, 0, 42, 0.9, 'confirmed', 'a')");
  member.run(1);
  member.run(2);
  db.prepare('INSERT INTO duplicate_fingerprints (document_id, passages, checked) VALUES (1, ?, 1)').run(Buffer.alloc(8));
  db.prepare("INSERT INTO duplicate_settings (id, threshold, min_chars, scheme, updated_at) VALUES (1, 0.85, 60, 2, 't')").run();
}

describe('migration 016', () => {
  it('allows sentence and contained clusters, keeps clusters, members and decisions, and adds sentences and the containment setting', () => {
    expect(VERSION).toBeGreaterThan(14);
    const path = join(tempDir(), 'before.sqlite');
    const before = openProject(path, { migrations: MIGRATIONS.slice(0, VERSION - 1) });
    seed(before);
    expect(() => before.prepare("INSERT INTO duplicate_clusters (kind, similarity, created_at, updated_at) VALUES ('sentence', 1, 't', 't')").run()).toThrow(/CHECK/);
    before.close();

    const after = openProject(path, { migrations: MIGRATIONS.slice(0, VERSION) });
    expect(after.prepare('SELECT id, kind, status, similarity, decided_by FROM duplicate_clusters').all()).toEqual([
      { id: 7, kind: 'passage', status: 'confirmed', similarity: 0.9, decided_by: 'lan' },
    ]);
    expect(after.prepare('SELECT cluster_id, document_id, start_cp, end_cp, status FROM duplicate_members ORDER BY document_id').all()).toEqual([
      { cluster_id: 7, document_id: 1, start_cp: 0, end_cp: 42, status: 'confirmed' },
      { cluster_id: 7, document_id: 2, start_cp: 0, end_cp: 42, status: 'confirmed' },
    ]);
    expect(after.prepare('SELECT threshold, min_chars, containment, scheme FROM duplicate_settings').get()).toEqual({
      threshold: 0.85,
      min_chars: 60,
      containment: 0.8,
      scheme: 2,
    });
    expect(after.prepare('SELECT checked, sentences FROM duplicate_fingerprints').get()).toEqual({ checked: 1, sentences: null });
    for (const kind of ['sentence', 'contained']) {
      after.prepare("INSERT INTO duplicate_clusters (kind, similarity, created_at, updated_at) VALUES (?, 1, 't', 't')").run(kind);
    }
    expect(() => after.prepare("INSERT INTO duplicate_clusters (kind, similarity, created_at, updated_at) VALUES ('line', 1, 't', 't')").run()).toThrow(/CHECK/);
    expect(() => after.prepare('UPDATE duplicate_settings SET containment = 1.5').run()).toThrow(/CHECK/);
    // Members still belong to their cluster: removing it takes them along, and a member of no cluster is refused.
    expect(() => after.prepare("INSERT INTO duplicate_members (cluster_id, document_id, start_cp, end_cp, similarity, added_at) VALUES (99, 1, 0, 5, 1, 'a')").run()).toThrow(
      /FOREIGN KEY/,
    );
    after.prepare('DELETE FROM duplicate_clusters WHERE id = 7').run();
    expect(after.prepare('SELECT count(*) AS n FROM duplicate_members').get()).toEqual({ n: 0 });
    after.close();
  });
});
