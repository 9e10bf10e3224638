/** Progress of a job (import, export, duplicate detection, suggestions): a bar, files (or documents) and megabytes, the rate and time left, and the outcome. */
import type { JobStateDto } from '../../shared/api.js';
import { assertNever } from '../../shared/model.js';
import { formatBytes } from '../features/import/read-files.js';
import type { TrackedJob } from '../stores/jobs-store.js';
import { countOf, durationText, jobCount, jobPace, paceText } from './job-pace.js';
import { ProgressBar } from './ProgressBar.js';

function runningText(kind: JobStateDto['kind']): string {
  switch (kind) {
    case 'import':
      return 'Importing…';
    case 'export':
      return 'Exporting…';
    case 'dedupe':
      return 'Finding duplicates…';
    case 'suggest':
      return 'Proposing spans…';
    case 'decide':
      return 'Deciding suggestions across the project…';
    case 'tag':
      return 'Tagging the matches of the search…';
    case 'sync':
      return 'Syncing with the team server…';
    default:
      return assertNever(kind);
  }
}

function outcome(state: JobStateDto): string {
  switch (state.state) {
    case 'running':
      return state.phase === null ? runningText(state.kind) : `${runningText(state.kind)} (${state.phase})`;
    case 'done':
      return state.summary ?? 'Finished.';
    case 'failed':
      return `Failed: ${state.error ?? 'unknown error'}`;
    case 'cancelled':
      return `Cancelled.${state.summary ? ` ${state.summary}` : ''}`;
    default:
      return assertNever(state.state);
  }
}

/** "path[:line]: reason", the same form the command line prints. */
export function problemLine(problem: JobStateDto['rejected'][number]): string {
  return `${problem.path}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.reason}`;
}

/** A job's bar, figures, outcome, refused files and Cancel button. */
export function JobProgress({ job, onCancel, label }: { readonly job: TrackedJob; readonly onCancel: () => void; readonly label: string }) {
  const state = job.state;
  if (!state) {
    return (
      <p className="job-status" role="status">
        {job.pollError ?? 'Starting…'}
      </p>
    );
  }
  const running = state.state === 'running';
  const count = jobCount(state);
  const byBytes = count.unit === 'bytes';
  const max = count.total;
  const [one, many] = [state.unit, `${state.unit}s`];
  const pace = jobPace({
    done: count.done,
    total: count.total,
    fromDone: job.paceFrom?.done,
    fromAt: job.paceFrom?.at ?? state.startedAt,
    now: state.finishedAt ?? Date.now(),
  });
  // Once the job is over its time left means nothing, and a cancelled job's rate is no promise either.
  const paceShown = running ? pace : state.state === 'done' && pace ? { ...pace, secondsLeft: null } : null;
  const figures = [
    `${state.filesDone.toLocaleString('en')}/${countOf(state.filesTotal, one, many)}`,
    ...(state.bytesDone > 0 || state.bytesTotal > 0 ? [`${formatBytes(state.bytesDone)}${byBytes ? ` of ${formatBytes(state.bytesTotal)}` : ''}`] : []),
    paceText(paceShown, count.unit),
    state.kind === 'import' ? `${countOf(state.documentsImported, 'document', 'documents')} imported` : '',
  ].filter((part) => part !== '');
  return (
    <div className="job">
      <ProgressBar
        label={label}
        value={state.state === 'done' ? max : count.done}
        max={max}
        indeterminate={running && max === 0}
        text={`${state.filesDone} of ${countOf(state.filesTotal, one, many)}${running && pace?.secondsLeft != null ? `, ${durationText(pace.secondsLeft)} left` : ''}`}
      />
      <p className="job-figures">{figures.join(' · ')}</p>
      <p className={`job-status state-${state.state}`} role="status" aria-live="polite">
        {outcome(state)}
      </p>
      {job.pollError !== null ? <p className="job-status state-failed">Lost track of the job: {job.pollError}</p> : null}
      {state.outputPath !== null && state.state === 'done' ? (
        <p className="job-output">
          Written to <code>{state.outputPath}</code>
        </p>
      ) : null}
      {state.rejected.length > 0 ? (
        <details className="rejected" open={state.rejected.length <= 20}>
          <summary>
            {state.rejected.length} {state.rejected.length === 1 ? 'file or line was' : 'files or lines were'} refused
          </summary>
          <ul>
            {state.rejected.map((problem, i) => (
              <li key={i}>
                <code>{problemLine(problem)}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {running ? (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
