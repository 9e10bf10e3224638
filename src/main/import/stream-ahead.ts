/**
 * Parses large streamed files in a worker thread while the import writes their
 * records: for a file of a million spans, parsing costs about half as much as
 * storing, and two cores can do both at once. The worker runs a few batches
 * ahead and no further, so memory stays flat whatever the file's size. If the
 * worker cannot start or dies before a file's first batch, the import reads
 * that file on its own thread, as it always could.
 */
import type { Worker } from 'node:worker_threads';
import type { PreparedText } from './read-file.js';
import type { ImportFormat } from './readers/index.js';
import type { StreamingOptions } from './readers/streaming.js';
import type { ReaderItem } from './record.js';
import { startWorker } from '../start-worker.js';
import type { StreamMessage, StreamRequest } from './stream-worker.js';
import type { FsPath } from './walk.js';

/** Streamed files from this size on are parsed in the worker; smaller ones are not worth the crossing. */
export const STREAM_AHEAD_FROM_BYTES = 4 * 1024 * 1024;
/** Batches the worker may have parsed ahead of the one being stored (about 1 MB of text each). */
const BATCHES_AHEAD = 4;

/** Items of a file with, for each record, what storing it needs. */
export interface ItemBatch {
  readonly items: Iterable<ReaderItem>;
  readonly prepared?: readonly (PreparedText | undefined)[];
}

export type StreamOpening =
  /** The worker could not take the file: the caller reads it itself. */
  | { readonly kind: 'inline' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'stream'; readonly batches: AsyncIterable<ItemBatch> };

/** Messages of one stream, in order, handed to whoever waits for them. */
class Inbox {
  readonly #queue: (StreamMessage | null)[] = [];
  #waiting: ((message: StreamMessage | null) => void) | undefined;

  /** A message, or null when the worker is gone. */
  put(message: StreamMessage | null): void {
    if (this.#waiting) {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting(message);
    } else {
      this.#queue.push(message);
    }
  }

  next(): Promise<StreamMessage | null> {
    if (this.#queue.length > 0) return Promise.resolve(this.#queue.shift() as StreamMessage | null);
    return new Promise((resolve) => (this.#waiting = resolve));
  }
}

export class StreamAhead {
  #worker: Worker | null | undefined;
  readonly #inboxes = new Map<number, Inbox>();
  #streams = 0;

  /** @param enabled false reads every file on the caller's thread. */
  constructor(private readonly enabled: boolean) {}

  /** Starts reading a file in the worker and waits for its first word. */
  async open(path: FsPath, bytes: number, format: ImportFormat, fileName: string, options: StreamingOptions): Promise<StreamOpening> {
    const worker = this.#start();
    if (worker === null) return { kind: 'inline' };
    const stream = this.#streams++;
    const inbox = new Inbox();
    this.#inboxes.set(stream, inbox);
    const request: StreamRequest = { type: 'open', stream, path, bytes, format, fileName, options, credit: BATCHES_AHEAD };
    worker.postMessage(request);
    const first = await inbox.next();
    if (first === null || first.type === 'whole') {
      this.#inboxes.delete(stream);
      return { kind: 'inline' };
    }
    if (first.type === 'refused') {
      this.#inboxes.delete(stream);
      return { kind: 'refused', reason: first.reason };
    }
    return { kind: 'stream', batches: this.#batches(stream, inbox, first) };
  }

  /** Stops the worker; a file being read is cut short. */
  close(): void {
    const worker = this.#worker;
    this.#stop();
    if (worker) void worker.terminate();
  }

  async *#batches(stream: number, inbox: Inbox, first: StreamMessage): AsyncGenerator<ItemBatch> {
    let done = false;
    try {
      for (let message: StreamMessage | null = first; ; message = await inbox.next()) {
        if (message === null) throw new Error('the thread reading the file stopped before its end');
        if (message.type === 'end') break;
        if (message.type === 'failed') {
          done = true;
          throw new Error(message.reason);
        }
        if (message.type !== 'batch') throw new Error(`unexpected word from the thread reading the file: ${message.type}`);
        this.#worker?.postMessage({ type: 'more', stream } satisfies StreamRequest);
        yield { items: message.items, prepared: message.prepared };
      }
      done = true;
    } finally {
      this.#inboxes.delete(stream);
      // Cut short (cancelled, or the import failed): the worker stops reading the file.
      if (!done) this.#worker?.postMessage({ type: 'close', stream } satisfies StreamRequest);
    }
  }

  #start(): Worker | null {
    if (!this.enabled) return null;
    if (this.#worker !== undefined) return this.#worker;
    try {
      const worker = startWorker(import.meta.url, 'stream-worker');
      worker.unref();
      worker.on('message', (message: StreamMessage) => this.#inboxes.get(message.stream)?.put(message));
      // A worker that fails ends the streams it was reading, and the import reads the next files itself.
      worker.on('error', () => this.#stop());
      worker.on('exit', () => this.#stop());
      this.#worker = worker;
    } catch {
      this.#worker = null;
    }
    return this.#worker;
  }

  #stop(): void {
    this.#worker = null;
    for (const inbox of this.#inboxes.values()) inbox.put(null);
    this.#inboxes.clear();
  }
}
