/**
 * What a long-running job is asked to do, as plain data: a request crosses into
 * the worker thread that runs it, so it holds no functions, only what
 * structured cloning carries.
 */
import type { SpanStatus } from '../../shared/model.js';
import type { DetectProgress, DetectReport, DetectSettings } from '../dedupe/detect.js';
import type { ExportFormat, ExportProgress, ExportReport } from '../export/export-project.js';
import type { ImportOptions, ImportProgress, ImportReport } from '../import/pipeline.js';
import type { SearchIndexStatus } from '../store/search-index.js';
import type { TagQueryProgress, TagQueryReport } from '../annotate/tag-query.js';
import type { DecideAllReport } from '../suggest/decide.js';
import type { SuggestProgress, SuggestReport } from '../suggest/run.js';
import type { SyncProgress, SyncReport } from '../team-client/sync-run.js';

/** Import settings a request may carry (the callbacks and the signal are the job's own). */
export type ImportSettings = Pick<
  ImportOptions,
  'encoding' | 'format' | 'textColumn' | 'annotator' | 'batchDocuments' | 'batchBytes' | 'deferSearchIndex' | 'readAheadWorkers'
>;

export interface ImportRequest {
  readonly kind: 'import';
  readonly paths: readonly string[];
  /** How staged uploads are named in reports: [staged path, name the browser sent]. */
  readonly displayNames?: readonly (readonly [string, string])[];
  readonly settings?: ImportSettings;
}

export interface DedupeRequest {
  readonly kind: 'dedupe';
  readonly settings?: Partial<DetectSettings>;
}

export interface SuggestRequest {
  readonly kind: 'suggest';
  readonly documentIds?: readonly number[];
  readonly labels?: readonly string[];
  /** Only documents with a larger id (those an import brought in). */
  readonly afterDocumentId?: number;
}

export interface ExportRequest {
  readonly kind: 'export';
  /** The file written (a folder for brat). */
  readonly path: string;
  readonly format: ExportFormat;
  readonly statuses: readonly SpanStatus[];
  readonly labels?: readonly string[];
  readonly annotators?: readonly string[];
  /** With annotators: only the documents assigned to them. */
  readonly assignedOnly?: boolean;
  readonly bom?: boolean;
}

export interface DecideRequest {
  readonly kind: 'decide';
  /** Only suggestions of this label; every label when omitted. */
  readonly label?: string;
  readonly status: 'accepted' | 'rejected';
  readonly annotator: string;
}

/** Tags every match of a search query with a label (tag from search). */
export interface TagRequest {
  readonly kind: 'tag';
  readonly query: string;
  readonly label: string;
  readonly annotator: string;
}

/** Pushes this project's changes to its team server and pulls the team's. */
export interface SyncRequest {
  readonly kind: 'sync';
}

/** Brings the search index up to date with the documents stored. */
export interface IndexRequest {
  readonly kind: 'index';
}

export type JobRequest = ImportRequest | DedupeRequest | SuggestRequest | ExportRequest | DecideRequest | TagRequest | IndexRequest | SyncRequest;
export type JobKind = JobRequest['kind'];

/** What each kind of job reports as it goes and when it ends. */
interface KindTypes {
  import: { progress: ImportProgress; report: ImportReport };
  dedupe: { progress: DetectProgress; report: DetectReport };
  suggest: { progress: SuggestProgress; report: SuggestReport };
  export: { progress: ExportProgress; report: ExportReport };
  decide: { progress: SuggestProgress; report: DecideAllReport };
  tag: { progress: TagQueryProgress; report: TagQueryReport };
  index: { progress: SearchIndexStatus; report: SearchIndexStatus };
  sync: { progress: SyncProgress; report: SyncReport };
}

export type ProgressOf<K extends JobKind> = KindTypes[K]['progress'];
export type ReportOf<K extends JobKind> = KindTypes[K]['report'];

/** How the one running a job steers it and hears from it. */
export interface JobControl<K extends JobKind> {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ProgressOf<K>) => void;
}
