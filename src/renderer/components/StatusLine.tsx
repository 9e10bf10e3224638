/** The bottom line: what long operations are doing right now, and the latest confirmation (with Undo when it reports an edit). */
import { useUiStore } from '../stores/ui-store.js';

export interface StatusLineProps {
  /** Takes back the edit an undoable notice reports. */
  readonly onUndo: () => void;
}

/** The status line at the bottom of the window; its height never changes, so nothing above it moves. */
export function StatusLine({ onUndo }: StatusLineProps) {
  const busy = useUiStore((s) => s.busy);
  const notice = useUiStore((s) => s.notice);
  const current = busy[busy.length - 1];
  return (
    <footer className="status-line">
      <span className="status-message">
        <span role="status" aria-live="polite">
          {current ? (
            <span className="busy">
              <span className="spinner" aria-hidden="true" />
              {current.message}
            </span>
          ) : (
            (notice?.message ?? '')
          )}
        </span>
        {!current && notice?.undoable ? (
          <button
            type="button"
            className="notice-undo"
            onClick={() => {
              useUiStore.getState().clearNotice();
              onUndo();
            }}
            aria-label="Undo the edit just made"
            title="Undo the edit just made (Ctrl+Z)"
          >
            Undo
          </button>
        ) : null}
      </span>
      <span className="status-hint">
        Press <kbd>?</kbd> for shortcuts
      </span>
    </footer>
  );
}
