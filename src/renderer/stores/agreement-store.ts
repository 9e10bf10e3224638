/**
 * The Agreement view's state: which annotators and labels are compared, the
 * report for them, which pairs are opened up per label, and the cursor in the
 * table of documents. The report is read again when the view is shown, on
 * Refresh and whenever the choice of annotators or labels changes.
 */
import { create } from 'zustand';
import type { AgreementReportDto, AnnotatorSummaryDto } from '../../shared/api.js';
import { ADJUDICATOR } from '../../shared/model.js';
import { call, errorMessage } from '../api-client.js';

/** How many documents the per-document table lists. */
export const AGREEMENT_DOCUMENT_LIMIT = 200;

interface AgreementState {
  readonly report: AgreementReportDto | null;
  readonly loading: boolean;
  /** Why there is no report (e.g. fewer than two annotators); shown in the view rather than as an error. */
  readonly problem: string | null;
  /** Everyone who accepted or rejected a span; the adjudicated result, when there is one, goes last. */
  readonly knownAnnotators: readonly string[];
  /** The annotators ticked; null means the default (everyone but the adjudicated result). */
  readonly annotators: readonly string[] | null;
  /** Every label seen in a report. */
  readonly knownLabels: readonly string[];
  /** The labels left out; empty means every label. */
  readonly excludedLabels: readonly string[];
  /** Pairs (as "a/b") whose per-label rows are open. */
  readonly expandedPairs: readonly string[];
  /** Index of the document row the keys act on. */
  readonly cursor: number;
  refresh(): Promise<void>;
  toggleAnnotator(name: string, on: boolean): void;
  toggleLabel(name: string, on: boolean): void;
  togglePair(key: string): void;
  moveCursor(step: number): void;
  setCursor(index: number): void;
}

let requestSeq = 0;

/** The key of a pair of annotators, for expanding its rows. */
export function pairKey(annotators: readonly [string, string] | readonly string[]): string {
  return annotators.join('/');
}

const NONE: readonly string[] = [];

/** The annotators ticked now: the explicit choice, or the default the last report used. */
export function tickedAnnotators(state: Pick<AgreementState, 'annotators' | 'report'>): readonly string[] {
  return state.annotators ?? state.report?.annotators ?? NONE;
}

/** The annotators agreement can compare: those with decided spans, the adjudicated result last (it is compared only when asked for). */
function comparable(annotators: readonly AnnotatorSummaryDto[]): string[] {
  const names = annotators.filter((a) => a.accepted + a.rejected > 0).map((a) => a.name);
  return [...names.filter((name) => name !== ADJUDICATOR).sort(), ...names.filter((name) => name === ADJUDICATOR)];
}

/** The Agreement store. */
export const useAgreementStore = create<AgreementState>()((set, get) => ({
  report: null,
  loading: false,
  problem: null,
  knownAnnotators: [],
  knownLabels: [],
  annotators: null,
  excludedLabels: [],
  expandedPairs: [],
  cursor: 0,
  refresh: async () => {
    const { annotators, excludedLabels, knownLabels } = get();
    if (annotators !== null && annotators.length < 2) {
      requestSeq++;
      set({ report: null, loading: false, problem: 'Tick two annotators or more to compare them.' });
      return;
    }
    // Labels are left out by name: with none left out, every label counts, also those used for the first time later.
    const labels = excludedLabels.length === 0 ? undefined : knownLabels.filter((label) => !excludedLabels.includes(label));
    if (labels?.length === 0) {
      requestSeq++;
      set({ report: null, loading: false, problem: 'Tick at least one label.' });
      return;
    }
    const seq = ++requestSeq;
    set({ loading: true });
    try {
      const known = await call('annotators:list', {});
      if (seq !== requestSeq) return;
      set({ knownAnnotators: comparable(known) });
      const next = await call('agreement:measure', {
        ...(annotators ? { annotators: [...annotators] } : {}),
        ...(labels ? { labels } : {}),
        documentLimit: AGREEMENT_DOCUMENT_LIMIT,
      });
      if (seq !== requestSeq) return;
      set((state) => ({
        report: next,
        problem: null,
        knownLabels: [...new Set([...state.knownLabels, ...next.labels])].sort(),
        cursor: Math.min(state.cursor, Math.max(0, next.documents.length - 1)),
      }));
    } catch (error) {
      if (seq === requestSeq) set({ report: null, problem: errorMessage(error) });
    } finally {
      if (seq === requestSeq) set({ loading: false });
    }
  },
  toggleAnnotator: (name, on) => {
    const ticked = tickedAnnotators(get());
    const next = on ? [...new Set([...ticked, name])] : ticked.filter((n) => n !== name);
    set({ annotators: get().knownAnnotators.filter((n) => next.includes(n)) });
    void get().refresh();
  },
  toggleLabel: (name, on) => {
    const excluded = get().excludedLabels;
    set({ excludedLabels: on ? excluded.filter((n) => n !== name) : [...new Set([...excluded, name])] });
    void get().refresh();
  },
  togglePair: (key) => {
    const open = get().expandedPairs;
    set({ expandedPairs: open.includes(key) ? open.filter((k) => k !== key) : [...open, key] });
  },
  moveCursor: (step) => {
    const count = get().report?.documents.length ?? 0;
    if (count === 0) return;
    set({ cursor: Math.max(0, Math.min(count - 1, get().cursor + step)) });
  },
  setCursor: (index) => set({ cursor: index }),
}));
