/**
 * CoNLL-2003 style IOB2: one token a line as `token<TAB>tag` (B-LABEL, I-LABEL or O),
 * a blank line after each sentence, and `-DOCSTART- -X- -X- O` plus a blank line
 * before each document. Tokens and sentences come from tokenize.ts. Character
 * offsets do not survive: the format has only tokens.
 *
 * IOB gives each token one tag, so spans may not overlap: the earlier span (the
 * longer, when two start together) is kept and the others are counted as left
 * out. A span holding no token (only white space) is left out too.
 */
import { OffsetMap } from '../../../shared/offsets.js';
import type { TokenDocument } from '../exported-document.js';
import { LeftOut, type Framing } from './framing.js';
import { sentences, tokenize } from './tokenize.js';

export const DOCSTART = '-DOCSTART- -X- -X- O';

/** Spans IOB can hold: non-overlapping, earliest (then longest) first; the rest are counted. */
function representable<S extends TokenDocument['spans'][number]>(spans: readonly S[], leftOut: LeftOut): S[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: S[] = [];
  let keptEnd = 0;
  for (const span of sorted) {
    if (span.start < keptEnd) {
      leftOut.add('overlapping an earlier or longer span (IOB gives each token one tag)');
      continue;
    }
    kept.push(span);
    keptEnd = span.end;
  }
  return kept;
}

/** One document as CoNLL lines. */
export function conllDocument(doc: TokenDocument, leftOut: LeftOut): string {
  const offsets = new OffsetMap(doc.text);
  const spans = representable(doc.spans, leftOut);
  const breaks = new Set(spans.flatMap((span) => [span.start, span.end]));
  const tokens = tokenize(doc.text, breaks, offsets);
  const inside = new Set<number>();
  const tags = new Map<number, string>();
  let t = 0;
  for (const span of spans) {
    while (t < tokens.length && (tokens[t]?.start ?? 0) < span.start) t++;
    const first = t;
    while (t < tokens.length && (tokens[t]?.end ?? 0) <= span.end) {
      tags.set(t, `${t === first ? 'B' : 'I'}-${span.label}`);
      if ((tokens[t]?.end ?? 0) < span.end) inside.add(tokens[t]?.end ?? 0);
      t++;
    }
    if (t === first) leftOut.add('spans holding only white space (no token)');
  }
  const lines = [DOCSTART, ''];
  let index = 0;
  for (const sentence of sentences(doc.text, tokens, offsets, inside)) {
    for (const token of sentence) lines.push(`${token.text}\t${tags.get(index++) ?? 'O'}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

export function conllFraming(): Framing {
  const leftOut = new LeftOut();
  return {
    head: () => '',
    batch: (docs) => docs.map((doc) => conllDocument(doc, leftOut)).join(''),
    tail: () => '',
    leftOut: () => leftOut.counts,
  };
}
