import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Pool } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentsPage, PullPage, PushOutput, WhoAmI } from '../../src/shared/sync.js';
import { UsageError } from '../../src/main/errors.js';
import { openTeamPool } from '../../src/main/team-server/database.js';
import { startTeamServer, type TeamServer, type TeamServerOptions } from '../../src/main/team-server/http/server.js';
import { checkTransport, isLoopbackHost } from '../../src/main/team-server/http/transport.js';
import { revokeMember } from '../../src/main/team-server/store/members.js';
import { useTestCluster } from '../helpers/postgres.js';
import { tempDir } from '../helpers/project.js';
import { assignmentRecord, document, labelRecord, members, spanRecord, teamDatabase } from '../unit/team-server-support.js';

const cluster = useTestCluster();

let servers: TeamServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

const docA = document('Meals reached Hue Central Hospital today', 'A');
const docB = document('The clinic in Da Nang opened on 3 May', 'B');

interface Team {
  readonly pool: Pool;
  readonly server: TeamServer;
  readonly tokens: Record<'lena' | 'cora' | 'ann' | 'bob', string>;
}

async function startTeam(options: Partial<TeamServerOptions> = {}): Promise<Team> {
  const { pool } = await teamDatabase(cluster());
  const team = await members(pool, { lena: 'lead', cora: 'curator', ann: 'annotator', bob: 'annotator' });
  const server = await startTeamServer({ pool, port: 0, ...options });
  servers.push(server);
  return { pool, server, tokens: { lena: team.lena!.token, cora: team.cora!.token, ann: team.ann!.token, bob: team.bob!.token } };
}

interface Reply {
  readonly status: number;
  readonly body: { error?: string } & Record<string, unknown>;
  readonly headers: Headers;
}

async function call(server: TeamServer, path: string, options: { token?: string; method?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, {
    method: options.method ?? (options.body === undefined && options.raw === undefined ? 'GET' : 'POST'),
    headers: { ...headers, ...options.headers },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Reply['body'], headers: response.headers };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('team server over HTTP', () => {
  it('answers /v1/health without a token, and everything else only with one', async () => {
    const { server, tokens } = await startTeam();
    expect(await call(server, '/v1/health')).toMatchObject({ status: 200, body: { ok: true } });
    const anonymous = await call(server, '/v1/whoami');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toContain('Authorization: Bearer');
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call(server, '/v1/nowhere')).status).toBe(401);
    const me = await call(server, '/v1/whoami', { token: tokens.ann });
    expect(me.status).toBe(200);
    expect(WhoAmI.parse(me.body)).toEqual({ name: 'ann', role: 'annotator', project: expect.stringMatching(/^t_/) as unknown });
    expect((await call(server, '/v1/nowhere', { token: tokens.ann })).status).toBe(404);
    const wrongMethod = await call(server, '/v1/push', { token: tokens.ann });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('answers a wrong token later with each failure from the address, and a good one clears the count', async () => {
    const { server, pool, tokens } = await startTeam({ loginDelayMs: 150 });
    const first = await timed(() => call(server, '/v1/whoami', { token: 'guessed-token' }));
    const second = await timed(() => call(server, '/v1/whoami', { token: 'guessed-again' }));
    expect(first.value.status).toBe(401);
    expect(second.value.status).toBe(401);
    expect(first.value.body.error).toContain('not valid');
    expect(first.ms).toBeGreaterThanOrEqual(140);
    expect(second.ms).toBeGreaterThanOrEqual(290);
    expect(second.ms).toBeGreaterThan(first.ms + 100);
    expect((await pool.query('SELECT address, failures FROM login_failures')).rows).toEqual([{ address: '127.0.0.1', failures: 2 }]);

    expect((await call(server, '/v1/whoami', { token: tokens.ann })).status).toBe(200);
    expect((await pool.query('SELECT count(*)::int AS n FROM login_failures')).rows).toEqual([{ n: 0 }]);
    const afterSuccess = await timed(() => call(server, '/v1/whoami', { token: 'guessed-once-more' }));
    expect(afterSuccess.ms).toBeLessThan(290);
  });

  it('answers /v1/health 503 while the database cannot be reached', async () => {
    const pool = openTeamPool('postgres://postgres@127.0.0.1:1/nowhere');
    const server = await startTeamServer({ pool, port: 0, log: () => undefined });
    servers.push(server);
    try {
      const health = await call(server, '/v1/health');
      expect(health.status).toBe(503);
      expect(health.body.error).toContain('cannot be reached');
      expect(health.headers.get('retry-after')).toBe('5');
      expect((await call(server, '/v1/whoami', { token: 'any' })).status).toBe(503);
    } finally {
      await pool.end();
    }
  });

  it('refuses a revoked token', async () => {
    const { server, pool, tokens } = await startTeam({ loginDelayMs: 1 });
    expect((await call(server, '/v1/whoami', { token: tokens.bob })).status).toBe(200);
    await revokeMember(pool, 'bob');
    expect((await call(server, '/v1/whoami', { token: tokens.bob })).status).toBe(401);
  });

  it('takes documents from the lead only, and pages those a member may see', async () => {
    const { server, tokens } = await startTeam();
    const refused = await call(server, '/v1/documents', { token: tokens.cora, body: { documents: [docA] } });
    expect(refused.status).toBe(403);
    expect(await call(server, '/v1/documents', { token: tokens.lena, body: { documents: [docA, docB] } })).toMatchObject({ status: 200, body: { added: 2, present: 0 } });
    expect(await call(server, '/v1/documents', { token: tokens.lena, body: { documents: [docA] } })).toMatchObject({ status: 200, body: { added: 0, present: 1 } });
    const [first, second] = [docA, docB].sort((x, y) => (x.hash < y.hash ? -1 : 1));
    const page1 = DocumentsPage.parse((await call(server, '/v1/documents?limit=1', { token: tokens.ann })).body);
    expect(page1).toEqual({ documents: [first], next: first!.hash });
    const page2 = DocumentsPage.parse((await call(server, `/v1/documents?limit=1&after=${page1.next}`, { token: tokens.ann })).body);
    expect(page2).toEqual({ documents: [second], next: second!.hash });
    expect((await call(server, `/v1/documents?limit=1&after=${page2.next}`, { token: tokens.ann })).body).toEqual({ documents: [], next: null });
    expect((await call(server, '/v1/documents?after=nothex', { token: tokens.ann })).status).toBe(400);

    await call(server, '/v1/push', { token: tokens.lena, body: { records: [assignmentRecord({ owner: 'ann', document: docB.hash })] } });
    expect((await call(server, '/v1/documents', { token: tokens.ann })).body).toEqual({ documents: [docB], next: null });
    expect((await call(server, '/v1/documents/fetch', { token: tokens.ann, body: { hashes: [docA.hash, docB.hash] } })).body).toEqual({ documents: [docB] });
    expect((await call(server, '/v1/documents/fetch', { token: tokens.cora, body: { hashes: [docA.hash] } })).body).toEqual({ documents: [docA] });
  });

  it('answers a push and a pull as the shared schemas say', async () => {
    const { server, tokens } = await startTeam();
    await call(server, '/v1/documents', { token: tokens.lena, body: { documents: [docA] } });
    const records = [labelRecord({ name: 'HOSPITAL' }), spanRecord({ owner: 'ann', document: docA.hash })];
    const pushed = await call(server, '/v1/push', { token: tokens.cora, body: { records } });
    expect(pushed.status).toBe(200);
    expect(PushOutput.parse(pushed.body)).toEqual({ applied: 2, superseded: 0, hlc: records[0]!.hlc });
    const pulled = PullPage.parse((await call(server, '/v1/pull?after=0&limit=10', { token: tokens.ann })).body);
    expect(pulled.more).toBe(false);
    expect(pulled.records.map((r) => [r.kind, r.key, r.author, r.seq])).toEqual([
      ['label', 'HOSPITAL', 'cora', 1],
      ['span', records[1]!.key, 'cora', 2],
    ]);
    expect(pulled.next).toBe(2);
    expect(pulled.records[1]?.changedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const ofDocument = PullPage.parse((await call(server, `/v1/pull?document=${docA.hash}`, { token: tokens.ann })).body);
    expect(ofDocument.records.map((r) => r.key)).toEqual([records[1]!.key]);
    expect(PullPage.parse((await call(server, '/v1/pull', { token: tokens.ann })).body).records).toHaveLength(2);
    for (const query of ['after=-1', 'after=x', 'limit=0', 'document=abc']) {
      const bad = await call(server, `/v1/pull?${query}`, { token: tokens.ann });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error).toMatch(/query parameter (after|limit|document)/);
    }
  });

  it('says what is wrong with a push: 400 not JSON, 415 not sent as JSON, 422 not a record or no such document, 403 not theirs, 413 too large', async () => {
    const { server, pool, tokens } = await startTeam({ maxBodyBytes: 64 * 1024 });
    await call(server, '/v1/documents', { token: tokens.lena, body: { documents: [docA] } });
    const notJson = await call(server, '/v1/push', { token: tokens.ann, raw: '{"records": [', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatch(/^the body is not JSON: /);
    expect((await call(server, '/v1/push', { token: tokens.ann, raw: '{}', headers: { 'content-type': 'text/plain' } })).status).toBe(415);

    const badSpan = spanRecord({ owner: 'ann', document: docA.hash });
    const invalid = await call(server, '/v1/push', { token: tokens.ann, body: { records: [badSpan, { ...badSpan, data: { ...badSpan.data, startCp: 'x' } }] } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatch(/^records\.1\.data\.startCp: /);
    expect((await call(server, '/v1/push', { token: tokens.ann, body: { records: [] } })).body.error).toMatch(/^records: /);

    const unknown = document('not on the server');
    const missing = await call(server, '/v1/push', { token: tokens.ann, body: { records: [spanRecord({ owner: 'ann', document: unknown.hash })] } });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toContain(unknown.hash);

    const theirs = await call(server, '/v1/push', { token: tokens.ann, body: { records: [badSpan, spanRecord({ owner: 'bob', document: docA.hash })] } });
    expect(theirs.status).toBe(403);
    expect(theirs.body.error).toMatch(/^records\.1 \(span [0-9a-f]{32}\): an annotator may push only their own spans/);
    const label = await call(server, '/v1/push', { token: tokens.ann, body: { records: [labelRecord({ name: 'X' })] } });
    expect(label.status).toBe(403);

    const huge = await call(server, '/v1/push', { token: tokens.lena, body: { records: Array.from({ length: 400 }, () => spanRecord({ owner: 'ann', document: docA.hash })) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatch(/larger than/);
    expect((await pool.query('SELECT count(*)::int AS n FROM records')).rows).toEqual([{ n: 0 }]);
  });

  it('reads a gzipped body, bounded after unzipping, and gzips large answers for clients that accept it', async () => {
    const { server, tokens } = await startTeam({ maxBodyBytes: 256 * 1024 });
    await call(server, '/v1/documents', { token: tokens.lena, body: { documents: [docA] } });
    const records = Array.from({ length: 50 }, () => spanRecord({ owner: 'ann', document: docA.hash }));
    const zipped = await call(server, '/v1/push', {
      token: tokens.ann,
      raw: gzipSync(JSON.stringify({ records })),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(zipped).toMatchObject({ status: 200, body: { applied: 50 } });
    // A bomb: small on the wire, far over the limit once unzipped.
    const bomb = gzipSync(Buffer.from(`{"records":[${' '.repeat(4 * 1024 * 1024)}]}`));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const refused = await call(server, '/v1/push', { token: tokens.ann, raw: bomb, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(refused.status).toBe(413);

    // fetch unzips by itself; ask with a plain request to see the encoding.
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/v1/pull?after=0`, { headers: { authorization: `Bearer ${tokens.ann}`, 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(PullPage.parse(JSON.parse(gunzipSync(raw.body).toString('utf8'))).records).toHaveLength(50);
  });

  it('refuses plain HTTP on an address other machines can reach, unless a TLS proxy is declared', async () => {
    const { pool } = await teamDatabase(cluster());
    await expect(startTeamServer({ pool, host: '0.0.0.0' })).rejects.toThrow(UsageError);
    await expect(startTeamServer({ pool, host: '192.168.1.20' })).rejects.toThrow(/refusing to serve plain HTTP on 192\.168\.1\.20/);
    expect(() => checkTransport({ host: '0.0.0.0', tls: false, behindTlsProxy: true })).not.toThrow();
    expect(() => checkTransport({ host: '0.0.0.0', tls: true, behindTlsProxy: false })).not.toThrow();
    expect(['127.0.0.1', '127.5.0.1', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.org', '::ffff:10.0.0.1'].some(isLoopbackHost)).toBe(false);
  });

  it('serves HTTPS with a certificate and key', async () => {
    const dir = tempDir();
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const { server, tokens } = await startTeam({ tls: { cert: readFileSync(cert), key: readFileSync(key) } });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(`${server.url}/v1/whoami`, { headers: { authorization: `Bearer ${tokens.lena}` }, ca: readFileSync(cert), checkServerIdentity: () => undefined }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toMatchObject({ name: 'lena', role: 'lead' });
  });
});
