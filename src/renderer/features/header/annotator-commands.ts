/**
 * Switching who is annotating, and how they look at the work. Done marks, the
 * list's filters and counts, J/K and "next not done" all follow the current
 * annotator, so a switch fetches the list, the open document and the open
 * duplicate cluster again.
 */
import { call } from '../../api-client.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { useDuplicatesStore } from '../../stores/duplicates-store.js';
import { useListStore } from '../../stores/list-store.js';
import { useTeamStore } from '../../stores/team-store.js';
import { useUiStore } from '../../stores/ui-store.js';

/** Makes `name` the current annotator, putting them on the project's list if they are new. */
export async function switchAnnotator(name: string): Promise<void> {
  const trimmed = name.trim();
  if (trimmed === '') return;
  useUiStore.getState().setAnnotator(trimmed);
  const team = useTeamStore.getState();
  // The list as the project has it now (the chooser may not have read it yet).
  await team.load();
  if (!useTeamStore.getState().annotators.some((a) => a.name === trimmed)) {
    // Kept in the project, not only in this browser: the CLI and the other annotators see them too.
    await useUiStore.getState().track('Adding the annotator…', call('annotators:create', { name: trimmed }));
  }
  await team.load();
  useListStore.getState().setFilters({});
  await Promise.all([useDocumentStore.getState().reload(), useDuplicatesStore.getState().reload()]);
}

/** Limits the document list to the current annotator's queue, or shows every document again. */
export function showQueue(queue: boolean): void {
  useTeamStore.getState().setQueue(queue);
  useListStore.getState().setFilters({});
}

/** Shows every annotator's spans in the document (a curator's look), or only the current annotator's. */
export async function showEveryone(everyone: boolean): Promise<void> {
  useTeamStore.getState().setShowEveryone(everyone);
  await Promise.all([useDocumentStore.getState().reload(), useDuplicatesStore.getState().reload()]);
}

/** Opens the next document the current annotator has not marked done (in their queue when the list shows it). */
export async function openNextNotDone(): Promise<void> {
  const ui = useUiStore.getState();
  const annotator = ui.annotator;
  if (annotator === null) {
    ui.openDialog('annotator');
    return;
  }
  const queue = useTeamStore.getState().queue;
  const afterId = useDocumentStore.getState().doc?.id ?? 0;
  const next = await ui.track('Finding the next document…', call('documents:next', { annotator, afterId, queue }));
  if (!next) return;
  if (next.id === null) {
    ui.notify(queue ? `Every document of ${annotator}’s queue is done.` : `Every document is done for ${annotator}.`);
    return;
  }
  ui.setView('documents');
  await useDocumentStore.getState().open(next.id, null);
}
