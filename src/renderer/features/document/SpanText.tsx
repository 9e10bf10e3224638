/**
 * Renders one block of a segmented document: nested `mark` elements for spans
 * (pieces of a crossing span carry `data-fragment`), dimmed `span.noise` runs,
 * the gutter marks of duplicate passages, and around every text run an element
 * whose `data-u16` is the run's start in the text, so a DOM selection maps back
 * to offsets.
 */
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { LabelDto } from '../../../shared/api.js';
import { assertNever } from '../../../shared/model.js';
import { noiseKindName } from '../../components/status-names.js';
import { passageMarkBadge, passageMarkName } from '../duplicates/cluster-names.js';
import { labelTag } from '../../stores/label-tags-store.js';
import { suggestionSource } from '../side-panel/value-form.js';
import type { MarkNode, PassageNode, RenderNode, TextNode } from './segments.js';

export interface SpanTextProps {
  /** The whole document's text (nodes index into it). */
  readonly text: string;
  readonly nodes: readonly RenderNode[];
  readonly labels: ReadonlyMap<string, LabelDto>;
  readonly selectedSpanId: number | null;
  /** Names of the entities the block's spans are linked to (only those), for their tooltips. */
  readonly entityNames?: ReadonlyMap<number, string>;
}

/** Colour for a span whose label the project no longer lists. */
const UNKNOWN_LABEL_COLOR = '#808080';

const CR = '\r';

/**
 * One text run. A CR directly before an LF gets its own hidden element: the LF
 * alone makes the line break, so CRLF shows as one break, while every UTF-16
 * unit of the text stays in the DOM and offsets stay exact.
 */
function renderText(node: TextNode, text: string): ReactNode {
  const className = node.noise !== null ? 'noise' : undefined;
  const title = node.noise !== null ? noiseKindName(node.noise) : undefined;
  const pieces: ReactNode[] = [];
  let from = node.startU16;
  let cr = text.indexOf(CR, from);
  while (cr >= 0 && cr < node.endU16) {
    if (text.charCodeAt(cr + 1) === 0x0a) {
      if (cr > from) pieces.push(run(from, cr));
      pieces.push(
        <span key={`c${cr}`} className={className ? `${className} cr` : 'cr'} data-u16={cr} aria-hidden="true">
          {CR}
        </span>,
      );
      from = cr + 1;
    }
    cr = text.indexOf(CR, cr + 1);
  }
  if (from < node.endU16 || pieces.length === 0) pieces.push(run(from, node.endU16));
  return pieces.length === 1 ? pieces[0] : pieces;

  function run(start: number, end: number): ReactNode {
    return (
      <span key={`t${start}`} className={className} data-kind={node.noise ?? undefined} title={title} data-u16={start}>
        {text.slice(start, end)}
      </span>
    );
  }
}

/** The hover text of a span: its label (and entity), and for a suggestion who proposed it ("Date (suggested by date, 92%)"). */
function markTitle(name: string, span: MarkNode['span']): string {
  // Everyone's spans are shown: each says whose it is.
  if (span.annotator !== undefined && span.status === 'accepted') return `${name} (${span.annotator})`;
  if (span.status === 'accepted') return name;
  if (span.status === 'suggested') {
    const source = suggestionSource({ recogniser: span.recogniser ?? null, confidence: span.confidence ?? null, learntFrom: span.learntFrom ?? null });
    return `${name} (${source ?? 'suggested'})`;
  }
  return `${name} (${span.status})`;
}

/** Where a mark's first text run starts: a piece of a span drawn in several starts after the span itself. */
function pieceStartU16(node: MarkNode): number | null {
  for (const child of node.children) {
    if (child.kind === 'text') return child.startU16;
    if (child.kind === 'mark') return pieceStartU16(child);
  }
  return null;
}

function renderMark(node: MarkNode, props: SpanTextProps): ReactNode {
  const { span } = node;
  const label = props.labels.get(span.label);
  const classes = ['span', `status-${span.status}`];
  if (span.id === props.selectedSpanId) classes.push('selected');
  if (node.fragment !== null) classes.push('fragment');
  const style = { '--label-color': label?.color ?? UNKNOWN_LABEL_COLOR, '--level': node.level } as CSSProperties;
  const entityName = span.entityId !== null ? props.entityNames?.get(span.entityId) : undefined;
  const name = entityName !== undefined ? `${label?.displayName ?? span.label} · ${entityName}` : (label?.displayName ?? span.label);
  if (span.entityId !== null) classes.push('linked');
  // The label's name goes once, where the span begins, not on every piece of it.
  const startsHere = node.fragment === null || pieceStartU16(node) === span.startU16;
  return (
    <mark
      key={`m${span.id}.${node.fragment ?? 0}`}
      className={classes.join(' ')}
      style={style}
      title={markTitle(name, span)}
      data-span-id={span.id}
      data-entity-id={span.entityId ?? undefined}
      data-label={span.label}
      data-tag={startsHere ? labelTag(label?.displayName ?? span.label) : undefined}
      data-start={span.startCp}
      data-end={span.endCp}
      data-status={span.status}
      data-fragment={node.fragment ?? undefined}
    >
      {node.children.map((child) => renderNode(child, props))}
    </mark>
  );
}

/**
 * A duplicate passage's gutter mark: an empty inline anchor at the passage's
 * start holding a button drawn in the margin. It has no text node, so the
 * document's text and its offsets stay exactly as stored; the badge comes from CSS.
 */
function renderPassage(node: PassageNode): ReactNode {
  const { passage } = node;
  const name = passageMarkName(passage);
  return (
    <span key={`p${passage.memberId}`} className="passage-anchor">
      <button
        type="button"
        className={`passage-mark status-${passage.status}`}
        aria-label={name}
        title={`${name} (${passage.status}): open in Duplicates (U)`}
        data-cluster-id={passage.clusterId}
        data-member-id={passage.memberId}
        data-start={passage.startCp}
        data-end={passage.endCp}
        data-badge={passageMarkBadge(passage)}
      />
    </span>
  );
}

function renderNode(node: RenderNode, props: SpanTextProps): ReactNode {
  switch (node.kind) {
    case 'mark':
      return renderMark(node, props);
    case 'text':
      return renderText(node, props.text);
    case 'passage':
      return renderPassage(node);
    default:
      return assertNever(node);
  }
}

/** The marks and text runs of one block. */
export const SpanText = memo(function SpanText(props: SpanTextProps) {
  return <>{props.nodes.map((node) => renderNode(node, props))}</>;
});
