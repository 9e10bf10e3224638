/**
 * The document list: filters, and pages of 100 rows fetched as they scroll into
 * view and cached. `total` sizes the scroll area before any row is loaded, so a
 * corpus of 100,000 documents costs only the pages actually looked at.
 */
import { create } from 'zustand';
import type { DocumentListItemDto, DocumentPageDto, DocumentStatus, InputOf } from '../../shared/api.js';
import { call } from '../api-client.js';
import { useTeamStore } from './team-store.js';
import { useUiStore } from './ui-store.js';

export const PAGE_SIZE = 100;
/** Pages kept in memory; the ones furthest from where the user looks go first. */
const MAX_CACHED_PAGES = 200;

export type DocumentSort = 'id' | 'title' | 'spans';

export interface ListFilters {
  readonly query: string;
  readonly status: DocumentStatus | null;
  readonly hasNoise: boolean;
  readonly label: string | null;
  readonly sort: DocumentSort;
}

export const NO_FILTERS: ListFilters = { query: '', status: null, hasNoise: false, label: null, sort: 'id' };

export type Counts = DocumentPageDto['counts'];

interface CachedPage {
  readonly items: readonly DocumentListItemDto[];
  /** The list version it was fetched at; an older one is shown but fetched again. */
  readonly version: number;
}

interface ListState {
  readonly filters: ListFilters;
  readonly total: number;
  readonly counts: Counts | null;
  /** Documents the search index has not caught up with yet (after an import): a query cannot find them so far. */
  readonly searchPending: number;
  readonly pages: ReadonlyMap<number, CachedPage>;
  /** Bumped when the filters change: answers for older filters are dropped. */
  readonly generation: number;
  /** Bumped when documents changed: cached pages are refetched when next in view. */
  readonly version: number;
  /** True once the current filters have an answer (until then the list says it is loading). */
  readonly loaded: boolean;
  /** Asks the list view to bring a row into view (J/K, undo in another document). */
  readonly scrollRequest: { readonly index: number; readonly nonce: number } | null;
  setFilters(change: Partial<ListFilters>): void;
  /** Fetches whatever pages rows first..last need and the cache lacks (or holds stale). */
  ensureRange(first: number, last: number): void;
  refresh(): void;
  /** The row at `index` under the current filters, fetching its page if needed. */
  itemAt(index: number): Promise<DocumentListItemDto | null>;
  /** The row at `index` if its page is cached. */
  peek(index: number): DocumentListItemDto | undefined;
  requestScroll(index: number): void;
}

/** The contract's input for one page under `filters`. */
export function pageInput(filters: ListFilters, page: number): InputOf<'documents:list'> {
  const input: InputOf<'documents:list'> = { sort: filters.sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
  const query = filters.query.trim();
  if (query !== '') input.query = query;
  if (filters.status !== null) input.status = filters.status;
  if (filters.hasNoise) input.hasNoise = true;
  if (filters.label !== null) input.label = filters.label;
  return input;
}

/** True when any filter narrows the list (the empty state then says "no match", not "no documents"). */
export function isFiltered(filters: ListFilters): boolean {
  return filters.query.trim() !== '' || filters.status !== null || filters.hasNoise || filters.label !== null;
}

const inFlight = new Map<string, Promise<void>>();
let scrollNonce = 0;

/** The document list store; pages are fetched by `ensureRange` as rows come into view. */
export const useListStore = create<ListState>()((set, get) => {
  const fetchPage = (page: number): Promise<void> => {
    const { filters, generation, version } = get();
    const key = `${generation}:${version}:${page}`;
    const pending = inFlight.get(key);
    if (pending) return pending;
    // Status marks, filters and counts are the current annotator's own.
    const annotator = useUiStore.getState().annotator;
    const mine = annotator === null ? {} : { annotator, ...(useTeamStore.getState().queue ? { queue: true } : {}) };
    const request = call('documents:list', { ...pageInput(filters, page), ...mine })
      .then((result) => {
        if (get().generation !== generation) return;
        set((state) => {
          const pages = new Map(state.pages);
          pages.set(page, { items: result.items, version });
          evict(pages, page);
          return { pages, total: result.total, counts: result.counts, searchPending: result.searchPending, loaded: true };
        });
      })
      .catch((error: unknown) => {
        if (get().generation !== generation) return;
        set({ loaded: true });
        useUiStore.getState().reportError(error);
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, request);
    return request;
  };

  return {
    filters: NO_FILTERS,
    total: 0,
    counts: null,
    searchPending: 0,
    pages: new Map(),
    generation: 0,
    version: 0,
    loaded: false,
    scrollRequest: null,
    setFilters: (change) => {
      const filters = { ...get().filters, ...change };
      set((state) => ({ filters, generation: state.generation + 1, pages: new Map(), loaded: false }));
      void fetchPage(0);
    },
    ensureRange: (first, last) => {
      const { pages, version, total, loaded } = get();
      const firstPage = Math.max(0, Math.floor(first / PAGE_SIZE));
      const lastPage = loaded ? Math.min(Math.floor(Math.max(0, total - 1) / PAGE_SIZE), Math.floor(last / PAGE_SIZE)) : firstPage;
      for (let page = firstPage; page <= lastPage; page++) {
        const cached = pages.get(page);
        if (!cached || cached.version < version) void fetchPage(page);
      }
    },
    refresh: () => {
      set((state) => ({ version: state.version + 1 }));
      // The first page also carries the counts of the header's progress bar.
      void fetchPage(0);
    },
    itemAt: async (index) => {
      if (index < 0) return null;
      const page = Math.floor(index / PAGE_SIZE);
      const generation = get().generation;
      const cached = get().pages.get(page);
      if (!cached) await fetchPage(page);
      if (get().generation !== generation) return null;
      return get().pages.get(page)?.items[index % PAGE_SIZE] ?? null;
    },
    peek: (index) => get().pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE],
    requestScroll: (index) => set({ scrollRequest: { index, nonce: ++scrollNonce } }),
  };
});

/** Drops the cached pages furthest from `around` once the cache is over its size. */
function evict(pages: Map<number, CachedPage>, around: number): void {
  if (pages.size <= MAX_CACHED_PAGES) return;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - around) - Math.abs(a - around));
  for (const page of byDistance.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(page);
}
