/**
 * What a deal will give each annotator, worked out before it is made, so the
 * dialog can say "8 documents to each of 3 annotators, 4 (20%) seen by two"
 * before the lead confirms. The counts follow the Node side's draw
 * (src/main/teams/assignment-draw.ts): which documents go where depends on
 * the seed, but how many each annotator gets does not, so no draw is needed.
 * A unit test holds the two together.
 */
import { countOf } from '../../../shared/plural.js';

export type Share = 'all' | 'split';

export interface DealtLoads {
  /** Documents each annotator gets, in the order the annotators were named. */
  readonly perAnnotator: readonly number[];
  /** Documents given to two annotators (the overlap). */
  readonly doubled: number;
}

/**
 * How many of `documents` each of `annotators` people gets: with `all` every
 * one; with `split` the overlap's documents to pairs in turn, then the rest,
 * one at a time, to whoever has fewest (the first named on a tie).
 */
export function dealtLoads(documents: number, annotators: number, share: Share, overlap: number): DealtLoads {
  if (annotators <= 0) return { perAnnotator: [], doubled: 0 };
  if (share === 'all' || annotators === 1) return { perAnnotator: Array.from({ length: annotators }, () => documents), doubled: 0 };
  // The same expression as the draw's, so a half-way share rounds the same way.
  const doubled = Math.round(Math.min(1, Math.max(0, overlap)) * documents);
  const loads = pairLoads(doubled, annotators);
  return { perAnnotator: fillLowest(loads, documents - doubled), doubled };
}

/** Each annotator's documents after `doubled` documents went to the pairs (a, b), a < b, in turn. */
function pairLoads(doubled: number, annotators: number): number[] {
  const pairs = (annotators * (annotators - 1)) / 2;
  const rounds = Math.floor(doubled / pairs);
  // Every annotator is in annotators - 1 pairs, so each full round gives everyone that many.
  const loads = Array.from({ length: annotators }, () => rounds * (annotators - 1));
  let left = doubled % pairs;
  for (let a = 0; a < annotators && left > 0; a++) {
    for (let b = a + 1; b < annotators && left > 0; b++, left--) {
      loads[a] = (loads[a] as number) + 1;
      loads[b] = (loads[b] as number) + 1;
    }
  }
  return loads;
}

/**
 * Gives `singles` documents one at a time to the annotator with the fewest,
 * the first on a tie, without walking them one by one: everyone below the
 * level the singles reach is raised to it, and what is left goes one each to
 * the first ones at that level.
 */
function fillLowest(loads: readonly number[], singles: number): number[] {
  const need = (level: number): number => loads.reduce((sum, load) => sum + Math.max(0, level - load), 0);
  let low = Math.min(...loads);
  let high = low + singles;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (need(mid) <= singles) low = mid;
    else high = mid - 1;
  }
  let left = singles - need(low);
  return loads.map((load) => {
    const raised = Math.max(load, low);
    if (raised === low && left > 0) {
      left--;
      return raised + 1;
    }
    return raised;
  });
}

/**
 * The most documents (up to `available`) that can be dealt so that nobody gets
 * more than `perEach`. Every annotator's load only grows with the documents
 * dealt, so a binary search finds it.
 */
export function documentsForEach(perEach: number, available: number, annotators: number, share: Share, overlap: number): number {
  if (annotators <= 0 || perEach <= 0 || available <= 0) return 0;
  const fits = (documents: number): boolean => Math.max(...dealtLoads(documents, annotators, share, overlap).perAnnotator) <= perEach;
  let low = 0;
  let high = available;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** "20%", "12.5%": a share of documents as the lead reads it. */
function percent(part: number, whole: number): string {
  return `${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(whole === 0 ? 0 : (part / whole) * 100)}%`;
}

/**
 * The preview line: "20 documents: 8 to each of 3 annotators, 4 (20%) seen by two."
 * `names` are the annotators in the order they are dealt to.
 */
export function previewLine(documents: number, names: readonly string[], share: Share, overlap: number): string {
  if (names.length === 0) return 'Tick the annotators who get documents.';
  if (documents === 0) return 'No documents to deal out.';
  const { perAnnotator, doubled } = dealtLoads(documents, names.length, share, overlap);
  const most = Math.max(...perAnnotator);
  const fewest = Math.min(...perAnnotator);
  const whom = names.length === 1 ? `to ${names[0] ?? ''}` : `to each of ${countOf(names.length, 'annotator')}`;
  if (share === 'all' || names.length === 1) return `${countOf(documents, 'document')} ${whom}.`;
  const each = most === fewest ? `${most}` : `${fewest}–${most}`;
  const overlapText = doubled === 0 ? 'none seen by two' : `${doubled} (${percent(doubled, documents)}) seen by two`;
  return `${countOf(documents, 'document')}: ${each} ${whom}, ${overlapText}.`;
}
