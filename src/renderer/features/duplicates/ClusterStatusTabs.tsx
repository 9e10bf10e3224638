/** Tabs over the cluster list by review status, each with its count. */
import { CountedTabs } from '../../components/CountedTabs.js';
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
  const tabs = TABS.map((tab) => ({ id: tab, title: tab === 'all' ? 'All' : clusterStatusName(tab), count: countFor(counts, tab) }));
  return <CountedTabs label="Cluster status" tabs={tabs} current={current} onChoose={chooseClusterTab} />;
}
