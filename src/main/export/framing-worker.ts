/**
 * The framing worker: writes batches of documents in a token format (spaCy
 * JSONL, CoNLL) and hands back their UTF-8 bytes. Tokenizing and writing every
 * token is most of such an export's work, and it needs nothing but the
 * documents, so several threads can share it. Never touches the database.
 */
import { parentPort } from 'node:worker_threads';
import type { ExportedDocument } from './exported-document.js';
import { conllDocument } from './formats/conll.js';
import { LeftOut } from './formats/framing.js';
import { spacyLine } from './formats/spacy.js';

/** Formats whose documents are written one by one, each on its own, as the worker does. */
export const DOCUMENT_WRITERS = { spacy: spacyLine, conll: conllDocument } as const;
export type TokenFormat = keyof typeof DOCUMENT_WRITERS;

export interface FramingRequest {
  readonly batch: number;
  readonly format: TokenFormat;
  readonly documents: readonly ExportedDocument[];
}

export interface FramingResponse {
  readonly batch: number;
  readonly bytes: Uint8Array;
  /** Spans left out of this batch, by reason. */
  readonly leftOut: readonly (readonly [string, number])[];
}

/** A batch as the format writes it, with what it left out. */
export function writeBatch(format: TokenFormat, documents: readonly ExportedDocument[]): { readonly text: string; readonly leftOut: LeftOut } {
  const leftOut = new LeftOut();
  const write = DOCUMENT_WRITERS[format];
  return { text: documents.map((doc) => write(doc, leftOut)).join(''), leftOut };
}

parentPort?.on('message', (request: FramingRequest) => {
  const { text, leftOut } = writeBatch(request.format, request.documents);
  // Encoded here, so the thread that writes the file only writes; the bytes move over without a copy.
  const bytes = new TextEncoder().encode(text);
  parentPort?.postMessage({ batch: request.batch, bytes, leftOut: [...leftOut.counts] } satisfies FramingResponse, [bytes.buffer]);
});
