import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gzip } from 'node:zlib';
import type { z } from 'zod';

/** An answer other than 200, with the status that says what kind of problem it is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

const gzipAsync = promisify(gzip);
/** Smaller answers are not worth compressing. */
const GZIP_FROM_BYTES = 1024;

const HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** Answers with JSON, gzipped when the client accepts it and it is worth it. */
export async function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): Promise<void> {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const gzipped = body.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const payload = gzipped ? await gzipAsync(body) : body;
  res.writeHead(status, {
    ...HEADERS,
    ...headers,
    ...(gzipped ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    'content-length': String(payload.length),
  });
  res.end(payload);
}

/** Answers `{ "error": message }`. */
export function sendError(req: IncomingMessage, res: ServerResponse, status: number, message: string, headers: Readonly<Record<string, string>> = {}): Promise<void> {
  return sendJson(req, res, status, { error: message }, headers);
}

/**
 * The request body as JSON, read up to `maxBytes` (after gunzip when it is sent
 * gzipped, so a small compressed body cannot unfold into a huge one).
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'send the body as JSON (Content-Type: application/json)');
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') throw new HttpError(415, `a body in ${encoding} encoding cannot be read; send it plain or gzipped`);
  const declared = Number(req.headers['content-length']);
  if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const source: Readable = encoding === 'gzip' ? req.pipe(createGunzip()) : req;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, `the body could not be read: ${(error as Error).message}`);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, `the body is not JSON: ${(error as Error).message}`);
  }
}

function tooLarge(maxBytes: number): HttpError {
  // The rest of the body is not read: close the connection rather than drain it.
  return new HttpError(413, `the body is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; send fewer records or documents at a time`, { connection: 'close' });
}

/** Parses a body with its schema: 422 naming the first problem's path. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  throw new HttpError(422, `${path === '' ? 'the body' : path}: ${issue?.message ?? 'is not valid'}`);
}
