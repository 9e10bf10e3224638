import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject, type Db } from '../../src/main/store/connection.js';
import { runJob } from '../../src/main/jobs/run-job.js';
import { apiCaller, jobFinished } from '../helpers/api.js';
import { startCli } from '../helpers/cli.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { writeFiles } from '../helpers/files.js';
import { httpCaller } from '../helpers/http-api.js';
import { createTestProject, tempDir } from '../helpers/project.js';

const HOSPITALS = ['Bach Mai Hospital', 'Cho Ray Hospital', 'Hue Central Hospital', 'Da Nang General Hospital'];
const PEOPLE = ['Dr Nguyen Van An', 'Minister Tran Thi Lan', 'Dr Le Minh Duc'];

/** A short news item the recognisers find hospitals, dates, people and figures in; the seed makes each one different. */
function newsItem(seed: number): string {
  const hospital = HOSPITALS[seed % HOSPITALS.length] as string;
  const person = PEOPLE[seed % PEOPLE.length] as string;
  return `Item ${seed}. On ${1 + (seed % 28)} March 2024, ${person} said ${hospital} treated ${100 + seed} patients.\n`;
}

/** A folder of the shared corpus's files beside `count` generated news items. */
function corpusWithNews(count: number): string[] {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`item-${String(i).padStart(5, '0')}.txt`] = newsItem(i);
  return [CORPUS_DIR, writeFiles(join(tempDir(), 'news'), files)];
}

/** What suggestion runs stored, by place and text rather than by id. */
function suggested(db: Db): unknown[] {
  return db
    .prepare(
      `SELECT d.content_hash, s.start_cp, s.end_cp, s.label, s.status, s.recogniser FROM spans s JOIN documents d ON d.id = s.document_id
       ORDER BY d.content_hash, s.start_cp, s.end_cp, s.label`,
    )
    .all();
}

function integrity(db: Db): string {
  return db.pragma('integrity_check', { simple: true }) as string;
}

/** A project holding `paths`, its suggestions run to the end without interruption: what an interrupted run must come to. */
async function uninterrupted(paths: readonly string[]): Promise<unknown[]> {
  const { db } = createTestProject();
  await runJob(db, { kind: 'import', paths });
  await runJob(db, { kind: 'suggest' });
  return suggested(db);
}

describe('jobs in their own threads', () => {
  it('a cancelled suggestion job leaves whole batches, and running it again completes it', { timeout: 180_000 }, async () => {
    const paths = corpusWithNews(1500);
    const { db, dbPath } = createTestProject();
    await runJob(db, { kind: 'import', paths });
    const call = apiCaller(db, dbPath);

    const { jobId } = await call('suggestions:run', {});
    // Cancel once the first batch is in: the job is part-way.
    while ((await call('jobs:get', { jobId })).filesDone === 0) await new Promise((resolve) => setImmediate(resolve));
    await call('jobs:cancel', { jobId });
    const cancelled = await jobFinished(call, jobId);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.filesDone).toBeLessThan(cancelled.filesTotal);
    expect(integrity(db)).toBe('ok');
    const partial = suggested(db).length;
    expect(partial).toBeGreaterThan(0);

    const again = await jobFinished(call, (await call('suggestions:run', {})).jobId);
    expect(again.state).toBe('done');
    const complete = suggested(db);
    expect(complete.length).toBeGreaterThan(partial);
    expect(complete).toEqual(await uninterrupted(paths));
  });

  it('a server killed during a job leaves a sound project that the next run completes', { timeout: 180_000 }, async () => {
    const paths = corpusWithNews(3000);
    const { db, dbPath } = createTestProject();
    await runJob(db, { kind: 'import', paths });
    db.close();

    const server = startCli(['serve', '--db', dbPath, '--port', '0']);
    let out = '';
    const url = await new Promise<URL>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
        if (found) resolve(new URL(found[0]));
      });
      server.once('exit', () => reject(new Error(`the server ended before it printed its address: ${out}`)));
    });
    const call = httpCaller({ port: Number(url.port), token: url.searchParams.get('token') as string });
    const started = await call('suggestions:run', {});
    if (!started.ok) throw new Error(started.error.message);
    for (;;) {
      const state = await call('jobs:get', { jobId: started.value.jobId });
      if (!state.ok) throw new Error(state.error.message);
      expect(state.value.state).toBe('running');
      if (state.value.filesDone > 0) break;
    }
    server.kill('SIGKILL');
    await once(server, 'exit');

    const reopened = openProject(dbPath, { mustExist: true });
    try {
      expect(integrity(reopened)).toBe('ok');
      await runJob(reopened, { kind: 'suggest' });
      expect(suggested(reopened)).toEqual(await uninterrupted(paths));
    } finally {
      reopened.close();
    }
  });
});
