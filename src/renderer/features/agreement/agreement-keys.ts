/** The Agreement view's keys (listed for users in help/shortcuts.ts). */
import { useAgreementStore } from '../../stores/agreement-store.js';
import { moveDocumentCursor, openDocumentAt, refreshAgreement } from './agreement-commands.js';
import { goBackFrom, ownedByControl } from '../workbench/view-keys.js';

/** Handles a key pressed in the Agreement view; false when it means nothing here. */
export function onAgreementKey(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey || ownedByControl(event)) return false;
  switch (event.key) {
    case 'j':
    case 'J':
    case 'ArrowDown':
      moveDocumentCursor(1);
      return true;
    case 'k':
    case 'K':
    case 'ArrowUp':
      moveDocumentCursor(-1);
      return true;
    case 'Enter':
      openDocumentAt(useAgreementStore.getState().cursor);
      return true;
    case 'r':
    case 'R':
      void refreshAgreement();
      return true;
    case 'Escape': {
      return goBackFrom('agreement');
    }
    default:
      return false;
  }
}
