/** What every view's key handler needs: leaving keys to the focused control, and going back. */
import { useUiStore, type ViewName } from '../../stores/ui-store.js';
import { showView } from './views.js';

/** True when Enter or Space belongs to the focused control (a button, checkbox, link or tab), not to the view. */
export function ownedByControl(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  const control =
    target instanceof HTMLButtonElement || target instanceof HTMLInputElement || target instanceof HTMLAnchorElement || target.getAttribute('role') === 'tab';
  return control && (event.key === 'Enter' || event.key === ' ');
}

/** Escape in `from`: back to the view shown before it; false when there is none to go back to. */
export function goBackFrom(from: ViewName): boolean {
  const previous = useUiStore.getState().previousView;
  if (previous === null || previous === from) return false;
  showView(previous);
  return true;
}
