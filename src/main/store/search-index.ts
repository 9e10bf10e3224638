/**
 * The search index's backlog. Indexing text for full-text search costs as much
 * as storing it, so a bulk import stores documents first and the index catches
 * up afterwards: documents are there to read and tag at once, and search covers
 * them a few seconds later. Ids only grow, so "indexed" is one number: every
 * document up to `indexed_through` is in the index and none after it is. The
 * one deletion (a refused import file taken out again) keeps that true: see
 * forgetDocuments.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db } from './connection.js';
import { statement, writeTransaction } from './statements.js';

export interface SearchIndexStatus {
  /** Documents the index covers. */
  readonly indexed: number;
  /** Documents stored but not searchable yet. */
  readonly pending: number;
}

/** Documents indexed per transaction while catching up: about a tenth of a second of work each. */
const CHUNK_DOCUMENTS = 1000;

/**
 * Documents per transaction when nothing else waits on the database (the command
 * line, a bulk import). Each commit flushes FTS5's buffer of pending terms into a
 * new index segment that must later be merged, so fewer, larger transactions
 * index faster: 100,000 documents (211 MB) took 5.3 s in chunks of 5,000 and 4.0 s
 * in chunks of 20,000. Memory stays bounded by that buffer (64 MB, migration 004),
 * which FTS5 flushes on its own when it fills, whatever the chunk.
 */
export const BULK_CHUNK_DOCUMENTS = 20_000;

/** The id of the last document the index covers. */
export function indexedThrough(db: Db): number {
  return (statement(db, 'SELECT indexed_through AS id FROM search_index_state').get() as { id: number }).id;
}

function setIndexedThrough(db: Db, id: number): void {
  statement(db, 'UPDATE search_index_state SET indexed_through = ?').run(id);
}

export function searchIndexStatus(db: Db): SearchIndexStatus {
  const through = indexedThrough(db);
  const { indexed, pending } = statement(
    db,
    'SELECT count(*) FILTER (WHERE id <= ?) AS indexed, count(*) FILTER (WHERE id > ?) AS pending FROM documents',
  ).get(through, through) as { indexed: number; pending: number };
  return { indexed, pending };
}

/** Documents not in the index yet (cheap: a range of ids). */
export function pendingDocuments(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM documents WHERE id > ?').get(indexedThrough(db)) as { n: number }).n;
}

/**
 * Adds the document just stored to the index, when the index is caught up; a
 * document stored behind a backlog waits its turn, so the index never holds a
 * document twice. Runs inside the caller's transaction.
 */
export function indexNewDocument(db: Db, id: number, title: string, text: string): void {
  // Ids are handed out in order, so the index is caught up when it covers everything before this one.
  const previous = statement(db, 'SELECT coalesce(max(id), 0) AS id FROM documents WHERE id < ?').get(id) as { id: number };
  if (indexedThrough(db) !== previous.id) return;
  statement(db, 'INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)').run(id, title, text);
  setIndexedThrough(db, id);
}

/**
 * Indexes the next documents of the backlog in one transaction. The index and its mark move together, so a process killed here
 * leaves either both or neither.
 */
export function indexNextDocuments(db: Db, limit = CHUNK_DOCUMENTS): void {
  const step = writeTransaction(db, () => {
    const from = indexedThrough(db);
    const last = statement(db, 'SELECT max(id) AS id FROM (SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?)').get(from, limit) as {
      id: number | null;
    };
    if (last.id === null) return;
    statement(db, 'INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents WHERE id > ? AND id <= ?').run(
      from,
      last.id,
    );
    setIndexedThrough(db, last.id);
  });
  step();
}

/**
 * Takes documents about to be deleted out of the index, inside the caller's
 * transaction. External content means the index forgets a row only when told
 * its old values. Call settleIndexedThrough once they are deleted.
 */
export function forgetDocuments(db: Db, ids: readonly number[]): void {
  const through = indexedThrough(db);
  const forget = statement(
    db,
    "INSERT INTO documents_fts (documents_fts, rowid, title, text) SELECT 'delete', id, title, text FROM documents WHERE id = ?",
  );
  for (const id of ids) if (id <= through) forget.run(id);
}

/**
 * After deleting the newest documents, their ids will be handed out again
 * (SQLite reuses the largest rowid plus one): the mark comes down to the largest
 * id left, so a document given a reused id is indexed like any new one.
 */
export function settleIndexedThrough(db: Db): void {
  statement(db, 'UPDATE search_index_state SET indexed_through = min(indexed_through, (SELECT coalesce(max(id), 0) FROM documents))').run();
}

/**
 * Brings the index up to date, a chunk at a time, letting the event loop run
 * between chunks so a server stays responsive. Stops early when `signal` aborts;
 * what was indexed stays indexed.
 */
export async function catchUpSearchIndex(
  db: Db,
  options: {
    readonly onProgress?: (status: SearchIndexStatus) => void;
    readonly signal?: AbortSignal;
    /** Documents per transaction: larger is faster overall, smaller keeps a server more responsive. */
    readonly chunkDocuments?: number;
  } = {},
): Promise<SearchIndexStatus> {
  let status = searchIndexStatus(db);
  const total = status.indexed + status.pending;
  while (status.pending > 0 && !options.signal?.aborted) {
    indexNextDocuments(db, options.chunkDocuments);
    // The cheap count only: documents arriving meanwhile are pending too, and progress is all this is for.
    const pending = pendingDocuments(db);
    status = { indexed: Math.max(0, total - pending), pending };
    options.onProgress?.(status);
    await yieldToEventLoop();
  }
  return status;
}
