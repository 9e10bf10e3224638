import { applyTransfers, planTransfers } from '../dedupe/transfers.js';
import { decideDuplicateCluster, splitDuplicateCluster } from '../dedupe/review.js';
import { blindAnnotationOn } from '../annotate/blind-annotation.js';
import { NotFoundError } from '../errors.js';
import { clusterMembers, clusterPage, clusterSummary } from '../store/duplicates.js';
import type { HandlerGroup } from './handlers.js';

/** Duplicate clusters: detection, review, and carrying spans across confirmed clusters. */
export const duplicateHandlers: HandlerGroup<'duplicates'> = {
  'duplicates:list': ({ db }, input) => clusterPage(db, input),

  'duplicates:get': ({ db }, { id, annotator, everyone }) => {
    const summary = clusterSummary(db, id);
    if (!summary) throw new NotFoundError(`duplicate cluster ${id} does not exist`);
    // As in the document view: blind annotation shows my spans only, unless a curator asks for everyone's.
    const blind = annotator !== undefined && everyone !== true && blindAnnotationOn(db);
    return { ...summary, memberList: clusterMembers(db, id, blind ? annotator : undefined) };
  },

  'duplicates:detect': ({ jobs }, settings) => ({ jobId: jobs.startDedupe(settings) }),

  'duplicates:decide': ({ db }, { id, status, annotator }) => decideDuplicateCluster(db, id, status, annotator),

  'duplicates:split': ({ db }, { id, memberIds }) => splitDuplicateCluster(db, id, memberIds),

  'duplicates:transfers': ({ db }, { clusterId, annotator }) => planTransfers(db, clusterId, annotator),

  'duplicates:applyTransfers': ({ db }, { clusterId, annotator, offers }) => ({ created: applyTransfers(db, clusterId, annotator, offers) }),
};
