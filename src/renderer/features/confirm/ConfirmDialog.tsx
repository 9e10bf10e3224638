/**
 * Asks before a big action, saying how big it is. Enter confirms (the confirm
 * button has focus), Escape or the close button cancels.
 */
import { useEffect, useRef, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { useConfirmStore } from '../../stores/confirm-store.js';

/** The confirmation dialog for the question the confirm store holds. */
export function ConfirmDialog() {
  const question = useConfirmStore((s) => s.question);
  const answer = useConfirmStore((s) => s.answer);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const id = question?.id ?? null;

  useEffect(() => {
    // Runs after Dialog's showModal (a child's effects come first), which would focus the close button.
    confirmRef.current?.focus();
  }, [id]);

  if (!question) return null;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    answer(question.id, true);
  };
  return (
    <Dialog label={question.heading} onClose={() => answer(question.id, false)} className="confirm-dialog">
      <form onSubmit={submit}>
        <p>{question.message}</p>
        <footer className="dialog-footer">
          <button type="button" onClick={() => answer(question.id, false)}>
            Cancel
          </button>
          <button type="submit" className="primary" ref={confirmRef}>
            {question.confirmText}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
