/**
 * The versions of one disagreement side by side: a column per annotator with
 * the disputed text marked as they tagged it and their spans listed, and the
 * column "Adjudicated" with what is decided, where a span's label can be
 * changed or the span deleted.
 */
import type { CSSProperties } from 'react';
import type { LabelDto, SpanDto } from '../../../shared/api.js';
import type { OffsetMap } from '../../../shared/offsets.js';
import { useAdjudicationStore } from '../../stores/adjudication-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { deleteAdjudicatedSpan, pickVersion, relabelSpan } from './adjudication-commands.js';
import { markPieces, type DisagreementLayout, type VersionColumn } from './disagreement-layout.js';

function labelStyle(label: LabelDto | undefined): CSSProperties {
  return { '--label-color': label?.color ?? '#808080' } as CSSProperties;
}

/** The disputed stretch of text with `spans` marked in their label colours. */
function MarkedText({ text, offsets, startCp, endCp, spans }: { text: string; offsets: OffsetMap; startCp: number; endCp: number; spans: readonly SpanDto[] }) {
  const labels = useLabelsStore((s) => s.byName);
  return (
    <p className="adj-marked">
      {markPieces(startCp, endCp, spans).map((piece) => {
        const part = text.slice(offsets.toU16(piece.startCp), offsets.toU16(piece.endCp));
        const span = piece.spans[0];
        if (!span) return <span key={piece.startCp}>{part}</span>;
        return (
          <mark key={piece.startCp} className="span" data-label={span.label} style={labelStyle(labels.get(span.label))}>
            {part}
          </mark>
        );
      })}
    </p>
  );
}

/** A span as a chip with its label and its text. */
function SpanLine({ span, offsets }: { readonly span: SpanDto; readonly offsets: OffsetMap }) {
  const label = useLabelsStore((s) => s.byName.get(span.label));
  return (
    <>
      <span className="chip" style={labelStyle(label)}>
        {label?.displayName ?? span.label}
      </span>{' '}
      <span className="adj-span-text">“{offsets.sliceCp(span.startCp, span.endCp)}”</span>
    </>
  );
}

interface ColumnProps {
  readonly text: string;
  readonly offsets: OffsetMap;
  readonly startCp: number;
  readonly endCp: number;
}

function AnnotatorColumn({ version, index, ...where }: ColumnProps & { readonly version: VersionColumn; readonly index: number }) {
  const key = index < 9 ? String(index + 1) : null;
  return (
    <article className="adj-column" aria-label={`${version.annotator}’s version`}>
      <header className="adj-column-header">
        <h4>{version.annotator}</h4>
        {version.sameAs.length > 0 ? <p className="hint">Same as {version.sameAs.join(', ')}</p> : null}
      </header>
      <MarkedText {...where} spans={version.spans} />
      {version.spans.length > 0 ? (
        <ul className="adj-spans" aria-label={`Spans of ${version.annotator}`}>
          {version.spans.map((span) => (
            <li key={span.id}>
              <SpanLine span={span} offsets={where.offsets} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">No span here</p>
      )}
      <button type="button" className="adj-pick" onClick={() => void pickVersion(index)} aria-keyshortcuts={key ?? undefined} title={key ? `Keep this version (${key})` : 'Keep this version'}>
        Pick {version.annotator}’s version {key ? <kbd aria-hidden="true">{key}</kbd> : null}
      </button>
    </article>
  );
}

/** An adjudicated span: choosing it offers its label for a change, and deletion. */
function DecidedSpan({ span, offsets }: { readonly span: SpanDto; readonly offsets: OffsetMap }) {
  const selected = useAdjudicationStore((s) => s.selectedSpanId === span.id);
  const labels = useLabelsStore((s) => s.labels);
  const text = offsets.sliceCp(span.startCp, span.endCp);
  return (
    <li className={selected ? 'adj-decided-span selected' : 'adj-decided-span'}>
      <button
        type="button"
        className="quiet adj-choose"
        aria-pressed={selected}
        onClick={() => useAdjudicationStore.getState().selectSpan(selected ? null : span.id)}
        title="Choose it to change its label (a label key) or delete it (Delete)"
      >
        <SpanLine span={span} offsets={offsets} />
      </button>
      {selected ? (
        <span className="adj-edit">
          <select
            aria-label={`Label of “${text}”`}
            value={span.label}
            onChange={(event) => {
              const label = labels.find((l) => l.name === event.target.value);
              if (label) void relabelSpan(span.id, label);
            }}
          >
            {labels.map((label) => (
              <option key={label.name} value={label.name}>
                {label.displayName}
              </option>
            ))}
          </select>
          <button type="button" className="danger" onClick={() => void deleteAdjudicatedSpan(span.id)} aria-keyshortcuts="Delete">
            Delete
          </button>
        </span>
      ) : null}
    </li>
  );
}

function AdjudicatedColumnView({ layout, settled, ...where }: ColumnProps & { readonly layout: DisagreementLayout; readonly settled: boolean }) {
  const { accepted, rejected } = layout.adjudicated;
  const chosen = useAdjudicationStore((s) => s.selectedSpanId !== null && accepted.some((span) => span.id === s.selectedSpanId));
  return (
    <article className="adj-column adj-result" aria-label="Adjudicated">
      <header className="adj-column-header">
        <h4>Adjudicated</h4>
        <p className={settled ? 'adj-state settled' : 'adj-state open'}>{settled ? 'Settled' : 'Open'}</p>
      </header>
      <MarkedText {...where} spans={accepted} />
      {accepted.length > 0 ? (
        <ul className="adj-spans" aria-label="Adjudicated spans">
          {accepted.map((span) => (
            <DecidedSpan key={span.id} span={span} offsets={where.offsets} />
          ))}
        </ul>
      ) : null}
      {rejected.length > 0 ? (
        <ul className="adj-spans adj-rejected" aria-label="Turned down">
          {rejected.map((span) => (
            <li key={span.id}>
              <del>
                <SpanLine span={span} offsets={where.offsets} />
              </del>
            </li>
          ))}
        </ul>
      ) : null}
      {accepted.length > 0 ? (
        <p className="hint adj-edit-hint">
          {chosen ? (
            <>
              A label key changes its label, <kbd>Delete</kbd> removes it, <kbd>Esc</kbd> lets go
            </>
          ) : (
            <>
              <kbd>]</kbd>/<kbd>[</kbd> or a click chooses a span to edit
            </>
          )}
        </p>
      ) : null}
      {accepted.length === 0 && rejected.length === 0 ? <p className="hint">Nothing decided yet</p> : null}
      {accepted.length === 0 && rejected.length > 0 ? <p className="hint">None of the versions stands</p> : null}
    </article>
  );
}

/** The group "Versions": one column per annotator, then the adjudicated column. */
export function VersionColumns({ layout, settled, ...where }: ColumnProps & { readonly layout: DisagreementLayout; readonly settled: boolean }) {
  return (
    <div className="adj-columns" role="group" aria-label="Versions">
      {layout.versions.map((version, index) => (
        <AnnotatorColumn key={version.annotator} version={version} index={index} {...where} />
      ))}
      <AdjudicatedColumnView layout={layout} settled={settled} {...where} />
    </div>
  );
}
