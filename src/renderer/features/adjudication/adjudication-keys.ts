/**
 * The Adjudication view's keys. Digits pick an annotator's version, except
 * while text is selected in the context or an adjudicated span is chosen: then
 * the label keys of the Documents view tag or relabel, as they do there.
 * (Typing in a field never reaches here: the workbench's listener stops first.)
 */
import { labelForKey, useLabelsStore } from '../../stores/labels-store.js';
import { useAdjudicationStore } from '../../stores/adjudication-store.js';
import {
  acceptAgreed,
  deleteAdjudicatedSpan,
  liveContextSelection,
  moveAdjudicatedSelection,
  moveDisagreement,
  moveDocument,
  pickVersion,
  rejectVersions,
  relabelSpan,
  tagContextSelection,
} from './adjudication-commands.js';
import { goBackFrom, ownedByControl } from '../workbench/view-keys.js';

/** A label key applied to the context's selection or to the chosen adjudicated span; false when neither is there. */
function onLabelKey(event: KeyboardEvent): boolean {
  const label = labelForKey(useLabelsStore.getState().labels, event.key);
  if (!label) return false;
  if (liveContextSelection() !== null || useAdjudicationStore.getState().textSelection !== null) {
    void tagContextSelection(label, { exact: false });
    return true;
  }
  const spanId = useAdjudicationStore.getState().selectedSpanId;
  if (spanId === null) return false;
  void relabelSpan(spanId, label);
  return true;
}

/** Handles a key pressed in the Adjudication view; false when it means nothing here. */
export function onAdjudicationKey(event: KeyboardEvent): boolean {
  if (event.altKey || ownedByControl(event)) return false;
  const store = useAdjudicationStore.getState();
  if (store.detail !== null && onLabelKey(event)) return true;
  switch (event.key) {
    case 'j':
    case 'J':
      void moveDocument(1);
      return true;
    case 'k':
    case 'K':
      void moveDocument(-1);
      return true;
    case 'n':
      moveDisagreement(1);
      return true;
    case 'N':
      moveDisagreement(-1);
      return true;
    case '0':
    case 'x':
    case 'X':
      void rejectVersions();
      return true;
    case 'a':
    case 'A':
      void acceptAgreed();
      return true;
    case ']':
    case '[':
      return moveAdjudicatedSelection(event.key === ']' ? 1 : -1);
    case 'Delete':
    case 'Backspace':
      if (store.selectedSpanId === null) return false;
      void deleteAdjudicatedSpan(store.selectedSpanId);
      return true;
    case 'Escape':
      if (store.selectedSpanId !== null) {
        store.selectSpan(null);
        return true;
      }
      if (store.textSelection !== null) {
        document.getSelection()?.removeAllRanges();
        store.setTextSelection(null);
        return true;
      }
      return goBackFrom('adjudication');
    default:
      if (/^[1-9]$/.test(event.key)) {
        void pickVersion(Number(event.key) - 1);
        return true;
      }
      return false;
  }
}
