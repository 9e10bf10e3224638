/**
 * Tokens for token-level agreement. A token is one of:
 * - a word: a letter (or combining mark) followed by letters, marks and digits,
 *   with apostrophes inside it (`Hospital's`, `COVID19`);
 * - a number: digits, with `.` or `,` between digit groups (`1,200.5`);
 * - punctuation: any other single character that is not white space (`(`, `%`, an emoji).
 * White space is never a token. Offsets are code points, end exclusive, like every span.
 */
const SPACE = 0;
const LETTER = 1;
const DIGIT = 2;
const OTHER = 3;

const ASCII_CLASSES = new Uint8Array(128).map((_, code) => classify(String.fromCharCode(code)));
const otherClasses = new Map<number, number>();

function classify(char: string): number {
  if (/\s/u.test(char)) return SPACE;
  if (/[\p{L}\p{M}]/u.test(char)) return LETTER;
  if (/\p{N}/u.test(char)) return DIGIT;
  return OTHER;
}

function classOf(codePoint: number): number {
  if (codePoint < 128) return ASCII_CLASSES[codePoint] as number;
  let found = otherClasses.get(codePoint);
  if (found === undefined) otherClasses.set(codePoint, (found = classify(String.fromCodePoint(codePoint))));
  return found;
}

function isApostrophe(codePoint: number): boolean {
  return codePoint === 0x27 || codePoint === 0x2019;
}

export interface Tokens {
  readonly count: number;
  readonly startsCp: Int32Array;
  readonly endsCp: Int32Array;
}

/**
 * Splits a document's text into word, number and punctuation tokens, in reading
 * order. A hand-written scanner rather than one regular expression: Unicode
 * property classes make the expression several times slower, and agreement
 * tokenizes every compared document on each run.
 */
export function tokenize(text: string): Tokens {
  // No text has more tokens than UTF-16 units; the offsets are copied out at the end.
  const startsCp = new Int32Array(text.length);
  const endsCp = new Int32Array(text.length);
  const length = text.length;
  let count = 0;
  let u16 = 0;
  let cp = 0;
  // The code point at u16, its width in UTF-16 units and its class, as `read` left them.
  let code = 0;
  let width = 0;
  let kind = SPACE;
  const read = (at: number): void => {
    code = text.codePointAt(at) as number;
    width = code > 0xffff ? 2 : 1;
    kind = classOf(code);
  };
  // Whether the code point at `at` is of class `wanted` (-1: a letter or a digit).
  const followedBy = (at: number, wanted: number): boolean => {
    if (at >= length) return false;
    const after = classOf(text.codePointAt(at) as number);
    return wanted < 0 ? after === LETTER || after === DIGIT : after === wanted;
  };
  while (u16 < length) {
    read(u16);
    if (kind === SPACE) {
      u16 += width;
      cp += 1;
      continue;
    }
    startsCp[count] = cp;
    const first = kind;
    u16 += width;
    cp += 1;
    if (first === LETTER) {
      while (u16 < length) {
        read(u16);
        if (kind === LETTER || kind === DIGIT) {
          u16 += width;
          cp += 1;
        } else if (isApostrophe(code) && followedBy(u16 + 1, -1)) {
          u16 += 1;
          cp += 1;
        } else break;
      }
    } else if (first === DIGIT) {
      while (u16 < length) {
        read(u16);
        if (kind === DIGIT) {
          u16 += width;
          cp += 1;
        } else if ((code === 0x2e || code === 0x2c) && followedBy(u16 + 1, DIGIT)) {
          u16 += 1;
          cp += 1;
        } else break;
      }
    }
    endsCp[count] = cp;
    count += 1;
  }
  return { count, startsCp: startsCp.slice(0, count), endsCp: endsCp.slice(0, count) };
}

/** A span as agreement sees it: offsets in code points and the label's index (1-based; 0 is O). */
export interface LabelledRange {
  readonly startCp: number;
  readonly endCp: number;
  readonly label: number;
}

/** Index of the first token ending after `offsetCp`. */
function firstTokenEndingAfter(tokens: Tokens, offsetCp: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((tokens.endsCp[mid] as number) <= offsetCp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One annotator's label for every token: the label of a span that shares at least
 * one code point with the token, or 0 (O). Where several of the annotator's spans
 * touch a token, the one starting first wins, then the longer one, so the result
 * does not depend on storage order. `spans` must be sorted by start, then end descending.
 */
export function tokenLabels(tokens: Tokens, spans: readonly LabelledRange[], into?: Uint16Array): Uint16Array {
  const labels = into ?? new Uint16Array(tokens.count);
  labels.fill(0, 0, tokens.count);
  for (const span of spans) {
    for (let t = firstTokenEndingAfter(tokens, span.startCp); t < tokens.count && (tokens.startsCp[t] as number) < span.endCp; t++) {
      if (labels[t] === 0) labels[t] = span.label;
    }
  }
  return labels;
}
