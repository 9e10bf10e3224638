import type { Db } from '../store/connection.js';
import type { JobRegistry } from './jobs.js';
import type { OperationThread } from './operation-thread.js';
import type { SearchIndexer } from './search-indexer.js';

/** What every handler works on: the open project, the long-running jobs and the search index's catching up. */
export interface ApiContext {
  readonly db: Db;
  readonly dbPath: string;
  readonly shell: 'electron' | 'browser';
  readonly jobs: JobRegistry;
  /**
   * Catches the search index up after imports. Without one, an import brings
   * the index up to date itself before its job ends (slower, but a context
   * built for a single test needs nothing running in the background).
   */
  readonly searchIndexer?: SearchIndexer;
  /**
   * Serves the operations that walk the whole project (OFF_THREAD_OPERATIONS)
   * from a thread of their own. Without one they run here (a context built for
   * a single test).
   */
  readonly operationThread?: OperationThread;
  /** Raised while a request is served, so job threads hold back their next batch (write-gate.ts). */
  readonly writeGate?: SharedArrayBuffer;
}
