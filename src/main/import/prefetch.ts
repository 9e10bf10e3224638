/**
 * Reads the next small files ahead, in libuv's thread pool, while the current one
 * is parsed and stored: a corpus of 100,000 small files otherwise spends a third
 * of its import waiting for open/read/close, one file after the other.
 */
import { readFile } from 'node:fs';
import type { FoundFile } from './walk.js';

/** Files up to this size are read ahead (1 MB); larger ones are read when their turn comes. */
const MAX_FILE_BYTES = 1024 * 1024;

/** How many files are read ahead at most: with 1 MB each, at most 32 MB held. */
const WINDOW = 32;

/** What reading ahead gave: the bytes, or the error the read met (reported when the file's turn comes). */
export type Prefetched = Buffer | Error;

export class FilePrefetch {
  readonly #pending = new Map<number, Promise<Prefetched>>();
  #requested = 0;

  /** @param wanted whether a file is read whole (not streamed, not a bundle): only those are read ahead. */
  constructor(
    private readonly files: readonly FoundFile[],
    private readonly wanted: (file: FoundFile) => boolean,
  ) {}

  /** The bytes of file `index` when they were read ahead, else undefined; starts reading the files after it. */
  async take(index: number): Promise<Prefetched | undefined> {
    this.#requested = Math.max(this.#requested, index);
    while (this.#requested < Math.min(this.files.length, index + 1 + WINDOW)) {
      const at = this.#requested++;
      const file = this.files[at] as FoundFile;
      if (file.bytes <= MAX_FILE_BYTES && this.wanted(file)) {
        // The callback form: fs/promises' readFile takes several trips through the thread pool per file.
        this.#pending.set(at, new Promise((resolve) => readFile(file.path, (error, bytes) => resolve(error ?? bytes))));
      }
    }
    const pending = this.#pending.get(index);
    this.#pending.delete(index);
    return pending;
  }
}
