/** The header's tabs between the Documents, Duplicates and Entities views. */
import { useRef, type KeyboardEvent } from 'react';
import { useUiStore, VIEW_NAMES, type ViewName } from '../../stores/ui-store.js';
import { showView, VIEW_KEYS, viewTitle } from '../workbench/views.js';

/** Element id of a view's tab, for the view's aria-labelledby. */
export function viewTabId(view: ViewName): string {
  return `view-tab-${view}`;
}

/** Element id of a view's panel, for its tab's aria-controls. */
export function viewPanelId(view: ViewName): string {
  return `view-panel-${view}`;
}

/** A tablist of the views; arrow keys move between tabs as in any tablist. */
export function ViewTabs() {
  const current = useUiStore((s) => s.view);
  const refs = useRef(new Map<ViewName, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = VIEW_NAMES.indexOf(current);
    const next = VIEW_NAMES[(index + (event.key === 'ArrowRight' ? 1 : VIEW_NAMES.length - 1)) % VIEW_NAMES.length] as ViewName;
    showView(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div className="view-tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
      {VIEW_NAMES.map((view) => (
        <button
          key={view}
          ref={(element) => {
            if (element) refs.current.set(view, element);
            else refs.current.delete(view);
          }}
          id={viewTabId(view)}
          type="button"
          role="tab"
          aria-selected={view === current}
          aria-controls={viewPanelId(view)}
          tabIndex={view === current ? 0 : -1}
          title={`${viewTitle(view)} (G then ${VIEW_KEYS[view].toUpperCase()})`}
          className={view === current ? 'view-tab current' : 'view-tab'}
          onClick={() => showView(view)}
        >
          {viewTitle(view)}
        </button>
      ))}
    </div>
  );
}
