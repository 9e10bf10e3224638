/**
 * The one implementation of each long-running job. The workbench runs these in
 * a worker thread (job-thread.ts) with its own connection; the command line
 * runs the same functions, so there is one of each to test and benchmark.
 */
import { detectDuplicates } from '../dedupe/detect.js';
import { exportToFile } from '../export/export-file.js';
import { importPaths } from '../import/pipeline.js';
import type { Db } from '../store/connection.js';
import { catchUpSearchIndex } from '../store/search-index.js';
import { decideAllSuggestions } from '../suggest/decide.js';
import { tagQueryMatches } from '../annotate/tag-query.js';
import { suggestForDocuments } from '../suggest/run.js';
import { syncProject } from '../team-client/sync-run.js';
import { assertNever } from '../../shared/model.js';
import type { JobControl, JobRequest, ReportOf } from './job-request.js';

/**
 * Documents the search index takes per transaction in a job thread: a few
 * hundred milliseconds of holding the write lock at most, so the workbench's
 * edits wait little, while the index still merges few segments.
 */
const INDEX_CHUNK_DOCUMENTS = 2000;

/** Runs a job on `db` to its end (or until its signal stops it) and returns its report. */
export async function runJob<R extends JobRequest>(db: Db, request: R, control: JobControl<R['kind']> = {}): Promise<ReportOf<R['kind']>> {
  // Each branch returns the report of its own kind; TypeScript cannot narrow R through the switch.
  return (await runAny(db, request, control as JobControl<JobRequest['kind']>)) as ReportOf<R['kind']>;
}

async function runAny(db: Db, request: JobRequest, control: JobControl<JobRequest['kind']>): Promise<ReportOf<JobRequest['kind']>> {
  const { signal } = control;
  const onProgress = control.onProgress as ((progress: unknown) => void) | undefined;
  switch (request.kind) {
    case 'import': {
      const names = request.displayNames && new Map(request.displayNames);
      return importPaths(db, request.paths, {
        ...request.settings,
        displayName: names && ((path) => names.get(path) ?? path),
        signal,
        onProgress,
      });
    }
    case 'dedupe':
      return detectDuplicates(db, { ...request.settings, signal, onProgress });
    case 'suggest':
      return suggestForDocuments(db, {
        documentIds: request.documentIds,
        labels: request.labels,
        afterDocumentId: request.afterDocumentId,
        signal,
        onProgress,
      });
    case 'export':
      return exportToFile(db, request.path, {
        format: request.format,
        statuses: request.statuses,
        labels: request.labels,
        annotators: request.annotators,
        assignedOnly: request.assignedOnly,
        bom: request.bom,
        signal,
        onProgress,
      });
    case 'decide':
      return decideAllSuggestions(db, { label: request.label, status: request.status, annotator: request.annotator, signal, onProgress });
    case 'tag':
      return tagQueryMatches(db, { query: request.query, label: request.label, annotator: request.annotator, signal, onProgress });
    case 'index':
      return catchUpSearchIndex(db, { signal, onProgress, chunkDocuments: INDEX_CHUNK_DOCUMENTS });
    case 'sync':
      return syncProject(db, { signal, onProgress });
    default:
      return assertNever(request);
  }
}
