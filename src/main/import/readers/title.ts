import { OffsetMap } from '../../../shared/offsets.js';
import { isNoiseLine } from '../noise.js';

/** Longest title a reader derives from a document's text, in code points. */
export const MAX_TITLE_CP = 200;

/** `title` cut to MAX_TITLE_CP code points, ending in '…' when something was cut. */
export function cutTitle(title: string): string {
  if (title.length <= MAX_TITLE_CP) return title;
  // A code point takes at most two UTF-16 units, so the first 2×max units hold enough;
  // mapping only that head keeps a 20 MB single-line file cheap.
  const head = title.slice(0, 2 * MAX_TITLE_CP);
  const map = new OffsetMap(head);
  if (head.length === title.length && map.lengthCp <= MAX_TITLE_CP) return title;
  return `${map.sliceCp(0, MAX_TITLE_CP - 1)}…`;
}

/** One line of a text, without its line break. */
export interface TextLine {
  readonly text: string;
  /** 1-based. */
  readonly number: number;
}

/** The lines of `text`, split on \n, \r\n or \r, lazily (no array of a huge file). */
export function* linesOf(text: string): Generator<TextLine> {
  let start = 0;
  let number = 1;
  const breaks = /\r\n|\n|\r/g;
  for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
    yield { text: text.slice(start, match.index), number };
    start = match.index + match[0].length;
    number++;
  }
  if (start < text.length) yield { text: text.slice(start), number };
}

/** The first line of `text` holding anything but whitespace, trimmed, or null. */
export function firstNonBlankLine(text: string): string | null {
  const first = /\S/.exec(text);
  if (first === null) return null;
  const lineBreak = /[\r\n]/g;
  lineBreak.lastIndex = first.index;
  const end = lineBreak.exec(text)?.index ?? text.length;
  return text.slice(first.index, end).trim();
}

/** Lines looked at for a title before settling for the first one. */
const TITLE_SEARCH_LINES = 40;

/**
 * The title a plain document gets: its first non-blank line that is not spam or
 * page furniture (a scraped page often opens with a betting link), else its
 * first non-blank line, else the file name.
 */
export function titleFromText(text: string, fileName: string): string {
  const first = firstNonBlankLine(text);
  if (first === null) return fileName;
  if (!isNoiseLine(first)) return cutTitle(first);
  let seen = 0;
  for (const line of linesOf(text)) {
    const trimmed = line.text.trim();
    if (trimmed === '') continue;
    if (!isNoiseLine(trimmed)) return cutTitle(trimmed);
    if (++seen >= TITLE_SEARCH_LINES) break;
  }
  return cutTitle(first);
}

/** `candidate` trimmed when it holds anything, else the title from the text. */
export function titleOr(candidate: unknown, text: string, fileName: string): string {
  if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
  return titleFromText(text, fileName);
}
