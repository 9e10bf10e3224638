import { cleanSurface, foldDiacritics, isAcronymLike, sameFormKey } from './normalise.js';

/** An acronym a text defines, as in "National Institute of Haematology and Blood Transfusion (NIHBT)". */
export interface AcronymDefinition {
  /** The acronym as written. */
  readonly acronym: string;
  /** Its same-form key, which a span's surface is compared with. */
  readonly key: string;
  /** The long form as written. */
  readonly longForm: string;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const ALNUM = /[\p{L}\p{N}]/u;

/** One UTF-16 unit in lower case without its diacritic, so "Bệnh viện (BV)" matches. */
function plain(char: string): string {
  return foldDiacritics(char).toLowerCase();
}

/**
 * The shortest end of `candidate` whose letters spell `acronym` in order, the
 * first letter at the start of a word (Schwartz & Hearst, 2003), or null.
 */
export function longFormFor(acronym: string, candidate: string): string | null {
  let short = acronym.length - 1;
  let long = candidate.length - 1;
  while (short >= 0) {
    const char = plain(acronym.charAt(short));
    if (!ALNUM.test(char)) {
      short -= 1;
      continue;
    }
    while (
      long >= 0 &&
      (plain(candidate.charAt(long)) !== char || (short === 0 && long > 0 && WORD_CHAR.test(candidate.charAt(long - 1))))
    ) {
      long -= 1;
    }
    if (long < 0) return null;
    long -= 1;
    short -= 1;
  }
  const start = candidate.lastIndexOf(' ', long) + 1;
  return candidate.slice(start);
}

/** Words a long form may have for an acronym of `letters` letters (Schwartz & Hearst's limit). */
function maxWords(letters: number): number {
  return Math.min(letters + 5, letters * 2);
}

function letterCount(acronym: string): number {
  return [...cleanSurface(acronym)].filter((char) => ALNUM.test(char)).length;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/** A long form worth keeping: two words or more, longer than the acronym, and not itself an acronym. */
function plausible(acronym: string, longForm: string): boolean {
  const words = wordCount(longForm);
  return words >= 2 && words <= maxWords(letterCount(acronym)) && longForm.length > acronym.length && !isAcronymLike(longForm);
}

/** Where the words before a parenthesis stop belonging to the same phrase. */
const PHRASE_BREAK = /[\n\r.;:!?()[\]{}"“”]/g;

function phraseBefore(text: string, endU16: number, words: number): string {
  const window = text.slice(Math.max(0, endU16 - 400), endU16);
  let start = 0;
  for (const match of window.matchAll(PHRASE_BREAK)) start = (match.index ?? 0) + 1;
  const phrase = window.slice(start).trimEnd().replace(/[,\s]+$/, '');
  const parts = phrase.split(/(\s+)/);
  // Keep the last `words` words (parts alternate word, space, word…).
  const kept = parts.slice(Math.max(0, parts.length - (words * 2 - 1)));
  return kept.join('').trimStart();
}

const PARENTHESIS = /\(([^()\n]{1,200})\)/g;
const TOKEN_BEFORE = /([\p{L}\p{N}][\p{L}\p{N}.&]*)\s*$/u;

/**
 * Acronyms a text defines, in one pass over its parentheses: "Long Form (LF)"
 * and "LF (Long Form)". With `wanted`, only acronyms whose key is in it are
 * looked at, which keeps long texts with many parentheses quick.
 */
export function findAcronymDefinitions(text: string, wanted?: ReadonlySet<string>): AcronymDefinition[] {
  const found: AcronymDefinition[] = [];
  for (const match of text.matchAll(PARENTHESIS)) {
    const inner = (match[1] as string).trim();
    const at = match.index ?? 0;
    if (!/\s/.test(inner)) {
      if (!isAcronymLike(inner)) continue;
      const key = sameFormKey(inner);
      if (wanted && !wanted.has(key)) continue;
      const longForm = longFormFor(inner, phraseBefore(text, at, maxWords(letterCount(inner))));
      if (longForm !== null && plausible(inner, longForm)) found.push({ acronym: inner, key, longForm });
      continue;
    }
    const before = TOKEN_BEFORE.exec(text.slice(Math.max(0, at - 40), at))?.[1];
    if (!before || !isAcronymLike(before)) continue;
    const key = sameFormKey(before);
    if (wanted && !wanted.has(key)) continue;
    // The whole parenthesis must be the long form, or "WHO (in Geneva, Switzerland)" would define WHO.
    if (longFormFor(before, inner) === inner && plausible(before, inner)) found.push({ acronym: before, key, longForm: inner });
  }
  return found;
}
