/**
 * The members of a larger cluster (four or more, up to hundreds) as a list, one
 * member per row across the whole width, virtualised: only the rows in view
 * are drawn, measured as they are, and compared with the reference only then.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { DuplicateClusterDto, DuplicateMemberDto } from '../../../shared/api.js';
import { useDuplicatesStore } from '../../stores/duplicates-store.js';
import { MemberCard } from './MemberCard.js';
import { useMemberHighlights } from './member-highlights.js';

/** A first guess at a row's height; each drawn row is then measured. */
const ESTIMATED_ROW_HEIGHT = 200;

/** The "Cluster members" region of a larger cluster: a scrolling list of member rows. */
export function MemberList({ cluster }: { readonly cluster: DuplicateClusterDto }) {
  const focused = useDuplicatesStore((s) => s.focusedMember);
  const chosen = useDuplicatesStore((s) => s.chosen);
  const members = cluster.memberList;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: members.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    getItemKey: (index) => members[index]?.id ?? index,
    overscan: 2,
    useFlushSync: false,
  });
  useEffect(() => {
    virtualizer.scrollToIndex(focused, { align: 'auto' });
  }, [focused, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const highlightOf = useMemberHighlights(
    members,
    items.map((item) => item.index),
  );
  return (
    <div className="member-list" role="region" aria-label="Cluster members" ref={scrollRef} tabIndex={0}>
      <div className="member-list-track" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const member = members[item.index] as DuplicateMemberDto;
          return (
            <MemberCard
              key={member.id}
              className="member-row"
              measureRef={virtualizer.measureElement}
              member={member}
              index={item.index}
              count={members.length}
              highlight={highlightOf(item.index)}
              focused={item.index === focused}
              chosen={chosen.has(member.id)}
              style={{ transform: `translateY(${item.start}px)` }}
            />
          );
        })}
      </div>
    </div>
  );
}
