import type { Span } from '../../shared/model.js';
import { ConflictError, NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { recordEdit, type Change } from '../store/history.js';
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
import { now, statement, writeTransaction } from '../store/statements.js';
import { setDecision } from '../store/decisions.js';
import { learnFromSpans } from '../suggest/gazetteer.js';
import { blindAnnotationOn } from './blind-annotation.js';

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
      ...placed.decisions,
      ...learnt,
    ]);
    return toSpan(placed.after);
  })();
}

interface PlacedTag {
  readonly before: SpanRow | null;
  readonly after: SpanRow;
  /** The annotator's decision on a shared suggestion the tag accepted (blind annotation). */
  readonly decisions: readonly Change[];
}

/**
 * Writes one tag: a suggestion of that label at that place becomes the
 * annotator's accepted span rather than gaining a twin beside it. With blind
 * annotation the shared suggestion stays for the others: the annotator gets
 * their own span and their decision on the suggestion is recorded. Undefined
 * when the annotator already has that span.
 */
function placeTag(db: Db, draft: SpanDraft): PlacedTag | undefined {
  const suggested = suggestionAt(db, draft.documentId, draft.startCp, draft.endCp, draft.label);
  const shared = suggested !== undefined && suggested.annotator === '' && blindAnnotationOn(db);
  if (suggested && !shared && !spanByAnnotatorAt(db, draft)) {
    return { before: suggested, after: decideSpanRow(db, suggested.id, 'accepted', draft.annotator), decisions: [] };
  }
  const created = createSpan(db, { ...draft, status: 'accepted', recogniser: shared ? suggested.recogniser : null, confidence: shared ? suggested.confidence : null });
  if (!created) return undefined;
  if (!shared) return { before: null, after: created, decisions: [] };
  const decision = { decision: 'accepted' as const, decided_at: now() };
  setDecision(db, suggested.id, draft.annotator, decision);
  return { before: null, after: created, decisions: [{ kind: 'decision', spanId: suggested.id, annotator: draft.annotator, before: null, after: decision }] };
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
      changes.push({ kind: 'span' as const, id: placed.after.id, before: placed.before, after: placed.after }, ...placed.decisions);
      added.push(draft);
    }
    const learnt = learnFromSpans(db, added, 'accepted');
    const documents = new Set(drafts.map((draft) => draft.documentId));
    recordEdit(db, description, documents.size === 1 ? (drafts[0]?.documentId ?? null) : null, [...changes, ...learnt], batch);
    return added.length;
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
