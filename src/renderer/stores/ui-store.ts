/**
 * What the workbench shows around the work: which view and dialog are open, the
 * error bar, short notices, what long operations are doing, and who is annotating.
 */
import { create } from 'zustand';
import { errorMessage } from '../api-client.js';

export type DialogName = 'import' | 'export' | 'labels' | 'help' | 'annotator' | 'settings' | 'confirm' | 'tag-search' | 'assignments';

/** The workbench's views, in the order of the header's tabs. */
export const VIEW_NAMES = ['documents', 'duplicates', 'entities', 'agreement', 'adjudication', 'overview'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export interface Notice {
  readonly id: number;
  readonly message: string;
  /** True when the notice reports an edit that the notice's Undo button takes back. */
  readonly undoable?: boolean;
}

/** How long a notice stays; one that offers Undo stays longer, so there is time to reach the button. */
const NOTICE_MS = 4000;
const UNDOABLE_NOTICE_MS = 8000;

/** localStorage key of the annotator's name, asked once and sent with every span created. */
export const ANNOTATOR_KEY = 'marginalia.annotator';

interface UiState {
  readonly view: ViewName;
  /** The view shown before the current one, for Escape to go back to. */
  readonly previousView: ViewName | null;
  readonly dialog: DialogName | null;
  readonly errors: readonly Notice[];
  /** The latest short confirmation ("Undone: …"), cleared after a few seconds. */
  readonly notice: Notice | null;
  /** Descriptions of operations under way, shown in the status line. */
  readonly busy: readonly Notice[];
  readonly annotator: string | null;
  setView(view: ViewName): void;
  openDialog(dialog: DialogName): void;
  closeDialog(): void;
  reportError(error: unknown): void;
  dismissError(id: number): void;
  /** Shows a short notice in the status line; `undoable` adds an Undo button for the edit it reports. */
  notify(message: string, options?: { readonly undoable?: boolean }): void;
  /** Takes the notice down at once (its edit was undone, or it no longer holds). */
  clearNotice(): void;
  setAnnotator(name: string): void;
  /** Shows `description` in the status line while `work` runs; reports its failure in the error bar. */
  track<T>(description: string, work: Promise<T>): Promise<T | undefined>;
}

let nextId = 1;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

function readAnnotator(): string | null {
  try {
    const stored = globalThis.localStorage?.getItem(ANNOTATOR_KEY) ?? null;
    return stored !== null && stored.trim() !== '' ? stored.trim() : null;
  } catch {
    // Storage can be disabled (private windows, file:// in some shells): ask again instead.
    return null;
  }
}

/** The UI store: dialogs, errors, notices, busy descriptions and the annotator. */
export const useUiStore = create<UiState>()((set, get) => ({
  view: 'documents',
  previousView: null,
  dialog: null,
  errors: [],
  notice: null,
  busy: [],
  annotator: readAnnotator(),
  setView: (view) => {
    if (get().view !== view) set({ view, previousView: get().view });
  },
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  reportError: (error) => {
    const message = errorMessage(error);
    // The same failure repeated (a poll, a key held down) is shown once.
    if (get().errors.some((e) => e.message === message)) return;
    set((state) => ({ errors: [...state.errors, { id: nextId++, message }].slice(-5) }));
  },
  dismissError: (id) => set((state) => ({ errors: state.errors.filter((e) => e.id !== id) })),
  notify: (message, options) => {
    const undoable = options?.undoable === true;
    const notice: Notice = undoable ? { id: nextId++, message, undoable } : { id: nextId++, message };
    set({ notice });
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(
      () => {
        if (get().notice?.id === notice.id) set({ notice: null });
      },
      undoable ? UNDOABLE_NOTICE_MS : NOTICE_MS,
    );
  },
  clearNotice: () => {
    clearTimeout(noticeTimer);
    set({ notice: null });
  },
  setAnnotator: (name) => {
    const trimmed = name.trim();
    if (trimmed === '') return;
    try {
      globalThis.localStorage?.setItem(ANNOTATOR_KEY, trimmed);
    } catch {
      // Kept for this session only; the dialog explains nothing more can be done.
    }
    set({ annotator: trimmed });
  },
  track: async (description, work) => {
    const entry = { id: nextId++, message: description };
    set((state) => ({ busy: [...state.busy, entry] }));
    try {
      return await work;
    } catch (error) {
      get().reportError(error);
      return undefined;
    } finally {
      set((state) => ({ busy: state.busy.filter((b) => b.id !== entry.id) }));
    }
  },
}));
