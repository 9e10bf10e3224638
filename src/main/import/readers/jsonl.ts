import type { ImportRecord, ReaderItem, Reader } from '../record.js';
import { doccanoRecord, isDoccanoShape } from './doccano.js';
import { documentFromJson, type Outcome } from './documents.js';
import { isSpacyShape, spacyRecord } from './spacy.js';
import { linesOf, type TextLine } from './title.js';

/** Reads one parsed line as a document. */
export type LineReader = (value: unknown, fileName: string, line: number) => Outcome<ImportRecord>;

/**
 * Each line by its own shape: doccano (`label` triples), spaCy/Prodigy (`tokens`),
 * else Marginalia's own or any object with `text`. The shapes do not overlap, so
 * a file mixing them still reads as meant.
 */
const anyLine: LineReader = (value, fileName, line) => {
  if (isSpacyShape(value)) return spacyRecord(value, fileName, line);
  if (isDoccanoShape(value)) return doccanoRecord(value, fileName, line);
  return documentFromJson(value, fileName, line);
};

/** JSON.parse, with the parser's reason when the line is not JSON. */
function parseLine(line: string): { readonly value: unknown } | { readonly error: string } {
  try {
    return { value: JSON.parse(line) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The items of JSON lines, from a whole text or a file read in chunks. */
export function* jsonLineItems(lines: Iterable<TextLine>, fileName: string, recordOf: LineReader): Generator<ReaderItem> {
  // Strings inside JSON cannot hold raw line breaks, so every break ends a record.
  for (const { text: raw, number } of lines) {
    const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if ('error' in parsed) {
      yield { kind: 'problem', line: number, reason: `invalid JSON: ${parsed.error}` };
      continue;
    }
    const document = recordOf(parsed.value, fileName, number);
    yield document.ok ? document.value : { kind: 'problem', line: number, reason: document.reason };
  }
}

/** How each JSON-lines format reads a line. */
export const LINE_READERS = { jsonl: anyLine, doccano: doccanoRecord, spacy: spacyRecord } as const;

/** JSON lines: one document object per line; a bad line is a problem and the rest still go in. */
export const readJsonLines: Reader = (text, fileName) => jsonLineItems(linesOf(text), fileName, anyLine);

/** doccano JSONL, whatever each line looks like (`--format doccano`). */
export const readDoccano: Reader = (text, fileName) => jsonLineItems(linesOf(text), fileName, doccanoRecord);

/** spaCy/Prodigy JSONL, whatever each line looks like (`--format spacy`). */
export const readSpacy: Reader = (text, fileName) => jsonLineItems(linesOf(text), fileName, spacyRecord);
