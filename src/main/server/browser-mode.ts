import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiResult } from '../../shared/api.js';
import { SPAN_STATUSES, assertNever, type SpanStatus } from '../../shared/model.js';
import { EXPORT_FORMATS, exportProject, type ExportFormat } from '../export/export-project.js';
import { EXPORT_FILES, type SingleFileFormat } from '../export/formats/files.js';
import { messageOf } from '../errors.js';
import { createDispatcher } from '../api/dispatcher.js';
import { createJobRegistry } from '../api/jobs.js';
import { createThreadedSearchIndexer } from '../api/search-indexer.js';
import { createOperationThread } from '../api/operation-thread.js';
import { createWriteGate } from '../store/write-gate.js';
import type { Db } from '../store/connection.js';
import { attachmentDisposition, downloadFileName } from './download-name.js';
import { resolveStatic, sendFile } from './static-files.js';

export interface BrowserModeOptions {
  readonly db: Db;
  readonly dbPath: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  /** A fixed token (tests); a random one otherwise. */
  readonly token?: string;
}

export interface BrowserMode {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const COOKIE = 'marginalia_token';
/** Uploads arrive base64-encoded in JSON; this bounds one request's memory. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

function sendText(res: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** The HTTP status that says what kind of answer an operation gave; 500 is kept for faults of our own. */
export function httpStatusOf(result: ApiResult<unknown>): number {
  if (result.ok) return 200;
  switch (result.error.code) {
    case 'invalid_input':
      return 400;
    case 'unknown_operation':
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'failed':
      return 422;
    case 'internal':
      return 500;
    default:
      return assertNever(result.error.code);
  }
}

/** A request body over MAX_BODY_BYTES (answered 413). */
class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge(`request body over ${MAX_BODY_BYTES / 1024 / 1024} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: the built renderer and the same handler table as Electron, over
 * HTTP on 127.0.0.1 only. A random token per run, given once in the printed URL
 * and then kept in an HttpOnly cookie, guards every request; Host and Origin are
 * checked so another site cannot reach the server through DNS rebinding or CSRF.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  // Jobs and the search index hold back their next batch while a request is served.
  const writeGate = createWriteGate();
  const searchIndexer = createThreadedSearchIndexer({ dbPath: options.dbPath, writeGate }, { db: options.db });
  const jobs = createJobRegistry({ db: options.db, dbPath: options.dbPath, writeGate });
  const operationThread = createOperationThread({ dbPath: options.dbPath });
  const dispatch = createDispatcher({ db: options.db, dbPath: options.dbPath, shell: 'browser', jobs, searchIndexer, operationThread, writeGate });
  let port = 0;

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts().includes(req.headers.host ?? '')) return sendText(res, 421, 'Unexpected Host header: Marginalia answers only on 127.0.0.1.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().some((host) => origin === `http://${host}`)) {
      return sendText(res, 403, 'Requests from other sites are refused.');
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const given = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && given !== null) {
      if (!sameToken(given, token)) return sendText(res, 401, 'This link is not valid for this run of Marginalia. Use the link printed in the terminal.');
      // Keep the token out of the address bar and history from here on.
      res.writeHead(302, { ...SECURITY_HEADERS, location: '/', 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`, 'cache-control': 'no-store' });
      return void res.end();
    }
    if (!sameToken(cookieToken(req) ?? req.headers['x-marginalia-token']?.toString(), token)) {
      return sendText(res, 401, 'Not authorised. Open the link printed in the terminal where Marginalia was started.');
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST for /api/.', { allow: 'POST' });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendText(res, 415, 'Send JSON.');
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'the operation name in the address is not valid percent-encoding' } });
      }
      let input: unknown;
      try {
        input = JSON.parse(await readBody(req));
      } catch (error) {
        return sendJson(res, error instanceof BodyTooLarge ? 413 : 400, { ok: false, error: { code: 'invalid_input', message: `request body: ${messageOf(error)}` } });
      }
      const result = await dispatch(name, input);
      return sendJson(res, httpStatusOf(result), result);
    }

    if (req.method === 'GET' && url.pathname === '/download/export') return download(url, res);

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    try {
      decodeURIComponent(url.pathname);
    } catch {
      return sendText(res, 400, 'The address is not valid percent-encoding.');
    }
    const file = resolveStatic(options.staticDir, url.pathname) ?? resolveStatic(options.staticDir, '/index.html');
    if (!file) return sendText(res, 500, 'The workbench is not built: run `npx vite build` (npm start does it).');
    sendFile(res, file, SECURITY_HEADERS);
  };

  const download = async (url: URL, res: ServerResponse): Promise<void> => {
    const format = url.searchParams.get('format') ?? 'jsonl';
    const status = url.searchParams.get('status') ?? 'accepted';
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return sendText(res, 400, `format must be one of ${EXPORT_FORMATS.join(', ')}`);
    if (format === 'brat') return sendText(res, 400, 'brat writes a folder of .txt and .ann files and cannot be downloaded as one file: save it to a path, or use `marginalia export --format brat --out FOLDER`');
    if (status !== 'all' && !(SPAN_STATUSES as readonly string[]).includes(status)) return sendText(res, 400, 'bad status');
    const statuses: readonly SpanStatus[] = status === 'all' ? SPAN_STATUSES : [status as SpanStatus];
    const labels = url.searchParams.get('labels')?.split(',').filter((label) => label !== '');
    const annotators = url.searchParams.getAll('annotator');
    const file = EXPORT_FILES[format as SingleFileFormat];
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.mediaType,
      // The name the Export dialog suggested, so the file saved is the one it named.
      'content-disposition': attachmentDisposition(downloadFileName(url.searchParams.get('name'), file.extension)),
      'cache-control': 'no-store',
    });
    try {
      await exportProject(options.db, res, {
        format: format as ExportFormat,
        statuses,
        labels,
        ...(annotators.length > 0 ? { annotators } : {}),
        bom: url.searchParams.get('bom') === '1',
      });
    } catch (error) {
      res.write(`\n# export failed: ${messageOf(error)}\n`);
    }
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendText(res, 500, messageOf(error));
      else res.end();
    });
  });
  // Node closes an idle kept-alive connection after 5 s; a client that sends its next POST on it at that
  // moment gets "socket hang up", and browsers do not retry a POST. A page idles longer than that between
  // requests, so idle connections are kept for a minute (a handful of sockets on 127.0.0.1).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // An import killed part-way leaves documents the index has not caught up with.
  searchIndexer.kick();
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      // The caller closes the database next: the index stops between two chunks and carries on at the next start.
      searchIndexer.stop();
      // Running jobs stop after their batch under way; what they committed stays, and their threads end.
      jobs.cancelAll();
      server.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), jobs.idle(), operationThread.close()]);
    },
  };
}

/** Where the built renderer lives relative to the compiled server (dist/main/server → dist/renderer). */
export function defaultStaticDir(): string {
  return fileURLToPath(new URL('../../renderer', import.meta.url));
}

/** Whether the renderer has been built into `dir`. */
export function isRendererBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}
