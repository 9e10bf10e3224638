import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/main/jobs/run-job.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { redo, undo } from '../../src/main/store/history.js';
import { decideAllSuggestions } from '../../src/main/suggest/decide.js';
import { apiCaller, jobFinished, refusal } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';

/** `documents` documents with a suggested HOSPITAL and a suggested DATE each. */
function seed(db: Db, documents: number): void {
  db.transaction(() => {
    for (let i = 0; i < documents; i++) {
      const text = `Bach Mai Hospital ${i} opened on 5 March 2024.`;
      const id = insertDocument(db, { title: `d${i}`, source: `d${i}.txt`, text, meta: {} }, { index: false }).id;
      const hospital = `Bach Mai Hospital ${i}`;
      const insert = db.prepare(
        `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, recogniser, confidence, created_at, updated_at)
         VALUES (?, ?, ?, ?, '', 'suggested', 'test', 0.9, 't', 't')`,
      );
      insert.run(id, 0, hospital.length, 'HOSPITAL');
      const date = text.indexOf('5 March 2024');
      insert.run(id, date, date + '5 March 2024'.length, 'DATE');
    }
  })();
}

function statuses(db: Db): Record<string, number> {
  const rows = db.prepare("SELECT label || ':' || status || ':' || annotator AS k, count(*) AS n FROM spans GROUP BY k").all() as { k: string; n: number }[];
  return Object.fromEntries(rows.map((row) => [row.k, row.n]));
}

describe('accepting every suggestion of a label across the project', () => {
  it('accepts that label only, a batch of documents at a time, and one undo takes back every batch', async () => {
    const { db } = createTestProject();
    seed(db, 450);
    const seen: number[] = [];
    const report = await decideAllSuggestions(db, { label: 'HOSPITAL', status: 'accepted', annotator: 'lan', batchDocuments: 100, onProgress: (p) => seen.push(p.documentsDone) });
    expect(report).toEqual({ changed: 450, documents: 450, cancelled: false });
    expect(seen).toEqual([0, 100, 200, 300, 400, 450]);
    expect(statuses(db)).toEqual({ 'HOSPITAL:accepted:lan': 450, 'DATE:suggested:': 450 });
    expect(db.prepare('SELECT count(*) FROM edits WHERE batch IS NOT NULL').pluck().get()).toBe(5);
    // The form was learnt once per acceptance, as accepting them one by one would teach it.
    expect(db.prepare("SELECT sum(accepted) FROM gazetteer WHERE label = 'HOSPITAL'").pluck().get()).toBe(450);

    const undone = undo(db);
    expect(undone.description).toBe('accept 450 HOSPITAL suggestions in 450 documents');
    expect(statuses(db)).toEqual({ 'HOSPITAL:suggested:': 450, 'DATE:suggested:': 450 });
    expect(db.prepare("SELECT coalesce(sum(accepted), 0) FROM gazetteer WHERE label = 'HOSPITAL'").pluck().get()).toBe(0);
    redo(db);
    expect(statuses(db)).toEqual({ 'HOSPITAL:accepted:lan': 450, 'DATE:suggested:': 450 });
  });

  it('stops between batches when cancelled, and undo takes back what it did', async () => {
    const { db } = createTestProject();
    seed(db, 300);
    const controller = new AbortController();
    const report = await decideAllSuggestions(db, {
      status: 'rejected',
      annotator: 'lan',
      batchDocuments: 100,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.documentsDone === 100) controller.abort();
      },
    });
    expect(report).toEqual({ changed: 200, documents: 100, cancelled: true });
    expect(statuses(db)).toEqual({ 'HOSPITAL:rejected:': 100, 'HOSPITAL:suggested:': 200, 'DATE:rejected:': 100, 'DATE:suggested:': 200 });
    undo(db);
    expect(statuses(db)).toEqual({ 'HOSPITAL:suggested:': 300, 'DATE:suggested:': 300 });
  });

  it('runs as a job from the workbench, refuses an unknown label, and answers undo from the history', async () => {
    const { db, dbPath } = createTestProject();
    seed(db, 120);
    const call = apiCaller(db, dbPath);
    expect(await refusal(call, 'suggestions:decideAll', { label: 'NOPE', status: 'accepted', annotator: 'lan' })).toMatch(/^failed: unknown label NOPE/);
    const job = await jobFinished(call, (await call('suggestions:decideAll', { label: 'DATE', status: 'accepted', annotator: 'lan' })).jobId);
    expect(job).toMatchObject({ kind: 'decide', state: 'done', filesDone: 120, filesTotal: 120, summary: 'accepted 120 suggestions in 120 documents' });
    expect(statuses(db)).toEqual({ 'HOSPITAL:suggested:': 120, 'DATE:accepted:lan': 120 });
    expect((await call('history:undo', {})).description).toBe('accept 120 DATE suggestions in 120 documents');
    // The same job is what the command line and benchmarks run.
    expect(await runJob(db, { kind: 'decide', status: 'accepted', annotator: 'minh' })).toMatchObject({ changed: 240, documents: 120 });
  });
});
