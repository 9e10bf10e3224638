/**
 * Adjudication: settling where annotators disagree by writing the result as the
 * spans of one more annotator, ADJUDICATOR. The annotators' own spans are never
 * changed, so agreement can still be measured on them afterwards, and exports can
 * take either the annotators' work or the adjudicated result.
 *
 * A disagreement is a group of the annotators' accepted spans linked by overlap
 * (any label) where not every annotator of the document has the same spans
 * (offsets and label). An annotator has annotated a document, as for agreement,
 * when they accepted or rejected a span in it: one who turned every suggestion
 * down found nothing there, and a span another accepted is then a disagreement. It is settled once an adjudicated span, accepted or
 * rejected, overlaps it: a rejected one records that none of the spans stands.
 */
import { ADJUDICATOR, type JsonValue, type SpanStatus } from '../../shared/model.js';
import { NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { recordEdit, type Change } from '../store/history.js';
import { createSpan, decideSpanRow, deleteSpanRow, spanRows, type SpanRow } from '../store/spans.js';
import { statement, writeTransaction } from '../store/statements.js';

/** What disagreement grouping needs of a span. */
export interface PlacedSpan {
  readonly id: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
  readonly annotator: string;
}

export interface Disagreement {
  readonly startCp: number;
  readonly endCp: number;
  /** The annotators' spans in the group. */
  readonly spanIds: readonly number[];
  /** Adjudicated spans (accepted or rejected) overlapping the group. */
  readonly adjudicatedSpanIds: readonly number[];
  readonly settled: boolean;
}

export interface AdjudicationSummary {
  readonly documentId: number;
  /** Annotators with accepted spans in the document. */
  readonly annotators: readonly string[];
  readonly disagreements: number;
  /** Disagreements no adjudicated span settles yet. */
  readonly open: number;
}

export type AdjudicationStatus = 'open' | 'settled' | 'all';

export interface AdjudicationListOptions {
  readonly annotators?: readonly string[];
  readonly status?: AdjudicationStatus;
  readonly offset?: number;
  readonly limit?: number;
  /** Documents read per batch (default 500). */
  readonly batchDocuments?: number;
}

export interface AdjudicationList {
  /** Documents matching `status`. */
  readonly total: number;
  readonly items: readonly AdjudicationSummary[];
  /** Documents with an open disagreement, and documents whose disagreements are all settled. */
  readonly counts: { readonly open: number; readonly settled: number };
}

export interface AdjudicationDocument {
  readonly documentId: number;
  readonly annotators: readonly string[];
  /** The annotators' accepted spans and the adjudicated ones (accepted and rejected), in reading order. */
  readonly spans: readonly SpanRow[];
  readonly disagreements: readonly Disagreement[];
}

const sameSpanKey = (span: { readonly startCp: number; readonly endCp: number; readonly label: string }): string =>
  `${span.startCp}:${span.endCp}:${span.label}`;

/**
 * The annotators whose work is compared: the ones named, or everyone who
 * accepted or rejected a span. The adjudicated result is what settles disagreements, so it
 * can never be one side of them.
 */
export function comparedAnnotators(db: Db, annotators?: readonly string[]): string[] {
  if (annotators) {
    if (annotators.includes(ADJUDICATOR)) throw new UserError(`"${ADJUDICATOR}" is the adjudicated result, not an annotator to adjudicate between`);
    return [...new Set(annotators)];
  }
  return (
    statement(db, "SELECT DISTINCT annotator FROM spans WHERE status IN ('accepted', 'rejected') AND annotator NOT IN ('', ?) ORDER BY annotator")
      .raw(true)
      .all(ADJUDICATOR) as [string][]
  ).map((row) => row[0]);
}

/**
 * Groups one document's spans into disagreements, sorted by start. `spans` are
 * the annotators' accepted spans, `adjudicated` the adjudicated spans of the
 * document, `annotators` everyone who annotated it (by default those with a
 * span in `spans`); a document with fewer than two annotators has no disagreements.
 */
export function findDisagreements(
  spans: readonly PlacedSpan[],
  adjudicated: readonly PlacedSpan[],
  annotators: readonly string[] = [...new Set(spans.map((span) => span.annotator))],
): Disagreement[] {
  if (annotators.length < 2) return [];
  const sorted = [...spans].sort((a, b) => a.startCp - b.startCp || b.endCp - a.endCp);
  const disagreements: Disagreement[] = [];
  let group: PlacedSpan[] = [];
  let groupEnd = -1;
  const close = (): void => {
    if (group.length === 0) return;
    const startCp = (group[0] as PlacedSpan).startCp;
    if (!allAgree(group, annotators)) {
      const over = adjudicated.filter((span) => span.startCp < groupEnd && span.endCp > startCp).map((span) => span.id);
      disagreements.push({ startCp, endCp: groupEnd, spanIds: group.map((span) => span.id), adjudicatedSpanIds: over, settled: over.length > 0 });
    }
    group = [];
  };
  // Sorted by start, a span overlaps the group so far exactly when it starts before the group's furthest end.
  for (const span of sorted) {
    if (span.startCp >= groupEnd) close();
    if (group.length === 0) groupEnd = span.endCp;
    group.push(span);
    groupEnd = Math.max(groupEnd, span.endCp);
  }
  close();
  return disagreements;
}

/** Whether every annotator has exactly the same spans (offsets and label) in the group. */
function allAgree(group: readonly PlacedSpan[], annotators: readonly string[]): boolean {
  // Each annotator needs the same number of spans here, which settles most groups without building keys.
  if (group.length % annotators.length !== 0) return false;
  const whoHas = new Map<string, Set<string>>();
  for (const span of group) {
    const key = sameSpanKey(span);
    const who = whoHas.get(key);
    if (who) who.add(span.annotator);
    else whoHas.set(key, new Set([span.annotator]));
  }
  for (const who of whoHas.values()) if (who.size !== annotators.length) return false;
  return true;
}

type SpanTuple = readonly [id: number, documentId: number, startCp: number, endCp: number, label: string, annotator: string, status: SpanStatus];

/** A span as adjudication reads it, with its status: an annotator's rejected spans only say they annotated the document. */
interface DecidedSpan extends PlacedSpan {
  readonly status: SpanStatus;
}

/** Reads a range of documents' decided spans of some annotators and the adjudicator: first and last document, annotators (JSON), adjudicator. */
export const ADJUDICATION_SPANS = `SELECT id, document_id, start_cp, end_cp, label, annotator, status FROM spans
  WHERE document_id BETWEEN ? AND ? AND status IN ('accepted', 'rejected')
    AND (annotator IN (SELECT value FROM json_each(?)) OR annotator = ?)
  ORDER BY document_id, start_cp, end_cp`;

/** The document's annotators (accepted or rejected a span, sorted), their accepted spans, and the adjudicated spans. */
function sides(spans: readonly DecidedSpan[]): { annotators: string[]; accepted: DecidedSpan[]; adjudicated: DecidedSpan[] } {
  const ofAnnotators = spans.filter((span) => span.annotator !== ADJUDICATOR);
  return {
    annotators: [...new Set(ofAnnotators.map((span) => span.annotator))].sort(),
    accepted: ofAnnotators.filter((span) => span.status === 'accepted'),
    adjudicated: spans.filter((span) => span.annotator === ADJUDICATOR),
  };
}

function summarise(documentId: number, spans: readonly DecidedSpan[]): AdjudicationSummary | undefined {
  const { annotators, accepted, adjudicated } = sides(spans);
  const disagreements = findDisagreements(accepted, adjudicated, annotators);
  if (disagreements.length === 0) return undefined;
  return {
    documentId,
    annotators,
    disagreements: disagreements.length,
    open: disagreements.filter((d) => !d.settled).length,
  };
}

/**
 * The last summaries worked out per project, with what they were worked out for:
 * the list is read a page at a time as it scrolls, and each page would otherwise
 * read every span again.
 */
const summaryCache = new WeakMap<Db, { readonly key: string; readonly found: readonly AdjudicationSummary[] }>();

/**
 * Changes whenever the project may have changed: total_changes() counts every row
 * this connection wrote, data_version moves when another connection (an import
 * from the command line) commits.
 */
function projectVersion(db: Db): string {
  const { changes } = statement(db, 'SELECT total_changes() AS changes').get() as { changes: number };
  const version = db.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

/**
 * Documents with at least one disagreement, in id order, filtered by status and
 * paged. One pass over the spans, a batch of documents at a time (texts are
 * never read), kept until the project changes.
 */
export function listAdjudication(db: Db, options: AdjudicationListOptions = {}): AdjudicationList {
  return writeTransaction(db, () => {
    const annotators = JSON.stringify(comparedAnnotators(db, options.annotators));
    const key = `${projectVersion(db)}|${annotators}`;
    const cached = summaryCache.get(db);
    const found = cached?.key === key ? cached.found : summariesOf(db, annotators, options.batchDocuments ?? 500);
    summaryCache.set(db, { key, found });
    const status = options.status ?? 'open';
    const open = found.filter((doc) => doc.open > 0);
    const matching = status === 'all' ? found : status === 'open' ? open : found.filter((doc) => doc.open === 0);
    const offset = options.offset ?? 0;
    return {
      total: matching.length,
      items: matching.slice(offset, offset + (options.limit ?? 100)),
      counts: { open: open.length, settled: found.length - open.length },
    };
  })();
}

/** Every document's summary, for the annotators in `annotators` (a JSON array). */
function summariesOf(db: Db, annotators: string, batchSize: number): AdjudicationSummary[] {
  const nextIds = statement(db, 'SELECT DISTINCT document_id FROM spans WHERE document_id > ? ORDER BY document_id LIMIT ?').raw(true);
  const readSpans = statement(db, ADJUDICATION_SPANS).raw(true);
  const found: AdjudicationSummary[] = [];
  let afterId = 0;
  for (;;) {
    const ids = (nextIds.all(afterId, batchSize) as [number][]).map((row) => row[0]);
    if (ids.length === 0) break;
    const firstId = ids[0] as number;
    afterId = ids[ids.length - 1] as number;
    let current: DecidedSpan[] = [];
    let currentId = -1;
    for (const [id, documentId, startCp, endCp, label, annotator, status] of readSpans.all(firstId, afterId, annotators, ADJUDICATOR) as SpanTuple[]) {
      if (documentId !== currentId) {
        const summary = summarise(currentId, current);
        if (summary) found.push(summary);
        current = [];
        currentId = documentId;
      }
      current.push({ id, startCp, endCp, label, annotator, status });
    }
    const summary = summarise(currentId, current);
    if (summary) found.push(summary);
  }
  return found;
}

const placed = (row: SpanRow): DecidedSpan => ({
  id: row.id,
  startCp: row.start_cp,
  endCp: row.end_cp,
  label: row.label,
  annotator: row.annotator,
  status: row.status,
});

/** Reads one document's accepted and rejected spans in reading order: the parameter is the document. */
export const ADJUDICATION_DOCUMENT_SPANS = `SELECT * FROM spans WHERE document_id = ? AND status IN ('accepted', 'rejected') ORDER BY start_cp, end_cp DESC, label, annotator`;

/** One document as adjudication shows it: the annotators' spans, the adjudicated ones, and where they disagree. */
export function adjudicationDocument(db: Db, documentId: number, annotators?: readonly string[]): AdjudicationDocument {
  return writeTransaction(db, () => {
    if (!statement(db, 'SELECT 1 FROM documents WHERE id = ?').get(documentId)) throw new NotFoundError(`document ${documentId} does not exist`);
    const compared = new Set(comparedAnnotators(db, annotators));
    const decided = (statement(db, ADJUDICATION_DOCUMENT_SPANS).all(documentId) as SpanRow[]).filter((row) => row.annotator === ADJUDICATOR || compared.has(row.annotator));
    const { annotators: present, accepted, adjudicated } = sides(decided.map(placed));
    return {
      documentId,
      annotators: present,
      // An annotator's rejected spans are not a version of anything: only who annotated counts of them.
      spans: decided.filter((row) => row.annotator === ADJUDICATOR || row.status === 'accepted'),
      disagreements: findDisagreements(accepted, adjudicated, present),
    };
  })();
}

function adjudicatedAt(db: Db, row: SpanRow): SpanRow | undefined {
  return statement(db, 'SELECT * FROM spans WHERE document_id = ? AND start_cp = ? AND end_cp = ? AND label = ? AND annotator = ?').get(
    row.document_id,
    row.start_cp,
    row.end_cp,
    row.label,
    ADJUDICATOR,
  ) as SpanRow | undefined;
}

/**
 * Writes `source` into the adjudicated result with `status`: a new adjudicated
 * span with the same offsets, label, entity link, value and note, or the status
 * of the adjudicated span already there. Undefined when nothing changes.
 */
function placeAdjudicated(db: Db, source: SpanRow, status: SpanStatus): Change | undefined {
  const existing = adjudicatedAt(db, source);
  if (existing) {
    if (existing.status === status) return undefined;
    return { kind: 'span', id: existing.id, before: existing, after: decideSpanRow(db, existing.id, status, ADJUDICATOR) };
  }
  const created = createSpan(db, {
    documentId: source.document_id,
    startCp: source.start_cp,
    endCp: source.end_cp,
    label: source.label,
    annotator: ADJUDICATOR,
    status,
    entityId: source.entity_id,
    value: source.value === null ? null : (JSON.parse(source.value) as JsonValue),
    note: source.note,
  }) as SpanRow;
  return { kind: 'span', id: created.id, before: null, after: created };
}

function recordAdjudication(db: Db, description: string, changes: readonly Change[]): void {
  const documents = new Set(changes.map((change) => (change.kind === 'span' ? (change.after ?? change.before)?.document_id : undefined)));
  recordEdit(db, description, documents.size === 1 ? ([...documents][0] ?? null) : null, changes);
}

/**
 * Settles with annotators' spans: `accept` copies them into the adjudicated
 * result, `reject` records each as a rejected adjudicated span, so the place is
 * settled and exports of accepted spans leave it out. Spans several annotators
 * share (offsets and label) become one. `replaces` are adjudicated spans of an
 * earlier decision there that this one replaces: they are deleted in the same
 * step. One undo step; returns how many adjudicated spans were written or changed.
 */
export function adjudicate(db: Db, spanIds: readonly number[], decision: 'accept' | 'reject', replaces: readonly number[] = []): number {
  return writeTransaction(db, () => {
    const withdrawn = spanRows(db, [...new Set(replaces)]);
    const notAdjudicated = withdrawn.filter((row) => row.annotator !== ADJUDICATOR).map((row) => row.id);
    if (notAdjudicated.length > 0) throw new UserError(`only adjudicated spans can be replaced; not ${notAdjudicated.join(', ')}`);
    const gone = new Set(withdrawn.map((row) => row.id));
    const unknown = replaces.filter((id) => !gone.has(id));
    if (unknown.length > 0) throw new NotFoundError(`no such span: ${[...new Set(unknown)].join(', ')}`);
    const rows = spanRows(db, [...new Set(spanIds)]);
    const found = new Set(rows.map((row) => row.id));
    const missing = spanIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw new NotFoundError(`no such span: ${[...new Set(missing)].join(', ')}`);
    for (const row of rows) {
      if (row.annotator === ADJUDICATOR) throw new UserError(`span ${row.id} is adjudicated already: edit it instead`);
      if (row.status !== 'accepted') throw new UserError(`span ${row.id} is ${row.status}, not an annotator's accepted span`);
    }
    const status = decision === 'accept' ? 'accepted' : 'rejected';
    const seen = new Set<string>();
    const changes: Change[] = [];
    for (const row of withdrawn) {
      deleteSpanRow(db, row.id);
      changes.push({ kind: 'span', id: row.id, before: row, after: null });
    }
    for (const row of rows) {
      const key = `${row.document_id}:${row.start_cp}:${row.end_cp}:${row.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const change = placeAdjudicated(db, row, status);
      if (change) changes.push(change);
    }
    const written = changes.length - withdrawn.length;
    const noun = written === 1 ? 'span' : 'spans';
    recordAdjudication(db, `adjudicate: ${decision} ${written} ${noun}${withdrawn.length > 0 ? `, replacing ${withdrawn.length}` : ''}`, changes);
    return written;
  })();
}

/**
 * Copies into the adjudicated result every span all the document's annotators
 * agree on (each has it, same offsets and label), except where the adjudicated
 * result already has a span of that label there. One undo step; returns how many
 * were copied.
 */
export function acceptAgreed(db: Db, documentId: number, annotators?: readonly string[]): number {
  return writeTransaction(db, () => {
    const document = adjudicationDocument(db, documentId, annotators);
    if (document.annotators.length < 2) {
      throw new UserError(`document ${documentId} was annotated by ${document.annotators.join(', ') || 'nobody'}: nothing to compare`);
    }
    const byKey = new Map<string, SpanRow[]>();
    for (const row of document.spans) {
      if (row.annotator === ADJUDICATOR || row.status !== 'accepted') continue;
      const key = sameSpanKey(placed(row));
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
    const changes: Change[] = [];
    for (const rows of byKey.values()) {
      if (new Set(rows.map((row) => row.annotator)).size < document.annotators.length) continue;
      const first = rows[0] as SpanRow;
      if (adjudicatedAt(db, first)) continue;
      const change = placeAdjudicated(db, first, 'accepted');
      if (change) changes.push(change);
    }
    recordAdjudication(db, `adjudicate: accept ${changes.length} agreed ${changes.length === 1 ? 'span' : 'spans'}`, changes);
    return changes.length;
  })();
}
