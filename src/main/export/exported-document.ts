import type { JsonValue, Meta, NoiseKind, NoiseMark, Span, SpanStatus, StoredDocument } from '../../shared/model.js';
import { OffsetMap } from '../../shared/offsets.js';

/** A span as every Marginalia export writes it. Offsets are code points, end exclusive. */
export interface ExportedSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly text: string;
  readonly status: SpanStatus;
  readonly annotator: string;
  readonly entity: number | null;
  readonly value: JsonValue | null;
  readonly note: string | null;
}

export interface ExportedNoise {
  readonly start: number;
  readonly end: number;
  readonly kind: NoiseKind;
  readonly text: string;
}

/** A document as a jsonl line, or an entry of the json export's `documents`. */
export interface ExportedDocument {
  readonly id: number;
  readonly title: string;
  readonly text: string;
  readonly meta: Meta;
  readonly spans: readonly ExportedSpan[];
  readonly noise: readonly ExportedNoise[];
}

/** Builds the exported form of a document: the one place where exported spans get their text. */
export function toExportedDocument(
  doc: StoredDocument,
  spans: readonly Span[],
  noise: readonly NoiseMark[],
  offsets: OffsetMap = new OffsetMap(doc.text),
): ExportedDocument {
  return {
    id: doc.id,
    title: doc.title,
    text: doc.text,
    meta: doc.meta,
    spans: spans.map((span) => ({
      start: span.startCp,
      end: span.endCp,
      label: span.label,
      text: offsets.sliceCp(span.startCp, span.endCp),
      status: span.status,
      annotator: span.annotator,
      entity: span.entityId,
      value: span.value,
      note: span.note,
    })),
    noise: noise.map((mark) => ({
      start: mark.startCp,
      end: mark.endCp,
      kind: mark.kind,
      text: offsets.sliceCp(mark.startCp, mark.endCp),
    })),
  };
}
