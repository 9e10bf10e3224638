import { changedByOthers, changedByOthersCount, markChangedByOthersSeen, pendingChangeCount, syncState } from '../sync/index.js';
import { serverOf } from '../team-client/sync-run.js';
import type { HandlerGroup } from './handlers.js';

/** The header's Sync button: how the project stands with its team server, syncing as a job, and what others changed. */
export const syncHandlers: HandlerGroup<'sync'> = {
  'sync:status': ({ db }) => {
    const state = syncState(db);
    return {
      joined: state.enabled,
      serverUrl: state.serverUrl,
      member: state.member,
      role: state.role,
      lastSyncedAt: state.lastSyncedAt,
      waiting: state.enabled ? pendingChangeCount(db) : 0,
      lastError: state.lastError,
      changedByOthers: state.enabled ? changedByOthersCount(db) : 0,
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
