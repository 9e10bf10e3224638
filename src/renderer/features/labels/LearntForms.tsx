/**
 * The Learnt forms list: the forms annotators tagged, accepted or rejected, per
 * label, with their counts and whether suggestion runs propose them wherever
 * they occur (tagged or accepted at least twice, rejected no more often).
 * Removing one makes runs forget it; undo (Ctrl/⌘+Z) brings it back.
 */
import { useEffect, useState } from 'react';
import type { LearntFormDto } from '../../../shared/api.js';
import { countOf } from '../../../shared/plural.js';
import { call } from '../../api-client.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { edited, undoRedo } from '../workbench/commands.js';

/** Forms shown at once; the filter narrows a long list. */
const SHOWN = 100;

/** Whether runs propose the form, and if not, why. */
function standing(form: LearntFormDto): string {
  if (form.proposed) return 'proposed everywhere';
  if (form.accepted < 2) return 'needs another tag';
  return 'rejected too often';
}

export function LearntForms() {
  const labels = useLabelsStore((s) => s.labels);
  const byName = useLabelsStore((s) => s.byName);
  const [label, setLabel] = useState('');
  const [contains, setContains] = useState('');
  const [page, setPage] = useState<{ readonly total: number; readonly items: readonly LearntFormDto[] } | null>(null);
  const [version, setVersion] = useState(0);
  // The form just removed, so the dialog itself offers its undo (the status line's is behind the dialog).
  const [removed, setRemoved] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(
      () => {
        call('learntForms:list', { ...(label === '' ? {} : { label }), ...(contains.trim() === '' ? {} : { contains }), limit: SHOWN })
          .then((found) => {
            if (!cancelled) setPage(found);
          })
          .catch((error: unknown) => {
            if (!cancelled) useUiStore.getState().reportError(error);
          });
      },
      contains === '' ? 0 : 150,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [label, contains, version]);

  const remove = async (form: LearntFormDto): Promise<void> => {
    const ui = useUiStore.getState();
    const name = byName.get(form.label)?.displayName ?? form.label;
    const done = await ui.track(`Forgetting “${form.surface}”…`, call('learntForms:remove', { label: form.label, surface: form.surface }));
    if (!done) return;
    const said = `Forgot “${form.surface}” as ${name}: runs no longer propose it.`;
    ui.notify(said, { undoable: true });
    edited();
    setRemoved(said);
    setVersion((v) => v + 1);
    // The open document's learnt suggestions no longer have those counts behind them.
    await useDocumentStore.getState().reload();
  };

  const undoRemoval = async (): Promise<void> => {
    setRemoved(null);
    await undoRedo('undo');
    setVersion((v) => v + 1);
  };

  return (
    <section className="learnt-forms" aria-labelledby="learnt-forms-heading">
      <h3 id="learnt-forms-heading">Learnt forms</h3>
      <p className="hint">
        Suggestion runs propose a form wherever it occurs once it was tagged or accepted at least twice and rejected no more often. Remove a form
        tagged by mistake to stop that.
      </p>
      <div className="learnt-forms-filters">
        <select aria-label="Learnt forms of label" value={label} onChange={(event) => setLabel(event.target.value)}>
          <option value="">Every label</option>
          {labels.map((l) => (
            <option key={l.name} value={l.name}>
              {l.displayName}
            </option>
          ))}
        </select>
        <input type="search" aria-label="Filter learnt forms" placeholder="Filter forms" value={contains} maxLength={200} onChange={(event) => setContains(event.target.value)} />
        {page ? <span className="hint">{page.total > page.items.length ? `${page.items.length} of ${countOf(page.total, 'form')}` : countOf(page.total, 'form')}</span> : null}
      </div>
      {removed !== null ? (
        <p className="learnt-forms-removed" role="status">
          {removed}{' '}
          <button type="button" onClick={() => void undoRemoval()}>
            Undo
          </button>
        </p>
      ) : null}
      {page && page.items.length > 0 ? (
        <table className="learnt-forms-table">
          <thead>
            <tr>
              <th scope="col">Form</th>
              <th scope="col">Label</th>
              <th scope="col">Tags</th>
              <th scope="col">Rejections</th>
              <th scope="col">Runs</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((form) => {
              const name = byName.get(form.label)?.displayName ?? form.label;
              return (
                <tr key={`${form.label}\u0000${form.surface}`} data-proposed={form.proposed}>
                  <td className="learnt-form-surface">{form.surface}</td>
                  <td>{name}</td>
                  <td className="number">{form.accepted}</td>
                  <td className="number">{form.rejected}</td>
                  <td>{standing(form)}</td>
                  <td>
                    <button type="button" className="quiet" aria-label={`Remove “${form.surface}” (${name})`} onClick={() => void remove(form)}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : page ? (
        <p className="hint">{contains.trim() === '' ? 'Nothing learnt yet: tags teach the suggestion runs their forms.' : 'No learnt form matches.'}</p>
      ) : null}
    </section>
  );
}
