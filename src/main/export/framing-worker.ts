/**
 * The framing worker: writes batches of documents in a token format (spaCy
 * JSONL, CoNLL) and hands back their UTF-8 bytes. Tokenizing and writing every
 * token is most of such an export's work, and it needs nothing but the
 * documents, so several threads can share it. Never touches the database.
 * Only the worker loads this module: its listener must not start in any other
 * thread that happens to import the writers (a job thread exporting, say).
 */
import { parentPort } from 'node:worker_threads';
import { writeBatchBytes, type FramingRequest, type FramingResponse } from './token-batches.js';

parentPort?.on('message', (request: FramingRequest) => {
  // Encoded here, so the thread that writes the file only writes; the bytes move over without a copy.
  const { bytes, leftOut } = writeBatchBytes(request.format, request.documents);
  parentPort?.postMessage({ batch: request.batch, bytes, leftOut: [...leftOut.counts] } satisfies FramingResponse, [bytes.buffer]);
});
