/**
 * What the annotator's keys and buttons do. Each command talks to the Node side
 * through the API client and then brings the stores up to date; every edit is
 * saved as it is made, so there is no save step anywhere.
 */
import type { JobStateDto, LabelDto } from '../../../shared/api.js';
import type { ExportFormat } from '../../../shared/model.js';
import { call } from '../../api-client.js';
import { DOCUMENT_TEXT_ID } from '../../components/element-ids.js';
import { countOf } from '../../../shared/plural.js';
import { refreshAdjudication } from '../../stores/adjudication-store.js';
import { confirmFirst } from '../../stores/confirm-store.js';
import { useDocumentStore, type OpenTarget, type TextSelection } from '../../stores/document-store.js';
import { useClusterList, useDuplicatesStore } from '../../stores/duplicates-store.js';
import { useEntitiesStore, useEntityList } from '../../stores/entities-store.js';
import { useEntityNamesStore } from '../../stores/entity-names-store.js';
import { useJobsStore } from '../../stores/jobs-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useListStore } from '../../stores/list-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useSuggestionsStore } from '../../stores/suggestions-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { selectionInText } from '../document/dom-selection.js';
import { snapSelection } from '../document/snap-selection.js';
import { encodeFiles } from '../import/read-files.js';
import { drawnSpans } from '../suggestions/suggestion-order.js';
import { isBigAction, tagOccurrencesQuestion } from './big-actions.js';
import { holdTypedKeys } from './key-hold.js';

const ui = (): ReturnType<typeof useUiStore.getState> => useUiStore.getState();
const docs = (): ReturnType<typeof useDocumentStore.getState> => useDocumentStore.getState();

/** Loads what the workbench needs on start. */
export async function startWorkbench(): Promise<void> {
  useListStore.getState().refresh();
  await Promise.all([
    ui().track('Opening the project…', useProjectStore.getState().load()),
    ui().track('Loading labels…', useLabelsStore.getState().load()),
  ]);
  if (ui().annotator === null) ui().openDialog('annotator');
}

let editsSaved = 0;

/** An edit was saved: undo now has something to do and redo has nothing. */
export function edited(): void {
  editsSaved++;
  useProjectStore.getState().setHistory({ canUndo: true, canRedo: false });
  useListStore.getState().refresh();
}

/** The longest stretch of a span's words a notice quotes. */
const QUOTE_CHARS = 40;

/** A span's words for a notice, shortened in the middle of a long one. */
export function spanSurface(span: { readonly startCp: number; readonly endCp: number }): string {
  const { doc, offsets } = docs();
  if (!doc || !offsets) return '';
  const text = doc.text.slice(offsets.toU16(span.startCp), offsets.toU16(span.endCp)).replace(/\s+/g, ' ');
  return text.length <= QUOTE_CHARS ? text : `${text.slice(0, QUOTE_CHARS - 12)}…${text.slice(-10)}`;
}

function labelTitle(name: string): string {
  return useLabelsStore.getState().byName.get(name)?.displayName ?? name;
}

/**
 * Runs a command from a single key and, when it saved an edit, says what it
 * did in a notice with Undo. A notice the command gave on the way ("That was
 * the last suggestion") is kept after it.
 */
export async function reportEdit(run: () => Promise<void>, done: string): Promise<void> {
  const before = editsSaved;
  const noticeBefore = ui().notice?.id;
  await run();
  if (editsSaved === before) return;
  const notice = ui().notice;
  const also = notice && notice.id !== noticeBefore && notice.undoable !== true ? ` ${notice.message}` : '';
  ui().notify(`${done}${also}`, { undoable: true });
}

/** The annotator's name, or null after asking for it. */
export function requireAnnotator(): string | null {
  const annotator = ui().annotator;
  if (annotator === null) ui().openDialog('annotator');
  return annotator;
}

/**
 * What a label key or button does: relabel the selected span, or tag the text
 * selected in the document (snapped to words unless `exact`).
 */
export async function applyLabel(label: LabelDto, options: { readonly exact: boolean }): Promise<void> {
  const { doc, offsets, selectedSpanId } = docs();
  const textSelection = liveTextSelection() ?? docs().textSelection;
  if (!doc || !offsets) return;
  if (textSelection === null && selectedSpanId !== null) {
    const span = doc.spans.find((s) => s.id === selectedSpanId);
    if (!span || span.label === label.name) return;
    const updated = await ui().track(`Changing the label to ${label.displayName}…`, call('spans:update', { id: span.id, label: label.name }));
    if (updated) {
      docs().spanSaved(updated);
      edited();
      ui().notify(`Relabelled “${spanSurface(updated)}” from ${labelTitle(span.label)} to ${label.displayName}.`, { undoable: true });
    }
    return;
  }
  if (textSelection === null) {
    holdTypedKeys(`${label.displayName} tags the selected text: select some text in the document first (or a span to relabel).`);
    return;
  }
  const range = snapSelection(doc.text, textSelection.anchorU16, textSelection.focusU16, { exact: options.exact });
  if (!range) {
    ui().notify('The selection holds only spaces or punctuation.');
    return;
  }
  const annotator = requireAnnotator();
  if (annotator === null) return;
  const startCp = offsets.toCp(range.startU16);
  const endCp = offsets.toCp(range.endU16);
  const span = await ui().track(
    `Tagging as ${label.displayName}…`,
    call('spans:create', { documentId: doc.id, startCp, endCp, label: label.name, annotator }),
  );
  if (!span) return;
  globalThis.getSelection?.()?.removeAllRanges();
  docs().setTextSelection(null);
  docs().spanSaved(span);
  docs().selectSpan(span.id);
  edited();
  ui().notify(`Tagged “${spanSurface(span)}” as ${label.displayName}.`, { undoable: true });
  await offerOccurrences(doc.id, startCp, endCp, label.name);
}

/**
 * The selection in the document text as the DOM has it right now: a key pressed
 * straight after Shift+Arrow may come before the selectionchange event.
 */
function liveTextSelection(): TextSelection | null {
  if (typeof document === 'undefined') return null;
  const root = document.getElementById(DOCUMENT_TEXT_ID);
  return root ? selectionInText(root, document.getSelection()) : null;
}

/** Asks how many untagged copies of a new span's words exist and offers to tag them. */
async function offerOccurrences(documentId: number, startCp: number, endCp: number, label: string): Promise<void> {
  try {
    const found = await call('spans:occurrences', { documentId, startCp, endCp, label });
    if (docs().doc?.id !== documentId) return;
    if (found.inDocument > 0 || found.inCorpus > 0) {
      docs().setOccurrences({
        documentId,
        startCp,
        endCp,
        label,
        surface: found.surface,
        inDocument: found.inDocument,
        inCorpus: found.inCorpus,
        searchPending: found.searchPending,
      });
    } else {
      docs().setOccurrences(null);
    }
  } catch (error) {
    // The offer is a convenience: the span itself is saved, so say so quietly.
    ui().reportError(error);
  }
}

/**
 * Tags the offered occurrences in the open document or the whole corpus; more
 * than a few dozen places ask first, with the count the project found.
 */
export async function tagOccurrences(scope: 'document' | 'corpus'): Promise<void> {
  const offer = docs().occurrences;
  if (!offer) return;
  const annotator = requireAnnotator();
  if (annotator === null) return;
  const places = scope === 'document' ? offer.inDocument : offer.inCorpus;
  if (isBigAction({ places })) {
    const labelName = useLabelsStore.getState().byName.get(offer.label)?.displayName ?? offer.label;
    // Cancelled: the offer stays, so the smaller scope (or a second thought) is a key away.
    if (!(await confirmFirst(tagOccurrencesQuestion(offer, labelName, scope)))) return;
    if (docs().occurrences !== offer) return;
  }
  docs().setOccurrences(null);
  const where = scope === 'document' ? 'this document' : 'the corpus';
  const result = await ui().track(
    `Tagging “${offer.surface}” in ${countOf(places, 'place', 'places')} in ${where}…`,
    call('spans:tagOccurrences', { documentId: offer.documentId, startCp: offer.startCp, endCp: offer.endCp, label: offer.label, annotator, scope }),
  );
  if (!result) return;
  edited();
  ui().notify(`Tagged ${countOf(result.created, 'occurrence')} of “${offer.surface}” in ${where}.`, { undoable: true });
  await docs().reload();
}

/** Deletes the selected span and selects its neighbour, so Delete can be pressed again. */
export async function deleteSelectedSpan(): Promise<void> {
  const { doc, selectedSpanId } = docs();
  if (!doc || selectedSpanId === null) return;
  const spans = orderedSpans();
  const index = spans.findIndex((s) => s.id === selectedSpanId);
  const span = doc.spans.find((s) => s.id === selectedSpanId);
  const what = span ? `the ${labelTitle(span.label)} span “${spanSurface(span)}”` : 'the span';
  const removed = await ui().track('Deleting the span…', call('spans:delete', { id: selectedSpanId }));
  if (!removed) return;
  docs().spanRemoved(removed.id);
  // Keep the keyboard flow going: the next span (or the previous at the end) becomes selected.
  const next = spans[index + 1] ?? spans[index - 1];
  if (next && next.id !== removed.id) docs().selectSpan(next.id);
  edited();
  ui().notify(`Deleted ${what}.`, { undoable: true });
}

/** Saves the selected span's note (empty clears it). */
export async function saveNote(spanId: number, note: string): Promise<void> {
  const span = docs().doc?.spans.find((s) => s.id === spanId);
  const value = note.trim() === '' ? null : note;
  if (!span || (span.note ?? null) === value) return;
  const updated = await ui().track('Saving the note…', call('spans:update', { id: spanId, note: value }));
  if (updated) {
    docs().spanSaved(updated);
    edited();
  }
}

/** The open document's drawn spans in reading order (start, then longer first); rejected suggestions are not drawn, so keys skip them. */
export function orderedSpans(): readonly { readonly id: number; readonly startCp: number; readonly endCp: number }[] {
  return drawnSpans(docs().doc?.spans ?? []);
}

/** Selects the next (+1) or previous (-1) span in reading order; the first or last when none is selected. */
export function moveSpanSelection(step: 1 | -1): boolean {
  const spans = orderedSpans();
  if (spans.length === 0) return false;
  const selected = docs().selectedSpanId;
  const index = spans.findIndex((s) => s.id === selected);
  const target = index < 0 ? (step > 0 ? 0 : spans.length - 1) : index + step;
  const span = spans[target];
  if (!span) return false;
  // A text selection left on screen would look like what the next label key applies to.
  globalThis.getSelection?.()?.removeAllRanges();
  docs().setTextSelection(null);
  docs().selectSpan(span.id);
  return true;
}

/** Opens the next (+1) or previous (-1) document in list order. */
export async function openRelative(step: 1 | -1): Promise<void> {
  const list = useListStore.getState();
  const current = docs().listIndex;
  const target = current === null ? 0 : current + step;
  if (target < 0 || (list.loaded && target >= list.total)) {
    ui().notify(step > 0 ? 'This is the last document in the list.' : 'This is the first document in the list.');
    return;
  }
  const item = await list.itemAt(target);
  if (!item) return;
  list.requestScroll(target);
  await docs().open(item.id, target);
}

/** Opens a document in the Documents view at a span or a passage (from a duplicate member or an entity mention). */
export async function openDocumentAt(documentId: number, target: OpenTarget): Promise<void> {
  ui().setView('documents');
  await docs().open(documentId, null, target);
}

/** Asks the project whether undo and redo have anything to do (after edits the view cannot judge, such as decisions). */
export async function syncHistory(): Promise<void> {
  try {
    await useProjectStore.getState().load();
  } catch (error) {
    ui().reportError(error);
  }
}

/** Opens a document chosen in the list. */
export function openFromList(id: number, index: number): void {
  void docs().open(id, index);
}

/** Toggles the open document between done and not done. */
export async function toggleDone(): Promise<void> {
  const doc = docs().doc;
  if (!doc) return;
  // "Done" is each annotator's own.
  const annotator = requireAnnotator();
  if (annotator === null) return;
  const done = doc.status !== 'done';
  const item = await ui().track(done ? 'Marking the document done…' : 'Reopening the document…', call('documents:setDone', { id: doc.id, done, annotator }));
  if (!item) return;
  docs().statusChanged(item.id, item.status);
  edited();
  ui().notify(done ? `“${item.title}” is done.` : `“${item.title}” is open again.`, { undoable: true });
}

/** Undoes (or redoes) the last edit and shows the document it touched. */
export async function undoRedo(which: 'undo' | 'redo'): Promise<void> {
  const result = await ui().track(which === 'undo' ? 'Undoing…' : 'Redoing…', call(which === 'undo' ? 'history:undo' : 'history:redo', {}));
  if (!result) return;
  useProjectStore.getState().setHistory(result);
  if (!result.applied) {
    ui().notify(which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
    return;
  }
  ui().notify(`${which === 'undo' ? 'Undone' : 'Redone'}${result.description ? `: ${result.description}` : '.'}`);
  docs().setOccurrences(null);
  // Entity names may have changed with the edit (a merge, a rename): ask again.
  useEntityNamesStore.getState().forgetAll();
  const openId = docs().doc?.id;
  // In the Documents view the edit's document is shown; elsewhere the open one just catches up.
  if (result.documentId !== null && result.documentId !== openId && ui().view === 'documents') await docs().open(result.documentId, null);
  else await docs().reload();
  useListStore.getState().refresh();
  await refreshOtherViews();
}

/** Brings the Duplicates, Entities and Adjudication views up to date after undo or redo (only what has been looked at). */
export async function refreshOtherViews(): Promise<void> {
  const work: Promise<void>[] = [];
  if (useClusterList.getState().loaded) work.push(useClusterList.getState().refresh());
  if (useDuplicatesStore.getState().clusterId !== null) work.push(useDuplicatesStore.getState().reload());
  if (useEntityList.getState().loaded) work.push(useEntityList.getState().refresh());
  if (useEntitiesStore.getState().currentId !== null) {
    useEntitiesStore.getState().resetSelection();
    work.push(useEntitiesStore.getState().reloadDetail());
  }
  if (useSuggestionsStore.getState().loaded) work.push(useSuggestionsStore.getState().reload());
  work.push(refreshAdjudication());
  await Promise.all(work);
}

/** Uploads files (browser mode, or dropped in Electron) and follows the import job. */
export async function importFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  ui().openDialog('import');
  const jobs = useJobsStore.getState();
  const batches = uploadBatches(files);
  try {
    for (const [index, batch] of batches.entries()) {
      const prefix = batches.length > 1 ? `Part ${index + 1} of ${batches.length}: ` : '';
      const encoded = await encodeFiles(batch, (message) => jobs.setPreparing('import', { message: prefix + message }));
      jobs.setPreparing('import', { message: `${prefix}sending ${batch.length} ${batch.length === 1 ? 'file' : 'files'} to Marginalia…` });
      const { jobId } = await call('import:files', { files: encoded });
      jobs.setPreparing('import', null);
      const final = await useJobsStore.getState().follow('import', jobId);
      if (final) afterImport(final);
      // A cancelled or failed part stops the rest: the user asked to stop, or something is wrong.
      if (!final || final.state !== 'done') break;
    }
  } catch (error) {
    jobs.setPreparing('import', null);
    ui().reportError(error);
  }
}

/** Files per upload request, at most (the contract allows 10,000). */
const MAX_FILES_PER_UPLOAD = 2000;
/** Bytes per upload request, at most: base64 in JSON grows them by a third and the server bounds a request. */
const MAX_BYTES_PER_UPLOAD = 100 * 1024 * 1024;

/** Splits an upload into requests the server accepts; a single file over the byte bound goes alone. */
export function uploadBatches<T extends { readonly size: number }>(files: readonly T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= MAX_FILES_PER_UPLOAD || bytes + file.size > MAX_BYTES_PER_UPLOAD)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Imports files and folders by their paths on the machine running Marginalia. */
export async function importPaths(paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  ui().openDialog('import');
  const jobs = useJobsStore.getState();
  try {
    jobs.setPreparing('import', { message: 'Starting the import…' });
    const { jobId } = await call('import:paths', { paths: [...paths] });
    jobs.setPreparing('import', null);
    await followImport(jobId);
  } catch (error) {
    jobs.setPreparing('import', null);
    ui().reportError(error);
  }
}

async function followImport(jobId: string): Promise<void> {
  const final = await useJobsStore.getState().follow('import', jobId);
  if (final) afterImport(final);
}

/** New documents (and perhaps labels) exist: bring the list, counts and labels up to date. */
function afterImport(job: JobStateDto): void {
  if (job.documentsImported > 0 && docs().doc === null) ui().notify(`Imported ${countOf(job.documentsImported, 'document')}. Pick one on the left to start.`);
  useListStore.getState().refresh();
  void useProjectStore.getState().load().catch(ui().reportError);
  void useLabelsStore.getState().load().catch(ui().reportError);
  // An import also looks for duplicates of what came in: the clusters and the open document's marks may have changed.
  if (useClusterList.getState().loaded) void useClusterList.getState().refresh();
  if (docs().doc !== null) void docs().reload();
  // Another annotator's export brings new disagreements.
  void refreshAdjudication();
}

/** Starts an export written on the machine running Marginalia and follows it. */
export async function exportToPath(input: {
  readonly format: ExportFormat;
  readonly status: 'accepted' | 'suggested' | 'rejected' | 'all';
  readonly labels?: readonly string[];
  readonly annotators?: readonly string[];
  readonly bom: boolean;
  readonly path: string;
}): Promise<void> {
  const jobs = useJobsStore.getState();
  try {
    jobs.setPreparing('export', { message: 'Starting the export…' });
    const { jobId } = await call('export:start', {
      format: input.format,
      status: input.status,
      ...(input.labels ? { labels: [...input.labels] } : {}),
      ...(input.annotators ? { annotators: [...input.annotators] } : {}),
      ...(input.format === 'csv' ? { bom: input.bom } : {}),
      path: input.path,
    });
    jobs.setPreparing('export', null);
    await jobs.follow('export', jobId);
  } catch (error) {
    jobs.setPreparing('export', null);
    ui().reportError(error);
  }
}
