/**
 * The Duplicates view: the ranked list of clusters under a status tab, the
 * cluster on show with its members, which members are chosen for a split, and
 * for a confirmed cluster the spans offered for its other members.
 */
import { create } from 'zustand';
import type { DuplicateClusterDto, DuplicateClusterSummaryDto, OutputOf, SpanTransferDto } from '../../shared/api.js';
import type { DuplicateStatus } from '../../shared/model.js';
import { call } from '../api-client.js';
import { createPagedList } from './paged-list.js';
import { useTeamStore } from './team-store.js';
import { useUiStore } from './ui-store.js';

export type ClusterTab = DuplicateStatus | 'all';
export type ClusterCounts = OutputOf<'duplicates:list'>['counts'];

export const CLUSTER_PAGE_SIZE = 100;

/** The cluster list under the chosen status tab. */
export const useClusterList = createPagedList<DuplicateClusterSummaryDto, { readonly status: ClusterTab }, ClusterCounts>({
  initialFilters: { status: 'suggested' },
  pageSize: CLUSTER_PAGE_SIZE,
  idOf: (cluster) => cluster.id,
  fetchPage: async (filters, offset, limit) => {
    const page = await call('duplicates:list', { status: filters.status, offset, limit });
    return { total: page.total, items: page.items, extra: page.counts };
  },
});

/** A transfer offer's identity, for ticking offers on and off. */
export function offerKey(offer: Pick<SpanTransferDto, 'fromSpanId' | 'documentId' | 'startCp' | 'endCp'>): string {
  return `${offer.fromSpanId}:${offer.documentId}:${offer.startCp}:${offer.endCp}`;
}

interface DuplicatesState {
  /** Where the cluster on show sits in the list (null when opened from elsewhere and not found in the list yet). */
  readonly cursor: number | null;
  readonly clusterId: number | null;
  readonly cluster: DuplicateClusterDto | null;
  readonly loading: boolean;
  /** Spans of one member offered to the others (confirmed clusters only; null until asked). */
  readonly transfers: readonly SpanTransferDto[] | null;
  /** Members chosen to move to a new cluster. */
  readonly chosen: ReadonlySet<number>;
  /** The member column the keyboard is on (an index into the member list). */
  readonly focusedMember: number;
  /** Offers the user unticked. */
  readonly skippedOffers: ReadonlySet<string>;
  /** Shows cluster `id` (at list index `cursor`, when known). */
  show(id: number, cursor: number | null, focusMemberId?: number): Promise<void>;
  /** Fetches the cluster on show again (after a decision, a split, undo). */
  reload(): Promise<void>;
  setCursor(cursor: number | null): void;
  toggleChosen(memberId: number): void;
  clearChosen(): void;
  focusMember(index: number): void;
  toggleOffer(key: string): void;
  clear(): void;
}

let requestSeq = 0;

/** Who is looking: with blind annotation the members show, and carry, only the current annotator's spans. */
function viewer(): { annotator?: string; everyone?: boolean } {
  const annotator = useUiStore.getState().annotator;
  return annotator === null ? {} : { annotator, everyone: useTeamStore.getState().showEveryone };
}

async function fetchTransfers(cluster: DuplicateClusterDto): Promise<readonly SpanTransferDto[] | null> {
  const { annotator } = viewer();
  return cluster.status === 'confirmed' ? call('duplicates:transfers', { clusterId: cluster.id, ...(annotator === undefined ? {} : { annotator }) }) : null;
}

/** The Duplicates view's store. */
export const useDuplicatesStore = create<DuplicatesState>()((set, get) => {
  const load = async (id: number, keepChoices: boolean, focusMemberId?: number): Promise<void> => {
    const seq = ++requestSeq;
    set({ loading: true });
    try {
      const cluster = await call('duplicates:get', { id, ...viewer() });
      const transfers = await fetchTransfers(cluster);
      if (seq !== requestSeq) return;
      const memberIds = new Set(cluster.memberList.map((member) => member.id));
      const chosen = keepChoices ? new Set([...get().chosen].filter((memberId) => memberIds.has(memberId))) : new Set<number>();
      const focusIndex = focusMemberId === undefined ? -1 : cluster.memberList.findIndex((member) => member.id === focusMemberId);
      const focusedMember = focusIndex >= 0 ? focusIndex : keepChoices ? Math.min(get().focusedMember, Math.max(0, cluster.memberList.length - 1)) : 0;
      set({ cluster, transfers, chosen, focusedMember, skippedOffers: keepChoices ? get().skippedOffers : new Set() });
    } catch (error) {
      if (seq === requestSeq) useUiStore.getState().reportError(error);
    } finally {
      if (seq === requestSeq) set({ loading: false });
    }
  };

  return {
    cursor: null,
    clusterId: null,
    cluster: null,
    loading: false,
    transfers: null,
    chosen: new Set(),
    focusedMember: 0,
    skippedOffers: new Set(),
    show: async (id, cursor, focusMemberId) => {
      const same = get().clusterId === id;
      set({ cursor, clusterId: id, ...(same ? {} : { cluster: null, transfers: null, chosen: new Set<number>(), focusedMember: 0 }) });
      await load(id, same, focusMemberId);
    },
    reload: async () => {
      const id = get().clusterId;
      if (id !== null) await load(id, true);
    },
    setCursor: (cursor) => set({ cursor }),
    toggleChosen: (memberId) => {
      const chosen = new Set(get().chosen);
      if (chosen.has(memberId)) chosen.delete(memberId);
      else chosen.add(memberId);
      set({ chosen });
    },
    clearChosen: () => set({ chosen: new Set() }),
    focusMember: (index) => {
      const count = get().cluster?.memberList.length ?? 0;
      if (count > 0) set({ focusedMember: Math.max(0, Math.min(count - 1, index)) });
    },
    toggleOffer: (key) => {
      const skippedOffers = new Set(get().skippedOffers);
      if (skippedOffers.has(key)) skippedOffers.delete(key);
      else skippedOffers.add(key);
      set({ skippedOffers });
    },
    clear: () => {
      requestSeq++;
      set({ cursor: null, clusterId: null, cluster: null, transfers: null, chosen: new Set(), focusedMember: 0, skippedOffers: new Set(), loading: false });
    },
  };
});
