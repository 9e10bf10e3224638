import type { IncomingMessage } from 'node:http';
import type { Pool } from 'pg';
import { ContentHash, FetchDocumentsInput, PushInput, PutDocumentsInput } from '../../../shared/sync.js';
import { documentsByHash, documentsPage, putDocuments } from '../store/documents.js';
import type { Caller } from '../store/members.js';
import { projectName } from '../store/project.js';
import { PULL_LIMIT_MAX, pull, pullDocument } from '../store/pull.js';
import { push } from '../store/push.js';
import { HttpError, parseBody, readJsonBody } from './messages.js';

export interface RouteContext {
  readonly pool: Pool;
  readonly caller: Caller;
  readonly req: IncomingMessage;
  readonly query: URLSearchParams;
  readonly maxBodyBytes: number;
}

type Handler = (context: RouteContext) => Promise<unknown>;

/** Documents per page of GET /v1/documents: by default, and at most (their text can be long). */
const DOCUMENTS_LIMIT_DEFAULT = 100;
const DOCUMENTS_LIMIT_MAX = 1_000;
const PULL_LIMIT_DEFAULT = 1_000;

/** A whole number query parameter in [min, ∞), or the fallback when absent; larger than `max` reads as `max`. */
function intParam(query: URLSearchParams, name: string, options: { min: number; max?: number; fallback: number | null }): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return options.fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < options.min) {
    throw new HttpError(400, `the query parameter ${name} must be a whole number of at least ${options.min}, not "${raw}"`);
  }
  return options.max === undefined ? value : Math.min(value, options.max);
}

function hashParam(query: URLSearchParams, name: string): string | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  if (!ContentHash.safeParse(raw).success) throw new HttpError(400, `the query parameter ${name} must be a content hash (64 lowercase hex digits), not "${raw}"`);
  return raw;
}

const whoami: Handler = async ({ pool, caller }) => ({ name: caller.name, role: caller.role, project: await projectName(pool) });

const addDocuments: Handler = async ({ pool, caller, req, maxBodyBytes }) => {
  if (caller.role !== 'lead') throw new HttpError(403, 'only the lead adds documents to the team project');
  const input = parseBody(PutDocumentsInput, await readJsonBody(req, maxBodyBytes));
  return putDocuments(pool, input.documents);
};

const listDocuments: Handler = ({ pool, caller, query }) => {
  const limit = intParam(query, 'limit', { min: 1, max: DOCUMENTS_LIMIT_MAX, fallback: DOCUMENTS_LIMIT_DEFAULT }) ?? DOCUMENTS_LIMIT_DEFAULT;
  return documentsPage(pool, caller, hashParam(query, 'after'), limit);
};

const fetchDocuments: Handler = async ({ pool, caller, req, maxBodyBytes }) => {
  const input = parseBody(FetchDocumentsInput, await readJsonBody(req, maxBodyBytes));
  return { documents: await documentsByHash(pool, caller, input.hashes) };
};

const pushRecords: Handler = async ({ pool, caller, req, maxBodyBytes }) => {
  const input = parseBody(PushInput, await readJsonBody(req, maxBodyBytes));
  return push(pool, caller, input.records);
};

const pullRecords: Handler = ({ pool, caller, query }) => {
  const after = intParam(query, 'after', { min: 0, fallback: 0 }) ?? 0;
  const document = hashParam(query, 'document');
  if (document !== null) return pullDocument(pool, caller, document, after, intParam(query, 'limit', { min: 1, max: PULL_LIMIT_MAX, fallback: null }));
  const limit = intParam(query, 'limit', { min: 1, max: PULL_LIMIT_MAX, fallback: PULL_LIMIT_DEFAULT }) ?? PULL_LIMIT_DEFAULT;
  return pull(pool, caller, after, limit);
};

/** Every route that needs a member's token: path → method → handler (src/shared/sync.ts). */
export const ROUTES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  '/v1/whoami': { GET: whoami },
  '/v1/documents': { GET: listDocuments, POST: addDocuments },
  '/v1/documents/fetch': { POST: fetchDocuments },
  '/v1/push': { POST: pushRecords },
  '/v1/pull': { GET: pullRecords },
};
