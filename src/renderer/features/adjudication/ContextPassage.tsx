/**
 * The text around the disagreement on show, with the stretch in dispute
 * outlined and the adjudicated spans drawn in their label colours. Selecting
 * words here and pressing a label key (or a label button) writes an adjudicated
 * span. Every run of text carries `data-u16`, its start in the whole document,
 * so the document view's selection helpers read selections here too.
 */
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { AdjudicationDetailDto, DisagreementDto } from '../../../shared/api.js';
import { ADJUDICATOR } from '../../../shared/model.js';
import type { OffsetMap } from '../../../shared/offsets.js';
import { useAdjudicationStore } from '../../stores/adjudication-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { selectionInText } from '../document/dom-selection.js';
import { ADJUDICATION_CONTEXT_ID, tagContextSelection } from './adjudication-commands.js';
import { contextWindow, markPieces } from './disagreement-layout.js';

interface ContextProps {
  readonly detail: AdjudicationDetailDto;
  readonly offsets: OffsetMap;
  readonly disagreement: DisagreementDto;
}

function ContextText({ detail, offsets, disagreement }: ContextProps) {
  const labels = useLabelsStore((s) => s.byName);
  const shown = useMemo(() => contextWindow(detail.text, disagreement.startCp, disagreement.endCp, undefined, offsets), [detail.text, disagreement, offsets]);
  const decided = useMemo(() => detail.spans.filter((span) => span.annotator === ADJUDICATOR && span.status === 'accepted'), [detail.spans]);
  const pieces = useMemo(
    () => markPieces(shown.startCp, shown.endCp, decided, [disagreement.startCp, disagreement.endCp]),
    [shown, decided, disagreement.startCp, disagreement.endCp],
  );
  return (
    <>
      {shown.cutBefore ? <span aria-hidden="true">… </span> : null}
      {pieces.map((piece) => {
        const startU16 = offsets.toU16(piece.startCp);
        const text = detail.text.slice(startU16, offsets.toU16(piece.endCp));
        const inDispute = piece.startCp >= disagreement.startCp && piece.endCp <= disagreement.endCp;
        const span = piece.spans[0];
        const run = (
          <span data-u16={startU16} className={inDispute ? 'adj-dispute' : undefined}>
            {text}
          </span>
        );
        if (!span) return <span key={piece.startCp}>{run}</span>;
        const label = labels.get(span.label);
        return (
          <mark
            key={piece.startCp}
            className="span adj-decided"
            data-label={span.label}
            title={`Adjudicated: ${label?.displayName ?? span.label}`}
            style={{ '--label-color': label?.color ?? '#808080' } as CSSProperties}
          >
            {run}
          </mark>
        );
      })}
      {shown.cutAfter ? <span aria-hidden="true"> …</span> : null}
    </>
  );
}

/** Label buttons for the selection in the context; pressing one keeps the selection (mouse down would clear it). */
function WriteSpanBar() {
  const labels = useLabelsStore((s) => s.labels);
  const selected = useAdjudicationStore((s) => s.textSelection !== null);
  return (
    <div className="adj-write" role="toolbar" aria-label="Write an adjudicated span">
      <span className="hint">{selected ? 'Tag the selection as' : 'Select words above to write a span of your own'}</span>
      {labels.map((label) => (
        <button
          key={label.name}
          type="button"
          className="adj-label-button"
          disabled={!selected}
          style={{ '--label-color': label.color } as CSSProperties}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => void tagContextSelection(label, { exact: false })}
          aria-keyshortcuts={label.shortcutKey ?? undefined}
        >
          {label.displayName}
          {label.shortcutKey !== null ? <kbd aria-hidden="true">{label.shortcutKey}</kbd> : null}
        </button>
      ))}
    </div>
  );
}

/** The region "Context": the text around the disagreement, and the bar to write a span over a selection in it. */
export function ContextPassage(props: ContextProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onSelectionChange = (): void => {
      const root = rootRef.current;
      if (root) useAdjudicationStore.getState().setTextSelection(selectionInText(root, document.getSelection()));
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, []);
  return (
    <section className="adj-context" aria-labelledby="adj-context-heading">
      <h3 id="adj-context-heading" className="adj-section-title">
        Context
      </h3>
      <div id={ADJUDICATION_CONTEXT_ID} ref={rootRef} className="adj-context-text" aria-label="Context text">
        <ContextText {...props} />
      </div>
      <WriteSpanBar />
    </section>
  );
}
