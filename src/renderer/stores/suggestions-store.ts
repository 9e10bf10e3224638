/**
 * The Entities view's Suggestions tab: spans that look like mentions of one
 * entity, fetched a page at a time, and which of them are ticked for the bulk
 * accept and reject.
 */
import { create } from 'zustand';
import type { EntitySuggestionDto, InputOf } from '../../shared/api.js';
import { call } from '../api-client.js';
import { useUiStore } from './ui-store.js';

const SUGGESTION_PAGE_SIZE = 100;

interface SuggestionsState {
  readonly label: string | null;
  readonly items: readonly EntitySuggestionDto[];
  readonly total: number;
  readonly loaded: boolean;
  readonly loading: boolean;
  /** Keys of the ticked suggestions. */
  readonly chosen: ReadonlySet<string>;
  /** The row the keyboard is on. */
  readonly cursor: number;
  setLabel(label: string | null): void;
  /** Fetches the first page again (after a decision, undo, new spans). */
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  toggle(key: string): void;
  setAll(on: boolean): void;
  moveCursor(step: number): void;
}

let requestSeq = 0;

function pageInput(label: string | null, offset: number): InputOf<'entities:suggestions'> {
  return label === null ? { offset, limit: SUGGESTION_PAGE_SIZE } : { label, offset, limit: SUGGESTION_PAGE_SIZE };
}

/** The suggestions store. */
export const useSuggestionsStore = create<SuggestionsState>()((set, get) => {
  const fetchFrom = async (offset: number): Promise<void> => {
    const seq = ++requestSeq;
    set({ loading: true });
    try {
      const page = await call('entities:suggestions', pageInput(get().label, offset));
      if (seq !== requestSeq) return;
      const items = offset === 0 ? page.items : [...get().items, ...page.items];
      const keys = new Set(items.map((item) => item.key));
      // Suggestions rest on spans and entities; after a change some vanish, and their ticks with them.
      const chosen = new Set([...get().chosen].filter((key) => keys.has(key)));
      set({ items, total: page.total, loaded: true, chosen, cursor: Math.min(get().cursor, Math.max(0, items.length - 1)) });
    } catch (error) {
      if (seq === requestSeq) {
        set({ loaded: true });
        useUiStore.getState().reportError(error);
      }
    } finally {
      if (seq === requestSeq) set({ loading: false });
    }
  };

  return {
    label: null,
    items: [],
    total: 0,
    loaded: false,
    loading: false,
    chosen: new Set(),
    cursor: 0,
    setLabel: (label) => {
      set({ label, items: [], loaded: false, chosen: new Set(), cursor: 0 });
      void fetchFrom(0);
    },
    reload: () => fetchFrom(0),
    loadMore: () => fetchFrom(get().items.length),
    toggle: (key) => {
      const chosen = new Set(get().chosen);
      if (chosen.has(key)) chosen.delete(key);
      else chosen.add(key);
      set({ chosen });
    },
    setAll: (on) => set({ chosen: on ? new Set(get().items.map((item) => item.key)) : new Set() }),
    moveCursor: (step) => {
      const count = get().items.length;
      if (count > 0) set({ cursor: Math.max(0, Math.min(count - 1, get().cursor + step)) });
    },
  };
});
