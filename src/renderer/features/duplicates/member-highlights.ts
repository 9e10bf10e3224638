/**
 * What each drawn member of a cluster highlights, for both layouts (side by
 * side and the list): a member shows what differs from the first member (the
 * reference), and the reference shows what the members drawn with it lack.
 * Each member is compared once, and only when it is drawn.
 */
import { useMemo } from 'react';
import type { DuplicateMemberDto } from '../../../shared/api.js';
import { diffMember, referenceHighlights, type MemberDiff, type TextRange } from './member-diff.js';

/** What a member highlights: for the reference, what the members drawn with it lack; for a member, its diff. */
export type Highlight = { readonly kind: 'reference'; readonly ranges: readonly TextRange[] } | { readonly kind: 'member'; readonly diff: MemberDiff };

/** Comparisons of one cluster's members with its reference, made once each. */
class ClusterDiffs {
  private readonly diffs = new Map<number, MemberDiff>();
  private readonly highlights = new Map<number, Highlight>();

  constructor(private readonly reference: string) {}

  of(member: DuplicateMemberDto): MemberDiff {
    let diff = this.diffs.get(member.id);
    if (!diff) {
      diff = diffMember(this.reference, member.text);
      this.diffs.set(member.id, diff);
    }
    return diff;
  }

  /** The same object each time for a member, so its drawing is memoised. */
  highlightOf(member: DuplicateMemberDto): Highlight {
    let highlight = this.highlights.get(member.id);
    if (!highlight) {
      highlight = { kind: 'member', diff: this.of(member) };
      this.highlights.set(member.id, highlight);
    }
    return highlight;
  }
}

/** The highlight of each member drawn (by index into `members`; index 0 is the reference). */
export function useMemberHighlights(members: readonly DuplicateMemberDto[], drawn: readonly number[]): (index: number) => Highlight {
  const diffs = useMemo(() => new ClusterDiffs(members[0]?.text ?? ''), [members]);
  const drawnKey = drawn.join(',');
  const referenceRanges = useMemo(
    () =>
      referenceHighlights(
        members[0]?.text ?? '',
        drawn.filter((index) => index > 0 && index < members.length).map((index) => diffs.of(members[index] as DuplicateMemberDto)),
      ),
    // Which members are drawn is what matters, not the array holding their indices.
    [diffs, drawnKey],
  );
  const reference = useMemo((): Highlight => ({ kind: 'reference', ranges: referenceRanges }), [referenceRanges]);
  return (index) => (index === 0 ? reference : diffs.highlightOf(members[index] as DuplicateMemberDto));
}
