/** Syncing from the workbench: the job, then every view brought up to date with what was pulled. */
import { isRunning, useJobsStore } from '../../stores/jobs-store.js';
import { call } from '../../api-client.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useListStore } from '../../stores/list-store.js';
import { useSyncStore } from '../../stores/sync-store.js';
import { useTeamStore } from '../../stores/team-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { refreshOtherViews, syncHistory } from '../workbench/commands.js';

/** Pushes this laptop's changes and pulls the team's; a sync already running is followed instead. */
export async function syncNow(): Promise<void> {
  const jobs = useJobsStore.getState();
  if (jobs.preparing.sync !== null || isRunning(jobs.sync)) return;
  const ui = useUiStore.getState();
  try {
    jobs.setPreparing('sync', { message: 'Syncing…' });
    const { jobId } = await call('sync:run', {});
    jobs.setPreparing('sync', null);
    const final = await useJobsStore.getState().follow('sync', jobId);
    if (final?.state === 'done') ui.notify(`Synced: ${final.summary ?? 'in step with the team'}.`);
    else if (final?.state === 'failed') ui.notify(`Sync failed: ${final.error ?? 'unknown error'}. Your changes are kept and go with the next sync.`);
  } catch (error) {
    useJobsStore.getState().setPreparing('sync', null);
    ui.reportError(error);
  }
  // Whatever happened, show where things stand and what arrived.
  await Promise.all([
    useSyncStore.getState().load().catch(() => undefined),
    useLabelsStore.getState().load().catch(() => undefined),
    useTeamStore.getState().load(),
  ]);
  useListStore.getState().refresh();
  await useDocumentStore.getState().reload();
  await syncHistory();
  await refreshOtherViews();
}
