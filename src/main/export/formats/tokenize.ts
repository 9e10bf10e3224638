/**
 * The tokenizer shared by the token-based exports (spaCy/Prodigy JSONL, CoNLL).
 *
 * A token is a word (letters, marks, digits, joined by an inner apostrophe or
 * hyphen: "don't", "Covid-19"), a number with its separators ("1,200.50"), or a
 * single punctuation or symbol character. White space is never a token. Offsets
 * are code points, end exclusive.
 */
import { OffsetMap } from '../../../shared/offsets.js';

/**
 * A token, shaped as spaCy/Prodigy JSONL writes it (so that export writes the
 * tokens as they are): offsets in code points, end exclusive; `id` is its index.
 */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly id: number;
}

// Numbers first, so "1,200.50" stays one token rather than a word and punctuation.
// Sticky, and matched with test(): every non-space character starts a token, so after
// the white space is skipped a token begins right there, and no match object is built.
const TOKEN = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}_]+(?:['’-][\p{L}\p{M}\p{N}_]+)*|[^\s]/uy;
const SPACE = /\s*/uy;

/**
 * Tokens of `text`. Every offset in `breaksCp` (span edges, usually) also ends a
 * token, so a span never starts or ends inside one.
 */
export function tokenize(text: string, breaksCp: ReadonlySet<number> = new Set(), offsets = new OffsetMap(text)): Token[] {
  const tokens: Token[] = [];
  // Breaks in order, walked alongside the tokens: a token looks only at the breaks inside it.
  const breaks = [...breaksCp].sort((a, b) => a - b);
  let nextBreak = 0;
  // Without astral characters a UTF-16 index is the code point offset: no lookup per token.
  const sameUnits = offsets.lengthCp === offsets.lengthU16;
  for (let at = 0; ; ) {
    SPACE.lastIndex = at;
    SPACE.test(text);
    const startU16 = SPACE.lastIndex;
    if (startU16 >= text.length) break;
    TOKEN.lastIndex = startU16;
    TOKEN.test(text);
    const endU16 = TOKEN.lastIndex;
    at = endU16;
    const startCp = sameUnits ? startU16 : offsets.toCp(startU16);
    const endCp = sameUnits ? endU16 : offsets.toCp(endU16);
    while (nextBreak < breaks.length && (breaks[nextBreak] as number) <= startCp) nextBreak++;
    let from = startCp;
    while (nextBreak < breaks.length && (breaks[nextBreak] as number) < endCp) {
      const cp = breaks[nextBreak] as number;
      tokens.push({ text: offsets.sliceCp(from, cp), start: from, end: cp, id: tokens.length });
      from = cp;
      nextBreak++;
    }
    tokens.push({ text: from === startCp ? text.slice(startU16, endU16) : offsets.sliceCp(from, endCp), start: from, end: endCp, id: tokens.length });
  }
  return tokens;
}

const SENTENCE_END = /^[.!?…。！？]$/u;

/**
 * Groups tokens into sentences: a sentence ends after `.`, `!`, `?` or `…`, and at
 * every line break between two tokens (a heading or list item is its own sentence),
 * except at an offset in `keepTogether` (inside a span, which must stay in one sentence).
 */
export function sentences(text: string, tokens: readonly Token[], offsets = new OffsetMap(text), keepTogether: ReadonlySet<number> = new Set()): Token[][] {
  const result: Token[][] = [];
  let current: Token[] = [];
  for (const [i, token] of tokens.entries()) {
    current.push(token);
    const next = tokens[i + 1];
    const lineBreak = next !== undefined && /[\n\r\u2028\u2029]/.test(offsets.sliceCp(token.end, next.start));
    if (next === undefined || (!keepTogether.has(token.end) && (lineBreak || SENTENCE_END.test(token.text)))) {
      result.push(current);
      current = [];
    }
  }
  return result;
}
