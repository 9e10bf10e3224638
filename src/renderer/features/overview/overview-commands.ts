/** What the Overview view's keys and buttons do. */
import { useOverviewStore } from '../../stores/overview-store.js';
import { useUiStore } from '../../stores/ui-store.js';

/** Switches to the Overview and reads the figures again: they change with every edit elsewhere. */
export function showOverviewView(): void {
  useUiStore.getState().setView('overview');
  void refreshOverview();
}

/** Reads every figure of the Overview again. */
export async function refreshOverview(): Promise<void> {
  await useOverviewStore.getState().refresh();
}
