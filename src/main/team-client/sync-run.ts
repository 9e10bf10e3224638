/**
 * One sync of a laptop's project with its team server: push what was changed
 * here (oldest first, in batches), fetch documents newly visible, then pull
 * what others changed. Every step is safe to cut short: a pushed batch is
 * taken off the outbox only after the server answered (and the server
 * ignores a change id it has), and a pulled page is applied with its cursor
 * in one transaction — so a sync killed anywhere and run again ends in the
 * same state, with nothing twice and nothing lost.
 */
import type { z } from 'zod';
import type { Db } from '../store/connection.js';
import { messageOf } from '../errors.js';
import {
  acknowledgePushed,
  addPulledDocuments,
  applyPulled,
  observeClock,
  pendingChangeCount,
  readOutbox,
  recordSyncOutcome,
  setAsideUnsendable,
  syncState,
  type SyncState,
} from '../sync/index.js';
import { fetchDocuments, pullDocument, pullPage, push, type TeamServer } from './team-http.js';
import { UserError } from '../errors.js';
import { pushRefusal } from '../team-server/permissions.js';
import type { Caller } from '../team-server/store/members.js';
import type { PullPage, SyncRecord } from '../../shared/sync.js';
import { adaptiveBatch, fixedBatch, type BatchSizer } from './batch-size.js';
import { prefetch } from './prefetch.js';

export type SyncPhase = 'pushing' | 'pulling' | 'documents';

export interface SyncProgress {
  readonly phase: SyncPhase;
  readonly done: number;
  /** Known only when pushing (the outbox's size); pulls go until the server says there is no more. */
  readonly total: number | null;
}

export interface SyncOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Records per push and per pulled page; by default the size adapts to how fast the server answers. */
  readonly batch?: number;
}

export interface SyncReport {
  readonly pushed: number;
  /** Of those pushed, how many the server already had or a later edit had overtaken. */
  readonly superseded: number;
  readonly pulled: number;
  /** Pulled records that changed something here. */
  readonly applied: number;
  readonly documentsAdded: number;
  /** Changes kept here because this member's role may not send them (a label an annotator changed, say). */
  readonly setAside: number;
  readonly cancelled: boolean;
  readonly seconds: number;
}

/** The records the member may send, and the change ids of those the server would refuse, with why. */
function sendable(records: readonly SyncRecord[], caller: Caller): { records: SyncRecord[]; refused: [string, string][] } {
  const kept: SyncRecord[] = [];
  const refused: [string, string][] = [];
  for (const record of records) {
    const reason = pushRefusal(caller, record);
    if (reason === null) kept.push(record);
    else refused.push([record.changeId, `kept on this laptop: ${reason}`]);
  }
  return { records: kept, refused };
}

/** The team server a joined project syncs with; a project that never joined or published is refused. */
export function serverOf(state: SyncState): TeamServer {
  if (!state.enabled || !state.serverUrl || !state.token) {
    throw new UserError('this project is not part of a team: join one with `marginalia team join`, or publish it with `marginalia team publish`');
  }
  return { url: state.serverUrl, token: state.token };
}

/** Syncs `db` with its team server. Throws on the first failure after recording it for the header. */
export async function syncProject(db: Db, options: SyncOptions = {}): Promise<SyncReport> {
  const started = performance.now();
  const state = syncState(db);
  const server = serverOf(state);
  const caller: Caller = { name: state.member ?? '', role: state.role ?? 'annotator' };
  const sizer = (): BatchSizer => (options.batch === undefined ? adaptiveBatch() : fixedBatch(options.batch));
  const pushSize = sizer();
  const pullSize = sizer();
  const { signal, onProgress } = options;
  let pushed = 0;
  let superseded = 0;
  let pulled = 0;
  let applied = 0;
  let documentsAdded = 0;
  let setAside = 0;
  const report = (cancelled: boolean): SyncReport => ({
    pushed,
    superseded,
    pulled,
    applied,
    documentsAdded,
    setAside,
    cancelled,
    seconds: (performance.now() - started) / 1000,
  });
  try {
    const total = pendingChangeCount(db);
    onProgress?.({ phase: 'pushing', done: 0, total });
    for (;;) {
      if (signal?.aborted) return report(true);
      const read = readOutbox(db, pushSize.size());
      if (read.length === 0) break;
      const { records, refused } = sendable(read, caller);
      setAsideUnsendable(db, refused);
      setAside += refused.length;
      if (records.length === 0) continue;
      const asked = performance.now();
      const answer = await push(server, records);
      pushSize.observe(records.length, performance.now() - asked);
      acknowledgePushed(
        db,
        records.map((record) => record.changeId),
      );
      observeClock(db, answer.hlc);
      pushed += records.length;
      superseded += answer.superseded;
      onProgress?.({ phase: 'pushing', done: pushed, total: Math.max(total, pushed) });
    }

    let cursor = syncState(db).pullCursor;
    onProgress?.({ phase: 'pulling', done: 0, total: null });
    const ask = (after: number): Promise<z.infer<typeof PullPage>> => {
      const limit = pullSize.size();
      const asked = performance.now();
      return prefetch(
        pullPage(server, after, limit).then((page) => {
          pullSize.observe(page.more ? limit : page.records.length, performance.now() - asked);
          return page;
        }),
      );
    };
    let next = ask(cursor);
    for (;;) {
      if (signal?.aborted) return report(true);
      const page = await next;
      // The server reads the next page while this one is applied.
      if (page.more) next = ask(page.next);
      const outcome = applyPulled(db, page.records, page.next);
      pulled += page.records.length;
      applied += outcome.applied;
      cursor = page.next;
      onProgress?.({ phase: 'pulling', done: pulled, total: null });
      if (outcome.missingDocuments.length > 0) {
        const more = await catchUpDocuments(db, server, outcome.missingDocuments, cursor);
        documentsAdded += more.documents;
        applied += more.applied;
        onProgress?.({ phase: 'documents', done: documentsAdded, total: null });
      }
      if (!page.more) break;
    }
    recordSyncOutcome(db, { error: null });
    return report(false);
  } catch (error) {
    recordSyncOutcome(db, { error: messageOf(error) });
    throw error;
  }
}

/**
 * Documents the pulled records named but this project lacks (newly assigned
 * to me): fetch them, then every record of each, as the cursor has passed
 * some of them already. Ones the server will not show are left out.
 */
async function catchUpDocuments(db: Db, server: TeamServer, hashes: readonly string[], cursor: number): Promise<{ documents: number; applied: number }> {
  let documents = 0;
  let applied = 0;
  const unique = [...new Set(hashes)];
  for (let start = 0; start < unique.length; start += 500) {
    const { documents: fetched } = await fetchDocuments(server, unique.slice(start, start + 500));
    documents += addPulledDocuments(db, fetched);
    for (const document of fetched) {
      const page = await pullDocument(server, document.hash);
      applied += applyPulled(db, page.records, cursor).applied;
    }
  }
  return { documents, applied };
}
