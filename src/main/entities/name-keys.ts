import { keyWord, replaceKnownAliases, type AliasMatch } from './known-aliases.js';
import { foldedWords, isAcronymLike, sameFormKey } from './normalise.js';

/**
 * The keys of one surface form, coarser and coarser: two names with equal
 * `sameForm` are the same form, equal `variant` spelling variants, equal `alias`
 * the same through a known alias. (Equal variants have equal aliases, except
 * where case decides: "WHO Office" has a known alias, "Who Office" has not.)
 */
export interface NameKeys {
  readonly sameForm: string;
  /** Diacritics folded, hyphens and spaces dropped, British spelling made American. */
  readonly variant: string;
  /** As `variant`, with known aliases replaced by their canonical names. */
  readonly alias: string;
  readonly aliasMatches: readonly AliasMatch[];
  readonly acronymLike: boolean;
}

/** The keys of a surface form. Pure; callers with many repeats use a NameKeyCache. */
export function nameKeys(surface: string): NameKeys {
  const written = foldedWords(surface);
  const keyed = written.map(keyWord);
  const replaced = replaceKnownAliases(written, keyed);
  return {
    sameForm: sameFormKey(surface),
    // Spaces go too: Vietnamese names are written with syllables apart or joined ("Ha Noi", "Hanoi").
    variant: keyed.join(''),
    alias: replaced.words.join(''),
    aliasMatches: replaced.matches,
    acronymLike: isAcronymLike(surface),
  };
}

/** Keys by surface: a corpus repeats the same few thousand names many times over. */
export class NameKeyCache {
  readonly #bySurface = new Map<string, NameKeys>();

  get(surface: string): NameKeys {
    let keys = this.#bySurface.get(surface);
    if (!keys) {
      keys = nameKeys(surface);
      this.#bySurface.set(surface, keys);
    }
    return keys;
  }
}
