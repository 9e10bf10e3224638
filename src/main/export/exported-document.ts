import type { JsonValue, Meta, NoiseKind, NoiseMark, SpanStatus } from '../../shared/model.js';
import type { ExportableDocument } from '../store/documents.js';
import type { ExportSpanRow } from '../store/spans.js';
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
  doc: ExportableDocument,
  spans: readonly ExportSpanRow[],
  noise: readonly NoiseMark[],
  offsets: OffsetMap = new OffsetMap(doc.text),
): ExportedDocument {
  return {
    id: doc.id,
    title: doc.title,
    text: doc.text,
    meta: doc.meta,
    spans: spans.map(([, start, end, label, status, annotator, entity, value, note]) => ({
      start,
      end,
      label,
      text: offsets.sliceCp(start, end),
      status,
      annotator,
      entity,
      value: value === null ? null : (JSON.parse(value) as JsonValue),
      note,
    })),
    noise: noise.map((mark) => ({
      start: mark.startCp,
      end: mark.endCp,
      kind: mark.kind,
      text: offsets.sliceCp(mark.startCp, mark.endCp),
    })),
  };
}
