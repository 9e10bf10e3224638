import type { Db } from './connection.js';
import type { SpanRow } from './spans.js';
import { statement } from './statements.js';

/**
 * The spans of a document one annotator sees. With blind annotation: their own
 * spans and the shared suggestions they have not decided on. Without: everyone's,
 * less the suggestions they have decided on. Parameters: the document, then
 * { annotator }. Both read the document's spans by the index that leads with
 * document_id, and each suggestion's decision by its primary key.
 */
export const BLIND_SPANS_SQL = `SELECT * FROM spans s WHERE s.document_id = ?
  AND (s.annotator = @annotator OR (s.annotator = '' AND s.status = 'suggested'
    AND NOT EXISTS (SELECT 1 FROM suggestion_decisions x WHERE x.span_id = s.id AND x.annotator = @annotator)))
  ORDER BY s.start_cp, s.end_cp DESC, s.label, s.annotator`;

export const OPEN_SPANS_SQL = `SELECT * FROM spans s WHERE s.document_id = ?
  AND NOT (s.status = 'suggested' AND EXISTS (SELECT 1 FROM suggestion_decisions x WHERE x.span_id = s.id AND x.annotator = @annotator))
  ORDER BY s.start_cp, s.end_cp DESC, s.label, s.annotator`;

/** The stored rows of a document's spans as `annotator` sees them (blind or not). */
export function spanRowsSeenBy(db: Db, documentId: number, annotator: string, blind: boolean): SpanRow[] {
  return statement(db, blind ? BLIND_SPANS_SQL : OPEN_SPANS_SQL).all(documentId, { annotator }) as SpanRow[];
}
