/**
 * The ranked list of duplicate clusters (largest first, then most similar):
 * a paged listbox, with pages fetched as they scroll into view, like the document list.
 */
import { useEffect, type KeyboardEvent } from 'react';
import type { DuplicateClusterSummaryDto } from '../../../shared/api.js';
import { PagedListbox } from '../../components/PagedListbox.js';
import { CLUSTER_PAGE_SIZE, useClusterList, useDuplicatesStore } from '../../stores/duplicates-store.js';
import { clusterSize, clusterStatusName, similarityPercent, similarityText } from './cluster-names.js';
import { moveCluster, showClusterAt } from './duplicate-commands.js';
import { onListKey } from '../../components/list-keys.js';

/** Room for the first line wrapping once (a long size and its similarity) above two lines of preview. */
const ROW_HEIGHT = 92;
const PREVIEW_LENGTH = 140;

function flat(text: string, length: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > length ? `${oneLine.slice(0, length)}…` : oneLine;
}

/** The option's accessible name: size, similarity and the start of the text. */
function optionName(cluster: DuplicateClusterSummaryDto): string {
  return `${clusterSize(cluster)}, ${similarityText(cluster.similarity, cluster.kind)}: ${flat(cluster.preview, 80)}`;
}

function ClusterRow({ cluster, showStatus }: { readonly cluster: DuplicateClusterSummaryDto; readonly showStatus: boolean }) {
  return (
    <>
      <span className="cluster-row-line">
        <span className={`status-dot cluster-${cluster.status}`} aria-hidden="true" />
        <span className="cluster-row-size">{clusterSize(cluster)}</span>
        <span className="cluster-row-similarity" title={similarityText(cluster.similarity, cluster.kind)}>
          {similarityPercent(cluster.similarity)}
        </span>
        {showStatus || cluster.pendingMembers > 0 ? (
          <span className="cluster-row-meta">
            {[showStatus ? clusterStatusName(cluster.status) : '', cluster.pendingMembers > 0 ? `${cluster.pendingMembers} new` : ''].filter(Boolean).join(' · ')}
          </span>
        ) : null}
      </span>
      <span className="cluster-preview">{flat(cluster.preview, PREVIEW_LENGTH)}</span>
    </>
  );
}

function ListEmpty() {
  const counts = useClusterList((s) => s.extra);
  const tab = useClusterList((s) => s.filters.status);
  const none = counts === null || counts.suggested + counts.confirmed + counts.rejected === 0;
  return (
    <div className="list-empty">
      {none ? <p>No duplicates found yet. Find duplicates compares every passage of every document.</p> : <p>No {tab === 'all' ? '' : `${tab} `}clusters.</p>}
    </div>
  );
}

/** The listbox of clusters; the selected one is shown beside it. */
export function ClusterList() {
  const total = useClusterList((s) => s.total);
  const pages = useClusterList((s) => s.pages);
  const loaded = useClusterList((s) => s.loaded);
  const generation = useClusterList((s) => s.generation);
  const showStatus = useClusterList((s) => s.filters.status === 'all');
  const cursor = useDuplicatesStore((s) => s.cursor);
  const clusterId = useDuplicatesStore((s) => s.clusterId);

  // With nothing on show yet, the first cluster of the tab is.
  useEffect(() => {
    if (loaded && total > 0 && useDuplicatesStore.getState().clusterId === null) void showClusterAt(0);
  }, [loaded, total, generation]);

  // A cluster opened from a gutter mark finds its place in the list once its page is here.
  useEffect(() => {
    if (clusterId === null || cursor !== null) return;
    const index = useClusterList.getState().indexOf(clusterId);
    if (index !== null) useDuplicatesStore.getState().setCursor(index);
  }, [pages, clusterId, cursor]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void =>
    onListKey(event, { move: (step) => void moveCluster(step), showAt: (index) => void showClusterAt(index), total });

  return (
    <PagedListbox
      list={useClusterList}
      pageSize={CLUSTER_PAGE_SIZE}
      label="Duplicate clusters"
      rowHeight={ROW_HEIGHT}
      overscan={8}
      currentId={clusterId}
      cursor={cursor}
      idOf={(cluster) => cluster.id}
      optionId={(id) => `cluster-option-${id}`}
      optionName={optionName}
      isSelected={(cluster) => cluster.id === clusterId}
      rowClassName={(cluster) => (cluster.id === clusterId ? 'doc-row cluster-row open' : 'doc-row cluster-row')}
      renderRow={(cluster) => <ClusterRow cluster={cluster} showStatus={showStatus} />}
      onRowClick={(_event, cluster, index) => void useDuplicatesStore.getState().show(cluster.id, index)}
      onKeyDown={onKeyDown}
      before={
        <>
          {loaded && total === 0 ? <ListEmpty /> : null}
          {!loaded ? (
            <p className="list-loading" role="status">
              Loading clusters…
            </p>
          ) : null}
        </>
      }
    />
  );
}
