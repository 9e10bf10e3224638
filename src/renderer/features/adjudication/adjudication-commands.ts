/**
 * What the Adjudication view's keys and buttons do: move through documents and
 * their disagreements, settle a disagreement with one annotator's version or
 * with none, accept everything the annotators agree on, and edit or write
 * adjudicated spans. Each decision moves on to the next open disagreement.
 */
import type { LabelDto } from '../../../shared/api.js';
import { ADJUDICATOR } from '../../../shared/model.js';
import { call } from '../../api-client.js';
import { useAdjudicationList, useAdjudicationStore, type AdjudicationTab } from '../../stores/adjudication-store.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { selectionInText } from '../document/dom-selection.js';
import { snapSelection } from '../document/snap-selection.js';
import { plural } from '../duplicates/cluster-names.js';
import { edited } from '../workbench/commands.js';
import { layoutDisagreement, nextOpenDisagreement, progressText, supersededDecisions } from './disagreement-layout.js';

/** The context passage, where text is selected to write a span of one's own. */
export const ADJUDICATION_CONTEXT_ID = 'adjudication-context';

const ui = (): ReturnType<typeof useUiStore.getState> => useUiStore.getState();
const adj = (): ReturnType<typeof useAdjudicationStore.getState> => useAdjudicationStore.getState();
const list = (): ReturnType<typeof useAdjudicationList.getState> => useAdjudicationList.getState();

/** Switches to the Adjudication view, optionally on one document (from the Agreement view's table). */
export function showAdjudicationView(documentId?: number): void {
  ui().setView('adjudication');
  // Spans may have changed in other views since it was last on show: the list and document are fetched again.
  void list().refresh();
  if (documentId !== undefined && adj().documentId !== documentId) void adj().show(documentId, list().indexOf(documentId));
  else void adj().reload();
}

/** Shows the documents of `tab`, starting from the first. */
export function chooseAdjudicationTab(tab: AdjudicationTab): void {
  if (list().filters.status === tab) return;
  adj().clear();
  list().setFilters({ status: tab });
}

/** Shows the document at list index `index`. */
export async function showDocumentAt(index: number): Promise<void> {
  const item = await list().itemAt(index);
  if (item) await adj().show(item.documentId, index);
}

/** Shows the next (+1) or previous (-1) document in the list. */
export async function moveDocument(step: 1 | -1): Promise<void> {
  const { cursor, documentId } = adj();
  let target = cursor === null ? 0 : cursor + step;
  if (cursor !== null && step > 0) {
    // The document on show may have left the tab (all settled): the one now in its place comes next.
    const atCursor = await list().itemAt(cursor);
    if (atCursor && atCursor.documentId !== documentId) target = cursor;
  }
  if (target < 0 || (list().loaded && target >= list().total)) {
    ui().notify(step > 0 ? 'This is the last document in the list.' : 'This is the first document in the list.');
    return;
  }
  await showDocumentAt(target);
}

/** Steps to the next (+1) or previous (-1) disagreement of the document, open or settled. */
export function moveDisagreement(step: 1 | -1): void {
  const { detail, current } = adj();
  if (!detail || detail.disagreements.length === 0) return;
  const target = current + step;
  if (target < 0 || target >= detail.disagreements.length) {
    ui().notify(step > 0 ? 'This is the last disagreement in this document. J goes to the next document.' : 'This is the first disagreement in this document.');
    return;
  }
  adj().goTo(target);
}

/**
 * The document on show was edited: fetch it and the list again, say what was
 * done and how far the document is, then (with `advance`) go on to the next
 * open disagreement, or the next document once this one is settled.
 */
async function afterDecision(done: string, advance: boolean): Promise<void> {
  edited();
  const documentId = adj().documentId;
  const docs = useDocumentStore.getState();
  await Promise.all([adj().reload(), list().refresh(), docs.doc !== null && docs.doc.id === documentId ? docs.reload() : Promise.resolve()]);
  const { detail, current } = adj();
  if (!detail) return;
  const progress = `${progressText(detail.disagreements)} in “${detail.title}”.`;
  if (!advance || detail.disagreements[current]?.settled === false) {
    ui().notify(`${done} ${progress}`);
    return;
  }
  const nextHere = nextOpenDisagreement(detail.disagreements, current);
  if (nextHere !== null) {
    ui().notify(`${done} ${progress}`);
    adj().goTo(nextHere);
    return;
  }
  const nextDocument = await nextDocumentToSettle();
  ui().notify(`${done} ${progress}${nextDocument === null ? '' : ' On to the next document.'}`);
  if (nextDocument !== null) await showDocumentAt(nextDocument);
}

/**
 * Where the next document to work on sits once the one on show is settled (and
 * the list fetched again), or null. On the Open tab the settled document has
 * left the list, so the one now in its place comes next, else the first.
 */
async function nextDocumentToSettle(): Promise<number | null> {
  const { cursor, documentId } = adj();
  const { total, filters } = list();
  if (filters.status !== 'open') return cursor !== null && cursor + 1 < total ? cursor + 1 : null;
  if (total === 0) return null;
  const atCursor = cursor === null ? null : await list().itemAt(cursor);
  if (atCursor && atCursor.documentId !== documentId) return cursor;
  return cursor !== null && cursor + 1 < total ? cursor + 1 : 0;
}

/** Settles the disagreement on show with the version of the nth annotator (0 is the first column). */
export async function pickVersion(index: number): Promise<void> {
  const { detail, current } = adj();
  const disagreement = detail?.disagreements[current];
  if (!detail || !disagreement) return;
  const layout = layoutDisagreement(detail, disagreement);
  const version = layout.versions[index];
  if (!version) {
    ui().notify(`There ${layout.versions.length === 1 ? 'is one version' : `are ${layout.versions.length} versions`} here.`);
    return;
  }
  if (version.spans.length === 0) {
    // An annotator who tagged nothing here says none of the others' spans stands.
    await rejectVersions(`Kept ${version.annotator}’s version: no span here.`);
    return;
  }
  // Deciding a settled place again replaces the earlier decision, in the same undo step.
  const superseded = supersededDecisions(layout, version.spans);
  const spanIds = version.spans.map((span) => span.id);
  const result = await ui().track(
    `Taking ${version.annotator}’s version…`,
    call('adjudication:decide', { spanIds, decision: 'accept', replaces: superseded.map((span) => span.id) }),
  );
  if (!result) return;
  const replaced = superseded.length > 0 ? 'Replaced the earlier decision: ' : '';
  await afterDecision(`${replaced}Kept ${version.annotator}’s version (${plural(spanIds.length, 'span')}).`, true);
}

/** Settles the disagreement on show with none of the versions: every span of the group is turned down. */
export async function rejectVersions(message = 'None of these: the spans are left out of the adjudicated result.'): Promise<void> {
  const { detail, current } = adj();
  const disagreement = detail?.disagreements[current];
  if (!detail || !disagreement || disagreement.spanIds.length === 0) return;
  const layout = layoutDisagreement(detail, disagreement);
  const superseded = supersededDecisions(layout, [], layout.versions.flatMap((version) => version.spans));
  const result = await ui().track(
    'Turning down every version…',
    call('adjudication:decide', { spanIds: [...disagreement.spanIds], decision: 'reject', replaces: superseded.map((span) => span.id) }),
  );
  if (!result) return;
  await afterDecision(message, true);
}

/** Copies every span the annotators agree on in the document on show into the adjudicated result. */
export async function acceptAgreed(): Promise<void> {
  const detail = adj().detail;
  if (!detail) return;
  const result = await ui().track('Accepting the agreed spans…', call('adjudication:acceptAgreed', { documentId: detail.documentId }));
  if (!result) return;
  if (result.created === 0) ui().notify('Every agreed span is already in the adjudicated result.');
  else await afterDecision(`Accepted ${plural(result.created, 'agreed span')}.`, false);
}

/** Gives the adjudicated span `spanId` the label `label`. */
export async function relabelSpan(spanId: number, label: LabelDto): Promise<void> {
  const span = adj().detail?.spans.find((s) => s.id === spanId);
  if (!span || span.annotator !== ADJUDICATOR || span.label === label.name) return;
  const updated = await ui().track(`Changing the label to ${label.displayName}…`, call('spans:update', { id: spanId, label: label.name }));
  if (!updated) return;
  await afterDecision(`Now ${label.displayName}.`, false);
}

/** Deletes the adjudicated span `spanId` (the place may then be open again). */
export async function deleteAdjudicatedSpan(spanId: number): Promise<void> {
  const span = adj().detail?.spans.find((s) => s.id === spanId);
  if (!span || span.annotator !== ADJUDICATOR) return;
  const removed = await ui().track('Deleting the adjudicated span…', call('spans:delete', { id: spanId }));
  if (!removed) return;
  adj().selectSpan(null);
  await afterDecision('Deleted the adjudicated span.', false);
}

/** The selection in the context passage as the DOM has it now (a key may come before selectionchange). */
export function liveContextSelection(): { anchorU16: number; focusU16: number } | null {
  if (typeof document === 'undefined') return null;
  const root = document.getElementById(ADJUDICATION_CONTEXT_ID);
  return root ? selectionInText(root, document.getSelection()) : null;
}

/** Writes an adjudicated span of `label` over the text selected in the context (snapped to words unless `exact`). */
export async function tagContextSelection(label: LabelDto, options: { readonly exact: boolean }): Promise<void> {
  const { detail, offsets } = adj();
  const selection = liveContextSelection() ?? adj().textSelection;
  if (!detail || !offsets) return;
  if (selection === null) {
    ui().notify('Select some text in the context first, then pick a label.');
    return;
  }
  const range = snapSelection(detail.text, selection.anchorU16, selection.focusU16, { exact: options.exact });
  if (!range) {
    ui().notify('The selection holds only spaces or punctuation.');
    return;
  }
  const startCp = offsets.toCp(range.startU16);
  const endCp = offsets.toCp(range.endU16);
  const span = await ui().track(
    `Writing a ${label.displayName} span…`,
    call('spans:create', { documentId: detail.documentId, startCp, endCp, label: label.name, annotator: ADJUDICATOR }),
  );
  if (!span) return;
  globalThis.getSelection?.()?.removeAllRanges();
  adj().setTextSelection(null);
  await afterDecision(`Wrote “${offsets.sliceCp(startCp, endCp)}” as ${label.displayName}.`, true);
}

/** Selects the next (+1) or previous (-1) accepted adjudicated span of the disagreement on show, for a new label or deletion. */
export function moveAdjudicatedSelection(step: 1 | -1): boolean {
  const { detail, current, selectedSpanId } = adj();
  const disagreement = detail?.disagreements[current];
  if (!detail || !disagreement) return false;
  const spans = layoutDisagreement(detail, disagreement).adjudicated.accepted;
  if (spans.length === 0) return false;
  const index = spans.findIndex((span) => span.id === selectedSpanId);
  const target = spans[index < 0 ? (step > 0 ? 0 : spans.length - 1) : Math.max(0, Math.min(spans.length - 1, index + step))];
  if (target) adj().selectSpan(target.id);
  return true;
}
