/**
 * The project's guidelines beside the document (I shows and hides them): the
 * lead's Markdown, rendered, with Edit to change it for everyone who opens the
 * project, and the built-in labels' rules until the project has its own.
 */
import { useEffect, useMemo, useState } from 'react';
import { useGuidelinesStore } from '../../stores/guidelines-store.js';
import { renderGuidelines } from './markdown.js';

function Editor({ initial, isDefault, onDone }: { readonly initial: string; readonly isDefault: boolean; readonly onDone: () => void }) {
  const [text, setText] = useState(initial);
  const save = useGuidelinesStore((s) => s.save);
  const [saving, setSaving] = useState(false);
  const run = async (value: string | null): Promise<void> => {
    setSaving(true);
    const saved = await save(value);
    setSaving(false);
    if (saved) onDone();
  };
  return (
    <form
      className="guidelines-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void run(text);
      }}
    >
      <label htmlFor="guidelines-text">Guidelines (Markdown)</label>
      <textarea id="guidelines-text" value={text} onChange={(event) => setText(event.target.value)} spellCheck autoFocus />
      <div className="guidelines-buttons">
        <button type="submit" className="primary" disabled={saving}>
          Save
        </button>
        <button type="button" onClick={onDone} disabled={saving}>
          Cancel
        </button>
        {!isDefault ? (
          <button type="button" className="quiet" onClick={() => void run(null)} disabled={saving} title="Back to the built-in labels' rules">
            Restore default
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The panel; nothing while it is hidden. */
export function GuidelinesPanel() {
  const open = useGuidelinesStore((s) => s.open);
  const guidelines = useGuidelinesStore((s) => s.guidelines);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (open && useGuidelinesStore.getState().guidelines === null) void useGuidelinesStore.getState().load();
  }, [open]);
  const html = useMemo(() => (guidelines ? renderGuidelines(guidelines.text) : ''), [guidelines]);
  if (!open) return null;
  return (
    <aside className="guidelines-panel" aria-label="Guidelines">
      <header className="guidelines-header">
        <h3>Guidelines{guidelines?.isDefault ? ' (built-in)' : ''}</h3>
        <div className="guidelines-buttons">
          {!editing && guidelines ? (
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          <button type="button" className="quiet" onClick={() => useGuidelinesStore.getState().toggle()} aria-label="Hide the guidelines (I)" title="Hide the guidelines (I)">
            ✕
          </button>
        </div>
      </header>
      {guidelines === null ? <p role="status">Loading the guidelines…</p> : null}
      {guidelines !== null && editing ? <Editor initial={guidelines.text} isDefault={guidelines.isDefault} onDone={() => setEditing(false)} /> : null}
      {guidelines !== null && !editing ? (
        // Sanitised in renderGuidelines: markdown-it escapes raw HTML and DOMPurify cleans the rest.
        <div className="guidelines-text" dangerouslySetInnerHTML={{ __html: html }} />
      ) : null}
    </aside>
  );
}
