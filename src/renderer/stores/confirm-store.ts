/**
 * The one question the workbench may be asking before a big action ("Propose
 * spans in 2,345 documents?"). A command awaits ask(); the dialog answers.
 */
import { create } from 'zustand';
import { useUiStore } from './ui-store.js';

/** What the confirmation dialog says. */
export interface Question {
  /** The dialog's heading and accessible name. */
  readonly heading: string;
  /** What will happen, with its size. */
  readonly message: string;
  /** The confirm button's text: the action itself, with its count. */
  readonly confirmText: string;
}

interface ConfirmState {
  readonly question: (Question & { readonly id: number }) | null;
  /** Asks `question`; resolves true when confirmed, false when cancelled or dismissed. */
  ask(question: Question): Promise<boolean>;
  /** Answers the open question (a question already answered is left alone). */
  answer(id: number, yes: boolean): void;
}

let nextId = 1;
const waiting = new Map<number, { readonly resolve: (yes: boolean) => void; readonly unsubscribe: () => void }>();

/** The confirmation store. */
export const useConfirmStore = create<ConfirmState>()((set, get) => ({
  question: null,
  ask: (question) => {
    // A newer question replaces one still open: that one counts as cancelled.
    const open = get().question;
    if (open) get().answer(open.id, false);
    const id = nextId++;
    set({ question: { ...question, id } });
    useUiStore.getState().openDialog('confirm');
    return new Promise<boolean>((resolve) => {
      // Another dialog taking its place (the annotator's name, …) is a no.
      const unsubscribe = useUiStore.subscribe((ui) => {
        if (ui.dialog !== 'confirm') get().answer(id, false);
      });
      waiting.set(id, { resolve, unsubscribe });
    });
  },
  answer: (id, yes) => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    entry.unsubscribe();
    if (get().question?.id === id) {
      set({ question: null });
      if (useUiStore.getState().dialog === 'confirm') useUiStore.getState().closeDialog();
    }
    entry.resolve(yes);
  },
}));

/** Asks before a big action; see useConfirmStore. */
export function confirmFirst(question: Question): Promise<boolean> {
  return useConfirmStore.getState().ask(question);
}
