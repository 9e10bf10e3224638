/** The `?` overlay: every keyboard shortcut, with the project's label keys. */
import { Dialog } from '../../components/Dialog.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { SHORTCUT_GROUPS } from './shortcuts.js';

/** The keyboard shortcuts dialog. */
export function ShortcutsHelp() {
  const close = useUiStore((s) => s.closeDialog);
  const labels = useLabelsStore((s) => s.labels);
  return (
    <Dialog label="Keyboard shortcuts" onClose={close} className="help-dialog">
      <div className="shortcut-groups">
        <section>
          <h3>Label keys</h3>
          <dl className="shortcuts">
            {labels.map((label) => (
              <div key={label.name}>
                <dt>{label.shortcutKey !== null ? <kbd>{label.shortcutKey}</kbd> : <span className="hint">no key</span>}</dt>
                <dd>{label.displayName}</dd>
              </div>
            ))}
          </dl>
        </section>
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group.title}>
            <h3>{group.title}</h3>
            <dl className="shortcuts">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.action}>
                  <dt>
                    {shortcut.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 ? ' ' : null}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{shortcut.action}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="hint">
        Every edit is saved as you make it; there is no save button. A key with nothing to act on says why, and the keys typed straight after it are not run.
      </p>
    </Dialog>
  );
}
