import { readdirSync, statSync, type BigIntStats } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { messageOf } from '../errors.js';

/**
 * A path as the file system takes it: a string, or the raw bytes of a name that
 * is not UTF-8 (a string cannot carry those bytes to the system).
 */
export type FsPath = string | Buffer;

export interface FoundFile {
  /** The path as the person would recognise it (joined from what they gave); bytes that are not UTF-8 show as U+FFFD. */
  readonly path: string;
  readonly bytes: number;
  /** The path's bytes, when its name is not UTF-8 and `path` therefore does not reach the file. */
  readonly fsPath?: Buffer;
}

/** The path to open a found file by. */
export function fsPathOf(file: FoundFile): FsPath {
  return file.fsPath ?? file.path;
}

/** A path that crossed to a worker thread (a Buffer arrives as a plain Uint8Array), as the file system takes it. */
export function asFsPath(path: string | Uint8Array): FsPath {
  return typeof path === 'string' || Buffer.isBuffer(path) ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength);
}

export interface WalkResult {
  readonly files: FoundFile[];
  readonly problems: { readonly path: string; readonly reason: string }[];
  /** How many of the problems are links that lead back into a folder being read (not followed). */
  readonly linkLoops: number;
}

/** Hidden files and folders (.git, .DS_Store) are never documents. */
function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/** One file or folder, however many names lead to it. */
function identity(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}`;
}

/** `name` under `folder`, in bytes when either is not UTF-8. */
function childPath(folder: FsPath, name: string | Buffer): FsPath {
  if (typeof folder === 'string' && typeof name === 'string') return join(folder, name);
  return Buffer.concat([Buffer.from(folder), Buffer.from(sep), Buffer.from(name)]);
}

/** A folder's entries in name order, each with the name shown and the name to open it by. */
function listFolder(folder: FsPath): { readonly shown: string; readonly name: string | Buffer }[] {
  const names = readdirSync(folder);
  // Node decodes names as UTF-8, putting U+FFFD for bytes that are not: only then are the raw bytes needed.
  if (!names.some((name) => name.includes('\uFFFD'))) return names.sort().map((name) => ({ shown: name, name }));
  return readdirSync(folder, { encoding: 'buffer' })
    .map((bytes) => {
      const shown = bytes.toString('utf8');
      return { shown, name: Buffer.from(shown, 'utf8').equals(bytes) ? shown : bytes };
    })
    .sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : Buffer.compare(Buffer.from(a.name), Buffer.from(b.name))));
}

/**
 * The bytes of a path given with U+FFFD where its name has bytes that are not
 * UTF-8 (a command-line argument or a request reaches Node decoded so): each
 * such part of it is matched against its folder's entries, decoded the same
 * way. Null unless every part matches exactly one entry.
 */
function bytesOfShownPath(shown: string): Buffer | null {
  const parts = shown.split(sep);
  let path: Buffer = Buffer.from(isAbsolute(shown) ? sep : '');
  for (const [index, part] of parts.entries()) {
    if (index === 0 && part === '') continue;
    let name: Buffer;
    if (!part.includes('\uFFFD')) {
      name = Buffer.from(part);
    } else {
      let entries: Buffer[];
      try {
        entries = readdirSync(path.length === 0 ? '.' : path, { encoding: 'buffer' });
      } catch {
        return null;
      }
      const matches = entries.filter((entry) => entry.toString('utf8') === part);
      if (matches.length !== 1) return null;
      name = matches[0] as Buffer;
    }
    path = path.length === 0 || path.equals(Buffer.from(sep)) ? Buffer.concat([path, name]) : Buffer.concat([path, Buffer.from(sep), name]);
  }
  return path;
}

/** Links that lead round to themselves: the system gives up (ELOOP) before reaching anything. */
const LINKS_NEVER_END = 'link loop: the links never reach a file or folder';

/** Why a path cannot be looked at, for a person. */
function statProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return LINKS_NEVER_END;
  if (code === 'ENOENT') return 'no such file or folder';
  return messageOf(error);
}

/**
 * Lists the files under the given paths (folders recursively, in name order),
 * so the import knows the total up front and can report progress against it.
 * Links are followed, but each real file and folder is read once: a link back
 * into a folder being read is a loop, reported and not followed.
 */
export function walkPaths(paths: readonly string[]): WalkResult {
  const files: FoundFile[] = [];
  const problems: WalkResult['problems'] = [];
  let linkLoops = 0;
  const seen = new Set<string>();
  // The folders being read, innermost last, by identity: a folder met again among them is a loop.
  const reading = new Map<string, string>();

  const visit = (shown: string, path: FsPath, explicit: boolean): void => {
    let stats: BigIntStats;
    try {
      stats = statSync(path, { bigint: true });
    } catch (error) {
      const bytes = explicit && typeof path === 'string' && shown.includes('\uFFFD') ? bytesOfShownPath(shown) : null;
      if (bytes !== null) return visit(shown, bytes, true);
      const reason = statProblem(error);
      if (reason === LINKS_NEVER_END) linkLoops += 1;
      problems.push({ path: shown, reason });
      return;
    }
    const key = identity(stats);
    if (stats.isDirectory()) {
      const outer = reading.get(key);
      if (outer !== undefined) {
        linkLoops += 1;
        problems.push({ path: shown, reason: `link loop: ${shown} points back to ${outer}, which is being read; not followed` });
        return;
      }
      // Reached before by another way (two links to one folder): its files are listed already.
      if (seen.has(key)) return;
      seen.add(key);
      let entries: ReturnType<typeof listFolder>;
      try {
        entries = listFolder(path);
      } catch (error) {
        problems.push({ path: shown, reason: `cannot list folder: ${messageOf(error)}` });
        return;
      }
      reading.set(key, shown);
      for (const entry of entries) if (!isHidden(entry.shown)) visit(join(shown, entry.shown), childPath(path, entry.name), false);
      reading.delete(key);
      return;
    }
    if (!stats.isFile()) {
      if (explicit) problems.push({ path: shown, reason: 'not a regular file' });
      return;
    }
    if (seen.has(key)) return;
    seen.add(key);
    files.push({ path: shown, bytes: Number(stats.size), ...(typeof path === 'string' ? {} : { fsPath: path }) });
  };

  for (const path of paths) visit(path, path, true);
  return { files, problems, linkLoops };
}
