/**
 * Where a search query matches a text. The document list searches with SQLite
 * FTS5; this finds the same words in one text, as whole words and in any case,
 * so the open document can light its matches up and tag-from-search can tag
 * them. Shared by the Node side and the workbench, so both find the same places.
 * Ranges are UTF-16 indices here; callers convert with offsets.ts.
 */

/** A term of a query: a "quoted phrase" or a single word, as the words it is made of. */
export interface QueryTerm {
  readonly words: readonly string[];
  /** The last word may end anywhere (results as you type). */
  readonly prefix: boolean;
}

export interface RangeU16 {
  readonly startU16: number;
  readonly endU16: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_CLASS = '[\\p{L}\\p{N}\\p{M}]';
/** What may stand between the words of a phrase: anything but a word character or a line break. */
const BETWEEN_WORDS = '[^\\p{L}\\p{N}\\p{M}\\r\\n]+';

/**
 * The terms of what a person typed, as the search box reads it: every "quoted
 * phrase" is one term, every other word is one; with `prefix`, a last bare word
 * is a prefix.
 */
export function queryTerms(input: string, prefix = false): QueryTerm[] {
  const terms: { words: string[]; bare: boolean }[] = [];
  for (const match of input.matchAll(/"([^"]*)"|([^\s"]+)/gu)) {
    const words = (match[1] ?? match[2] ?? '').match(WORD);
    if (words) terms.push({ words, bare: match[2] !== undefined });
  }
  return terms.map((term, i) => ({ words: term.words, prefix: prefix && term.bare && i === terms.length - 1 }));
}

/** The query's words in order as one phrase (quotes make no difference): what tag-from-search tags. Null without a word. */
export function queryPhrase(input: string): QueryTerm | null {
  const words = input.match(WORD);
  return words ? { words, prefix: false } : null;
}

/** The phrase a term stands for, as the workbench shows it. */
export function termText(term: QueryTerm): string {
  return term.words.join(' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression finding a term as whole words, in any case. */
function termPattern(term: QueryTerm): RegExp {
  const body = term.words.map(escapeRegExp).join(BETWEEN_WORDS);
  const end = term.prefix ? '' : `(?!${WORD_CLASS})`;
  return new RegExp(`(?<!${WORD_CLASS})${body}${end}`, 'giu');
}

/** Every whole-word, any-case match of `term` in `text`, in order. */
export function termMatches(text: string, term: QueryTerm): RangeU16[] {
  if (term.words.length === 0) return [];
  const ranges: RangeU16[] = [];
  for (const match of text.matchAll(termPattern(term))) {
    const startU16 = match.index;
    // A prefix term runs on to the end of the word it starts.
    let endU16 = startU16 + match[0].length;
    if (term.prefix) {
      const rest = /^[\p{L}\p{N}\p{M}]*/u.exec(text.slice(endU16, endU16 + 200));
      endU16 += rest?.[0].length ?? 0;
    }
    ranges.push({ startU16, endU16 });
  }
  return ranges;
}

/**
 * The matches of a query in `text`, in reading order: first its words in order
 * as one phrase (so "bach mai hospital" is one match where the name stands
 * whole, as tag-from-search would tag it), then each term where it stands
 * apart. Where matches overlap, the earlier (then longer) one is kept.
 */
export function queryMatches(text: string, input: string, prefix = false): RangeU16[] {
  const terms = queryTerms(input, prefix);
  const words = terms.flatMap((term) => term.words);
  const phrase = words.length > 1 ? [{ words, prefix: terms[terms.length - 1]?.prefix ?? false }] : [];
  const all = [...phrase, ...terms].flatMap((term) => termMatches(text, term));
  all.sort((a, b) => a.startU16 - b.startU16 || b.endU16 - a.endU16);
  const kept: RangeU16[] = [];
  for (const range of all) {
    const last = kept[kept.length - 1];
    if (last && range.startU16 < last.endU16) continue;
    kept.push(range);
  }
  return kept;
}
