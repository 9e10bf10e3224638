/**
 * Noise marking at import time.
 *
 * Scraped documents carry three sorts of noise: spam lines planted by link farms,
 * stray characters injected into words (watermarks, scraper traps), and page
 * furniture such as photo captions and "See more" links. The text is never
 * changed: each piece of noise is only marked with code point offsets.
 *
 * Everything works one trimmed line at a time with precompiled regexes. The
 * injected-character rule runs only on lines holding a non-ASCII character and
 * then inspects only those characters, so plain English prose never meets it.
 */
import type { NoiseKind, NoiseMark } from '../../shared/model.js';
import { OffsetMap } from '../../shared/offsets.js';

/** A mark in UTF-16 indices; all marks are converted to code points once, at the end. */
interface RawMark {
  readonly startU16: number;
  readonly endU16: number;
  readonly kind: NoiseKind;
}

/** Finds spam lines, injected characters and boilerplate lines in a document's text. */
export function findNoise(text: string): NoiseMark[] {
  const marks: RawMark[] = [];
  let start = 0;
  for (;;) {
    const end = lineEnd(text, start);
    markLine(text, start, end, marks);
    if (end === text.length) break;
    start = nextLineStart(text, end);
  }
  return toCodePointMarks(text, marks);
}

// ---------------------------------------------------------------------------
// Lines

const LF = 0x0a;
const CR = 0x0d;

/** `\n`, `\r\n` or a lone `\r` ends a line; a native regex scan finds it faster than a charCodeAt loop. */
const LINE_BREAK = /[\n\r]/g;

/** UTF-16 index of the terminator of the line starting at `start`, or the text's length. */
function lineEnd(text: string, start: number): number {
  LINE_BREAK.lastIndex = start;
  return LINE_BREAK.test(text) ? LINE_BREAK.lastIndex - 1 : text.length;
}

/** Start of the line after the terminator at `end`, a CRLF counting as one terminator. */
function nextLineStart(text: string, end: number): number {
  const isCrLf = text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF;
  return end + (isCrLf ? 2 : 1);
}

/** The same characters String.prototype.trim removes (line terminators never reach here). */
export function isTrimmable(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Marks the line `text[start, end)` when a line rule applies (the mark skips
 * surrounding blanks), then any injected characters in it. Only lines with a
 * non-ASCII character can hold one, which spares plain English prose the scan.
 */
function markLine(text: string, start: number, end: number, marks: RawMark[]): void {
  while (start < end && isTrimmable(text.charCodeAt(start))) start++;
  while (end > start && isTrimmable(text.charCodeAt(end - 1))) end--;
  if (start === end) return; // blank lines carry no content to mark
  const line = text.slice(start, end);
  const ascii = !NON_ASCII.test(line);
  const kind = lineNoiseKind(line, ascii);
  if (kind) marks.push({ startU16: start, endU16: end, kind });
  if (!ascii) markInjectedChars(text, start, end, marks);
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Whether a trimmed line is spam or page furniture: such a line makes no title. */
export function isNoiseLine(line: string): boolean {
  return line !== '' && lineNoiseKind(line, !NON_ASCII.test(line)) !== null;
}

/** The kind of a trimmed, non-empty line, or null when it is content. Spam wins over furniture. */
function lineNoiseKind(line: string, ascii: boolean): NoiseKind | null {
  if (isSpinList(line) || isGamblingLine(line, ascii) || isLinkList(line)) return 'spam_line';
  if (isPhotoCaption(line) || isBareFurniture(line) || isSourceLine(line)) return 'boilerplate';
  return null;
}

// ---------------------------------------------------------------------------
// spam_line

/** `{a}|{b}` is article-spinner syntax left unexpanded; no human writes it. */
const SPIN_PAIR = /\{[^{}]*\}\s*\|\s*\{[^{}]*\}/;

/** True for a line holding spin syntax, two or more `{…}|{…}` variants. */
function isSpinList(line: string): boolean {
  return line.includes('|') && SPIN_PAIR.test(line);
}

/** Betting words and the Vietnamese terms of the betting-site spam seen in scraped news. */
const GAMBLING_TERMS = [
  'casinos?',
  'sbobet',
  'asian\\s+handicap',
  'jackpots?',
  'slot\\s+games?',
  'baccarat',
  'sportsbooks?',
  'nhà\\s+cái',
  'nha\\s+cai',
  'cá\\s+cược',
  'ca\\s+cuoc',
  'cá\\s+độ',
  'đá\\s+gà',
  'da\\s+ga',
  'xổ\\s+số',
  'xo\\s+so',
  'lô\\s+đề',
  'tài\\s+xỉu',
  'tai\\s+xiu',
  'nổ\\s+hũ',
  'soi\\s+kèo',
  'thomo',
];

/** Betting brands are letters glued to digits with "88" (ae888, fb88, w88) or "bet" plus digits (789bet, bet365). */
const BETTING_BRANDS = ['[a-z]+\\d*88\\d*', '\\d*bet\\d+', '\\d+x?bet'];

/** A betting term or brand standing as a whole word (\b is ASCII-only, hence the lookarounds). */
const GAMBLING_TOKEN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...GAMBLING_TERMS, ...BETTING_BRANDS].join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);

/**
 * A cheap pre-check that every gambling token passes (brands all contain "88" or
 * "bet" touching a digit): no Unicode mode or lookarounds, so it rules out
 * ordinary short lines (headlines, dates) far faster than GAMBLING_TOKEN.
 */
const GAMBLING_HINT = new RegExp([...GAMBLING_TERMS, '88', 'bet\\d', '\\dx?bet'].join('|'), 'i');

/** Link-farm lines are short; prose longer than this that mentions a casino is content. */
const SHORT_LINE_CHARS = 160;
const SHORT_LINE_WORDS = 16;

/** True for a short line that names a betting term or brand, e.g. `link ae888`. */
function isGamblingLine(line: string, ascii: boolean): boolean {
  if (line.length > SHORT_LINE_CHARS || hasMoreWordsThan(line, SHORT_LINE_WORDS)) return false;
  // Spam may arrive decomposed (NFD); the terms above are written composed.
  const composed = ascii ? line : line.normalize('NFC');
  return GAMBLING_HINT.test(composed) && GAMBLING_TOKEN.test(composed);
}

/** True when a trimmed, non-empty line has more than `limit` whitespace-separated words. */
function hasMoreWordsThan(line: string, limit: number): boolean {
  let words = 1;
  for (let i = 1; i < line.length; i++) {
    if (isTrimmable(line.charCodeAt(i)) && !isTrimmable(line.charCodeAt(i - 1)) && ++words > limit) return true;
  }
  return false;
}

const URL_PATTERN = /(?:https?:\/\/|www\.)\S+/giu;
const MIN_LINK_LIST_URLS = 3;

/** True for a line of 3+ URLs where the URLs outweigh the other text two to one: a link farm, not prose. */
function isLinkList(line: string): boolean {
  if (!line.includes('://') && !/www\./i.test(line)) return false;
  let urls = 0;
  let urlChars = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    urls++;
    urlChars += match[0].length;
  }
  if (urls < MIN_LINK_LIST_URLS) return false;
  const otherChars = line.replace(/\s+/gu, '').length - urlChars;
  return otherChars * 2 <= urlChars;
}

// ---------------------------------------------------------------------------
// boilerplate

/** Captions end with a photo credit in parentheses: `(Photo: VNA)`, `(File photo: …)`, `(Illustrative photo)`. */
const PHOTO_CREDIT = /\((?:(?:file|illustrative|illustration|archive)\s+)?(?:photos?|images?|ảnh)(?![\p{L}\p{N}])[^()]*\)\.?$/iu;

/** True for a caption line, recognised by the photo credit that closes it. */
function isPhotoCaption(line: string): boolean {
  return (line.endsWith(')') || line.endsWith(').')) && PHOTO_CREDIT.test(line);
}

/** News-agency names that a site prints alone on a line to credit a story. */
const AGENCY = '(?:vna|vns|ttxvn|afp|reuters|ap)';

/** Navigation and sharing widgets, tag lists and agency credits, each alone on its line. */
const BARE_FURNITURE = new RegExp(
  '^(?:' +
    [
      'see\\s+more',
      'read\\s+more',
      'related\\s+(?:news|articles?|stories)',
      'xem\\s+thêm',
      'tin\\s+liên\\s+quan',
      'share',
      'print',
      'comments?\\s*\\(\\d+\\)',
      'tags?\\s*:.*',
      `${AGENCY}(?:\\s*/\\s*${AGENCY})*`,
    ].join('|') +
    ')\\s*[.:…»›>→]*$',
  'iu',
);

/** Furniture lines are short; only a tag list may run long, and even that stays under this. */
const MAX_FURNITURE_CHARS = 300;

/** True for a line that is only a widget label, tag list or agency credit. */
function isBareFurniture(line: string): boolean {
  return line.length <= MAX_FURNITURE_CHARS && BARE_FURNITURE.test(line);
}

/**
 * `Source: <URL>`, `Source: site.tld` or `Source: VNA` alone on a line is a
 * scraper's footer or a credit, not a source cited in prose.
 */
const SOURCE_LINE = new RegExp(
  `^(?:source|nguồn)\\s*:\\s*(?:(?:https?://|www\\.)?[\\w-]+(?:\\.[\\w-]+)+(?:[/?#]\\S*)?|${AGENCY})\\.?$`,
  'iu',
);

/** True for a bare source line: a URL, a domain or an agency after `Source:`. */
function isSourceLine(line: string): boolean {
  return line.length <= MAX_FURNITURE_CHARS && SOURCE_LINE.test(line);
}

// ---------------------------------------------------------------------------
// injected_char

/**
 * Where a candidate may sit. A `symbol` (emoji, any astral character) is noise
 * whenever it touches a Latin letter. A `letter` of another script is noise when
 * it stands alone against a Latin word. A `wedgedLetter` belongs to a script that
 * legitimately abuts Latin (μg, TNFα, A股, Tシャツ), so it counts only inside a
 * Latin word.
 */
type Candidate = 'symbol' | 'letter' | 'wedgedLetter';

/** Character traits, one bit each, looked up per code point. */
const LATIN_LETTER = 1;
const FOREIGN_LETTER = 2;
const ABUTS_LATIN = 4;
const MARK = 8;
const PICTOGRAPH = 16;
const KNOWN = 128;

const TRAIT_PATTERNS: readonly (readonly [number, RegExp])[] = [
  [LATIN_LETTER, /^(?=\p{L})\p{Script=Latin}$/u],
  [FOREIGN_LETTER, /^(?![\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}])\p{L}$/u],
  [ABUTS_LATIN, /^[\p{Script=Greek}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u],
  [MARK, /^\p{M}$/u],
  [PICTOGRAPH, /^\p{Extended_Pictographic}$/u],
];

/**
 * Traits of BMP code points, filled in on first sight: the Unicode property
 * regexes run once per distinct character, not once per occurrence, which keeps
 * Greek, Cyrillic or CJK text (every character non-ASCII) fast.
 */
const bmpTraits = new Uint8Array(0x10000);

/** Trait bits of one code point. */
function traitsOf(cp: number): number {
  if (cp > 0xffff) return computeTraits(cp); // astral characters are rare; no cache needed
  let traits = bmpTraits[cp] as number;
  if (traits === 0) {
    traits = computeTraits(cp) | KNOWN;
    bmpTraits[cp] = traits;
  }
  return traits;
}

/** Trait bits from the Unicode property regexes; see TRAIT_PATTERNS. */
function computeTraits(cp: number): number {
  const char = String.fromCodePoint(cp);
  let traits = 0;
  for (const [trait, pattern] of TRAIT_PATTERNS) if (pattern.test(char)) traits |= trait;
  return traits;
}

/** Pictographs that are ordinary typography in prose (™ © ® ‼ ℹ and text arrows), not stray emoji. */
const TYPOGRAPHIC_PICTOGRAPHS = new Set([
  0xa9, 0xae, 0x203c, 0x2049, 0x2122, 0x2139, 0x2194, 0x2195, 0x2196, 0x2197, 0x2198, 0x2199, 0x21a9, 0x21aa,
]);

const ZWJ = 0x200d;

const NEXT_NON_ASCII = /[^\0-\x7f]/g;

/**
 * Marks the injected characters of the line `text[start, end)`; only non-ASCII
 * units are looked at. Neighbours are read from the whole text, but a line
 * terminator is never a letter, so no decision crosses a line.
 */
function markInjectedChars(text: string, start: number, end: number, marks: RawMark[]): void {
  let i = start;
  while (i < end) {
    // The regex engine skips a run of ASCII far faster than a loop over it.
    NEXT_NON_ASCII.lastIndex = i;
    const next = NEXT_NON_ASCII.exec(text);
    if (next === null || next.index >= end) return;
    i = next.index;
    const candidate = candidateAt(text, i);
    if (candidate === 'symbol') i = markSymbolRun(text, i, marks);
    else if (candidate) i = markStrayLetter(text, i, candidate === 'wedgedLetter', marks);
    else i += codePointLength(text, i);
  }
}

/** The code point at `index` (a lone surrogate stands for itself). */
function codePointAt(text: string, index: number): number {
  return text.codePointAt(index) ?? 0;
}

/** UTF-16 length of the code point at `index`: 2 for a well-formed surrogate pair, else 1. */
function codePointLength(text: string, index: number): number {
  return codePointAt(text, index) > 0xffff ? 2 : 1;
}

/** What the code point at `index` may be, or null when it can never be injected noise. */
function candidateAt(text: string, index: number): Candidate | null {
  const cp = codePointAt(text, index);
  if (cp > 0xffff) return 'symbol'; // astral characters have no business inside a Latin word
  const traits = traitsOf(cp);
  if (traits & PICTOGRAPH) return TYPOGRAPHIC_PICTOGRAPHS.has(cp) ? null : 'symbol';
  if (!(traits & FOREIGN_LETTER)) return null;
  return traits & ABUTS_LATIN ? 'wedgedLetter' : 'letter';
}

/**
 * Marks a run of adjacent symbols (e.g. `🙈💖`) when the run touches a Latin
 * letter, each symbol with its own mark. Returns the index after the run.
 */
function markSymbolRun(text: string, start: number, marks: RawMark[]): number {
  const bounds: number[] = [];
  let end = start;
  do {
    const next = clusterEnd(text, end);
    bounds.push(end, next);
    end = next;
  } while (end < text.length && candidateAt(text, end) === 'symbol');
  if (isLatinLetterAt(text, baseBefore(text, start)) || isLatinLetterAt(text, end)) {
    for (let k = 0; k < bounds.length; k += 2) {
      marks.push({ startU16: bounds[k] as number, endU16: bounds[k + 1] as number, kind: 'injected_char' });
    }
  }
  return end;
}

/** Marks a foreign letter that sits against a Latin word rather than inside a word of its own script. */
function markStrayLetter(text: string, start: number, wedgedOnly: boolean, marks: RawMark[]): number {
  const end = clusterEnd(text, start);
  const before = baseBefore(text, start);
  const latinBefore = isLatinLetterAt(text, before);
  const latinAfter = isLatinLetterAt(text, end);
  const stray = wedgedOnly
    ? latinBefore && latinAfter
    : (latinBefore && !isForeignLetterAt(text, end)) || (latinAfter && !isForeignLetterAt(text, before));
  if (stray) marks.push({ startU16: start, endU16: end, kind: 'injected_char' });
  return end;
}

/**
 * End of the character starting at `start` together with what belongs to it:
 * combining marks and variation selectors, skin-tone modifiers, tag characters,
 * ZWJ-joined pictographs (👩‍⚕️) and the second half of a flag.
 */
function clusterEnd(text: string, start: number): number {
  const isFlagHalf = isRegionalIndicator(codePointAt(text, start));
  let end = start + codePointLength(text, start);
  while (end < text.length) {
    const cp = codePointAt(text, end);
    if (isAttachment(cp)) {
      end += codePointLength(text, end);
    } else if (cp === ZWJ && end + 1 < text.length && (traitsOf(codePointAt(text, end + 1)) & PICTOGRAPH) !== 0) {
      end += 1 + codePointLength(text, end + 1);
    } else if (isFlagHalf && isRegionalIndicator(cp) && end === start + 2) {
      end += 2;
    } else {
      return end;
    }
  }
  return end;
}

/** Code points that never stand alone but modify the character before them. */
function isAttachment(cp: number): boolean {
  if (cp < 0x300) return false;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return true; // emoji skin-tone modifiers
  if (cp >= 0xe0020 && cp <= 0xe007f) return true; // emoji tag sequences (subdivision flags)
  return (traitsOf(cp) & MARK) !== 0; // includes U+FE0F and the keycap U+20E3
}

/** Flags are pairs of regional indicators (🇻 + 🇳), one mark for the pair. */
function isRegionalIndicator(cp: number): boolean {
  return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

/** Index of the base character before `index`, past any marks attached to it (decomposed ệ), or -1. */
function baseBefore(text: string, index: number): number {
  let i = index;
  while (i > 0) {
    const previous = startOfCodePointBefore(text, i);
    if (!isAttachment(codePointAt(text, previous))) return previous;
    i = previous;
  }
  return -1;
}

/** Start of the code point that ends just before `index`. */
function startOfCodePointBefore(text: string, index: number): number {
  const low = text.charCodeAt(index - 1);
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  const isPair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return isPair ? index - 2 : index - 1;
}

/** True when a Latin letter (ASCII or accented, e.g. ô ự đ) starts at `index`. */
function isLatinLetterAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return (traitsOf(codePointAt(text, index)) & LATIN_LETTER) !== 0;
}

/** True when a letter of a script other than Latin, Common or Inherited starts at `index`. */
function isForeignLetterAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length || text.charCodeAt(index) < 0x80) return false;
  return (traitsOf(codePointAt(text, index)) & FOREIGN_LETTER) !== 0;
}

// ---------------------------------------------------------------------------
// Output

/** Converts marks to code point offsets and sorts them by start, then kind, then end. */
function toCodePointMarks(text: string, marks: readonly RawMark[]): NoiseMark[] {
  if (marks.length === 0) return []; // spares clean documents the offset map's scan
  const offsets = new OffsetMap(text);
  return marks
    .map((mark): NoiseMark => ({ startCp: offsets.toCp(mark.startU16), endCp: offsets.toCp(mark.endU16), kind: mark.kind }))
    .sort(compareMarks);
}

/** Reading order; the kind breaks ties so that the output is deterministic. */
function compareMarks(a: NoiseMark, b: NoiseMark): number {
  if (a.startCp !== b.startCp) return a.startCp - b.startCp;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.endCp - b.endCp;
}
