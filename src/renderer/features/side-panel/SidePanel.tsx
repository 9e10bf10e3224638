/**
 * The right pane: one button per label (what the number keys do), what is
 * selected right now, the document's spans in reading order, and the selected
 * span's label, who proposed it (accept and reject for a suggestion), its
 * normalised value, entity, note and delete button.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import type { LabelDto, SpanDto } from '../../../shared/api.js';
import { DOCUMENT_TEXT_ID, NOTE_FIELD_ID } from '../../components/element-ids.js';
import { spanStatusName } from '../../components/status-names.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { snapSelection } from '../document/snap-selection.js';
import { applyLabel, deleteSelectedSpan, saveNote } from '../workbench/commands.js';
import { decideSelected } from '../suggestions/suggestion-commands.js';
import { drawnSpans } from '../suggestions/suggestion-order.js';
import { EntityLink } from './EntityLink.js';
import { ValueEditor } from './ValueEditor.js';
import { suggestionSource } from './value-form.js';

const SPAN_ROW_HEIGHT = 34;

/** Longest surface shown in a row before it is cut with an ellipsis. */
const SURFACE_PREVIEW = 80;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > SURFACE_PREVIEW ? `${flat.slice(0, SURFACE_PREVIEW)}…` : flat;
}

function LabelButtons() {
  const labels = useLabelsStore((s) => s.labels);
  const selectedLabel = useDocumentStore((s) => {
    if (s.textSelection !== null || s.selectedSpanId === null) return null;
    return s.doc?.spans.find((span) => span.id === s.selectedSpanId)?.label ?? null;
  });
  // Pressing a button must not take the text selection away before the click tags it.
  const keepSelection = (event: MouseEvent): void => event.preventDefault();
  if (labels.length === 0) return <p className="hint">No labels yet: add some with Labels… in the header.</p>;
  return (
    <div className="label-buttons" role="group" aria-label="Labels">
      {labels.map((label) => (
        <button
          key={label.name}
          type="button"
          className={label.name === selectedLabel ? 'label-button current' : 'label-button'}
          style={{ '--label-color': label.color } as CSSProperties}
          aria-label={label.displayName}
          aria-keyshortcuts={label.shortcutKey ?? undefined}
          aria-pressed={selectedLabel === null ? undefined : label.name === selectedLabel}
          title={label.shortcutKey ? `${label.displayName} (${label.shortcutKey}; Alt+${label.shortcutKey} for the exact selection)` : label.displayName}
          onMouseDown={keepSelection}
          onClick={(event) => void applyLabel(label, { exact: event.altKey })}
        >
          <span className="swatch" aria-hidden="true" />
          <span className="label-name">{label.displayName}</span>
          {label.shortcutKey ? (
            <kbd className="label-key" aria-hidden="true">
              {label.shortcutKey}
            </kbd>
          ) : null}
        </button>
      ))}
    </div>
  );
}

function SelectionPreview() {
  const doc = useDocumentStore((s) => s.doc);
  const selection = useDocumentStore((s) => s.textSelection);
  const text = useMemo(() => {
    if (!doc || !selection) return null;
    const range = snapSelection(doc.text, selection.anchorU16, selection.focusU16);
    return range ? doc.text.slice(range.startU16, range.endU16) : null;
  }, [doc, selection]);
  if (!doc) return null;
  return (
    <p className="selection-preview" aria-live="polite">
      {text !== null ? (
        <>
          Selected <q>{preview(text)}</q> — press a label key or click a label.
        </>
      ) : (
        'Select text in the document to tag it.'
      )}
    </p>
  );
}

function SpanRow({ span, label, surface, selected }: { readonly span: SpanDto; readonly label: LabelDto | undefined; readonly surface: string; readonly selected: boolean }) {
  return (
    <>
      <span className="chip" style={{ '--label-color': label?.color ?? '#808080' } as CSSProperties}>
        {label?.displayName ?? span.label}
      </span>
      <span className="span-surface">{preview(surface)}</span>
      {span.status !== 'accepted' ? (
        <span className={`span-status status-${span.status}`} title={suggestionSource(span) ?? undefined}>
          {spanStatusName(span.status)}
        </span>
      ) : null}
      {span.note ? (
        <span className="note-flag" title={span.note} aria-label="has a note">
          ✎
        </span>
      ) : null}
      {selected ? <span className="visually-hidden">(selected)</span> : null}
    </>
  );
}

function SpanList() {
  const doc = useDocumentStore((s) => s.doc);
  const offsets = useDocumentStore((s) => s.offsets);
  const selectedSpanId = useDocumentStore((s) => s.selectedSpanId);
  const labels = useLabelsStore((s) => s.byName);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Rejected suggestions are decisions, not spans: the list leaves them out as the text does.
  const spans = useMemo(() => drawnSpans(doc?.spans ?? []), [doc?.spans]);
  const virtualizer = useVirtualizer({
    count: spans.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => SPAN_ROW_HEIGHT,
    overscan: 10,
    useFlushSync: false,
  });
  const selectedIndex = spans.findIndex((s) => s.id === selectedSpanId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  if (!doc || !offsets) return null;
  const surfaceOf = (span: SpanDto): string => {
    try {
      return offsets.sliceCp(span.startCp, Math.min(span.endCp, offsets.lengthCp));
    } catch {
      return '';
    }
  };
  return (
    <section className="span-section" aria-labelledby="spans-heading">
      <h3 id="spans-heading">
        Spans <span className="count">{spans.length}</span>
      </h3>
      {spans.length === 0 ? (
        <p className="hint">No spans yet in this document.</p>
      ) : (
        <div className="span-list-scroll" ref={scrollRef}>
          <ul className="span-list" aria-label="Spans in this document" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const span = spans[row.index] as SpanDto;
              const selected = span.id === selectedSpanId;
              return (
                <li key={span.id} className={selected ? 'span-row selected' : 'span-row'} style={{ height: row.size, transform: `translateY(${row.start}px)` }}>
                  <button
                    type="button"
                    aria-current={selected ? 'true' : undefined}
                    onClick={() => {
                      document.getSelection()?.removeAllRanges();
                      useDocumentStore.getState().setTextSelection(null);
                      useDocumentStore.getState().selectSpan(span.id);
                    }}
                  >
                    <SpanRow span={span} label={labels.get(span.label)} surface={surfaceOf(span)} selected={selected} />
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}

function NoteEditor({ span }: { readonly span: SpanDto }) {
  const [draft, setDraft] = useState(span.note ?? '');
  useEffect(() => setDraft(span.note ?? ''), [span.id, span.note]);
  return (
    <label className="note-editor">
      Note <span className="hint">(N; saved on Enter or when leaving the field)</span>
      <textarea
        id={NOTE_FIELD_ID}
        value={draft}
        rows={3}
        maxLength={10_000}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => void saveNote(span.id, draft)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            void saveNote(span.id, draft);
            // Back to the text, where the keys work on spans again.
            document.getElementById(DOCUMENT_TEXT_ID)?.focus();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            setDraft(span.note ?? '');
            document.getElementById(DOCUMENT_TEXT_ID)?.focus();
          }
        }}
      />
    </label>
  );
}

function SelectedSpan() {
  const span = useDocumentStore((s) => s.doc?.spans.find((x) => x.id === s.selectedSpanId) ?? null);
  const offsets = useDocumentStore((s) => s.offsets);
  const label = useLabelsStore((s) => (span ? s.byName.get(span.label) : undefined));
  if (!span || !offsets) return null;
  let surface = '';
  try {
    surface = offsets.sliceCp(span.startCp, Math.min(span.endCp, offsets.lengthCp));
  } catch {
    // A span beyond the text (should not happen) still shows its details.
  }
  return (
    <section className="selected-span" aria-labelledby="selected-span-heading">
      <h3 id="selected-span-heading">Selected span</h3>
      <p className="selected-surface">
        <span className="chip" style={{ '--label-color': label?.color ?? '#808080' } as CSSProperties}>
          {label?.displayName ?? span.label}
        </span>{' '}
        <q>{preview(surface)}</q>
      </p>
      <p className="hint">
        Code points {span.startCp}–{span.endCp}
        {span.annotator !== '' ? ` · by ${span.annotator}` : ''} · {spanStatusName(span.status)}
      </p>
      {span.recogniser !== null ? <p className="suggestion-source">{suggestionSource(span)}</p> : null}
      {span.status === 'suggested' ? (
        <div className="button-row decide-buttons">
          <button type="button" className="primary" onClick={() => void decideSelected('accepted')} aria-keyshortcuts="A Enter">
            Accept (A)
          </button>
          <button type="button" onClick={() => void decideSelected('rejected')} aria-keyshortcuts="X">
            Reject (X)
          </button>
        </div>
      ) : null}
      <ValueEditor span={span} />
      <EntityLink span={span} surface={surface} />
      <NoteEditor span={span} />
      <button type="button" className="danger" onClick={() => void deleteSelectedSpan()} aria-keyshortcuts="Delete">
        Delete span (Del)
      </button>
    </section>
  );
}

/** The right pane of the workbench. */
export function SidePanel() {
  const hasDoc = useDocumentStore((s) => s.doc !== null);
  return (
    <aside className="side-panel" aria-label="Labels and spans">
      <section aria-labelledby="labels-heading">
        <h3 id="labels-heading">Labels</h3>
        <LabelButtons />
        <SelectionPreview />
      </section>
      {hasDoc ? (
        <>
          <SelectedSpan />
          <SpanList />
        </>
      ) : null}
    </aside>
  );
}
