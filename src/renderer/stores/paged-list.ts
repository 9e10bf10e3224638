/**
 * A list the server pages (duplicate clusters, entities): filters, and pages
 * fetched as their rows scroll into view and cached, the way the document list
 * works. `total` sizes the scroll area before any row is loaded.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { useUiStore } from './ui-store.js';

/** One answer of the server for a page: the rows, the total under the filters, and whatever else the list shows. */
export interface PageAnswer<Item, Extra> {
  readonly total: number;
  readonly items: readonly Item[];
  readonly extra: Extra;
}

interface CachedPage<Item> {
  readonly items: readonly Item[];
  /** The list version it was fetched at; an older one is shown but fetched again. */
  readonly version: number;
}

export interface PagedListState<Item, Filters, Extra> {
  readonly filters: Filters;
  readonly total: number;
  /** What came with the latest page besides the rows (counts for tabs, …). */
  readonly extra: Extra | null;
  readonly pages: ReadonlyMap<number, CachedPage<Item>>;
  /** Bumped when the filters change: answers for older filters are dropped. */
  readonly generation: number;
  /** Bumped on refresh: cached pages are refetched when next in view. */
  readonly version: number;
  /** True once the current filters have an answer. */
  readonly loaded: boolean;
  setFilters(change: Partial<Filters>): void;
  /** Fetches whatever pages rows first..last need and the cache lacks (or holds stale). */
  ensureRange(first: number, last: number): void;
  /** Fetches the first page again now; the others when next in view. */
  refresh(): Promise<void>;
  /** The row at `index`, fetching its page if needed (null past the end). */
  itemAt(index: number): Promise<Item | null>;
  /** The row at `index` if its page is cached. */
  peek(index: number): Item | undefined;
  /** Where the row with `id` is among the cached pages, or null. */
  indexOf(id: number): number | null;
}

export interface PagedListOptions<Item, Filters, Extra> {
  readonly initialFilters: Filters;
  readonly pageSize: number;
  readonly fetchPage: (filters: Filters, offset: number, limit: number) => Promise<PageAnswer<Item, Extra>>;
  readonly idOf: (item: Item) => number;
}

/** Pages kept in memory; the ones furthest from where the user looks go first. */
const MAX_CACHED_PAGES = 100;

/** A zustand store for one paged list. */
export function createPagedList<Item, Filters extends object, Extra>(
  options: PagedListOptions<Item, Filters, Extra>,
): UseBoundStore<StoreApi<PagedListState<Item, Filters, Extra>>> {
  const { pageSize } = options;
  const inFlight = new Map<string, Promise<void>>();
  return create<PagedListState<Item, Filters, Extra>>()((set, get) => {
    const fetchPage = (page: number): Promise<void> => {
      const { filters, generation, version } = get();
      const key = `${generation}:${version}:${page}`;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const request = options
        .fetchPage(filters, page * pageSize, pageSize)
        .then((answer) => {
          if (get().generation !== generation) return;
          set((state) => {
            const pages = new Map(state.pages);
            pages.set(page, { items: answer.items, version });
            evict(pages, page);
            return { pages, total: answer.total, extra: answer.extra, loaded: true };
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
      filters: options.initialFilters,
      total: 0,
      extra: null,
      pages: new Map(),
      generation: 0,
      version: 0,
      loaded: false,
      setFilters: (change) => {
        const filters = { ...get().filters, ...change };
        set((state) => ({ filters, generation: state.generation + 1, pages: new Map(), loaded: false }));
        void fetchPage(0);
      },
      ensureRange: (first, last) => {
        const { pages, version, total, loaded } = get();
        const firstPage = Math.max(0, Math.floor(first / pageSize));
        const lastPage = loaded ? Math.min(Math.floor(Math.max(0, total - 1) / pageSize), Math.floor(last / pageSize)) : firstPage;
        for (let page = firstPage; page <= lastPage; page++) {
          const cached = pages.get(page);
          if (!cached || cached.version < version) void fetchPage(page);
        }
      },
      refresh: () => {
        set((state) => ({ version: state.version + 1 }));
        return fetchPage(0);
      },
      itemAt: async (index) => {
        if (index < 0) return null;
        const page = Math.floor(index / pageSize);
        const generation = get().generation;
        const cached = get().pages.get(page);
        if (!cached || cached.version < get().version) await fetchPage(page);
        if (get().generation !== generation) return null;
        return get().pages.get(page)?.items[index % pageSize] ?? null;
      },
      peek: (index) => get().pages.get(Math.floor(index / pageSize))?.items[index % pageSize],
      indexOf: (id) => {
        for (const [page, cached] of get().pages) {
          const offset = cached.items.findIndex((item) => options.idOf(item) === id);
          if (offset >= 0) return page * pageSize + offset;
        }
        return null;
      },
    };
  });
}

/** Drops the cached pages furthest from `around` once the cache is over its size. */
function evict<Item>(pages: Map<number, CachedPage<Item>>, around: number): void {
  if (pages.size <= MAX_CACHED_PAGES) return;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - around) - Math.abs(a - around));
  for (const page of byDistance.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(page);
}
