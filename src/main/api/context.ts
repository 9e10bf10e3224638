import type { Db } from '../store/connection.js';
import type { JobRegistry } from './jobs.js';

/** What every handler works on: the open project and the long-running jobs. */
export interface ApiContext {
  readonly db: Db;
  readonly dbPath: string;
  readonly shell: 'electron' | 'browser';
  readonly jobs: JobRegistry;
}
