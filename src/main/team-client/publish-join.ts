/**
 * Starting a team: the lead publishes a project (its documents, then its whole
 * state as records); each member joins, making a local project of what the
 * server lets them see. Both end with a sync, and both can be run again after
 * being cut short: documents already on the server are kept, and a project
 * that already joined the same server just carries on.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { SyncDocument, WhoAmI } from '../../shared/sync.js';
import { UserError } from '../errors.js';
import { openProject, type Db } from '../store/connection.js';
import { statement } from '../store/statements.js';
import { addPulledDocuments, enableSync, markChangedByOthersSeen, setDocumentsCursor, syncState } from '../sync/index.js';
import { syncProject, type SyncOptions, type SyncReport } from './sync-run.js';
import { prefetch } from './prefetch.js';
import { documentsPage, putDocuments, whoAmI, type TeamServer } from './team-http.js';

/** Documents per upload or download: well under the server's body limit even for long articles. */
const DOCUMENTS_PER_REQUEST = 500;
const BYTES_PER_REQUEST = 16 * 1024 * 1024;

export interface TeamStartReport {
  readonly member: WhoAmI;
  readonly documents: number;
  readonly sync: SyncReport;
}

interface PublishedRow {
  id: number;
  content_hash: string;
  title: string;
  source: string;
  text: string;
  meta: string;
}

/** Uploads `db`'s documents and every annotation as records, then syncs. Only a lead may publish. */
export async function publishProject(db: Db, server: TeamServer, options: SyncOptions = {}): Promise<TeamStartReport> {
  const member = await whoAmI(server);
  if (member.role !== 'lead') throw new UserError(`only a lead may publish a project; ${member.name} is a ${member.role}`);
  const state = syncState(db);
  if (state.enabled && state.serverUrl !== server.url) {
    throw new UserError(`this project already syncs with ${state.serverUrl}; publish a copy of it instead`);
  }
  let documents = 0;
  let afterId = 0;
  const page = statement(db, 'SELECT id, content_hash, title, source, text, meta FROM documents WHERE id > ? ORDER BY id LIMIT ?');
  for (;;) {
    const rows = page.all(afterId, DOCUMENTS_PER_REQUEST) as PublishedRow[];
    if (rows.length === 0) break;
    let batch: SyncDocument[] = [];
    let bytes = 0;
    for (const row of rows) {
      batch.push({ hash: row.content_hash, title: row.title, source: row.source, text: row.text, meta: JSON.parse(row.meta) as Record<string, unknown> });
      bytes += row.text.length * 3;
      if (bytes >= BYTES_PER_REQUEST) {
        await putDocuments(server, batch);
        documents += batch.length;
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) await putDocuments(server, batch);
    documents += batch.length;
    afterId = (rows[rows.length - 1] as PublishedRow).id;
    options.onProgress?.({ phase: 'documents', done: documents, total: null });
  }
  if (!state.enabled) {
    enableSync(db, { serverUrl: server.url, token: server.token, member: member.name, role: member.role, projectName: member.project, recordExisting: true });
  }
  return { member, documents, sync: await syncProject(db, options) };
}

/**
 * Makes (or, after an interrupted join, completes) the project at `path` from
 * the team server: the documents `server`'s member may see, then every record.
 * An existing project that belongs elsewhere is refused, never mixed in.
 */
export async function joinTeam(path: string, server: TeamServer, options: SyncOptions = {}): Promise<TeamStartReport> {
  const member = await whoAmI(server);
  const existed = existsSync(path);
  const db = openProject(path);
  try {
    const state = syncState(db);
    if (existed && !(state.enabled && state.serverUrl === server.url)) {
      const documents = (statement(db, 'SELECT count(*) AS n FROM documents').get() as { n: number }).n;
      if (documents > 0 || state.enabled) {
        throw new UserError(`${path} is already a project (${basename(path)}); join into a new file, or publish this one`);
      }
    }
    if (!state.enabled) {
      // Nothing local is recorded: what the project holds now came with it, not from this member.
      enableSync(db, { serverUrl: server.url, token: server.token, member: member.name, role: member.role, projectName: member.project, recordExisting: false });
    }
    let documents = 0;
    let next = prefetch(documentsPage(server, syncState(db).documentsCursor, DOCUMENTS_PER_REQUEST));
    for (;;) {
      const page = await next;
      const more = page.next !== null && page.documents.length > 0;
      // The server reads the next page while this one is stored.
      if (more && page.next !== null) next = prefetch(documentsPage(server, page.next, DOCUMENTS_PER_REQUEST));
      documents += addPulledDocuments(db, page.documents);
      if (page.next !== null) setDocumentsCursor(db, page.next);
      options.onProgress?.({ phase: 'documents', done: documents, total: null });
      if (!more) break;
    }
    const sync = await syncProject(db, options);
    // What came with the project is not news: "changed by others" starts from the next sync.
    if (!sync.cancelled) markChangedByOthersSeen(db);
    return { member, documents, sync };
  } finally {
    db.close();
  }
}
