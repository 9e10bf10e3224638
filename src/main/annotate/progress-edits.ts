import { NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { ensureAnnotator } from '../store/annotators.js';
import { assignedAt, setAssignedAt } from '../store/assignments.js';
import { recordEdit, type Change } from '../store/history.js';
import { doneAt, setDoneAt } from '../store/progress.js';
import { now, statement, writeTransaction } from '../store/statements.js';
import { drawAssignments, type AssignmentShare } from '../teams/assignment-draw.js';

/** Edits of who does what: each annotator's done marks and the lead's assignments, each one undo step. */

function mustExist(db: Db, documentId: number): void {
  if (statement(db, 'SELECT 1 FROM documents WHERE id = ?').get(documentId) === undefined) throw new NotFoundError(`document ${documentId} does not exist`);
}

/** Marks a document done for one annotator (or not done any more); other annotators' marks stay as they are. */
export function setDocumentDone(db: Db, documentId: number, annotator: string, done: boolean): void {
  writeTransaction(db, () => {
    mustExist(db, documentId);
    ensureAnnotator(db, annotator);
    const before = doneAt(db, documentId, annotator);
    if ((before !== null) === done) return;
    const after = done ? now() : null;
    setDoneAt(db, documentId, annotator, after);
    recordEdit(db, done ? 'mark done' : 'mark not done', documentId, [{ kind: 'done', documentId, annotator, before, after }]);
  })();
}

export interface AssignOptions {
  readonly annotators: readonly string[];
  readonly share: AssignmentShare;
  readonly overlap: number;
  readonly seed: number;
  /** The documents to deal out (a filter's or a search's result); every document when omitted. */
  readonly documentIds?: readonly number[];
  /** Take the chosen documents back from everyone first, so the draw is all they are assigned. */
  readonly replace?: boolean;
}

export interface AssignReport {
  readonly documents: number;
  /** New assignments (a document already given to someone is not given twice). */
  readonly assigned: number;
  /** Documents given to two annotators or more after the draw. */
  readonly overlapping: number;
  readonly perAnnotator: { readonly annotator: string; readonly documents: number }[];
}

/**
 * Assigns documents to annotators as one edit (one undo step): all of them to
 * everyone, or a share each with an overlap drawn from the seed.
 */
export function assignDocuments(db: Db, options: AssignOptions): AssignReport {
  const annotators = [...new Set(options.annotators.map((name) => name.trim()))];
  if (annotators.length === 0) throw new UserError('name at least one annotator to assign documents to');
  if (options.overlap < 0 || options.overlap > 1) throw new UserError('the overlap is a share of the documents, from 0 to 1');
  return writeTransaction(db, () => {
    for (const name of annotators) ensureAnnotator(db, name);
    const ids = options.documentIds ? [...new Set(options.documentIds)] : (statement(db, 'SELECT id FROM documents ORDER BY id').pluck().all() as number[]);
    if (options.documentIds) {
      const known = new Set(statement(db, 'SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids)) as number[]);
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length > 0) throw new NotFoundError(`no document ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
    }
    const draw = drawAssignments({ documentIds: ids, annotators, share: options.share, overlap: options.overlap, seed: options.seed });
    const stamp = now();
    const changes: Change[] = [];
    if (options.replace) {
      for (const documentId of draw.keys()) {
        const rows = statement(db, 'SELECT annotator, assigned_at FROM assignments WHERE document_id = ?').all(documentId) as { annotator: string; assigned_at: string }[];
        for (const row of rows) {
          setAssignedAt(db, documentId, row.annotator, null);
          changes.push({ kind: 'assignment', documentId, annotator: row.annotator, before: row.assigned_at, after: null });
        }
      }
    }
    let assigned = 0;
    for (const [documentId, given] of draw) {
      for (const annotator of given) {
        if (assignedAt(db, documentId, annotator) !== null) continue;
        setAssignedAt(db, documentId, annotator, stamp);
        // A document taken back above and given again is two changes: undo walks them backwards to the first assignment.
        changes.push({ kind: 'assignment', documentId, annotator, before: null, after: stamp });
        assigned++;
      }
    }
    recordEdit(db, `assign ${draw.size} document${draw.size === 1 ? '' : 's'} to ${annotators.join(', ')}`, null, changes);
    const overlapping = statement(db, 'SELECT count(*) FROM (SELECT document_id FROM assignments GROUP BY document_id HAVING count(*) >= 2)').pluck().get() as number;
    const perAnnotator = annotators.map((annotator) => ({ annotator, documents: [...draw.values()].filter((given) => given.includes(annotator)).length }));
    return { documents: draw.size, assigned, overlapping, perAnnotator };
  })();
}
