/**
 * Bytes → text for import. Strict by default: a file that is not valid UTF-8 is
 * refused with the exact byte that broke it, rather than silently filled with
 * U+FFFD, because a replaced character shifts nothing visibly but corrupts data.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** A file that cannot be turned into text; the message is for a person and names no file. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

const ENCODING_HINT = 'if the file uses another encoding, pass --encoding NAME, e.g. --encoding windows-1252';

interface Magic {
  readonly name: string;
  readonly matches: (bytes: Uint8Array) => boolean;
}

/** True when `bytes` begins with `prefix` at `offset`. */
function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((value, i) => bytes[offset + i] === value);
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

const MZ = ascii('MZ');

/** "MZ" alone is a plausible start of a text, so a Windows executable also needs its PE header. */
function isPortableExecutable(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, MZ) || bytes.length < 0x40) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const peOffset = view.getUint32(0x3c, true);
  return startsWith(bytes, [0x50, 0x45, 0, 0], peOffset);
}

/** RIFF containers (WAV, AVI, WebP) name their kind at byte 8. */
function isRiff(kind: string): (bytes: Uint8Array) => boolean {
  const riff = ascii('RIFF');
  const kindBytes = ascii(kind);
  return (bytes) => startsWith(bytes, riff) && startsWith(bytes, kindBytes, 8);
}

function prefixed(prefix: readonly number[]): (bytes: Uint8Array) => boolean {
  return (bytes) => startsWith(bytes, prefix);
}

const MAGIC_NUMBERS: readonly Magic[] = [
  { name: 'PDF', matches: prefixed(ascii('%PDF-')) },
  { name: 'ZIP archive, e.g. .docx, .xlsx or .odt', matches: prefixed([0x50, 0x4b, 0x03, 0x04]) },
  { name: 'ZIP archive', matches: prefixed([0x50, 0x4b, 0x05, 0x06]) },
  { name: 'old Microsoft Office document, e.g. .doc or .xls', matches: prefixed([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
  { name: 'PNG image', matches: prefixed([0x89, ...ascii('PNG')]) },
  { name: 'GIF image', matches: prefixed(ascii('GIF8')) },
  { name: 'JPEG image', matches: prefixed([0xff, 0xd8, 0xff]) },
  { name: 'WebP image', matches: isRiff('WEBP') },
  { name: 'WAV audio', matches: isRiff('WAVE') },
  { name: 'AVI video', matches: isRiff('AVI ') },
  { name: 'gzip archive', matches: prefixed([0x1f, 0x8b]) },
  { name: '7-Zip archive', matches: prefixed([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { name: 'RAR archive', matches: prefixed([...ascii('Rar!'), 0x1a, 0x07]) },
  { name: 'ELF executable', matches: prefixed([0x7f, ...ascii('ELF')]) },
  { name: 'Windows executable', matches: isPortableExecutable },
  { name: 'SQLite database', matches: prefixed([...ascii('SQLite format 3'), 0]) },
];

/** The name of the binary format `bytes` starts with, if it is a known one. */
function magicNameOf(bytes: Uint8Array): string | null {
  return MAGIC_NUMBERS.find((magic) => magic.matches(bytes))?.name ?? null;
}

function hexByte(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Inclusive range of bytes allowed right after each lead byte (Unicode Table 3-7). */
function secondByteRange(lead: number): readonly [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf]; // no overlong 3-byte forms
  if (lead === 0xed) return [0x80, 0x9f]; // no surrogates D800–DFFF
  if (lead === 0xf0) return [0x90, 0xbf]; // no overlong 4-byte forms
  if (lead === 0xf4) return [0x80, 0x8f]; // nothing above U+10FFFF
  return [0x80, 0xbf];
}

/** Length of the sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0; // continuation bytes, C0/C1 (always overlong), F5–FF
}

/**
 * Byte offset of the first invalid UTF-8 sequence in `bytes` from `start`, or -1.
 * A sequence cut off by the end of the input counts as invalid.
 */
export function findInvalidUtf8(bytes: Uint8Array, start = 0): number {
  const end = bytes.length;
  let i = start;
  while (i < end) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0 || i + length > end) return i;
    const [low, high] = secondByteRange(lead);
    const second = bytes[i + 1] as number;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** Byte offset (from `start`) of the first unpaired surrogate in UTF-16 data, or -1. */
function findUnpairedSurrogate(bytes: Uint8Array, start: number, littleEndian: boolean): number {
  const unitAt = (offset: number): number =>
    littleEndian
      ? (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8)
      : ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
  for (let i = start; i + 1 < bytes.length; i += 2) {
    const unit = unitAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit >= 0xdc00) return i;
    if (i + 3 >= bytes.length) return i;
    const next = unitAt(i + 2);
    if (next < 0xdc00 || next > 0xdfff) return i;
    i += 2;
  }
  return -1;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  const body = bytes.subarray(2);
  if (body.length % 2 !== 0) throw new DecodeError('UTF-16 file has an odd number of bytes');
  const bad = findUnpairedSurrogate(bytes, 2, littleEndian);
  if (bad >= 0) throw new DecodeError(`not valid UTF-16: unpaired surrogate at byte offset ${bad}`);
  // ignoreBOM keeps a second U+FEFF as text: only the first one is a marker.
  return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(body);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeStrictUtf8(bytes: Uint8Array, start: number): string {
  try {
    // The native decoder is fast but only says "invalid"; our own scan runs only then, to say where.
    return STRICT_UTF8.decode(bytes.subarray(start));
  } catch {
    const bad = findInvalidUtf8(bytes, start);
    // Valid bytes that still failed: the text is longer than a JavaScript string can be (about 512 MB).
    if (bad < 0) throw new DecodeError(`too large to read as one text (${bytes.length} bytes; the limit is about 512 MB): split the file`);
    throw new DecodeError(
      `not valid UTF-8: byte ${hexByte(bytes[Math.max(bad, start)] as number)} at byte offset ${Math.max(bad, start)} does not start a valid sequence (${ENCODING_HINT})`,
    );
  }
}

function rejectBinary(bytes: Uint8Array, checkNul: boolean): void {
  const magic = magicNameOf(bytes);
  if (magic !== null) throw new DecodeError(`binary file (${magic})`);
  if (!checkNul) return;
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new DecodeError(`binary file (NUL byte at byte offset ${nul})`);
}

function namedDecoder(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new DecodeError(`unknown encoding "${encoding}"`);
  }
}

/** WHATWG windows-1252 for bytes 0x80–0x9F (the rest is Latin-1). */
const WINDOWS_1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Node ≥ 20.18.3 decodes windows-1252 (and its aliases latin1, iso-8859-1) as
 * plain Latin-1, turning € and curly quotes into C1 controls (nodejs/node#60888);
 * mapping the C1 range afterwards is right whether or not the platform is fixed.
 */
function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009F]/g, (char) => WINDOWS_1252_C1.charAt(char.charCodeAt(0) - 0x80));
}

function decodeNamed(bytes: Uint8Array, decoder: TextDecoder): string {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new DecodeError(`not valid ${decoder.encoding}: the bytes do not fit that encoding`);
  }
  return decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text;
}

/**
 * Turns file bytes into text: a BOM decides (UTF-8, UTF-16 LE/BE, never kept in
 * the text), else `encoding` when given, else strict UTF-8. Binary files are refused.
 */
export function decodeBytes(bytes: Uint8Array, encoding?: string): string {
  if (bytes.length === 0) return '';
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    rejectBinary(bytes, true);
    return decodeStrictUtf8(bytes, 3);
  }
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) {
    throw new DecodeError('UTF-32 files are not supported; save the file as UTF-8');
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, true);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, false);
  const decoder = encoding === undefined ? null : namedDecoder(encoding);
  const isUtf16 = decoder !== null && decoder.encoding.startsWith('utf-16');
  rejectBinary(bytes, !isUtf16);
  if (decoder === null || decoder.encoding === 'utf-8') return decodeStrictUtf8(bytes, 0);
  return decodeNamed(bytes, decoder);
}

/**
 * Where the text of a file read as UTF-8 starts (3 after a UTF-8 BOM, else 0), or
 * null when the first bytes or `encoding` say it is not UTF-8: such files are
 * decoded whole by decodeBytes.
 */
export function utf8TextStart(head: Uint8Array, encoding?: string): number | null {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 3;
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) || startsWith(head, [0, 0, 0xfe, 0xff])) return null;
  if (encoding !== undefined && namedDecoder(encoding).encoding !== 'utf-8') return null;
  return 0;
}

/**
 * Checks a file's bytes chunk by chunk with the strictness of decodeBytes (binary
 * formats, NUL bytes, invalid UTF-8), throwing the same DecodeError with the byte
 * offset in the whole file. A sequence cut by a chunk's end is checked with the next.
 */
export class Utf8Checker {
  #carry: Uint8Array = new Uint8Array(0);
  #carryOffset = 0;
  #first: boolean;

  /** @param checkMagic whether the first chunk may be a binary format's start (not after a BOM, as decodeBytes). */
  constructor(checkMagic = true) {
    this.#first = checkMagic;
  }

  /** `bytes` are the file's bytes from `offset` on, following the previous chunk. */
  push(bytes: Uint8Array, offset: number): void {
    if (this.#first) {
      this.#first = false;
      const magic = magicNameOf(bytes);
      if (magic !== null) throw new DecodeError(`binary file (${magic})`);
    }
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new DecodeError(`binary file (NUL byte at byte offset ${offset + nul})`);
    const joined = this.#carry.length === 0 ? bytes : Buffer.concat([this.#carry, bytes]);
    const base = this.#carry.length === 0 ? offset : this.#carryOffset;
    const whole = completeLength(joined);
    if (!isUtf8(joined.subarray(0, whole))) this.#fail(joined.subarray(0, whole), base);
    // A copy: the caller reuses its buffer for the next chunk.
    this.#carry = Uint8Array.prototype.slice.call(joined, whole);
    this.#carryOffset = base + whole;
  }

  /** The end of the file: a sequence still open is cut off, hence invalid. */
  end(): void {
    if (this.#carry.length > 0) this.#fail(this.#carry, this.#carryOffset);
  }

  #fail(bytes: Uint8Array, base: number): never {
    const bad = Math.max(findInvalidUtf8(bytes), 0);
    throw new DecodeError(
      `not valid UTF-8: byte ${hexByte(bytes[bad] as number)} at byte offset ${base + bad} does not start a valid sequence (${ENCODING_HINT})`,
    );
  }
}

/** Length of `bytes` without a multi-byte sequence cut off at its end (which may go on in the next chunk). */
function completeLength(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const byte = bytes[end - back] as number;
    if (byte < 0x80) return end;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? end - back : end;
  }
  return end;
}

const BINARY_EXTENSIONS: Readonly<Record<string, string>> = {
  pdf: 'PDF',
  doc: 'Word document',
  docx: 'Word document',
  odt: 'OpenDocument text',
  xls: 'Excel spreadsheet',
  xlsx: 'Excel spreadsheet',
  ppt: 'PowerPoint presentation',
  pptx: 'PowerPoint presentation',
  zip: 'ZIP archive',
  gz: 'gzip archive',
  tgz: 'gzip archive',
  '7z': '7-Zip archive',
  rar: 'RAR archive',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  bmp: 'image',
  tif: 'image',
  tiff: 'image',
  mp3: 'audio',
  wav: 'audio',
  mp4: 'video',
  avi: 'video',
  mov: 'video',
  exe: 'executable',
  dll: 'library',
  so: 'library',
  dylib: 'library',
  bin: 'binary data',
  sqlite: 'SQLite database',
  db: 'database',
  woff: 'font',
  woff2: 'font',
  ttf: 'font',
  otf: 'font',
  class: 'Java class file',
  jar: 'Java archive',
  pyc: 'Python bytecode',
};

/** A short name ('PDF', 'ZIP archive', 'image', …) when `path`'s extension names a non-text type, else null. */
export function binaryTypeOf(path: string): string | null {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(BINARY_EXTENSIONS, extension) ? (BINARY_EXTENSIONS[extension] ?? null) : null;
}
