/** Tabs over the cluster list by review status, each with its count. */
import { useRef, type KeyboardEvent } from 'react';
import { useClusterList, useDuplicatesStore, type ClusterCounts, type ClusterTab } from '../../stores/duplicates-store.js';
import { clusterStatusName } from './cluster-names.js';

const TABS: readonly ClusterTab[] = ['suggested', 'confirmed', 'rejected', 'all'];

function countFor(counts: ClusterCounts | null, tab: ClusterTab): number | null {
  if (!counts) return null;
  return tab === 'all' ? counts.suggested + counts.confirmed + counts.rejected : counts[tab];
}

/** Shows the clusters of `tab`, starting from its first. */
function chooseClusterTab(tab: ClusterTab): void {
  if (useClusterList.getState().filters.status === tab) return;
  useDuplicatesStore.getState().clear();
  useClusterList.getState().setFilters({ status: tab });
}

/** The status tabs above the cluster list. */
export function ClusterStatusTabs() {
  const current = useClusterList((s) => s.filters.status);
  const counts = useClusterList((s) => s.extra);
  const refs = useRef(new Map<ClusterTab, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = TABS.indexOf(current);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length] as ClusterTab;
    chooseClusterTab(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div className="status-tabs" role="tablist" aria-label="Cluster status" onKeyDown={onKeyDown}>
      {TABS.map((tab) => {
        const count = countFor(counts, tab);
        const name = tab === 'all' ? 'All' : clusterStatusName(tab);
        return (
          <button
            key={tab}
            ref={(element) => {
              if (element) refs.current.set(tab, element);
              else refs.current.delete(tab);
            }}
            type="button"
            role="tab"
            aria-selected={tab === current}
            tabIndex={tab === current ? 0 : -1}
            className={tab === current ? 'status-tab current' : 'status-tab'}
            onClick={() => chooseClusterTab(tab)}
          >
            {name}
            {count !== null ? <span className="count"> ({count})</span> : null}
          </button>
        );
      })}
    </div>
  );
}
