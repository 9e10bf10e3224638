import type { DuplicateKind, DuplicateStatus, JsonValue, Meta, NoiseKind, NoiseMark, SpanStatus } from '../../shared/model.js';
import type { ExportableDocument } from '../store/documents.js';
import type { DuplicateLink } from '../store/export-links.js';
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
  readonly entity_name: string | null;
  readonly value: JsonValue | null;
  readonly note: string | null;
  /** The duplicate cluster of a passage (or document) the span lies in, so a statement can be counted once. */
  readonly duplicate_cluster: number | null;
}

export interface ExportedDuplicate {
  readonly cluster: number;
  readonly kind: DuplicateKind;
  readonly start: number;
  readonly end: number;
  readonly status: DuplicateStatus;
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
  readonly duplicates: readonly ExportedDuplicate[];
}

/** What the token formats (spaCy/Prodigy JSONL, CoNLL) read of a document: less to hand to a worker thread. */
export interface TokenDocument {
  readonly title: string;
  readonly text: string;
  readonly meta: Meta;
  readonly spans: readonly Pick<ExportedSpan, 'start' | 'end' | 'label'>[];
}

export function toTokenDocument(doc: ExportedDocument): TokenDocument {
  return { title: doc.title, text: doc.text, meta: doc.meta, spans: doc.spans.map(({ start, end, label }) => ({ start, end, label })) };
}

/** What a document links to beyond its own rows: duplicate clusters and entity names. */
export interface DocumentLinks {
  readonly duplicates: readonly DuplicateLink[];
  readonly entityNames: ReadonlyMap<number, string>;
}

const NO_LINKS: DocumentLinks = { duplicates: [], entityNames: new Map() };

/** Which cluster a span counts under when several hold it: the narrowest statement first. */
const KIND_RANK: Readonly<Record<DuplicateKind, number>> = { sentence: 0, passage: 1, contained: 2, document: 3 };

/**
 * The cluster a span counts under: a sentence cluster holding it whole before
 * a passage cluster, that before a 'contained' one, and all of them before a
 * whole-document one (the narrowest is the statement), lowest id first;
 * rejected links count for nothing.
 */
export function clusterOfSpan(links: readonly DuplicateLink[], startCp: number, endCp: number): number | null {
  let best: DuplicateLink | null = null;
  for (const link of links) {
    if (link.status === 'rejected' || link.startCp > startCp || link.endCp < endCp) continue;
    const better =
      best === null ||
      KIND_RANK[link.kind] < KIND_RANK[best.kind] ||
      (link.kind === best.kind && link.cluster < best.cluster);
    if (better) best = link;
  }
  return best?.cluster ?? null;
}

/** Builds the exported form of a document: the one place where exported spans get their text. */
export function toExportedDocument(
  doc: ExportableDocument,
  spans: readonly ExportSpanRow[],
  noise: readonly NoiseMark[],
  offsets: OffsetMap = new OffsetMap(doc.text),
  links: DocumentLinks = NO_LINKS,
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
      entity_name: entity === null ? null : (links.entityNames.get(entity) ?? null),
      value: value === null ? null : (JSON.parse(value) as JsonValue),
      note,
      duplicate_cluster: clusterOfSpan(links.duplicates, start, end),
    })),
    noise: noise.map((mark) => ({
      start: mark.startCp,
      end: mark.endCp,
      kind: mark.kind,
      text: offsets.sliceCp(mark.startCp, mark.endCp),
    })),
    duplicates: links.duplicates.map((link) => ({
      cluster: link.cluster,
      kind: link.kind,
      start: link.startCp,
      end: link.endCp,
      status: link.status,
    })),
  };
}
