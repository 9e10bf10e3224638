/** The Overview view's figures: fetched when the view is shown and on Refresh. */
import { create } from 'zustand';
import type { OverviewDto } from '../../shared/api.js';
import { call } from '../api-client.js';
import { useUiStore } from './ui-store.js';

interface OverviewState {
  readonly overview: OverviewDto | null;
  readonly loading: boolean;
  /** When the figures on show were read (ms since the epoch), null before the first read. */
  readonly updatedAt: number | null;
  /** Reads every figure again; a later call wins over an earlier one still under way. */
  refresh(): Promise<void>;
}

let requestSeq = 0;

/** The Overview store. */
export const useOverviewStore = create<OverviewState>()((set) => ({
  overview: null,
  loading: false,
  updatedAt: null,
  refresh: async () => {
    const seq = ++requestSeq;
    set({ loading: true });
    try {
      const overview = await call('overview:get', {});
      if (seq === requestSeq) set({ overview, updatedAt: Date.now() });
    } catch (error) {
      if (seq === requestSeq) useUiStore.getState().reportError(error);
    } finally {
      if (seq === requestSeq) set({ loading: false });
    }
  },
}));
