/**
 * The open document: its text, spans, noise and duplicate passages, which span
 * is selected, the text currently selected in the view, the passage to bring
 * into view, and the offer to tag other occurrences.
 */
import { create } from 'zustand';
import type { DocumentDetailDto, DocumentStatus, SpanDto } from '../../shared/api.js';
import { OffsetMap } from '../../shared/offsets.js';
import { call } from '../api-client.js';
import { useTeamStore } from './team-store.js';
import { useUiStore } from './ui-store.js';

/** The open document as the store keeps it: the contract's detail, read-only all the way down to its spans. */
export type OpenDocument = Readonly<Omit<DocumentDetailDto, 'spans' | 'noise' | 'duplicates'>> & {
  readonly spans: readonly Readonly<SpanDto>[];
  readonly noise: readonly Readonly<DocumentDetailDto['noise'][number]>[];
  readonly duplicates: readonly Readonly<DocumentDetailDto['duplicates'][number]>[];
};

/** Where to look once a document is open: a span (selected) or a passage (brought into view and lit up briefly). */
export type OpenTarget = { readonly spanId: number } | { readonly startCp: number; readonly endCp: number };

/** A passage to bring into view; the nonce makes asking twice for the same passage count. */
export interface RevealRequest {
  readonly startCp: number;
  readonly endCp: number;
  readonly nonce: number;
}

/** After tagging: how many untagged copies of the same words exist, and where. */
export interface OccurrenceOffer {
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
  readonly surface: string;
  readonly inDocument: number;
  readonly inCorpus: number;
  /** Documents the corpus count could not look at: the search index has not caught up with them yet. */
  readonly searchPending: number;
}

/** A selection in the text as the DOM reports it (UTF-16, anchor may follow focus). */
export interface TextSelection {
  readonly anchorU16: number;
  readonly focusU16: number;
}

interface DocumentState {
  readonly doc: OpenDocument | null;
  /** Offset conversions for `doc.text`, built once per document. */
  readonly offsets: OffsetMap | null;
  /** Where the open document sits in the list under the current filters, for J/K. */
  readonly listIndex: number | null;
  /** The id being fetched, while a fetch is under way. */
  readonly loadingId: number | null;
  readonly selectedSpanId: number | null;
  readonly textSelection: TextSelection | null;
  readonly occurrences: OccurrenceOffer | null;
  readonly reveal: RevealRequest | null;
  open(id: number, listIndex: number | null, target?: OpenTarget): Promise<void>;
  /** Fetches the open document again (after undo, tagging occurrences, …) keeping the selection if it still exists. */
  reload(): Promise<void>;
  selectSpan(id: number | null): void;
  setTextSelection(selection: TextSelection | null): void;
  setListIndex(index: number | null): void;
  setOccurrences(offer: OccurrenceOffer | null): void;
  /** Local bookkeeping after a successful edit, so the view updates without a round trip. */
  spanSaved(span: SpanDto): void;
  spanRemoved(id: number): void;
  statusChanged(id: number, status: DocumentStatus): void;
}

let requestSeq = 0;
let revealNonce = 0;

/** The selection and reveal request that show `target` in `doc`. */
function targetState(doc: OpenDocument, target: OpenTarget | undefined): Pick<DocumentState, 'selectedSpanId' | 'reveal'> {
  if (target === undefined) return { selectedSpanId: null, reveal: null };
  if ('spanId' in target) return { selectedSpanId: doc.spans.some((s) => s.id === target.spanId) ? target.spanId : null, reveal: null };
  return { selectedSpanId: null, reveal: { startCp: target.startCp, endCp: target.endCp, nonce: ++revealNonce } };
}

/** The open document store. */
export const useDocumentStore = create<DocumentState>()((set, get) => {
  const fetchDocument = async (id: number): Promise<OpenDocument | null> => {
    const seq = ++requestSeq;
    set({ loadingId: id });
    try {
      // The annotator's own view: with blind annotation, their spans and the suggestions they have not decided.
      const annotator = useUiStore.getState().annotator;
      const everyone = useTeamStore.getState().showEveryone;
      const doc = await call('documents:get', { id, ...(annotator === null ? {} : { annotator, everyone }) });
      // A later request (J pressed again) wins; this answer is stale.
      return seq === requestSeq ? doc : null;
    } finally {
      if (seq === requestSeq) set({ loadingId: null });
    }
  };

  return {
    doc: null,
    offsets: null,
    listIndex: null,
    loadingId: null,
    selectedSpanId: null,
    textSelection: null,
    occurrences: null,
    reveal: null,
    open: async (id, listIndex, target) => {
      set({ listIndex });
      try {
        const doc = await fetchDocument(id);
        if (!doc) return;
        const sameText = get().doc?.text === doc.text;
        set({ doc, offsets: sameText ? get().offsets : new OffsetMap(doc.text), textSelection: null, occurrences: null, ...targetState(doc, target) });
      } catch (error) {
        useUiStore.getState().reportError(error);
      }
    },
    reload: async () => {
      const current = get().doc;
      if (!current) return;
      try {
        const doc = await fetchDocument(current.id);
        if (!doc) return;
        const selected = get().selectedSpanId;
        const textChanged = doc.text !== get().doc?.text;
        set({
          doc,
          offsets: textChanged ? new OffsetMap(doc.text) : get().offsets,
          selectedSpanId: doc.spans.some((s) => s.id === selected) ? selected : null,
        });
      } catch (error) {
        useUiStore.getState().reportError(error);
      }
    },
    selectSpan: (id) => set({ selectedSpanId: id }),
    setTextSelection: (textSelection) => {
      const previous = get().textSelection;
      if (previous?.anchorU16 === textSelection?.anchorU16 && previous?.focusU16 === textSelection?.focusU16) return;
      // Selecting text starts a new tag: the span selection gives way.
      set(textSelection ? { textSelection, selectedSpanId: null } : { textSelection });
    },
    setListIndex: (listIndex) => set({ listIndex }),
    setOccurrences: (occurrences) => set({ occurrences }),
    spanSaved: (span) => {
      const doc = get().doc;
      if (!doc || doc.id !== span.documentId) return;
      const exists = doc.spans.some((s) => s.id === span.id);
      const spans = exists ? doc.spans.map((s) => (s.id === span.id ? span : s)) : [...doc.spans, span];
      set({ doc: { ...doc, spans, status: doc.status === 'not_started' ? 'in_progress' : doc.status } });
    },
    spanRemoved: (id) => {
      const doc = get().doc;
      if (!doc) return;
      set({ doc: { ...doc, spans: doc.spans.filter((s) => s.id !== id) }, selectedSpanId: get().selectedSpanId === id ? null : get().selectedSpanId });
    },
    statusChanged: (id, status) => {
      const doc = get().doc;
      if (doc && doc.id === id) set({ doc: { ...doc, status } });
    },
  };
});
