import { basename, extname } from 'node:path';
import { createDispatcher, type Dispatch } from '../api/dispatcher.js';
import { createJobRegistry } from '../api/jobs.js';
import { createThreadedSearchIndexer } from '../api/search-indexer.js';
import { createOperationThread } from '../api/operation-thread.js';
import { createWriteGate } from '../store/write-gate.js';
import { openProject } from '../store/connection.js';

/** One open project as the shell holds it: the database and the dispatcher over it. */
export interface ProjectSession {
  readonly dbPath: string;
  readonly dispatch: Dispatch;
  close(): void;
}

/**
 * Opens a project for the shell with Electron's better-sqlite3 addon and builds
 * a fresh dispatcher (and job registry) over it. Throws a UserError the shell
 * can show when the file is not a project it can open.
 */
export function openProjectSession(dbPath: string, nativeBinding: string, options: { mustExist?: boolean } = {}): ProjectSession {
  const db = openProject(dbPath, { nativeBinding, mustExist: options.mustExist ?? false });
  // Jobs and the search index hold back their next batch while a request is served.
  const writeGate = createWriteGate();
  const jobs = createJobRegistry({ db, dbPath, nativeBinding, writeGate });
  const searchIndexer = createThreadedSearchIndexer({ dbPath, nativeBinding, writeGate }, { db });
  const operationThread = createOperationThread({ dbPath, nativeBinding });
  // An import killed part-way leaves documents the index has not caught up with.
  searchIndexer.kick();
  return {
    dbPath,
    dispatch: createDispatcher({ db, dbPath, shell: 'electron', jobs, searchIndexer, operationThread, writeGate }),
    close() {
      // Running imports stop at their next file; what they committed stays, so the
      // file is sound. A write already under way on this handle fails harmlessly.
      jobs.cancelAll();
      // The index stops between two chunks; the next session carries on from there.
      searchIndexer.stop();
      void operationThread.close();
      if (db.open) db.close();
    },
  };
}

/** The name a project shows in the title bar: its file name without the extension. */
export function projectName(dbPath: string): string {
  return basename(dbPath, extname(dbPath));
}
