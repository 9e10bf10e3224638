/**
 * The one contract between the workbench and the Node side. Every operation the
 * UI can ask for is declared here once, with zod schemas for its input and
 * output; Electron IPC and browser mode's HTTP are two thin transports over the
 * same handler table, and both parse every input with these schemas.
 * Offsets are Unicode code points, end exclusive.
 */
import { z } from 'zod';
import { COLOR_PATTERN, LABEL_NAME_PATTERN } from './labels.js';
import { DOCUMENT_SORTS, DOCUMENT_STATUSES, EXPORT_FORMATS, NOISE_KINDS, OCCURRENCE_SCOPES, SPAN_STATUSES } from './model.js';

const Id = z.number().int().positive();
const OffsetCp = z.number().int().nonnegative();
const Empty = z.object({}).strict();

export const DocumentStatus = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const SpanStatus = z.enum(SPAN_STATUSES);

export const Label = z.object({
  name: z.string().regex(LABEL_NAME_PATTERN),
  displayName: z.string().min(1).max(60),
  color: z.string().regex(COLOR_PATTERN),
  shortcutKey: z.string().min(1).max(2).nullable(),
});
export type LabelDto = z.infer<typeof Label>;

const JsonValue: z.ZodType<unknown> = z.unknown();

export const Span = z.object({
  id: Id,
  documentId: Id,
  startCp: OffsetCp,
  endCp: OffsetCp,
  label: z.string(),
  annotator: z.string(),
  status: SpanStatus,
  entityId: Id.nullable(),
  value: JsonValue.nullable(),
  note: z.string().nullable(),
});
export type SpanDto = z.infer<typeof Span>;

export const NoiseMark = z.object({ startCp: OffsetCp, endCp: OffsetCp, kind: z.enum(NOISE_KINDS) });

export const DocumentListItem = z.object({
  id: Id,
  title: z.string(),
  status: DocumentStatus,
  spanCount: z.number().int().nonnegative(),
  noiseCount: z.number().int().nonnegative(),
  lengthCp: z.number().int().nonnegative(),
  /** Search hits only: a few words around the match, matched terms between \u0002 and \u0003. */
  snippet: z.string().optional(),
});
export type DocumentListItemDto = z.infer<typeof DocumentListItem>;

export const ListDocumentsInput = z.object({
  query: z.string().max(500).optional(),
  status: DocumentStatus.optional(),
  hasNoise: z.boolean().optional(),
  label: z.string().optional(),
  sort: z.enum(DOCUMENT_SORTS).default('id'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(500).default(100),
});
export type ListDocumentsInputDto = z.input<typeof ListDocumentsInput>;

export const DocumentPage = z.object({
  total: z.number().int().nonnegative(),
  items: z.array(DocumentListItem),
  /** Project-wide counts for the progress bar and filter badges. */
  counts: z.object({ all: z.number(), notStarted: z.number(), inProgress: z.number(), done: z.number() }),
});
export type DocumentPageDto = z.infer<typeof DocumentPage>;

export const DocumentDetail = z.object({
  id: Id,
  title: z.string(),
  source: z.string(),
  text: z.string(),
  meta: z.record(z.string(), JsonValue),
  status: DocumentStatus,
  spans: z.array(Span),
  noise: z.array(NoiseMark),
});
export type DocumentDetailDto = z.infer<typeof DocumentDetail>;

const Annotator = z.string().trim().min(1).max(80);

export const CreateSpanInput = z
  .object({ documentId: Id, startCp: OffsetCp, endCp: OffsetCp, label: z.string(), annotator: Annotator })
  .refine((s) => s.endCp > s.startCp, { message: 'endCp must be greater than startCp' });

export const UpdateSpanInput = z.object({
  id: Id,
  label: z.string().optional(),
  note: z.string().max(10_000).nullable().optional(),
});

export const OccurrencesInput = z.object({ documentId: Id, startCp: OffsetCp, endCp: OffsetCp, label: z.string() });
export const Occurrences = z.object({
  surface: z.string(),
  /** Untagged occurrences of the same surface form (whole words), other than the one given. */
  inDocument: z.number().int().nonnegative(),
  inCorpus: z.number().int().nonnegative(),
});

export const TagOccurrencesInput = OccurrencesInput.extend({ annotator: Annotator, scope: z.enum(OCCURRENCE_SCOPES) });

export const HistoryResult = z.object({
  /** False when there was nothing to undo or redo. */
  applied: z.boolean(),
  description: z.string().nullable(),
  /** The document the edit touched, so the UI can show it. */
  documentId: Id.nullable(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
});

export const CreateLabelInput = z.object({
  name: z.string().regex(LABEL_NAME_PATTERN),
  displayName: z.string().min(1).max(60).optional(),
  color: z.string().regex(COLOR_PATTERN).optional(),
  shortcutKey: z.string().min(1).max(2).nullable().optional(),
});
export const UpdateLabelInput = z.object({
  name: z.string(),
  displayName: z.string().min(1).max(60).optional(),
  color: z.string().regex(COLOR_PATTERN).optional(),
  shortcutKey: z.string().min(1).max(2).nullable().optional(),
});

export const ProjectInfo = z.object({
  path: z.string(),
  name: z.string(),
  documents: z.number().int().nonnegative(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** Electron shows native dialogs; browser mode uploads and downloads instead. */
  shell: z.enum(['electron', 'browser']),
});

export const ImportFilesInput = z.object({
  files: z
    .array(z.object({ name: z.string().min(1).max(500), contentBase64: z.string() }))
    .min(1)
    .max(10_000),
});
export const ImportPathsInput = z.object({ paths: z.array(z.string().min(1)).min(1).max(10_000) });

export const ImportProblem = z.object({ path: z.string(), line: z.number().int().optional(), reason: z.string() });
export const JobState = z.object({
  id: z.string(),
  kind: z.enum(['import', 'export']),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  filesDone: z.number(),
  filesTotal: z.number(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  documentsImported: z.number(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  summary: z.string().nullable(),
  rejected: z.array(ImportProblem),
  error: z.string().nullable(),
  outputPath: z.string().nullable(),
});
export type JobStateDto = z.infer<typeof JobState>;

export const ExportInput = z.object({
  format: z.enum(EXPORT_FORMATS),
  status: z.enum([...SPAN_STATUSES, 'all']).default('accepted'),
  labels: z.array(z.string()).optional(),
  bom: z.boolean().optional(),
  /** Where to write, on the machine running Marginalia. */
  path: z.string().min(1),
});

export const JobRef = z.object({ jobId: z.string() });

/** Every operation: its name, input schema and output schema. */
export const api = {
  'project:info': { input: Empty, output: ProjectInfo },
  'documents:list': { input: ListDocumentsInput, output: DocumentPage },
  'documents:get': { input: z.object({ id: Id }), output: DocumentDetail },
  'documents:setDone': { input: z.object({ id: Id, done: z.boolean() }), output: DocumentListItem },
  'spans:create': { input: CreateSpanInput, output: Span },
  'spans:update': { input: UpdateSpanInput, output: Span },
  'spans:delete': { input: z.object({ id: Id }), output: z.object({ id: Id }) },
  'spans:occurrences': { input: OccurrencesInput, output: Occurrences },
  'spans:tagOccurrences': { input: TagOccurrencesInput, output: z.object({ created: z.number().int() }) },
  'history:undo': { input: Empty, output: HistoryResult },
  'history:redo': { input: Empty, output: HistoryResult },
  'labels:list': { input: Empty, output: z.array(Label) },
  'labels:create': { input: CreateLabelInput, output: Label },
  'labels:update': { input: UpdateLabelInput, output: Label },
  'import:files': { input: ImportFilesInput, output: JobRef },
  'import:paths': { input: ImportPathsInput, output: JobRef },
  'export:start': { input: ExportInput, output: JobRef },
  'jobs:get': { input: JobRef, output: JobState },
  'jobs:cancel': { input: JobRef, output: JobState },
} as const;

export type Api = typeof api;
export type OperationName = keyof Api;
export type InputOf<N extends OperationName> = z.input<Api[N]['input']>;
export type OutputOf<N extends OperationName> = z.infer<Api[N]['output']>;

/** Errors cross the boundary as data, never as thrown exceptions. */
export type ApiError = { readonly code: 'invalid_input' | 'not_found' | 'conflict' | 'failed'; readonly message: string };
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/** True when `name` is an operation of the contract (transports check before dispatching). */
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}
