import { MAX_JSON_DEPTH, mayNestTooDeep, nestedDeeperThan, tooDeepReason } from '../json-elements.js';
import type { ImportRecord, ReaderItem, Reader } from '../record.js';
import { doccanoRecord, isDoccanoShape } from './doccano.js';
import { documentFromJson, type Outcome } from './documents.js';
import { isLabelStudioMinRecord, labelStudioMinRecord } from './label-studio.js';
import { isSpacyShape, spacyRecord } from './spacy.js';
import { linesOf, type TextLine } from './title.js';

/** Reads one parsed line as a document. */
export type LineReader = (value: unknown, fileName: string, line: number) => Outcome<ImportRecord>;

/**
 * Each line by its own shape: doccano (`label` triples), spaCy/Prodigy (`tokens`),
 * a Label Studio JSON_MIN record (`labels` values), else Marginalia's own or any
 * object with `text`. The shapes do not overlap, so a file mixing them still reads
 * as meant.
 */
const anyLine: LineReader = (value, fileName, line) => {
  if (isSpacyShape(value)) return spacyRecord(value, fileName, line);
  if (isDoccanoShape(value)) return doccanoRecord(value, fileName, line);
  if (isLabelStudioMinRecord(value)) return labelStudioMinRecord(value, fileName, line);
  return documentFromJson(value, fileName, line);
};

/** JSON.parse, with the parser's reason when the line is not JSON. */
function parseLine(line: string, tokensUnused: boolean): { readonly value: unknown } | { readonly error: string } {
  if (tokensUnused) {
    const value = withoutTokens(line);
    if (value !== undefined) return { value };
  }
  try {
    return { value: JSON.parse(line) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const TOKENS_KEY = ',"tokens":[';
const SPANS_KEY = '],"spans":[';
/** A JSON string and a JSON whole number (no leading zero), as JSON's grammar has them. */
const STRING = String.raw`"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"`;
const WHOLE = String.raw`(?:0|[1-9]\d*)`;
/** An array of tokens as spaCy-style exports write them (Prodigy adds `ws`), and nothing else. */
const TOKEN_LIST = new RegExp(
  String.raw`^\[(?:\{"text":${STRING},"start":${WHOLE},"end":${WHOLE},"id":${WHOLE}(?:,"ws":(?:true|false))?\}(?:,(?=\{)|(?=\])))*\]$`,
);

/**
 * A spaCy/Prodigy line with its token list left empty, without parsing the tokens:
 * they are nine tenths of such a line and no reader uses them. Only for a line
 * shaped `{…,"tokens":[…],"spans":[…]…}` whose three parts each check out (the part
 * before the tokens is complete members of the object, the tokens are a list of
 * token objects, the rest is complete members and the closing brace), so the value
 * is the one JSON.parse would give, tokens aside; anything else (undefined) is parsed whole.
 */
export function withoutTokens(line: string): unknown {
  const tokensAt = line.indexOf(TOKENS_KEY);
  if (tokensAt < 0) return undefined;
  const spansAt = line.lastIndexOf(SPANS_KEY);
  if (spansAt < tokensAt) return undefined;
  if (!TOKEN_LIST.test(line.slice(tokensAt + TOKENS_KEY.length - 1, spansAt + 1))) return undefined;
  try {
    const before = JSON.parse(`${line.slice(0, tokensAt)}}`) as unknown;
    const after = JSON.parse(`{${line.slice(spansAt + 2)}`) as unknown;
    if (!isPlainObject(before) || !isPlainObject(after)) return undefined;
    return { ...before, ...after, tokens: [] };
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items of JSON lines, from a whole text or a file read in chunks. */
export function* jsonLineItems(lines: Iterable<TextLine>, fileName: string, recordOf: LineReader): Generator<ReaderItem> {
  // spaCy lines are read without their tokens wherever a line can be read as spaCy's.
  const tokensUnused = recordOf === anyLine || recordOf === spacyRecord;
  // Strings inside JSON cannot hold raw line breaks, so every break ends a record.
  for (const { text: raw, number } of lines) {
    const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const parsed = parseLine(line, tokensUnused);
    if ('error' in parsed) {
      yield { kind: 'problem', line: number, reason: `invalid JSON: ${parsed.error}` };
      continue;
    }
    if (mayNestTooDeep(line) && nestedDeeperThan(parsed.value, MAX_JSON_DEPTH)) {
      yield { kind: 'problem', line: number, reason: tooDeepReason(line, number) };
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
