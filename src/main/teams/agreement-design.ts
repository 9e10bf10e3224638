import { ADJUDICATOR } from '../../shared/model.js';
import type { Db } from '../store/connection.js';
import { hasAssignments } from '../store/assignments.js';
import { statement } from '../store/statements.js';

/** The documents agreement is measured on when the lead assigned them: given to two or more and done by them. */
export interface AgreementDesign {
  /** Documents assigned to two or more of the annotators. */
  readonly assigned: number;
  /** Of those, the documents at least two of their assignees marked done: what is compared. */
  readonly documentIds: readonly number[];
  /** Per compared document, the assignees who marked it done. */
  readonly annotatedBy: ReadonlyMap<number, readonly string[]>;
  /** The annotators with assignments (the default choice). */
  readonly annotators: readonly string[];
}

/**
 * Reads the documents assigned to two or more of `annotators` (everyone with
 * assignments when omitted) with who finished each; parameter: the annotators (JSON).
 */
export const DESIGN_SQL = `SELECT a.document_id, a.annotator, p.done_at IS NOT NULL AS done
  FROM assignments a LEFT JOIN document_progress p ON p.annotator = a.annotator AND p.document_id = a.document_id
  WHERE a.annotator IN (SELECT value FROM json_each(?))
  ORDER BY a.document_id`;

/** The design agreement follows, or null when the project assigns nothing (agreement then compares whatever overlaps). */
export function agreementDesign(db: Db, annotators?: readonly string[]): AgreementDesign | null {
  if (!hasAssignments(db)) return null;
  const names =
    annotators ?? (statement(db, 'SELECT DISTINCT annotator FROM assignments WHERE annotator != ? ORDER BY annotator').pluck().all(ADJUDICATOR) as string[]);
  const byDocument = new Map<number, { assigned: number; done: string[] }>();
  for (const [documentId, annotator, done] of statement(db, DESIGN_SQL).raw(true).all(JSON.stringify(names)) as [number, string, number][]) {
    const entry = byDocument.get(documentId) ?? { assigned: 0, done: [] };
    entry.assigned++;
    if (done === 1) entry.done.push(annotator);
    byDocument.set(documentId, entry);
  }
  const shared = [...byDocument].filter(([, entry]) => entry.assigned >= 2);
  const compared = shared.filter(([, entry]) => entry.done.length >= 2);
  return {
    assigned: shared.length,
    documentIds: compared.map(([id]) => id),
    annotatedBy: new Map(compared.map(([id, entry]) => [id, entry.done])),
    annotators: names,
  };
}
