/**
 * Reading one whole file into records: decoding, brat pairs, and the reader for
 * its format. Shared by the import loop and the read-ahead worker, so a file
 * reads the same whichever thread reads it; it touches no database.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { NoiseMark } from '../../shared/model.js';
import { codePointLength } from '../../shared/offsets.js';
import { messageOf } from '../errors.js';
import { contentHash } from '../store/documents.js';
import { binaryTypeOf, decodeBytes } from './decode.js';
import { findNoise } from './noise.js';
import { bratRole, readBratPair } from './readers/brat.js';
import { readerForPath, type ImportFormat } from './readers/index.js';
import type { ReaderItem } from './record.js';
import type { FsPath } from './walk.js';

/** What reading a whole file needs to know: plain data, so it can cross to a worker. */
export interface WholeFileOptions {
  readonly encoding?: string;
  readonly format?: ImportFormat;
  readonly textColumn?: string;
}

export type FileOutcome =
  | { readonly ok: true; readonly items: readonly ReaderItem[]; readonly problemsIn?: string }
  | { readonly ok: false; readonly reason: string };

/**
 * What storing a record computes from its text alone, worked out ahead (in the
 * read-ahead worker) so the thread that writes the database only writes.
 */
export interface PreparedText {
  readonly contentHash: string;
  readonly lengthCp: number;
  readonly noise: readonly NoiseMark[];
}

export function prepareText(text: string): PreparedText {
  return { contentHash: contentHash(text), lengthCp: codePointLength(text), noise: findNoise(text) };
}

/** Why a file could not be read, in words. */
export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'file disappeared before it could be read' : messageOf(error);
}

/**
 * Whether a file exists, by one listing per folder instead of one question per
 * file: a worker reading 100,000 files asks about each one's brat annotations.
 * The listing is as of the first question about its folder.
 */
export function listedExists(): (path: FsPath) => boolean {
  const listings = new Map<string, ReadonlySet<string>>();
  return (path) => {
    // A listing holds names as UTF-8 strings, which cannot match a name that is not UTF-8.
    if (typeof path !== 'string') return existsSync(path);
    const folder = dirname(path);
    let names = listings.get(folder);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(folder));
      } catch {
        names = new Set();
      }
      listings.set(folder, names);
    }
    return names.has(basename(path));
  };
}

/**
 * Reads, decodes and parses a file that is read whole (not streamed, not a
 * bundle), so a bad file is refused before anything is written. `fileName` is
 * for titles and messages; `fsPath` opens the file when `path` (its name as
 * shown, which says its format) cannot.
 */
export function readWholeFile(
  path: string,
  fileName: string,
  options: WholeFileOptions,
  exists: (path: FsPath) => boolean = existsSync,
  fsPath: FsPath = path,
): FileOutcome {
  const binaryType = binaryTypeOf(path);
  if (binaryType) return { ok: false, reason: `binary file (${binaryType}), not text` };
  // brat folders: a .txt is read with the .ann of the same name, whose line problems are reported under its own path.
  const brat = bratRole(path, options.format, exists, fsPath);
  if (brat.kind === 'skip') return { ok: true, items: [] };
  if (brat.kind === 'refuse') return { ok: false, reason: brat.reason };
  let contents: Buffer;
  try {
    contents = readFileSync(fsPath);
  } catch (error) {
    return { ok: false, reason: unreadable(error) };
  }
  try {
    const text = decodeBytes(contents, options.encoding);
    if (text.trim() === '') return { ok: false, reason: contents.length === 0 ? 'empty file' : 'file holds only white space' };
    if (brat.kind === 'pair') {
      const annotations = decodeBytes(readFileSync(brat.annotationsFsPath), options.encoding);
      return { ok: true, items: [...readBratPair(text, annotations, fileName)], problemsIn: brat.annotations };
    }
    const reader = readerForPath(path, options.format);
    return { ok: true, items: [...reader(text, fileName, { textColumn: options.textColumn })] };
  } catch (error) {
    return { ok: false, reason: messageOf(error) };
  }
}
