/** The entity's aliases: each removable, and a field to add one. */
import { useState } from 'react';
import type { EntityDetailDto } from '../../../shared/api.js';
import { setAliases } from './entity-commands.js';

/** Lists and edits the aliases of `entity`. */
export function AliasEditor({ entity }: { readonly entity: EntityDetailDto }) {
  const [draft, setDraft] = useState('');
  const add = (): void => {
    const alias = draft.trim();
    if (alias === '' || alias === entity.name || entity.aliases.includes(alias)) {
      setDraft('');
      return;
    }
    setDraft('');
    void setAliases(entity.id, [...entity.aliases, alias]);
  };
  return (
    <section className="alias-editor" aria-labelledby="aliases-heading">
      <h3 id="aliases-heading">Aliases</h3>
      {entity.aliases.length === 0 ? (
        <p className="hint">No aliases: other names of this entity help suggestions find its mentions.</p>
      ) : (
        <ul className="alias-list" aria-label="Aliases">
          {entity.aliases.map((alias) => (
            <li key={alias} className="alias">
              {alias}
              <button
                type="button"
                className="quiet"
                aria-label={`Remove alias ${alias}`}
                onClick={() =>
                  void setAliases(
                    entity.id,
                    entity.aliases.filter((a) => a !== alias),
                  )
                }
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        aria-label="Add an alias"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <input aria-label="New alias" placeholder="Another name" value={draft} maxLength={300} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" disabled={draft.trim() === ''}>
          Add alias
        </button>
      </form>
    </section>
  );
}
