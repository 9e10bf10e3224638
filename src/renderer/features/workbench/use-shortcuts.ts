/**
 * The workbench's keyboard map (listed for users in help/shortcuts.ts). One
 * window listener, so keys work wherever focus is — except while typing in a
 * field or while a dialog is open, where keys belong to the field or dialog.
 * G then D, U or E goes to a view; the other keys mean what the view on show
 * says (the Duplicates and Entities views have their own maps).
 */
import { useEffect } from 'react';
import type { LabelDto } from '../../../shared/api.js';
import { assertNever } from '../../../shared/model.js';
import { ENTITY_LINK_FIELD_ID, NOTE_FIELD_ID, SEARCH_FIELD_ID } from '../../components/element-ids.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { useGuidelinesStore } from '../../stores/guidelines-store.js';
import { labelForKey, useLabelsStore } from '../../stores/labels-store.js';
import { useUiStore, VIEW_NAMES, type ViewName } from '../../stores/ui-store.js';
import { openDuplicatesHere } from '../duplicates/duplicate-commands.js';
import { onDuplicatesKey } from '../duplicates/duplicate-keys.js';
import { onEntitiesKey } from '../entities/entity-keys.js';
import { onAdjudicationKey } from '../adjudication/adjudication-keys.js';
import { onAgreementKey } from '../agreement/agreement-keys.js';
import { onOverviewKey } from '../overview/overview-keys.js';
import { acceptAll, decideSelected, moveToSuggestion, runSuggestions, selectedSuggestion } from '../suggestions/suggestion-commands.js';
import { applyLabel, deleteSelectedSpan, moveSpanSelection, openRelative, reportEdit, spanSurface, tagOccurrences, toggleDone, undoRedo } from './commands.js';
import { holdsKey, holdTypedKeys, releaseKeys } from './key-hold.js';
import { showView, VIEW_KEYS } from './views.js';

/** How long after G the second key of a view shortcut may come. */
const GO_WINDOW_MS = 1500;
let goPressedAt: number | null = null;

/** The view whose key (after G) is `key`. */
export function viewForKey(key: string): ViewName | undefined {
  return VIEW_NAMES.find((view) => VIEW_KEYS[view] === key.toLowerCase());
}

const NON_TEXT_INPUTS = new Set(['checkbox', 'button', 'submit', 'reset', 'color', 'file']);

/** True when keys typed at `target` are text for it rather than commands for us. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The label a key press means. With Alt held, macOS turns "1" into "¡", so the
 * physical key (event.code) says which label was meant.
 */
export function labelForEvent(labels: readonly LabelDto[], event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'shiftKey'>): LabelDto | undefined {
  const direct = labelForKey(labels, event.key);
  if (direct || !event.altKey) return direct;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(event.code);
  if (digit) return labelForKey(labels, digit[1] as string);
  const letter = /^Key([A-Z])$/.exec(event.code);
  if (letter) {
    const upper = letter[1] as string;
    return labelForKey(labels, event.shiftKey ? upper : upper.toLowerCase()) ?? labelForKey(labels, event.shiftKey ? upper.toLowerCase() : upper);
  }
  return undefined;
}

function focusById(id: string): void {
  const element = document.getElementById(id);
  if (element instanceof HTMLElement) element.focus();
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  const ui = useUiStore.getState();
  if (ui.dialog !== null) return;
  const typing = isTypingTarget(event.target);
  const shift = event.shiftKey;
  const lower = event.key.toLowerCase();

  if (event.ctrlKey || event.metaKey) {
    // In a field, Ctrl+Z undoes typing; only outside fields is it the project's undo.
    if (typing || event.altKey) return;
    if (lower === 'z') {
      event.preventDefault();
      void undoRedo(shift ? 'redo' : 'undo');
    } else if (lower === 'y' && event.ctrlKey && !shift) {
      event.preventDefault();
      void undoRedo('redo');
    }
    return;
  }
  if (typing) return;
  if (holdsKey(event)) {
    event.preventDefault();
    return;
  }

  // A label may hold G (projects made before it was reserved): in the document, the label wins.
  const gIsLabel = (): boolean => ui.view === 'documents' && useDocumentStore.getState().doc !== null && labelForKey(useLabelsStore.getState().labels, 'g') !== undefined;
  if (goPressedAt !== null && !event.altKey) {
    const view = Date.now() - goPressedAt < GO_WINDOW_MS ? viewForKey(event.key) : undefined;
    goPressedAt = null;
    if (view) {
      event.preventDefault();
      showView(view);
      return;
    }
  }
  if (event.key === 'g' && !event.altKey && !gIsLabel()) {
    event.preventDefault();
    goPressedAt = Date.now();
    return;
  }
  if (event.key === '?') {
    event.preventDefault();
    ui.openDialog('help');
    return;
  }

  switch (ui.view) {
    case 'documents':
      onDocumentsKey(event);
      return;
    case 'duplicates':
      if (onDuplicatesKey(event)) event.preventDefault();
      return;
    case 'entities':
      if (onEntitiesKey(event)) event.preventDefault();
      return;
    case 'agreement':
      if (onAgreementKey(event)) event.preventDefault();
      return;
    case 'adjudication':
      if (onAdjudicationKey(event)) event.preventDefault();
      return;
    case 'overview':
      if (onOverviewKey(event)) event.preventDefault();
      return;
    default:
      assertNever(ui.view);
  }
}

/** The Documents view's keys. */
function onDocumentsKey(event: KeyboardEvent): void {
  const docs = useDocumentStore.getState();
  const shift = event.shiftKey;
  const lower = event.key.toLowerCase();
  if (onSuggestionKey(event)) {
    event.preventDefault();
    return;
  }
  if (docs.occurrences !== null && lower === 'a' && !event.altKey) {
    event.preventDefault();
    void tagOccurrences(shift ? 'corpus' : 'document');
    return;
  }
  if (event.key === 'Escape') {
    if (docs.occurrences !== null) docs.setOccurrences(null);
    else if (docs.selectedSpanId !== null) docs.selectSpan(null);
    else if (docs.textSelection !== null) document.getSelection()?.removeAllRanges();
    return;
  }

  const label = docs.doc ? labelForEvent(useLabelsStore.getState().labels, event) : undefined;
  if (label) {
    event.preventDefault();
    void applyLabel(label, { exact: event.altKey });
    return;
  }
  if (event.altKey) return;

  const inList = event.target instanceof Element && event.target.closest('[role="listbox"]') !== null;
  switch (event.key) {
    case 'j':
    case 'J':
      event.preventDefault();
      void openRelative(1);
      return;
    case 'k':
    case 'K':
      event.preventDefault();
      void openRelative(-1);
      return;
    case 'd':
    case 'D':
      event.preventDefault();
      if (!docs.doc) holdTypedKeys('D marks the open document done: open a document first.');
      else void toggleDone();
      return;
    case 'n':
    case 'N':
      // Without preventDefault the "n" would be typed into the note once it has focus.
      event.preventDefault();
      if (docs.selectedSpanId === null) holdTypedKeys(noSpanReason('N writes a note on the selected span'));
      else focusById(NOTE_FIELD_ID);
      return;
    case 'Delete':
    case 'Backspace':
      event.preventDefault();
      if (docs.selectedSpanId === null) holdTypedKeys(noSpanReason(`${event.key} deletes the selected span`));
      else void deleteSelectedSpan();
      return;
    case ']':
    case '[':
      if (!docs.doc) return;
      event.preventDefault();
      moveSpanSelection(event.key === ']' ? 1 : -1);
      return;
    case 'ArrowRight':
    case 'ArrowLeft':
      if (docs.selectedSpanId === null || shift || inList) return;
      event.preventDefault();
      moveSpanSelection(event.key === 'ArrowRight' ? 1 : -1);
      return;
    case '/':
      event.preventDefault();
      focusById(SEARCH_FIELD_ID);
      return;
    case 'i':
    case 'I':
      event.preventDefault();
      useGuidelinesStore.getState().toggle();
      return;
    case 'u':
    case 'U':
      event.preventDefault();
      if (!docs.doc) holdTypedKeys('U opens the duplicates of a passage: open a document first.');
      else void openDuplicatesHere();
      return;
    case 'e':
    case 'E':
      // Without preventDefault the "e" would be typed into the field once it has focus.
      event.preventDefault();
      if (docs.selectedSpanId === null) holdTypedKeys(noSpanReason('E links the selected span to an entity'));
      else focusById(ENTITY_LINK_FIELD_ID);
      return;
    case 'a':
    case 'A':
      event.preventDefault();
      holdTypedKeys('A accepts the selected suggestion, or tags the other occurrences just offered: there is neither (S selects a suggestion).');
      return;
    case 'x':
    case 'X':
      event.preventDefault();
      holdTypedKeys('X rejects the selected suggestion: none is selected (S selects the next one).');
      return;
    default:
      // A letter or digit that means nothing here is a sign of typing meant for a field: hold what follows.
      if (/^[\p{L}\p{N}]$/u.test(event.key)) {
        event.preventDefault();
        holdTypedKeys(`“${event.key}” is not a shortcut here (press ? for the list).`);
      }
      return;
  }
}

/** Why a key that acts on the selected span cannot, and how to select one. */
function noSpanReason(what: string): string {
  const doc = useDocumentStore.getState().doc;
  if (doc === null) return `${what}: open a document first.`;
  if (useDocumentStore.getState().textSelection !== null) return `${what}: tag the selected text first (a label key), then select the span.`;
  return `${what}: no span is selected (click one, or press ] for the next).`;
}

/**
 * The suggestion keys of the Documents view; true when the key was one. A, Shift+A
 * and Enter decide only while a suggestion is selected, so A keeps tagging
 * occurrences otherwise.
 */
function onSuggestionKey(event: KeyboardEvent): boolean {
  if (event.altKey || useDocumentStore.getState().doc === null) return false;
  const lower = event.key.toLowerCase();
  // Enter on a focused button or link presses it; only elsewhere does it decide.
  const enter = event.key === 'Enter' && !(event.target instanceof Element && event.target.closest('button, a[href], summary') !== null);
  // A label holding one of these letters (projects made before they were reserved) keeps it.
  const isLabel = labelForKey(useLabelsStore.getState().labels, event.key) !== undefined;
  if (enter && event.shiftKey) {
    void acceptAll();
    return true;
  }
  if (lower === 's' && !isLabel) {
    moveToSuggestion(event.shiftKey ? -1 : 1);
    return true;
  }
  if (lower === 'p' && !isLabel) {
    void runSuggestions(event.shiftKey ? 'project' : 'document');
    return true;
  }
  const suggestion = selectedSuggestion();
  if (suggestion === null) return false;
  const what = `“${spanSurface(suggestion)}” (${labelName(suggestion.label)})`;
  if ((lower === 'a' && !event.shiftKey) || enter) {
    void reportEdit(() => decideSelected('accepted'), `Accepted ${what}.`);
    return true;
  }
  if (lower === 'a') {
    void acceptAll(suggestion.label);
    return true;
  }
  if (lower === 'x' && !event.shiftKey && !isLabel) {
    void reportEdit(() => decideSelected('rejected'), `Rejected ${what}.`);
    return true;
  }
  return false;
}

function labelName(name: string): string {
  return useLabelsStore.getState().byName.get(name)?.displayName ?? name;
}

/** Installs the workbench's keyboard shortcuts for as long as the component is mounted. */
export function useShortcuts(): void {
  useEffect(() => {
    // A click means the person has turned to something else: keys held after a refused one run again.
    const onPointerDown = (): void => releaseKeys();
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, []);
}
