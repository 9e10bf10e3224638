/**
 * Span agreement between two annotators as F1. Taking A's spans as predictions and
 * B's as the reference, precision is matches / A's spans and recall is matches / B's
 * spans; swapping A and B swaps precision and recall, so F1 = 2·matches / (A + B) is
 * the same either way and needs no choice of a "gold" annotator.
 */
import type { LabelledRange } from './tokens.js';

export interface SpanCounts {
  /** Spans of the first annotator. */
  spansA: number;
  /** Spans of the second annotator. */
  spansB: number;
  /** Spans with the same label at exactly the same offsets. */
  exactMatches: number;
  /** Pairs of spans with the same label that share at least one code point, each span used once. */
  overlapMatches: number;
}

export function emptySpanCounts(): SpanCounts {
  return { spansA: 0, spansB: 0, exactMatches: 0, overlapMatches: 0 };
}

/** 2·matches / (spansA + spansB); null when neither annotator has a span. */
export function f1(matches: number, spansA: number, spansB: number): number | null {
  return spansA + spansB === 0 ? null : (2 * matches) / (spansA + spansB);
}

/** Spans of one label, in the order given. */
function byLabel(spans: readonly LabelledRange[]): Map<number, LabelledRange[]> {
  const groups = new Map<number, LabelledRange[]>();
  for (const span of spans) {
    const group = groups.get(span.label);
    if (group) group.push(span);
    else groups.set(span.label, [span]);
  }
  return groups;
}

/**
 * The largest number of pairs (a, b) of overlapping spans with each span in one
 * pair at most: a maximum bipartite matching (augmenting paths), so the count does
 * not depend on which annotator comes first nor on the order spans are met in.
 * `b` must be sorted by start.
 */
function maximumOverlapMatching(a: readonly LabelledRange[], b: readonly LabelledRange[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let longestB = 0;
  for (const span of b) longestB = Math.max(longestB, span.endCp - span.startCp);
  const neighbours: number[][] = a.map((span) => {
    // Only B spans starting after span.start − longestB can reach this span.
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((b[mid] as LabelledRange).startCp <= span.startCp - longestB) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let j = lo; j < b.length && (b[j] as LabelledRange).startCp < span.endCp; j++) {
      if ((b[j] as LabelledRange).endCp > span.startCp) found.push(j);
    }
    return found;
  });
  const partnerOfB = new Int32Array(b.length).fill(-1);
  let seen = new Uint8Array(b.length);
  const augment = (i: number): boolean => {
    for (const j of neighbours[i] as number[]) {
      if (seen[j] === 1) continue;
      seen[j] = 1;
      if (partnerOfB[j] === -1 || augment(partnerOfB[j] as number)) {
        partnerOfB[j] = i;
        return true;
      }
    }
    return false;
  };
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    if ((neighbours[i] as number[]).length === 0) continue;
    if (matches > 0) seen = new Uint8Array(b.length);
    if (augment(i)) matches += 1;
  }
  return matches;
}

/**
 * Matches two annotators' spans of one document (both sorted by start). Exact:
 * same label, same offsets. Overlap: same label and at least one code point in
 * common, each span in one match at most, as many matches as possible — so a long
 * span cannot count as agreeing with several short ones, and A against B gives the
 * same count as B against A.
 */
export function matchSpans(
  a: readonly LabelledRange[],
  b: readonly LabelledRange[],
  add: SpanCounts,
  addByLabel?: (label: number, counts: SpanCounts) => void,
): void {
  const groupsA = byLabel(a);
  const groupsB = byLabel(b);
  const labels = new Set([...groupsA.keys(), ...groupsB.keys()]);
  for (const label of labels) {
    const spansA = groupsA.get(label) ?? [];
    const spansB = groupsB.get(label) ?? [];
    const exact = new Set(spansB.map((span) => `${span.startCp}:${span.endCp}`));
    let exactMatches = 0;
    for (const span of spansA) if (exact.has(`${span.startCp}:${span.endCp}`)) exactMatches += 1;
    const counts: SpanCounts = {
      spansA: spansA.length,
      spansB: spansB.length,
      exactMatches,
      overlapMatches: maximumOverlapMatching(spansA, spansB),
    };
    add.spansA += counts.spansA;
    add.spansB += counts.spansB;
    add.exactMatches += counts.exactMatches;
    add.overlapMatches += counts.overlapMatches;
    addByLabel?.(label, counts);
  }
}
