/**
 * How one disagreement is laid out for a decision: each annotator's spans in
 * its group side by side with what is already decided, the stretch of text
 * around it, and where to go next. Pure functions over the contract's data, so
 * the view and the tests agree on them. Offsets in and out are code points.
 */
import type { AdjudicationDetailDto, DisagreementDto, SpanDto } from '../../../shared/api.js';
import { ADJUDICATOR } from '../../../shared/model.js';
import { OffsetMap } from '../../../shared/offsets.js';

/** One annotator's version of a disagreement: their spans in its group, in reading order. */
export interface VersionColumn {
  readonly annotator: string;
  readonly spans: readonly SpanDto[];
  /** Other annotators whose version is the same spans (same offsets and labels). */
  readonly sameAs: readonly string[];
}

/** What the adjudicated result holds over a disagreement. */
export interface AdjudicatedColumn {
  readonly accepted: readonly SpanDto[];
  /** Versions turned down ("none of these"): kept so the place counts as settled. */
  readonly rejected: readonly SpanDto[];
}

export interface DisagreementLayout {
  readonly versions: readonly VersionColumn[];
  readonly adjudicated: AdjudicatedColumn;
  /** The text every column shows: the disagreement, widened to adjudicated spans reaching past it. */
  readonly startCp: number;
  readonly endCp: number;
}

/** Reading order: earlier start first, then the longer span, then the older one. */
export function compareSpansCp(a: Pick<SpanDto, 'id' | 'startCp' | 'endCp'>, b: Pick<SpanDto, 'id' | 'startCp' | 'endCp'>): number {
  return a.startCp - b.startCp || b.endCp - a.endCp || a.id - b.id;
}

/** The annotators who get a column: the document's, without the adjudicated result itself. */
export function versionAnnotators(detail: Pick<AdjudicationDetailDto, 'annotators'>): readonly string[] {
  return detail.annotators.filter((name) => name !== ADJUDICATOR);
}

/** Same place and label: how the adjudicated result recognises a copy of an annotator's span. */
function placeKey(span: Pick<SpanDto, 'startCp' | 'endCp' | 'label'>): string {
  return `${span.startCp}-${span.endCp}-${span.label}`;
}

function versionKey(spans: readonly SpanDto[]): string {
  return spans.map(placeKey).join('|');
}

/** Lays the spans of `disagreement` into one column per annotator, plus the adjudicated column. */
export function layoutDisagreement(detail: Pick<AdjudicationDetailDto, 'annotators' | 'spans'>, disagreement: DisagreementDto): DisagreementLayout {
  const byId = new Map(detail.spans.map((span) => [span.id, span]));
  const pick = (ids: readonly number[]): SpanDto[] =>
    ids
      .map((id) => byId.get(id))
      .filter((span): span is SpanDto => span !== undefined)
      .sort(compareSpansCp);
  const group = pick(disagreement.spanIds);
  const columns = versionAnnotators(detail).map((annotator) => ({ annotator, spans: group.filter((span) => span.annotator === annotator) }));
  const keys = columns.map((column) => versionKey(column.spans));
  const versions = columns.map((column, index) => ({
    ...column,
    sameAs: columns.filter((other, otherIndex) => otherIndex !== index && keys[otherIndex] === keys[index]).map((other) => other.annotator),
  }));
  const decided = pick(disagreement.adjudicatedSpanIds);
  return {
    versions,
    adjudicated: { accepted: decided.filter((span) => span.status === 'accepted'), rejected: decided.filter((span) => span.status === 'rejected') },
    startCp: Math.min(disagreement.startCp, ...decided.map((span) => span.startCp)),
    endCp: Math.max(disagreement.endCp, ...decided.map((span) => span.endCp)),
  };
}

/**
 * Adjudicated spans a new decision would leave standing although it says
 * otherwise: accepted ones that are not among `kept` (the chosen version, or
 * none). Copies of the annotators' spans in `turnedDown` are not listed: the
 * decision itself turns those down.
 */
export function supersededDecisions(layout: DisagreementLayout, kept: readonly SpanDto[], turnedDown: readonly SpanDto[] = []): readonly SpanDto[] {
  const keep = new Set(kept.map(placeKey));
  const handled = new Set(turnedDown.map(placeKey));
  return layout.adjudicated.accepted.filter((span) => !keep.has(placeKey(span)) && !handled.has(placeKey(span)));
}

/** A stretch of text under the same spans, for drawing marks without nesting. */
export interface MarkPiece {
  readonly startCp: number;
  readonly endCp: number;
  /** The spans covering the piece, in reading order (the first gives its colour). */
  readonly spans: readonly SpanDto[];
}

/**
 * Cuts [startCp, endCp) at every span boundary inside it, and at `extraCuts`
 * (such as the edges of the disagreement); each piece says which spans cover it.
 */
export function markPieces(startCp: number, endCp: number, spans: readonly SpanDto[], extraCuts: readonly number[] = []): readonly MarkPiece[] {
  if (endCp <= startCp) return [];
  const inside = spans.filter((span) => span.endCp > startCp && span.startCp < endCp).sort(compareSpansCp);
  const cuts = new Set<number>([startCp, endCp, ...extraCuts.filter((cut) => cut > startCp && cut < endCp)]);
  for (const span of inside) {
    cuts.add(Math.max(startCp, span.startCp));
    cuts.add(Math.min(endCp, span.endCp));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: MarkPiece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    pieces.push({ startCp: from, endCp: to, spans: inside.filter((span) => span.startCp <= from && span.endCp >= to) });
  }
  return pieces;
}

export interface ContextWindow {
  readonly startCp: number;
  readonly endCp: number;
  /** True when the text goes on before (or after) the window: the view shows an ellipsis. */
  readonly cutBefore: boolean;
  readonly cutAfter: boolean;
}

/** Code points shown on each side of a disagreement, at most. */
export const CONTEXT_RADIUS_CP = 240;

function isLineBreak(unit: number): boolean {
  return unit === 0x0a || unit === 0x0d;
}

function isSpace(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0xa0;
}

/**
 * The text to show around [startCp, endCp): the lines holding it, cut to at most
 * `radiusCp` on either side, at a space so no word is shown in half.
 */
export function contextWindow(text: string, startCp: number, endCp: number, radiusCp: number = CONTEXT_RADIUS_CP, offsets: OffsetMap = new OffsetMap(text)): ContextWindow {
  const startU16 = offsets.toU16(Math.min(startCp, offsets.lengthCp));
  const endU16 = offsets.toU16(Math.min(Math.max(startCp, endCp), offsets.lengthCp));
  const floorU16 = offsets.toU16(Math.max(0, startCp - radiusCp));
  const ceilingU16 = offsets.toU16(Math.min(offsets.lengthCp, endCp + radiusCp));

  let from = startU16;
  while (from > floorU16 && !isLineBreak(text.charCodeAt(from - 1))) from--;
  if (from === floorU16 && from > 0 && !isLineBreak(text.charCodeAt(from - 1))) {
    // Cut by the radius, not by a line: start after the next space instead of inside a word.
    let space = from;
    while (space < startU16 && !isSpace(text.charCodeAt(space))) space++;
    if (space < startU16) from = space + 1;
  }
  let to = endU16;
  while (to < ceilingU16 && !isLineBreak(text.charCodeAt(to))) to++;
  if (to === ceilingU16 && to < text.length && !isLineBreak(text.charCodeAt(to))) {
    let space = to;
    while (space > endU16 && !isSpace(text.charCodeAt(space - 1))) space--;
    if (space > endU16) to = space - 1;
  }
  const window = { startCp: offsets.toCp(from), endCp: offsets.toCp(to) };
  return { ...window, cutBefore: window.startCp > 0 && !isLineBreak(text.charCodeAt(from - 1)), cutAfter: to < text.length && !isLineBreak(text.charCodeAt(to)) };
}

/**
 * The next open disagreement after `from` (+1) or before it (-1), going round
 * the document once; `from` itself counts last. Null when every one is settled.
 */
export function nextOpenDisagreement(disagreements: readonly Pick<DisagreementDto, 'settled'>[], from: number, step: 1 | -1 = 1): number | null {
  const count = disagreements.length;
  for (let i = 1; i <= count; i++) {
    const index = (((from + step * i) % count) + count) % count;
    if (disagreements[index]?.settled === false) return index;
  }
  return null;
}

/** Where to stand after the disagreements were fetched again: on the one over the same text, else the nearest one. */
export function sameDisagreement(disagreements: readonly Pick<DisagreementDto, 'startCp' | 'endCp'>[], previous: Pick<DisagreementDto, 'startCp' | 'endCp'> | null, fallback: number): number {
  if (disagreements.length === 0) return 0;
  if (previous !== null) {
    const exact = disagreements.findIndex((d) => d.startCp === previous.startCp && d.endCp === previous.endCp);
    if (exact >= 0) return exact;
    const overlapping = disagreements.findIndex((d) => d.startCp < previous.endCp && d.endCp > previous.startCp);
    if (overlapping >= 0) return overlapping;
  }
  return Math.max(0, Math.min(disagreements.length - 1, fallback));
}

/** "Settled 3 of 5 disagreements" (the status line and the document's header). */
export function progressText(disagreements: readonly Pick<DisagreementDto, 'settled'>[]): string {
  const settled = disagreements.filter((d) => d.settled).length;
  const total = disagreements.length;
  return `Settled ${settled} of ${total} ${total === 1 ? 'disagreement' : 'disagreements'}`;
}
