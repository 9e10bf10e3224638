/**
 * The laptop's side of the team server's HTTP protocol (docs/team-server.md):
 * one function per route, each answer checked against the shared schemas, so
 * a server of another version fails loudly here instead of writing nonsense
 * into the project.
 */
import type { z } from 'zod';
import {
  DocumentsPage,
  FetchDocumentsOutput,
  PullPage,
  PushOutput,
  PutDocumentsOutput,
  SyncErrorBody,
  WhoAmI,
  type SyncDocument,
  type SyncRecord,
} from '../../shared/sync.js';
import { UserError } from '../errors.js';

/** The server could not be reached or answered with an error; `status` is 0 when it was not reached. */
export class TeamServerError extends UserError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface TeamServer {
  readonly url: string;
  readonly token: string;
  /** Per request; a push or pull page that takes longer is abandoned and retried by the next sync. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

function endpoint(server: TeamServer, path: string): string {
  return new URL(path, server.url.endsWith('/') ? server.url : `${server.url}/`).toString();
}

async function call<T>(server: TeamServer, method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const url = endpoint(server, path);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(server.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new TeamServerError(`the team server at ${server.url} cannot be reached (${why})`, 0);
  }
  const text = await response.text();
  if (!response.ok) {
    let reason = text.slice(0, 500);
    try {
      reason = SyncErrorBody.parse(JSON.parse(text)).error;
    } catch {
      // Not our server's JSON (a proxy's page, say): its first words say enough.
    }
    const who = response.status === 401 ? ' (the token is wrong or was revoked)' : '';
    throw new TeamServerError(`the team server refused ${method} ${path.split('?')[0]}: ${response.status} ${reason}${who}`, response.status);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TeamServerError(`the team server's answer to ${path.split('?')[0]} is not JSON`, response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TeamServerError(
      `the team server's answer to ${path.split('?')[0]} is not what this version expects (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
      response.status,
    );
  }
  return parsed.data;
}

export function whoAmI(server: TeamServer): Promise<WhoAmI> {
  return call(server, 'GET', 'v1/whoami', WhoAmI);
}

export function putDocuments(server: TeamServer, documents: readonly SyncDocument[]): Promise<z.infer<typeof PutDocumentsOutput>> {
  return call(server, 'POST', 'v1/documents', PutDocumentsOutput, { documents });
}

export function documentsPage(server: TeamServer, after: string | null, limit: number): Promise<z.infer<typeof DocumentsPage>> {
  const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
  return call(server, 'GET', `v1/documents?${query}`, DocumentsPage);
}

export function fetchDocuments(server: TeamServer, hashes: readonly string[]): Promise<z.infer<typeof FetchDocumentsOutput>> {
  return call(server, 'POST', 'v1/documents/fetch', FetchDocumentsOutput, { hashes });
}

export function push(server: TeamServer, records: readonly SyncRecord[]): Promise<z.infer<typeof PushOutput>> {
  return call(server, 'POST', 'v1/push', PushOutput, { records });
}

export function pullPage(server: TeamServer, after: number, limit: number): Promise<z.infer<typeof PullPage>> {
  return call(server, 'GET', `v1/pull?${new URLSearchParams({ after: String(after), limit: String(limit) })}`, PullPage);
}

/** Every record of one document (one assigned after the pull cursor had passed its records). */
export function pullDocument(server: TeamServer, hash: string): Promise<z.infer<typeof PullPage>> {
  return call(server, 'GET', `v1/pull?${new URLSearchParams({ document: hash })}`, PullPage);
}
