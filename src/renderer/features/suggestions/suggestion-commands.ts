/**
 * What the suggestion keys and buttons do: accept or reject the selected
 * suggestion and move on to the next, accept all of a document (or of one
 * label), jump between suggestions, and ask the Node side to propose spans.
 * Every decision goes through spans:decide, which the project records as one
 * undoable edit however many spans it touches.
 */
import type { SpanDto } from '../../../shared/api.js';
import { call } from '../../api-client.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { isRunning, useJobsStore } from '../../stores/jobs-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useListStore } from '../../stores/list-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { confirmFirst } from '../../stores/confirm-store.js';
import { acceptAllQuestion, acceptEverywhereQuestion, isBigAction, suggestAllQuestion } from '../workbench/big-actions.js';
import { edited, requireAnnotator, syncHistory } from '../workbench/commands.js';
import { nearestSuggestion } from './suggestion-order.js';

const ui = (): ReturnType<typeof useUiStore.getState> => useUiStore.getState();
const docs = (): ReturnType<typeof useDocumentStore.getState> => useDocumentStore.getState();

/** The selected span when it is a suggestion still to decide, else null. */
export function selectedSuggestion(): Readonly<SpanDto> | null {
  const { doc, selectedSpanId } = docs();
  if (!doc || selectedSpanId === null) return null;
  const span = doc.spans.find((s) => s.id === selectedSpanId);
  return span?.status === 'suggested' ? span : null;
}

/** Selects `span` (or nothing) as a keyboard move would: any text selection gives way. */
function selectOnly(span: { readonly id: number } | null): void {
  globalThis.getSelection?.()?.removeAllRanges();
  docs().setTextSelection(null);
  docs().selectSpan(span?.id ?? null);
}

/** Selects the next (+1) or previous (-1) suggestion in the open document, wrapping around; false when there is none. */
export function moveToSuggestion(step: 1 | -1): boolean {
  const { doc, selectedSpanId } = docs();
  if (!doc) return false;
  const from = doc.spans.find((s) => s.id === selectedSpanId) ?? null;
  const next = nearestSuggestion(doc.spans, from, step);
  if (!next) {
    ui().notify('No suggestions in this document.');
    return false;
  }
  selectOnly(next);
  return true;
}

/**
 * Accepts or rejects the selected suggestion and selects the next one, so an
 * annotator can go A, A, X, A… without looking for the next. The view moves on
 * before the project answers, so keys pressed in quick succession each decide
 * the suggestion they were meant for; a refused decision puts the view back.
 */
export async function decideSelected(status: 'accepted' | 'rejected'): Promise<void> {
  const span = selectedSuggestion();
  if (!span) return;
  const annotator = requireAnnotator();
  if (annotator === null) return;
  const decided = { ...span, status };
  docs().spanSaved(decided);
  const doc = docs().doc;
  const next = doc ? nearestSuggestion(doc.spans, decided, 1) : null;
  selectOnly(next);
  if (!next) ui().notify('That was the last suggestion in this document.');
  const result = await ui().track(
    status === 'accepted' ? 'Accepting the suggestion…' : 'Rejecting the suggestion…',
    call('spans:decide', { ids: [span.id], status, annotator }),
  );
  if (!result) {
    await docs().reload();
    return;
  }
  edited();
}

/**
 * Accepts every suggestion in the open document, or only those of `label`; more
 * than a few dozen ask first. One undo takes them all back.
 */
export async function acceptAll(label?: string): Promise<void> {
  const doc = docs().doc;
  if (!doc) return;
  const count = doc.spans.filter((s) => s.status === 'suggested' && (label === undefined || s.label === label)).length;
  const labelName = label === undefined ? undefined : (useLabelsStore.getState().byName.get(label)?.displayName ?? label);
  const name = labelName === undefined ? '' : ` ${labelName}`;
  if (count === 0) {
    ui().notify(`No${name} suggestions to accept in this document.`);
    return;
  }
  const annotator = requireAnnotator();
  if (annotator === null) return;
  if (isBigAction({ places: count }) && !(await confirmFirst(acceptAllQuestion(count, labelName)))) return;
  // The document may have changed while the question was open.
  if (docs().doc?.id !== doc.id) return;
  const result = await ui().track(
    `Accepting ${count}${name} ${count === 1 ? 'suggestion' : 'suggestions'}…`,
    call('spans:decide', { documentId: doc.id, ...(label === undefined ? {} : { label }), status: 'accepted', annotator }),
  );
  if (!result) return;
  ui().notify(`Accepted ${result.changed}${name} ${result.changed === 1 ? 'suggestion' : 'suggestions'}.`);
  edited();
  await docs().reload();
}

/**
 * Accepts every suggestion of `label` (every label when undefined) in the
 * whole project, as a job that can be cancelled; always asks first, with the
 * count the project gives. One undo takes it all back.
 */
export async function acceptEverywhere(label?: string): Promise<void> {
  const jobs = useJobsStore.getState();
  if (jobs.preparing.decide !== null || isRunning(jobs.decide)) {
    ui().notify('Suggestions are already being accepted across the project.');
    return;
  }
  const annotator = requireAnnotator();
  if (annotator === null) return;
  const overview = await ui().track('Counting suggestions…', call('overview:get', {}));
  if (!overview) return;
  const count = overview.spansPerLabel.filter((row) => label === undefined || row.label === label).reduce((sum, row) => sum + row.suggested, 0);
  const labelName = label === undefined ? undefined : (useLabelsStore.getState().byName.get(label)?.displayName ?? label);
  if (count === 0) {
    ui().notify(`No${labelName === undefined ? '' : ` ${labelName}`} suggestions to accept in the project.`);
    return;
  }
  if (!(await confirmFirst(acceptEverywhereQuestion(count, labelName)))) return;
  try {
    jobs.setPreparing('decide', { message: 'Starting…' });
    const { jobId } = await call('suggestions:decideAll', { ...(label === undefined ? {} : { label }), status: 'accepted', annotator });
    jobs.setPreparing('decide', null);
    const final = await useJobsStore.getState().follow('decide', jobId);
    if (final?.summary) ui().notify(`${final.summary.charAt(0).toUpperCase()}${final.summary.slice(1)}.`);
    useListStore.getState().refresh();
    await docs().reload();
    await syncHistory();
  } catch (error) {
    jobs.setPreparing('decide', null);
    ui().reportError(error);
  }
}

/** Stops accepting suggestions across the project; what was accepted stays, and undo takes it back. */
export async function cancelAcceptEverywhere(): Promise<void> {
  try {
    await useJobsStore.getState().cancel('decide');
  } catch (error) {
    ui().reportError(error);
  }
}

/** True (after saying so) while a suggestion run is starting or running. */
function suggestionsUnderWay(): boolean {
  const jobs = useJobsStore.getState();
  if (jobs.preparing.suggest === null && !isRunning(jobs.suggest)) return false;
  ui().notify('Suggestions are already being proposed.');
  return true;
}

/**
 * Proposes spans for the open document, or for every document of the project,
 * and follows the job. Over a project of more than a few hundred documents it
 * asks first, with the count the project gives.
 */
export async function runSuggestions(scope: 'document' | 'project'): Promise<void> {
  if (suggestionsUnderWay()) return;
  const doc = docs().doc;
  if (scope === 'document' && !doc) {
    ui().notify('Open a document first, or propose spans for the whole project.');
    return;
  }
  if (scope === 'project') {
    const info = await ui().track('Counting documents…', call('project:info', {}));
    if (!info) return;
    if (isBigAction({ documents: info.documents }) && !(await confirmFirst(suggestAllQuestion(info.documents)))) return;
    // Another run may have started while the question was open.
    if (suggestionsUnderWay()) return;
  }
  const jobs = useJobsStore.getState();
  try {
    jobs.setPreparing('suggest', { message: 'Starting…' });
    const { jobId } = await call('suggestions:run', scope === 'document' && doc ? { documentIds: [doc.id] } : {});
    jobs.setPreparing('suggest', null);
    const final = await useJobsStore.getState().follow('suggest', jobId);
    if (final) await afterSuggestions();
  } catch (error) {
    jobs.setPreparing('suggest', null);
    ui().reportError(error);
  }
}

/** New suggestions exist: show them, and put the first under the keys if nothing is selected. */
async function afterSuggestions(): Promise<void> {
  useListStore.getState().refresh();
  await docs().reload();
  await syncHistory();
  const { doc, selectedSpanId, textSelection } = docs();
  if (doc && selectedSpanId === null && textSelection === null) {
    const first = nearestSuggestion(doc.spans, null, 1);
    if (first) selectOnly(first);
  }
}

/** Stops the running suggestion job. */
export async function cancelSuggestions(): Promise<void> {
  try {
    await useJobsStore.getState().cancel('suggest');
  } catch (error) {
    ui().reportError(error);
  }
}

/** Saves a span's normalised value (null clears it). */
export async function saveValue(spanId: number, value: unknown): Promise<boolean> {
  const updated = await ui().track('Saving the value…', call('spans:update', { id: spanId, value: value ?? null }));
  if (!updated) return false;
  docs().spanSaved(updated);
  edited();
  return true;
}
