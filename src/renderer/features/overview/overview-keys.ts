/** The Overview view's keys (listed for users in help/shortcuts.ts). */
import { refreshOverview } from './overview-commands.js';
import { goBackFrom } from '../workbench/view-keys.js';

/** Handles a key pressed in the Overview view; false when it means nothing here. */
export function onOverviewKey(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  switch (event.key) {
    case 'r':
    case 'R':
      void refreshOverview();
      return true;
    case 'Escape': {
      return goBackFrom('overview');
    }
    default:
      return false;
  }
}
