/**
 * The project's annotators as the header's chooser shows them, and how the
 * current annotator looks at the work: only their queue, and (for a curator)
 * everyone's spans instead of only their own.
 */
import { create } from 'zustand';
import type { AnnotatorSummaryDto } from '../../shared/api.js';
import { ADJUDICATOR } from '../../shared/model.js';
import { call } from '../api-client.js';
import { useUiStore } from './ui-store.js';

interface TeamState {
  /** Annotators of the project, the adjudicated result left out. */
  readonly annotators: readonly AnnotatorSummaryDto[];
  /** The document list shows only the documents assigned to the current annotator. */
  readonly queue: boolean;
  /** The document view shows every annotator's spans, each naming whose it is (lifts blind annotation). */
  readonly showEveryone: boolean;
  load(): Promise<void>;
  setQueue(queue: boolean): void;
  setShowEveryone(showEveryone: boolean): void;
}

export const useTeamStore = create<TeamState>()((set) => ({
  annotators: [],
  queue: false,
  showEveryone: false,
  load: async () => {
    try {
      const annotators = await call('annotators:list', {});
      set({ annotators: annotators.filter((a) => a.name !== ADJUDICATOR) });
    } catch (error) {
      useUiStore.getState().reportError(error);
    }
  },
  setQueue: (queue) => set({ queue }),
  setShowEveryone: (showEveryone) => set({ showEveryone }),
}));
