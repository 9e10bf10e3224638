/**
 * Folding: what two passages must share to count as the same words. Case,
 * punctuation and white space are folded away, so "Hanoi's  hospitals," and
 * "HANOI'S hospitals" read alike. A word is a run of letters, digits and
 * combining marks; everything else separates words.
 *
 * Text arrives as "pieces": UTF-16 ranges of one passage with noise cut out.
 * A word runs on across a cut, so "Vie?tnam" with the injected "?" removed folds
 * to "vietnam". Hashes are computed while scanning, without building strings:
 * detection folds the whole corpus and must not allocate a string per word.
 */

/** What a UTF-16 unit is, once known: not yet classified, a separator, a word unit, a word unit whose lower case is longer. */
const UNKNOWN = 0;
const SEPARATOR = 1;
const WORD = 2;
const WORD_LONG_LOWER = 3;

const KIND = new Uint8Array(0x10000);
/** The lower-case unit of each WORD unit. */
const LOWER = new Uint16Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

function classify(unit: number): number {
  const char = String.fromCharCode(unit);
  if (!WORD_CHAR.test(char)) return SEPARATOR;
  const lower = char.toLowerCase();
  if (lower.length !== 1) return WORD_LONG_LOWER;
  LOWER[unit] = lower.charCodeAt(0);
  return WORD;
}

for (let unit = 0; unit < 0x80; unit++) KIND[unit] = classify(unit);
// Surrogates are classified by the code point they form, never alone.
for (let unit = 0xd800; unit <= 0xdfff; unit++) KIND[unit] = SEPARATOR;

function kindOf(unit: number): number {
  let kind = KIND[unit] as number;
  if (kind === UNKNOWN) {
    kind = classify(unit);
    KIND[unit] = kind;
  }
  return kind;
}

const astralWords = new Map<number, string | null>();

/** The lower-case form of an astral code point when it is a word character (rare scripts), else null. */
function astralLower(codePoint: number): string | null {
  let lower = astralWords.get(codePoint);
  if (lower === undefined) {
    const char = String.fromCodePoint(codePoint);
    lower = WORD_CHAR.test(char) ? char.toLowerCase() : null;
    astralWords.set(codePoint, lower);
  }
  return lower;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Final avalanche of MurmurHash3: spreads every input bit over the whole result. */
export function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A growable list of 32-bit values, reused between passages to spare allocations. */
export class HashList {
  values: Uint32Array;
  length = 0;

  constructor(capacity = 256) {
    this.values = new Uint32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** Appends values[from, from + count). */
  pushRange(values: Uint32Array, from: number, count: number): void {
    while (this.length + count > this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values.set(values.subarray(from, from + count), this.length);
    this.length += count;
  }

  clear(): void {
    this.length = 0;
  }
}

/**
 * Visits the folded word units of `pieces` of `text`: `unit` for each lower-case
 * UTF-16 unit of a word, `end` after each word. Both folding functions below
 * share it, so the hashes always match the folded strings.
 */
function scanWords(text: string, pieces: readonly number[], unit: (code: number, at: number) => void, end: () => void): void {
  let inWord = false;
  for (let p = 0; p + 1 < pieces.length; p += 2) {
    const stop = pieces[p + 1] as number;
    for (let i = pieces[p] as number; i < stop; i++) {
      const code = text.charCodeAt(i);
      const kind = kindOf(code);
      if (kind === WORD) {
        unit(LOWER[code] as number, i);
        inWord = true;
        continue;
      }
      if (kind === WORD_LONG_LOWER) {
        const lower = String.fromCharCode(code).toLowerCase();
        for (let k = 0; k < lower.length; k++) unit(lower.charCodeAt(k), i);
        inWord = true;
        continue;
      }
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < stop) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          const lower = astralLower((code - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000);
          i++;
          if (lower !== null) {
            for (let k = 0; k < lower.length; k++) unit(lower.charCodeAt(k), i);
            inWord = true;
            continue;
          }
        }
      }
      if (inWord) {
        end();
        inWord = false;
      }
    }
  }
  if (inWord) end();
}

/**
 * Appends the hash of each folded word of `pieces` of `text` to `out`. With
 * `bounds`, also appends where each word lies: the UTF-16 index of its first
 * unit, then one past its last (a word run on across a noise cut spans it).
 */
export function appendWordHashes(text: string, pieces: readonly number[], out: HashList, bounds?: HashList): void {
  let hash = FNV_OFFSET;
  let first = -1;
  let last = -1;
  scanWords(
    text,
    pieces,
    (code, at) => {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      if (first === -1) first = at;
      last = at;
    },
    () => {
      out.push(fmix32(hash));
      hash = FNV_OFFSET;
      if (bounds) {
        bounds.push(first);
        bounds.push(last + 1);
      }
      first = -1;
    },
  );
}

/** The folded words of `pieces` of `text`. */
export function foldedWords(text: string, pieces: readonly number[] = [0, text.length]): string[] {
  const words: string[] = [];
  let units: number[] = [];
  scanWords(
    text,
    pieces,
    (code) => units.push(code),
    () => {
      words.push(String.fromCharCode(...units));
      units = [];
    },
  );
  return words;
}

/** A text folded for exact comparison: lower-case words separated by single spaces. */
export function foldText(text: string): string {
  return foldedWords(text).join(' ');
}

/** The hash appendWordHashes gives a folded word. */
export function wordHash(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return fmix32(hash);
}
