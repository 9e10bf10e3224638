import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError, messageOf } from '../errors.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';
import { ensureSyncTriggers } from '../sync/state.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Refuse to create the file (commands that only read a project). */
  readonly mustExist?: boolean;
  /** Migrations to apply; tests pass a prefix to build a database at an older version. */
  readonly migrations?: readonly Migration[];
  /**
   * Path of a better-sqlite3 addon built for another ABI: the Electron shell loads
   * one built for Electron, while tests and the CLI use the Node build.
   */
  readonly nativeBinding?: string;
}

const readOnlyReasons = new WeakMap<Db, string>();

/** Why edits are off in this project (a read-only file, folder or disk), or null when it can be edited. */
export function readOnlyReason(db: Db): string | null {
  return readOnlyReasons.get(db) ?? null;
}

/** Why an existing project file cannot be written, or null. SQLite writes -wal and -shm files beside it, so its folder counts too. */
function writeBlocker(path: string): string | null {
  if (!existsSync(path)) return null;
  for (const [target, what] of [
    [path, 'the file'],
    [dirname(path), 'its folder'],
  ] as const) {
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return `${what} ${target} cannot be written (${code === 'EROFS' ? 'a read-only disk' : code === 'EACCES' ? 'no permission' : code})`;
    }
  }
  return null;
}

/**
 * Opens a project that cannot be written, for reading only. SQLite can read a
 * WAL project in place only where it may create the -shm file beside it; on a
 * read-only disk the file is read into memory instead (marked as a rollback-
 * journal database, which is how SQLite reads a copy) and opened read-only.
 */
function openReadOnly(path: string, nativeBinding: string | undefined): Db {
  const binding = nativeBinding ? { nativeBinding } : {};
  try {
    const db = new Database(path, { ...binding, readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    if (!(error instanceof Database.SqliteError) || error.code !== 'SQLITE_CANTOPEN') throw error;
  }
  const image = readFileSync(path);
  // Bytes 18 and 19 of the header say WAL (2); an in-memory copy has no WAL to read.
  if (image.length >= 20 && image[18] === 2 && image[19] === 2) image.fill(1, 18, 20);
  return new Database(image, { ...binding, readonly: true });
}

/**
 * Opens (creating if missing) a project database and brings its schema up to
 * date. A project that cannot be written (a read-only file, folder or disk)
 * opens for reading: lists, search, statistics and exports work, and
 * readOnlyReason() says why edits are off.
 */
export function openProject(path: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UserError(`${path}: is a folder, not a project file`);
  }
  if (options.mustExist && !existsSync(path)) {
    throw new UserError(`${path}: no such project file`);
  }
  const blocker = writeBlocker(path);
  if (blocker !== null) return openForReading(path, blocker, migrations, options.nativeBinding);
  mkdirSync(dirname(path), { recursive: true });

  let db: Db;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 64 MB of page cache: imports and exports touch far more than the 2 MB default.
    db.pragma('cache_size = -65536');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw new UserError(`${path}: cannot open as a Marginalia project (${messageOf(error)})`);
  }
  try {
    migrate(db, path, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  refreshStatistics(db, OPTIMIZE_ON_OPEN);
  // A project that syncs gets the change log's triggers of this version (an older Marginalia may have left older ones).
  if (migrations.length === LATEST_VERSION) ensureSyncTriggers(db);
  return db;
}

function openForReading(path: string, blocker: string, migrations: readonly Migration[], nativeBinding: string | undefined): Db {
  let db: Db;
  try {
    db = openReadOnly(path, nativeBinding);
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
  } catch (error) {
    throw new UserError(`${path}: cannot open as a Marginalia project (${messageOf(error)})`);
  }
  try {
    const version = checkVersion(db, path, migrations.length);
    if (version < migrations.length) {
      throw new UserError(
        `${path}: written by an older Marginalia (schema version ${version}); opening it here means upgrading it, and ${blocker}`,
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
  readOnlyReasons.set(db, `read-only: ${blocker}, so edits are off`);
  return db;
}

/** Every table checked, not only those this connection used: SQLite's advice for a connection that is just opened. */
const OPTIMIZE_ON_OPEN = 0x10002;
/** PRAGMA optimize's own default. */
const OPTIMIZE_DEFAULT = 0xfffe;

/**
 * Runs PRAGMA optimize, which analyses the tables whose statistics are missing
 * or out of date (SQLite decides which) from at most 400 rows per index, so it
 * stays a matter of milliseconds on any project. It is an optimisation only: a
 * project another connection is writing is left as it is rather than waited for.
 */
function refreshStatistics(db: Db, mask: number): void {
  try {
    db.pragma('analysis_limit = 400');
    db.pragma('busy_timeout = 0');
    db.pragma(`optimize = ${mask}`);
  } catch (error) {
    if (!(error instanceof Database.SqliteError) || !error.code.startsWith('SQLITE_BUSY')) throw error;
  } finally {
    db.pragma('busy_timeout = 5000');
  }
}

/**
 * Brings the query planner's statistics up to date after work that added or
 * removed many rows (an import, duplicate detection, a suggestion run), as
 * SQLite recommends.
 */
export function optimizeAfterBulkWork(db: Db): void {
  refreshStatistics(db, OPTIMIZE_DEFAULT);
}

function schemaVersion(db: Db, path: string): number {
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw new UserError(`${path}: not a Marginalia project (${messageOf(error)})`);
  }
}

function checkVersion(db: Db, path: string, latest: number): number {
  const version = schemaVersion(db, path);
  if (version > latest) {
    throw new UserError(
      `${path}: written by a newer Marginalia (schema version ${version}; this version knows up to ${latest}). ` +
        'Upgrade Marginalia to open it; the file was not changed.',
    );
  }
  return version;
}

/**
 * Applies pending migrations, each in its own transaction. A database that already
 * holds data is copied aside first (`<file>.v<N>.bak`), so a failed upgrade loses nothing.
 */
function migrate(db: Db, path: string, migrations: readonly Migration[]): void {
  const current = checkVersion(db, path, migrations.length);
  if (current === migrations.length) return;
  if (current > 0) backUp(db, `${path}.v${current}.bak`);
  for (const migration of migrations.slice(current)) {
    const apply = db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      throw new UserError(
        `${path}: upgrade to schema version ${migration.version} (${migration.name}) failed: ${messageOf(error)}`,
      );
    }
  }
}

function backUp(db: Db, target: string): void {
  let candidate = target;
  for (let n = 2; existsSync(candidate); n++) candidate = `${target}.${n}`;
  db.prepare('VACUUM INTO ?').run(candidate);
}

export { LATEST_VERSION };
