/** What the sync tests share: projects with the same documents on several "laptops", and moving records between them. */
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { acknowledgePushed, applyPulled, enableSync, readOutbox, type ApplyResult } from '../../src/main/sync/index.js';
import type { SyncRecord } from '../../src/shared/sync.js';
import { createTestProject } from '../helpers/project.js';

export const TEXTS = [
  'Cho Ray Hospital treated 12 dengue patients on 3 March 2024.',
  'Dr Nguyen Van An moved to Bach Mai Hospital 🙈 in Hanoi.',
  'Hue Central Hospital reported 7 cases; Cho Ray Hospital reported 9.',
] as const;

/** A project with the three documents (ids 1, 2, 3), syncing as `member` unless `sync` is false. */
export function laptop(member: string, options: { readonly sync?: boolean; readonly recordExisting?: boolean; readonly texts?: readonly string[] } = {}): Db {
  const { db } = createTestProject();
  for (const [index, text] of (options.texts ?? TEXTS).entries()) insertDocument(db, { title: `Doc ${index + 1}`, source: 'test', text, meta: {} });
  if (options.sync !== false) {
    enableSync(db, { serverUrl: 'http://127.0.0.1:1', token: 'token', member, role: 'lead', projectName: 'test', recordExisting: options.recordExisting ?? false });
  }
  return db;
}

let serverSeq = 0;

/** What a server does to records on the way down: it names the author and numbers them. */
export function asPulled(records: readonly SyncRecord[], author: string): SyncRecord[] {
  return records.map((record) => ({ ...record, author, changedAt: new Date().toISOString(), seq: ++serverSeq }));
}

/** Pushes everything `from` has waiting (taking it off its outbox) and returns it as pulled records by `author`. */
export function push(from: Db, author: string): SyncRecord[] {
  const records = readOutbox(from, 1_000_000);
  acknowledgePushed(
    from,
    records.map((record) => record.changeId),
  );
  return asPulled(records, author);
}

/** Applies records to a laptop, moving its cursor to the last one's seq. */
export function pull(to: Db, records: readonly SyncRecord[]): ApplyResult {
  return applyPulled(to, records, records.at(-1)?.seq ?? null);
}

/**
 * A project's shared content, named by keys that mean the same on every
 * laptop (content hashes, uids, names), never by local ids.
 */
export function contentOf(db: Db): Record<string, unknown> {
  const all = (sql: string): unknown[] => db.prepare(sql).all();
  return {
    labels: all('SELECT name, display_name, color, shortcut_key, position, names_things FROM labels ORDER BY name'),
    annotators: all('SELECT name, color, position FROM annotators ORDER BY name'),
    entities: all('SELECT uid, name, label, aliases FROM entities ORDER BY uid'),
    spans: all(
      `SELECT s.uid, d.content_hash, s.start_cp, s.end_cp, s.label, s.annotator, s.status, e.uid AS entity, s.value, s.note, s.created_at, s.updated_at
       FROM spans s JOIN documents d ON d.id = s.document_id LEFT JOIN entities e ON e.id = s.entity_id
       WHERE NOT (s.annotator = '' AND s.status = 'suggested') ORDER BY s.uid`,
    ),
    progress: all('SELECT p.annotator, d.content_hash, p.done_at FROM document_progress p JOIN documents d ON d.id = p.document_id ORDER BY 1, 2'),
    assignments: all('SELECT a.annotator, d.content_hash, a.assigned_at FROM assignments a JOIN documents d ON d.id = a.document_id ORDER BY 1, 2'),
    blind: all("SELECT value FROM project_settings WHERE key = 'blindAnnotation'"),
  };
}

/** The outbox as (kind, key) pairs, in order. */
export function pendingKeys(db: Db): string[] {
  return (db.prepare('SELECT kind, key FROM sync_outbox ORDER BY seq').all() as { kind: string; key: string }[]).map((row) => `${row.kind} ${row.key}`);
}

/**
 * Waits for the next millisecond. Edits made in one millisecond on two
 * laptops are concurrent to their clocks (either may win); a test that means
 * one edit to come after another waits for the clock to move first.
 */
export function nextMillisecond(): void {
  const start = Date.now();
  while (Date.now() <= start + 1) {
    // Busy: the clock, not the event loop, is what must move on.
  }
}

export function uidOf(db: Db, spanId: number): string {
  return db.prepare('SELECT uid FROM spans WHERE id = ?').pluck().get(spanId) as string;
}

export function hashOf(db: Db, documentId: number): string {
  return db.prepare('SELECT content_hash FROM documents WHERE id = ?').pluck().get(documentId) as string;
}
