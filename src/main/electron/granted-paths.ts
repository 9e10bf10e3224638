/**
 * The files and folders the person handed to the desktop app in this session:
 * chosen in one of its dialogs or dropped on its window. Import and export
 * requests from the page may name only these, so a compromised page cannot
 * read or write any other file the user can. No Electron import: the rule is
 * tested on its own.
 */
import { resolve, sep } from 'node:path';

/** What may be read (imported) and what may be written (exported to). */
export interface GrantedPaths {
  /** A file or folder chosen in the import dialog or dropped on the window: it and what is inside it may be read. */
  grantRead(path: string): void;
  /** A path chosen in the save dialog: that exact path may be written (a brat export makes it a folder). */
  grantWrite(path: string): void;
  /** Paths of `paths` that were not granted for reading; [] when all were. */
  refusedReads(paths: readonly string[]): string[];
  /** Whether `path` was granted for writing. */
  mayWrite(path: string): boolean;
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** A fresh, empty set of grants: one per run of the app. */
export function createGrantedPaths(): GrantedPaths {
  const reads = new Set<string>();
  const writes = new Set<string>();
  return {
    grantRead: (path) => void reads.add(resolve(path)),
    grantWrite: (path) => void writes.add(resolve(path)),
    refusedReads: (paths) => paths.filter((path) => ![...reads].some((granted) => inside(resolve(path), granted))),
    mayWrite: (path) => writes.has(resolve(path)),
  };
}
