import type { AnnotatorSummaryDto } from '../../shared/api.js';
import { assignDocuments, type AssignOptions } from '../annotate/progress-edits.js';
import { blindAnnotationOn } from '../annotate/blind-annotation.js';
import { NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { addAnnotator, projectAnnotators, updateAnnotator } from '../store/annotators.js';
import { listAssignments, overlapCounts, queueSummaries, unassignedDocumentIds } from '../store/assignments.js';
import { documentIdsMatching } from '../store/document-list.js';
import { statement, writeTransaction } from '../store/statements.js';
import type { HandlerGroup } from './handlers.js';

interface Counts {
  accepted: number;
  suggested: number;
  rejected: number;
  documents: number;
}

/** Every annotator of the project with their spans, done marks and queue. */
export function annotatorSummaries(db: Db): AnnotatorSummaryDto[] {
  const spans = new Map(
    (
      statement(
        db,
        `SELECT annotator AS name,
                count(*) FILTER (WHERE status = 'accepted') AS accepted,
                count(*) FILTER (WHERE status = 'suggested') AS suggested,
                count(*) FILTER (WHERE status = 'rejected') AS rejected,
                count(DISTINCT document_id) AS documents
         FROM spans WHERE annotator != '' GROUP BY annotator`,
      ).all() as (Counts & { name: string })[]
    ).map(({ name, ...counts }) => [name, counts]),
  );
  const done = new Map((statement(db, 'SELECT annotator, count(*) AS n FROM document_progress GROUP BY annotator').raw(true).all() as [string, number][]));
  const queues = new Map(queueSummaries(db).map((queue) => [queue.annotator, queue]));
  const annotators = projectAnnotators(db);
  // The adjudicated result is no annotator, but agreement and export still choose it by name.
  const names = new Set(annotators.map((each) => each.name));
  const extra = [...spans.keys()].filter((name) => !names.has(name)).map((name) => ({ name, color: null, position: null }));
  return [...annotators, ...extra].map((annotator) => {
    const counts = spans.get(annotator.name) ?? { accepted: 0, suggested: 0, rejected: 0, documents: 0 };
    const queue = queues.get(annotator.name);
    return { ...annotator, ...counts, done: done.get(annotator.name) ?? 0, assigned: queue?.assigned ?? 0, assignedDone: queue?.done ?? 0 };
  });
}

function summaryOf(db: Db, name: string): AnnotatorSummaryDto {
  const found = annotatorSummaries(db).find((each) => each.name === name);
  if (!found) throw new NotFoundError(`no annotator ${name}`);
  return found;
}

/** The project's annotators: listing, adding and changing them. */
export const annotatorHandlers: HandlerGroup<'annotators'> = {
  'annotators:list': ({ db }) => annotatorSummaries(db),
  'annotators:create': ({ db }, input) => {
    writeTransaction(db, () => addAnnotator(db, input))();
    return summaryOf(db, input.name);
  },
  'annotators:update': ({ db }, { name, ...change }) => {
    writeTransaction(db, () => updateAnnotator(db, name, change))();
    return summaryOf(db, name);
  },
};

/** Who is given which documents. */
export const assignmentHandlers: HandlerGroup<'assignments'> = {
  'assignments:make': ({ db }, { filter, documentIds, onlyUnassigned, unassignedLimit, ...rest }) => {
    if (onlyUnassigned && (documentIds !== undefined || filter !== undefined)) throw new UserError('onlyUnassigned deals the documents nobody has; it takes no documentIds or filter');
    const options: AssignOptions = {
      ...rest,
      documentIds: onlyUnassigned
        ? unassignedDocumentIds(db, unassignedLimit)
        : (documentIds ??
          (filter ? documentIdsMatching(db, { ...filter, ownSpans: filter.annotator !== undefined && blindAnnotationOn(db) }) : undefined)),
    };
    return assignDocuments(db, options);
  },
  'assignments:list': ({ db }, input) => listAssignments(db, input),
  'assignments:summary': ({ db }) => {
    const byAnnotators = overlapCounts(db);
    const total = statement(db, 'SELECT count(*) FROM documents').pluck().get() as number;
    return {
      perAnnotator: queueSummaries(db).map((queue) => ({ ...queue })),
      byAnnotators,
      unassigned: total - byAnnotators.reduce((sum, each) => sum + each.documents, 0),
    };
  },
};
