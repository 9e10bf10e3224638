/**
 * The walk a corpus-wide edit takes: a batch of documents per transaction, the
 * event loop turning between batches so the workbench's own requests go in
 * between, progress after each, and a stop between batches when cancelled.
 * Accepting every suggestion and tagging every match of a query both walk so.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db } from '../store/connection.js';
import { writeTransaction } from '../store/statements.js';

export interface DocumentBatchOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly documentsDone: number; readonly documentsTotal: number }) => void;
  /** Documents per transaction (default 100): short enough that the workbench's own writes go between them. */
  readonly batchDocuments?: number;
}

/** Runs `step` on each batch of `documents` in a write transaction of its own; says how many documents were done and whether it stopped early. */
export async function inDocumentBatches(
  db: Db,
  documents: readonly number[],
  options: DocumentBatchOptions,
  step: (batch: readonly number[]) => void,
): Promise<{ readonly done: number; readonly cancelled: boolean }> {
  const batchDocuments = options.batchDocuments ?? 100;
  let done = 0;
  options.onProgress?.({ documentsDone: 0, documentsTotal: documents.length });
  for (let at = 0; at < documents.length; at += batchDocuments) {
    if (options.signal?.aborted) return { done, cancelled: true };
    const slice = documents.slice(at, at + batchDocuments);
    writeTransaction(db, () => step(slice))();
    done += slice.length;
    options.onProgress?.({ documentsDone: done, documentsTotal: documents.length });
    await yieldToEventLoop();
  }
  return { done, cancelled: false };
}
