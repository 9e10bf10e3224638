import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/api/dispatcher.js';
import { createJobRegistry } from '../../src/main/api/jobs.js';
import { createSearchIndexer, type SearchIndexer } from '../../src/main/api/search-indexer.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import type { ApiResult, OperationName, OutputOf } from '../../src/shared/api.js';
import type { ApiCall } from '../helpers/api.js';
import { jobFinished } from '../helpers/api.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { writeFiles } from '../helpers/files.js';
import { createTestProject } from '../helpers/project.js';

/**
 * The workbench's operations over a project whose search index catches up as
 * in the app: imports hand their documents to `searchIndexer`.
 */
function appCaller(db: Db, dbPath: string, searchIndexer: SearchIndexer): ApiCall {
  const dispatch = createDispatcher({ db, dbPath, shell: 'browser', jobs: createJobRegistry({ db, dbPath }), searchIndexer });
  return async <N extends OperationName>(name: N, input: unknown): Promise<OutputOf<N>> => {
    const result = (await dispatch(name, input)) as ApiResult<OutputOf<N>>;
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}

/**
 * The app's indexer, held back until `release()`: the test sees the moment
 * between an import's end and the index catching up, which is otherwise a race.
 */
function heldIndexer(db: Db) {
  const real = createSearchIndexer(db, { chunkDocuments: 2 });
  let held = true;
  let kicks = 0;
  const indexer: SearchIndexer = {
    kick() {
      kicks += 1;
      if (!held) real.kick();
    },
    idle: () => real.idle(),
    stop: () => real.stop(),
  };
  return {
    indexer,
    kicks: () => kicks,
    release() {
      held = false;
      real.kick();
    },
  };
}

describe('search catching up behind an import job', () => {
  it('lists the documents as soon as the job ends, reports them pending for search, and finds them once the index has caught up', async () => {
    const { db, dbPath } = createTestProject();
    const held = heldIndexer(db);
    const call = appCaller(db, dbPath, held.indexer);

    const job = await jobFinished(call, (await call('import:paths', { paths: [CORPUS_DIR] })).jobId);
    expect(job.state).toBe('done');
    expect(job.documentsImported).toBe(5);
    expect(held.kicks()).toBeGreaterThan(0);

    const all = await call('documents:list', {});
    expect(all.total).toBe(5);
    expect(all.searchPending).toBe(5);
    const before = await call('documents:list', { query: 'Moscow' });
    expect(before).toMatchObject({ total: 0, items: [], searchPending: 5 });
    const occurrencesBefore = await call('spans:occurrences', { documentId: all.items[0]?.id, startCp: 0, endCp: 5, label: 'HOSPITAL' });
    expect(occurrencesBefore.searchPending).toBe(5);

    held.release();
    await held.indexer.idle();
    const after = await call('documents:list', { query: 'Moscow' });
    expect(after.searchPending).toBe(0);
    expect(after.total).toBeGreaterThan(0);
    expect(after.items[0]?.snippet).toContain('\u0002Moscow\u0003');
    expect((await call('documents:list', { query: 'hospital' })).total).toBe(5);
    held.indexer.stop();
  });

  it('needs nothing but the job: its own kick brings the index up to date', async () => {
    const { db, dbPath } = createTestProject();
    const indexer = createSearchIndexer(db);
    const call = appCaller(db, dbPath, indexer);
    const job = await jobFinished(call, (await call('import:paths', { paths: [CORPUS_DIR] })).jobId);
    expect(job.state).toBe('done');
    await indexer.idle();
    expect(await call('documents:list', { query: 'Moscow' })).toMatchObject({ searchPending: 0, total: 1 });
    indexer.stop();
  });

  it('indexes what a cancelled import committed', async () => {
    const { db, dbPath, dir } = createTestProject();
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`doc-${String(i).padStart(2, '0')}.txt`] = `Report ${i}: Hue Central Hospital. cancelmarker${i}\n`;
    const folder = writeFiles(join(dir, 'many'), files);
    const held = heldIndexer(db);
    const call = appCaller(db, dbPath, held.indexer);

    const { jobId } = await call('import:paths', { paths: [folder] });
    // The import checks for cancellation before each file: it stops after the first.
    await call('jobs:cancel', { jobId });
    const job = await jobFinished(call, jobId);
    expect(job.error).toBeNull();
    expect(job.state).toBe('cancelled');
    const listed = await call('documents:list', {});
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.total).toBeLessThan(40);
    expect(listed.searchPending).toBe(listed.total);
    expect(held.kicks()).toBeGreaterThan(0);

    held.release();
    await held.indexer.idle();
    expect(await call('documents:list', { query: 'hospital' })).toMatchObject({ total: listed.total, searchPending: 0 });
    held.indexer.stop();
  });

  it('catches up a backlog another process left once someone searches', async () => {
    const { db, dbPath } = createTestProject();
    const indexer = createSearchIndexer(db);
    const call = appCaller(db, dbPath, indexer);
    insertDocument(db, { title: 'From elsewhere', source: 'other process', text: 'Bach Mai Hospital: stray cases', meta: {} }, { index: false });

    expect(await call('documents:list', {})).toMatchObject({ total: 1, searchPending: 1 });
    // Listing alone leaves the index be; a search is what needs it.
    await indexer.idle();
    expect((await call('documents:list', {})).searchPending).toBe(1);
    expect(await call('documents:list', { query: 'stray' })).toMatchObject({ total: 0, searchPending: 1 });
    await indexer.idle();
    expect(await call('documents:list', { query: 'stray' })).toMatchObject({ total: 1, searchPending: 0 });
    indexer.stop();
  });

  it('without an indexer, an import job leaves the index caught up itself', async () => {
    const { db, dbPath } = createTestProject();
    const dispatch = createDispatcher({ db, dbPath, shell: 'browser', jobs: createJobRegistry({ db, dbPath }) });
    const call: ApiCall = async <N extends OperationName>(name: N, input: unknown): Promise<OutputOf<N>> => {
      const result = (await dispatch(name, input)) as ApiResult<OutputOf<N>>;
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value;
    };
    await jobFinished(call, (await call('import:paths', { paths: [CORPUS_DIR] })).jobId);
    expect(await call('documents:list', { query: 'Moscow' })).toMatchObject({ searchPending: 0, total: 1 });
  });
});
