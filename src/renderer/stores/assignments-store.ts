/**
 * The Assign documents dialog's figures and its one action: the annotators
 * with their queues, how many documents nobody has yet, dealing documents out,
 * and the report of the last deal. The counts are read when the dialog opens
 * and again after each change, so they are the project's, not a guess.
 */
import { create } from 'zustand';
import type { AnnotatorSummaryDto, AssignmentSummaryDto, OutputOf } from '../../shared/api.js';
import { ADJUDICATOR } from '../../shared/model.js';
import { countOf } from '../../shared/plural.js';
import { call } from '../api-client.js';
import { useListStore } from './list-store.js';
import { useTeamStore } from './team-store.js';
import { useUiStore } from './ui-store.js';

export type AssignReportDto = OutputOf<'assignments:make'>;

/** What the lead asked for: whom, how many, and how they share them. */
export interface AssignRequest {
  readonly annotators: readonly string[];
  /** How many unassigned documents to deal out (in document order); null for all of them. */
  readonly documents: number | null;
  readonly share: 'all' | 'split';
  /** With `split`, the share of the documents (0–1) given to two annotators. */
  readonly overlap: number;
}

interface AssignmentsState {
  /** The project's annotators with their queues, the adjudicated result left out. */
  readonly annotators: readonly AnnotatorSummaryDto[];
  readonly summary: AssignmentSummaryDto | null;
  /** Documents in the project. */
  readonly total: number;
  /** A deal is under way. */
  readonly making: boolean;
  /** What the last deal did, until the next one starts. */
  readonly report: AssignReportDto | null;
  /** Reads the annotators and the summary again; a later call wins over one still under way. */
  refresh(): Promise<void>;
  /** Adds an annotator to the project; resolves true when added. */
  addAnnotator(name: string): Promise<boolean>;
  /** Deals documents out, then reads the counts again. */
  assign(request: AssignRequest): Promise<void>;
  /** Forgets the last report (the dialog opens without one). */
  clearReport(): void;
}

let refreshSeq = 0;

/** The Assign documents store. */
export const useAssignmentsStore = create<AssignmentsState>()((set, get) => ({
  annotators: [],
  summary: null,
  total: 0,
  making: false,
  report: null,
  refresh: async () => {
    const seq = ++refreshSeq;
    try {
      const [annotators, summary] = await Promise.all([call('annotators:list', {}), call('assignments:summary', {})]);
      if (seq !== refreshSeq) return;
      const total = summary.unassigned + summary.byAnnotators.reduce((sum, each) => sum + each.documents, 0);
      set({ annotators: annotators.filter((a) => a.name !== ADJUDICATOR), summary, total });
    } catch (error) {
      if (seq === refreshSeq) useUiStore.getState().reportError(error);
    }
  },
  addAnnotator: async (name) => {
    const added = await useUiStore.getState().track(`Adding ${name}…`, call('annotators:create', { name }));
    if (!added) return false;
    // The header's chooser lists the project's annotators too.
    await Promise.all([get().refresh(), useTeamStore.getState().load()]);
    return true;
  },
  assign: async (request) => {
    if (get().making) return;
    set({ making: true, report: null });
    const ui = useUiStore.getState();
    try {
      // The server picks the documents nobody has (the first N in document order), so no list of ids crosses over.
      const report = await ui.track(
        `Assigning ${request.documents === null ? 'every document nobody has' : countOf(request.documents, 'document')}…`,
        call('assignments:make', {
          annotators: [...request.annotators],
          share: request.share,
          overlap: request.overlap,
          onlyUnassigned: true,
          ...(request.documents === null ? {} : { unassignedLimit: request.documents }),
        }),
      );
      if (report?.documents === 0) {
        ui.notify('Every document is assigned already.');
        return;
      }
      if (!report) return;
      set({ report });
      ui.notify(`Assigned ${countOf(report.documents, 'document')} to ${request.annotators.join(', ')}.`, { undoable: true });
      // The header's queue counts and a list showing someone's queue change with the deal.
      await Promise.all([get().refresh(), useTeamStore.getState().load()]);
      useListStore.getState().refresh();
    } catch (error) {
      ui.reportError(error);
    } finally {
      set({ making: false });
    }
  },
  clearReport: () => set({ report: null }),
}));
