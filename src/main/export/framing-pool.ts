/**
 * Writes batches of a token-format export on worker threads, in order: while
 * the workers tokenize and write, the export's own thread reads the next
 * documents and writes the finished bytes to the file. If a worker cannot start
 * or dies, its batches are written on the export's own thread, so the file is
 * the same either way.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.js';
import { toTokenDocument, type ExportedDocument, type TokenDocument } from './exported-document.js';
import { writeBatch, type FramingRequest, type FramingResponse, type TokenFormat } from './token-batches.js';

interface Pending {
  readonly documents: readonly TokenDocument[];
  readonly resolve: (bytes: Uint8Array | string) => void;
}

export class FramingPool {
  #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  readonly #leftOut = new Map<string, number>();
  #batches = 0;

  /** @param threads worker threads to start (none writes every batch on the caller's thread). */
  constructor(
    private readonly format: TokenFormat,
    threads: number,
  ) {
    try {
      for (let n = 0; n < threads; n++) {
        // Hundreds of token objects a document, gone a moment later: a larger young generation
        // collects them without promoting them (the spaCy export of 100,000 documents: 15.6 s → 14.4 s).
        const worker = startWorker(import.meta.url, 'framing-worker', 32);
        worker.unref();
        worker.on('message', (response: FramingResponse) => this.#settle(response));
        // Whatever a failed worker was writing is written here instead.
        worker.on('error', () => this.#drop(worker));
        worker.on('exit', () => this.#drop(worker));
        this.#workers.push(worker);
      }
    } catch {
      this.close();
    }
  }

  /** Batches worth having in flight: enough to keep every worker busy, few enough to bound memory. */
  get depth(): number {
    return Math.max(1, this.#workers.length * 2);
  }

  /** The batch's bytes (or text, when written here), once written. */
  write(exported: readonly ExportedDocument[]): Promise<Uint8Array | string> {
    // Only what the format reads crosses to the worker.
    const documents = exported.map(toTokenDocument);
    const batch = this.#batches++;
    const worker = this.#workers[batch % Math.max(1, this.#workers.length)];
    if (worker === undefined) return Promise.resolve(this.#writeHere(documents));
    return new Promise((resolve) => {
      this.#pending.set(batch, { documents, resolve });
      worker.postMessage({ batch, format: this.format, documents } satisfies FramingRequest);
    });
  }

  /** Spans left out of every batch written so far, by reason. */
  leftOut(): ReadonlyMap<string, number> {
    return this.#leftOut;
  }

  close(): void {
    const workers = this.#workers;
    this.#workers = [];
    for (const worker of workers) void worker.terminate();
    this.#writePendingHere();
  }

  #count(entries: Iterable<readonly [string, number]>): void {
    for (const [reason, count] of entries) this.#leftOut.set(reason, (this.#leftOut.get(reason) ?? 0) + count);
  }

  #writeHere(documents: readonly TokenDocument[]): string {
    const { text, leftOut } = writeBatch(this.format, documents);
    this.#count(leftOut.counts);
    return text;
  }

  #settle(response: FramingResponse): void {
    const pending = this.#pending.get(response.batch);
    if (pending === undefined) return;
    this.#pending.delete(response.batch);
    this.#count(response.leftOut);
    pending.resolve(response.bytes);
  }

  #drop(worker: Worker): void {
    if (!this.#workers.includes(worker)) return;
    // Later batches go to the workers left, or are written here; those in flight are written here now.
    this.#workers = this.#workers.filter((other) => other !== worker);
    this.#writePendingHere();
  }

  #writePendingHere(): void {
    const pending = [...this.#pending.entries()];
    this.#pending.clear();
    for (const [, entry] of pending) entry.resolve(this.#writeHere(entry.documents));
  }
}
