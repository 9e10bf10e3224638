/**
 * The stream worker: reads a large streamed file (JSON lines, CoNLL, a large
 * json, Label Studio or Web Annotation file), parses its records and works out
 * what storing them needs (content hash, length, noise), while the import's own
 * thread writes the records before them. It runs at most a few batches ahead of
 * the writes, so memory stays flat. Never touches the database.
 */
import { parentPort } from 'node:worker_threads';
import { messageOf } from '../errors.js';
import { prepareText, unreadable, type PreparedText } from './read-file.js';
import type { ImportFormat } from './readers/index.js';
import { streamingItems, type StreamingOptions } from './readers/streaming.js';
import type { ReaderItem } from './record.js';
import { asFsPath } from './walk.js';

export type StreamRequest =
  | {
      readonly type: 'open';
      readonly stream: number;
      /** A Buffer when the name is not UTF-8; it arrives as a Uint8Array. */
      readonly path: string | Uint8Array;
      readonly bytes: number;
      readonly format: ImportFormat;
      readonly fileName: string;
      readonly options: StreamingOptions;
      /** Batches it may send before the import asks for more. */
      readonly credit: number;
    }
  /** The import took a batch: one more may come. */
  | { readonly type: 'more'; readonly stream: number }
  /** The import stops reading this file (cancelled, or it failed). */
  | { readonly type: 'close'; readonly stream: number };

export type StreamMessage =
  | { readonly stream: number; readonly type: 'batch'; readonly items: readonly ReaderItem[]; readonly prepared: readonly (PreparedText | undefined)[] }
  /** Every item was sent. */
  | { readonly stream: number; readonly type: 'end' }
  /** The file is not streamed (small, or in another encoding): the import reads it whole. */
  | { readonly stream: number; readonly type: 'whole' }
  /** Refused before any item: nothing of it is to be stored. */
  | { readonly stream: number; readonly type: 'refused'; readonly reason: string }
  /** Found bad part-way: the items sent before stand, the rest is refused. */
  | { readonly stream: number; readonly type: 'failed'; readonly reason: string };

/** A batch closes at this many items or this much text, so each message is worth its crossing. */
const BATCH_ITEMS = 512;
const BATCH_TEXT = 1024 * 1024;

class Closed extends Error {}

interface OpenStream {
  credit: number;
  closed: boolean;
  /** Wakes the reading loop waiting for credit or for the close. */
  wake?: () => void;
}

const streams = new Map<number, OpenStream>();

function post(message: StreamMessage): void {
  parentPort?.postMessage(message);
}

/** Waits until the import wants another batch; throws Closed when it stopped reading. */
async function creditFor(state: OpenStream): Promise<void> {
  while (state.credit === 0 && !state.closed) await new Promise<void>((resolve) => (state.wake = resolve));
  if (state.closed) throw new Closed();
  state.credit -= 1;
}

async function read(request: Extract<StreamRequest, { type: 'open' }>): Promise<void> {
  const state = streams.get(request.stream) as OpenStream;
  let items: Iterable<ReaderItem> | null;
  try {
    items = streamingItems(asFsPath(request.path), request.bytes, request.format, request.fileName, request.options);
  } catch (error) {
    post({ stream: request.stream, type: 'refused', reason: unreadable(error) });
    return;
  }
  if (items === null) {
    post({ stream: request.stream, type: 'whole' });
    return;
  }
  let batch: ReaderItem[] = [];
  let prepared: (PreparedText | undefined)[] = [];
  let text = 0;
  const send = async (): Promise<void> => {
    await creditFor(state);
    post({ stream: request.stream, type: 'batch', items: batch, prepared });
    batch = [];
    prepared = [];
    text = 0;
  };
  try {
    for (const item of items) {
      batch.push(item);
      prepared.push(item.kind === 'record' ? prepareText(item.text) : undefined);
      if (item.kind === 'record') text += item.text.length;
      if (batch.length >= BATCH_ITEMS || text >= BATCH_TEXT) await send();
    }
    if (batch.length > 0) await send();
    post({ stream: request.stream, type: 'end' });
  } catch (error) {
    if (error instanceof Closed) return;
    // The items read before the problem still go in, as when the import reads the file itself.
    if (batch.length > 0 && !state.closed) {
      await send().catch(() => undefined);
    }
    if (!state.closed) post({ stream: request.stream, type: 'failed', reason: messageOf(error) });
  }
}

parentPort?.on('message', (request: StreamRequest) => {
  if (request.type === 'open') {
    streams.set(request.stream, { credit: request.credit, closed: false });
    void read(request).finally(() => streams.delete(request.stream));
    return;
  }
  const state = streams.get(request.stream);
  if (state === undefined) return;
  if (request.type === 'more') state.credit += 1;
  else state.closed = true;
  state.wake?.();
  state.wake = undefined;
});
