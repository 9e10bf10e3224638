/** Errors of any operation, one dismissible line each, until the user closes them. */
import { useUiStore } from '../stores/ui-store.js';

/** The dismissible error lines under the header (nothing when there are none). */
export function ErrorBar() {
  const errors = useUiStore((s) => s.errors);
  const dismiss = useUiStore((s) => s.dismissError);
  if (errors.length === 0) return null;
  return (
    <div className="error-bar" role="alert">
      {errors.map((error) => (
        <div key={error.id} className="error-line">
          <span className="error-message">{error.message}</span>
          <button type="button" className="quiet" onClick={() => dismiss(error.id)} aria-label="Dismiss error">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
