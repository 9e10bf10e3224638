import { ADJUDICATOR } from '../../shared/model.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** Each annotator's own "done" marks (migration 015): one row per annotator and document they finished. */

/** Reads when an annotator marked a document done: parameters are annotator and document. */
export const DONE_AT_SQL = 'SELECT done_at FROM document_progress WHERE annotator = ? AND document_id = ?';

/** When `annotator` marked the document done, or null. */
export function doneAt(db: Db, documentId: number, annotator: string): string | null {
  return (statement(db, DONE_AT_SQL).pluck().get(annotator, documentId) as string | undefined) ?? null;
}

/** Marks (a time) or unmarks (null) a document done for one annotator. */
export function setDoneAt(db: Db, documentId: number, annotator: string, at: string | null): void {
  if (at === null) statement(db, 'DELETE FROM document_progress WHERE annotator = ? AND document_id = ?').run(annotator, documentId);
  else {
    statement(
      db,
      `INSERT INTO document_progress (annotator, document_id, done_at) VALUES (?, ?, ?)
       ON CONFLICT (annotator, document_id) DO UPDATE SET done_at = excluded.done_at`,
    ).run(annotator, documentId, at);
  }
}

/**
 * The annotators an edit recorded before marks were per annotator meant when
 * it marked a document done: as migration 015 moved the marks, those with
 * accepted spans in it, else everyone listed, else nobody named ('').
 */
export function legacyDoneAnnotators(db: Db, documentId: number): string[] {
  const withSpans = statement(
    db,
    "SELECT DISTINCT annotator FROM spans WHERE document_id = ? AND status = 'accepted' AND annotator NOT IN ('', ?) ORDER BY annotator",
  )
    .pluck()
    .all(documentId, ADJUDICATOR) as string[];
  if (withSpans.length > 0) return withSpans;
  const listed = statement(db, 'SELECT name FROM annotators ORDER BY position').pluck().all() as string[];
  return listed.length > 0 ? listed : [''];
}

/** Puts a mark recorded before marks were per annotator back (a time) or takes it off (null) for everyone it meant. */
export function setLegacyDoneAt(db: Db, documentId: number, at: string | null): void {
  if (at === null) statement(db, 'DELETE FROM document_progress WHERE document_id = ?').run(documentId);
  else for (const annotator of legacyDoneAnnotators(db, documentId)) setDoneAt(db, documentId, annotator, at);
}

/** The annotators who marked a document done. */
export function doneBy(db: Db, documentId: number): string[] {
  return statement(db, 'SELECT annotator FROM document_progress WHERE document_id = ? ORDER BY annotator').pluck().all(documentId) as string[];
}
