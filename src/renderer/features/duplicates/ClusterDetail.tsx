/**
 * The cluster on show: what it is, the decisions (confirm, reject, split), the
 * spans to copy across, and its members: side by side when there are two or
 * three, else a list.
 */
import type { DuplicateClusterDto } from '../../../shared/api.js';
import { useClusterList, useDuplicatesStore } from '../../stores/duplicates-store.js';
import { clusterKindName, clusterSize, clusterStatusName, plural, similarityText } from './cluster-names.js';
import { decideCluster, splitChosenMembers } from './duplicate-commands.js';
import { MemberColumns, MOST_SIDE_BY_SIDE } from './MemberColumns.js';
import { MemberList } from './MemberList.js';
import { TransferPanel } from './TransferPanel.js';

function Decisions({ cluster }: { readonly cluster: DuplicateClusterDto }) {
  const chosen = useDuplicatesStore((s) => s.chosen.size);
  return (
    <div className="cluster-actions">
      <button type="button" onClick={() => void decideCluster('confirmed')} disabled={cluster.status === 'confirmed'} aria-keyshortcuts="C" title="These passages are duplicates (C)">
        Confirm <kbd aria-hidden="true">C</kbd>
      </button>
      <button type="button" onClick={() => void decideCluster('rejected')} disabled={cluster.status === 'rejected'} aria-keyshortcuts="X" title="These passages are not duplicates (X)">
        Reject <kbd aria-hidden="true">X</kbd>
      </button>
      {cluster.status !== 'suggested' ? (
        <button type="button" className="quiet" onClick={() => void decideCluster('suggested')} title="Undecide: back to suggested">
          Reopen
        </button>
      ) : null}
      <button type="button" onClick={() => void splitChosenMembers()} disabled={chosen === 0} aria-keyshortcuts="S" title="Move the chosen members to a new cluster (S)">
        Split <kbd aria-hidden="true">S</kbd>
      </button>
      <span className="hint" aria-live="polite">
        {chosen > 0 ? `${plural(chosen, 'member')} chosen` : 'Space or a checkbox chooses members to split off'}
      </span>
    </div>
  );
}

function ClusterHeader({ cluster }: { readonly cluster: DuplicateClusterDto }) {
  return (
    <header className="cluster-header">
      <div>
        <h2 id="cluster-heading">{clusterSize(cluster)}</h2>
        <p className="doc-meta">
          <span className={`status-badge cluster-${cluster.status}`}>{clusterStatusName(cluster.status)}</span>
          <span>{similarityText(cluster.similarity, cluster.kind)}</span>
          <span>{clusterKindName(cluster.kind)}</span>
          {cluster.decidedBy !== null ? <span>by {cluster.decidedBy}</span> : null}
          {cluster.pendingMembers > 0 ? <span>{plural(cluster.pendingMembers, 'member')} added since the decision</span> : null}
        </p>
      </div>
      <Decisions cluster={cluster} />
    </header>
  );
}

function NothingOnShow() {
  const loaded = useClusterList((s) => s.loaded);
  const total = useClusterList((s) => s.total);
  const loading = useDuplicatesStore((s) => s.loading);
  if (loading || !loaded) {
    return (
      <div className="empty-state" role="status">
        <p>Loading…</p>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>{total === 0 ? 'No clusters here' : 'No cluster chosen'}</h2>
      <p>
        Clusters group passages that say nearly the same thing. Confirm the ones that are duplicates, reject the others, and split off members that do not
        belong. Spans tagged in one member of a confirmed cluster can then be copied to the others.
      </p>
      <p className="hint">
        <kbd>J</kbd>/<kbd>K</kbd> move through clusters, <kbd>C</kbd> confirms, <kbd>X</kbd> rejects, <kbd>?</kbd> lists every key.
      </p>
    </div>
  );
}

/** The right side of the Duplicates view. */
export function ClusterDetail() {
  const cluster = useDuplicatesStore((s) => s.cluster);
  const loading = useDuplicatesStore((s) => s.loading);
  return (
    <section className="cluster-detail" aria-labelledby={cluster ? 'cluster-heading' : undefined} aria-label={cluster ? undefined : 'Cluster'} aria-busy={loading}>
      {cluster ? (
        <>
          <ClusterHeader cluster={cluster} />
          {cluster.status === 'confirmed' ? <TransferPanel cluster={cluster} /> : null}
          {cluster.memberList.length > MOST_SIDE_BY_SIDE ? <MemberList cluster={cluster} /> : <MemberColumns cluster={cluster} />}
        </>
      ) : (
        <NothingOnShow />
      )}
    </section>
  );
}
