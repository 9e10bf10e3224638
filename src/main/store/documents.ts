import { hash } from 'node:crypto';
import type { DocumentSummary, Meta, StoredDocument } from '../../shared/model.js';
import { codePointLength } from '../../shared/offsets.js';
import type { Db } from './connection.js';
import { forgetDocuments, indexNewDocument, settleIndexedThrough } from './search-index.js';
import { now, statement } from './statements.js';

export interface NewDocument {
  readonly title: string;
  readonly source: string;
  readonly text: string;
  readonly meta: Meta;
  /** The text's hash and length in code points, when the caller has worked them out already. */
  readonly contentHash?: string;
  readonly lengthCp?: number;
  /** Default: now. */
  readonly importedAt?: string;
}

export type InsertOutcome =
  | { readonly inserted: true; readonly id: number }
  | { readonly inserted: false; readonly id: number; readonly duplicateOf: string };

/** SHA-256 of the text's UTF-8 bytes: two documents with the same text are one document. */
export function contentHash(text: string): string {
  // The one-shot form: no Hash object per document.
  return hash('sha256', text, 'hex');
}

interface DocumentRow {
  id: number;
  title: string;
  source: string;
  content_hash: string;
  length_cp: number;
  imported_at: string;
  text: string;
  meta: string;
}

const SUMMARY_COLUMNS = 'id, title, source, content_hash, length_cp, imported_at';

function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    source: row.source,
    contentHash: row.content_hash,
    lengthCp: row.length_cp,
    importedAt: row.imported_at,
  };
}

function toDocument(row: DocumentRow): StoredDocument {
  return { ...toSummary(row), text: row.text, meta: JSON.parse(row.meta) as Meta };
}

/**
 * Stores a document and its search-index entry, unless a document with the same
 * text is already there (then nothing is written and the existing one is named).
 * Bulk writers pass `index: false` and let the index catch up afterwards
 * (search-index.ts): indexing costs as much as storing.
 */
export function insertDocument(db: Db, doc: NewDocument, options: { readonly index?: boolean } = {}): InsertOutcome {
  const hash = doc.contentHash ?? contentHash(doc.text);
  const existing = statement(db, 'SELECT id, source FROM documents WHERE content_hash = ?').get(hash) as
    | { id: number; source: string }
    | undefined;
  if (existing) return { inserted: false, id: existing.id, duplicateOf: existing.source };
  const { lastInsertRowid } = statement(
    db,
    `INSERT INTO documents (title, source, content_hash, text, length_cp, meta, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(doc.title, doc.source, hash, doc.text, doc.lengthCp ?? codePointLength(doc.text), JSON.stringify(doc.meta), doc.importedAt ?? now());
  const id = Number(lastInsertRowid);
  if (options.index !== false) indexNewDocument(db, id, doc.title, doc.text);
  return { inserted: true, id };
}

/**
 * Deletes documents with everything on them (spans, noise marks, duplicate
 * memberships go by foreign key), inside the caller's transaction. Only an
 * import taking back a file it refused deletes documents.
 */
export function removeDocuments(db: Db, ids: readonly number[]): void {
  forgetDocuments(db, ids);
  const remove = statement(db, 'DELETE FROM documents WHERE id = ?');
  for (const id of ids) remove.run(id);
  settleIndexedThrough(db);
}

/** The highest document id so far (0 in an empty project): new documents get larger ids. */
export function lastDocumentId(db: Db): number {
  return (statement(db, 'SELECT coalesce(max(id), 0) AS id FROM documents').get() as { id: number }).id;
}

/** One document with its text, or undefined. */
export function getDocument(db: Db, id: number): StoredDocument | undefined {
  const row = statement(db, 'SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  return row && toDocument(row);
}

/** What an export writes of a document. */
export interface ExportableDocument {
  readonly id: number;
  readonly title: string;
  readonly text: string;
  readonly meta: Meta;
}

/** Documents after `afterId` in id order, at most `limit`, with only what exports write: the export's unit of work. */
export function exportableDocumentsAfter(db: Db, afterId: number, limit: number): ExportableDocument[] {
  const rows = statement(db, 'SELECT id, title, text, meta FROM documents WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as {
    id: number;
    title: string;
    text: string;
    meta: string;
  }[];
  return rows.map((row) => ({ id: row.id, title: row.title, text: row.text, meta: JSON.parse(row.meta) as Meta }));
}

/** Summaries (no text) of every document, in id order. */
export function listDocuments(db: Db, limit = 1000, afterId = 0): DocumentSummary[] {
  const rows = statement(db, `SELECT ${SUMMARY_COLUMNS} FROM documents WHERE id > ? ORDER BY id LIMIT ?`).all(
    afterId,
    limit,
  ) as DocumentRow[];
  return rows.map(toSummary);
}

/** Number of documents in the project. */
export function countDocuments(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM documents').get() as { n: number }).n;
}

/** The id of the document with this text's hash, if the project has it. */
export function documentIdByContentHash(db: Db, hash: string): number | undefined {
  return (statement(db, 'SELECT id FROM documents WHERE content_hash = ?').get(hash) as { id: number } | undefined)?.id;
}
