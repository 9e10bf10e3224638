/**
 * What a benchmark's report says about the code it ran: the commit, whether
 * sources had changed since, SQLite's version; and whether a compiled build is
 * older than its sources.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function sqliteVersion(): string {
  const db = new Database(':memory:');
  const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return version;
}

/** The commit checked out, and how many files under src/ differ from it. */
export function sourceState(): { commit: string; changedSourceFiles: number } {
  const git = (args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    return { commit: git(['rev-parse', '--short', 'HEAD']), changedSourceFiles: git(['status', '--porcelain', '--', 'src']).split('\n').filter((line) => line !== '').length };
  } catch {
    return { commit: 'unknown', changedSourceFiles: 0 };
  }
}

/** The newest modification time of any file under `dir`. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
}
