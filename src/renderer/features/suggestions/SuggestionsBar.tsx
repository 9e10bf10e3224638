/**
 * Above the text: how many suggestions the open document holds, buttons to
 * accept them all or all of one label, the Suggest buttons, and the progress and
 * outcome of the latest run.
 */
import { useMemo, type CSSProperties } from 'react';
import { assertNever } from '../../../shared/model.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { isRunning, useJobsStore, type TrackedJob } from '../../stores/jobs-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { acceptAll, acceptEverywhere, cancelAcceptEverywhere, cancelSuggestions, runSuggestions } from './suggestion-commands.js';
import { suggestionCounts } from './suggestion-order.js';

/** How a finished run went, in one line. */
function outcomeText(job: TrackedJob): string {
  const state = job.state;
  if (job.pollError !== null || state === null) return `Lost track of the run: ${job.pollError ?? 'no answer'}`;
  switch (state.state) {
    case 'running':
    case 'done':
      return state.summary ?? 'Done.';
    case 'failed':
      return `Proposing spans failed: ${state.error ?? 'unknown error'}`;
    case 'cancelled':
      return `Cancelled.${state.summary ? ` ${state.summary}` : ''}`;
    default:
      return assertNever(state.state);
  }
}

/** The suggestions bar of the open document. */
export function SuggestionsBar() {
  const spans = useDocumentStore((s) => s.doc?.spans);
  const labels = useLabelsStore((s) => s.labels);
  const byName = useLabelsStore((s) => s.byName);
  const job = useJobsStore((s) => s.suggest);
  const preparing = useJobsStore((s) => s.preparing.suggest);
  const counts = useMemo(() => suggestionCounts(spans ?? [], labels.map((label) => label.name)), [spans, labels]);
  const busy = preparing !== null || isRunning(job);
  const deciding = useJobsStore((s) => s.decide);
  const decidingBusy = useJobsStore((s) => s.preparing.decide !== null) || isRunning(deciding);
  // The label of the selected suggestion, if one is selected: "accept in the project" then means that label.
  const selectedLabel = useDocumentStore((s) => s.doc?.spans.find((span) => span.id === s.selectedSpanId && span.status === 'suggested')?.label);
  const selectedName = selectedLabel === undefined ? undefined : (byName.get(selectedLabel)?.displayName ?? selectedLabel);
  return (
    <div className="suggestions-bar" role="region" aria-label="Suggestions">
      <div className="suggestions-line">
        <p className="suggestions-count" aria-live="polite">
          {counts.total === 0 ? 'No suggestions to decide' : `${counts.total} ${counts.total === 1 ? 'suggestion' : 'suggestions'}:`}
        </p>
        {counts.total > 0 ? (
          <div className="suggestions-actions">
            <button type="button" onClick={() => void acceptAll()} aria-keyshortcuts="Shift+Enter" title="Accept every suggestion in this document (Shift+Enter)">
              Accept all
            </button>
            {counts.byLabel.map(({ label, count }) => {
              const known = byName.get(label);
              const name = known?.displayName ?? label;
              return (
                <button
                  key={label}
                  type="button"
                  className="accept-label"
                  style={{ '--label-color': known?.color ?? '#808080' } as CSSProperties}
                  onClick={() => void acceptAll(label)}
                  title={`Accept the ${count} ${name} ${count === 1 ? 'suggestion' : 'suggestions'} (Shift+A on one of them)`}
                >
                  Accept all {name} <span className="count">{count}</span>
                </button>
              );
            })}
            <button
              type="button"
              className="quiet"
              onClick={() => void acceptEverywhere(selectedLabel)}
              disabled={decidingBusy}
              title={
                selectedName === undefined
                  ? 'Accept every suggestion in every document (select a suggestion to accept only its label); asks first, with the count'
                  : `Accept every ${selectedName} suggestion in every document; asks first, with the count`
              }
            >
              {selectedName === undefined ? 'Accept everywhere…' : `Accept ${selectedName} everywhere…`}
            </button>
          </div>
        ) : null}
        <div className="suggest-buttons">
          <button type="button" onClick={() => void runSuggestions('document')} disabled={busy} aria-keyshortcuts="P" title="Propose spans for this document (P)">
            Suggest
          </button>
          <button type="button" className="quiet" onClick={() => void runSuggestions('project')} disabled={busy} aria-keyshortcuts="Shift+P" title="Propose spans for every document (Shift+P)">
            Suggest in all documents
          </button>
        </div>
      </div>
      {deciding && decidingBusy ? <JobProgress job={deciding} label="Accepting across the project" onCancel={() => void cancelAcceptEverywhere()} /> : null}
      {preparing !== null ? (
        <p className="job-status" role="status">
          {preparing.message}
        </p>
      ) : job && busy ? (
        <JobProgress job={job} label="Suggestion progress" onCancel={() => void cancelSuggestions()} />
      ) : job ? (
        // Once the run is over, one line says how it went, until dismissed.
        <p className={`suggest-outcome state-${job.state?.state ?? 'failed'}`}>
          <span role="status">{outcomeText(job)}</span>
          <button type="button" className="quiet" onClick={() => useJobsStore.getState().clear('suggest')} aria-label="Dismiss the outcome" title="Dismiss">
            ✕
          </button>
        </p>
      ) : null}
    </div>
  );
}
