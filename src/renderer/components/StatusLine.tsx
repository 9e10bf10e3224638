/** The bottom line: what long operations are doing right now, and the latest confirmation. */
import { useUiStore } from '../stores/ui-store.js';

/** The status line at the bottom of the window. */
export function StatusLine() {
  const busy = useUiStore((s) => s.busy);
  const notice = useUiStore((s) => s.notice);
  const current = busy[busy.length - 1];
  return (
    <footer className="status-line">
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
      <span className="status-hint">
        Press <kbd>?</kbd> for shortcuts
      </span>
    </footer>
  );
}
