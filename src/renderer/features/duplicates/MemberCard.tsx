/**
 * One member of a cluster, for either layout: whose passage it is, how similar,
 * and its text with what differs from the reference highlighted and its spans
 * drawn as in the document view, each with its label's colour and name.
 */
import { useMemo, type CSSProperties, type Ref } from 'react';
import type { DuplicateMemberDto } from '../../../shared/api.js';
import { useDuplicatesStore } from '../../stores/duplicates-store.js';
import { useLabelTagsStore } from '../../stores/label-tags-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { SpanText } from '../document/SpanText.js';
import type { PlacedSpan } from '../document/segments.js';
import { clusterStatusName, plural, similarityText } from './cluster-names.js';
import { openMember } from './duplicate-commands.js';
import { columnPieces, type Piece } from './member-diff.js';
import type { Highlight } from './member-highlights.js';
import { memberPieceNodes, placeMemberSpans } from './member-spans.js';

function PieceText({ text, placed, startU16, endU16 }: { readonly text: string; readonly placed: readonly PlacedSpan[]; readonly startU16: number; readonly endU16: number }) {
  const labels = useLabelsStore((s) => s.byName);
  const nodes = useMemo(() => (placed.length === 0 ? null : memberPieceNodes(placed, startU16, endU16)), [placed, startU16, endU16]);
  if (nodes === null) return <>{text.slice(startU16, endU16)}</>;
  return <SpanText text={text} nodes={nodes} labels={labels} selectedSpanId={null} />;
}

function MemberText({ member, pieces, reference }: { readonly member: DuplicateMemberDto; readonly pieces: readonly Piece[]; readonly reference: boolean }) {
  const placement = useLabelTagsStore((s) => s.placement);
  const placed = useMemo(() => placeMemberSpans(member), [member]);
  const { text } = member;
  return (
    <div className="member-text" data-label-tags={placement}>
      {pieces.map((piece, i) => {
        if (piece.kind === 'removed') {
          return (
            <del key={i} title="In the first member, not in this one">
              {piece.text}
            </del>
          );
        }
        const part = <PieceText text={text} placed={placed} startU16={piece.startU16} endU16={piece.endU16} />;
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

export interface MemberCardProps {
  readonly member: DuplicateMemberDto;
  readonly index: number;
  readonly count: number;
  readonly highlight: Highlight;
  readonly focused: boolean;
  readonly chosen: boolean;
  /** 'member-column' side by side, 'member-row' in the list. */
  readonly className: string;
  readonly style?: CSSProperties;
  /** The list measures each row it draws. */
  readonly measureRef?: Ref<HTMLElement>;
}

/** One member: its header (choose for a split, similarity, document, open) and its text. */
export function MemberCard({ member, index, count, highlight, focused, chosen, className, style, measureRef }: MemberCardProps) {
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
      ref={measureRef}
      className={[className, focused ? 'focused' : '', chosen ? 'chosen' : ''].filter(Boolean).join(' ')}
      style={style}
      aria-label={`Member ${index + 1} of ${count}: ${member.documentTitle}`}
      aria-current={focused ? 'true' : undefined}
      data-member-id={member.id}
      data-index={index}
      onClick={() => store().focusMember(index)}
    >
      <header className="member-header">
        <label className="checkbox member-choose">
          <input type="checkbox" checked={chosen} onChange={() => store().toggleChosen(member.id)} aria-label={`Choose member ${index + 1} (${member.documentTitle}) for a split`} />
          <span className="member-similarity" title={reference ? 'The other members are compared with this one' : undefined}>
            {reference ? 'Reference' : similarityText(member.similarity)}
          </span>
        </label>
        <h3 className="member-title">{member.documentTitle}</h3>
        <p className="member-meta">
          code points {member.startCp}–{member.endCp}
          {member.spans.length > 0 ? ` · ${plural(member.spans.length, 'span')}` : ''}
          {member.status !== 'suggested' ? ` · ${clusterStatusName(member.status)}` : ''}
          {note !== null ? ` · ${note}` : ''}
        </p>
        <button type="button" className="link-button" onClick={() => void openMember(member)} aria-label={`Open “${member.documentTitle}” at the passage`}>
          Open at the passage
        </button>
      </header>
      <MemberText member={member} pieces={pieces} reference={reference} />
    </article>
  );
}
