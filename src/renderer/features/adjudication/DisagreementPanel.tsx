/** The document on show in the Adjudication view: its progress, the disagreement being decided, and the decisions. */
import { useMemo } from 'react';
import type { AdjudicationDetailDto } from '../../../shared/api.js';
import type { OffsetMap } from '../../../shared/offsets.js';
import { useAdjudicationList, useAdjudicationStore } from '../../stores/adjudication-store.js';
import { acceptAgreed, moveDisagreement, rejectVersions } from './adjudication-commands.js';
import { ContextPassage } from './ContextPassage.js';
import { layoutDisagreement, progressText, versionAnnotators } from './disagreement-layout.js';
import { VersionColumns } from './VersionColumns.js';

function Header({ detail }: { readonly detail: AdjudicationDetailDto }) {
  return (
    <header className="adj-header">
      <div>
        <h2 id="adjudication-heading">{detail.title}</h2>
        <p className="doc-meta">
          <span role="status" aria-label="Progress in this document">
            {progressText(detail.disagreements)}
          </span>
          <span>{versionAnnotators(detail).join(', ')}</span>
        </p>
      </div>
      <div className="cluster-actions">
        <button type="button" onClick={() => void acceptAgreed()} aria-keyshortcuts="A" title="Copy every span the annotators agree on into the adjudicated result (A)">
          Accept all agreed spans <kbd aria-hidden="true">A</kbd>
        </button>
      </div>
    </header>
  );
}

function DisagreementNav({ detail, current }: { readonly detail: AdjudicationDetailDto; readonly current: number }) {
  const count = detail.disagreements.length;
  const settled = detail.disagreements[current]?.settled ?? false;
  return (
    <nav className="adj-nav" aria-label="Disagreements">
      <button type="button" onClick={() => moveDisagreement(-1)} disabled={current <= 0} aria-keyshortcuts="Shift+N">
        Previous disagreement
      </button>
      <h3 className="adj-position" id="disagreement-heading">
        Disagreement {current + 1} of {count} <span className={settled ? 'adj-state settled' : 'adj-state open'}>{settled ? 'Settled' : 'Open'}</span>
      </h3>
      <button type="button" onClick={() => moveDisagreement(1)} disabled={current >= count - 1} aria-keyshortcuts="N">
        Next disagreement <kbd aria-hidden="true">N</kbd>
      </button>
    </nav>
  );
}

function Disagreement({ detail, offsets, current }: { readonly detail: AdjudicationDetailDto; readonly offsets: OffsetMap; readonly current: number }) {
  const disagreement = detail.disagreements[current];
  const layout = useMemo(() => (disagreement ? layoutDisagreement(detail, disagreement) : null), [detail, disagreement]);
  if (!disagreement || !layout) return null;
  return (
    <section className="adj-disagreement" aria-labelledby="disagreement-heading">
      <DisagreementNav detail={detail} current={current} />
      <ContextPassage detail={detail} offsets={offsets} disagreement={disagreement} />
      <VersionColumns layout={layout} settled={disagreement.settled} text={detail.text} offsets={offsets} startCp={layout.startCp} endCp={layout.endCp} />
      <div className="cluster-actions adj-actions">
        <button type="button" onClick={() => void rejectVersions()} aria-keyshortcuts="0 X" title="No version stands: leave this place out of the result (0 or X)">
          None of these <kbd aria-hidden="true">0</kbd>
        </button>
        <span className="hint">
          <kbd>1</kbd>–<kbd>9</kbd> pick a version, <kbd>N</kbd>/<kbd>Shift+N</kbd> next/previous disagreement, <kbd>J</kbd>/<kbd>K</kbd> next/previous document
        </span>
      </div>
    </section>
  );
}

function NothingOnShow() {
  const loaded = useAdjudicationList((s) => s.loaded);
  const loading = useAdjudicationStore((s) => s.loading);
  if (loading || !loaded) {
    return (
      <div className="empty-state" role="status">
        <p>Loading…</p>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>No document chosen</h2>
      <p>
        When several annotators have tagged the same documents, the places where their spans differ are listed on the left. Pick one annotator’s version,
        none of them, or write your own; the result is kept under the annotator “adjudicated” and can be exported on its own.
      </p>
      <p className="hint">
        <kbd>J</kbd>/<kbd>K</kbd> move through documents, <kbd>?</kbd> lists every key.
      </p>
    </div>
  );
}

/** The right side of the Adjudication view. */
export function DisagreementPanel() {
  const detail = useAdjudicationStore((s) => s.detail);
  const offsets = useAdjudicationStore((s) => s.offsets);
  const current = useAdjudicationStore((s) => s.current);
  const loading = useAdjudicationStore((s) => s.loading);
  return (
    <section className="adj-detail" aria-labelledby={detail ? 'adjudication-heading' : undefined} aria-label={detail ? undefined : 'Document to adjudicate'} aria-busy={loading}>
      {detail && offsets ? (
        <>
          <Header detail={detail} />
          {detail.disagreements.length === 0 ? (
            <p className="empty-state">The annotators agree everywhere in this document.</p>
          ) : (
            <Disagreement detail={detail} offsets={offsets} current={current} />
          )}
        </>
      ) : (
        <NothingOnShow />
      )}
    </section>
  );
}
