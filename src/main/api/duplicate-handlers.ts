import { applyTransfers, planTransfers } from '../dedupe/transfers.js';
import { decideDuplicateCluster, splitDuplicateCluster } from '../dedupe/review.js';
import { NotFoundError } from '../errors.js';
import { clusterMembers, clusterPage, clusterSummary } from '../store/duplicates.js';
import type { HandlerGroup } from './handlers.js';

/** Duplicate clusters: detection, review, and carrying spans across confirmed clusters. */
export const duplicateHandlers: HandlerGroup<'duplicates'> = {
  'duplicates:list': ({ db }, input) => clusterPage(db, input),

  'duplicates:get': ({ db }, { id }) => {
    const summary = clusterSummary(db, id);
    if (!summary) throw new NotFoundError(`duplicate cluster ${id} does not exist`);
    return { ...summary, memberList: clusterMembers(db, id) };
  },

  'duplicates:detect': ({ jobs }, settings) => ({ jobId: jobs.startDedupe(settings) }),

  'duplicates:decide': ({ db }, { id, status, annotator }) => decideDuplicateCluster(db, id, status, annotator),

  'duplicates:split': ({ db }, { id, memberIds }) => splitDuplicateCluster(db, id, memberIds),

  'duplicates:transfers': ({ db }, { clusterId }) => planTransfers(db, clusterId),

  'duplicates:applyTransfers': ({ db }, { clusterId, annotator, offers }) => ({ created: applyTransfers(db, clusterId, annotator, offers) }),
};
