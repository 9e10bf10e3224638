/**
 * A modal dialog on the native <dialog> element: the browser traps focus,
 * makes the rest inert and turns Escape into a cancel, which closes it here.
 * The element marked `data-autofocus` (a dialog's one field) gets the focus.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  /** The accessible name ("Import", "Export", …) and the visible heading. */
  readonly label: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly className?: string;
  /** A heading other than the label, when the visible title should say more. */
  readonly heading?: string;
  /** When given, a footer button with this text closes the dialog too. */
  readonly closeText?: string;
}

/** A modal with a heading and a close button; `label` is its accessible name. */
export function Dialog({ label, onClose, children, className, heading, closeText }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first control, the ✕; a dialog that asks for something marks its field instead.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (event: Event): void => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} role="dialog" aria-label={label} aria-modal="true" className={className ? `dialog ${className}` : 'dialog'}>
      <header className="dialog-header">
        <h2>{heading ?? label}</h2>
        <button type="button" className="quiet close" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      <div className="dialog-body">
        {children}
        {closeText !== undefined ? (
          <footer className="dialog-footer">
            <button type="button" onClick={onClose}>
              {closeText}
            </button>
          </footer>
        ) : null}
      </div>
    </dialog>
  );
}
