import type { Span } from '../../shared/model.js';
import { ConflictError, NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { recordEdit } from '../store/history.js';
import { listLabels } from '../store/labels.js';
import { entityRow } from '../store/entities.js';
import { createSpan, deleteSpanRow, setSpanEntity, spanRow, toSpan, updateSpanRow } from '../store/spans.js';
import { statement } from '../store/statements.js';

/**
 * Edits annotators make, each saved at once and recorded in the edit history
 * in the same transaction, so undo/redo always matches what is stored.
 */

export interface SpanDraft {
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
  readonly annotator: string;
}

function documentLength(db: Db, documentId: number): number {
  const row = statement(db, 'SELECT length_cp FROM documents WHERE id = ?').get(documentId) as { length_cp: number } | undefined;
  if (!row) throw new NotFoundError(`document ${documentId} does not exist`);
  return row.length_cp;
}

function checkLabel(db: Db, label: string): void {
  if (!listLabels(db).some((known) => known.name === label)) throw new UserError(`unknown label ${label}`);
}

/** Checks a span against its document and labels before anything is written. */
export function checkDraft(db: Db, draft: SpanDraft): void {
  const length = documentLength(db, draft.documentId);
  if (draft.startCp < 0 || draft.endCp > length || draft.startCp >= draft.endCp) {
    throw new UserError(`offsets ${draft.startCp}–${draft.endCp} are not a span inside the document (0–${length})`);
  }
  checkLabel(db, draft.label);
}

/** Tags a span; refuses an exact duplicate by the same annotator. */
export function tagSpan(db: Db, draft: SpanDraft): Span {
  return db.transaction(() => {
    checkDraft(db, draft);
    const row = createSpan(db, { ...draft, status: 'accepted' });
    if (!row) throw new ConflictError(`${draft.label} is already tagged there by ${draft.annotator}`);
    recordEdit(db, `tag ${draft.label}`, draft.documentId, [{ kind: 'span', id: row.id, before: null, after: row }]);
    return toSpan(row);
  })();
}

/** Tags several spans as one edit (one undo step); existing ones are left alone. Returns how many were added. */
export function tagSpans(db: Db, drafts: readonly SpanDraft[], description: string): number {
  return db.transaction(() => {
    const changes = [];
    for (const draft of drafts) {
      checkDraft(db, draft);
      const row = createSpan(db, { ...draft, status: 'accepted' });
      if (row) changes.push({ kind: 'span' as const, id: row.id, before: null, after: row });
    }
    const documents = new Set(drafts.map((draft) => draft.documentId));
    recordEdit(db, description, documents.size === 1 ? (drafts[0]?.documentId ?? null) : null, changes);
    return changes.length;
  })();
}

/** Changes a span's label or note. */
export function editSpan(db: Db, id: number, change: { readonly label?: string; readonly note?: string | null }): Span {
  return db.transaction(() => {
    const before = spanRow(db, id);
    if (!before) throw new NotFoundError(`span ${id} does not exist`);
    if (change.label !== undefined) checkLabel(db, change.label);
    let after;
    try {
      after = updateSpanRow(db, id, change);
    } catch (error) {
      if (String(error).includes('UNIQUE')) throw new ConflictError(`that span is already tagged ${change.label ?? ''}`.trim());
      throw error;
    }
    if (after.entity_id !== null && after.label !== before.label) {
      // An entity is of one label: a hospital span relabelled as a person is no longer a mention of that hospital.
      if (entityRow(db, after.entity_id)?.label !== after.label) after = setSpanEntity(db, id, null);
    }
    const what = change.label !== undefined && change.label !== before.label ? `relabel ${before.label} → ${change.label}` : 'edit note';
    recordEdit(db, what, before.document_id, [{ kind: 'span', id, before, after }]);
    return toSpan(after);
  })();
}

/** Deletes a span. */
export function removeSpan(db: Db, id: number): void {
  db.transaction(() => {
    const before = spanRow(db, id);
    if (!before) throw new NotFoundError(`span ${id} does not exist`);
    deleteSpanRow(db, id);
    recordEdit(db, `delete ${before.label}`, before.document_id, [{ kind: 'span', id, before, after: null }]);
  })();
}

/** Marks a document done (or not done any more). */
export function setDocumentDone(db: Db, documentId: number, done: boolean): void {
  db.transaction(() => {
    const row = statement(db, 'SELECT done_at FROM documents WHERE id = ?').get(documentId) as { done_at: string | null } | undefined;
    if (!row) throw new NotFoundError(`document ${documentId} does not exist`);
    if ((row.done_at !== null) === done) return;
    const after = done ? new Date().toISOString() : null;
    statement(db, 'UPDATE documents SET done_at = ? WHERE id = ?').run(after, documentId);
    recordEdit(db, done ? 'mark done' : 'mark not done', documentId, [{ kind: 'done', documentId, before: row.done_at, after }]);
  })();
}
