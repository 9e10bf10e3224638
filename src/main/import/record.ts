import type { JsonValue, Label, Meta, SpanStatus } from '../../shared/model.js';

/** A span carried by an imported record (our own export, or another tool's). Code points. */
export interface ImportedSpan {
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
  readonly annotator?: string;
  readonly status?: SpanStatus;
  readonly value?: JsonValue | null;
  readonly note?: string | null;
  /** What proposed a suggested span (another tool's model version), and how sure it was (0–1). */
  readonly recogniser?: string | null;
  readonly confidence?: number | null;
  /** The canonical entity the span names; found or created by name under the span's label. */
  readonly entity?: ImportedEntity;
}

/** An entity as an export names it: ids belong to the exporting project, so names carry it. */
export interface ImportedEntity {
  readonly name: string;
  readonly aliases: readonly string[];
}

/** One document as a reader found it, before it touches the store. */
export interface ImportRecord {
  readonly kind: 'record';
  readonly title: string;
  /** Exactly as decoded: never trimmed or normalised. */
  readonly text: string;
  readonly meta: Meta;
  /** 1-based line (JSON lines, CSV) where the record starts, when the file holds many. */
  readonly line?: number;
  readonly spans?: readonly ImportedSpan[];
}

/** A part of a file that could not be read; the rest of the file still goes in. */
export interface RecordProblem {
  readonly kind: 'problem';
  readonly line?: number;
  readonly reason: string;
}

/** Labels a file declares (our json export carries the project's labels). */
export interface DeclaredLabels {
  readonly kind: 'labels';
  readonly labels: readonly Label[];
}

/**
 * Entities a file declares with their label (our json export lists every entity
 * of the project): restored even when no span of the file names them.
 */
export interface DeclaredEntityList {
  readonly kind: 'entities';
  readonly entities: readonly { readonly label: string; readonly entity: ImportedEntity }[];
}

export type ReaderItem = ImportRecord | RecordProblem | DeclaredLabels | DeclaredEntityList;

export interface ReaderOptions {
  /** CSV: the column holding the text (default `text`). */
  readonly textColumn?: string;
}

/**
 * Turns a decoded file into records. `fileName` is for titles and messages only.
 * A reader throws (with a clear reason) only when the whole file is unusable.
 */
export type Reader = (text: string, fileName: string, options: ReaderOptions) => Iterable<ReaderItem>;
