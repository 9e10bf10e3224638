/** The "Find duplicates" button, and the progress and outcome of the run it started. */
import { JobProgress } from '../../components/JobProgress.js';
import { isRunning, useJobsStore } from '../../stores/jobs-store.js';
import { cancelFindDuplicates, findDuplicates } from './duplicate-commands.js';

/** Starts duplicate detection over the project and shows how it goes. */
export function FindDuplicatesBar() {
  const job = useJobsStore((s) => s.dedupe);
  const preparing = useJobsStore((s) => s.preparing.dedupe);
  const busy = preparing !== null || isRunning(job);
  return (
    <div className="find-duplicates">
      <button type="button" className="primary" onClick={() => void findDuplicates()} disabled={busy} title="Compare every passage of every document">
        Find duplicates
      </button>
      {preparing !== null ? (
        <p className="job-status" role="status">
          {preparing.message}
        </p>
      ) : job ? (
        <JobProgress job={job} label="Duplicate detection progress" onCancel={() => void cancelFindDuplicates()} />
      ) : null}
    </div>
  );
}
