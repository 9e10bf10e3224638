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
  readonly recogniser?: string | null;
  readonly confidence?: number | null;
}

/** A spans row exactly as stored; the edit history keeps these to undo and redo. */
export interface SpanRow {
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
  recogniser: string | null;
  confidence: number | null;
  created_at: string;
  updated_at: string;
  /** What names the span on every laptop of a team (migration 017); rows in the edit history from before it lack one. */
  uid?: string;
}

/** The shared form of a stored row. */
export function toSpan(row: SpanRow): Span {
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
    // Rows recorded in the edit history before migration 007 lack the two columns.
    recogniser: row.recogniser ?? null,
    confidence: row.confidence ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function insertSpanParams(span: NewSpan, stamp = now()): unknown[] {
  return [
    span.documentId,
    span.startCp,
    span.endCp,
    span.label,
    span.annotator ?? '',
    span.status ?? 'accepted',
    span.entityId ?? null,
    span.value === undefined || span.value === null ? null : JSON.stringify(span.value),
    span.note ?? null,
    span.recogniser ?? null,
    span.confidence ?? null,
    stamp,
    stamp,
  ];
}

const INSERT_SPAN = `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, entity_id, value, note, recogniser, confidence, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (document_id, start_cp, end_cp, label, annotator) DO NOTHING`;

/**
 * Adds a span unless the same annotator already has the same label at the same
 * offsets in that document. Returns whether a row was written.
 */
export function insertSpan(db: Db, span: NewSpan): boolean {
  return statement(db, INSERT_SPAN).run(...insertSpanParams(span)).changes > 0;
}

/**
 * insertSpan for bulk writers: `stamp` (one per document, not one clock read per span) is both timestamps.
 * Returns the new span's id, or undefined if it was already there.
 */
export function insertSpanStamped(db: Db, span: NewSpan, stamp: string): number | undefined {
  const { changes, lastInsertRowid } = statement(db, INSERT_SPAN).run(...insertSpanParams(span, stamp));
  return changes > 0 ? Number(lastInsertRowid) : undefined;
}

/** Adds a span like insertSpan and returns the stored row, or undefined if it was already there. */
export function createSpan(db: Db, span: NewSpan): SpanRow | undefined {
  return statement(db, `${INSERT_SPAN} RETURNING *`).get(...insertSpanParams(span)) as SpanRow | undefined;
}

/** The stored row of one span, or undefined. */
export function spanRow(db: Db, id: number): SpanRow | undefined {
  return statement(db, 'SELECT * FROM spans WHERE id = ?').get(id) as SpanRow | undefined;
}

/** One span, or undefined. */
export function getSpan(db: Db, id: number): Span | undefined {
  const row = spanRow(db, id);
  return row && toSpan(row);
}

export interface SpanChange {
  readonly label?: string;
  readonly note?: string | null;
  /** The normalised value; null clears it. */
  readonly value?: JsonValue | null;
}

/** Changes a span's label, note and/or value, returning the row after the change. */
export function updateSpanRow(db: Db, id: number, change: SpanChange): SpanRow {
  return statement(
    db,
    `UPDATE spans SET label = coalesce(?, label), note = CASE WHEN ? THEN ? ELSE note END,
       value = CASE WHEN ? THEN ? ELSE value END, updated_at = ?
     WHERE id = ? RETURNING *`,
  ).get(
    change.label ?? null,
    change.note !== undefined ? 1 : 0,
    change.note ?? null,
    change.value !== undefined ? 1 : 0,
    change.value === undefined || change.value === null ? null : JSON.stringify(change.value),
    now(),
    id,
  ) as SpanRow;
}

/** Sets a span's status and annotator (deciding on a suggestion), returning the row after the change. */
export function decideSpanRow(db: Db, id: number, status: SpanStatus, annotator: string): SpanRow {
  return statement(db, 'UPDATE spans SET status = ?, annotator = ?, updated_at = ? WHERE id = ? RETURNING *').get(
    status,
    annotator,
    now(),
    id,
  ) as SpanRow;
}

/** Stored rows of the given spans, in the order asked; ids without a span are left out. */
export function spanRows(db: Db, ids: readonly number[]): SpanRow[] {
  const byId = new Map<number, SpanRow>();
  // Chunks keep the JSON argument small; 100,000 ids would otherwise go in one string.
  for (let at = 0; at < ids.length; at += 5000) {
    const rows = statement(db, 'SELECT * FROM spans WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(ids.slice(at, at + 5000)),
    ) as SpanRow[];
    for (const row of rows) byId.set(row.id, row);
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Reads one document's spans with a status, optionally of one label: parameters are document, status, label, label. */
export const SPANS_WITH_STATUS_SQL = `SELECT * FROM spans WHERE document_id = ? AND status = ? AND (? IS NULL OR label = ?) ORDER BY start_cp, end_cp DESC, label`;

/** Stored rows of a document's spans with one status, optionally of one label, in reading order. */
export function spanRowsWithStatus(db: Db, documentId: number, status: SpanStatus, label?: string): SpanRow[] {
  return statement(db, SPANS_WITH_STATUS_SQL).all(documentId, status, label ?? null, label ?? null) as SpanRow[];
}

/** A span's place, label and status: what deciding whether a suggestion would add anything needs. */
export interface SpanPlace {
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
  readonly status: SpanStatus;
}

/**
 * Parameters: first and last document id. Reads the spans of a range of
 * documents by the unique index that leads with document_id: a suggestion run
 * reads its batch's spans once instead of asking about each candidate.
 */
export const SPAN_PLACES_IN_RANGE_SQL = 'SELECT document_id, start_cp, end_cp, label, status FROM spans WHERE document_id BETWEEN ? AND ?';

/** The places of the spans of documents firstId..lastId, by document. */
export function spanPlacesInDocumentRange(db: Db, firstId: number, lastId: number): Map<number, SpanPlace[]> {
  const rows = statement(db, SPAN_PLACES_IN_RANGE_SQL).raw(true).all(firstId, lastId) as [number, number, number, string, SpanStatus][];
  const byDocument = new Map<number, SpanPlace[]>();
  for (const [documentId, startCp, endCp, label, status] of rows) {
    const list = byDocument.get(documentId);
    const place = { startCp, endCp, label, status };
    if (list) list.push(place);
    else byDocument.set(documentId, [place]);
  }
  return byDocument;
}

/**
 * Whether a suggestion of `label` at these offsets would add nothing, given the
 * document's spans: a span of that label lies exactly there (any annotator, any
 * status, so rejected ones count), or an accepted one overlaps them (a person
 * already tagged the name, perhaps a word shorter or longer).
 */
export function placeAlreadyCovered(spans: readonly SpanPlace[], startCp: number, endCp: number, label: string): boolean {
  return spans.some(
    (span) =>
      span.label === label &&
      ((span.startCp === startCp && span.endCp === endCp) || (span.status === 'accepted' && span.startCp < endCp && span.endCp > startCp)),
  );
}

/**
 * Parameters: document, start, end, label. The place is four columns of the
 * unique index; +status keeps SQLite from taking spans_by_label (label, status)
 * for the better match when it has no statistics.
 */
export const SUGGESTION_AT_SQL =
  "SELECT * FROM spans WHERE document_id = ? AND start_cp = ? AND end_cp = ? AND label = ? AND +status = 'suggested' ORDER BY id LIMIT 1";

/** The suggestion of `label` at exactly these offsets, if there is one. */
export function suggestionAt(db: Db, documentId: number, startCp: number, endCp: number, label: string): SpanRow | undefined {
  return statement(db, SUGGESTION_AT_SQL).get(documentId, startCp, endCp, label) as SpanRow | undefined;
}

/** Links a span to an entity (or unlinks it with null), returning the row after the change. */
export function setSpanEntity(db: Db, id: number, entityId: number | null): SpanRow {
  return statement(db, 'UPDATE spans SET entity_id = ?, updated_at = ? WHERE id = ? RETURNING *').get(entityId, now(), id) as SpanRow;
}

/** Puts a row back exactly as it was (undo of a delete or an update), its uid too, so a team sees the same span come back. */
export function restoreSpanRow(db: Db, row: SpanRow): void {
  // Rows recorded in the edit history before migration 007 lack the two columns; before 017, the uid (the column's default gives one).
  const [uidColumn, uidValue] = row.uid === undefined ? ['', ''] : [', uid', ', @uid'];
  statement(
    db,
    `INSERT OR REPLACE INTO spans (id, document_id, start_cp, end_cp, label, annotator, status, entity_id, value, note, recogniser, confidence, created_at, updated_at${uidColumn})
     VALUES (@id, @document_id, @start_cp, @end_cp, @label, @annotator, @status, @entity_id, @value, @note, @recogniser, @confidence, @created_at, @updated_at${uidValue})`,
  ).run({ ...row, recogniser: row.recogniser ?? null, confidence: row.confidence ?? null });
}

/** Removes one span. */
export function deleteSpanRow(db: Db, id: number): void {
  statement(db, 'DELETE FROM spans WHERE id = ?').run(id);
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

/** Reads one document's spans in reading order: the parameter is the document. */
export const SPANS_IN_DOCUMENT_SQL = 'SELECT * FROM spans WHERE document_id = ? ORDER BY start_cp, end_cp DESC, label, annotator';

/** Spans of one document in reading order. */
export function spansInDocument(db: Db, documentId: number, filter: SpanFilter = {}): Span[] {
  const rows = statement(db, SPANS_IN_DOCUMENT_SQL).all(documentId) as SpanRow[];
  return rows.map(toSpan).filter((span) => matches(span, filter));
}

/** A span as exports write it, read as an array (no row objects): the export's hot path. */
export type ExportSpanRow = readonly [
  documentId: number,
  startCp: number,
  endCp: number,
  label: string,
  status: SpanStatus,
  annotator: string,
  entityId: number | null,
  value: string | null,
  note: string | null,
];

/**
 * The statement exportSpansInDocumentRange runs for this filter, and the
 * parameters it takes after the first and last document. Only the conditions
 * in use go into the SQL: an "x IS NULL OR …" test costs on every row. A label
 * filter is +label: SQLite would otherwise read every span of the labels from
 * spans_by_label for each range of documents when it has no statistics.
 */
export function exportSpansSql(filter: SpanFilter = {}): { sql: string; params: unknown[] } {
  const conditions = ['document_id BETWEEN ? AND ?'];
  const params: unknown[] = [];
  if (filter.statuses) {
    conditions.push('status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.statuses));
  }
  if (filter.labels) {
    conditions.push('+label IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.labels));
  }
  return {
    sql: `SELECT document_id, start_cp, end_cp, label, status, annotator, entity_id, value, note FROM spans
     WHERE ${conditions.join(' AND ')}
     ORDER BY document_id, start_cp, end_cp, label, annotator`,
    params,
  };
}

/**
 * Spans of documents firstId..lastId grouped by document, filtered in SQL and
 * read in index order, for streaming exports.
 */
export function exportSpansInDocumentRange(db: Db, firstId: number, lastId: number, filter: SpanFilter = {}): Map<number, ExportSpanRow[]> {
  const { sql, params } = exportSpansSql(filter);
  const rows = statement(db, sql)
    .raw(true)
    .all(firstId, lastId, ...params) as ExportSpanRow[];
  const byDocument = new Map<number, ExportSpanRow[]>();
  for (const row of rows) {
    const list = byDocument.get(row[0]);
    if (list) list.push(row);
    else byDocument.set(row[0], [row]);
  }
  return byDocument;
}
