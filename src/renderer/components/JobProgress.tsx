/** Progress of a job (import, export, duplicate detection, suggestions): a bar, files (or documents) and megabytes, the rate, and the outcome. */
import type { JobStateDto } from '../../shared/api.js';
import { assertNever } from '../../shared/model.js';
import { formatBytes } from '../features/import/read-files.js';
import type { TrackedJob } from '../stores/jobs-store.js';
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
    default:
      return assertNever(kind);
  }
}

function outcome(state: JobStateDto): string {
  switch (state.state) {
    case 'running':
      return runningText(state.kind);
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
  const seconds = Math.max(0.001, ((state.finishedAt ?? Date.now()) - state.startedAt) / 1000);
  const rate = state.bytesDone / seconds;
  const running = state.state === 'running';
  const byBytes = state.bytesTotal > 0;
  const max = byBytes ? state.bytesTotal : state.filesTotal;
  // Export and duplicate detection count documents in the files fields; an import counts files.
  const unit = state.kind === 'import' ? 'files' : 'documents';
  return (
    <div className="job">
      <ProgressBar
        label={label}
        value={state.state === 'done' ? max : byBytes ? state.bytesDone : state.filesDone}
        max={max}
        indeterminate={running && max === 0}
        text={`${state.filesDone} of ${state.filesTotal} ${unit}`}
      />
      <p className="job-figures">
        {state.filesDone}/{state.filesTotal} {unit}
        {state.bytesDone > 0 || state.bytesTotal > 0 ? (
          <>
            {' '}
            · {formatBytes(state.bytesDone)}
            {state.bytesTotal > 0 ? ` of ${formatBytes(state.bytesTotal)}` : ''} · {formatBytes(rate)}/s
          </>
        ) : null}
        {state.kind === 'import' ? ` · ${state.documentsImported} documents imported` : ''}
      </p>
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
