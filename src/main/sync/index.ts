/** The laptop side of team sync: what the sync command and the API use. */
export { applyPulled, type ApplyResult } from './apply.js';
export { currentHlc, observeClock } from './clock.js';
export { addPulledDocuments } from './documents.js';
export { changedByOthers, changedByOthersCount, markChangedByOthersSeen, type ChangeByOther } from './incoming.js';
export { acknowledgePushed, pendingChangeCount, readOutbox, setAsideUnsendable } from './outbox.js';
export {
  disableSync,
  enableSync,
  ensureSyncTriggers,
  recordSyncOutcome,
  setDocumentsCursor,
  syncState,
  syncStatus,
  type EnableSyncInput,
  type SyncState,
  type SyncStatus,
} from './state.js';
