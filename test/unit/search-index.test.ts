import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSearchIndexer } from '../../src/main/api/search-indexer.js';
import { importPaths } from '../../src/main/import/pipeline.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { catchUpSearchIndex, indexedThrough, pendingDocuments, searchIndexStatus } from '../../src/main/store/search-index.js';
import { searchDocuments } from '../../src/main/store/search.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { writeFiles } from '../helpers/files.js';
import { createTestProject } from '../helpers/project.js';

/** Rows in the index: one per indexed document, so a document indexed twice shows as one too many. */
function indexedRows(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM documents_fts_docsize').get() as { n: number }).n;
}

/** Documents whose index entry matches `word`. */
function matches(db: Db, word: string): number {
  return (db.prepare('SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH ?').get(`"${word}"`) as { n: number }).n;
}

/** FTS5's own check that the index holds exactly what the documents table holds. */
function indexAgreesWithDocuments(db: Db): void {
  db.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)");
}

/** `count` small text files, each with a word of its own (`marker0`, `marker1`, …). */
function numberedFiles(dir: string, count: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`doc-${String(i).padStart(3, '0')}.txt`] = `Report ${i}\nBach Mai Hospital admitted patients. marker${i}\n`;
  return writeFiles(join(dir, 'numbered'), files);
}

describe('the search index backlog', () => {
  it('leaves a deferred import unsearchable, then catching up makes every document searchable exactly once', async () => {
    const { db } = createTestProject();
    const report = await importPaths(db, [CORPUS_DIR], { deferSearchIndex: true });
    expect(report.documentsImported).toBe(5);

    const titles = db.prepare('SELECT id, title FROM documents ORDER BY id').all() as { id: number; title: string }[];
    expect(titles).toHaveLength(5);
    expect(searchIndexStatus(db)).toEqual({ indexed: 0, pending: 5 });
    expect(pendingDocuments(db)).toBe(5);
    expect(indexedRows(db)).toBe(0);
    expect(searchDocuments(db, 'Moscow')).toEqual([]);
    for (const { title } of titles) expect(searchDocuments(db, title)).toEqual([]);

    const progress: number[] = [];
    const status = await catchUpSearchIndex(db, { chunkDocuments: 2, onProgress: (s) => progress.push(s.indexed) });
    expect(status).toEqual({ indexed: 5, pending: 0 });
    expect(progress).toEqual([2, 4, 5]);
    expect(indexedThrough(db)).toBe(titles[titles.length - 1]?.id);
    expect(indexedRows(db)).toBe(5);
    for (const { id, title } of titles) expect(searchDocuments(db, title).map((hit) => hit.id)).toContain(id);
    expect(searchDocuments(db, 'Moscow').length).toBeGreaterThan(0);
    indexAgreesWithDocuments(db);

    // Nothing left: a second catch-up writes nothing.
    expect(await catchUpSearchIndex(db)).toEqual({ indexed: 5, pending: 0 });
    expect(indexedRows(db)).toBe(5);
  });

  it('makes an import searchable before it returns unless told to defer', async () => {
    const { db } = createTestProject();
    await importPaths(db, [CORPUS_DIR]);
    expect(searchIndexStatus(db)).toEqual({ indexed: 5, pending: 0 });
    expect(searchDocuments(db, 'Moscow').length).toBeGreaterThan(0);
  });

  it('holds a document stored behind a backlog back until its turn, then indexes it once', async () => {
    const { db, dir } = createTestProject();
    await importPaths(db, [numberedFiles(dir, 12)], { deferSearchIndex: true });
    const through = indexedThrough(db);

    const added = insertDocument(db, { title: 'Late arrival', source: 'typed', text: 'Cho Ray Hospital opened a stroke unit. latecomer', meta: {} });
    if (!added.inserted) throw new Error('expected a new document');
    // Indexing it now would put it ahead of twelve older documents; it waits.
    expect(indexedThrough(db)).toBe(through);
    expect(matches(db, 'latecomer')).toBe(0);
    expect(pendingDocuments(db)).toBe(13);

    await catchUpSearchIndex(db, { chunkDocuments: 5 });
    expect(indexedThrough(db)).toBe(added.id);
    expect(matches(db, 'latecomer')).toBe(1);
    expect(matches(db, 'hospital')).toBe(13);
    expect(indexedRows(db)).toBe(13);
    indexAgreesWithDocuments(db);

    // Caught up: the next document goes into the index with its own insert.
    const next = insertDocument(db, { title: 'Next', source: 'typed', text: 'Hue Central Hospital. punctual', meta: {} });
    if (!next.inserted) throw new Error('expected a new document');
    expect(indexedThrough(db)).toBe(next.id);
    expect(matches(db, 'punctual')).toBe(1);
    expect(indexedRows(db)).toBe(14);
  });

  it('resumes an interrupted catch-up where it stopped, indexing nothing twice', async () => {
    const { db, dbPath, dir } = createTestProject();
    await importPaths(db, [numberedFiles(dir, 25)], { deferSearchIndex: true });
    const ids = (db.prepare('SELECT id FROM documents ORDER BY id').all() as { id: number }[]).map((row) => row.id);

    const controller = new AbortController();
    const stopped = await catchUpSearchIndex(db, { chunkDocuments: 10, signal: controller.signal, onProgress: () => controller.abort() });
    expect(stopped).toEqual({ indexed: 10, pending: 15 });
    expect(indexedThrough(db)).toBe(ids[9]);
    expect(matches(db, 'marker9')).toBe(1);
    expect(matches(db, 'marker10')).toBe(0);

    // As after a restart: a fresh connection reads the mark from the file.
    db.close();
    const reopened = new Database(dbPath);
    try {
      expect(indexedThrough(reopened)).toBe(ids[9]);
      expect(await catchUpSearchIndex(reopened, { chunkDocuments: 10 })).toEqual({ indexed: 25, pending: 0 });
      expect(indexedRows(reopened)).toBe(25);
      for (let i = 0; i < 25; i++) expect(matches(reopened, `marker${i}`)).toBe(1);
      indexAgreesWithDocuments(reopened);
    } finally {
      reopened.close();
    }
  });
});

describe('the search indexer of a running app', () => {
  it('catches up when kicked, in chunks, and reports idle once done', async () => {
    const { db, dir } = createTestProject();
    await importPaths(db, [numberedFiles(dir, 30)], { deferSearchIndex: true });
    const indexer = createSearchIndexer(db, { chunkDocuments: 7 });
    indexer.kick();
    // Chunks run between turns of the event loop: the first kick has indexed one chunk at most so far.
    expect(searchIndexStatus(db).indexed).toBeLessThanOrEqual(7);
    indexer.kick();
    await indexer.idle();
    expect(searchIndexStatus(db)).toEqual({ indexed: 30, pending: 0 });
    expect(indexedRows(db)).toBe(30);
    indexer.stop();
  });

  it('waits out another process holding the write lock, says so once, and finishes afterwards', async () => {
    const { db, dbPath, dir } = createTestProject();
    await importPaths(db, [numberedFiles(dir, 10)], { deferSearchIndex: true });
    // Fail at once instead of blocking the test for the usual five seconds.
    db.pragma('busy_timeout = 0');
    const other = new Database(dbPath);
    other.exec('BEGIN IMMEDIATE');
    const reports: string[] = [];
    const indexer = createSearchIndexer(db, { chunkDocuments: 4, retryMs: 20, report: (message) => reports.push(message) });
    try {
      indexer.kick();
      const idle = indexer.idle();
      // Let a few retries fail while the lock is held.
      for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(searchIndexStatus(db).indexed).toBe(0);
      other.exec('COMMIT');
      await idle;
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      indexer.stop();
    }
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/search index: could not catch up \(database is locked\)/);
    expect(searchIndexStatus(db)).toEqual({ indexed: 10, pending: 0 });
  });

  it('does nothing once stopped', async () => {
    const { db, dir } = createTestProject();
    await importPaths(db, [numberedFiles(dir, 5)], { deferSearchIndex: true });
    const indexer = createSearchIndexer(db);
    indexer.stop();
    indexer.kick();
    await indexer.idle();
    expect(pendingDocuments(db)).toBe(5);
  });
});
