/**
 * Passages: a document's lines (paragraphs) with their noise cut out. The corpus
 * has one paragraph per line, so a line is the unit that gets syndicated,
 * teased and repeated. Lines end at \n, \r\n or \r; blank lines are skipped.
 */
import type { NoiseMark } from '../../shared/model.js';
import { OffsetMap } from '../../shared/offsets.js';
import { isTrimmable } from '../import/noise.js';

export interface LineText {
  /** The trimmed line, in code points, end exclusive. */
  readonly startCp: number;
  readonly endCp: number;
  /** The same in UTF-16 units. */
  readonly startU16: number;
  readonly endU16: number;
  /** UTF-16 ranges of the line outside noise marks, as [start, end, start, end, …]. */
  readonly pieces: readonly number[];
  /** Code points outside noise marks: what the minimum passage length is checked against. */
  readonly contentCp: number;
}

const LINE_BREAK = /[\n\r]/g;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Every line of `text` that keeps some text once its noise is cut out, in
 * reading order. Noise marks are in code points, as stored.
 */
export function documentLines(text: string, noise: readonly NoiseMark[]): LineText[] {
  const map = ANY_SURROGATE.test(text) ? new OffsetMap(text) : null;
  const toU16 = (cp: number): number => (map ? map.toU16(cp) : cp);
  const toCp = (u16: number): number => (map ? map.toCp(u16) : u16);
  const marks = noise.map((mark) => [toU16(mark.startCp), toU16(mark.endCp)] as const).sort((a, b) => a[0] - b[0]);
  const lines: LineText[] = [];
  let firstMark = 0;
  let start = 0;
  for (;;) {
    LINE_BREAK.lastIndex = start;
    const end = LINE_BREAK.test(text) ? LINE_BREAK.lastIndex - 1 : text.length;
    let from = start;
    let to = end;
    while (from < to && isTrimmable(text.charCodeAt(from))) from++;
    while (to > from && isTrimmable(text.charCodeAt(to - 1))) to--;
    if (from < to) {
      while (firstMark < marks.length && (marks[firstMark] as readonly [number, number])[1] <= from) firstMark++;
      const pieces: number[] = [];
      let at = from;
      for (let m = firstMark; m < marks.length; m++) {
        const [markStart, markEnd] = marks[m] as readonly [number, number];
        if (markStart >= to) break;
        if (markStart > at) pieces.push(at, markStart);
        at = Math.max(at, markEnd);
      }
      if (at < to) pieces.push(at, to);
      if (pieces.length > 0) {
        let contentCp = 0;
        for (let p = 0; p < pieces.length; p += 2) contentCp += toCp(pieces[p + 1] as number) - toCp(pieces[p] as number);
        lines.push({ startCp: toCp(from), endCp: toCp(to), startU16: from, endU16: to, pieces, contentCp });
      }
    }
    if (end === text.length) break;
    start = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
  }
  return lines;
}
