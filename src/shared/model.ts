/**
 * The data model shared by every face of Marginalia (CLI, HTTP, Electron, UI).
 * Offsets here are always Unicode code points, end exclusive.
 */

export const SPAN_STATUSES = ['accepted', 'suggested', 'rejected'] as const;
export type SpanStatus = (typeof SPAN_STATUSES)[number];

export const NOISE_KINDS = ['spam_line', 'injected_char', 'boilerplate'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

/** Derived from spans and the done mark; never stored as such. */
export const DOCUMENT_STATUSES = ['not_started', 'in_progress', 'done'] as const;

export const DOCUMENT_SORTS = ['id', 'title', 'spans'] as const;
export const OCCURRENCE_SCOPES = ['document', 'corpus'] as const;

/** Marginalia's own formats, then those of other tools (docs/formats.md); `brat` writes a folder, `bundle` a zip file. */
export const EXPORT_FORMATS = ['jsonl', 'json', 'csv', 'doccano', 'spacy', 'labelstudio', 'webanno', 'brat', 'conll', 'bundle'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How far a duplicate cluster has been reviewed. */
export const DUPLICATE_STATUSES = ['suggested', 'confirmed', 'rejected'] as const;
export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];

/**
 * A cluster links passages (paragraphs), whole documents, sentences repeated
 * inside longer paragraphs, or a passage with the passages it is nearly
 * contained in (the shortest member is the one contained).
 */
export const DUPLICATE_KINDS = ['passage', 'document', 'sentence', 'contained'] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

/** Defaults of duplicate detection: Jaccard similarity of word shingles, and the shortest passage considered. */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.8;
export const DEFAULT_DUPLICATE_MIN_CHARS = 80;
/** Default share of the smaller passage's shingles the larger must hold for the smaller to count as contained in it. */
export const DEFAULT_DUPLICATE_CONTAINMENT = 0.8;

/**
 * The annotator whose spans are the adjudicated result of several annotators'
 * work: the Adjudication view writes under this name, exports can select it.
 */
export const ADJUDICATOR = 'adjudicated';

/** Why a span is suggested as a mention of an entity. */
export const ENTITY_LINK_REASONS = ['same_form', 'spelling_variant', 'acronym', 'known_alias'] as const;
export type EntityLinkReason = (typeof ENTITY_LINK_REASONS)[number];

export interface Entity {
  readonly id: number;
  readonly name: string;
  readonly label: string;
  readonly aliases: readonly string[];
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type Meta = Readonly<Record<string, JsonValue>>;

export interface Label {
  readonly name: string;
  readonly displayName: string;
  readonly color: string;
  readonly shortcutKey: string | null;
  /** Whether the label names things (a hospital, a person) that entities gather, rather than values (a date, a figure). */
  readonly namesThings: boolean;
}

export interface DocumentSummary {
  readonly id: number;
  readonly title: string;
  readonly source: string;
  readonly contentHash: string;
  readonly lengthCp: number;
  readonly importedAt: string;
}

export interface StoredDocument extends DocumentSummary {
  readonly text: string;
  readonly meta: Meta;
}

export interface Span {
  readonly id: number;
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
  readonly annotator: string;
  readonly status: SpanStatus;
  readonly entityId: number | null;
  readonly value: JsonValue | null;
  readonly note: string | null;
  /** The recogniser that proposed the span, or null for a span a person made. */
  readonly recogniser: string | null;
  /** How sure the recogniser was, 0–1, or null. */
  readonly confidence: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NoiseMark {
  readonly startCp: number;
  readonly endCp: number;
  readonly kind: NoiseKind;
}

/** Throws at compile time when a switch misses a case, and at run time if one slips through. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
