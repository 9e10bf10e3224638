import type { Span } from '../../shared/model.js';
import { ConflictError, NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { recordEdit } from '../store/history.js';
import { listLabels } from '../store/labels.js';
import { entityRow } from '../store/entities.js';
import {
  createSpan,
  decideSpanRow,
  deleteSpanRow,
  setSpanEntity,
  spanRow,
  suggestionAt,
  toSpan,
  updateSpanRow,
  type SpanChange,
  type SpanRow,
} from '../store/spans.js';
import { statement, writeTransaction } from '../store/statements.js';
import { learnFromSpans } from '../suggest/gazetteer.js';

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

function spanByAnnotatorAt(db: Db, draft: SpanDraft): boolean {
  return (
    statement(db, 'SELECT 1 FROM spans WHERE document_id = ? AND start_cp = ? AND end_cp = ? AND label = ? AND annotator = ?').get(
      draft.documentId,
      draft.startCp,
      draft.endCp,
      draft.label,
      draft.annotator,
    ) !== undefined
  );
}

/** Checks a span against its document and labels before anything is written. */
export function checkDraft(db: Db, draft: SpanDraft): void {
  const length = documentLength(db, draft.documentId);
  if (draft.startCp < 0 || draft.endCp > length || draft.startCp >= draft.endCp) {
    throw new UserError(`offsets ${draft.startCp}–${draft.endCp} are not a span inside the document (0–${length})`);
  }
  checkLabel(db, draft.label);
}

/**
 * Tags a span; refuses an exact duplicate by the same annotator. Tagging where
 * the same label is suggested accepts the suggestion rather than doubling it.
 */
export function tagSpan(db: Db, draft: SpanDraft): Span {
  return writeTransaction(db, () => {
    checkDraft(db, draft);
    const placed = placeTag(db, draft);
    if (!placed) throw new ConflictError(`${draft.label} is already tagged there by ${draft.annotator}`);
    const learnt = learnFromSpans(db, [draft], 'accepted');
    recordEdit(db, `tag ${draft.label}`, draft.documentId, [
      { kind: 'span', id: placed.after.id, before: placed.before, after: placed.after },
      ...learnt,
    ]);
    return toSpan(placed.after);
  })();
}

/**
 * Writes one tag: a suggestion of that label at that place becomes the
 * annotator's accepted span rather than gaining a twin beside it. Undefined
 * when the annotator already has that span.
 */
function placeTag(db: Db, draft: SpanDraft): { readonly before: SpanRow | null; readonly after: SpanRow } | undefined {
  const suggested = suggestionAt(db, draft.documentId, draft.startCp, draft.endCp, draft.label);
  if (suggested && !spanByAnnotatorAt(db, draft)) return { before: suggested, after: decideSpanRow(db, suggested.id, 'accepted', draft.annotator) };
  const created = createSpan(db, { ...draft, status: 'accepted' });
  return created && { before: null, after: created };
}

/**
 * Tags several spans as one edit (one undo step, or part of `batch`'s one step);
 * existing ones are left alone. Returns how many were added.
 */
export function tagSpans(db: Db, drafts: readonly SpanDraft[], description: string, batch: string | null = null): number {
  return writeTransaction(db, () => {
    const changes = [];
    const added: SpanDraft[] = [];
    for (const draft of drafts) {
      checkDraft(db, draft);
      const placed = placeTag(db, draft);
      if (!placed) continue;
      changes.push({ kind: 'span' as const, id: placed.after.id, before: placed.before, after: placed.after });
      added.push(draft);
    }
    const learnt = learnFromSpans(db, added, 'accepted');
    const documents = new Set(drafts.map((draft) => draft.documentId));
    recordEdit(db, description, documents.size === 1 ? (drafts[0]?.documentId ?? null) : null, [...changes, ...learnt], batch);
    return changes.length;
  })();
}

function describeEdit(before: { readonly label: string }, change: SpanChange): string {
  if (change.label !== undefined && change.label !== before.label) return `relabel ${before.label} → ${change.label}`;
  if (change.value !== undefined) return change.value === null ? `clear ${before.label} value` : `edit ${before.label} value`;
  return 'edit note';
}

/** Changes a span's label, note or normalised value. */
export function editSpan(db: Db, id: number, change: SpanChange): Span {
  return writeTransaction(db, () => {
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
    recordEdit(db, describeEdit(before, change), before.document_id, [{ kind: 'span', id, before, after }]);
    return toSpan(after);
  })();
}

/** Deletes a span. */
export function removeSpan(db: Db, id: number): void {
  writeTransaction(db, () => {
    const before = spanRow(db, id);
    if (!before) throw new NotFoundError(`span ${id} does not exist`);
    deleteSpanRow(db, id);
    recordEdit(db, `delete ${before.label}`, before.document_id, [{ kind: 'span', id, before, after: null }]);
  })();
}

/** Marks a document done (or not done any more). */
export function setDocumentDone(db: Db, documentId: number, done: boolean): void {
  writeTransaction(db, () => {
    const row = statement(db, 'SELECT done_at FROM documents WHERE id = ?').get(documentId) as { done_at: string | null } | undefined;
    if (!row) throw new NotFoundError(`document ${documentId} does not exist`);
    if ((row.done_at !== null) === done) return;
    const after = done ? new Date().toISOString() : null;
    statement(db, 'UPDATE documents SET done_at = ? WHERE id = ?').run(after, documentId);
    recordEdit(db, done ? 'mark done' : 'mark not done', documentId, [{ kind: 'done', documentId, before: row.done_at, after }]);
  })();
}
