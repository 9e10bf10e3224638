/**
 * Sync under faults, against a real PostgreSQL-backed server run as its own
 * process: a laptop killed mid-push and mid-pull, the server killed mid-sync
 * and stopped while laptops work on, one annotator on two laptops editing the
 * same span, and a laptop whose clock runs an hour fast. Each case ends by
 * comparing the laptops' content with the server's: nothing lost, nothing twice.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinTeam, publishProject } from '../../src/main/team-client/publish-join.js';
import { syncProject } from '../../src/main/team-client/sync-run.js';
import { openTeamPool } from '../../src/main/team-server/database.js';
import { migrateTeamDatabase } from '../../src/main/team-server/migrate.js';
import { openProject, type Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { statement } from '../../src/main/store/statements.js';
import { apiCaller } from '../helpers/api.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { useTestCluster } from '../helpers/postgres.js';
import { createTestProject, tempDir } from '../helpers/project.js';
import { members } from '../unit/team-server-support.js';

const cluster = useTestCluster();
const ENTRY = resolve(REPO_ROOT, 'src/main/cli/index.ts');

/** A long note written for this test: many places to tag, an emoji and CRLF line ends along the way. */
const NOTE = Array.from({ length: 1_000 }, (_, n) => `Line ${n} 🏥 Harbour Hospital saw ${n + 3} patients.`).join('\r\n');
const OTHER = 'A short note. Lakeside Clinic opened a ward on 9 June 2024 with 12 beds.';

let pool: Pool;
let databaseUrl: string;
let port: number;
let tokens: Record<string, string>;
let serverProcess: ChildProcess | null = null;
const opened: Db[] = [];

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `marginalia team serve` on the file's port and waits until it listens. */
function startServer(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'team', 'serve', '--database', databaseUrl, '--port', String(port)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serverProcess = child;
  return new Promise((done, fail) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/listening on /.test(out)) done();
    });
    child.once('exit', (code) => fail(new Error(`team serve ended (${code}): ${err}${out}`)));
  });
}

/** Kills the server at once, as a crash or a pulled plug would. */
async function killServer(): Promise<void> {
  const child = serverProcess;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
  serverProcess = null;
}

const url = (): string => `http://127.0.0.1:${port}`;

function open(path: string): Db {
  const db = openProject(path);
  opened.push(db);
  return db;
}

/** Spans as the team knows them (by uid, with the document's hash), for comparing projects. */
function spansOf(db: Db, annotator?: string): Record<string, unknown>[] {
  return statement(
    db,
    `SELECT s.uid, d.content_hash AS document, s.start_cp, s.end_cp, s.label, s.annotator, s.status, s.note
       FROM spans s JOIN documents d ON d.id = s.document_id WHERE @annotator IS NULL OR s.annotator = @annotator ORDER BY s.uid`,
  ).all({ annotator: annotator ?? null }) as Record<string, unknown>[];
}

/** The server's live spans, in the same shape. */
async function serverSpans(owner?: string): Promise<Record<string, unknown>[]> {
  const { rows } = await pool.query(
    `SELECT key AS uid, document, (data->>'startCp')::int AS start_cp, (data->>'endCp')::int AS end_cp, data->>'label' AS label,
            owner AS annotator, data->>'status' AS status, data->>'note' AS note
       FROM records WHERE kind = 'span' AND NOT deleted AND ($1::text IS NULL OR owner = $1) ORDER BY key COLLATE "C"`,
    [owner ?? null],
  );
  return rows as Record<string, unknown>[];
}

/**
 * Tags `count` places of the long note for `annotator`, in one statement (the
 * change log's triggers record each span as the workbench's edits would).
 */
function tagMany(db: Db, annotator: string, count: number, from = 0): void {
  const documentId = statement(db, 'SELECT id FROM documents WHERE text = ?').pluck().get(NOTE) as number;
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
     INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at)
     SELECT ?, i, i + 1, 'FIGURE', ?, 'accepted', '2024-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z' FROM n`,
  ).run(from, from + count, documentId, annotator);
}

/** The pull cursor of a project another process is writing, or 0 while it is not there yet. */
function pullCursor(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT pull_cursor FROM sync_state').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** Runs `marginalia sync` in its own process and kills it once `ready` says the moment has come. */
async function killSyncWhen(path: string, ready: () => boolean | Promise<boolean>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'sync', '--db', path], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  let ended = false;
  void exited.then(() => (ended = true));
  while (!ended && !(await ready())) await new Promise((done) => setTimeout(done, 5));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  databaseUrl = await cluster().createDatabase();
  pool = openTeamPool(databaseUrl);
  await migrateTeamDatabase(pool);
  const team = await members(pool, { lead: 'lead', ann: 'annotator', cora: 'curator' });
  tokens = Object.fromEntries(Object.entries(team).map(([name, member]) => [name, member.token]));
  port = await freePort();
  await startServer();
  // The lead publishes two notes, both ann's.
  const { db, dbPath } = createTestProject();
  insertDocument(db, { title: 'Harbour log', source: 'harbour.txt', text: NOTE, meta: {} });
  insertDocument(db, { title: 'Lakeside', source: 'lakeside.txt', text: OTHER, meta: {} });
  const call = apiCaller(db, dbPath);
  await call('annotators:create', { name: 'ann' });
  await call('assignments:make', { annotators: ['ann'], share: 'all' });
  await publishProject(db, { url: url(), token: tokens.lead as string });
});

afterAll(async () => {
  for (const db of opened) if (db.open) db.close();
  await killServer();
  await pool?.end();
});

describe('sync under faults', () => {
  it('ends converged when the laptop is killed mid-push and mid-pull', async () => {
    const dir = tempDir();
    const annPath = join(dir, 'ann.sqlite');
    await joinTeam(annPath, { url: url(), token: tokens.ann as string });
    const ann = open(annPath);
    tagMany(ann, 'ann', 12_000);
    ann.close();

    // Killed once the server has some of the batches, not all.
    await killSyncWhen(annPath, async () => {
      const { rows } = await pool.query("SELECT count(*)::int AS n FROM records WHERE kind = 'span' AND owner = 'ann'");
      return (rows[0] as { n: number }).n > 0;
    });
    const { rows: partly } = await pool.query("SELECT count(*)::int AS n FROM records WHERE kind = 'span' AND owner = 'ann'");
    expect((partly[0] as { n: number }).n).toBeLessThan(12_000);

    const reopened = open(annPath);
    const finished = await syncProject(reopened);
    expect(finished.pushed + (partly[0] as { n: number }).n).toBeGreaterThanOrEqual(12_000);
    expect(await serverSpans('ann')).toEqual(spansOf(reopened, 'ann'));
    expect(spansOf(reopened, 'ann')).toHaveLength(12_000);

    // The curator's first pull is killed part-way: what was applied is whole pages, and the rerun completes it.
    const coraPath = join(dir, 'cora.sqlite');
    const joining = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'team', 'join', url(), '--db', coraPath, '--token', tokens.cora as string], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const joinExited = new Promise((done) => joining.once('exit', done));
    while (joining.exitCode === null && pullCursor(coraPath) === 0) await new Promise((done) => setTimeout(done, 2));
    // Still pulling (six pages of 2,000) when killed, with some pages applied.
    expect(joining.exitCode).toBeNull();
    joining.kill('SIGKILL');
    await joinExited;
    expect(pullCursor(coraPath)).toBeGreaterThan(0);
    expect(pullCursor(coraPath)).toBeLessThan(Number((await pool.query('SELECT max(seq) AS max FROM records')).rows[0].max));
    const cora = open(coraPath);
    await joinTeam(coraPath, { url: url(), token: tokens.cora as string });
    await syncProject(cora);
    expect(spansOf(cora)).toEqual(await serverSpans());
    expect(spansOf(cora, 'ann')).toEqual(spansOf(reopened, 'ann'));
  });

  it('keeps working while the server is down or killed mid-sync, and catches up after', async () => {
    const annPath = join(tempDir(), 'ann-2.sqlite');
    await joinTeam(annPath, { url: url(), token: tokens.ann as string });
    const ann = open(annPath);
    await syncProject(ann);

    // The server is killed while the push is under way.
    tagMany(ann, 'ann', 6_000, 20_000);
    let killed: Promise<void> | null = null;
    await expect(
      syncProject(ann, {
        batch: 1_000,
        onProgress: (progress) => {
          if (progress.phase === 'pushing' && progress.done >= 2_000 && killed === null) killed = killServer();
        },
      }),
    ).rejects.toThrow(/cannot be reached|refused/);
    await killed;

    // Stopped: work goes on, and the sync says why it could not happen.
    const call = apiCaller(ann, annPath);
    tagMany(ann, 'ann', 10, 30_000);
    await expect(syncProject(ann)).rejects.toThrow(/cannot be reached/);
    const status = await call('sync:status', {});
    expect(status.lastError).toMatch(/cannot be reached/);
    expect(status.waiting).toBeGreaterThan(10);

    await startServer();
    await syncProject(ann);
    expect(await call('sync:status', {})).toMatchObject({ waiting: 0, lastError: null });
    expect(await serverSpans('ann')).toEqual(spansOf(ann, 'ann'));
  });

  it('settles one annotator\'s two laptops by the hybrid clock, even with one clock an hour fast', async () => {
    const dir = tempDir();
    const [onePath, twoPath] = [join(dir, 'one.sqlite'), join(dir, 'two.sqlite')];
    await joinTeam(onePath, { url: url(), token: tokens.ann as string });
    await joinTeam(twoPath, { url: url(), token: tokens.ann as string });
    const one = open(onePath);
    const two = open(twoPath);
    const callOne = apiCaller(one, onePath);
    const callTwo = apiCaller(two, twoPath);
    const otherId = (db: Db): number => statement(db, 'SELECT id FROM documents WHERE text = ?').pluck().get(OTHER) as number;
    const span = await callOne('spans:create', { documentId: otherId(one), startCp: 14, endCp: 29, label: 'HOSPITAL', annotator: 'ann' });
    await syncProject(one);
    await syncProject(two);
    const uid = statement(one, 'SELECT uid FROM spans WHERE id = ?').pluck().get(span.id) as string;
    const onTwo = (): number => statement(two, 'SELECT id FROM spans WHERE uid = ?').pluck().get(uid) as number;
    const noteOf = (db: Db): unknown => statement(db, 'SELECT note FROM spans WHERE uid = ?').pluck().get(uid);
    // The clock of the laptop's latest change of the span, waiting to be pushed.
    const pendingClock = (db: Db): string =>
      statement(db, `SELECT hlc FROM sync_outbox WHERE kind = 'span' AND key = ? ORDER BY seq DESC LIMIT 1`).pluck().get(uid) as string;

    // Both laptops edit the span offline; the later edit wins on both, whichever syncs first.
    await callOne('spans:update', { id: span.id, note: 'first' });
    await new Promise((done) => setTimeout(done, 5));
    await callTwo('spans:update', { id: onTwo(), note: 'second' });
    await syncProject(two);
    await syncProject(one);
    await syncProject(two);
    expect([noteOf(one), noteOf(two)]).toEqual(['second', 'second']);

    // Laptop one's clock runs an hour fast (its clock has seen a wall time an hour ahead).
    statement(one, 'UPDATE sync_state SET wall_ms = ?').run(Date.now() + 3_600_000);
    await callOne('spans:update', { id: span.id, note: 'from the fast clock' });
    const fastEdit = pendingClock(one);
    await syncProject(one);
    await syncProject(two);
    expect(noteOf(two)).toBe('from the fast clock');
    // Two edits after reading it: by wall time it is an hour earlier, yet it is the later edit and wins.
    await callTwo('spans:update', { id: onTwo(), note: 'after reading it' });
    expect(pendingClock(two) > fastEdit).toBe(true);
    await syncProject(two);
    await syncProject(one);
    expect([noteOf(one), noteOf(two)]).toEqual(['after reading it', 'after reading it']);
    expect((await serverSpans('ann')).find((row) => row.uid === uid)).toMatchObject({ note: 'after reading it' });
  });
});
