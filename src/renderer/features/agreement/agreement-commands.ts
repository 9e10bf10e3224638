/** What the Agreement view's keys and buttons do. */
import { useAgreementStore } from '../../stores/agreement-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { showAdjudicationView } from '../adjudication/adjudication-commands.js';

/** The id of the per-document table's row at `index`, so keys can bring it into view and focus. */
export function documentRowId(index: number): string {
  return `agreement-document-${index}`;
}

/** Switches to the Agreement view and measures again: every edit elsewhere may change the figures. */
export function showAgreementView(): void {
  useUiStore.getState().setView('agreement');
  void refreshAgreement();
}

/** Measures agreement again for the annotators and labels ticked. */
export async function refreshAgreement(): Promise<void> {
  await useAgreementStore.getState().refresh();
}

/** Moves the cursor in the table of documents and focuses its row's link. */
export function moveDocumentCursor(step: number): void {
  useAgreementStore.getState().moveCursor(step);
  focusDocumentRow(useAgreementStore.getState().cursor);
}

/** Focuses the button of the document row at `index`, if it is on show. */
export function focusDocumentRow(index: number): void {
  if (typeof document === 'undefined') return;
  const button = document.getElementById(documentRowId(index))?.querySelector('button');
  button?.focus();
  button?.scrollIntoView({ block: 'nearest' });
}

/** Opens the document at `index` of the table in the Adjudication view, to settle where its annotators differ. */
export function openDocumentAt(index: number): void {
  const row = useAgreementStore.getState().report?.documents[index];
  if (!row) return;
  useAgreementStore.getState().setCursor(index);
  showAdjudicationView(row.documentId);
}
