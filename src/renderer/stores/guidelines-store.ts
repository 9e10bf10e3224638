/**
 * The guidelines panel: whether it is shown (remembered in this browser) and
 * the project's guidelines, fetched when first shown and saved as the lead
 * edits them.
 */
import { create } from 'zustand';
import type { GuidelinesDto } from '../../shared/api.js';
import { call } from '../api-client.js';
import { useUiStore } from './ui-store.js';

const OPEN_KEY = 'marginalia.guidelinesOpen';

function readOpen(): boolean {
  try {
    return globalThis.localStorage?.getItem(OPEN_KEY) === 'true';
  } catch {
    return false;
  }
}

interface GuidelinesState {
  readonly open: boolean;
  readonly guidelines: GuidelinesDto | null;
  toggle(): void;
  load(): Promise<void>;
  /** Saves new guidelines (null: back to the built-in rules); true when saved. */
  save(text: string | null): Promise<boolean>;
}

export const useGuidelinesStore = create<GuidelinesState>()((set, get) => ({
  open: readOpen(),
  guidelines: null,
  toggle: () => {
    const open = !get().open;
    try {
      globalThis.localStorage?.setItem(OPEN_KEY, String(open));
    } catch {
      // Remembered for this session only.
    }
    set({ open });
    if (open && get().guidelines === null) void get().load();
  },
  load: async () => {
    try {
      set({ guidelines: await call('guidelines:get', {}) });
    } catch (error) {
      useUiStore.getState().reportError(error);
    }
  },
  save: async (text) => {
    try {
      set({ guidelines: await call('guidelines:update', { text }) });
      return true;
    } catch (error) {
      useUiStore.getState().reportError(error);
      return false;
    }
  },
}));
