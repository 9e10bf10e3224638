/**
 * Reads the next files in a worker thread while the import writes the current
 * ones: reading, decoding, hashing and noise-finding cost as much as the
 * database writes, and two cores can do both at once. If the worker cannot
 * start or dies, the import reads on its own thread, as it always could.
 */
import type { Worker } from 'node:worker_threads';
import type { WholeFileOptions } from './read-file.js';
import type { PreparedFile, ReadRequest, ReadResponse } from './read-worker.js';
import { startWorker } from '../start-worker.js';
import type { FoundFile } from './walk.js';

/** Files up to this size go to the worker; larger ones are read when their turn comes. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** A batch closes at this many files or bytes: one message each way per batch, not per file. */
const BATCH_FILES = 256;
const BATCH_BYTES = 2 * 1024 * 1024;
/**
 * Batches asked for ahead of the one being stored: enough for the worker to keep
 * going while a transaction commits, and a bound (about 12 MB of files) on what is held.
 */
const BATCHES_AHEAD = 6;
/** Fewer files than this are read on the import's own thread: a worker takes a moment to start. */
const MIN_FILES = 32;

interface Batch {
  /** The files of the batch, in order. */
  readonly indexes: readonly number[];
  /** Each file is let go once taken, so its text need not wait for the rest of its batch. */
  readonly files: Promise<(PreparedFile | undefined)[] | null>;
}

export class ReadAhead {
  #workers: Worker[] = [];
  readonly #waiting = new Map<number, (files: (PreparedFile | undefined)[] | null) => void>();
  readonly #batchOf = new Map<number, Batch>();
  /** Batches sent, in file order, until the import moves past them. */
  #queue: Batch[] = [];
  #files: readonly FoundFile[] = [];
  #planned = 0;
  #batchesSent = 0;

  /**
   * @param wanted whether a file is read whole (not streamed, not a bundle): only those are read ahead.
   * @param fileName the name a file's titles and messages use.
   * @param workers reading threads to start; none reads everything on the caller's thread.
   */
  constructor(
    private readonly wanted: (file: FoundFile) => boolean,
    private readonly fileName: (file: FoundFile) => string,
    private readonly options: WholeFileOptions,
    private readonly workers = 1,
  ) {}

  /**
   * The files to read, in the order they will be taken. Workers start only for
   * enough files to repay their start-up.
   */
  plan(files: readonly FoundFile[], minimumFiles = MIN_FILES): void {
    this.#files = files;
    if (files.filter((file) => file.bytes <= MAX_FILE_BYTES && this.wanted(file)).length < minimumFiles) return;
    try {
      for (let n = 0; n < this.workers; n++) {
        const worker = startWorker(import.meta.url, 'read-worker');
        worker.unref();
        worker.on('message', (response: ReadResponse) => this.#settle(response.batch, [...response.files]));
        // A worker that fails leaves its batches, and those after, to the import's own thread.
        worker.on('error', () => this.#stop());
        worker.on('exit', () => this.#stop());
        this.#workers.push(worker);
      }
    } catch {
      this.close();
    }
  }

  /** File `index` as a worker read it, or undefined when the caller must read it. Asks for the batches after it. */
  async take(index: number): Promise<PreparedFile | undefined> {
    this.#planAhead(index);
    const batch = this.#batchOf.get(index);
    if (batch === undefined) return undefined;
    this.#batchOf.delete(index);
    const files = await batch.files;
    if (files === null) return undefined;
    const at = batch.indexes.indexOf(index);
    const file = files[at];
    files[at] = undefined;
    return file;
  }

  /** Stops the workers; files not yet taken are read by the caller. */
  close(): void {
    const workers = this.#workers;
    this.#stop();
    for (const worker of workers) void worker.terminate();
  }

  #planAhead(index: number): void {
    while (this.#queue.length > 0 && lastOf(this.#queue[0] as Batch) < index) this.#queue.shift();
    while (this.#workers.length > 0 && this.#planned < this.#files.length && this.#queue.length < BATCHES_AHEAD) {
      this.#send(this.#nextBatch());
    }
  }

  #nextBatch(): number[] {
    const indexes: number[] = [];
    let bytes = 0;
    while (this.#planned < this.#files.length && indexes.length < BATCH_FILES && bytes < BATCH_BYTES) {
      const at = this.#planned++;
      const file = this.#files[at] as FoundFile;
      if (file.bytes > MAX_FILE_BYTES || !this.wanted(file)) continue;
      indexes.push(at);
      bytes += file.bytes;
    }
    return indexes;
  }

  #send(indexes: readonly number[]): void {
    if (indexes.length === 0) return;
    const id = this.#batchesSent++;
    const files = new Promise<(PreparedFile | undefined)[] | null>((resolve) => this.#waiting.set(id, resolve));
    const batch: Batch = { indexes, files };
    for (const at of indexes) this.#batchOf.set(at, batch);
    this.#queue.push(batch);
    const request: ReadRequest = {
      batch: id,
      files: indexes.map((at) => {
        const file = this.#files[at] as FoundFile;
        return { path: file.path, fileName: this.fileName(file), ...(file.fsPath ? { fsPath: file.fsPath } : {}) };
      }),
      options: this.options,
    };
    // Round robin: batches are alike in size, and each worker answers its own in order.
    this.#workers[id % this.#workers.length]?.postMessage(request);
  }

  #settle(id: number, files: (PreparedFile | undefined)[] | null): void {
    this.#waiting.get(id)?.(files);
    this.#waiting.delete(id);
  }

  #stop(): void {
    this.#workers = [];
    for (const id of [...this.#waiting.keys()]) this.#settle(id, null);
  }
}

function lastOf(batch: Batch): number {
  return batch.indexes[batch.indexes.length - 1] ?? -1;
}
