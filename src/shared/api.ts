/**
 * The one contract between the workbench and the Node side. Every operation the
 * UI can ask for is declared here once, with zod schemas for its input and
 * output; Electron IPC and browser mode's HTTP are two thin transports over the
 * same handler table, and both parse every input with these schemas.
 * Offsets are Unicode code points, end exclusive.
 */
import { z } from 'zod';
import { COLOR_PATTERN, LABEL_NAME_PATTERN } from './labels.js';
import {
  DOCUMENT_SORTS,
  DOCUMENT_STATUSES,
  DUPLICATE_KINDS,
  DUPLICATE_STATUSES,
  ENTITY_LINK_REASONS,
  EXPORT_FORMATS,
  NOISE_KINDS,
  OCCURRENCE_SCOPES,
  SPAN_STATUSES,
} from './model.js';

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
  /** Only labels that name things (HOSPITAL, PERSON, custom ones marked so) are linked to entities. */
  namesThings: z.boolean(),
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
  /** The recogniser that proposed the span (e.g. "date", "gazetteer"), or null for a span a person made. */
  recogniser: z.string().nullable(),
  /** The recogniser's confidence, 0–1, or null. */
  confidence: z.number().min(0).max(1).nullable(),
  /** A learnt form's suggestion in an opened document: how often its form was tagged or accepted, and rejected. */
  learntFrom: z.object({ accepted: z.number().int().nonnegative(), rejected: z.number().int().nonnegative() }).optional(),
});
export type SpanDto = z.infer<typeof Span>;

export const NoiseMark = z.object({ startCp: OffsetCp, endCp: OffsetCp, kind: z.enum(NOISE_KINDS) });

export const DocumentListItem = z.object({
  id: Id,
  title: z.string(),
  status: DocumentStatus,
  /** Accepted spans: suggestions are not yet anyone's work. */
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
  /** Whose progress the status filter, marks and counts follow ("done" is each annotator's own); anyone's when omitted. */
  annotator: z.string().trim().min(1).max(80).optional(),
  /** Only the documents assigned to the annotator. */
  queue: z.boolean().optional(),
});
export type ListDocumentsInputDto = z.input<typeof ListDocumentsInput>;

export const DocumentPage = z.object({
  total: z.number().int().nonnegative(),
  items: z.array(DocumentListItem),
  /** Project-wide counts for the progress bar and filter badges. */
  counts: z.object({ all: z.number(), notStarted: z.number(), inProgress: z.number(), done: z.number() }),
  /** Documents not searchable yet: after an import the search index catches up for a while, and a query misses these. */
  searchPending: z.number().int().nonnegative(),
});
export type DocumentPageDto = z.infer<typeof DocumentPage>;

export const DuplicateStatus = z.enum(DUPLICATE_STATUSES);
export const DuplicateKind = z.enum(DUPLICATE_KINDS);

/** A stretch of this document that has duplicates elsewhere (the gutter mark "also in N documents"). */
export const DuplicateMark = z.object({
  clusterId: Id,
  memberId: Id,
  kind: DuplicateKind,
  status: DuplicateStatus,
  startCp: OffsetCp,
  endCp: OffsetCp,
  /** Other documents in the cluster (0 when the repeats are all inside this document). */
  otherDocuments: z.number().int().nonnegative(),
  /** Other members of the cluster, in this document or others. */
  otherMembers: z.number().int().nonnegative(),
});
export type DuplicateMarkDto = z.infer<typeof DuplicateMark>;

export const DocumentDetail = z.object({
  id: Id,
  title: z.string(),
  source: z.string(),
  text: z.string(),
  meta: z.record(z.string(), JsonValue),
  status: DocumentStatus,
  spans: z.array(Span),
  noise: z.array(NoiseMark),
  duplicates: z.array(DuplicateMark),
  /** Whether the spans are only the annotator's own and the suggestions they have not decided (blind annotation). */
  blind: z.boolean(),
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
  /** The normalised value (a DATE's ISO 8601 string, a FIGURE's {value, unit}, …); null clears it. */
  value: JsonValue.nullable().optional(),
});

/** Accepting or rejecting suggested spans: by id, or every suggestion of a document (optionally of one label). */
export const DecideSpansInput = z.union([
  z.object({ ids: z.array(Id).min(1).max(100_000), status: z.enum(['accepted', 'rejected']), annotator: Annotator }),
  z.object({ documentId: Id, label: z.string().optional(), status: z.enum(['accepted', 'rejected']), annotator: Annotator }),
]);

/** Accept or reject every suggestion of a label (all labels when omitted) across the corpus, as a job. */
export const DecideAllInput = z.object({ label: z.string().optional(), status: z.enum(['accepted', 'rejected']), annotator: Annotator });

export const SuggestInput = z.object({
  documentIds: z.array(Id).max(1_000_000).optional(),
  labels: z.array(z.string()).optional(),
});

export const ProjectSettings = z.object({
  /** How numeric dates are read: day first (20/11/2025, the default) or month first. */
  dateOrder: z.enum(['day-first', 'month-first']),
  /** Whether an import proposes suggestions for the documents it brought in. */
  suggestAfterImport: z.boolean(),
  /**
   * Whether each annotator sees only their own spans and the suggestions they
   * have not decided; null (the default) turns it on once a second annotator exists.
   */
  blindAnnotation: z.boolean().nullable(),
});
export type ProjectSettingsDto = z.infer<typeof ProjectSettings>;

export const OccurrencesInput = z.object({ documentId: Id, startCp: OffsetCp, endCp: OffsetCp, label: z.string() });
export const Occurrences = z.object({
  surface: z.string(),
  /** Untagged occurrences of the same surface form (whole words), other than the one given. */
  inDocument: z.number().int().nonnegative(),
  inCorpus: z.number().int().nonnegative(),
  /** Documents the corpus-wide look did not cover because the search index has not caught up with them yet. */
  searchPending: z.number().int().nonnegative(),
});

/** The Learnt forms list: forms annotators tagged, accepted or rejected, per label. */
export const ListLearntFormsInput = z.object({
  label: z.string().optional(),
  /** Part of the form, any case. */
  contains: z.string().max(200).optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(500).default(200),
});
export const LearntForm = z.object({
  label: z.string(),
  surface: z.string(),
  /** Times tagged or accepted. */
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** Whether suggestion runs propose it everywhere: tagged or accepted at least twice and rejected no more often. */
  proposed: z.boolean(),
});
export type LearntFormDto = z.infer<typeof LearntForm>;
export const LearntFormPage = z.object({ total: z.number().int().nonnegative(), items: z.array(LearntForm) });
export const RemoveLearntFormInput = z.object({ label: z.string().min(1), surface: z.string().min(1).max(1000) });

export const TagOccurrencesInput = OccurrencesInput.extend({ annotator: Annotator, scope: z.enum(OCCURRENCE_SCOPES) });

/** Tag from search: the query's words, in order, are one phrase, tagged wherever they occur as whole words (any case). */
export const TagQueryInput = z.object({ query: z.string().trim().min(1).max(500), label: z.string().min(1) });
export const QueryPlace = z.object({
  documentId: Id,
  title: z.string(),
  startCp: OffsetCp,
  endCp: OffsetCp,
  /** A few words before and after the place (spacing folded), and the place's own text. */
  before: z.string(),
  match: z.string(),
  after: z.string(),
});
export type QueryPlaceDto = z.infer<typeof QueryPlace>;
export const TagQueryPreview = z.object({
  /** The phrase that will be tagged. */
  phrase: z.string(),
  /** Places that would be tagged, and the documents holding them. */
  places: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  /** Matches left alone: tagged with the label already (or overlapped by a span of it), or in noise. */
  alreadyTagged: z.number().int().nonnegative(),
  inNoise: z.number().int().nonnegative(),
  /** The first places, in document order. */
  sample: z.array(QueryPlace),
  /** Documents the search index has not caught up with yet: the query cannot see them. */
  searchPending: z.number().int().nonnegative(),
});
export type TagQueryPreviewDto = z.infer<typeof TagQueryPreview>;

/** The project's annotation guidelines (Markdown), or the built-in labels' rules while it has none. */
export const Guidelines = z.object({ text: z.string(), isDefault: z.boolean(), updatedAt: z.string().nullable() });
export type GuidelinesDto = z.infer<typeof Guidelines>;
/** New guidelines; null goes back to the built-in rules. */
export const UpdateGuidelinesInput = z.object({ text: z.string().max(200_000).nullable() });

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
  namesThings: z.boolean().optional(),
});
export const UpdateLabelInput = z.object({
  name: z.string(),
  displayName: z.string().min(1).max(60).optional(),
  color: z.string().regex(COLOR_PATTERN).optional(),
  shortcutKey: z.string().min(1).max(2).nullable().optional(),
  namesThings: z.boolean().optional(),
});

export const ProjectInfo = z.object({
  path: z.string(),
  name: z.string(),
  documents: z.number().int().nonnegative(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** Electron shows native dialogs; browser mode uploads and downloads instead. */
  shell: z.enum(['electron', 'browser']),
  /** Why edits are off (a read-only file, folder or disk), or null when the project can be edited. */
  readOnly: z.string().nullable(),
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
  kind: z.enum(['import', 'export', 'dedupe', 'suggest', 'decide', 'tag', 'sync']),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** The step under way, in words ("fingerprinting", "pulling"…); null for jobs of one step. */
  phase: z.string().nullable(),
  /** What filesDone and filesTotal count. */
  unit: z.enum(['file', 'document', 'change']),
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
  /** Only spans by these annotators (e.g. ["adjudicated"]); every annotator when omitted. */
  annotators: z.array(Annotator).min(1).max(1000).optional(),
  /** With annotators: only the documents assigned to them (an annotator's queue). */
  assignedOnly: z.boolean().optional(),
  /** Where to write, on the machine running Marginalia. */
  path: z.string().min(1),
});

export const JobRef = z.object({ jobId: z.string() });

// ── Duplicates ─────────────────────────────────────────────────────────────

export const DuplicateClusterSummary = z.object({
  id: Id,
  kind: DuplicateKind,
  status: DuplicateStatus,
  members: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  /** Lowest verified Jaccard similarity between a member and the cluster (1 for exact repeats). */
  similarity: z.number().min(0).max(1),
  /** The start of the first member's text, for lists. */
  preview: z.string(),
  /** Members added after the cluster was decided, still to be looked at. */
  pendingMembers: z.number().int().nonnegative(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type DuplicateClusterSummaryDto = z.infer<typeof DuplicateClusterSummary>;

/** An accepted span overlapping a member's passage, in code points of its document: what the member shows and what a transfer copies from. */
export const DuplicateMemberSpan = z.object({ id: Id, startCp: OffsetCp, endCp: OffsetCp, label: z.string(), status: SpanStatus });
export type DuplicateMemberSpanDto = z.infer<typeof DuplicateMemberSpan>;

export const DuplicateMember = z.object({
  id: Id,
  documentId: Id,
  documentTitle: z.string(),
  startCp: OffsetCp,
  endCp: OffsetCp,
  /** The member's text (the whole passage; for document clusters at most the first 20,000 code points). */
  text: z.string(),
  similarity: z.number().min(0).max(1),
  status: DuplicateStatus,
  spans: z.array(DuplicateMemberSpan),
});
export type DuplicateMemberDto = z.infer<typeof DuplicateMember>;

export const DuplicateCluster = DuplicateClusterSummary.extend({ memberList: z.array(DuplicateMember) });
export type DuplicateClusterDto = z.infer<typeof DuplicateCluster>;

export const ListDuplicatesInput = z.object({
  status: z.enum([...DUPLICATE_STATUSES, 'all']).default('suggested'),
  kind: DuplicateKind.optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(500).default(100),
});
export type ListDuplicatesInputDto = z.input<typeof ListDuplicatesInput>;

export const DuplicatePage = z.object({
  total: z.number().int().nonnegative(),
  /** Ranked by size, then similarity. */
  items: z.array(DuplicateClusterSummary),
  counts: z.object({ suggested: z.number(), confirmed: z.number(), rejected: z.number() }),
});

export const DetectDuplicatesInput = z.object({
  threshold: z.number().min(0.5).max(1).optional(),
  minChars: z.number().int().min(10).max(100_000).optional(),
  /** Share of a passage's shingles a longer passage must hold for it to be linked as contained in it. */
  containment: z.number().min(0.5).max(1).optional(),
});

export const DecideDuplicateInput = z.object({ id: Id, status: DuplicateStatus, annotator: Annotator });
export const SplitDuplicateInput = z.object({ id: Id, memberIds: z.array(Id).min(1), annotator: Annotator });

/** A span of one member offered to another member of a confirmed cluster, at the aligned offsets. */
export const SpanTransfer = z.object({
  fromSpanId: Id,
  documentId: Id,
  documentTitle: z.string(),
  startCp: OffsetCp,
  endCp: OffsetCp,
  label: z.string(),
  text: z.string(),
});
export type SpanTransferDto = z.infer<typeof SpanTransfer>;

/**
 * A cluster as one annotator sees it: with blind annotation, each member shows
 * only their spans, unless "show everyone's" is on.
 */
export const DuplicateClusterView = z.object({ id: Id, annotator: Annotator.optional(), everyone: z.boolean().optional() });

/** With blind annotation, the spans carried are the annotator's own. */
export const TransfersInput = z.object({ clusterId: Id, annotator: Annotator.optional() });

export const ApplyTransfersInput = z.object({
  clusterId: Id,
  annotator: Annotator,
  /** The offers to apply, as returned by duplicates:transfers; all of them when omitted. */
  offers: z.array(z.object({ fromSpanId: Id, documentId: Id, startCp: OffsetCp, endCp: OffsetCp })).optional(),
});

// ── Entities ───────────────────────────────────────────────────────────────

export const EntityName = z.string().trim().min(1).max(300);

export const EntitySummary = z.object({
  id: Id,
  name: z.string(),
  label: z.string(),
  aliases: z.array(z.string()),
  mentions: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
});
export type EntitySummaryDto = z.infer<typeof EntitySummary>;

export const EntityMention = z.object({
  spanId: Id,
  documentId: Id,
  documentTitle: z.string(),
  startCp: OffsetCp,
  endCp: OffsetCp,
  text: z.string(),
});

export const EntityDetail = EntitySummary.extend({ mentionList: z.array(EntityMention) });
export type EntityDetailDto = z.infer<typeof EntityDetail>;

export const ListEntitiesInput = z.object({
  label: z.string().optional(),
  query: z.string().max(300).optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(500).default(100),
});
export type ListEntitiesInputDto = z.input<typeof ListEntitiesInput>;

export const EntityPage = z.object({ total: z.number().int().nonnegative(), items: z.array(EntitySummary) });

export const CreateEntityInput = z.object({
  name: EntityName,
  label: z.string(),
  aliases: z.array(EntityName).max(1000).optional(),
  /** Spans to link to the new entity. */
  spanIds: z.array(Id).max(100_000).optional(),
});
export const UpdateEntityInput = z.object({ id: Id, name: EntityName.optional(), aliases: z.array(EntityName).max(1000).optional() });
export const MergeEntitiesInput = z.object({ targetId: Id, sourceIds: z.array(Id).min(1) });
export const SplitEntityInput = z.object({ id: Id, spanIds: z.array(Id).min(1), name: EntityName });
export const LinkSpansInput = z.object({ spanIds: z.array(Id).min(1).max(100_000), entityId: Id.nullable() });

/** Spans that look like mentions of one entity, and why. */
export const EntitySuggestion = z.object({
  /** Stable while the spans and entities it rests on do not change. */
  key: z.string(),
  reason: z.enum(ENTITY_LINK_REASONS),
  /** For a person: e.g. "same name without diacritics: Bach Mai / Bạch Mai". */
  explanation: z.string(),
  label: z.string(),
  /** The entity to link to; null when accepting creates one named `name`. */
  entityId: Id.nullable(),
  name: z.string(),
  spanIds: z.array(Id),
  /** The distinct surface forms among the spans. */
  surfaces: z.array(z.string()),
});
export type EntitySuggestionDto = z.infer<typeof EntitySuggestion>;

export const ListEntitySuggestionsInput = z.object({
  label: z.string().optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(500).default(100),
});
export const EntitySuggestionPage = z.object({ total: z.number().int().nonnegative(), items: z.array(EntitySuggestion) });
export const DecideSuggestionsInput = z.object({ keys: z.array(z.string().min(1)).min(1).max(10_000) });

// ── Teams: agreement and adjudication ─────────────────────────────────────

const Ratio = z.number().nullable();
const Count = z.number().int().nonnegative();

/** Cohen's κ on tokens, with p_o, p_e and the tokens behind it; null where undefined. */
export const KappaFigures = z.object({ items: Count, observedAgreement: Ratio, expectedAgreement: Ratio, kappa: Ratio });
/** Krippendorff's α (nominal, tokens as units), with D_o, D_e and the counts behind it. */
export const AlphaFigures = z.object({
  units: Count,
  pairableValues: z.number().nonnegative(),
  observedDisagreement: Ratio,
  expectedDisagreement: Ratio,
  alpha: Ratio,
});
/** Span counts of a pair (or summed over pairs) and the F1 they give. */
export const SpanAgreement = z.object({ spansA: Count, spansB: Count, exactMatches: Count, overlapMatches: Count, exactF1: Ratio, overlapF1: Ratio });
const AnnotatorPair = z.tuple([z.string(), z.string()]);
const LeftOutDocument = z.object({ documentId: Id, reason: z.string() });

export const PairAgreement = SpanAgreement.extend({
  annotators: AnnotatorPair,
  documents: Count,
  tokens: Count,
  kappa: KappaFigures,
  alpha: AlphaFigures,
  byLabel: z.array(SpanAgreement.extend({ label: z.string(), kappa: KappaFigures })),
});
export type PairAgreementDto = z.infer<typeof PairAgreement>;

export const DocumentAgreement = z.object({
  documentId: Id,
  title: z.string(),
  annotators: z.array(z.string()),
  tokens: Count,
  alpha: AlphaFigures,
  pairs: z.array(SpanAgreement.extend({ annotators: AnnotatorPair, kappa: KappaFigures })),
});
export type DocumentAgreementDto = z.infer<typeof DocumentAgreement>;

export const AgreementInput = z.object({
  /** Default: every annotator with a decided span, except the adjudicated result. */
  annotators: z.array(Annotator).min(2).max(100).optional(),
  labels: z.array(z.string()).max(1000).optional(),
  /** How many documents to list, lowest agreement first (the counts cover them all). */
  documentLimit: z.number().int().positive().max(5000).default(200),
});
export type AgreementInputDto = z.input<typeof AgreementInput>;

export const AgreementReport = z.object({
  annotators: z.array(z.string()),
  labels: z.array(z.string()),
  documentsCompared: Count,
  leftOut: z.array(LeftOutDocument),
  spans: SpanAgreement.extend({ byLabel: z.array(SpanAgreement.extend({ label: z.string() })) }),
  alpha: AlphaFigures.extend({ byLabel: z.array(AlphaFigures.extend({ label: z.string() })) }),
  pairs: z.array(PairAgreement),
  /** At most documentLimit documents, lowest α first. */
  documents: z.array(DocumentAgreement),
  /** Documents compared in all, listed or not. */
  documentsTotal: Count,
  /**
   * When the project assigns documents, agreement is measured where the design
   * says: documents assigned to two or more of the annotators (`assigned`) and
   * done by at least two of those (`done`). Null without assignments.
   */
  design: z.object({ assigned: Count, done: Count }).nullable(),
});
export type AgreementReportDto = z.infer<typeof AgreementReport>;

/**
 * An annotator of the project (listed, or only named on spans) with how many
 * spans of each status, their done marks and their queue.
 */
export const AnnotatorSummary = z.object({
  name: z.string(),
  /** A #rrggbb colour, or null for none chosen. */
  color: z.string().nullable(),
  /** Where the list shows them; null for a name only spans use. */
  position: z.number().int().nullable(),
  accepted: Count,
  suggested: Count,
  rejected: Count,
  documents: Count,
  done: Count,
  assigned: Count,
  /** Of the assigned documents, those marked done. */
  assignedDone: Count,
});
export type AnnotatorSummaryDto = z.infer<typeof AnnotatorSummary>;

export const CreateAnnotatorInput = z.object({ name: Annotator, color: z.string().regex(COLOR_PATTERN).nullable().optional() });
export const UpdateAnnotatorInput = z.object({
  name: Annotator,
  color: z.string().regex(COLOR_PATTERN).nullable().optional(),
  position: z.number().int().nonnegative().optional(),
});

/** Dealing documents out: to everyone, or a share each with some given to two (the overlap, drawn from the seed). */
export const AssignInput = z.object({
  annotators: z.array(Annotator).min(1).max(100),
  share: z.enum(['all', 'split']).default('split'),
  /** With `split`, the share of documents (0–1) given to two annotators. */
  overlap: z.number().min(0).max(1).default(0),
  seed: z.number().int().default(1),
  /** The documents to deal out; with neither this nor a filter, every document. */
  documentIds: z.array(Id).max(1_000_000).optional(),
  /** The documents a list filter or search finds (as documents:list reads them). */
  filter: z
    .object({ query: z.string().max(500).optional(), label: z.string().optional(), hasNoise: z.boolean().optional(), status: DocumentStatus.optional(), annotator: Annotator.optional() })
    .optional(),
  /** Take the chosen documents back from everyone first. */
  replace: z.boolean().default(false),
  /**
   * Deal only documents nobody is assigned (the first `unassignedLimit` of them in
   * document order, or all): so a lead's next deal needs no list of ids.
   */
  onlyUnassigned: z.boolean().default(false),
  unassignedLimit: z.number().int().positive().max(10_000_000).optional(),
});
export const AssignReport = z.object({
  documents: Count,
  assigned: Count,
  overlapping: Count,
  perAnnotator: z.array(z.object({ annotator: z.string(), documents: Count })),
});
export const ListAssignmentsInput = z.object({
  annotator: Annotator.optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(500).default(100),
});
export const AssignmentPage = z.object({
  total: Count,
  items: z.array(z.object({ documentId: Id, title: z.string(), annotators: z.array(z.string()) })),
});
export const AssignmentSummary = z.object({
  perAnnotator: z.array(z.object({ annotator: z.string(), assigned: Count, done: Count })),
  /** Documents by how many annotators have them. */
  byAnnotators: z.array(z.object({ annotators: z.number().int().positive(), documents: Count })),
  unassigned: Count,
});
export type AssignmentSummaryDto = z.infer<typeof AssignmentSummary>;
export const NextDocumentInput = z.object({
  annotator: Annotator,
  /** The document open now: the next one after it, going round to the start. */
  afterId: z.number().int().nonnegative().default(0),
  /** Only the documents assigned to the annotator. */
  queue: z.boolean().default(false),
});

export const ListAdjudicationInput = z.object({
  /** Default: everyone who accepted or rejected a span, except the adjudicated result. */
  annotators: z.array(Annotator).min(2).max(100).optional(),
  /** `open`: documents with a disagreement the adjudicated result does not yet settle. */
  status: z.enum(['open', 'settled', 'all']).default('open'),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(500).default(100),
});
export type ListAdjudicationInputDto = z.input<typeof ListAdjudicationInput>;

export const AdjudicationDocument = z.object({
  documentId: Id,
  title: z.string(),
  /** Annotators of this document: they accepted or rejected a span in it. */
  annotators: z.array(z.string()),
  disagreements: Count,
  /** Disagreements not yet settled by an adjudicated span (accepted or rejected) over them. */
  open: Count,
});
export type AdjudicationDocumentDto = z.infer<typeof AdjudicationDocument>;

export const AdjudicationPage = z.object({
  total: Count,
  items: z.array(AdjudicationDocument),
  counts: z.object({ open: Count, settled: Count }),
});

/**
 * A place where the annotators differ: a group of their spans linked by overlap,
 * where not every annotator of the document has the same spans.
 */
export const Disagreement = z.object({
  startCp: OffsetCp,
  endCp: OffsetCp,
  /** The annotators' accepted spans in the group (never the adjudicated ones). */
  spanIds: z.array(Id),
  /** Adjudicated spans (accepted or rejected) overlapping the group. */
  adjudicatedSpanIds: z.array(Id),
  settled: z.boolean(),
});
export type DisagreementDto = z.infer<typeof Disagreement>;

export const AdjudicationDetail = z.object({
  documentId: Id,
  title: z.string(),
  text: z.string(),
  annotators: z.array(z.string()),
  /** Accepted spans of each annotator, and the adjudicated spans (accepted and rejected). */
  spans: z.array(Span),
  disagreements: z.array(Disagreement),
});
export type AdjudicationDetailDto = z.infer<typeof AdjudicationDetail>;

/**
 * Settling: copy annotators' spans into the adjudicated result (`accept`), or
 * record that none of them stands (`reject`: each is copied as a rejected
 * adjudicated span, so the place counts as settled and exports leave it out).
 */
export const AdjudicateInput = z.object({
  spanIds: z.array(Id).min(1).max(10_000),
  decision: z.enum(['accept', 'reject']),
  /** Adjudicated spans an earlier decision left that this one replaces: deleted in the same undo step. */
  replaces: z.array(Id).max(10_000).optional(),
});
export const AdjudicateAgreedInput = z.object({ documentId: Id, annotators: z.array(Annotator).min(2).max(100).optional() });

// ── Overview ───────────────────────────────────────────────────────────────

export const Overview = z.object({
  spansPerLabel: z.array(z.object({ label: z.string(), accepted: Count, suggested: Count, rejected: Count })),
  /** Documents marked done per day (UTC), with the running total: a document counts on the day its first annotator finished it. */
  documentsDone: z.array(z.object({ day: z.string(), done: Count, cumulative: Count })),
  /** Each annotator's done marks per day with the running total, their queue, and documents per hour (null until a day has two marks). */
  annotatorProgress: z.array(
    z.object({
      annotator: z.string(),
      done: Count,
      assigned: Count,
      documentsPerHour: z.number().nonnegative().nullable(),
      days: z.array(z.object({ day: z.string(), done: Count, cumulative: Count })),
    }),
  ),
  /** Distribution of accepted spans per document: documents with `spans` in [min, max]. */
  spansPerDocument: z.array(z.object({ min: Count, max: Count, documents: Count })),
  /** The most mentioned entities of each label (at most 10 each). */
  topEntities: z.array(z.object({ label: z.string(), entities: z.array(z.object({ id: Id, name: z.string(), mentions: Count })) })),
  /** Pairwise agreement, for the heat map; null with fewer than two annotators. */
  agreement: z
    .object({
      annotators: z.array(z.string()),
      pairs: z.array(z.object({ a: z.string(), b: z.string(), kappa: Ratio, exactF1: Ratio, documents: Count })),
    })
    .nullable(),
  /** Duplicate clusters (not rejected) by member count. */
  duplicateClusters: z.array(z.object({ size: z.number().int().positive(), clusters: Count })),
});
export type OverviewDto = z.infer<typeof Overview>;

// ── Team sync ──────────────────────────────────────────────────────────────

/** Whether this project syncs with a team server, and how it stands, for the header's Sync button. */
export const SyncStatus = z.object({
  joined: z.boolean(),
  serverUrl: z.string().nullable(),
  /** The team member this laptop works as, and their role. */
  member: z.string().nullable(),
  role: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
  /** Changes made here that the server has not received yet. */
  waiting: Count,
  /** Changes kept here because the server would refuse them (the role may not make them), with the first reason. */
  setAside: Count,
  setAsideReason: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Shared decisions (labels, entities, assignments…) others changed that this laptop has not shown yet. */
  changedByOthers: Count,
});
export type SyncStatusDto = z.infer<typeof SyncStatus>;

export const ChangedByOthers = z.object({
  items: z.array(z.object({ kind: z.string(), key: z.string(), author: z.string(), changedAt: z.string(), summary: z.string() })),
});

/** Every operation: its name, input schema and output schema. */
export const api = {
  'project:info': { input: Empty, output: ProjectInfo },
  'documents:list': { input: ListDocumentsInput, output: DocumentPage },
  'documents:get': {
    input: z.object({ id: Id, annotator: Annotator.optional(), everyone: z.boolean().optional() }),
    output: DocumentDetail,
  },
  'documents:setDone': { input: z.object({ id: Id, done: z.boolean(), annotator: Annotator }), output: DocumentListItem },
  'documents:next': { input: NextDocumentInput, output: z.object({ id: Id.nullable() }) },
  'spans:create': { input: CreateSpanInput, output: Span },
  'spans:update': { input: UpdateSpanInput, output: Span },
  'spans:delete': { input: z.object({ id: Id }), output: z.object({ id: Id }) },
  'spans:occurrences': { input: OccurrencesInput, output: Occurrences },
  'spans:tagOccurrences': { input: TagOccurrencesInput, output: z.object({ created: z.number().int() }) },
  'spans:decide': { input: DecideSpansInput, output: z.object({ changed: z.number().int().nonnegative() }) },
  'search:tagPreview': { input: TagQueryInput, output: TagQueryPreview },
  'search:tag': { input: TagQueryInput.extend({ annotator: Annotator }), output: JobRef },
  'suggestions:run': { input: SuggestInput, output: JobRef },
  'suggestions:decideAll': { input: DecideAllInput, output: JobRef },
  'learntForms:list': { input: ListLearntFormsInput, output: LearntFormPage },
  'learntForms:remove': { input: RemoveLearntFormInput, output: z.object({ removed: z.literal(true) }) },
  'settings:get': { input: Empty, output: ProjectSettings },
  'settings:update': { input: ProjectSettings.partial(), output: ProjectSettings },
  'guidelines:get': { input: Empty, output: Guidelines },
  'guidelines:update': { input: UpdateGuidelinesInput, output: Guidelines },
  'history:undo': { input: Empty, output: HistoryResult },
  'history:redo': { input: Empty, output: HistoryResult },
  'labels:list': { input: Empty, output: z.array(Label) },
  'labels:create': { input: CreateLabelInput, output: Label },
  'labels:update': { input: UpdateLabelInput, output: Label },
  'import:files': { input: ImportFilesInput, output: JobRef },
  'import:paths': { input: ImportPathsInput, output: JobRef },
  'export:start': { input: ExportInput, output: JobRef },
  'duplicates:list': { input: ListDuplicatesInput, output: DuplicatePage },
  'duplicates:get': { input: DuplicateClusterView, output: DuplicateCluster },
  'duplicates:detect': { input: DetectDuplicatesInput, output: JobRef },
  'duplicates:decide': { input: DecideDuplicateInput, output: DuplicateClusterSummary },
  'duplicates:split': { input: SplitDuplicateInput, output: z.object({ kept: DuplicateClusterSummary, created: DuplicateClusterSummary }) },
  'duplicates:transfers': { input: TransfersInput, output: z.array(SpanTransfer) },
  'duplicates:applyTransfers': { input: ApplyTransfersInput, output: z.object({ created: z.number().int().nonnegative() }) },
  'entities:list': { input: ListEntitiesInput, output: EntityPage },
  'entities:get': { input: z.object({ id: Id }), output: EntityDetail },
  'entities:create': { input: CreateEntityInput, output: EntitySummary },
  'entities:update': { input: UpdateEntityInput, output: EntitySummary },
  'entities:merge': { input: MergeEntitiesInput, output: EntitySummary },
  'entities:split': { input: SplitEntityInput, output: z.object({ kept: EntitySummary, created: EntitySummary }) },
  'entities:link': { input: LinkSpansInput, output: z.object({ linked: z.number().int().nonnegative() }) },
  'entities:suggestions': { input: ListEntitySuggestionsInput, output: EntitySuggestionPage },
  'entities:acceptSuggestions': { input: DecideSuggestionsInput, output: z.object({ linked: z.number().int(), created: z.number().int() }) },
  'entities:rejectSuggestions': { input: DecideSuggestionsInput, output: z.object({ rejected: z.number().int() }) },
  'annotators:list': { input: Empty, output: z.array(AnnotatorSummary) },
  'annotators:create': { input: CreateAnnotatorInput, output: AnnotatorSummary },
  'annotators:update': { input: UpdateAnnotatorInput, output: AnnotatorSummary },
  'assignments:make': { input: AssignInput, output: AssignReport },
  'assignments:list': { input: ListAssignmentsInput, output: AssignmentPage },
  'assignments:summary': { input: Empty, output: AssignmentSummary },
  'agreement:measure': { input: AgreementInput, output: AgreementReport },
  'adjudication:list': { input: ListAdjudicationInput, output: AdjudicationPage },
  'adjudication:get': { input: z.object({ documentId: Id, annotators: z.array(Annotator).min(2).max(100).optional() }), output: AdjudicationDetail },
  'adjudication:decide': { input: AdjudicateInput, output: z.object({ created: Count }) },
  'adjudication:acceptAgreed': { input: AdjudicateAgreedInput, output: z.object({ created: Count }) },
  'overview:get': { input: Empty, output: Overview },
  'sync:status': { input: Empty, output: SyncStatus },
  'sync:run': { input: Empty, output: JobRef },
  'sync:changedByOthers': { input: z.object({ markSeen: z.boolean().optional() }), output: ChangedByOthers },
  'jobs:get': { input: JobRef, output: JobState },
  'jobs:cancel': { input: JobRef, output: JobState },
} as const;

export type Api = typeof api;
export type OperationName = keyof Api;
export type InputOf<N extends OperationName> = z.input<Api[N]['input']>;
export type OutputOf<N extends OperationName> = z.infer<Api[N]['output']>;

/** Errors cross the boundary as data, never as thrown exceptions. */
/**
 * Why an operation was refused. `invalid_input`: the input does not fit the
 * contract; `unknown_operation`: no such operation; `not_found`: what it names
 * does not exist; `conflict`: it clashes with what is stored (or the project is
 * read-only); `failed`: the project refused it for a reason the message gives;
 * `internal`: a fault of Marginalia's own, logged where it ran.
 */
export type ApiErrorCode = 'invalid_input' | 'unknown_operation' | 'not_found' | 'conflict' | 'failed' | 'internal';
export type ApiError = { readonly code: ApiErrorCode; readonly message: string };
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

/** True when `name` is an operation of the contract (transports check before dispatching). */
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}
