/**
 * The read-ahead worker: reads, decodes and parses the next files, and works out
 * what storing their records needs (content hash, length, noise), while the
 * import's own thread writes the database. Never touches the database.
 */
import { parentPort } from 'node:worker_threads';
import { listedExists, prepareText, readWholeFile, type FileOutcome, type PreparedText, type WholeFileOptions } from './read-file.js';
import { asFsPath } from './walk.js';

export interface ReadRequest {
  readonly batch: number;
  /** `fsPath` opens a file whose name is not UTF-8 (a Buffer, arriving as a Uint8Array). */
  readonly files: readonly { readonly path: string; readonly fileName: string; readonly fsPath?: Uint8Array }[];
  readonly options: WholeFileOptions;
}

/** A file as the worker read it; `prepared` runs beside `items` (undefined where an item is not a record). */
export interface PreparedFile {
  readonly outcome: FileOutcome;
  readonly prepared: readonly (PreparedText | undefined)[];
}

export interface ReadResponse {
  readonly batch: number;
  readonly files: readonly PreparedFile[];
}

// One worker serves one import, so a folder listed once stays good for its files.
const exists = listedExists();

function readPrepared(path: string, fileName: string, options: WholeFileOptions, fsPath?: Uint8Array): PreparedFile {
  const outcome = readWholeFile(path, fileName, options, exists, fsPath ? asFsPath(fsPath) : path);
  if (!outcome.ok) return { outcome, prepared: [] };
  return { outcome, prepared: outcome.items.map((item) => (item.kind === 'record' ? prepareText(item.text) : undefined)) };
}

parentPort?.on('message', (request: ReadRequest) => {
  const files = request.files.map((file) => readPrepared(file.path, file.fileName, request.options, file.fsPath));
  parentPort?.postMessage({ batch: request.batch, files } satisfies ReadResponse);
});
