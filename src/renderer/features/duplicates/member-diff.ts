/**
 * What differs between a cluster member's text and the reference (the first
 * member): the stretches of the member the reference lacks, and what the
 * reference has that the member lacks, placed where it would go. Words are
 * compared with jsdiff's diffWordsWithSpace; the ranges it yields are then kept
 * on whole characters (never between the halves of an emoji) in both texts, and
 * given in UTF-16 for drawing and in code points for offsets.
 */
import { diffWordsWithSpace } from 'diff';
import { OffsetMap } from '../../../shared/offsets.js';

/** One change of a diff, as jsdiff reports it. */
export interface Change {
  readonly value: string;
  readonly added?: boolean;
  readonly removed?: boolean;
}

/** A stretch of one text, in UTF-16 (for slicing) and in code points (for offsets). */
export interface TextRange {
  readonly startU16: number;
  readonly endU16: number;
  readonly startCp: number;
  readonly endCp: number;
}

/** Text of the reference missing from the member, and where in the member it would be. */
export interface Removal {
  readonly atU16: number;
  readonly atCp: number;
  readonly text: string;
  /** The same stretch in the reference. */
  readonly inReference: TextRange;
}

export interface MemberDiff {
  /** Stretches of the member's text that the reference does not have, in order, never touching. */
  readonly added: readonly TextRange[];
  /** Reference text the member lacks, in order of where it would go. */
  readonly removed: readonly Removal[];
  /** True when the texts are the same. */
  readonly identical: boolean;
  /** True when the texts were too different to compare in time: nothing is highlighted. */
  readonly gaveUp: boolean;
}

/** How long one comparison may take before the column is shown without highlights. */
const DIFF_TIMEOUT_MS = 150;

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** True when `index` falls between the two halves of a surrogate pair in `text`. */
function splitsPair(text: string, index: number): boolean {
  return index > 0 && index < text.length && isLow(text.charCodeAt(index)) && isHigh(text.charCodeAt(index - 1));
}

/** Widens [start, end) in `text` so neither edge cuts a character in two. */
function widen(text: string, startU16: number, endU16: number): [number, number] {
  return [splitsPair(text, startU16) ? startU16 - 1 : startU16, splitsPair(text, endU16) ? endU16 + 1 : endU16];
}

/** Sorts and joins ranges that overlap or touch. */
function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function toRange(offsets: OffsetMap, startU16: number, endU16: number): TextRange {
  return { startU16, endU16, startCp: offsets.toCp(startU16), endCp: offsets.toCp(endU16) };
}

/**
 * Turns a diff's changes (reference → member) into highlighted ranges. Works
 * from any change list whose same and removed parts spell the reference and
 * whose same and added parts spell the member.
 */
export function rangesFromChanges(reference: string, member: string, changes: readonly Change[]): MemberDiff {
  const added: [number, number][] = [];
  const removedRaw: { at: number; refStart: number; refEnd: number }[] = [];
  let refU16 = 0;
  let memberU16 = 0;
  for (const change of changes) {
    const length = change.value.length;
    if (change.added) {
      added.push(widen(member, memberU16, memberU16 + length));
      memberU16 += length;
    } else if (change.removed) {
      const [refStart, refEnd] = widen(reference, refU16, refU16 + length);
      removedRaw.push({ at: splitsPair(member, memberU16) ? memberU16 - 1 : memberU16, refStart, refEnd });
      refU16 += length;
    } else {
      refU16 += length;
      memberU16 += length;
    }
  }
  const memberOffsets = new OffsetMap(member);
  const referenceOffsets = new OffsetMap(reference);
  // Removals at the same place (a widened emoji split in two parts) become one.
  const removed: Removal[] = [];
  for (const raw of removedRaw) {
    const last = removed[removed.length - 1];
    if (last && last.atU16 === raw.at && raw.refStart <= last.inReference.endU16) {
      const refStart = last.inReference.startU16;
      const refEnd = Math.max(last.inReference.endU16, raw.refEnd);
      removed[removed.length - 1] = { ...last, text: reference.slice(refStart, refEnd), inReference: toRange(referenceOffsets, refStart, refEnd) };
    } else {
      removed.push({ atU16: raw.at, atCp: memberOffsets.toCp(raw.at), text: reference.slice(raw.refStart, raw.refEnd), inReference: toRange(referenceOffsets, raw.refStart, raw.refEnd) });
    }
  }
  return {
    added: mergeRanges(added).map(([start, end]) => toRange(memberOffsets, start, end)),
    removed,
    identical: added.length === 0 && removedRaw.length === 0,
    gaveUp: false,
  };
}

/** Compares a member's text with the reference, word by word, keeping whitespace as it is. */
export function diffMember(reference: string, member: string): MemberDiff {
  if (reference === member) return { added: [], removed: [], identical: true, gaveUp: false };
  const changes = diffWordsWithSpace(reference, member, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return { added: [], removed: [], identical: false, gaveUp: true };
  return rangesFromChanges(reference, member, changes);
}

/** The stretches of the reference that some member lacks (the union of their removals), merged. */
export function referenceHighlights(reference: string, diffs: readonly MemberDiff[]): readonly TextRange[] {
  const offsets = new OffsetMap(reference);
  const ranges = diffs.flatMap((diff) => diff.removed.map((removal): [number, number] => [removal.inReference.startU16, removal.inReference.endU16]));
  return mergeRanges(ranges).map(([start, end]) => toRange(offsets, start, end));
}

/** A piece of a column to draw: plain or highlighted text of the member, or reference text it lacks. */
export type Piece =
  | { readonly kind: 'same' | 'added'; readonly startU16: number; readonly endU16: number }
  | { readonly kind: 'removed'; readonly text: string };

/**
 * The member's text cut into plain and highlighted pieces, with each removal
 * placed before the text at its position ("north" then "south").
 */
export function columnPieces(
  textLength: number,
  added: readonly Pick<TextRange, 'startU16' | 'endU16'>[],
  removed: readonly Pick<Removal, 'atU16' | 'text'>[] = [],
): Piece[] {
  const clamp = (at: number): number => Math.max(0, Math.min(textLength, at));
  const cuts = new Set<number>([0, textLength]);
  for (const range of added) {
    cuts.add(clamp(range.startU16));
    cuts.add(clamp(range.endU16));
  }
  for (const removal of removed) cuts.add(clamp(removal.atU16));
  const points = [...cuts].sort((a, b) => a - b);
  const byPlace = [...removed].sort((a, b) => a.atU16 - b.atU16);
  const pieces: Piece[] = [];
  let nextRemoval = 0;
  let nextAdded = 0;
  for (let i = 0; i < points.length; i++) {
    const at = points[i] as number;
    while (nextRemoval < byPlace.length && clamp((byPlace[nextRemoval] as Removal).atU16) <= at) {
      pieces.push({ kind: 'removed', text: (byPlace[nextRemoval++] as Removal).text });
    }
    const end = points[i + 1];
    if (end === undefined) break;
    while (nextAdded < added.length && (added[nextAdded] as TextRange).endU16 <= at) nextAdded++;
    const range = added[nextAdded];
    const inside = range !== undefined && range.startU16 <= at && at < range.endU16;
    pieces.push({ kind: inside ? 'added' : 'same', startU16: at, endU16: end });
  }
  return pieces;
}
