/** Asks once for the annotator's name, which is saved in this browser and sent with every span created. */
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { useUiStore } from '../../stores/ui-store.js';
import { switchAnnotator } from '../header/annotator-commands.js';

/** The dialog asking for the annotator's name. */
export function AnnotatorDialog() {
  const current = useUiStore((s) => s.annotator);
  const close = useUiStore((s) => s.closeDialog);
  const [name, setName] = useState(current ?? '');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (name.trim() === '') return;
    close();
    void switchAnnotator(name);
  };
  return (
    <Dialog label="Your name" heading={current === null ? 'Welcome to Marginalia' : 'Your name'} onClose={close} className="annotator-dialog">
      <form onSubmit={submit}>
        <p>Every span you create records who made it. What name should it carry?</p>
        <label>
          Your name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-autofocus autoComplete="name" />
        </label>
        <p className="hint">Added to the project’s annotators and kept in this browser; switch any time from the header.</p>
        <footer className="dialog-footer">
          <button type="submit" className="primary" disabled={name.trim() === ''}>
            Save
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
