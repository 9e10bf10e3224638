import type { JsonValue, Span, SpanStatus } from '../../shared/model.js';
import type { Db } from './connection.js';
import { now, statement } from './statements.js';

export interface NewSpan {
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
  readonly annotator?: string;
  readonly status?: SpanStatus;
  readonly entityId?: number | null;
  readonly value?: JsonValue | null;
  readonly note?: string | null;
}

interface SpanRow {
  id: number;
  document_id: number;
  start_cp: number;
  end_cp: number;
  label: string;
  annotator: string;
  status: SpanStatus;
  entity_id: number | null;
  value: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

function toSpan(row: SpanRow): Span {
  return {
    id: row.id,
    documentId: row.document_id,
    startCp: row.start_cp,
    endCp: row.end_cp,
    label: row.label,
    annotator: row.annotator,
    status: row.status,
    entityId: row.entity_id,
    value: row.value === null ? null : (JSON.parse(row.value) as JsonValue),
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Adds a span unless the same annotator already has the same label at the same
 * offsets in that document. Returns whether a row was written.
 */
export function insertSpan(db: Db, span: NewSpan): boolean {
  const stamp = now();
  const { changes } = statement(
    db,
    `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, entity_id, value, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id, start_cp, end_cp, label, annotator) DO NOTHING`,
  ).run(
    span.documentId,
    span.startCp,
    span.endCp,
    span.label,
    span.annotator ?? '',
    span.status ?? 'accepted',
    span.entityId ?? null,
    span.value === undefined || span.value === null ? null : JSON.stringify(span.value),
    span.note ?? null,
    stamp,
    stamp,
  );
  return changes > 0;
}

export interface SpanFilter {
  /** Only spans with these statuses; all when omitted. */
  readonly statuses?: readonly SpanStatus[];
  /** Only spans with these labels; all when omitted. */
  readonly labels?: readonly string[];
}

function matches(span: Span, filter: SpanFilter): boolean {
  return (
    (!filter.statuses || filter.statuses.includes(span.status)) && (!filter.labels || filter.labels.includes(span.label))
  );
}

/** Spans of one document in reading order. */
export function spansInDocument(db: Db, documentId: number, filter: SpanFilter = {}): Span[] {
  const rows = statement(
    db,
    'SELECT * FROM spans WHERE document_id = ? ORDER BY start_cp, end_cp DESC, label, annotator',
  ).all(documentId) as SpanRow[];
  return rows.map(toSpan).filter((span) => matches(span, filter));
}

/** Spans of documents firstId..lastId grouped by document, for streaming passes. */
export function spansInDocumentRange(
  db: Db,
  firstId: number,
  lastId: number,
  filter: SpanFilter = {},
): Map<number, Span[]> {
  const rows = statement(
    db,
    `SELECT * FROM spans WHERE document_id BETWEEN ? AND ?
     ORDER BY document_id, start_cp, end_cp DESC, label, annotator`,
  ).all(firstId, lastId) as SpanRow[];
  const byDocument = new Map<number, Span[]>();
  for (const row of rows) {
    const span = toSpan(row);
    if (!matches(span, filter)) continue;
    const list = byDocument.get(span.documentId);
    if (list) list.push(span);
    else byDocument.set(span.documentId, [span]);
  }
  return byDocument;
}
