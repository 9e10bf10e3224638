/**
 * A UTF-8 file read as text in chunks, so memory stays flat whatever the file's
 * size: the bytes are first checked whole-file strict (decodeBytes' rules, errors
 * naming the byte offset in the file), then decoded chunk by chunk into lines.
 * A file is refused before anything is read from it, as a whole-file read would be.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { Utf8Checker } from './decode.js';
import type { TextLine } from './readers/title.js';
import type { FsPath } from './walk.js';

/** Bytes read at a time (4 MB): large enough that the per-chunk work does not show. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export interface ChunkOptions {
  /** Bytes read at a time; tests make it small to cut records across chunks. */
  readonly chunkBytes?: number;
}

/** The byte chunks of a file from `start` on, each with its offset; the buffer is reused, so a chunk is valid until the next. */
function* byteChunks(path: FsPath, start: number, chunkBytes: number): Generator<{ readonly bytes: Buffer; readonly offset: number }> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let offset = start;
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkBytes, offset);
      if (read === 0) return;
      yield { bytes: buffer.subarray(0, read), offset };
      offset += read;
    }
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a file (for its BOM and magic number). */
export function fileHead(path: FsPath, length = 16): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Throws the DecodeError decodeBytes would for the file's bytes from `start` (after a BOM). */
export function checkUtf8File(path: FsPath, start: number, options: ChunkOptions = {}): void {
  // After a BOM the bytes are text whatever they look like, as decodeBytes has it.
  const checker = new Utf8Checker(start === 0);
  for (const { bytes, offset } of byteChunks(path, 0, options.chunkBytes ?? DEFAULT_CHUNK_BYTES)) {
    checker.push(offset < start ? bytes.subarray(start - offset) : bytes, Math.max(offset, start));
  }
  checker.end();
}

/** The text of a checked UTF-8 file from byte `start`, in pieces that never split a character. */
export function* textChunks(path: FsPath, start: number, options: ChunkOptions = {}): Generator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (const { bytes } of byteChunks(path, start, options.chunkBytes ?? DEFAULT_CHUNK_BYTES)) {
    const text = decoder.decode(bytes, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/**
 * The lines of text arriving in pieces, split exactly as linesOf splits a whole
 * text (on \r\n, \n or \r; a last line without a break is a line, an empty one is not).
 */
export function* linesOfChunks(chunks: Iterable<string>): Generator<TextLine> {
  const breaks = /\r\n|\n|\r/g;
  let pending = '';
  let number = 1;
  for (const chunk of chunks) {
    // `pending` holds no line break except perhaps a last \r whose \n may open this chunk.
    const text = pending + chunk;
    let start = 0;
    breaks.lastIndex = pending.endsWith('\r') ? pending.length - 1 : pending.length;
    for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
      if (match[0] === '\r' && match.index === text.length - 1) break;
      yield { text: text.slice(start, match.index), number };
      start = match.index + match[0].length;
      number++;
    }
    pending = text.slice(start);
  }
  if (pending.endsWith('\r')) {
    yield { text: pending.slice(0, -1), number };
  } else if (pending !== '') {
    yield { text: pending, number };
  }
}
