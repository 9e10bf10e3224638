import type { Db } from './connection.js';
import { deleteEntityRow, restoreEntityRow, type EntityRow } from './entities.js';
import { deleteSpanRow, restoreSpanRow, type SpanRow } from './spans.js';
import { countGazetteerForm, deleteGazetteerForm, restoreGazetteerForm, uncountGazetteerForm, type GazetteerRow } from './gazetteer.js';
import { now, statement, writeTransaction } from './statements.js';
import { setAssignedAt } from './assignments.js';
import { setDecision, type DecisionRow } from './decisions.js';
import { setDoneAt, setLegacyDoneAt } from './progress.js';
import { setAnnotatorEntry, type AnnotatorEntry } from './annotators.js';

/**
 * One row-level change of an edit: the state before and after. Undo puts
 * `before` back, redo puts `after` back; null means "no such row". Changes are
 * applied in order on redo and in reverse on undo, so an edit lists them in an
 * order the foreign keys accept both ways: an entity is created before spans
 * are linked to it, and deleted only after its spans were moved away.
 */
export type Change =
  | { readonly kind: 'span'; readonly id: number; readonly before: SpanRow | null; readonly after: SpanRow | null }
  | { readonly kind: 'entity'; readonly id: number; readonly before: EntityRow | null; readonly after: EntityRow | null }
  /**
   * An annotator's done mark (its time, or null). Edits recorded before marks
   * were per annotator name nobody: they mean whom migration 015 gave the mark.
   */
  | { readonly kind: 'done'; readonly documentId: number; readonly annotator?: string; readonly before: string | null; readonly after: string | null }
  /** A document given to (assigned_at) or taken from (null) an annotator. */
  | { readonly kind: 'assignment'; readonly documentId: number; readonly annotator: string; readonly before: string | null; readonly after: string | null }
  /** An annotator's own decision on a shared suggestion, or null for none. */
  | { readonly kind: 'decision'; readonly spanId: number; readonly annotator: string; readonly before: DecisionRow | null; readonly after: DecisionRow | null }
  /** What an edit added to a learnt form's counts: undo takes it off again, redo adds it back. */
  | { readonly kind: 'gazetteer'; readonly label: string; readonly surface: string; readonly accepted: number; readonly rejected: number }
  /** An annotator's entry in the project's list (colour, place), or null for none. */
  | { readonly kind: 'annotator'; readonly name: string; readonly before: AnnotatorEntry | null; readonly after: AnnotatorEntry | null }
  /** A learnt form's whole row, before and after (removing a form from the Learnt forms list). */
  | { readonly kind: 'learnt-form'; readonly label: string; readonly surface: string; readonly before: GazetteerRow | null; readonly after: GazetteerRow | null };

export interface HistoryState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export interface HistoryStep extends HistoryState {
  readonly applied: boolean;
  readonly description: string | null;
  readonly documentId: number | null;
}

/**
 * Records an edit that was just made. A new edit ends the redo branch, as in
 * every editor: what was undone before it can no longer be redone.
 */
export function recordEdit(db: Db, description: string, documentId: number | null, changes: readonly Change[], batch: string | null = null): void {
  if (changes.length === 0) return;
  statement(db, 'DELETE FROM edits WHERE undone = 1').run();
  statement(db, 'INSERT INTO edits (description, document_id, changes, created_at, batch) VALUES (?, ?, ?, ?, ?)').run(
    description,
    documentId,
    JSON.stringify(changes),
    now(),
    batch,
  );
}

/** Names every edit of a batch once the job that made them knows what it did in all. */
export function describeBatch(db: Db, batch: string, description: string): void {
  statement(db, 'UPDATE edits SET description = ? WHERE batch = ?').run(description, batch);
}

function applyChange(db: Db, change: Change, direction: 'undo' | 'redo'): void {
  switch (change.kind) {
    case 'span': {
      const target = direction === 'undo' ? change.before : change.after;
      if (target) restoreSpanRow(db, target);
      else deleteSpanRow(db, change.id);
      return;
    }
    case 'entity': {
      const target = direction === 'undo' ? change.before : change.after;
      if (target) restoreEntityRow(db, target);
      else deleteEntityRow(db, change.id);
      return;
    }
    case 'done': {
      const target = direction === 'undo' ? change.before : change.after;
      if (change.annotator === undefined) setLegacyDoneAt(db, change.documentId, target);
      else setDoneAt(db, change.documentId, change.annotator, target);
      return;
    }
    case 'annotator': {
      setAnnotatorEntry(db, change.name, direction === 'undo' ? change.before : change.after);
      return;
    }
    case 'assignment': {
      setAssignedAt(db, change.documentId, change.annotator, direction === 'undo' ? change.before : change.after);
      return;
    }
    case 'decision': {
      setDecision(db, change.spanId, change.annotator, direction === 'undo' ? change.before : change.after);
      return;
    }
    case 'gazetteer': {
      if (direction === 'undo') uncountGazetteerForm(db, change.label, change.surface, change);
      else countGazetteerForm(db, change.label, change.surface, change);
      return;
    }
    case 'learnt-form': {
      const target = direction === 'undo' ? change.before : change.after;
      if (target) restoreGazetteerForm(db, target);
      else deleteGazetteerForm(db, change.label, change.surface);
      return;
    }
  }
}

/** Whether there is anything to undo or redo. */
export function historyState(db: Db): HistoryState {
  const row = statement(
    db,
    'SELECT EXISTS (SELECT 1 FROM edits WHERE undone = 0) AS canUndo, EXISTS (SELECT 1 FROM edits WHERE undone = 1) AS canRedo',
  ).get() as { canUndo: number; canRedo: number };
  return { canUndo: row.canUndo === 1, canRedo: row.canRedo === 1 };
}

/** The edits of a batch still to undo, newest first: a batch is undone as one step. Read by edits_by_batch. */
export const BATCH_TO_UNDO_SQL = 'SELECT * FROM edits WHERE batch = ? AND undone = 0 ORDER BY id DESC';
/** The undone edits of a batch, oldest first, to make again as one step. */
export const BATCH_TO_REDO_SQL = 'SELECT * FROM edits WHERE batch = ? AND undone = 1 ORDER BY id ASC';

interface EditRow {
  readonly id: number;
  readonly description: string;
  readonly document_id: number | null;
  readonly changes: string;
  readonly batch: string | null;
}

function applyEdit(db: Db, edit: EditRow, direction: 'undo' | 'redo'): void {
  const changes = JSON.parse(edit.changes) as Change[];
  // Undo walks the changes backwards, so an edit that touched a row twice ends where it began.
  const ordered = direction === 'undo' ? [...changes].reverse() : changes;
  for (const change of ordered) applyChange(db, change, direction);
  statement(db, 'UPDATE edits SET undone = ? WHERE id = ?').run(direction === 'undo' ? 1 : 0, edit.id);
}

function step(db: Db, direction: 'undo' | 'redo'): HistoryStep {
  const edit = statement(
    db,
    direction === 'undo'
      ? 'SELECT * FROM edits WHERE undone = 0 ORDER BY id DESC LIMIT 1'
      : 'SELECT * FROM edits WHERE undone = 1 ORDER BY id ASC LIMIT 1',
  ).get() as EditRow | undefined;
  if (!edit) return { applied: false, description: null, documentId: null, ...historyState(db) };
  // A batch is one step: its edits are undone newest first and made again oldest first.
  const edits =
    edit.batch === null
      ? [edit]
      : (statement(db, direction === 'undo' ? BATCH_TO_UNDO_SQL : BATCH_TO_REDO_SQL).all(edit.batch) as EditRow[]);
  for (const each of edits) applyEdit(db, each, direction);
  return { applied: true, description: edit.description, documentId: edit.document_id, ...historyState(db) };
}

/** Takes back the latest edit that is not undone yet. */
export function undo(db: Db): HistoryStep {
  return writeTransaction(db, () => step(db, 'undo'))();
}

/** Makes the earliest undone edit again. */
export function redo(db: Db): HistoryStep {
  return writeTransaction(db, () => step(db, 'redo'))();
}
