/**
 * Names of the entities that spans of the open document are linked to, for the
 * marks' tooltips and the side panel. A document carries only entity ids, so
 * the names are asked for once per entity and kept until something renames,
 * merges or undoes.
 */
import { create } from 'zustand';
import type { EntitySummaryDto } from '../../shared/api.js';
import { ApiCallError, call } from '../api-client.js';

/** How many entities are asked for at once. */
const CONCURRENCY = 4;

/** Entities looked up for one document at most; beyond this the side panel still asks for the selected span's. */
export const MAX_NAMES_PER_DOCUMENT = 300;

interface EntityNamesState {
  readonly byId: ReadonlyMap<number, EntitySummaryDto>;
  /** Looks up the entities among `ids` not known yet. */
  ensure(ids: Iterable<number>): Promise<void>;
  remember(entity: EntitySummaryDto): void;
  /** Forgets every name (after a merge, a rename elsewhere, undo or redo). */
  forgetAll(): void;
}

const pending = new Set<number>();

/** The entity names cache. */
export const useEntityNamesStore = create<EntityNamesState>()((set, get) => ({
  byId: new Map(),
  ensure: async (ids) => {
    const missing = [...new Set(ids)].filter((id) => !get().byId.has(id) && !pending.has(id));
    if (missing.length === 0) return;
    for (const id of missing) pending.add(id);
    const found: EntitySummaryDto[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < missing.length) {
        const id = missing[next++] as number;
        try {
          const { mentionList: _mentions, ...summary } = await call('entities:get', { id });
          found.push(summary);
        } catch (error) {
          // A name is decoration: a vanished entity just shows no name, and other failures show elsewhere.
          if (!(error instanceof ApiCallError)) throw error;
        } finally {
          pending.delete(id);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, missing.length) }, worker));
    if (found.length === 0) return;
    const byId = new Map(get().byId);
    for (const entity of found) byId.set(entity.id, entity);
    set({ byId });
  },
  remember: (entity) => {
    const byId = new Map(get().byId);
    byId.set(entity.id, entity);
    set({ byId });
  },
  forgetAll: () => set({ byId: new Map() }),
}));
