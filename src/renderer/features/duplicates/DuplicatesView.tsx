/** The Duplicates view: find duplicates, the ranked clusters by status, and the cluster on show. */
import { viewPanelId, viewTabId } from '../header/ViewTabs.js';
import { ClusterDetail } from './ClusterDetail.js';
import { ClusterList } from './ClusterList.js';
import { ClusterStatusTabs } from './ClusterStatusTabs.js';
import { FindDuplicatesBar } from './FindDuplicatesBar.js';

/** The whole Duplicates view. */
export function DuplicatesView() {
  return (
    <div className="view duplicates-view" id={viewPanelId('duplicates')} role="tabpanel" aria-labelledby={viewTabId('duplicates')}>
      <nav className="list-pane cluster-pane" aria-label="Cluster list">
        <FindDuplicatesBar />
        <ClusterStatusTabs />
        <ClusterList />
      </nav>
      <ClusterDetail />
    </div>
  );
}
