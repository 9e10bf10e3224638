/**
 * Aligning two versions of a passage, for carrying spans from one to the other.
 * A word diff (each word, punctuation mark and run of spaces a token) finds the
 * stretches both share; a span maps across only when it lies inside one shared
 * stretch, so a one-word difference elsewhere shifts nothing, and a span whose
 * own words changed, or that would cross a change, is not carried at all.
 */
import { diffWordsWithSpace } from 'diff';

/** Beyond this many changed tokens two texts are too different to align usefully. */
const MAX_EDIT_TOKENS = 2000;
const DIFF_TIMEOUT_MS = 2000;

/** A stretch shared by both texts: [startU16 in source, endU16 in source, startU16 in target]. */
type Stretch = readonly [number, number, number];

export interface Alignment {
  /** Where source[startU16, endU16) lies in the target, or null when it changed or crosses a change. */
  map(startU16: number, endU16: number): readonly [number, number] | null;
}

const IDENTITY: Alignment = { map: (startU16, endU16) => [startU16, endU16] };

/** Aligns `source` with `target` (UTF-16 indices); null when they are too different to align. */
export function alignTexts(source: string, target: string): Alignment | null {
  if (source === target) return IDENTITY;
  const changes = diffWordsWithSpace(source, target, { maxEditLength: MAX_EDIT_TOKENS, timeout: DIFF_TIMEOUT_MS });
  if (changes === undefined) return null;
  const stretches: [number, number, number][] = [];
  let inSource = 0;
  let inTarget = 0;
  for (const change of changes) {
    const length = change.value.length;
    if (change.added) {
      inTarget += length;
    } else if (change.removed) {
      inSource += length;
    } else {
      const last = stretches[stretches.length - 1];
      // Two shared parts in a row are one stretch.
      if (last && last[1] === inSource && last[2] + (last[1] - last[0]) === inTarget) last[1] += length;
      else stretches.push([inSource, inSource + length, inTarget]);
      inSource += length;
      inTarget += length;
    }
  }
  return {
    map(startU16, endU16) {
      const stretch = stretchHolding(stretches, startU16);
      if (!stretch || endU16 > stretch[1]) return null;
      const shift = stretch[2] - stretch[0];
      return [startU16 + shift, endU16 + shift];
    },
  };
}

/** The stretch whose source range holds `indexU16`, by binary search. */
function stretchHolding(stretches: readonly Stretch[], indexU16: number): Stretch | undefined {
  let lo = 0;
  let hi = stretches.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const stretch = stretches[mid] as Stretch;
    if (indexU16 < stretch[0]) hi = mid - 1;
    else if (indexU16 >= stretch[1]) lo = mid + 1;
    else return stretch;
  }
  return undefined;
}
