/**
 * The tokenizer shared by the token-based exports (spaCy/Prodigy JSONL, CoNLL).
 *
 * A token is a word (letters, marks, digits, joined by an inner apostrophe or
 * hyphen: "don't", "Covid-19"), a number with its separators ("1,200.50"), or a
 * single punctuation or symbol character. White space is never a token. Offsets
 * are code points, end exclusive.
 */
import { OffsetMap } from '../../../shared/offsets.js';

export interface Token {
  readonly text: string;
  readonly startCp: number;
  readonly endCp: number;
}

// Numbers first, so "1,200.50" stays one token rather than a word and punctuation.
const TOKEN = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}_]+(?:['’-][\p{L}\p{M}\p{N}_]+)*|[^\s]/gu;

/**
 * Tokens of `text`. Every offset in `breaksCp` (span edges, usually) also ends a
 * token, so a span never starts or ends inside one.
 */
export function tokenize(text: string, breaksCp: ReadonlySet<number> = new Set(), offsets = new OffsetMap(text)): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const startCp = offsets.toCp(match.index);
    const endCp = offsets.toCp(match.index + match[0].length);
    let from = startCp;
    for (let cp = startCp + 1; cp < endCp; cp++) {
      if (!breaksCp.has(cp)) continue;
      tokens.push({ text: offsets.sliceCp(from, cp), startCp: from, endCp: cp });
      from = cp;
    }
    tokens.push({ text: from === startCp ? match[0] : offsets.sliceCp(from, endCp), startCp: from, endCp });
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
    const lineBreak = next !== undefined && /[\n\r\u2028\u2029]/.test(offsets.sliceCp(token.endCp, next.startCp));
    if (next === undefined || (!keepTogether.has(token.endCp) && (lineBreak || SENTENCE_END.test(token.text)))) {
      result.push(current);
      current = [];
    }
  }
  return result;
}
