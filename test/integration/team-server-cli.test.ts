import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { PullPage, PushOutput, type SyncRecord } from '../../src/shared/sync.js';
import { authenticate } from '../../src/main/team-server/store/members.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { useTestCluster } from '../helpers/postgres.js';
import { document, members, spanRecord, teamDatabase } from '../unit/team-server-support.js';

const cluster = useTestCluster();

/** The command line from its sources, so the test runs what is in the tree rather than a build that may be stale. */
const ENTRY = resolve(REPO_ROOT, 'src/main/cli/index.ts');

function cli(args: readonly string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Served {
  readonly url: string;
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

const running: Served[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((served) => served.stop()));
});

/** Starts `marginalia team serve` and resolves once it prints where it listens. */
function serve(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'team', 'serve', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done((exited = code))));
  const served = (url: string): Served => ({
    url,
    child,
    stop: () => {
      if (exited === undefined) child.kill('SIGTERM');
      return exit;
    },
  });
  return new Promise((resolveServed, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (https?:\/\/\S+)\n/.exec(stdout);
      if (match?.[1] !== undefined) {
        const result = served(match[1]);
        running.push(result);
        resolveServed(result);
      }
    });
    void exit.then((code) => reject(new Error(`team serve ended (${code}) before listening: ${stderr}${stdout}`)));
  });
}

async function post(url: string, token: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as unknown;
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function pullPage(url: string, token: string, after: number, limit: number) {
  const response = await fetch(`${url}/v1/pull?after=${after}&limit=${limit}`, { headers: { authorization: `Bearer ${token}` } });
  return PullPage.parse(await response.json());
}

const doc = document('Meals reached Hue Central Hospital today');

describe('marginalia team', () => {
  it('adds a member and prints their token once, lists and revokes members', async () => {
    const { url, pool } = await teamDatabase(cluster(), { migrate: false });
    const added = cli(['team', 'user', 'add', 'lena', '--database', url, '--role', 'lead']);
    expect(added.status, added.stderr).toBe(0);
    const lines = added.stdout.trim().split('\n');
    expect(lines[0]).toBe('added lena (lead); their token:');
    expect(lines[2]).toMatch(/will not be shown again/);
    expect(await authenticate(pool, lines[1] ?? '')).toEqual({ name: 'lena', role: 'lead' });

    const viaEnv = cli(['team', 'user', 'add', 'ann'], { MARGINALIA_TEAM_DATABASE: url });
    expect(viaEnv.status, viaEnv.stderr).toBe(0);
    expect(viaEnv.stdout).toContain('added ann (annotator)');
    const again = cli(['team', 'user', 'add', 'ann', '--database', url]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/"ann" is already a member/);
    expect(cli(['team', 'user', 'add', 'x', '--database', url, '--role', 'boss']).status).toBe(2);

    expect(cli(['team', 'user', 'revoke', 'ann', '--database', url]).stdout).toBe('revoked ann\n');
    const list = cli(['team', 'user', 'list', '--database', url, '--json']);
    expect((JSON.parse(list.stdout) as { name: string; role: string; revokedAt: string | null }[]).map((m) => [m.name, m.role, m.revokedAt !== null])).toEqual([
      ['ann', 'annotator', true],
      ['lena', 'lead', false],
    ]);
    expect(cli(['team', 'user', 'list', '--database', url]).stdout).toMatch(/^ann\s+annotator\s+since \d{4}-\d\d-\d\d, revoked \d{4}/);
  });

  it('says what is missing or wrong before it starts', async () => {
    const noDatabase = cli(['team', 'user', 'list'], { MARGINALIA_TEAM_DATABASE: '' });
    expect(noDatabase.status).toBe(2);
    expect(noDatabase.stderr).toContain('--database postgres://');
    const { url } = await teamDatabase(cluster());
    const exposed = cli(['team', 'serve', '--database', url, '--host', '0.0.0.0']);
    expect(exposed.status).toBe(2);
    expect(exposed.stderr).toMatch(/refusing to serve plain HTTP on 0\.0\.0\.0/);
    const halfTls = cli(['team', 'serve', '--database', url, '--cert', 'c.pem']);
    expect(halfTls.status).toBe(2);
    expect(halfTls.stderr).toContain('--cert and --key go together');
    const unreachable = cli(['team', 'user', 'list', '--database', `postgres://postgres:secret@127.0.0.1:1/none`]);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/cannot use the team database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none/);
    expect(unreachable.stderr).not.toContain('secret');
  });

  it('runs as two processes on one database: a push to either is pulled from both', async () => {
    const { url, pool } = await teamDatabase(cluster(), { migrate: false });
    // Both start on a fresh database at once, so both try to migrate it.
    const [one, two] = await Promise.all([serve(['--database', url, '--project-name', 'Flood relief']), serve(['--database', url])]);
    const team = await members(pool, { lena: 'lead', ann: 'annotator', bob: 'annotator' });
    await post(one!.url, team.lena!.token, '/v1/documents', { documents: [doc] });
    await post(one!.url, team.lena!.token, '/v1/push', { records: [{ kind: 'setting', key: 'blindAnnotation', owner: null, document: null, data: { value: false }, changeId: 'f'.repeat(32), hlc: '000000000001-0000-lena' }] });
    const fromAnn = spanRecord({ owner: 'ann', document: doc.hash });
    const fromBob = spanRecord({ owner: 'bob', document: doc.hash });
    expect(PushOutput.parse(await post(one!.url, team.ann!.token, '/v1/push', { records: [fromAnn] })).applied).toBe(1);
    expect(PushOutput.parse(await post(two!.url, team.bob!.token, '/v1/push', { records: [fromBob] })).applied).toBe(1);
    for (const server of [one!, two!]) {
      const page = await pullPage(server.url, team.ann!.token, 0, 100);
      expect(page.records.map((r) => r.key).sort()).toEqual(['blindAnnotation', fromAnn.key, fromBob.key].sort());
    }
    const whoami = await fetch(`${two!.url}/v1/whoami`, { headers: { authorization: `Bearer ${team.ann!.token}` } });
    expect(await whoami.json()).toEqual({ name: 'ann', role: 'annotator', project: 'Flood relief' });
    // SIGTERM ends each quietly.
    expect(await one!.stop()).toBe(0);
    expect(await two!.stop()).toBe(0);
  });

  it('never lets a puller skip a record while several laptops push at once through two servers', async () => {
    const { url, pool } = await teamDatabase(cluster());
    // Each record's write takes a few milliseconds, which widens the window between a push taking
    // its seqs and committing: where a later push, committing first, would otherwise be seen first.
    await pool.query(`CREATE FUNCTION slow_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(random() * 0.004); RETURN NEW; END $$`);
    await pool.query('CREATE TRIGGER slow_write BEFORE INSERT OR UPDATE ON records FOR EACH ROW EXECUTE FUNCTION slow_write()');
    const [one, two] = await Promise.all([serve(['--database', url]), serve(['--database', url])]);
    const writers = ['w0', 'w1', 'w2', 'w3', 'w4', 'w5'];
    const team = await members(pool, Object.fromEntries([['lena', 'lead'], ...writers.map((name) => [name, 'annotator'])]));
    await post(one!.url, team.lena!.token, '/v1/documents', { documents: [doc] });
    const servers = [one!.url, two!.url];

    let writing = true;
    const seen = new Map<string, number>();
    let pulls = 0;
    const puller = (async () => {
      let after = 0;
      for (;;) {
        const done = !writing;
        const page = await pullPage(servers[pulls++ % 2]!, team.lena!.token, after, 37);
        for (const record of page.records) seen.set(record.key, record.seq ?? -1);
        after = page.next;
        // One last drain after the writers have finished.
        if (done && !page.more) return;
      }
    })();

    const pushed: SyncRecord[] = [];
    await Promise.all(
      writers.map(async (name, index) => {
        for (let batch = 0; batch < 10; batch++) {
          const records = Array.from({ length: 1 + ((batch * 7 + index) % 25) }, () => spanRecord({ owner: name, document: doc.hash }));
          pushed.push(...records);
          await post(servers[(index + batch) % 2]!, team[name]!.token, '/v1/push', { records });
        }
      }),
    );
    writing = false;
    await puller;

    expect(pulls).toBeGreaterThan(10);
    const { rows } = await pool.query<{ key: string; seq: number }>('SELECT key, seq::int FROM records');
    expect(rows).toHaveLength(pushed.length);
    expect(new Map(rows.map((row) => [row.key, row.seq]))).toEqual(seen);
  });
});
