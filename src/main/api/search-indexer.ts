/**
 * Catching the search index up in a running app. Imports store documents and
 * leave the index behind (store/search-index.ts); this works through that
 * backlog in small transactions, letting requests run between them, so the
 * workbench stays responsive while search fills in.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { messageOf } from '../errors.js';
import type { Db } from '../store/connection.js';
import { indexNextDocuments, pendingDocuments } from '../store/search-index.js';
import { runJobInThread, type ProjectTarget } from '../jobs/job-thread.js';

export interface SearchIndexer {
  /** Starts catching up, unless that is already under way (it then picks up the new documents too). */
  kick(): void;
  /** Resolves once no catching up is under way or waiting to be retried (or the indexer was stopped). */
  idle(): Promise<void>;
  /** Stops after the chunk under way, before the project is closed; what was indexed stays indexed. */
  stop(): void;
}

export interface SearchIndexerOptions {
  /** Documents per transaction: small enough that a request waits at most a few tens of milliseconds. */
  readonly chunkDocuments?: number;
  /** After a failure (another process holding the write lock), try again this much later. */
  readonly retryMs?: number;
  /** Where a failure is reported: once per run of failures, not once per retry. */
  readonly report?: (message: string) => void;
}

/** Promises of idleness: `wait()` gives one, `settle()` keeps them all. */
function idleWaiters(): { wait: () => Promise<void>; settle: () => void } {
  let waiters: (() => void)[] = [];
  return {
    wait: () => new Promise<void>((resolve) => waiters.push(resolve)),
    settle() {
      const waiting = waiters;
      waiters = [];
      for (const resolve of waiting) resolve();
    },
  };
}

/** Creates the indexer of one open project. It does nothing until kicked. */
export function createSearchIndexer(db: Db, options: SearchIndexerOptions = {}): SearchIndexer {
  const chunkDocuments = options.chunkDocuments ?? 500;
  const retryMs = options.retryMs ?? 5000;
  const report = options.report ?? ((message: string) => console.error(message));
  let running = false;
  let stopped = false;
  let failing = false;
  let retry: NodeJS.Timeout | null = null;
  const { wait, settle } = idleWaiters();

  const run = async (): Promise<void> => {
    running = true;
    try {
      while (!stopped && db.open && pendingDocuments(db) > 0) {
        indexNextDocuments(db, chunkDocuments);
        failing = false;
        await yieldToEventLoop();
      }
    } catch (error) {
      if (stopped || !db.open) return;
      // Usually SQLITE_BUSY: another process (a CLI import) is writing. Nothing is lost by waiting.
      if (!failing) report(`search index: could not catch up (${messageOf(error)}); trying again in ${Math.round(retryMs / 1000)} s`);
      failing = true;
      retry = setTimeout(() => {
        retry = null;
        kick();
      }, retryMs);
      // A pending retry must not keep a finished process alive.
      retry.unref();
    } finally {
      // Reset in the same turn as the last check of the backlog, so a kick that comes after it starts a new run.
      running = false;
      if (retry === null) settle();
    }
  };

  const kick = (): void => {
    if (running || stopped) return;
    if (retry !== null) {
      clearTimeout(retry);
      retry = null;
    }
    void run();
  };

  return {
    kick,
    idle: () => (!running && retry === null) || stopped ? Promise.resolve() : wait(),
    stop() {
      stopped = true;
      if (retry !== null) clearTimeout(retry);
      retry = null;
      settle();
    },
  };
}

/**
 * The indexer of a running app: the same catching up, in a job thread with its
 * own connection (a backlog of 100,000 documents is seconds of work the thread
 * that answers the workbench must not do). `idle`, `kick` and `stop` behave as
 * createSearchIndexer's.
 */
export function createThreadedSearchIndexer(
  target: ProjectTarget,
  options: Pick<SearchIndexerOptions, 'retryMs' | 'report'> & {
    /** This thread's connection, to see at once (a count by rowid) whether there is anything to catch up. */
    readonly db?: Db;
  } = {},
): SearchIndexer {
  const retryMs = options.retryMs ?? 5000;
  const report = options.report ?? ((message: string) => console.error(message));
  let running: AbortController | null = null;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const { wait, settle } = idleWaiters();

  const run = (): void => {
    const controller = new AbortController();
    running = controller;
    again = false;
    runJobInThread(target, { kind: 'index' }, { signal: controller.signal })
      .then(() => {
        running = null;
        if (again && !stopped) run();
        else settle();
      })
      .catch((error: unknown) => {
        running = null;
        if (stopped) return settle();
        // Usually another writer held the lock past busy_timeout; nothing is lost by waiting.
        report(`search index: could not catch up (${messageOf(error)}); trying again in ${Math.round(retryMs / 1000)} s`);
        retry = setTimeout(() => {
          retry = null;
          kick();
        }, retryMs);
        retry.unref();
      });
  };

  const kick = (): void => {
    if (stopped) return;
    if (!running && retry === null && options.db?.open && pendingDocuments(options.db) === 0) return;
    if (running) {
      // Documents stored after the run began: it picks them up, or a new run does.
      again = true;
      return;
    }
    if (retry !== null) {
      clearTimeout(retry);
      retry = null;
    }
    run();
  };

  return {
    kick,
    idle: () => (running === null && retry === null) || stopped ? Promise.resolve() : wait(),
    stop() {
      stopped = true;
      running?.abort();
      if (retry !== null) clearTimeout(retry);
      retry = null;
      settle();
    },
  };
}
