import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { messageOf } from '../errors.js';

export interface FoundFile {
  /** The path as the person would recognise it (joined from what they gave). */
  readonly path: string;
  readonly bytes: number;
}

export interface WalkResult {
  readonly files: FoundFile[];
  readonly problems: { readonly path: string; readonly reason: string }[];
}

/** Hidden files and folders (.git, .DS_Store) are never documents. */
function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/**
 * Lists the files under the given paths (folders recursively, in name order),
 * so the import knows the total up front and can report progress against it.
 */
export function walkPaths(paths: readonly string[]): WalkResult {
  const files: FoundFile[] = [];
  const problems: WalkResult['problems'] = [];
  const seen = new Set<string>();

  const visit = (path: string, explicit: boolean): void => {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ path, reason: code === 'ENOENT' ? 'no such file or folder' : messageOf(error) });
      return;
    }
    if (stats.isDirectory()) {
      let entries: string[];
      try {
        entries = readdirSync(path).sort();
      } catch (error) {
        problems.push({ path, reason: `cannot list folder: ${messageOf(error)}` });
        return;
      }
      for (const entry of entries) if (!isHidden(entry)) visit(join(path, entry), false);
      return;
    }
    if (!stats.isFile()) {
      if (explicit) problems.push({ path, reason: 'not a regular file' });
      return;
    }
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ path, bytes: stats.size });
  };

  for (const path of paths) visit(path, true);
  return { files, problems };
}
