/** The entity's name, editable: Enter or the button renames it. */
import { useEffect, useState } from 'react';
import type { EntityDetailDto } from '../../../shared/api.js';
import { ENTITY_NAME_FIELD_ID } from '../../components/element-ids.js';
import { renameEntity } from './entity-commands.js';

/** A one-field form that renames the entity. */
export function RenameForm({ entity }: { readonly entity: EntityDetailDto }) {
  const [draft, setDraft] = useState(entity.name);
  useEffect(() => setDraft(entity.name), [entity.id, entity.name]);
  const unchanged = draft.trim() === '' || draft.trim() === entity.name;
  return (
    <form
      className="inline-form"
      aria-label="Rename the entity"
      onSubmit={(event) => {
        event.preventDefault();
        if (!unchanged) void renameEntity(entity.id, draft);
      }}
    >
      <label htmlFor={ENTITY_NAME_FIELD_ID}>Name</label>
      <input
        id={ENTITY_NAME_FIELD_ID}
        value={draft}
        maxLength={300}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            setDraft(entity.name);
            event.currentTarget.blur();
          }
        }}
      />
      <button type="submit" disabled={unchanged}>
        Rename
      </button>
    </form>
  );
}
