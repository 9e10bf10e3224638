/**
 * Writing batches of documents in a token format (spaCy JSONL, CoNLL), on the
 * export's own thread or in the framing worker (framing-worker.ts).
 */
import type { TokenDocument } from './exported-document.js';
import { conllDocument } from './formats/conll.js';
import { LeftOut } from './formats/framing.js';
import { spacyLine } from './formats/spacy.js';

/** Formats whose documents are written one by one, each on its own, as the worker does. */
export const DOCUMENT_WRITERS = { spacy: spacyLine, conll: conllDocument } as const;
export type TokenFormat = keyof typeof DOCUMENT_WRITERS;

export interface FramingRequest {
  readonly batch: number;
  readonly format: TokenFormat;
  readonly documents: readonly TokenDocument[];
}

export interface FramingResponse {
  readonly batch: number;
  readonly bytes: Uint8Array;
  /** Spans left out of this batch, by reason. */
  readonly leftOut: readonly (readonly [string, number])[];
}

/** A batch as the format writes it, with what it left out. */
export function writeBatch(format: TokenFormat, documents: readonly TokenDocument[]): { readonly text: string; readonly leftOut: LeftOut } {
  const leftOut = new LeftOut();
  const write = DOCUMENT_WRITERS[format];
  return { text: documents.map((doc) => write(doc, leftOut)).join(''), leftOut };
}

const encoder = new TextEncoder();
/** The size of the last batch's bytes: batches are alike, so the next buffer starts about that large. */
let lastBatchBytes = 1024 * 1024;

/**
 * A batch as the format writes it, in UTF-8: each document's text is encoded as
 * it is written, rather than joined into one long string first.
 */
export function writeBatchBytes(format: TokenFormat, documents: readonly TokenDocument[]): { readonly bytes: Uint8Array<ArrayBuffer>; readonly leftOut: LeftOut } {
  const leftOut = new LeftOut();
  const write = DOCUMENT_WRITERS[format];
  let buffer = new Uint8Array(Math.ceil(lastBatchBytes * 1.25));
  let used = 0;
  for (const doc of documents) {
    const text = write(doc, leftOut);
    // A UTF-16 unit becomes at most three bytes.
    if (buffer.length - used < text.length * 3) {
      const larger = new Uint8Array(Math.max(buffer.length * 2, used + text.length * 3));
      larger.set(buffer.subarray(0, used));
      buffer = larger;
    }
    used += encoder.encodeInto(text, buffer.subarray(used)).written;
  }
  lastBatchBytes = Math.max(used, 64 * 1024);
  return { bytes: buffer.subarray(0, used), leftOut };
}
