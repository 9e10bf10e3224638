import { NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { recordEdit, type Change } from '../store/history.js';
import { listLabels } from '../store/labels.js';
import { decideSpanRow, deleteSpanRow, spanRows, spanRowsWithStatus, type SpanRow } from '../store/spans.js';
import { statement, writeTransaction } from '../store/statements.js';
import { learnFromSpans } from './gazetteer.js';

/** Which suggestions to decide on: these ids, or every suggestion of a document (optionally of one label). */
export type SuggestionSelection =
  | { readonly ids: readonly number[] }
  | { readonly documentId: number; readonly label?: string };

export interface Decision {
  readonly status: 'accepted' | 'rejected';
  /** The person deciding; an accepted suggestion becomes theirs. */
  readonly annotator: string;
}

function selectedSuggestions(db: Db, selection: SuggestionSelection): SpanRow[] {
  if ('ids' in selection) {
    const rows = spanRows(db, [...new Set(selection.ids)]);
    if (rows.length < new Set(selection.ids).size) {
      const found = new Set(rows.map((row) => row.id));
      const missing = selection.ids.filter((id) => !found.has(id));
      throw new NotFoundError(`no span ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
    }
    // Spans already decided are left as they are: deciding twice changes nothing.
    return rows.filter((row) => row.status === 'suggested');
  }
  if (statement(db, 'SELECT 1 FROM documents WHERE id = ?').get(selection.documentId) === undefined) {
    throw new NotFoundError(`document ${selection.documentId} does not exist`);
  }
  if (selection.label !== undefined && !listLabels(db).some((label) => label.name === selection.label)) {
    throw new UserError(`unknown label ${selection.label}`);
  }
  return spanRowsWithStatus(db, selection.documentId, 'suggested', selection.label);
}

function ownSpanAt(db: Db, row: SpanRow, annotator: string): boolean {
  return (
    statement(db, 'SELECT 1 FROM spans WHERE document_id = ? AND start_cp = ? AND end_cp = ? AND label = ? AND annotator = ? AND id <> ?').get(
      row.document_id,
      row.start_cp,
      row.end_cp,
      row.label,
      annotator,
      row.id,
    ) !== undefined
  );
}

/**
 * Accepts or rejects suggested spans as one edit (one undo step). An accepted
 * suggestion becomes the person's span and keeps its recogniser and confidence
 * as provenance; a rejected one stays, so it is not proposed again. Both teach
 * the gazetteer. Returns how many spans changed.
 */
export function decideSuggestions(db: Db, selection: SuggestionSelection, decision: Decision): number {
  return writeTransaction(db, () => {
    const rows = selectedSuggestions(db, selection);
    const changes: Change[] = [];
    for (const before of rows) {
      if (decision.status === 'accepted' && ownSpanAt(db, before, decision.annotator)) {
        // The person tagged the same span themselves since it was suggested: theirs stands, the suggestion goes.
        deleteSpanRow(db, before.id);
        changes.push({ kind: 'span', id: before.id, before, after: null });
        continue;
      }
      const annotator = decision.status === 'accepted' ? decision.annotator : before.annotator;
      changes.push({ kind: 'span', id: before.id, before, after: decideSpanRow(db, before.id, decision.status, annotator) });
    }
    const learnt = learnFromSpans(
      db,
      rows.map((row) => ({ documentId: row.document_id, startCp: row.start_cp, endCp: row.end_cp, label: row.label })),
      decision.status,
    );
    const documents = new Set(rows.map((row) => row.document_id));
    const verb = decision.status === 'accepted' ? 'accept' : 'reject';
    recordEdit(
      db,
      `${verb} ${rows.length} suggestion${rows.length === 1 ? '' : 's'}`,
      documents.size === 1 ? (rows[0]?.document_id ?? null) : null,
      [...changes, ...learnt],
    );
    return changes.length;
  })();
}
