/**
 * Reference points for the import figure, measured on the same files in the same
 * run: a bare insert into a plain table (what SQLite alone costs), and the same
 * with a naive trigger-maintained FTS5 index (what full-text indexing adds).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { documentPath } from './generate-corpus.js';
import { log, mb, removeDatabase, secondsSince } from './measure.js';

/** Commit sizes of the pipeline's defaults, so batching is not what differs. */
const BATCH_BYTES = 32 * 1024 * 1024;
const BATCH_DOCUMENTS = 10_000;

/** One reference measurement. */
export interface ReferenceResult {
  readonly name: string;
  readonly documents: number;
  readonly bytes: number;
  readonly seconds: number;
  /** Of `seconds`, the part spent reading and decoding files. */
  readonly readSeconds: number;
  readonly mbPerSecond: number;
  readonly documentsPerSecond: number;
  /** Fraction of the corpus measured (1 unless the run was cut short to stay within its time budget). */
  readonly sampleFraction: number;
}

interface ReferenceSpec {
  readonly name: string;
  readonly schema: string;
  readonly insert: string;
  /** Stop after the first 20% when the whole would take longer than this. */
  readonly budgetSeconds?: number;
}

const BARE: ReferenceSpec = {
  name: 'bare insert',
  schema: 'CREATE TABLE documents (id INTEGER PRIMARY KEY, text TEXT)',
  insert: 'INSERT INTO documents (text) VALUES (?)',
};

const NAIVE_FTS: ReferenceSpec = {
  name: 'naive FTS5 trigger',
  schema: `
    CREATE TABLE documents (id INTEGER PRIMARY KEY, text TEXT);
    CREATE VIRTUAL TABLE documents_fts USING fts5(text, content = 'documents', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2');
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
      INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);
    END;`,
  insert: 'INSERT INTO documents (text) VALUES (?)',
  budgetSeconds: 120,
};

function runReference(spec: ReferenceSpec, dbPath: string, folder: string, docs: number): ReferenceResult {
  removeDatabase(dbPath);
  const started = performance.now();
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(spec.schema);
  const insert = db.prepare(spec.insert);
  const sampleEnd = Math.ceil(docs * 0.2);
  let readSeconds = 0;
  let bytes = 0;
  let batchBytes = 0;
  let batchDocs = 0;
  let done = 0;
  db.exec('BEGIN');
  for (let index = 0; index < docs; index++) {
    const reading = performance.now();
    const data = readFileSync(documentPath(folder, index));
    const text = data.toString('utf8');
    readSeconds += secondsSince(reading);
    insert.run(text);
    bytes += data.length;
    batchBytes += data.length;
    batchDocs++;
    done++;
    if (batchBytes >= BATCH_BYTES || batchDocs >= BATCH_DOCUMENTS) {
      db.exec('COMMIT; BEGIN');
      batchBytes = 0;
      batchDocs = 0;
    }
    if (done === sampleEnd && spec.budgetSeconds !== undefined && secondsSince(started) * (docs / done) > spec.budgetSeconds) {
      log(`${spec.name}: whole corpus would take over ${spec.budgetSeconds} s; measuring the first 20% only`);
      break;
    }
  }
  db.exec('COMMIT');
  db.close();
  const seconds = secondsSince(started);
  removeDatabase(dbPath);
  const result: ReferenceResult = {
    name: spec.name,
    documents: done,
    bytes,
    seconds,
    readSeconds,
    mbPerSecond: mb(bytes) / seconds,
    documentsPerSecond: done / seconds,
    sampleFraction: done / docs,
  };
  log(`${spec.name}: ${result.mbPerSecond.toFixed(1)} MB/s (${done} docs in ${seconds.toFixed(1)} s, reading ${readSeconds.toFixed(1)} s)`);
  return result;
}

/** Measures the bare-insert and naive-FTS references on the corpus in `folder`. */
export function runReferences(folder: string, docs: number, scratch: string): { bare: ReferenceResult; naiveFts: ReferenceResult } {
  const dbPath = `${scratch}/reference.sqlite`;
  const bare = runReference(BARE, dbPath, folder, docs);
  const naiveFts = runReference(NAIVE_FTS, dbPath, folder, docs);
  return { bare, naiveFts };
}
