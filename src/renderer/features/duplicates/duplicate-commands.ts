/**
 * What the Duplicates view's keys and buttons do: move through clusters, decide
 * them, split them, carry spans across a confirmed cluster, find duplicates,
 * and go between a cluster and the documents its members are in.
 */
import type { DuplicateMemberDto } from '../../../shared/api.js';
import { call } from '../../api-client.js';
import { DOCUMENT_TEXT_ID } from '../../components/element-ids.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { offerKey, useClusterList, useDuplicatesStore } from '../../stores/duplicates-store.js';
import { isRunning, useJobsStore } from '../../stores/jobs-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { edited, openDocumentAt, requireAnnotator, syncHistory } from '../workbench/commands.js';
import { plural } from './cluster-names.js';

const ui = (): ReturnType<typeof useUiStore.getState> => useUiStore.getState();
const dups = (): ReturnType<typeof useDuplicatesStore.getState> => useDuplicatesStore.getState();
const clusters = (): ReturnType<typeof useClusterList.getState> => useClusterList.getState();
const docs = (): ReturnType<typeof useDocumentStore.getState> => useDocumentStore.getState();

/** Switches to the Duplicates view, loading its list the first time. */
export function showDuplicatesView(): void {
  ui().setView('duplicates');
  if (!clusters().loaded) void clusters().refresh();
}

/** Shows the cluster at list index `index`. */
export async function showClusterAt(index: number): Promise<void> {
  const item = await clusters().itemAt(index);
  if (item) await dups().show(item.id, index);
}

/** Shows the next (+1) or previous (-1) cluster in the list. */
export async function moveCluster(step: 1 | -1): Promise<void> {
  const { cursor, clusterId } = dups();
  let target = cursor === null ? 0 : cursor + step;
  if (cursor !== null && step > 0) {
    // The cluster on show may have left this tab (decided): the one now in its place comes next.
    const atCursor = await clusters().itemAt(cursor);
    if (atCursor && atCursor.id !== clusterId) target = cursor;
  }
  const list = clusters();
  if (target < 0 || (list.loaded && target >= list.total)) {
    ui().notify(step > 0 ? 'This is the last cluster in the list.' : 'This is the first cluster in the list.');
    return;
  }
  await showClusterAt(target);
}

/** Fetches what a change to cluster `id` may have changed: the list and its counts, the cluster, the open document's marks. */
async function afterClusterChange(id: number): Promise<void> {
  const doc = docs().doc;
  const marksChanged = doc !== null && doc.duplicates.some((mark) => mark.clusterId === id);
  await Promise.all([clusters().refresh(), dups().reload(), marksChanged ? docs().reload() : Promise.resolve()]);
}

/** Confirms, rejects or reopens the cluster on show. */
export async function decideCluster(status: 'confirmed' | 'rejected' | 'suggested'): Promise<void> {
  const cluster = dups().cluster;
  if (!cluster || cluster.status === status) return;
  const annotator = requireAnnotator();
  if (annotator === null) return;
  const verb = status === 'confirmed' ? 'Confirming' : status === 'rejected' ? 'Rejecting' : 'Reopening';
  const decided = await ui().track(`${verb} the cluster…`, call('duplicates:decide', { id: cluster.id, status, annotator }));
  if (!decided) return;
  ui().notify(status === 'confirmed' ? 'Confirmed: these passages are duplicates.' : status === 'rejected' ? 'Rejected: these passages are not duplicates.' : 'The cluster is open again.');
  await Promise.all([afterClusterChange(cluster.id), syncHistory()]);
}

/** Moves the chosen members to a new cluster of their own. */
export async function splitChosenMembers(): Promise<void> {
  const { cluster, chosen } = dups();
  if (!cluster) return;
  if (chosen.size === 0) {
    ui().notify('Choose the members to move first (Space, or their checkboxes), then split.');
    return;
  }
  if (chosen.size >= cluster.memberList.length) {
    ui().notify('Leave at least one member in this cluster: a split moves the chosen ones to a new cluster.');
    return;
  }
  const annotator = requireAnnotator();
  if (annotator === null) return;
  const result = await ui().track('Splitting the cluster…', call('duplicates:split', { id: cluster.id, memberIds: [...chosen], annotator }));
  if (!result) return;
  dups().clearChosen();
  ui().notify(`Moved ${plural(result.created.members, 'member')} to a new cluster; ${result.kept.members} left here.`);
  await Promise.all([afterClusterChange(cluster.id), syncHistory(), docs().doc ? docs().reload() : Promise.resolve()]);
}

/** Copies the ticked spans on offer to the other members of the confirmed cluster on show, in one undoable step. */
export async function applyTransfers(): Promise<void> {
  const { cluster, transfers, skippedOffers } = dups();
  if (!cluster || !transfers || cluster.status !== 'confirmed') return;
  const offers = transfers.filter((offer) => !skippedOffers.has(offerKey(offer)));
  if (offers.length === 0) {
    ui().notify('No spans are ticked to copy.');
    return;
  }
  const annotator = requireAnnotator();
  if (annotator === null) return;
  const chosen = offers.map(({ fromSpanId, documentId, startCp, endCp }) => ({ fromSpanId, documentId, startCp, endCp }));
  const result = await ui().track(
    `Copying ${plural(offers.length, 'span')}…`,
    call('duplicates:applyTransfers', { clusterId: cluster.id, annotator, ...(skippedOffers.size > 0 ? { offers: chosen } : {}) }),
  );
  if (!result) return;
  ui().notify(`Copied ${plural(result.created, 'span')}. Undo takes them all back.`);
  edited();
  const doc = docs().doc;
  const touchesOpen = doc !== null && offers.some((offer) => offer.documentId === doc.id);
  await Promise.all([dups().reload(), touchesOpen ? docs().reload() : Promise.resolve()]);
}

/** Starts duplicate detection over the whole project and follows it; the list is refreshed when it ends. */
export async function findDuplicates(): Promise<void> {
  const jobs = useJobsStore.getState();
  if (isRunning(jobs.dedupe) || jobs.preparing.dedupe !== null) return;
  try {
    jobs.setPreparing('dedupe', { message: 'Starting duplicate detection…' });
    const { jobId } = await call('duplicates:detect', {});
    jobs.setPreparing('dedupe', null);
    const final = await useJobsStore.getState().follow('dedupe', jobId);
    if (!final) return;
    if (final.state === 'done' && final.summary) ui().notify(final.summary);
    // Even a cancelled run may have stored clusters before it stopped.
    await Promise.all([clusters().refresh(), docs().doc ? docs().reload() : Promise.resolve()]);
    if (dups().clusterId !== null) await dups().reload();
    else if (clusters().total > 0) await showClusterAt(0);
  } catch (error) {
    jobs.setPreparing('dedupe', null);
    ui().reportError(error);
  }
}

/** Cancels the running duplicate detection. */
export async function cancelFindDuplicates(): Promise<void> {
  try {
    await useJobsStore.getState().cancel('dedupe');
  } catch (error) {
    ui().reportError(error);
  }
}

/** Opens the document of `member` in the Documents view, at its passage. */
export async function openMember(member: Pick<DuplicateMemberDto, 'documentId' | 'startCp' | 'endCp'>): Promise<void> {
  await openDocumentAt(member.documentId, { startCp: member.startCp, endCp: member.endCp });
}

/** Opens the member the keyboard is on. */
export async function openFocusedMember(): Promise<void> {
  const { cluster, focusedMember } = dups();
  const member = cluster?.memberList[focusedMember];
  if (member) await openMember(member);
}

/** Opens cluster `clusterId` in the Duplicates view from a passage's gutter mark, on the tab holding it. */
export async function openClusterOfPassage(clusterId: number, memberId: number): Promise<void> {
  const mark = docs().doc?.duplicates.find((d) => d.clusterId === clusterId);
  ui().setView('duplicates');
  const tab = clusters().filters.status;
  if (mark && tab !== 'all' && tab !== mark.status) clusters().setFilters({ status: mark.status });
  else if (!clusters().loaded) void clusters().refresh();
  await dups().show(clusterId, clusters().indexOf(clusterId), memberId);
}

/**
 * The keyboard's way to a gutter mark: the passage holding the selected span or
 * the text selection, else the first passage in view, else the first one.
 */
export async function openDuplicatesHere(): Promise<void> {
  const { doc, offsets, selectedSpanId, textSelection } = docs();
  if (!doc || !offsets) return;
  // Passages before whole-document clusters: the narrower match says more.
  const marks = doc.duplicates.filter((mark) => mark.status !== 'rejected').sort((a, b) => (a.kind === b.kind ? a.startCp - b.startCp : a.kind === 'passage' ? -1 : 1));
  if (marks.length === 0) {
    ui().notify('No passage of this document is known to have duplicates. Find them in the Duplicates view.');
    return;
  }
  const span = selectedSpanId === null ? undefined : doc.spans.find((s) => s.id === selectedSpanId);
  const atCp = span ? span.startCp : textSelection ? offsets.toCp(Math.min(textSelection.anchorU16, textSelection.focusU16)) : null;
  const holding = atCp === null ? undefined : marks.find((mark) => mark.startCp <= atCp && atCp < mark.endCp);
  const target = holding ?? firstPassageInView() ?? marks[0];
  if (target) await openClusterOfPassage(target.clusterId, target.memberId);
}

/** The first gutter mark drawn at or below the top of the document view. */
function firstPassageInView(): { clusterId: number; memberId: number } | undefined {
  const root = document.getElementById(DOCUMENT_TEXT_ID);
  const scroller = root?.parentElement;
  if (!root || !scroller) return undefined;
  const top = scroller.getBoundingClientRect().top;
  for (const button of root.querySelectorAll('button[data-cluster-id]')) {
    if (button.getBoundingClientRect().bottom >= top) {
      return { clusterId: Number(button.getAttribute('data-cluster-id')), memberId: Number(button.getAttribute('data-member-id')) };
    }
  }
  return undefined;
}
