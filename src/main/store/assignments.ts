import type { Db } from './connection.js';
import { statement } from './statements.js';

/** Which documents the lead gave to whom (migration 015). */

/** When a document was given to an annotator, or null. */
export function assignedAt(db: Db, documentId: number, annotator: string): string | null {
  return (statement(db, 'SELECT assigned_at FROM assignments WHERE annotator = ? AND document_id = ?').pluck().get(annotator, documentId) as string | undefined) ?? null;
}

/** Gives (a time) or takes back (null) a document. */
export function setAssignedAt(db: Db, documentId: number, annotator: string, at: string | null): void {
  if (at === null) statement(db, 'DELETE FROM assignments WHERE annotator = ? AND document_id = ?').run(annotator, documentId);
  else {
    statement(
      db,
      `INSERT INTO assignments (annotator, document_id, assigned_at) VALUES (?, ?, ?)
       ON CONFLICT (annotator, document_id) DO UPDATE SET assigned_at = excluded.assigned_at`,
    ).run(annotator, documentId, at);
  }
}

/** Whether the project assigns documents at all. */
/** Documents nobody is assigned, in document order; the parameter is how many (-1: all). */
export const UNASSIGNED_DOCUMENTS_SQL = 'SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.document_id = d.id) ORDER BY id LIMIT ?';

/** Documents nobody is assigned, in document order: the first `limit`, or all. */
export function unassignedDocumentIds(db: Db, limit?: number): number[] {
  return statement(db, UNASSIGNED_DOCUMENTS_SQL)
    .pluck()
    .all(limit ?? -1) as number[];
}

export function hasAssignments(db: Db): boolean {
  return statement(db, 'SELECT EXISTS (SELECT 1 FROM assignments) AS any').pluck().get() === 1;
}

/** The annotators a document is given to. */
export function assigneesOf(db: Db, documentId: number): string[] {
  return statement(db, 'SELECT annotator FROM assignments WHERE document_id = ? ORDER BY annotator').pluck().all(documentId) as string[];
}

/**
 * The next document of an annotator's queue after `afterId` they have not
 * marked done: parameters are annotator, after id. Reads the queue in
 * document order by its primary key, each done mark by the other's.
 */
export const NEXT_IN_QUEUE_SQL = `SELECT a.document_id FROM assignments a
  WHERE a.annotator = ? AND a.document_id > ?
    AND NOT EXISTS (SELECT 1 FROM document_progress p WHERE p.annotator = a.annotator AND p.document_id = a.document_id)
  ORDER BY a.document_id LIMIT 1`;

/** The same without a queue: the next document the annotator has not marked done. Parameters: annotator, after id. */
export const NEXT_NOT_DONE_SQL = `SELECT d.id FROM documents d
  WHERE d.id > ? AND NOT EXISTS (SELECT 1 FROM document_progress p WHERE p.annotator = ? AND p.document_id = d.id)
  ORDER BY d.id LIMIT 1`;

/**
 * The next document after `afterId` the annotator has not marked done, in
 * their queue or among all documents, going round to the start; null when
 * every one is done.
 */
export function nextNotDone(db: Db, annotator: string, afterId: number, queue: boolean): number | null {
  const find = (after: number): number | undefined =>
    queue
      ? (statement(db, NEXT_IN_QUEUE_SQL).pluck().get(annotator, after) as number | undefined)
      : (statement(db, NEXT_NOT_DONE_SQL).pluck().get(after, annotator) as number | undefined);
  return find(afterId) ?? (afterId > 0 ? find(0) : undefined) ?? null;
}

export interface AnnotatorQueue {
  readonly annotator: string;
  readonly assigned: number;
  /** Of the assigned documents, those they marked done. */
  readonly done: number;
}

/** Per annotator with assignments: how many documents they have and how many of those they finished. */
export function queueSummaries(db: Db): AnnotatorQueue[] {
  return statement(
    db,
    `SELECT a.annotator AS annotator, count(*) AS assigned, count(p.done_at) AS done
     FROM assignments a LEFT JOIN document_progress p ON p.annotator = a.annotator AND p.document_id = a.document_id
     GROUP BY a.annotator ORDER BY a.annotator`,
  ).all() as AnnotatorQueue[];
}

/** Documents by how many annotators have them: `given` documents given to `annotators` people each. */
export function overlapCounts(db: Db): { readonly annotators: number; readonly documents: number }[] {
  return statement(
    db,
    `SELECT n AS annotators, count(*) AS documents FROM (SELECT count(*) AS n FROM assignments GROUP BY document_id) GROUP BY n ORDER BY n`,
  ).all() as { annotators: number; documents: number }[];
}

/** Assignments in document order, optionally one annotator's, a page at a time. */
export function listAssignments(
  db: Db,
  query: { readonly annotator?: string; readonly offset: number; readonly limit: number },
): { total: number; items: { documentId: number; title: string; annotators: string[] }[] } {
  const where = query.annotator === undefined ? '' : 'WHERE document_id IN (SELECT document_id FROM assignments WHERE annotator = ?)';
  const params = query.annotator === undefined ? [] : [query.annotator];
  const total = statement(db, `SELECT count(DISTINCT document_id) FROM assignments ${where}`).pluck().get(...params) as number;
  const rows = statement(
    db,
    `SELECT a.document_id AS documentId, d.title AS title, json_group_array(a.annotator) AS annotators
     FROM assignments a JOIN documents d ON d.id = a.document_id ${where.replace('document_id', 'a.document_id')}
     GROUP BY a.document_id ORDER BY a.document_id LIMIT ? OFFSET ?`,
  ).all(...params, query.limit, query.offset) as { documentId: number; title: string; annotators: string }[];
  return { total, items: rows.map((row) => ({ ...row, annotators: (JSON.parse(row.annotators) as string[]).sort() })) };
}
