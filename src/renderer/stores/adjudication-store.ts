/**
 * The Adjudication view: the paged list of documents where annotators disagree
 * (open, settled or all), the document on show with its disagreements, which
 * disagreement is being decided, and the adjudicated span or text chosen for
 * an edit.
 */
import { create } from 'zustand';
import type { AdjudicationDetailDto, AdjudicationDocumentDto, OutputOf } from '../../shared/api.js';
import { OffsetMap } from '../../shared/offsets.js';
import { call } from '../api-client.js';
import { nextOpenDisagreement, sameDisagreement } from '../features/adjudication/disagreement-layout.js';
import { createPagedList } from './paged-list.js';
import { useUiStore } from './ui-store.js';

export type AdjudicationTab = 'open' | 'settled' | 'all';
export type AdjudicationCounts = OutputOf<'adjudication:list'>['counts'];

export const ADJUDICATION_PAGE_SIZE = 100;

/** The documents with disagreements under the chosen tab. */
export const useAdjudicationList = createPagedList<AdjudicationDocumentDto, { readonly status: AdjudicationTab }, AdjudicationCounts>({
  initialFilters: { status: 'open' },
  pageSize: ADJUDICATION_PAGE_SIZE,
  idOf: (item) => item.documentId,
  fetchPage: async (filters, offset, limit) => {
    const page = await call('adjudication:list', { status: filters.status, offset, limit });
    return { total: page.total, items: page.items, extra: page.counts };
  },
});

/** A selection in the context passage, in UTF-16 indices of the whole document text. */
export interface ContextSelection {
  readonly anchorU16: number;
  readonly focusU16: number;
}

interface AdjudicationState {
  /** Where the document on show sits in the list (null when opened from elsewhere and not found yet). */
  readonly cursor: number | null;
  readonly documentId: number | null;
  readonly detail: AdjudicationDetailDto | null;
  readonly offsets: OffsetMap | null;
  readonly loading: boolean;
  /** The disagreement being decided: an index into detail.disagreements. */
  readonly current: number;
  /** An adjudicated span chosen for a new label or for deletion. */
  readonly selectedSpanId: number | null;
  readonly textSelection: ContextSelection | null;
  /** Shows document `documentId` (at list index `cursor`, when known), on its first open disagreement. */
  show(documentId: number, cursor: number | null): Promise<void>;
  /** Fetches the document on show again, staying on the same disagreement. */
  reload(): Promise<void>;
  setCursor(cursor: number | null): void;
  goTo(index: number): void;
  selectSpan(id: number | null): void;
  setTextSelection(selection: ContextSelection | null): void;
  clear(): void;
}

let requestSeq = 0;

/** The Adjudication view's store. */
export const useAdjudicationStore = create<AdjudicationState>()((set, get) => {
  const load = async (documentId: number, keepPlace: boolean): Promise<void> => {
    const seq = ++requestSeq;
    set({ loading: true });
    try {
      const detail = await call('adjudication:get', { documentId });
      if (seq !== requestSeq) return;
      const before = get();
      const previous = keepPlace ? (before.detail?.disagreements[before.current] ?? null) : null;
      const first = nextOpenDisagreement(detail.disagreements, detail.disagreements.length - 1) ?? 0;
      const current = keepPlace ? sameDisagreement(detail.disagreements, previous, before.current) : first;
      const spanIds = new Set(detail.spans.map((span) => span.id));
      const selectedSpanId = keepPlace && before.selectedSpanId !== null && spanIds.has(before.selectedSpanId) ? before.selectedSpanId : null;
      const offsets = before.detail?.text === detail.text && before.offsets ? before.offsets : new OffsetMap(detail.text);
      set({ detail, offsets, current, selectedSpanId });
    } catch (error) {
      if (seq === requestSeq) useUiStore.getState().reportError(error);
    } finally {
      if (seq === requestSeq) set({ loading: false });
    }
  };

  return {
    cursor: null,
    documentId: null,
    detail: null,
    offsets: null,
    loading: false,
    current: 0,
    selectedSpanId: null,
    textSelection: null,
    show: async (documentId, cursor) => {
      const same = get().documentId === documentId;
      set({ cursor, documentId, ...(same ? {} : { detail: null, offsets: null, current: 0, selectedSpanId: null, textSelection: null }) });
      await load(documentId, same);
    },
    reload: async () => {
      const id = get().documentId;
      if (id !== null) await load(id, true);
    },
    setCursor: (cursor) => set({ cursor }),
    goTo: (index) => {
      const count = get().detail?.disagreements.length ?? 0;
      if (count === 0) return;
      set({ current: Math.max(0, Math.min(count - 1, index)), selectedSpanId: null });
    },
    selectSpan: (id) => set({ selectedSpanId: id }),
    setTextSelection: (textSelection) => set({ textSelection }),
    clear: () => {
      requestSeq++;
      set({ cursor: null, documentId: null, detail: null, offsets: null, loading: false, current: 0, selectedSpanId: null, textSelection: null });
    },
  };
});

/** Brings the Adjudication view up to date after an edit made elsewhere (undo, redo): only what has been looked at. */
export async function refreshAdjudication(): Promise<void> {
  const work: Promise<void>[] = [];
  if (useAdjudicationList.getState().loaded) work.push(useAdjudicationList.getState().refresh());
  if (useAdjudicationStore.getState().documentId !== null) work.push(useAdjudicationStore.getState().reload());
  await Promise.all(work);
}
