/**
 * The members of a small cluster (two or three) side by side, sharing the width
 * so none is cut off at the edge, each scrolling on its own. Larger clusters
 * are a list (MemberList).
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import type { DuplicateClusterDto } from '../../../shared/api.js';
import { useDuplicatesStore } from '../../stores/duplicates-store.js';
import { MemberCard } from './MemberCard.js';
import { useMemberHighlights } from './member-highlights.js';

/** Clusters up to this size are shown side by side; larger ones as a list. */
export const MOST_SIDE_BY_SIDE = 3;

/** The "Cluster members" region of a small cluster: one column per member. */
export function MemberColumns({ cluster }: { readonly cluster: DuplicateClusterDto }) {
  const focused = useDuplicatesStore((s) => s.focusedMember);
  const chosen = useDuplicatesStore((s) => s.chosen);
  const members = cluster.memberList;
  const highlightOf = useMemberHighlights(
    members,
    members.map((_, index) => index),
  );
  const regionRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    regionRef.current?.querySelector(`[data-index="${focused}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [focused]);
  return (
    <div
      className="member-columns"
      role="region"
      aria-label="Cluster members"
      ref={regionRef}
      tabIndex={0}
      style={{ '--member-count': Math.max(1, members.length) } as CSSProperties}
    >
      {members.map((member, index) => (
        <MemberCard
          key={member.id}
          className="member-column"
          member={member}
          index={index}
          count={members.length}
          highlight={highlightOf(index)}
          focused={index === focused}
          chosen={chosen.has(member.id)}
        />
      ))}
    </div>
  );
}
