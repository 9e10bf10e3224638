import { foldSpelling } from './spelling-variants.js';
import { foldedWords, isAcronymLike } from './normalise.js';

/**
 * Names that mean the same place or body, however they are written. They are
 * matched inside longer names too: "HCM City Hospital for Tropical Diseases" is
 * "Ho Chi Minh City Hospital for Tropical Diseases". Spelling, diacritics and
 * spacing are folded before matching, so "Saigon" also covers "Sài Gòn", and
 * "Ha Noi" / "Hanoi" or "World Health Organisation" need no entry: they are
 * spelling variants already. Acronyms ("WHO",
 * "MoH") match only in capitals, so the word "who" never does.
 */
export interface KnownAlias {
  readonly canonical: string;
  readonly aliases: readonly string[];
}

export const KNOWN_ALIASES: readonly KnownAlias[] = [
  {
    canonical: 'Ho Chi Minh City',
    aliases: ['HCM City', 'HCMC', 'TP.HCM', 'TP HCM', 'TP Ho Chi Minh', 'Thanh pho Ho Chi Minh', 'Saigon', 'Sai Gon'],
  },
  { canonical: 'Ministry of Health', aliases: ['MoH', 'Bo Y te'] },
  { canonical: 'Department of Health', aliases: ['DoH', 'So Y te'] },
  { canonical: 'World Health Organization', aliases: ['WHO'] },
  { canonical: "United Nations Children's Fund", aliases: ['UNICEF'] },
  { canonical: 'Vietnam News Agency', aliases: ['VNA'] },
  { canonical: 'Vietnam Social Security', aliases: ['VSS'] },
];

/** A known alias found in a name (as the table lists it) and the name it stands for. */
export interface AliasMatch {
  readonly alias: string;
  readonly canonical: string;
}

interface Pattern {
  /** Words to match: folded lower case, or as written for acronyms. */
  readonly words: readonly string[];
  readonly caseSensitive: boolean;
  readonly alias: string;
  readonly canonical: string;
  /** The canonical name's words in the folded spelling keys are made of. */
  readonly replacement: readonly string[];
}

/** A word (diacritics folded) as name keys compare it: lower case, American spelling. */
export function keyWord(word: string): string {
  return foldSpelling(word.toLowerCase());
}

/** Patterns by their first word, longest first, so "TP Ho Chi Minh" wins over a shorter match. */
const PATTERNS: ReadonlyMap<string, readonly Pattern[]> = (() => {
  const byFirst = new Map<string, Pattern[]>();
  for (const entry of KNOWN_ALIASES) {
    const replacement = foldedWords(entry.canonical).map(keyWord);
    for (const alias of entry.aliases) {
      const caseSensitive = isAcronymLike(alias);
      const words = foldedWords(alias).map((word) => (caseSensitive ? word : keyWord(word)));
      const first = caseSensitive ? keyWord(words[0] ?? '') : (words[0] ?? '');
      const list = byFirst.get(first) ?? [];
      list.push({ words, caseSensitive, alias, canonical: entry.canonical, replacement });
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
})();

function matchesAt(pattern: Pattern, written: readonly string[], keyed: readonly string[], at: number): boolean {
  if (at + pattern.words.length > written.length) return false;
  return pattern.words.every((word, i) => {
    if (!pattern.caseSensitive) return keyed[at + i] === word;
    const actual = written[at + i] as string;
    return actual === word || actual === word.toUpperCase();
  });
}

/**
 * The words of a name (folded, as from foldedWords, and the same in key form)
 * in key form with every known alias replaced by its canonical name, and the
 * aliases that were found.
 */
export function replaceKnownAliases(written: readonly string[], keyed: readonly string[] = written.map(keyWord)): { words: string[]; matches: AliasMatch[] } {
  const words: string[] = [];
  const matches: AliasMatch[] = [];
  for (let at = 0; at < written.length; ) {
    const pattern = PATTERNS.get(keyed[at] as string)?.find((candidate) => matchesAt(candidate, written, keyed, at));
    if (!pattern) {
      words.push(keyed[at] as string);
      at += 1;
      continue;
    }
    words.push(...pattern.replacement);
    matches.push({ alias: pattern.alias, canonical: pattern.canonical });
    at += pattern.words.length;
  }
  return { words, matches };
}
