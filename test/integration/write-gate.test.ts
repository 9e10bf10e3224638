import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runJobInThread } from '../../src/main/jobs/job-thread.js';
import { runJob } from '../../src/main/jobs/run-job.js';
import { createWriteGate, servingWorkbench } from '../../src/main/store/write-gate.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { createTestProject } from '../helpers/project.js';

describe('the workbench goes before a job’s next batch', () => {
  it('a job thread writes nothing while a request is being served, and goes on once it is answered', { timeout: 120_000 }, async () => {
    const { db, dbPath } = createTestProject();
    await runJob(db, { kind: 'import', paths: [CORPUS_DIR] });
    const suggested = (): number => db.prepare("SELECT count(*) FROM spans WHERE status = 'suggested'").pluck().get() as number;
    const gate = createWriteGate();

    let answer: () => void = () => undefined;
    const request = servingWorkbench(gate, () => new Promise<void>((resolve) => (answer = resolve)));
    let started = false;
    const job = runJobInThread({ dbPath, writeGate: gate }, { kind: 'suggest' }, { onProgress: () => (started = true) });
    // The job has begun (its first progress comes before its first batch) but waits at the gate.
    while (!started) await sleep(10);
    await sleep(300);
    expect(suggested()).toBe(0);

    answer();
    await request;
    const report = await job;
    expect(report.proposed).toBeGreaterThan(0);
    expect(suggested()).toBe(report.proposed);
  });

  it('a thread that never joined a gate does not wait for it', async () => {
    const { db } = createTestProject();
    await runJob(db, { kind: 'import', paths: [CORPUS_DIR] });
    const gate = createWriteGate();
    const report = await servingWorkbench(gate, () => runJob(db, { kind: 'suggest' }));
    expect(report.proposed).toBeGreaterThan(0);
  });
});
