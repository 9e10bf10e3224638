/**
 * The Entities view: the paged list of entities under a label filter and a
 * search, the entities selected (several for a merge), the one on show with its
 * mentions, and the mentions chosen for a split.
 */
import { create } from 'zustand';
import type { EntityDetailDto, EntitySummaryDto, InputOf } from '../../shared/api.js';
import { ApiCallError, call } from '../api-client.js';
import { createPagedList } from './paged-list.js';
import { useUiStore } from './ui-store.js';

export interface EntityFilters {
  readonly label: string | null;
  readonly query: string;
}

export const ENTITY_PAGE_SIZE = 100;

/** The contract's input for one page of entities under `filters`. */
export function entityPageInput(filters: EntityFilters, offset: number, limit: number): InputOf<'entities:list'> {
  const input: InputOf<'entities:list'> = { offset, limit };
  const query = filters.query.trim();
  if (query !== '') input.query = query;
  if (filters.label !== null) input.label = filters.label;
  return input;
}

/** The entity list under the label filter and search. */
export const useEntityList = createPagedList<EntitySummaryDto, EntityFilters, null>({
  initialFilters: { label: null, query: '' },
  pageSize: ENTITY_PAGE_SIZE,
  idOf: (entity) => entity.id,
  fetchPage: async (filters, offset, limit) => {
    const page = await call('entities:list', entityPageInput(filters, offset, limit));
    return { total: page.total, items: page.items, extra: null };
  },
});

export type EntitiesTab = 'entities' | 'suggestions';

interface EntitiesState {
  readonly tab: EntitiesTab;
  /** Where the current entity sits in the list (null when not known). */
  readonly cursor: number | null;
  readonly currentId: number | null;
  readonly detail: EntityDetailDto | null;
  readonly loading: boolean;
  /** The entities selected in the list, with their rows (pages may leave the cache). */
  readonly selected: ReadonlyMap<number, EntitySummaryDto>;
  /** Mentions (span ids) of the current entity chosen to split off. */
  readonly chosenMentions: ReadonlySet<number>;
  setTab(tab: EntitiesTab): void;
  /** Makes `entity` the current one and the only one selected. */
  pick(entity: EntitySummaryDto, cursor: number | null): Promise<void>;
  /** Adds `entity` to the selection or takes it out, making it current. */
  toggleSelected(entity: EntitySummaryDto, cursor: number | null): Promise<void>;
  /** Adds `entity` to the selection (if not in it yet), making it current. */
  include(entity: EntitySummaryDto, cursor: number | null): Promise<void>;
  /** Shows entity `id` alone (after a merge or a split). */
  showOnly(id: number): Promise<void>;
  reloadDetail(): Promise<void>;
  setCursor(cursor: number | null): void;
  toggleMention(spanId: number): void;
  setChosenMentions(spanIds: readonly number[]): void;
  /** After undo or redo: entities may have come back or gone, so only the current one stays selected. */
  resetSelection(): void;
}

let requestSeq = 0;

/** The Entities view's store. */
export const useEntitiesStore = create<EntitiesState>()((set, get) => {
  const loadDetail = async (id: number): Promise<void> => {
    const seq = ++requestSeq;
    set({ loading: true });
    try {
      const detail = await call('entities:get', { id });
      if (seq !== requestSeq) return;
      const spanIds = new Set(detail.mentionList.map((mention) => mention.spanId));
      set({ detail, chosenMentions: new Set([...get().chosenMentions].filter((spanId) => spanIds.has(spanId))) });
    } catch (error) {
      if (seq !== requestSeq) return;
      set({ detail: null, currentId: null });
      // An entity that went away (merged, undone) simply leaves the view; anything else is an error.
      if (!(error instanceof ApiCallError && error.code === 'not_found')) useUiStore.getState().reportError(error);
    } finally {
      if (seq === requestSeq) set({ loading: false });
    }
  };

  return {
    tab: 'entities',
    cursor: null,
    currentId: null,
    detail: null,
    loading: false,
    selected: new Map(),
    chosenMentions: new Set(),
    setTab: (tab) => set({ tab }),
    pick: async (entity, cursor) => {
      const changed = get().currentId !== entity.id;
      set({ cursor, currentId: entity.id, selected: new Map([[entity.id, entity]]), ...(changed ? { detail: null, chosenMentions: new Set<number>() } : {}) });
      await loadDetail(entity.id);
    },
    toggleSelected: async (entity, cursor) => {
      const selected = new Map(get().selected);
      if (selected.has(entity.id) && selected.size > 1) selected.delete(entity.id);
      else selected.set(entity.id, entity);
      const changed = get().currentId !== entity.id;
      set({ cursor, currentId: entity.id, selected, ...(changed ? { detail: null, chosenMentions: new Set<number>() } : {}) });
      await loadDetail(entity.id);
    },
    include: async (entity, cursor) => {
      const selected = new Map(get().selected);
      selected.set(entity.id, entity);
      const changed = get().currentId !== entity.id;
      set({ cursor, currentId: entity.id, selected, ...(changed ? { detail: null, chosenMentions: new Set<number>() } : {}) });
      if (changed) await loadDetail(entity.id);
    },
    showOnly: async (id) => {
      set({ currentId: id, cursor: null, selected: new Map(), detail: null, chosenMentions: new Set() });
      await loadDetail(id);
      const detail = get().detail;
      if (detail && detail.id === id) set({ selected: new Map([[id, detail]]) });
    },
    reloadDetail: async () => {
      const id = get().currentId;
      if (id !== null) await loadDetail(id);
    },
    setCursor: (cursor) => set({ cursor }),
    toggleMention: (spanId) => {
      const chosenMentions = new Set(get().chosenMentions);
      if (chosenMentions.has(spanId)) chosenMentions.delete(spanId);
      else chosenMentions.add(spanId);
      set({ chosenMentions });
    },
    setChosenMentions: (spanIds) => set({ chosenMentions: new Set(spanIds) }),
    resetSelection: () => {
      const detail = get().detail;
      set({ selected: detail ? new Map([[detail.id, detail]]) : new Map(), chosenMentions: new Set() });
    },
  };
});
