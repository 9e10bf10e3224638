import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../src/main/server/browser-mode.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { createTestProject, tempDir } from '../helpers/project.js';
import { writeFiles } from '../helpers/files.js';

let server: BrowserMode | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const project = createTestProject();
  const staticDir = writeFiles(join(tempDir(), 'static'), { 'index.html': '<!doctype html><title>Marginalia</title>', 'assets/app.js': 'console.log(1)' });
  server = await startBrowserMode({ db: project.db, dbPath: project.dbPath, port: 0, staticDir });
  return { ...project, server };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests can set Host and Origin as an attacker would. */
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function cookieFrom(reply: Reply): string {
  const header = reply.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return (first ?? '').split(';')[0] ?? '';
}

describe('browser mode', () => {
  it('listens on 127.0.0.1 only and prints the URL with the token', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  });

  it('trades the token in the URL for an HttpOnly cookie, and refuses requests without it', async () => {
    const { server } = await start();
    const host = `127.0.0.1:${server.port}`;
    expect((await send(server.port, '/', { headers: { host } })).status).toBe(401);
    expect((await send(server.port, '/api/project:info', { method: 'POST', headers: { host, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await send(server.port, '/?token=wrong', { headers: { host } })).status).toBe(401);

    const login = await send(server.port, `/?token=${server.token}`, { headers: { host } });
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/');
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = cookieFrom(login);

    const page = await send(server.port, '/', { headers: { host, cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Marginalia</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const info = await send(server.port, '/api/project:info', { method: 'POST', headers: { host, cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { documents: 0, shell: 'browser', canUndo: false } });
  });

  it('refuses other Host and Origin headers (DNS rebinding, cross-site requests)', async () => {
    const { server } = await start();
    const cookie = `marginalia_token=${server.token}`;
    const json = { 'content-type': 'application/json', cookie };
    expect((await send(server.port, '/', { headers: { host: `evil.example:${server.port}`, cookie } })).status).toBe(421);
    const crossSite = await send(server.port, '/api/project:info', {
      method: 'POST',
      headers: { ...json, host: `127.0.0.1:${server.port}`, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await send(server.port, '/api/project:info', {
      method: 'POST',
      headers: { ...json, host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` },
      body: '{}',
    });
    expect(sameSite.status).toBe(200);
  });

  it('validates every request body against the contract', async () => {
    const { server, db } = await start();
    const id = insertDocument(db, { title: 'T', source: 's', text: '🙈 Cho Ray Hospital', meta: {} }).id;
    const headers = { host: `127.0.0.1:${server.port}`, cookie: `marginalia_token=${server.token}`, 'content-type': 'application/json' };
    const call = async (name: string, body: string) => JSON.parse((await send(server.port, `/api/${name}`, { method: 'POST', headers, body })).body) as {
      ok: boolean;
      error?: { code: string; message: string };
      value?: unknown;
    };
    expect(await call('spans:create', JSON.stringify({ documentId: id, startCp: 2, endCp: 1, label: 'HOSPITAL', annotator: 'lan' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect((await call('spans:create', JSON.stringify({ documentId: id, startCp: 2, endCp: 18 }))).error?.message).toMatch(/label/);
    expect((await call('nope:nothing', '{}')).error?.message).toMatch(/unknown operation "nope:nothing"/);
    expect((await send(server.port, '/api/project:info', { method: 'POST', headers, body: '{oops' })).status).toBe(400);
    const created = await call('spans:create', JSON.stringify({ documentId: id, startCp: 2, endCp: 18, label: 'HOSPITAL', annotator: 'lan' }));
    expect(created).toMatchObject({ ok: true, value: { startCp: 2, endCp: 18, label: 'HOSPITAL' } });
    expect(await call('documents:get', JSON.stringify({ id: 4242 }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers each refusal with the HTTP status that says why, and never lets the session be cached', async () => {
    const { server, db } = await start();
    const id = insertDocument(db, { title: 'T', source: 's', text: 'Cho Ray Hospital', meta: {} }).id;
    const host = `127.0.0.1:${server.port}`;
    const headers = { host, cookie: `marginalia_token=${server.token}`, 'content-type': 'application/json' };
    const post = (name: string, body: string) => send(server.port, `/api/${name}`, { method: 'POST', headers, body });
    const span = { documentId: id, startCp: 0, endCp: 7, label: 'HOSPITAL', annotator: 'lan' };
    expect((await post('spans:create', JSON.stringify({ ...span, endCp: -1 }))).status).toBe(400);
    expect((await post('spans:create', '{oops')).status).toBe(400);
    expect((await post('nope:nothing', '{}')).status).toBe(404);
    expect((await post('documents:get', JSON.stringify({ id: 4242 }))).status).toBe(404);
    expect((await post('spans:create', JSON.stringify(span))).status).toBe(200);
    expect((await post('spans:create', JSON.stringify(span))).status).toBe(409);
    expect((await post('spans:create', JSON.stringify({ ...span, label: 'NO_SUCH_LABEL' }))).status).toBe(422);
    expect((await send(server.port, '/api/%E0%A4%A', { method: 'POST', headers, body: '{}' })).status).toBe(400);
    expect((await send(server.port, '/%E0%A4%A', { headers })).status).toBe(400);
    expect((await send(server.port, '/api/project:info', { method: 'POST', headers: { host, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    const redirect = await send(server.port, `/?token=${server.token}`, { headers: { host } });
    expect(redirect.status).toBe(302);
    expect(redirect.headers['cache-control']).toBe('no-store');
    for (const reply of [redirect, await post('project:info', '{}'), await post('nope:nothing', '{}'), await send(server.port, '/', { headers })]) {
      expect(reply.headers['cache-control']).toBe('no-store');
    }
  });

  it('streams an export download and imports uploaded files as a job', async () => {
    const { server } = await start();
    const headers = { host: `127.0.0.1:${server.port}`, cookie: `marginalia_token=${server.token}`, 'content-type': 'application/json' };
    const files = [
      { name: 'a.txt', contentBase64: Buffer.from('Bach Mai Hospital 💖 opened a ward.').toString('base64') },
      { name: '../../escape.txt', contentBase64: Buffer.from([0xc3, 0x28]).toString('base64') },
    ];
    const started = JSON.parse((await send(server.port, '/api/import:files', { method: 'POST', headers, body: JSON.stringify({ files }) })).body) as {
      value: { jobId: string };
    };
    let job: { state: string; summary: string | null; rejected: { path: string; reason: string }[] } | undefined;
    do {
      await new Promise((resolve) => setImmediate(resolve));
      job = (JSON.parse((await send(server.port, '/api/jobs:get', { method: 'POST', headers, body: JSON.stringify({ jobId: started.value.jobId }) })).body) as { value: typeof job })
        .value;
    } while (job?.state === 'running');
    expect(job?.state).toBe('done');
    expect(job?.summary).toMatch(/^imported 1 documents .* rejected 1 files; checked 1 document for duplicates, 0 new clusters/);
    expect(job?.rejected).toEqual([{ path: '../../escape.txt', reason: expect.stringMatching(/not valid UTF-8: byte 0xC3 at byte offset 0/) }]);

    const path = join(tempDir(), 'saved.csv');
    const exportJob = JSON.parse((await send(server.port, '/api/export:start', { method: 'POST', headers, body: JSON.stringify({ format: 'csv', status: 'all', path }) })).body) as {
      value: { jobId: string };
    };
    let saved: { state: string; summary: string | null; outputPath: string | null } | undefined;
    do {
      await new Promise((resolve) => setImmediate(resolve));
      saved = (JSON.parse((await send(server.port, '/api/jobs:get', { method: 'POST', headers, body: JSON.stringify({ jobId: exportJob.value.jobId }) })).body) as { value: typeof saved }).value;
    } while (saved?.state === 'running');
    expect(saved).toMatchObject({ state: 'done', outputPath: path, summary: `exported 1 document and 0 spans to ${path}` });
    expect(readFileSync(path, 'utf8')).toMatch(/^document_id,document_title,start,end/);
    expect(readdirSync(dirname(path)).filter((name) => name.endsWith('.partial'))).toEqual([]);

    const download = await send(server.port, '/download/export?format=jsonl&status=all', { headers });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/attachment; filename="marginalia-export\.jsonl"/);
    const line = JSON.parse(download.body.trim()) as { text: string; title: string };
    expect(line.text).toBe('Bach Mai Hospital 💖 opened a ward.');
  });

  it('catches the search index up: a backlog left by an interrupted import at start-up, and an import once its job ends', async () => {
    const project = createTestProject();
    // As a killed bulk import leaves it: stored, not in the index yet.
    for (let i = 0; i < 3; i++) insertDocument(project.db, { title: `Left ${i}`, source: 's', text: `Hue Central Hospital leftover${i}`, meta: {} }, { index: false });
    const staticDir = writeFiles(join(tempDir(), 'static'), { 'index.html': '<!doctype html><title>Marginalia</title>' });
    server = await startBrowserMode({ db: project.db, dbPath: project.dbPath, port: 0, staticDir });
    const port = server.port;
    const headers = { host: `127.0.0.1:${port}`, cookie: `marginalia_token=${server.token}`, 'content-type': 'application/json' };
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const reply = JSON.parse((await send(port, `/api/${name}`, { method: 'POST', headers, body: JSON.stringify(input) })).body) as { ok: boolean; value: T };
      expect(reply.ok).toBe(true);
      return reply.value;
    };
    type Page = { total: number; searchPending: number };
    /** Asks again until the index has caught up: the reply's own count is the event waited for. */
    const searchWhenCaughtUp = async (query: string): Promise<Page> => {
      for (;;) {
        const page = await call<Page>('documents:list', { query });
        if (page.searchPending === 0) return page;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    expect(await searchWhenCaughtUp('leftover1')).toEqual(expect.objectContaining({ total: 1, searchPending: 0 }));

    const files = [{ name: 'new.txt', contentBase64: Buffer.from('Cho Ray Hospital opened a stroke unit. newcomer').toString('base64') }];
    const { jobId } = await call<{ jobId: string }>('import:files', { files });
    let state = 'running';
    while (state === 'running') {
      await new Promise((resolve) => setImmediate(resolve));
      state = (await call<{ state: string }>('jobs:get', { jobId })).state;
    }
    expect(state).toBe('done');
    expect((await call<Page>('documents:list', {})).total).toBe(4);
    expect(await searchWhenCaughtUp('newcomer')).toEqual(expect.objectContaining({ total: 1, searchPending: 0 }));
    expect((await call<Page>('documents:list', { query: 'hospital' })).total).toBe(4);
  });
});
