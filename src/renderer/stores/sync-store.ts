/**
 * How this project stands with its team server, for the header's Sync button:
 * asked when the workbench opens, after each sync, and every half minute (so
 * "changes waiting" follows the edits made meanwhile without a request per edit).
 */
import { create } from 'zustand';
import type { SyncStatusDto } from '../../shared/api.js';
import { call } from '../api-client.js';

export interface ChangedByOthersItem {
  readonly kind: string;
  readonly key: string;
  readonly author: string;
  readonly changedAt: string;
  readonly summary: string;
}

interface SyncStoreState {
  /** Null until the first answer; `joined: false` for a project without a team. */
  readonly status: SyncStatusDto | null;
  /** The latest "changed by others" list, as last opened. */
  readonly changed: readonly ChangedByOthersItem[];
  load(): Promise<void>;
  loadChanged(markSeen: boolean): Promise<void>;
}

export const useSyncStore = create<SyncStoreState>()((set) => ({
  status: null,
  changed: [],
  load: async () => {
    set({ status: await call('sync:status', {}) });
  },
  loadChanged: async (markSeen) => {
    const { items } = await call('sync:changedByOthers', { markSeen });
    set({ changed: items });
  },
}));
