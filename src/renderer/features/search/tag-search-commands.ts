/** Tag from search, as the workbench runs it: the job, then the list, the open document and the history brought up to date. */
import type { TagQueryPreviewDto } from '../../../shared/api.js';
import { call } from '../../api-client.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { isRunning, useJobsStore } from '../../stores/jobs-store.js';
import { useListStore } from '../../stores/list-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { requireAnnotator, syncHistory } from '../workbench/commands.js';

/** Tags every match of `query` as `label` (the preview was shown and confirmed); one undo takes it back. */
export async function tagSearch(query: string, label: string, preview: TagQueryPreviewDto): Promise<void> {
  const jobs = useJobsStore.getState();
  const ui = useUiStore.getState();
  if (jobs.preparing.tag !== null || isRunning(jobs.tag)) {
    ui.notify('The matches of a search are already being tagged.');
    return;
  }
  const annotator = requireAnnotator();
  if (annotator === null) return;
  try {
    jobs.setPreparing('tag', { message: `Tagging ${preview.places} places…` });
    const { jobId } = await call('search:tag', { query, label, annotator });
    jobs.setPreparing('tag', null);
    const final = await useJobsStore.getState().follow('tag', jobId);
    if (final?.summary) useUiStore.getState().notify(`${final.summary.charAt(0).toUpperCase()}${final.summary.slice(1)}.`, { undoable: true });
    useListStore.getState().refresh();
    await useDocumentStore.getState().reload();
    await syncHistory();
  } catch (error) {
    useJobsStore.getState().setPreparing('tag', null);
    useUiStore.getState().reportError(error);
  }
}

/** Stops tagging the matches; what was tagged stays, and undo takes it back. */
export async function cancelTagSearch(): Promise<void> {
  try {
    await useJobsStore.getState().cancel('tag');
  } catch (error) {
    useUiStore.getState().reportError(error);
  }
}
