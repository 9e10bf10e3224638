/**
 * Surface forms of names, normalised in steps so that each step can be named
 * when a link is explained: the same form (case, spacing, punctuation, "the",
 * possessive), then diacritics, hyphens and spacing, then spelling.
 */

const QUOTES: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201B': "'",
  '\u02BC': "'",
  '\u2032': "'",
  '`': "'",
  '\u00B4': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u00AB': '"',
  '\u00BB': '"',
};
const QUOTE_PATTERN = new RegExp(`[${Object.keys(QUOTES).join('')}]`, 'g');
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** "Bach Mai's" → "Bach Mai"; also before a hyphen ("Mai's-branch" is rare but harmless). */
const POSSESSIVE = /(\p{L})'s(?=$|[\s,.;:!?)\]}"-])/giu;
/** Everything that is neither part of a word nor a hyphen becomes a space. */
const SEPARATOR = /[^\p{L}\p{N}\p{M}-]+/gu;
const LEADING_THE = /^the\s+/i;

/**
 * The surface with quotes, dashes and punctuation made uniform and "the" and a
 * possessive 's dropped; case is kept (acronyms and case-sensitive aliases need it).
 * Periods and apostrophes are deleted rather than spaced, so "TP.HCM" and "U.S."
 * stay one word.
 */
export function cleanSurface(surface: string): string {
  return surface
    .normalize('NFC')
    .replace(QUOTE_PATTERN, (quote) => QUOTES[quote] ?? quote)
    .replace(DASHES, '-')
    .replace(/&/g, ' and ')
    .replace(POSSESSIVE, '$1')
    .replace(/['.]/g, '')
    .replace(SEPARATOR, ' ')
    .replace(/\s*-+\s*/g, '-')
    .replace(/^-+|-+$/g, '')
    .trim()
    .replace(LEADING_THE, '');
}

/** The key two spans share when they are the same name written alike up to case, spacing and punctuation. */
export function sameFormKey(surface: string): string {
  return cleanSurface(surface).toLowerCase();
}

/**
 * Letters without their diacritics: NFD then the combining marks dropped. Đ/đ
 * (a letter of its own in Vietnamese, not D with a mark) are mapped by hand.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Whether the text carries any diacritic (or Đ/đ). */
export function hasDiacritics(text: string): boolean {
  return foldDiacritics(text) !== text.normalize('NFC');
}

/** The words of a surface, diacritics folded, split at spaces and hyphens; case kept. */
export function foldedWords(surface: string): string[] {
  return foldDiacritics(cleanSurface(surface))
    .split(/[\s-]+/)
    .filter((word) => word !== '');
}

const UPPER = /\p{Lu}/gu;
const LOWER = /\p{Ll}/gu;

/**
 * Whether a surface looks like an acronym: one word of at most 12 letters or
 * digits with at least two capitals and no more lower-case letters than capitals
 * ("NIHBT", "MoH", "TP.HCM"; not "McDonald").
 */
export function isAcronymLike(surface: string): boolean {
  const word = cleanSurface(surface);
  if (word === '' || /[\s-]/.test(word) || [...word].length > 12) return false;
  if (!/^[\p{L}\p{N}]+$/u.test(word)) return false;
  const upper = word.match(UPPER)?.length ?? 0;
  const lower = word.match(LOWER)?.length ?? 0;
  return upper >= 2 && upper >= lower;
}
