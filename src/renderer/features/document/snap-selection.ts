/**
 * Turns a rough mouse or keyboard selection into the span an annotator means:
 * spaces and punctuation at the edges are trimmed and a cut inside a word is
 * widened to the whole word. Works on UTF-16 indices of the text (what the DOM
 * gives) and never lands between the two halves of a surrogate pair.
 */

export interface RangeU16 {
  readonly startU16: number;
  readonly endU16: number;
}

export interface SnapOptions {
  /** Keep the selection as made (Alt held), only keeping characters whole. */
  readonly exact?: boolean;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** The code point starting at `index` and its length in units (0 at the end of the text). */
function pointAt(text: string, index: number): { cp: number; size: number } {
  if (index >= text.length) return { cp: -1, size: 0 };
  const cp = text.codePointAt(index) as number;
  return { cp, size: cp > 0xffff ? 2 : 1 };
}

/** The code point ending at `index` and its length in units (0 at the start of the text). */
function pointBefore(text: string, index: number): { cp: number; size: number } {
  if (index <= 0) return { cp: -1, size: 0 };
  const low = text.charCodeAt(index - 1);
  if (index >= 2 && isLowSurrogate(low) && isHighSurrogate(text.charCodeAt(index - 2))) {
    return { cp: text.codePointAt(index - 2) as number, size: 2 };
  }
  return { cp: low, size: 1 };
}

const WORD = /[\p{L}\p{M}\p{N}\p{Pc}]/u;
const DIGIT = /\p{Nd}/u;
// Punctuation and spacing are trimmed, but a percent sign belongs to its figure.
const TRIMMABLE = /[\s\p{Z}\p{Cc}\p{Cf}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Pd}\p{Po}]/u;

function isWord(cp: number): boolean {
  return cp >= 0 && WORD.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
  return cp >= 0 && DIGIT.test(String.fromCodePoint(cp));
}

function isTrimmable(cp: number): boolean {
  return cp >= 0 && cp !== 0x25 && TRIMMABLE.test(String.fromCodePoint(cp));
}

/** Hyphens join words ("Odonto-Stomatology", "COVID-19"); . , / : join digits ("1,500", "20/11/2025", "08:05"). */
function joins(before: number, joiner: number, after: number): boolean {
  if (joiner === 0x2d || joiner === 0x2010 || joiner === 0x2011) return isWord(before) && isWord(after);
  if (joiner === 0x2e || joiner === 0x2c || joiner === 0x2f || joiner === 0x3a) return isDigit(before) && isDigit(after);
  return false;
}

/** True when a cut at `index` would fall inside a word (or a joined figure). */
export function isInsideWord(text: string, index: number): boolean {
  const before = pointBefore(text, index);
  const after = pointAt(text, index);
  if (before.size === 0 || after.size === 0) return false;
  if (isWord(before.cp) && isWord(after.cp)) return true;
  const beforeBefore = pointBefore(text, index - before.size);
  if (beforeBefore.size > 0 && joins(beforeBefore.cp, before.cp, after.cp)) return true;
  const afterAfter = pointAt(text, index + after.size);
  return afterAfter.size > 0 && joins(before.cp, after.cp, afterAfter.cp);
}

/** Moves an index off the middle of a surrogate pair, towards `direction`. */
function keepWhole(text: string, index: number, direction: -1 | 1): number {
  if (index > 0 && index < text.length && isLowSurrogate(text.charCodeAt(index)) && isHighSurrogate(text.charCodeAt(index - 1))) {
    return index + direction;
  }
  return index;
}

/**
 * The range to tag for a selection between `anchorU16` and `focusU16` (in either
 * order): trimmed of spaces and punctuation at both edges and widened to whole
 * words, or only kept on character boundaries with `exact`. Null when nothing
 * taggable is left.
 */
export function snapSelection(text: string, anchorU16: number, focusU16: number, options: SnapOptions = {}): RangeU16 | null {
  const clamp = (i: number): number => Math.max(0, Math.min(text.length, Math.round(i)));
  let start = keepWhole(text, clamp(Math.min(anchorU16, focusU16)), -1);
  let end = keepWhole(text, clamp(Math.max(anchorU16, focusU16)), 1);
  if (options.exact === true) return end > start ? { startU16: start, endU16: end } : null;

  while (start < end) {
    const point = pointAt(text, start);
    if (!isTrimmable(point.cp)) break;
    start += point.size;
  }
  while (end > start) {
    const point = pointBefore(text, end);
    if (!isTrimmable(point.cp)) break;
    end -= point.size;
  }
  if (end <= start) return null;

  while (isInsideWord(text, start)) start -= pointBefore(text, start).size;
  while (isInsideWord(text, end)) end += pointAt(text, end).size;
  return { startU16: start, endU16: end };
}
