import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/api/dispatcher.js';
import { createJobRegistry } from '../../src/main/api/jobs.js';
import { OFF_THREAD_OPERATIONS, createOperationThread, type OperationThread } from '../../src/main/api/operation-thread.js';
import { runJob } from '../../src/main/jobs/run-job.js';
import type { Db } from '../../src/main/store/connection.js';
import type { ApiResult, OperationName } from '../../src/shared/api.js';
import { apiCaller } from '../helpers/api.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { createTestProject } from '../helpers/project.js';

/** The real corpus with its suggestions, a share accepted by one annotator and a share by another. */
async function twoAnnotatorProject() {
  const project = createTestProject();
  const { db } = project;
  await runJob(db, { kind: 'import', paths: [CORPUS_DIR] });
  await runJob(db, { kind: 'suggest' });
  const ids = db.prepare("SELECT id FROM spans WHERE status = 'suggested' ORDER BY id").pluck().all() as number[];
  const call = apiCaller(db, project.dbPath);
  await call('spans:decide', { ids: ids.filter((_, i) => i % 3 !== 0), status: 'accepted', annotator: 'lan' });
  // Minh accepts the same places as lan's copies, and some of her own.
  db.prepare(
    `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at)
     SELECT document_id, start_cp, end_cp, label, 'minh', 'accepted', created_at, updated_at FROM spans WHERE annotator = 'lan' AND id % 4 <> 0`,
  ).run();
  return project;
}

function dispatcherOver(db: Db, dbPath: string, operationThread?: OperationThread) {
  return createDispatcher({ db, dbPath, shell: 'browser', jobs: createJobRegistry({ db, dbPath }), operationThread });
}

describe('operations over the whole project answer from their own thread', () => {
  it('gives what the answering thread gives, and the thread is the one that answered', { timeout: 120_000 }, async () => {
    const { db, dbPath } = await twoAnnotatorProject();
    const thread = createOperationThread({ dbPath });
    const served: OperationName[] = [];
    const recording: OperationThread = {
      run: (name, input) => {
        served.push(name);
        return thread.run(name, input);
      },
      close: () => thread.close(),
    };
    const threaded = dispatcherOver(db, dbPath, recording);
    const inline = dispatcherOver(db, dbPath);
    // A tagged place whose words also stand untagged elsewhere in the corpus.
    const spans = db.prepare("SELECT document_id, start_cp, end_cp, label FROM spans WHERE annotator = 'lan' ORDER BY id").all() as {
      document_id: number;
      start_cp: number;
      end_cp: number;
      label: string;
    }[];
    let occurrence: { documentId: number; startCp: number; endCp: number; label: string } | undefined;
    for (const span of spans) {
      const candidate = { documentId: span.document_id, startCp: span.start_cp, endCp: span.end_cp, label: span.label };
      const found = (await inline('spans:occurrences', candidate)) as ApiResult<{ inCorpus: number }>;
      if (found.ok && found.value.inCorpus > 0) {
        occurrence = candidate;
        break;
      }
    }
    if (!occurrence) throw new Error('the corpus has no tagged words that also stand untagged in another document');
    const reads: [OperationName, unknown][] = [
      ['overview:get', {}],
      ['annotators:list', {}],
      ['agreement:measure', { annotators: ['lan', 'minh'] }],
      ['adjudication:list', { annotators: ['lan', 'minh'] }],
      ['entities:suggestions', {}],
      ['spans:occurrences', occurrence],
    ];
    try {
      for (const [name, input] of reads) {
        const fromThread = (await threaded(name, input)) as ApiResult<unknown>;
        expect(fromThread.ok, `${name}: ${JSON.stringify(fromThread)}`).toBe(true);
        expect(fromThread).toEqual(await inline(name, input));
      }
      // A write there is an edit like any other: stored, and undone from the answering thread.
      const lansCount = (): number => db.prepare("SELECT count(*) FROM spans WHERE annotator = 'lan' AND status = 'accepted'").pluck().get() as number;
      const before = lansCount();
      const tagged = (await threaded('spans:tagOccurrences', { ...occurrence, annotator: 'lan', scope: 'corpus' })) as ApiResult<{ created: number }>;
      expect(tagged.ok && tagged.value.created).toBeGreaterThan(0);
      const created = tagged.ok ? tagged.value.created : 0;
      expect(lansCount()).toBe(before + created);
      expect((await inline('history:undo', {})).ok).toBe(true);
      expect(lansCount()).toBe(before);
      // Bad input is refused before it crosses.
      expect(await threaded('agreement:measure', { annotators: 'lan' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(served).toEqual([...reads.map(([name]) => name), 'spans:tagOccurrences']);
      expect(served.every((name) => OFF_THREAD_OPERATIONS.has(name))).toBe(true);
    } finally {
      await thread.close();
    }
  });
});
