/**
 * The spans of a cluster member, drawn the way the document view draws them.
 * A member's spans come in code points of its document; its text is a slice of
 * that document starting at the member's start. They are placed in the
 * member's text (through OffsetMap, via placeSpans) and then cut at the diff's
 * pieces, so a span and a highlighted change can share words: each piece of
 * the text is segmented on its own, and a span crossing pieces is drawn in
 * fragments that carry its label's name once, where it begins.
 */
import type { DuplicateMemberDto } from '../../../shared/api.js';
import { OffsetMap } from '../../../shared/offsets.js';
import { placeSpans, segmentBlock, type PlacedSpan, type RenderNode } from '../document/segments.js';

/** A member's spans placed in its text, in reading order, keeping their offsets in the document (for data-start and data-end). */
export function placeMemberSpans(member: Pick<DuplicateMemberDto, 'text' | 'startCp' | 'spans'>): PlacedSpan[] {
  if (member.spans.length === 0) return [];
  const byId = new Map(member.spans.map((span) => [span.id, span]));
  const relative = member.spans.map((span) => ({
    id: span.id,
    label: span.label,
    status: span.status,
    startCp: span.startCp - member.startCp,
    endCp: span.endCp - member.startCp,
  }));
  return placeSpans(new OffsetMap(member.text), relative).map((placed) => {
    const stored = byId.get(placed.id);
    return stored ? { ...placed, startCp: stored.startCp, endCp: stored.endCp } : placed;
  });
}

/** The render tree of one stretch [startU16, endU16) of a member's text, with the spans over it. */
export function memberPieceNodes(placed: readonly PlacedSpan[], startU16: number, endU16: number): readonly RenderNode[] {
  const over = placed.filter((span) => span.startU16 < endU16 && span.endU16 > startU16);
  return segmentBlock(0, { startU16, endU16 }, over, []).nodes;
}
