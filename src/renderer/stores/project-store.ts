/** The open project: its name and size, the shell it runs in, and whether undo/redo have anything to do. */
import { create } from 'zustand';
import type { OutputOf } from '../../shared/api.js';
import { call } from '../api-client.js';

export type ProjectInfoDto = OutputOf<'project:info'>;

interface ProjectState {
  readonly info: ProjectInfoDto | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  load(): Promise<void>;
  setHistory(history: { readonly canUndo: boolean; readonly canRedo: boolean }): void;
}

/** The project store, loaded on start and after imports. */
export const useProjectStore = create<ProjectState>()((set) => ({
  info: null,
  canUndo: false,
  canRedo: false,
  load: async () => {
    const info = await call('project:info', {});
    set({ info, canUndo: info.canUndo, canRedo: info.canRedo });
  },
  setHistory: ({ canUndo, canRedo }) => set({ canUndo, canRedo }),
}));
