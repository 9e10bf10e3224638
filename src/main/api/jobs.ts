import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { JobStateDto } from '../../shared/api.js';
import type { SpanStatus } from '../../shared/model.js';
import { resolveSettings, type DetectReport, type DetectSettings } from '../dedupe/detect.js';
import { detectSummary } from '../dedupe/summary.js';
import { ConflictError, NotFoundError, messageOf } from '../errors.js';
import type { ExportFormat } from '../export/export-project.js';
import { formatPlace } from '../import/pipeline.js';
import { importSummary } from '../import/summary.js';
import type { JobControl, JobRequest, ReportOf } from '../jobs/job-request.js';
import { runJobInThread, type ProjectTarget } from '../jobs/job-thread.js';
import { readOnlyReason, type Db } from '../store/connection.js';
import { lastDocumentId } from '../store/documents.js';
import { projectSettings } from '../store/settings.js';
import { suggestSummary } from '../suggest/run.js';
import { tagQuerySummary } from '../annotate/tag-query.js';
import type { SearchIndexer } from './search-indexer.js';
import { plainCountOf } from '../../shared/plural.js';
import { syncSummary } from '../team-client/sync-summary.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type Job = Mutable<JobStateDto> & { readonly controller: AbortController };

/**
 * Long work (imports, exports, duplicate detection, suggestions) runs as jobs
 * the UI polls for progress and can cancel. Each job runs in a worker thread
 * with its own connection, so the thread that answers the UI stays free.
 */
export interface JobRegistry {
  get(id: string): JobStateDto;
  cancel(id: string): JobStateDto;
  /**
   * Imports, then checks the new documents for duplicates with the project's
   * last detection settings (the defaults at first), so imports made in the
   * workbench come with their duplicates linked; then, when the project's
   * settings ask for it, proposes suggestions for the new documents.
   */
  startImport(paths: readonly string[], options?: ImportJobOptions): string;
  startExport(options: ExportJobOptions): string;
  /** Detects duplicates among documents not checked yet; refused while another detection runs. */
  startDedupe(settings?: Partial<DetectSettings>): string;
  /** Proposes suggested spans (all documents and labels unless narrowed); inputs are checked by the caller. */
  startSuggest(input: { readonly documentIds?: readonly number[]; readonly labels?: readonly string[] }): string;
  /** Accepts or rejects every suggestion of a label (or all) across the corpus; the label is checked by the caller. */
  startDecideAll(input: { readonly label?: string; readonly status: 'accepted' | 'rejected'; readonly annotator: string }): string;
  /** Tags every match of a search query as a label (tag from search); the query and label are checked by the caller. */
  startTagQuery(input: { readonly query: string; readonly label: string; readonly annotator: string }): string;
  /** Syncs the project with its team server; while one sync runs, asking again follows it instead of starting another. */
  startSync(): string;
  /** Asks every running job to stop (before its project is closed). */
  cancelAll(): void;
  /** Resolves once no job is running (tests, and closing a project after cancelAll). */
  idle(): Promise<void>;
}

export interface ImportJobOptions {
  readonly displayNames?: ReadonlyMap<string, string>;
  readonly cleanup?: () => void;
  /**
   * Catches the search index up once the job ends, so the job finishes as soon
   * as the documents are stored; without one the import indexes them itself.
   */
  readonly searchIndexer?: SearchIndexer;
}

export interface ExportJobOptions {
  readonly format: ExportFormat;
  readonly statuses: readonly SpanStatus[];
  readonly labels?: readonly string[];
  readonly annotators?: readonly string[];
  /** With annotators: only the documents assigned to them. */
  readonly assignedOnly?: boolean;
  readonly bom?: boolean;
  readonly path: string;
}

/** Runs one job to its end: in a worker thread by default; in-process where threads are not wanted. */
export type JobRunner = <R extends JobRequest>(request: R, control: JobControl<R['kind']>) => Promise<ReportOf<R['kind']>>;

export interface JobRegistryOptions extends ProjectTarget {
  /** The project's connection on this thread, for the small reads that check a request before its job starts. */
  readonly db: Db;
  readonly runner?: JobRunner;
}

/** How many finished jobs are remembered for the UI to read. */
const KEEP_FINISHED = 50;

function snapshot(job: Job): JobStateDto {
  const { controller: _controller, ...state } = job;
  return { ...state, rejected: [...state.rejected] };
}

/** Creates the registry a process keeps for the jobs of one open project. */
export function createJobRegistry(options: JobRegistryOptions): JobRegistry {
  const { db } = options;
  const target: ProjectTarget = { dbPath: options.dbPath, nativeBinding: options.nativeBinding, writeGate: options.writeGate };
  const runner: JobRunner = options.runner ?? ((request, control) => runJobInThread(target, request, control));
  const jobs = new Map<string, Job>();
  const running = new Set<Promise<unknown>>();

  const create = (kind: Job['kind']): Job => {
    const job: Job = {
      id: randomUUID(),
      kind,
      state: 'running',
      phase: null,
      // An import counts files, a sync the changes it sends and receives; the rest count documents.
      unit: kind === 'import' ? 'file' : kind === 'sync' ? 'change' : 'document',
      filesDone: 0,
      filesTotal: 0,
      bytesDone: 0,
      bytesTotal: 0,
      documentsImported: 0,
      startedAt: Date.now(),
      finishedAt: null,
      summary: null,
      rejected: [],
      error: null,
      outputPath: null,
      controller: new AbortController(),
    };
    jobs.set(job.id, job);
    const finishedIds = [...jobs.values()].filter((j) => j.state !== 'running').map((j) => j.id);
    for (const id of finishedIds.slice(0, Math.max(0, finishedIds.length - KEEP_FINISHED))) jobs.delete(id);
    return job;
  };

  const finish = (job: Job, error?: unknown): void => {
    job.finishedAt = Date.now();
    if (error !== undefined) {
      job.state = 'failed';
      job.error = messageOf(error);
    } else if (job.controller.signal.aborted) {
      job.state = 'cancelled';
    } else {
      job.state = 'done';
    }
  };

  /** Runs a job's work and records how it ended; `idle()` waits for it. */
  const track = (job: Job, work: () => Promise<void>, after?: () => void): void => {
    const run = work()
      .then(() => finish(job))
      .catch((error: unknown) => finish(job, error))
      .finally(() => {
        running.delete(run);
        after?.();
      });
    running.add(run);
  };

  // One detection at a time: two would compare the same new documents and make the same clusters twice.
  let detecting = false;
  let detectionQueue: Promise<unknown> = Promise.resolve();
  const detect = (job: Job, settings: Partial<DetectSettings>, countDocuments: boolean): Promise<DetectReport> => {
    const run = detectionQueue.then(async () => {
      detecting = true;
      try {
        return await runner(
          { kind: 'dedupe', settings },
          {
            signal: job.controller.signal,
            onProgress: (p) => {
              // A detection job counts documents where an import counts files.
              if (!countDocuments) return;
              job.phase = p.phase;
              if (p.phase === 'fingerprinting') {
                job.filesDone = p.done;
                job.filesTotal = p.total;
              } else {
                job.filesDone = job.filesTotal;
              }
            },
          },
        );
      } finally {
        detecting = false;
      }
    });
    detectionQueue = run.catch(() => undefined);
    return run;
  };

  /** Jobs that write are refused up front in a project that cannot be written, rather than failing part-way. */
  const mustWrite = (): void => {
    const reason = readOnlyReason(db);
    if (reason !== null) throw new ConflictError(`This project is ${reason}.`);
  };

  const find = (id: string): Job => {
    const job = jobs.get(id);
    if (!job) throw new NotFoundError(`no job ${id}`);
    return job;
  };

  return {
    get: (id) => snapshot(find(id)),
    cancel(id) {
      const job = find(id);
      job.controller.abort();
      return snapshot(job);
    },
    cancelAll() {
      for (const job of jobs.values()) job.controller.abort();
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    startImport(paths, importOptions = {}) {
      mustWrite();
      const job = create('import');
      const { searchIndexer } = importOptions;
      track(
        job,
        async () => {
          // Documents get ever larger ids, so those after this one are the import's.
          const lastBefore = lastDocumentId(db);
          const report = await runner(
            {
              kind: 'import',
              paths,
              displayNames: importOptions.displayNames && [...importOptions.displayNames],
              settings: { deferSearchIndex: searchIndexer !== undefined },
            },
            { signal: job.controller.signal, onProgress: (p) => Object.assign(job, p) },
          );
          // The documents are committed: search can fill in while duplicates and suggestions run.
          searchIndexer?.kick();
          // The workbench shows the summary line: each warning goes in it, as the command line lists them apart.
          job.summary = [importSummary(report), ...report.warnings.map((warning) => `${formatPlace(warning)}: ${warning.reason}`)].join('; ');
          job.documentsImported = report.documentsImported;
          job.rejected = [...report.rejected];
          if (report.cancelled || job.controller.signal.aborted) return;
          try {
            job.summary += `; ${detectSummary(await detect(job, {}, false))}`;
          } catch (error) {
            // The import itself went in; say what went wrong with the check, and keep the job a success.
            job.summary += `; duplicate check failed: ${messageOf(error)}`;
          }
          if (job.controller.signal.aborted || report.documentsImported === 0 || !projectSettings(db).suggestAfterImport) return;
          try {
            const suggested = await runner({ kind: 'suggest', afterDocumentId: lastBefore }, { signal: job.controller.signal });
            job.summary += `; ${suggestSummary(suggested)}`;
          } catch (error) {
            job.summary += `; suggestions failed: ${messageOf(error)}`;
          }
        },
        () => {
          importOptions.cleanup?.();
          // Also after a cancelled or failed import: whatever it committed needs indexing.
          searchIndexer?.kick();
        },
      );
      return job.id;
    },
    startExport(exportOptions) {
      const job = create('export');
      track(job, async () => {
        const report = await runner(
          { kind: 'export', ...exportOptions },
          {
            signal: job.controller.signal,
            onProgress: (p) => {
              // An export counts documents where an import counts files.
              job.filesDone = p.documentsDone;
              job.filesTotal = p.documentsTotal;
            },
          },
        );
        if (report.cancelled) return;
        job.outputPath = exportOptions.path;
        job.summary = `exported ${plainCountOf(report.documents, 'document')} and ${plainCountOf(report.spans, 'span')} to ${exportOptions.path}`;
      });
      return job.id;
    },
    startDedupe(settings = {}) {
      mustWrite();
      if (detecting) throw new ConflictError('duplicate detection is already running; wait for it to finish');
      // Settings are checked before the job exists, so a bad value is an error of the request.
      resolveSettings(db, settings);
      const job = create('dedupe');
      track(job, async () => {
        job.summary = detectSummary(await detect(job, settings, true));
      });
      return job.id;
    },
    startDecideAll(input) {
      mustWrite();
      const job = create('decide');
      track(job, async () => {
        const report = await runner(
          { kind: 'decide', ...input },
          {
            signal: job.controller.signal,
            onProgress: (p) => {
              job.filesDone = p.documentsDone;
              job.filesTotal = p.documentsTotal;
            },
          },
        );
        const verb = input.status === 'accepted' ? 'accepted' : 'rejected';
        job.summary = `${verb} ${plainCountOf(report.changed, 'suggestion')} in ${plainCountOf(report.documents, 'document')}${report.cancelled ? ' before it was cancelled; undo takes them back' : ''}`;
      });
      return job.id;
    },
    startSync() {
      mustWrite();
      // Two syncs at once would push the same outbox batch twice (harmless, but wasted): follow the one running.
      const current = [...jobs.values()].find((job) => job.kind === 'sync' && job.state === 'running');
      if (current) return current.id;
      const job = create('sync');
      track(job, async () => {
        const report = await runner(
          { kind: 'sync' },
          {
            signal: job.controller.signal,
            onProgress: (p) => {
              // Each step counts anew: pushed changes, then pulled ones.
              job.phase = p.phase;
              job.filesDone = p.done;
              job.filesTotal = p.total ?? p.done;
            },
          },
        );
        job.summary = syncSummary(report);
      });
      return job.id;
    },
    startTagQuery(input) {
      mustWrite();
      const job = create('tag');
      track(job, async () => {
        const report = await runner(
          { kind: 'tag', ...input },
          {
            signal: job.controller.signal,
            onProgress: (p) => {
              job.filesDone = p.documentsDone;
              job.filesTotal = p.documentsTotal;
            },
          },
        );
        job.summary = `${tagQuerySummary(report).replace(/^tag/, 'tagged')}${report.cancelled ? ' before it was cancelled; undo takes them back' : ''}`;
      });
      return job.id;
    },
    startSuggest(input) {
      mustWrite();
      const job = create('suggest');
      track(job, async () => {
        const report = await runner(
          { kind: 'suggest', documentIds: input.documentIds, labels: input.labels },
          {
            signal: job.controller.signal,
            onProgress: (p) => {
              // A suggestion job counts documents where an import counts files.
              job.filesDone = p.documentsDone;
              job.filesTotal = p.documentsTotal;
            },
          },
        );
        job.summary = suggestSummary(report);
      });
      return job.id;
    },
  };
}

/**
 * Files uploaded from a browser (drag-and-drop) are written to a private
 * temporary folder under their own names, then imported like any other files.
 */
export function stageUploads(files: readonly { readonly name: string; readonly contentBase64: string }[]): {
  paths: string[];
  displayNames: Map<string, string>;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-upload-'));
  const paths: string[] = [];
  const displayNames = new Map<string, string>();
  files.forEach((file, index) => {
    // Only the base name is kept: an uploaded name must never reach outside the folder.
    const safe = basename(file.name.replaceAll('\\', '/')).replace(/^\.+/, '') || 'file';
    const path = join(dir, `${String(index).padStart(5, '0')}-${safe}`);
    writeFileSync(path, Buffer.from(file.contentBase64, 'base64'));
    paths.push(path);
    displayNames.set(path, file.name);
  });
  return { paths, displayNames, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
