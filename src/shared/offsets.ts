/**
 * The one owner of text offsets.
 *
 * Everything that leaves the process speaks Unicode code points, end exclusive
 * (Python's `text[start:end]`). JavaScript strings index UTF-16 code units, so an
 * astral character (emoji, musical symbols, …) is one code point but two units.
 * Every conversion between the two goes through this module.
 */

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

const ANY_SURROGATE = /[\uD800-\uDFFF]/;

/** UTF-16 indices of the high surrogate of every well-formed surrogate pair in `text`. */
function astralPairStarts(text: string): number[] {
  const starts: number[] = [];
  // Most texts have no astral character at all: let the regex engine say so quickly.
  const first = text.search(ANY_SURROGATE);
  if (first < 0) return starts;
  for (let i = first; i < text.length - 1; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      starts.push(i);
      i++;
    }
  }
  return starts;
}

/** Number of entries in the sorted array `values` that are < `limit`. */
function countBelow(values: readonly number[], limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Converts offsets for one text in both directions in O(log n) each, after one
 * O(n) scan. Use it whenever more than one offset of the same text is converted.
 */
export class OffsetMap {
  readonly lengthU16: number;
  readonly lengthCp: number;
  /** UTF-16 index of each astral pair's first unit. */
  readonly #pairStartsU16: readonly number[];
  /** Code point offset of each astral character. */
  readonly #pairStartsCp: readonly number[];

  constructor(readonly text: string) {
    const starts = astralPairStarts(text);
    this.#pairStartsU16 = starts;
    this.#pairStartsCp = starts.map((u16, i) => u16 - i);
    this.lengthU16 = text.length;
    this.lengthCp = text.length - starts.length;
  }

  /** True when code point and UTF-16 offsets coincide everywhere in this text. */
  get isIdentity(): boolean {
    return this.#pairStartsU16.length === 0;
  }

  /** UTF-16 index of code point offset `offsetCp` (0 ≤ offsetCp ≤ lengthCp). */
  toU16(offsetCp: number): number {
    if (!Number.isInteger(offsetCp) || offsetCp < 0 || offsetCp > this.lengthCp) {
      throw new RangeError(`code point offset ${offsetCp} is outside 0..${this.lengthCp}`);
    }
    return offsetCp + countBelow(this.#pairStartsCp, offsetCp);
  }

  /**
   * Code point offset of UTF-16 index `indexU16`. An index that falls between the
   * two halves of a surrogate pair names no character boundary and is refused.
   */
  toCp(indexU16: number): number {
    if (!Number.isInteger(indexU16) || indexU16 < 0 || indexU16 > this.lengthU16) {
      throw new RangeError(`UTF-16 index ${indexU16} is outside 0..${this.lengthU16}`);
    }
    const pairsStartingBefore = countBelow(this.#pairStartsU16, indexU16);
    if (pairsStartingBefore > 0 && this.#pairStartsU16[pairsStartingBefore - 1] === indexU16 - 1) {
      throw new RangeError(`UTF-16 index ${indexU16} splits a surrogate pair`);
    }
    return indexU16 - pairsStartingBefore;
  }

  /** The substring between two code point offsets, end exclusive. */
  sliceCp(startCp: number, endCp: number): string {
    return this.text.slice(this.toU16(startCp), this.toU16(endCp));
  }
}

/** Number of code points in `text` (a lone surrogate counts as one, as in Python). */
export function codePointLength(text: string): number {
  return text.length - astralPairStarts(text).length;
}

/** UTF-16 index of a code point offset, for a one-off conversion. */
export function cpToU16(text: string, offsetCp: number): number {
  return new OffsetMap(text).toU16(offsetCp);
}

/** Code point offset of a UTF-16 index, for a one-off conversion. */
export function u16ToCp(text: string, indexU16: number): number {
  return new OffsetMap(text).toCp(indexU16);
}

/** The substring between two code point offsets, for a one-off slice. */
export function sliceCp(text: string, startCp: number, endCp: number): string {
  return new OffsetMap(text).sliceCp(startCp, endCp);
}
