/**
 * Sentences of a passage, for matching a sentence repeated inside longer
 * paragraphs. A sentence ends at ".", "!", "?" or "…" (with any closing quotes
 * or brackets after it) followed by white space and something that is not a
 * lower-case letter. A full stop after a single letter (an initial, "T.V.H.")
 * or after a common abbreviation ("Dr.", "No.") ends nothing.
 *
 * The rules are deliberately simple and fast: detection splits every passage
 * of the corpus, and ICU's sentence segmenter (Intl.Segmenter) reads text
 * about ten times slower than the rest of fingerprinting put together. A
 * wrong split costs little: copies of a sentence split the same way, so they
 * still match; only the minimum length is judged on the pieces.
 */
import type { LineText } from './passages.js';

export interface SentenceText {
  /** Code points, end exclusive. */
  readonly startCp: number;
  readonly endCp: number;
  /** UTF-16 ranges of the sentence outside noise marks, as [start, end, start, end, …]. */
  readonly pieces: readonly number[];
  /** Code points outside noise marks. */
  readonly contentCp: number;
}

/** Words whose full stop does not end a sentence ("Dr. Lan", "No. 2 Hospital"). Compared in lower case. */
const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'no', 'nos', 'vs', 'etc', 'gen', 'col', 'lt', 'sgt', 'capt', 'rev', 'hon', 'jr', 'sr',
  'assoc', 'dept', 'est', 'fig', 'inc', 'ltd', 'co', 'corp', 'approx', 'vol', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'p', 'pp', 'e.g', 'i.e',
]);

const isTerminator = (unit: number): boolean => unit === 0x2e || unit === 0x21 || unit === 0x3f || unit === 0x2026;
/** " ' ) ] ” ’ » */
const isCloser = (unit: number): boolean =>
  unit === 0x22 || unit === 0x27 || unit === 0x29 || unit === 0x5d || unit === 0x201d || unit === 0x2019 || unit === 0xbb;
const isSpace = (unit: number): boolean => unit === 0x20 || unit === 0x09 || unit === 0xa0 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x3000;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** What a UTF-16 unit is, once asked: 0 not yet known, else the bits below. */
const UNIT_KIND = new Uint8Array(0x10000);
const KNOWN = 1;
const LETTER_OR_DOT = 2;
const LOWER_CASE = 4;

/** The kind bits of a UTF-16 unit, classified by the regular expressions once and then looked up. */
function unitKind(unit: number): number {
  let kind = UNIT_KIND[unit] as number;
  if (kind === 0) {
    const char = String.fromCharCode(unit);
    kind = KNOWN | (/[\p{L}.]/u.test(char) ? LETTER_OR_DOT : 0) | (/\p{Ll}/u.test(char) ? LOWER_CASE : 0);
    UNIT_KIND[unit] = kind;
  }
  return kind;
}

/** Whether a code point is a lower-case letter. */
function isLowerCase(codePoint: number): boolean {
  return codePoint < 0x10000 ? (unitKind(codePoint) & LOWER_CASE) !== 0 : /\p{Ll}/u.test(String.fromCodePoint(codePoint));
}

/** Whether the word ending just before `dot` (a full stop) is an initial or a known abbreviation. */
function abbreviationBefore(text: string, dot: number, lineStart: number): boolean {
  let start = dot;
  while (start > lineStart && (unitKind(text.charCodeAt(start - 1)) & LETTER_OR_DOT) !== 0) start--;
  const word = text.slice(start, dot).toLowerCase();
  if (word.length === 0) return false;
  if (/^\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/^.*\./, ''));
}

/** Code points in text[from, to). */
function codePointsBetween(text: string, from: number, to: number): number {
  let count = to - from;
  for (let i = from; i < to; i++) if (isLowSurrogate(text.charCodeAt(i)) && i > from) count--;
  return count;
}

/** The UTF-16 ranges of `[from, to)` that lie inside the line's pieces. */
function piecesWithin(pieces: readonly number[], from: number, to: number): number[] {
  const inside: number[] = [];
  for (let p = 0; p < pieces.length; p += 2) {
    const start = Math.max(pieces[p] as number, from);
    const end = Math.min(pieces[p + 1] as number, to);
    if (start < end) inside.push(start, end);
  }
  return inside;
}

/** Code points in a list of UTF-16 pieces. */
export function piecesCp(text: string, pieces: readonly number[]): number {
  let count = 0;
  for (let p = 0; p < pieces.length; p += 2) count += codePointsBetween(text, pieces[p] as number, pieces[p + 1] as number);
  return count;
}

/** The UTF-16 ends of each sentence of text[from, to), as [start, end, start, end, …]. */
function sentenceBounds(text: string, from: number, to: number): number[] {
  const bounds: number[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (!isTerminator(unit)) continue;
    let end = i + 1;
    while (end < to && (isTerminator(text.charCodeAt(end)) || isCloser(text.charCodeAt(end)))) end++;
    let next = end;
    while (next < to && isSpace(text.charCodeAt(next))) next++;
    if (next === end || next >= to) {
      i = end - 1;
      continue;
    }
    const lowerNext = isLowerCase(text.codePointAt(next) as number);
    if (lowerNext || (unit === 0x2e && end === i + 1 && abbreviationBefore(text, i, from))) {
      i = end - 1;
      continue;
    }
    bounds.push(start, end);
    start = next;
    i = next - 1;
  }
  if (start < to) bounds.push(start, to);
  return bounds;
}

/** The sentences of one line, in reading order; a line of one sentence gives itself. */
export function lineSentences(text: string, line: LineText): SentenceText[] {
  const bounds = sentenceBounds(text, line.startU16, line.endU16);
  if (bounds.length === 2) return [{ startCp: line.startCp, endCp: line.endCp, pieces: line.pieces, contentCp: line.contentCp }];
  // A line without surrogate pairs (most) counts code points as UTF-16 units.
  const plain = line.endU16 - line.startU16 === line.endCp - line.startCp;
  const between = (from: number, to: number): number => (plain ? to - from : codePointsBetween(text, from, to));
  const sentences: SentenceText[] = [];
  let cp = line.startCp;
  let at = line.startU16;
  for (let b = 0; b < bounds.length; b += 2) {
    const start = bounds[b] as number;
    const end = bounds[b + 1] as number;
    cp += between(at, start);
    const startCp = cp;
    cp += between(start, end);
    at = end;
    const pieces = piecesWithin(line.pieces, start, end);
    if (pieces.length === 0) continue;
    let contentCp = 0;
    for (let p = 0; p < pieces.length; p += 2) contentCp += between(pieces[p] as number, pieces[p + 1] as number);
    sentences.push({ startCp, endCp: cp, pieces, contentCp });
  }
  return sentences;
}
