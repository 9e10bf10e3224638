/**
 * The header's Sync button, shown in a project that syncs with a team server:
 * it syncs on click, and says on its face how many changes wait to go up and
 * whether the last sync failed. "▾" opens the state in words (server, who
 * this laptop works as, when it last synced) and what others changed in
 * shared decisions since the last look.
 */
import { useEffect, useRef } from 'react';
import { countOf } from '../../../shared/plural.js';
import { isRunning, useJobsStore } from '../../stores/jobs-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useSyncStore } from '../../stores/sync-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { switchAnnotator } from '../header/annotator-commands.js';
import { syncNow } from './sync-commands.js';

const DETAILS_ID = 'sync-details';
const REFRESH_MS = 30_000;
const EDIT_SETTLE_MS = 400;

function when(iso: string | null): string {
  if (iso === null) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function SyncButton() {
  const status = useSyncStore((s) => s.status);
  const changed = useSyncStore((s) => s.changed);
  const annotator = useUiStore((s) => s.annotator);
  const job = useJobsStore((s) => s.sync);
  const preparing = useJobsStore((s) => s.preparing.sync);
  const details = useRef<HTMLDivElement>(null);
  const syncing = preparing !== null || isRunning(job);

  useEffect(() => {
    const load = (): void => void useSyncStore.getState().load().catch(() => undefined);
    load();
    const timer = setInterval(load, REFRESH_MS);
    // Each edit changes the history: count what waits again shortly after (one request for a burst of edits).
    let settle: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useProjectStore.subscribe(() => {
      if (!useSyncStore.getState().status?.joined) return;
      clearTimeout(settle);
      settle = setTimeout(load, EDIT_SETTLE_MS);
    });
    return () => {
      clearInterval(timer);
      clearTimeout(settle);
      unsubscribe();
    };
  }, []);

  // A laptop that joined a team works as its member: the server takes spans only under that name.
  const member = status?.joined ? status.member : null;
  useEffect(() => {
    // Choosing the name may add it to the project's annotators: one more change to send.
    if (member !== null && annotator !== member) void switchAnnotator(member).then(() => useSyncStore.getState().load().catch(() => undefined));
  }, [member, annotator]);

  if (!status?.joined) return null;
  const waiting = status.waiting;
  const face = syncing ? 'Syncing…' : status.lastError ? 'Sync ⚠' : waiting > 0 ? `Sync (${waiting})` : 'Sync';
  const title = status.lastError
    ? `The last sync failed: ${status.lastError}`
    : `${waiting > 0 ? `${countOf(waiting, 'change')} waiting to go up` : 'Nothing waiting'}; last synced ${when(status.lastSyncedAt)}`;

  return (
    <div className="sync-control" role="group" aria-label="Team sync">
      <button type="button" onClick={() => void syncNow()} disabled={syncing} title={title} aria-label={`Sync with the team: ${title}`}>
        {face}
      </button>
      <button
        type="button"
        className="help-button"
        popoverTarget={DETAILS_ID}
        aria-label="Sync details"
        title="The team server, the last sync and what others changed"
        onClick={() => void useSyncStore.getState().loadChanged(true).catch(() => undefined)}
      >
        {status.changedByOthers > 0 ? '▾•' : '▾'}
      </button>
      <div id={DETAILS_ID} ref={details} popover="auto" className="sync-details" aria-label="Sync details">
        <dl>
          <dt>Server</dt>
          <dd>{status.serverUrl}</dd>
          <dt>You</dt>
          <dd>
            {status.member} ({status.role})
          </dd>
          <dt>Last synced</dt>
          <dd>{when(status.lastSyncedAt)}</dd>
          <dt>Waiting</dt>
          <dd>{countOf(waiting, 'change')}</dd>
          {status.setAside > 0 ? (
            <>
              <dt>Kept here</dt>
              <dd>
                {countOf(status.setAside, 'change')}: {status.setAsideReason}
              </dd>
            </>
          ) : null}
          {status.lastError ? (
            <>
              <dt>Last error</dt>
              <dd role="alert">{status.lastError}</dd>
            </>
          ) : null}
        </dl>
        <h3>Changed by others since your last sync</h3>
        {changed.length === 0 ? (
          <p>Nothing.</p>
        ) : (
          <ul className="changed-by-others">
            {changed.map((item) => (
              <li key={`${item.kind}:${item.key}:${item.changedAt}`}>
                <strong>{item.author}</strong> {item.summary} <time dateTime={item.changedAt}>{when(item.changedAt)}</time>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
