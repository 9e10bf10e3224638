/** The Duplicates view's keys (listed for users in help/shortcuts.ts). */
import { useDuplicatesStore } from '../../stores/duplicates-store.js';
import { applyTransfers, decideCluster, moveCluster, openFocusedMember, splitChosenMembers } from './duplicate-commands.js';
import { goBackFrom, ownedByControl } from '../workbench/view-keys.js';

/** Handles a key pressed in the Duplicates view; false when it means nothing here. */
export function onDuplicatesKey(event: KeyboardEvent): boolean {
  if (event.altKey || ownedByControl(event)) return false;
  const dups = useDuplicatesStore.getState();
  // Inside the members (columns or list), the up and down arrows scroll the text.
  const inMembers = event.target instanceof Element && event.target.closest('.member-columns, .member-list') !== null;
  switch (event.key) {
    case 'j':
    case 'J':
      void moveCluster(1);
      return true;
    case 'k':
    case 'K':
      void moveCluster(-1);
      return true;
    case 'ArrowDown':
    case 'ArrowUp':
      if (inMembers) return false;
      void moveCluster(event.key === 'ArrowDown' ? 1 : -1);
      return true;
    case 'ArrowRight':
    case 'ArrowLeft':
      if (!dups.cluster) return false;
      dups.focusMember(dups.focusedMember + (event.key === 'ArrowRight' ? 1 : -1));
      return true;
    case ' ': {
      const member = dups.cluster?.memberList[dups.focusedMember];
      if (!member) return false;
      dups.toggleChosen(member.id);
      return true;
    }
    case 'c':
    case 'C':
      void decideCluster('confirmed');
      return true;
    case 'x':
    case 'X':
      void decideCluster('rejected');
      return true;
    case 's':
    case 'S':
      void splitChosenMembers();
      return true;
    case 't':
    case 'T':
      void applyTransfers();
      return true;
    case 'Enter':
    case 'o':
    case 'O':
      void openFocusedMember();
      return true;
    case 'Escape': {
      if (dups.chosen.size > 0) {
        dups.clearChosen();
        return true;
      }
      return goBackFrom('duplicates');
    }
    default:
      return false;
  }
}
