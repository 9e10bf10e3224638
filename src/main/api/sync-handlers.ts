import { changedByOthers, markChangedByOthersSeen, syncState, syncStatus } from '../sync/index.js';
import { serverOf } from '../team-client/sync-run.js';
import type { HandlerGroup } from './handlers.js';

/** The header's Sync button: how the project stands with its team server, syncing as a job, and what others changed. */
export const syncHandlers: HandlerGroup<'sync'> = {
  'sync:status': ({ db }) => {
    const status = syncStatus(db);
    return {
      joined: status.enabled,
      serverUrl: syncState(db).serverUrl,
      member: status.member,
      role: status.role,
      lastSyncedAt: status.lastSyncedAt,
      waiting: status.waiting,
      setAside: status.unsendable,
      setAsideReason: status.unsendableReason,
      lastError: status.lastError,
      changedByOthers: status.changedByOthers,
    };
  },

  'sync:run': ({ db, jobs }) => {
    // Refused here, as an error of the request, rather than as a job that fails at once.
    serverOf(syncState(db));
    return { jobId: jobs.startSync() };
  },

  'sync:changedByOthers': ({ db }, { markSeen }) => {
    const items = changedByOthers(db, 200);
    if (markSeen) markChangedByOthersSeen(db);
    return { items: [...items] };
  },
};
