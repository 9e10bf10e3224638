/** Asks once for the annotator's name, which is saved in this browser and sent with every span created. */
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { useUiStore } from '../../stores/ui-store.js';

/** The dialog asking for the annotator's name. */
export function AnnotatorDialog() {
  const current = useUiStore((s) => s.annotator);
  const setAnnotator = useUiStore((s) => s.setAnnotator);
  const close = useUiStore((s) => s.closeDialog);
  const [name, setName] = useState(current ?? '');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (name.trim() === '') return;
    setAnnotator(name);
    close();
  };
  return (
    <Dialog label="Your name" heading={current === null ? 'Welcome to Marginalia' : 'Your name'} onClose={close} className="annotator-dialog">
      <form onSubmit={submit}>
        <p>Every span you create records who made it. What name should it carry?</p>
        <label>
          Your name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-autofocus autoComplete="name" />
        </label>
        <p className="hint">Kept in this browser; change it any time from the header.</p>
        <footer className="dialog-footer">
          <button type="submit" className="primary" disabled={name.trim() === ''}>
            Save
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
