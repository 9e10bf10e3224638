/**
 * spaCy/Prodigy-style JSONL: `{"text", "meta", "tokens": [{text, start, end, id}],
 * "spans": [{start, end, label, token_start, token_end}]}` per line. Offsets are
 * code points (Python string indices); `token_end` is the index of the span's last
 * token, inclusive, as Prodigy writes it.
 */
import { OffsetMap } from '../../../shared/offsets.js';
import type { TokenDocument } from '../exported-document.js';
import type { Framing } from './framing.js';
import { LeftOut } from './framing.js';
import { tokenize, type Token } from './tokenize.js';

/** Index of the first token ending after `cp`, i.e. the token holding or following it. */
function tokenAtOrAfter(tokens: readonly Token[], cp: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((tokens[mid] as Token).end <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One document as a spaCy/Prodigy line; a span holding no token (only white space) is counted, not written. */
export function spacyLine(doc: TokenDocument, leftOut: LeftOut): string {
  const offsets = new OffsetMap(doc.text);
  // Span edges also end tokens, so every span starts and ends on a token boundary.
  const breaks = new Set(doc.spans.flatMap((span) => [span.start, span.end]));
  const tokens = tokenize(doc.text, breaks, offsets);
  const spans = [];
  for (const span of doc.spans) {
    const first = tokenAtOrAfter(tokens, span.start);
    const last = tokenAtOrAfter(tokens, span.end) - 1;
    const firstToken = tokens[first];
    if (firstToken === undefined || last < first || firstToken.start >= span.end) {
      leftOut.add('spans holding only white space (no token)');
      continue;
    }
    spans.push({ start: span.start, end: span.end, label: span.label, token_start: first, token_end: last });
  }
  const line = {
    text: doc.text,
    meta: { ...doc.meta, title: doc.title },
    tokens,
    spans,
  };
  return `${JSON.stringify(line)}\n`;
}

export function spacyFraming(): Framing {
  const leftOut = new LeftOut();
  return {
    head: () => '',
    batch: (docs) => docs.map((doc) => spacyLine(doc, leftOut)).join(''),
    tail: () => '',
    leftOut: () => leftOut.counts,
  };
}
