/**
 * The members of a cluster side by side, one scrolling column each, with what
 * differs from the first member (the reference) highlighted. Columns are
 * virtualised across, and each is compared only when it is drawn.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { DuplicateClusterDto, DuplicateMemberDto } from '../../../shared/api.js';
import { useDuplicatesStore } from '../../stores/duplicates-store.js';
import { clusterStatusName, similarityText } from './cluster-names.js';
import { openMember } from './duplicate-commands.js';
import { columnPieces, diffMember, referenceHighlights, type MemberDiff, type Piece, type TextRange } from './member-diff.js';

const COLUMN_WIDTH = 400;

/** Comparisons of one cluster's members with its reference, made once each and only for columns that are drawn. */
class ClusterDiffs {
  private readonly diffs = new Map<number, MemberDiff>();

  constructor(private readonly reference: string) {}

  of(member: DuplicateMemberDto): MemberDiff {
    let diff = this.diffs.get(member.id);
    if (!diff) {
      diff = diffMember(this.reference, member.text);
      this.diffs.set(member.id, diff);
    }
    return diff;
  }
}

/** What a column highlights: for the reference, what the members beside it lack; for a member, its diff. */
type Highlight = { readonly kind: 'reference'; readonly ranges: readonly TextRange[] } | { readonly kind: 'member'; readonly diff: MemberDiff };

function ColumnText({ text, pieces, reference }: { readonly text: string; readonly pieces: readonly Piece[]; readonly reference: boolean }) {
  return (
    <div className="member-text">
      {pieces.map((piece, i) => {
        if (piece.kind === 'removed') {
          return (
            <del key={i} title="In the first member, not in this one">
              {piece.text}
            </del>
          );
        }
        const part = text.slice(piece.startU16, piece.endU16);
        if (piece.kind === 'same') return <span key={i}>{part}</span>;
        return reference ? (
          <mark key={i} className="diff-differs" title="Another member differs here">
            {part}
          </mark>
        ) : (
          <ins key={i} title="Not in the first member">
            {part}
          </ins>
        );
      })}
    </div>
  );
}

interface MemberColumnProps {
  readonly member: DuplicateMemberDto;
  readonly index: number;
  readonly count: number;
  readonly highlight: Highlight;
  readonly focused: boolean;
  readonly chosen: boolean;
  readonly style: CSSProperties;
}

function MemberColumn({ member, index, count, highlight, focused, chosen, style }: MemberColumnProps) {
  const reference = highlight.kind === 'reference';
  const { pieces, note } = useMemo(() => {
    if (highlight.kind === 'reference') return { pieces: columnPieces(member.text.length, highlight.ranges), note: null };
    const { diff } = highlight;
    if (diff.gaveUp) return { pieces: columnPieces(member.text.length, []), note: 'Too different to highlight' };
    return { pieces: columnPieces(member.text.length, diff.added, diff.removed), note: diff.identical ? 'Same text as the reference' : null };
  }, [member, highlight]);
  const store = useDuplicatesStore.getState;
  return (
    <article
      className={['member-column', focused ? 'focused' : '', chosen ? 'chosen' : ''].filter(Boolean).join(' ')}
      style={style}
      aria-label={`Member ${index + 1} of ${count}: ${member.documentTitle}`}
      aria-current={focused ? 'true' : undefined}
      data-member-id={member.id}
      onClick={() => store().focusMember(index)}
    >
      <header className="member-header">
        <label className="checkbox member-choose">
          <input type="checkbox" checked={chosen} onChange={() => store().toggleChosen(member.id)} aria-label={`Choose member ${index + 1} (${member.documentTitle}) for a split`} />
          <span aria-hidden="true" title={reference ? 'The other members are compared with this one' : undefined}>
            {reference ? 'Reference' : similarityText(member.similarity)}
          </span>
        </label>
        <h3 className="member-title" title={member.documentTitle}>
          {member.documentTitle}
        </h3>
        <p className="member-meta">
          code points {member.startCp}–{member.endCp}
          {member.status !== 'suggested' ? ` · ${clusterStatusName(member.status)}` : ''}
          {note !== null ? ` · ${note}` : ''}
        </p>
        <button type="button" className="link-button" onClick={() => void openMember(member)} aria-label={`Open “${member.documentTitle}” at the passage`}>
          Open at the passage
        </button>
      </header>
      <ColumnText text={member.text} pieces={pieces} reference={reference} />
    </article>
  );
}

/** The "Cluster members" region: member columns, scrolling across. */
export function MemberColumns({ cluster }: { readonly cluster: DuplicateClusterDto }) {
  const focused = useDuplicatesStore((s) => s.focusedMember);
  const chosen = useDuplicatesStore((s) => s.chosen);
  const members = cluster.memberList;
  const diffs = useMemo(() => new ClusterDiffs(members[0]?.text ?? ''), [members]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    horizontal: true,
    count: members.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => COLUMN_WIDTH,
    overscan: 1,
    useFlushSync: false,
  });
  useEffect(() => {
    virtualizer.scrollToIndex(focused, { align: 'auto' });
  }, [focused, virtualizer]);
  const items = virtualizer.getVirtualItems();
  // The reference shows what the members drawn beside it lack: the comparisons are made for those columns anyway.
  const drawnIds = items.map((item) => members[item.index]?.id ?? 0).join(',');
  const referenceRanges = useMemo(
    () =>
      referenceHighlights(
        members[0]?.text ?? '',
        items.filter((item) => item.index > 0).map((item) => diffs.of(members[item.index] as DuplicateMemberDto)),
      ),
    // The drawn columns are what matters, not the virtualizer's item objects.
    [diffs, drawnIds],
  );
  const referenceHighlight = useMemo((): Highlight => ({ kind: 'reference', ranges: referenceRanges }), [referenceRanges]);
  const memberHighlights = useMemo(() => new Map<number, Highlight>(), [diffs]);
  const highlightOf = (member: DuplicateMemberDto, index: number): Highlight => {
    if (index === 0) return referenceHighlight;
    let highlight = memberHighlights.get(member.id);
    if (!highlight) {
      highlight = { kind: 'member', diff: diffs.of(member) };
      memberHighlights.set(member.id, highlight);
    }
    return highlight;
  };
  return (
    <div className="member-columns" role="region" aria-label="Cluster members" ref={scrollRef} tabIndex={0}>
      <div className="member-track" style={{ width: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const member = members[item.index] as DuplicateMemberDto;
          return (
            <MemberColumn
              key={member.id}
              member={member}
              index={item.index}
              count={members.length}
              highlight={highlightOf(member, item.index)}
              focused={item.index === focused}
              chosen={chosen.has(member.id)}
              style={{ width: item.size, transform: `translateX(${item.start}px)` }}
            />
          );
        })}
      </div>
    </div>
  );
}
