import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { messageOf } from '../../errors.js';
import { clearLoginFailures, recordLoginFailure } from '../store/login-failures.js';
import { authenticate, type Caller } from '../store/members.js';
import { RequestRefused } from '../store/refusals.js';
import { HttpError, sendError, sendJson } from './messages.js';
import { ROUTES } from './routes.js';
import { checkTransport, serverUrl } from './transport.js';

export interface TeamServerOptions {
  readonly pool: Pool;
  /** Default 127.0.0.1. Any other address needs `tls` or `behindTlsProxy`. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** PEM certificate and key: serve HTTPS. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** A proxy on the way in does TLS: plain HTTP is allowed on any address, and the client's address is read from X-Forwarded-For. */
  readonly behindTlsProxy?: boolean;
  /** The delay before answering a first wrong token; it doubles with each further one, up to 32 times. Default 200 ms. */
  readonly loginDelayMs?: number;
  /** The largest request body, after gunzip. Default 64 MiB. */
  readonly maxBodyBytes?: number;
  /** Where faults of the server's own are reported (default: standard error). */
  readonly log?: (line: string) => void;
}

export interface TeamServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops taking requests, lets those under way finish, and closes every connection. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
const DEFAULT_LOGIN_DELAY_MS = 200;
/** Failures beyond this many no longer lengthen the delay (200 ms × 2^5 = 6.4 s). */
const MAX_DELAY_DOUBLINGS = 5;
/** How long a closing server waits for requests under way before it cuts their connections. */
const CLOSE_GRACE_MS = 10_000;

/** SQLSTATE classes and socket errors that mean the database is not there, not that a query is wrong. */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (/^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code))) return true;
  return /Connection terminated|connection timeout/i.test(messageOf(error));
}

function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * The team server: the HTTP API of src/shared/sync.ts over PostgreSQL. It keeps
 * nothing in memory between requests (every fact is in the database), so
 * several processes can serve one team side by side.
 */
export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const host = options.host ?? '127.0.0.1';
  const behindTlsProxy = options.behindTlsProxy === true;
  checkTransport({ host, tls: options.tls !== undefined, behindTlsProxy });
  const pool = options.pool;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const loginDelayMs = options.loginDelayMs ?? DEFAULT_LOGIN_DELAY_MS;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let closing = false;

  /** The client's address: the socket's, or behind a proxy the one the proxy appended to X-Forwarded-For. */
  const clientAddress = (req: IncomingMessage): string => {
    if (behindTlsProxy) {
      const forwarded = String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      const last = forwarded.at(-1);
      if (last !== undefined) return last;
    }
    return req.socket.remoteAddress ?? 'unknown';
  };

  /** The member the request's token belongs to; a wrong token is answered 401 after a delay that grows with the address's failures. */
  const authorise = async (req: IncomingMessage): Promise<Caller> => {
    const token = bearerToken(req);
    const challenge = { 'www-authenticate': 'Bearer' };
    if (token === null) throw new HttpError(401, 'send the member token as Authorization: Bearer TOKEN', challenge);
    const address = clientAddress(req);
    const caller = await authenticate(pool, token);
    if (caller === null) {
      const failures = await recordLoginFailure(pool, address);
      await sleep(loginDelayMs * 2 ** Math.min(failures - 1, MAX_DELAY_DOUBLINGS));
      throw new HttpError(401, 'this token is not valid for the team server (unknown or revoked)', challenge);
    }
    await clearLoginFailures(pool, address);
    return caller;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (closing) res.setHeader('connection', 'close');
    const url = new URL(req.url ?? '/', 'http://team-server');
    if (url.pathname === '/v1/health') {
      if (req.method !== 'GET') throw new HttpError(405, 'use GET for /v1/health', { allow: 'GET' });
      await pool.query('SELECT 1');
      return sendJson(req, res, 200, { ok: true });
    }
    const caller = await authorise(req);
    const route = ROUTES[url.pathname];
    if (route === undefined) throw new HttpError(404, `there is no ${url.pathname} on the team server`);
    const handler = route[req.method ?? ''];
    if (handler === undefined) throw new HttpError(405, `use ${Object.keys(route).join(' or ')} for ${url.pathname}`, { allow: Object.keys(route).join(', ') });
    const value = await handler({ pool, caller, req, query: url.searchParams, maxBodyBytes });
    return sendJson(req, res, 200, value);
  };

  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(async (error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      try {
        if (error instanceof HttpError) return await sendError(req, res, error.status, error.message, error.headers);
        if (error instanceof RequestRefused) return await sendError(req, res, error.status, error.message);
        if (isDatabaseUnavailable(error)) {
          log(`marginalia team: the database cannot be reached: ${messageOf(error)}`);
          return await sendError(req, res, 503, 'the team database cannot be reached; try again later', { 'retry-after': '5' });
        }
        log(`marginalia team: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return await sendError(req, res, 500, 'the team server failed to answer; its log says why');
      } catch {
        res.destroy();
      }
    });
  };

  const server: Server = options.tls === undefined ? createHttpServer(answer) : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, answer);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: serverUrl(host, port, options.tls !== undefined),
    host,
    port,
    close() {
      closing = true;
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
