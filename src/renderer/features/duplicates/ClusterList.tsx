/**
 * The ranked list of duplicate clusters (largest first, then most similar):
 * virtualised, with pages fetched as they scroll into view, like the document list.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { DuplicateClusterSummaryDto } from '../../../shared/api.js';
import { CLUSTER_PAGE_SIZE, useClusterList, useDuplicatesStore } from '../../stores/duplicates-store.js';
import { clusterSize, clusterStatusName, similarityText } from './cluster-names.js';
import { moveCluster, showClusterAt } from './duplicate-commands.js';

const ROW_HEIGHT = 78;
const PREVIEW_LENGTH = 140;

function flat(text: string, length: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > length ? `${oneLine.slice(0, length)}…` : oneLine;
}

/** The option's accessible name: size, similarity and the start of the text. */
function optionName(cluster: DuplicateClusterSummaryDto): string {
  return `${clusterSize(cluster)}, ${similarityText(cluster.similarity)}: ${flat(cluster.preview, 80)}`;
}

function ClusterRow({ cluster, showStatus }: { readonly cluster: DuplicateClusterSummaryDto; readonly showStatus: boolean }) {
  return (
    <>
      <span className="cluster-row-line">
        <span className={`status-dot cluster-${cluster.status}`} aria-hidden="true" />
        <span className="cluster-row-size">{clusterSize(cluster)}</span>
        <span className="cluster-row-meta">
          {similarityText(cluster.similarity)}
          {showStatus ? ` · ${clusterStatusName(cluster.status)}` : ''}
          {cluster.pendingMembers > 0 ? ` · ${cluster.pendingMembers} new` : ''}
        </span>
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
  const version = useClusterList((s) => s.version);
  const generation = useClusterList((s) => s.generation);
  const showStatus = useClusterList((s) => s.filters.status === 'all');
  const cursor = useDuplicatesStore((s) => s.cursor);
  const clusterId = useDuplicatesStore((s) => s.clusterId);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: loaded ? total : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    useFlushSync: false,
  });

  useEffect(() => virtualizer.scrollToOffset(0), [generation, virtualizer]);
  useEffect(() => {
    if (cursor !== null) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) useClusterList.getState().ensureRange(first, last);
  }, [first, last, version, generation, total]);

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

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        void moveCluster(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        void moveCluster(-1);
        break;
      case 'Home':
        event.preventDefault();
        void showClusterAt(0);
        break;
      case 'End':
        event.preventDefault();
        if (total > 0) void showClusterAt(total - 1);
        break;
      default:
        break;
    }
  };

  const shownRendered = items.some((item) => useClusterList.getState().peek(item.index)?.id === clusterId);
  return (
    <div className="list-scroll" ref={scrollRef}>
      {loaded && total === 0 ? <ListEmpty /> : null}
      {!loaded ? (
        <p className="list-loading" role="status">
          Loading clusters…
        </p>
      ) : null}
      <div
        role="listbox"
        aria-label="Duplicate clusters"
        tabIndex={0}
        className="doc-listbox"
        aria-activedescendant={shownRendered && clusterId !== null ? `cluster-option-${clusterId}` : undefined}
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((row) => {
          const item = pages.get(Math.floor(row.index / CLUSTER_PAGE_SIZE))?.items[row.index % CLUSTER_PAGE_SIZE];
          const style = { height: row.size, transform: `translateY(${row.start}px)` };
          if (!item) {
            return (
              <div key={row.key} role="option" aria-selected={false} aria-disabled="true" aria-label="Loading…" className="doc-row placeholder" style={style}>
                <span className="doc-row-title">Loading…</span>
              </div>
            );
          }
          const shown = item.id === clusterId;
          return (
            <div
              key={row.key}
              id={`cluster-option-${item.id}`}
              role="option"
              aria-label={optionName(item)}
              aria-selected={shown}
              aria-setsize={total}
              aria-posinset={row.index + 1}
              className={shown ? 'doc-row cluster-row open' : 'doc-row cluster-row'}
              style={style}
              onClick={() => void useDuplicatesStore.getState().show(item.id, row.index)}
            >
              <ClusterRow cluster={item} showStatus={showStatus} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
